import LoomCore
import Testing
@testable import Timeline

/// The seed diagrams stand for real runs: CPython itself names the lanes and orders the prints.
@Suite(.enabled(if: CPythonTrace.available)) struct CPythonDifferentialTests {
    static let tenThreads = """
        import threading, time

        def do_something(seconds):
            print(f'Sleeping {seconds} second(s)...')
            time.sleep(seconds)
            print('Done Sleeping')

        threads = []
        for _ in range(10):
            t = threading.Thread(target=do_something, args=[1.5])
            t.start()
            threads.append(t)

        for thread in threads:
            thread.join()
        """

    static let threadPools = """
        import concurrent.futures, time

        def do_something(seconds):
            print(f'Sleeping {seconds} second(s)...')
            time.sleep(seconds)
            return 'Done Sleeping'

        with concurrent.futures.ThreadPoolExecutor() as executor:
            secs = [5, 4, 3, 2, 1]
            results = [executor.submit(do_something, sec) for sec in secs]
            for f in concurrent.futures.as_completed(results):
                print(f.result())

        with concurrent.futures.ThreadPoolExecutor() as executor:
            secs = [5, 4, 3, 2, 1]
            results = executor.map(do_something, secs)
            for result in results:
                print(result)
        """

    private func printsByLane(_ events: [TraceEvent]) -> [String: [String]] {
        Dictionary(grouping: events.filter { $0.kind == .print }.sorted { $0.t < $1.t }, by: \.lane)
            .mapValues { $0.map { $0.text ?? "" } }
    }

    @Test func tenThreadsHaveTheSeedsLanesAndPrints() throws {
        let cpython = try CPythonTrace.events(running: Self.tenThreads)
        let seed = SeedTraces.tenThreads().events
        #expect(TraceSummary(events: cpython).lanes.map(\.name) == TraceSummary(events: seed).lanes.map(\.name))
        #expect(printsByLane(cpython) == printsByLane(seed))
        #expect(Set(cpython.filter { $0.kind == .sleep }.map(\.duration)) == [1.5])

        let text = TimelineDiagram.text(TimelineRun(title: "snippet 2 · CPython", events: cpython))
        for index in 1...10 {
            #expect(text.contains("Thread-\(index) (do_something) "))
        }
    }

    @Test func threadPoolsHaveTheSeedsLanesAndPrints() throws {
        let cpython = try CPythonTrace.events(running: Self.threadPools)
        let seed = SeedTraces.threadPools().events
        #expect(TraceSummary(events: cpython).lanes.map(\.name) == TraceSummary(events: seed).lanes.map(\.name))
        let (real, synthetic) = (printsByLane(cpython), printsByLane(seed))
        #expect(real["MainThread"] == synthetic["MainThread"])
        // Which worker takes which task depends on scheduling; the set of tasks does not.
        #expect(real.filter { $0.key != "MainThread" }.values.flatMap { $0 }.sorted()
            == synthetic.filter { $0.key != "MainThread" }.values.flatMap { $0 }.sorted())
    }
}
