import Foundation
import Testing
@testable import PythonHarness

/// The three snippets of the threading note, as repaired, run at a fiftieth of their time.
@Suite(.enabled(if: pythonAvailable)) struct SeedNoteTests {
    static let synchronous = """
        import time

        start = time.perf_counter()

        def do_something():
            print('Sleeping 1 second...')
            time.sleep(1)
            print('Done Sleeping')

        do_something()
        do_something()

        finish = time.perf_counter()
        print(f'Finished in {round(finish- start, 2)} second(s)')

        """

    static let legacyThreads = """
        import threading

        def do_something(seconds):
            print(f'Sleeping {seconds} second(s)...')
            time.sleep(seconds)
            print('Done Sleeping')

        threads = []

        # initialize threads in a loop
        for _ in range(10):
            t = threading.Thread(target=do_something, args=[1.5])
            t.start()    # start running thread
            threads.append(t)

        for thread in threads:
            thread.join()

        """

    static let pool = """
        import concurrent.futures

        def do_something(seconds):
            print(f'Sleeping {seconds} second(s)...')
            time.sleep(seconds)
            return 'Done Sleeping'

        with concurrent.futures.ThreadPoolExecutor() as executor:
            secs = [5, 4, 3, 2, 1]
            results = [executor.submit(do_something, sec) for sec in secs]

            # will print in LIFO
            for f in concurrent.futures.as_completed(results):
                print(f.result())

        # =====================================

        # if you want to print in FIFO
        with concurrent.futures.ThreadPoolExecutor() as executor:
            secs = [5, 4, 3, 2, 1]
            results = executor.map(do_something, secs)

            for result in results:
                print(result)

        """

    static let cells: [(index: Int, source: String, firstLine: Int, file: String)] = [
        (index: 1, source: synchronous, firstLine: 14, file: "threading.md"),
        (index: 2, source: legacyThreads, firstLine: 56, file: "threading.md"),
        (index: 3, source: pool, firstLine: 79, file: "threading.md"),
    ]

    @Test func synchronousSnippetMeasuresUnscaledSeconds() throws {
        let run = try HarnessRun(Array(Self.cells.prefix(1)), timeScale: 0.02)
        let lines = try #require(HarnessRun.perCell(run.stdout)[1]).split(separator: "\n")
        #expect(lines.dropLast() == ["Sleeping 1 second...", "Done Sleeping", "Sleeping 1 second...", "Done Sleeping"])
        // perf_counter differences are scaled back: about 2 seconds, never the 0.04 that passed.
        let finished = try #require(lines.last)
        let seconds = try #require(Double(finished.dropFirst("Finished in ".count).prefix { $0 != " " }))
        #expect(finished.hasPrefix("Finished in ") && finished.hasSuffix(" second(s)"))
        #expect(seconds >= 2.0 && seconds < 2.5)
        #expect(run.events(cell: 1, kind: "sleep").map(\.duration) == [1.0, 1.0])
        #expect(Set(run.events(cell: 1, kind: "print").map(\.lane)) == ["MainThread"])
    }

    @Test func legacyThreadsSleepTogetherWhileMainJoins() throws {
        let run = try HarnessRun(Array(Self.cells.prefix(2)), timeScale: 0.02, from: 2)
        let names = (1...10).map { "Thread-\($0) (do_something)" }
        let sleeps = run.events(cell: 2, kind: "sleep")
        #expect(sleeps.compactMap(\.lane).sorted() == names.sorted())
        #expect(sleeps.allSatisfy { $0.duration == 1.5 })
        // Overlapping: two threads' sleeps share some instant. (That all ten do depends on how
        // fast a loaded machine starts threads, so it is not asserted.)
        let spans = sleeps.map { ($0.t, $0.t + ($0.duration ?? 0)) }
        let overlapping = spans.indices.contains { i in
            spans.indices.contains { j in i != j && spans[i].0 < spans[j].1 && spans[j].0 < spans[i].1 }
        }
        #expect(overlapping)
        let firstEnd = try #require(run.events(cell: 2, kind: "end").filter { $0.lane != "MainThread" }.map(\.t).min())
        #expect(firstEnd >= 1.5)
        let starts = run.events(cell: 2, kind: "start")
        #expect(Set(starts.map(\.lane)) == Set(names + ["MainThread"]))
        #expect(Set(starts.compactMap(\.tid)).count == 11)
        let joins = run.events(cell: 2, kind: "wait").filter { $0.lane == "MainThread" }
        #expect(!joins.isEmpty)
        #expect(joins.allSatisfy { $0.text?.hasPrefix("join Thread-") == true && $0.text?.hasSuffix(" (do_something)") == true })
        let prints = run.events(cell: 2, kind: "print")
        #expect(prints.filter { $0.text == "Done Sleeping" }.count == 10)
        #expect(prints.allSatisfy { names.contains($0.lane ?? "") })
        #expect(run.events(cell: 2, kind: "cell-end").first?.text == "ok")
    }

    @Test func poolSnippetPrintsOnMainAsFuturesComplete() throws {
        let run = try HarnessRun(Self.cells, timeScale: 0.02, from: 3)
        let out = try #require(HarnessRun.perCell(run.stdout)[3])
        let lines = out.split(separator: "\n")
        #expect(lines.filter { $0 == "Done Sleeping" }.count == 10)
        let sleeps = run.events(cell: 3, kind: "sleep")
        #expect(Set(sleeps.compactMap(\.lane)) == Set((0...4).flatMap { ["ThreadPoolExecutor-0_\($0)", "ThreadPoolExecutor-1_\($0)"] }))
        #expect(sleeps.compactMap(\.duration).sorted() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        let waits = run.events(cell: 3, kind: "wait")
        let mainWaits = waits.filter { $0.lane == "MainThread" }
        #expect(!mainWaits.isEmpty && mainWaits.allSatisfy { $0.text == "result" })
        // A worker of the as_completed pool that slept less than five seconds then waits on the work
        // queue until the pool shuts down, which is after the five-second sleep ended: idle, not working.
        let longest = try #require(sleeps.first { $0.duration == 5 && $0.lane?.hasPrefix("ThreadPoolExecutor-0_") == true })
        for k in 0...4 {
            let lane = "ThreadPoolExecutor-0_\(k)"
            guard lane != longest.lane else { continue }
            let queued = waits.filter { $0.lane == lane && $0.text == "queue" }
            #expect(queued.contains { $0.t >= longest.t + 5 - 0.01 }, "\(lane) did not wait on the queue until the pool shut down")
        }
        #expect(waits.filter { $0.lane != "MainThread" }.allSatisfy { $0.text == "queue" })
        // as_completed: the k-th result cannot be printed before k seconds (scaled back) passed,
        // and they come in order of the sleeps' lengths.
        let done = run.events(cell: 3, kind: "print").filter { $0.text == "Done Sleeping" }
        #expect(done.allSatisfy { $0.lane == "MainThread" })
        let firstFive = done.prefix(5).map(\.t)
        #expect(firstFive == firstFive.sorted())
        for (k, t) in firstFive.enumerated() { #expect(t >= Double(k + 1)) }
        // map: every result waits for the five-second sleep of the second pool.
        #expect(done.dropFirst(5).allSatisfy { $0.t >= 10 })
    }
}
