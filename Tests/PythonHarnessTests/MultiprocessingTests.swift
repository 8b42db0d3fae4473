import Foundation
import Testing
@testable import PythonHarness

/// Forked child processes are lanes too, and their sleeps count on the parent's clocks.
@Suite(.enabled(if: pythonAvailable)) struct MultiprocessingTests {
    @Test func processesAreLanesAndAJoinedSleepMeasuresItsUnscaledLength() throws {
        let run = try HarnessRun(HarnessRun.cells([
            """
            import multiprocessing, time
            def work(n):
                print('working', n)
                time.sleep(1)
                return n * 2
            start = time.perf_counter()
            p = multiprocessing.Process(target=work, args=[1])
            p.start()
            p.join()
            print('joined', round(time.perf_counter() - start))
            late = multiprocessing.Process(target=work, args=[4])
            late.start()

            """,
            "print('after', late.is_alive())\n",
        ]), timeScale: 0.05)
        let out = HarnessRun.perCell(run.stdout)
        let first = try #require(out[1]).split(separator: "\n")
        #expect(first.first == "working 1")
        #expect(first.contains("joined 1"))
        #expect(first.last == "working 4")
        // The cell waited for the process its code started and left running.
        #expect(out[2] == "after False\n")
        let lanes = Set(run.events(cell: 1, kind: "start").compactMap(\.lane))
        #expect(lanes == ["MainThread", "Process-1", "Process-2"])
        let prints = run.events(cell: 1, kind: "print").filter { $0.text == "working 1" }
        #expect(prints.map(\.lane) == ["Process-1"])
        let join = try #require(run.events(cell: 1, kind: "wait").first { $0.text == "join Process-1" })
        #expect(join.lane == "MainThread")
    }
}

@Suite(.enabled(if: pythonAvailable)) struct ProcessPoolTests {
    @Test func poolWorkersAreLanesAndItsHelperThreadsAreNot() throws {
        let run = try HarnessRun(HarnessRun.cells([
            """
            import multiprocessing, time
            def work(n):
                time.sleep(1)
                return n * 2
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [2, 3]))

            """,
        ]), timeScale: 0.05)
        #expect(HarnessRun.perCell(run.stdout)[1] == "[4, 6]\n")
        let lanes = Set(run.events(cell: 1, kind: "start").compactMap(\.lane))
        #expect(lanes.filter { $0.hasPrefix("ForkPoolWorker-") }.count == 2)
        #expect(lanes.subtracting(["MainThread"]).allSatisfy { $0.hasPrefix("ForkPoolWorker-") })
        let waits = run.events(cell: 1, kind: "wait")
        #expect(waits.map(\.text) == ["result"])
        #expect(try #require(waits.first?.duration) >= 1)
    }
}
