import Foundation
import Testing

/// End to end: a note program built the way Loom builds it, run under the run protocol.
@Suite(.serialized) struct NotebookTests {
    static let note = #"""
    import LoomSupport
    import Foundation

    func doSomething(_ seconds: some PythonNumber) {
        print("Sleeping \(seconds) second(s)...")
        sleep(seconds)
        print("Done Sleeping")
    }

    func cell1() throws {
        let start = perfCounter()
        let wallStart = time()
        doSomething(1)
        if perfCounter() > start && time() > wallStart { print() }
        print("values:", 1.5, true, [1e16, 0.1], "\(Optional<Int>.none)", sep: " | ")
    }

    func cell2() throws {
        var threads: [PythonThread] = []
        for _ in 0..<3 {
            let t = PythonThread(target: "do_something") { doSomething(1.5) }
            t.start()
            threads.append(t)
        }
        for thread in threads { thread.join() }
    }

    func cell3() throws {
        print("before")
        throw PythonError("ValueError", "bad value")
    }

    func cell4() throws {
        do {
            let executor = ThreadPoolExecutor()
            defer { executor.shutdown() }
            let secs = [5, 4, 3, 2, 1]
            let results = executor.map(secs) { sec -> String in
                doSomething(sec)
                return "Done \(sec)"
            }
            for result in results { print(result) }
        }
        print("\(3.14159, format: ".2f")|\(round(2.675, 2))|\(PythonThread.currentName)")
    }

    @main struct Note {
        static func main() { runCells([cell1, cell2, cell3, cell4]) }
    }
    """#

    static let binary = Result { try StandaloneProgram.compile(note) }

    func events(_ run: StandaloneProgram.Run, cell: Int, kind: String) -> [[String: Any]] {
        run.trace.filter { $0["cell"] as? Int == cell && $0["kind"] as? String == kind }
    }

    @Test func runsEveryCellWithPythonOutputMarkersAndTrace() throws {
        let run = try StandaloneProgram.execute(try Self.binary.get(),
                                                environment: ["LOOM_TIME_SCALE": "0.05", "LOOM_CELL_MARKERS": "1"])
        #expect(run.status == 0)
        let cells = run.stdout.components(separatedBy: "\u{1E}loom-cell ")
        #expect(cells.count == 5)
        #expect(cells[1] == """
            1
            Sleeping 1 second(s)...
            Done Sleeping

            values: | 1.5 | True | [1e+16, 0.1] | None

            """)
        let cell2Lines = cells[2].split(separator: "\n").dropFirst()
        #expect(cell2Lines.filter { $0 == "Sleeping 1.5 second(s)..." }.count == 3)
        #expect(cell2Lines.filter { $0 == "Done Sleeping" }.count == 3)
        #expect(cells[3] == "3\nbefore\n")
        // map returns results in submission order whatever the finishing order.
        #expect(cells[4].split(separator: "\n").filter { $0.hasPrefix("Done ") && $0 != "Done Sleeping" } == ["Done 5", "Done 4", "Done 3", "Done 2", "Done 1"])
        #expect(cells[4].hasSuffix("3.14|2.67|MainThread\n"))

        #expect(run.stderr.contains("\u{1E}loom-cell 4\n"))
        #expect(run.stderr.contains("Traceback (most recent call last):\n"))
        #expect(run.stderr.contains("ValueError: bad value\n"))

        let cellEnds = run.trace.filter { $0["kind"] as? String == "cell-end" }
        #expect(cellEnds.map { $0["text"] as? String } == ["ok", "ok", "error", "ok"])
        #expect(cellEnds[2]["exception"] as? String == "ValueError: bad value")

        let sleeps = events(run, cell: 2, kind: "sleep")
        #expect(Set(sleeps.compactMap { $0["lane"] as? String })
                == ["Thread-1 (do_something)", "Thread-2 (do_something)", "Thread-3 (do_something)"])
        #expect(sleeps.allSatisfy { $0["duration"] as? Double == 1.5 })
        let starts = events(run, cell: 2, kind: "start")
        #expect(starts.allSatisfy { ($0["tid"] as? Int ?? 0) > 0 })
        let joins = events(run, cell: 2, kind: "wait").compactMap { $0["text"] as? String }
        #expect(joins.allSatisfy { $0.hasPrefix("join Thread-") })
        let prints = events(run, cell: 1, kind: "print").compactMap { $0["text"] as? String }
        #expect(prints == ["Sleeping 1 second(s)...", "Done Sleeping", "", "values: | 1.5 | True | [1e+16, 0.1] | None"])

        let poolLanes = Set(events(run, cell: 4, kind: "start").compactMap { $0["lane"] as? String })
        #expect(poolLanes == ["MainThread", "ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1", "ThreadPoolExecutor-0_2",
                              "ThreadPoolExecutor-0_3", "ThreadPoolExecutor-0_4"])
    }

    @Test func resumesFromALaterCell() throws {
        let run = try StandaloneProgram.execute(try Self.binary.get(), arguments: ["--from", "3"],
                                                environment: ["LOOM_TIME_SCALE": "0.05"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("before\nSleeping"))
        #expect(Set(run.trace.compactMap { $0["cell"] as? Int }) == [3, 4])
    }

    @Test func capsOutputPerCellAndSaysHowMuchWasDropped() throws {
        let run = try StandaloneProgram.execute(try Self.binary.get(), arguments: ["--from", "3"],
                                                environment: ["LOOM_TIME_SCALE": "0.05", "LOOM_OUTPUT_CAP": "30"])
        #expect(run.stdout.hasPrefix("before\nSleeping 5 second(s)...\n"))
        #expect(run.stdout.contains("[output truncated: "))
        #expect(!run.stdout.contains("Done 1"))
    }
}
