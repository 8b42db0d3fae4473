import LoomCore
import Testing
@testable import Timeline

/// The three diagrams the threading note points at.
@Suite struct SeedDiagramTests {
    @Test func synchronousSnippetShowsTwoSleepsOneAfterTheOther() throws {
        let text = TimelineDiagram.text(SeedTraces.synchronous())
        try Golden.check(text, named: "snippet1-synchronous.txt")
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("MainThread") })
        #expect(row.components(separatedBy: "sleep 1").count - 1 == 2)
    }

    @Test func tenThreadsSleepAtOnce() throws {
        let text = TimelineDiagram.text(SeedTraces.tenThreads())
        try Golden.check(text, named: "snippet2-ten-threads.txt")
        #expect(text.hasPrefix("snippet 2 · Swift · 1.51 s wall\n"))
    }

    @Test func threadPoolsPrintAsCompletedThenInMapOrder() throws {
        try Golden.check(TimelineDiagram.text(SeedTraces.threadPools()), named: "snippet3-thread-pools.txt")
    }

    /// CPython's idle pool workers, after their sleeps, wait on the work queue: drawn waiting.
    @Test func cpythonIdlePoolWorkersAreDrawnWaitingOnTheQueue() throws {
        let run = SeedTraces.threadPoolsCPython(tracesQueueWaits: true)
        try Golden.check(TimelineDiagram.text(run), named: "snippet3-thread-pools-cpython.txt")
        let model = RunModel(events: run.events, wallTime: run.wallTime)
        for lane in model.lanes where lane.name.hasPrefix("ThreadPoolExecutor-0_") && lane.name != "ThreadPoolExecutor-0_0" {
            let afterSleep = try #require(lane.spans.first { $0.state == .sleeping }).to + 0.002
            let idle = lane.segments.filter { $0.to > afterSleep }
            #expect(idle.allSatisfy { $0.state != .working }, "\(lane.name) is drawn working while idle")
            #expect(idle.contains { $0.state == .waiting && $0.length > 0.5 })
        }
    }

    /// Without a wait to explain it, time the CPU sampler did not see a lane running is idle, never work.
    @Test func unexplainedTimeWithoutCPUSamplesIsIdleNotWork() throws {
        let run = SeedTraces.threadPoolsCPython(tracesQueueWaits: false)
        try Golden.check(TimelineDiagram.text(run), named: "snippet3-thread-pools-cpython-unexplained.txt")
        let model = RunModel(events: run.events, wallTime: run.wallTime)
        for lane in model.lanes where lane.name.hasPrefix("ThreadPoolExecutor-0_") {
            let working = lane.segments.filter { $0.state == .working }.reduce(0) { $0 + $1.length }
            #expect(working < 0.01, "\(lane.name) is drawn working for \(working) s")
        }
    }

    /// Lanes appear in the order their threads started, whatever event of theirs comes first.
    @Test func lanesAreInTheOrderTheirThreadsStarted() {
        var trace = TraceBuilder()
        trace.start("MainThread", at: 0)
        trace.start("Thread-1", at: 0.010)
        trace.start("Thread-2", at: 0.012)
        // A sampled wait for a CPU, reported at 0.020, reaching back before Thread-2 started.
        trace.wait("Thread-2", from: 0.005, to: 0.020, on: "cpu")
        trace.end("Thread-1", at: 0.03)
        trace.end("Thread-2", at: 0.03)
        trace.end("MainThread", at: 0.04)
        let model = RunModel(events: trace.events, wallTime: 0.04)
        #expect(model.lanes.map(\.name) == ["MainThread", "Thread-1", "Thread-2"])
    }
}
