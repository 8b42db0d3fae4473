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
        print(("a", 1))
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
        PythonThread(target: "late") {
            sleep(0.2)
            print("late")
        }.start()
    }

    func fetch(_ n: Int) async throws -> Int {
        print("fetch \(n) on \(PythonThread.currentName)")
        try await Asyncio.sleep(0.5)
        return n * n
    }

    func cell5() throws {
        let results = try Asyncio.run {
            try await Asyncio.gather([{ try await fetch(1) }, { try await fetch(2) }, { try await fetch(3) }])
        }
        print(results)
    }

    func cell6() throws {
        PythonRandom.seed(42)
        print(PythonRandom.randint(1, 10), PythonRandom.random(), PythonRandom.choice(["a", "b", "c"]))
        Logging.warning("careful %d", 3)
        let lock = Lock()
        let queue = Queue<Int>()
        let worker = PythonThread(target: "consume") {
            while true {
                let item = try queue.get()
                if item < 0 { break }
                lock.withLock { print("got", item) }
            }
        }
        worker.start()
        for item in [1, 2, -1] { try queue.put(item) }
        worker.join()
        let boom = PythonThread(target: "boom") { throw PythonError.valueError("from thread") }
        boom.start()
        boom.join()
        print("{} and %s".format(OS.cpuCount() > 0), "%s".percentFormat(try divmod(-7, 2).0))
    }

    func cell7() throws {
        print("exiting")
        throw SystemExit(3)
    }

    func cell8() throws {
        print("never")
    }

    @main struct Note {
        static func main() { runCells([cell1, cell2, cell3, cell4, cell5, cell6, cell7, cell8]) }
    }
    """#

    static let binary = Result { try StandaloneProgram.compile(note) }

    func events(_ run: StandaloneProgram.Run, cell: Int, kind: String) -> [[String: Any]] {
        run.trace.filter { $0["cell"] as? Int == cell && $0["kind"] as? String == kind }
    }

    @Test func runsEveryCellWithPythonOutputMarkersAndTrace() throws {
        let run = try StandaloneProgram.execute(try Self.binary.get(),
                                                environment: ["LOOM_TIME_SCALE": "0.05", "LOOM_CELL_MARKERS": "1"])
        #expect(run.status == 3)
        let cells = run.stdout.components(separatedBy: "\u{1E}loom-cell ")
        #expect(cells.count == 8)
        #expect(cells[1] == """
            1
            Sleeping 1 second(s)...
            Done Sleeping

            values: | 1.5 | True | [1e+16, 0.1] | None
            ('a', 1)

            """)
        let cell2Lines = cells[2].split(separator: "\n").dropFirst()
        #expect(cell2Lines.filter { $0 == "Sleeping 1.5 second(s)..." }.count == 3)
        #expect(cell2Lines.filter { $0 == "Done Sleeping" }.count == 3)
        #expect(cells[3] == "3\nbefore\n")
        // map returns results in submission order whatever the finishing order.
        #expect(cells[4].split(separator: "\n").filter { $0.hasPrefix("Done ") && $0 != "Done Sleeping" } == ["Done 5", "Done 4", "Done 3", "Done 2", "Done 1"])
        // A cell ends after the non-daemon threads it started, as a script does.
        #expect(cells[4].hasSuffix("3.14|2.67|MainThread\nlate\n"))
        #expect(run.stderr.contains("""
            Exception in thread Thread-6 (boom):
            Traceback (most recent call last):
              File "<cell 6>", in <module>
            ValueError: from thread

            """))
        #expect(cells[5] == "5\nfetch 1 on MainThread\nfetch 2 on MainThread\nfetch 3 on MainThread\n[1, 4, 9]\n")
        let python = try PythonOracle.lines("import random\nrandom.seed(42)\nprint(random.randint(1, 10), random.random(), random.choice(['a', 'b', 'c']))")
        #expect(cells[6] == "6\n\(python[0])\ngot 1\ngot 2\nTrue and %s -4\n")
        #expect(run.stderr.contains("WARNING:root:careful 3\n"))
        #expect(cells[7] == "7\nexiting\n")

        #expect(run.stderr.contains("\u{1E}loom-cell 4\n"))
        #expect(run.stderr.contains("Traceback (most recent call last):\n"))
        #expect(run.stderr.contains("ValueError: bad value\n"))

        let cellEnds = run.trace.filter { $0["kind"] as? String == "cell-end" }
        #expect(cellEnds.map { $0["text"] as? String } == ["ok", "ok", "error", "ok", "ok", "ok", "error"])
        #expect(cellEnds[6]["exception"] as? String == "SystemExit: 3")
        let taskLanes = events(run, cell: 5, kind: "sleep").compactMap { $0["lane"] as? String }
        #expect(taskLanes.count == 3 && taskLanes.allSatisfy { $0.hasPrefix("Task-") })
        #expect(events(run, cell: 5, kind: "start").compactMap { $0["lane"] as? String }.filter { $0.hasPrefix("Task-") }.count == 4)
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
        #expect(prints == ["Sleeping 1 second(s)...", "Done Sleeping", "", "values: | 1.5 | True | [1e+16, 0.1] | None", "('a', 1)"])

        let poolLanes = Set(events(run, cell: 4, kind: "start").compactMap { $0["lane"] as? String })
        #expect(poolLanes == ["MainThread", "Thread-4 (late)", "ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1", "ThreadPoolExecutor-0_2",
                              "ThreadPoolExecutor-0_3", "ThreadPoolExecutor-0_4"])
    }

    @Test func libraryBuildsWithoutWarningsOutsideSwiftPM() throws {
        let build = try StandaloneProgram.libraryBuild.get()
        #expect(!build.compilerOutput.contains("warning:"), "\(build.compilerOutput)")
        #expect(FileManager.default.fileExists(atPath: build.directory.appendingPathComponent("libLoomSupport.a").path))
    }

    @Test func resumesFromALaterCell() throws {
        let run = try StandaloneProgram.execute(try Self.binary.get(), arguments: ["--from", "3"],
                                                environment: ["LOOM_TIME_SCALE": "0.05"])
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("before\nSleeping"))
        #expect(Set(run.trace.compactMap { $0["cell"] as? Int }) == [3, 4, 5, 6, 7])
    }

    @Test func capsOutputPerCellAndSaysHowMuchWasDropped() throws {
        let run = try StandaloneProgram.execute(try Self.binary.get(), arguments: ["--from", "3"],
                                                environment: ["LOOM_TIME_SCALE": "0.05", "LOOM_OUTPUT_CAP": "30"])
        #expect(run.stdout.hasPrefix("before\nSleeping 5 second(s)...\n"))
        #expect(run.stdout.contains("[output truncated: "))
        #expect(!run.stdout.contains("Done 1"))
    }
}
