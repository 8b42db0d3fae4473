import LoomCore
import Testing
@testable import Execution

@Suite struct CPUTraceEventsTests {
    private let cellStart: UInt64 = 1_000_000_000

    private func sample(tid: Int, endingAfter milliseconds: UInt64, cpu: UInt64, wait: UInt64? = nil) -> ThreadCPUSample {
        let end = cellStart + milliseconds * 1_000_000
        return ThreadCPUSample(tid: tid, intervalStart: end - 10_000_000, intervalEnd: end,
                               cpuNanoseconds: cpu, runQueueWaitNanoseconds: wait)
    }

    @Test func samplesBecomeCPUAndRunQueueWaitEventsOnTheThreadsLane() {
        let lanes = [
            TraceEvent(t: 0, lane: "MainThread", kind: .start, tid: 10),
            TraceEvent(t: 0.001, lane: "Thread-1 (work)", kind: .start, tid: 11),
        ]
        let events = CPUTraceEvents.events(
            from: [sample(tid: 10, endingAfter: 20, cpu: 5_000_000, wait: 1_000_000),
                   sample(tid: 11, endingAfter: 30, cpu: 10_000_000, wait: 0),
                   sample(tid: 99, endingAfter: 30, cpu: 10_000_000)],
            window: cellStart..<(cellStart + 1_000_000_000), laneEvents: lanes, timeScale: 1)
        #expect(events == [
            TraceEvent(t: 0.02, lane: "MainThread", kind: .cpu, duration: 0.005, tid: 10),
            TraceEvent(t: 0.02, lane: "MainThread", kind: .wait, duration: 0.001, text: "cpu", tid: 10),
            TraceEvent(t: 0.03, lane: "Thread-1 (work)", kind: .cpu, duration: 0.01, tid: 11),
        ])
    }

    @Test func pooledThreadIsChargedToTheLaneItRunsAtTheTime() {
        let lanes = [
            TraceEvent(t: 0, lane: "ThreadPoolExecutor-0_0", kind: .start, tid: 20),
            TraceEvent(t: 0.5, lane: "Task-2", kind: .start, tid: 20),
        ]
        let events = CPUTraceEvents.events(
            from: [sample(tid: 20, endingAfter: 100, cpu: 1), sample(tid: 20, endingAfter: 600, cpu: 1)],
            window: cellStart..<(cellStart + 1_000_000_000), laneEvents: lanes, timeScale: 1)
        #expect(events.map(\.lane) == ["ThreadPoolExecutor-0_0", "Task-2"])
    }

    @Test func samplesOutsideTheCellAreLeftOutAndTimesAreScaledBack() {
        let lanes = [TraceEvent(t: 0, lane: "MainThread", kind: .start, tid: 10)]
        let events = CPUTraceEvents.events(
            from: [sample(tid: 10, endingAfter: 50, cpu: 2_000_000), sample(tid: 10, endingAfter: 500, cpu: 1)],
            window: cellStart..<(cellStart + 100_000_000), laneEvents: lanes, timeScale: 0.1)
        #expect(events.count == 1)
        #expect(abs(events[0].t - 0.5) < 1e-9)
        #expect(abs((events[0].duration ?? 0) - 0.02) < 1e-9)
    }

    @Test func theSampleAtACellsMarkerBelongsToTheCellBefore() {
        let lanes = [TraceEvent(t: 0, lane: "MainThread", kind: .start, tid: 10)]
        let window = cellStart..<(cellStart + 100_000_000)
        let atStart = ThreadCPUSample(tid: 10, intervalStart: cellStart - 10_000_000, intervalEnd: cellStart,
                                      cpuNanoseconds: 7, runQueueWaitNanoseconds: nil)
        let atEnd = ThreadCPUSample(tid: 10, intervalStart: cellStart, intervalEnd: window.upperBound,
                                    cpuNanoseconds: 9, runQueueWaitNanoseconds: nil)
        let events = CPUTraceEvents.events(from: [atStart, atEnd], window: window, laneEvents: lanes, timeScale: 1)
        #expect(events.map(\.duration) == [9e-9])
    }
}
