import LoomCore
import Testing
@testable import Timeline

@Suite struct TraceSummaryTests {
    @Test func twoSleepsOneAfterTheOtherNeverOverlap() throws {
        let run = SeedTraces.synchronous()
        let summary = TraceSummary(events: run.events, wallTime: run.wallTime)
        #expect(summary.maxConcurrentSleepers == 1)
        #expect(summary.lanes.map(\.name) == ["MainThread"])
        let main = try #require(summary.lane(named: "MainThread"))
        #expect(abs(main.sleeping - 2) < 1e-9)
        #expect(main.waiting == 0)
        #expect(main.started == 0 && main.ended != nil)
        #expect(main.printedLines == 5)
        #expect(!summary.cpuMeasured)
    }

    @Test func tenThreadsSleepAtOnce() throws {
        let run = SeedTraces.tenThreads()
        let summary = TraceSummary(events: run.events, wallTime: run.wallTime)
        #expect(summary.maxConcurrentSleepers == 10)
        #expect(summary.maxConcurrentLanes == 11)
        #expect(summary.lanes.first?.name == "MainThread")
        #expect(summary.lanes.dropFirst().map(\.name) == (1...10).map { "Thread-\($0) (do_something)" })
        let main = try #require(summary.lane(named: "MainThread"))
        #expect(main.waiting > 1.49 && main.sleeping == 0)
        for lane in summary.lanes.dropFirst() {
            #expect(abs(lane.sleeping - 1.5) < 1e-9)
            #expect(abs(lane.started + lane.sleeping + lane.working - lane.ended!) < 1e-9)
        }
    }

    @Test func pooledSleepsOverlapFiveAtATime() {
        let run = SeedTraces.threadPools()
        let summary = TraceSummary(events: run.events, wallTime: run.wallTime)
        #expect(summary.maxConcurrentSleepers == 5)
        #expect(summary.maxConcurrentLanes == 6)
        #expect(summary.lanes.count == 11)
    }

    @Test func cpuSamplesSplitWorkFromTimeOffCPU() throws {
        let oversubscribed = ShapeTraces.cpuBound(lanes: 4, cores: 2, title: "")
        let summary = TraceSummary(events: oversubscribed.events, wallTime: oversubscribed.wallTime)
        #expect(summary.cpuMeasured)
        let lane = try #require(summary.lane(named: "Thread-1 (crunch)"))
        #expect(abs(lane.offCPU - 1) < 0.01 && abs(lane.working - 1) < 0.01)

        let gil = ShapeTraces.gilBound()
        let underGIL = try #require(TraceSummary(events: gil.events).lane(named: "Thread-1 (crunch)"))
        // Only the moment after the last sample, which no sample covers, counts as working.
        #expect(underGIL.working < 0.01 && underGIL.offCPU > 3.9)
    }

    @Test func aLaneWithoutAnEndLastsToTheEndOfTheRun() throws {
        let run = ShapeTraces.hoursLong()
        let summary = TraceSummary(events: run.events, wallTime: run.wallTime)
        let backup = try #require(summary.lane(named: "Thread-1 (backup)"))
        #expect(backup.ended == nil)
        #expect(abs(backup.started + backup.sleeping + backup.working - summary.duration) < 1e-6)
        #expect(summary.duration == 10_800.2)
    }

    @Test func emptyAndMalformedTracesGiveEmptyOrClampedSummaries() throws {
        #expect(TraceSummary(events: []).lanes.isEmpty)
        #expect(TraceSummary(events: []).duration == 0)
        let odd = [
            TraceEvent(t: .nan, lane: "MainThread", kind: .start),
            TraceEvent(t: -1, lane: "MainThread", kind: .sleep, duration: 2),
            TraceEvent(t: 3, lane: "MainThread", kind: .wait, duration: .infinity, text: "lock"),
            TraceEvent(t: 1, lane: "MainThread", kind: .end),
        ]
        let main = try #require(TraceSummary(events: odd).lane(named: "MainThread"))
        #expect(main.started == 0 && main.ended == 1)
        #expect(main.sleeping == 1)
    }
}
