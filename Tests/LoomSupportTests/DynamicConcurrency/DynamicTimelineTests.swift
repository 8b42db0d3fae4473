import Foundation
import Testing

/// The timing shape of the classic snippets, read from the trace of a run at time scale 0.1:
/// lanes named as CPython names its threads and tasks, sleeps traced with their unscaled length,
/// waits traced where they blocked, and parallel work finishing in parallel time. Bounds are
/// coarse (a lower bound that a sleep cannot beat, an upper bound far from the serial time), so
/// a loaded machine cannot decide them.
@Suite(.serialized) struct DynamicTimelineTests {
    static let cells: [String] = [
        // 1: five threads sleeping 5 … 1 s.
        """
        let threading = try imp("threading"), time = try imp("time")
        let work = def("do_something", ["seconds"]) { a in
            try pr(PyObject("Sleeping \\(try a[0].str()) second(s)..."))
            _ = try time.sleep(a[0])
            return .none
        }
        let threads = try [5, 4, 3, 2, 1].map { try kw(threading.Thread, [("target", work), ("args", tup(PyObject($0)))]) }
        for t in threads { _ = try t.start() }
        for t in threads { _ = try t.join() }
        """,
        // 2: five pooled sleeps 5 … 1 s on five workers.
        """
        let cf = try imp("concurrent.futures"), time = try imp("time")
        let work = def("do_something", ["seconds"]) { a in _ = try time.sleep(a[0]); return PyObject("Done sleeping...\\(try a[0].str())") }
        let ex = try kw(cf.ThreadPoolExecutor, [("max_workers", 5)])
        let fs = try [5, 4, 3, 2, 1].map { try ex.submit(work, PyObject($0)) }
        let it = try cf.as_completed(PyObject.list(fs)).iterate()
        while let f = try it.next() { try pr(try f.result()) }
        _ = try ex.shutdown()
        """,
        // 3: four 1 s sleeps on two workers take two rounds.
        """
        let cf = try imp("concurrent.futures"), time = try imp("time")
        let ex = try kw(cf.ThreadPoolExecutor, [("max_workers", 2)])
        let fs = try (0..<4).map { _ in try ex.submit(time.sleep, 1) }
        for f in fs { _ = try f.result() }
        _ = try ex.shutdown()
        """,
        // 4: asyncio.gather of three 1 s sleeps.
        """
        let asyncio = try imp("asyncio")
        let fetch = adef("fetch", ["n"]) { a, co in
            try pr("start", a[0])
            _ = try co.await(try asyncio.sleep(1))
            try pr("end", a[0])
            return a[0]
        }
        let main = adef("main") { _, co in try co.await(try asyncio.gather(try fetch(1), try fetch(2), try fetch(3))) }
        try pr(try asyncio.run(try main()))
        """,
        // 5: a consumer blocked on an empty queue, and a join (the consumer lingers, so that the join
        // waits however the two threads are scheduled).
        """
        let threading = try imp("threading"), queue = try imp("queue"), time = try imp("time")
        let q = try queue.Queue()
        let consume = def("consume") { _ in try pr("got", try q.get()); _ = try time.sleep(0.5); return .none }
        let t = try kw(threading.Thread, [("target", consume), ("name", "consumer")])
        _ = try t.start()
        _ = try time.sleep(1)
        _ = try q.put("item")
        _ = try t.join()
        """,
        // 6: a pool of two processes mapping four 1 s sleeps.
        """
        let mp = try imp("multiprocessing"), time = try imp("time")
        let nap = def("nap", ["n"]) { a in _ = try time.sleep(1); return a[0] }
        let pool = try mp.Pool(2)
        try pr(try pool.map(nap, [1, 2, 3, 4]))
        _ = try pool.terminate()
        """,
        // 7: a blocking time.sleep inside coroutines holds up the loop, as in CPython.
        """
        let asyncio = try imp("asyncio"), time = try imp("time")
        let blocking = adef("blocking") { _, _ in _ = try time.sleep(1); return .none }
        let main = adef("main") { _, co in try co.await(try asyncio.gather(try blocking(), try blocking())) }
        _ = try asyncio.run(try main())
        """,
        // 8: a process pool of two mapping four 1 s sleeps.
        """
        let cf = try imp("concurrent.futures"), time = try imp("time")
        let nap = def("nap", ["n"]) { a in _ = try time.sleep(1); return a[0] }
        let ex = try kw(cf.ProcessPoolExecutor, [("max_workers", 2)])
        try pr(try Py.list(try ex.map(nap, [1, 2, 3, 4])))
        _ = try ex.shutdown()
        """,
    ]

    static let run: Result<DynamicProgram.Run, any Error> = Result {
        try DynamicProgram.execute(try DynamicProgram.compile(DynamicProgram.source(cells: cells)), timeScale: 0.1)
    }

    static func events(_ cell: Int, _ kind: String) throws -> [[String: Any]] {
        try run.get().events(ofCell: cell).filter { ($0["kind"] as? String) == kind }
    }

    /// Seconds (unscaled) from the cell's start to its end.
    static func cellDuration(_ cell: Int) throws -> Double {
        try events(cell, "cell-end").first.flatMap { $0["t"] as? Double } ?? .infinity
    }

    static func lanes(_ cell: Int, _ kind: String) throws -> Set<String> {
        Set(try events(cell, kind).compactMap { $0["lane"] as? String })
    }

    @Test func fiveThreadsSleepInParallel() throws {
        let sleeps = try Self.events(1, "sleep")
        #expect(Set(sleeps.compactMap { $0["duration"] as? Double }) == [1, 2, 3, 4, 5])
        #expect(try Self.lanes(1, "sleep").allSatisfy { $0.hasPrefix("Thread-") && $0.hasSuffix(" (do_something)") })
        #expect(try Self.lanes(1, "sleep").count == 5)
        #expect(try Self.lanes(1, "print") == Self.lanes(1, "sleep"))
        let joins = try Self.events(1, "wait").filter { ($0["text"] as? String)?.hasPrefix("join Thread-") == true }
        #expect(!joins.isEmpty && joins.allSatisfy { ($0["lane"] as? String) == "MainThread" })
        let duration = try Self.cellDuration(1)
        #expect(duration >= 4.9 && duration < 10, "five sleeps of 5…1 s in parallel took \(duration) s")
    }

    @Test func pooledSleepsTakeTheLongestSleep() throws {
        let lanes = try Self.lanes(2, "sleep")
        #expect(lanes.count == 5 && lanes.allSatisfy { $0.range(of: #"^ThreadPoolExecutor-\d+_[0-4]$"#, options: .regularExpression) != nil })
        #expect(try Self.run.get().stdoutByCell[2] == (1...5).map { "Done sleeping...\($0)" })
        #expect(try Self.events(2, "wait").contains { ($0["text"] as? String) == "result" && ($0["lane"] as? String) == "MainThread" })
        let duration = try Self.cellDuration(2)
        #expect(duration >= 4.9 && duration < 10, "five pooled sleeps of 5…1 s took \(duration) s")
    }

    @Test func twoWorkersRunFourSleepsInTwoRounds() throws {
        #expect(try Self.lanes(3, "sleep").count == 2)
        let duration = try Self.cellDuration(3)
        #expect(duration >= 1.9 && duration < 3.5, "four 1 s sleeps on two workers took \(duration) s")
    }

    @Test func gatheredCoroutinesSleepConcurrentlyInTaskLanes() throws {
        #expect(try Self.run.get().stdoutByCell[4] == ["start 1", "start 2", "start 3", "end 1", "end 2", "end 3", "[1, 2, 3]"])
        #expect(try Self.lanes(4, "sleep") == ["Task-2", "Task-3", "Task-4"])
        #expect(try Self.lanes(4, "print") == ["Task-2", "Task-3", "Task-4", "MainThread"])
        #expect(try Self.lanes(4, "start").isSuperset(of: ["Task-1", "Task-2", "Task-3", "Task-4"]))
        let waits = try Self.events(4, "wait")
        #expect(waits.contains { ($0["lane"] as? String) == "Task-1" && ($0["text"] as? String) == "gather" })
        #expect(waits.contains { ($0["lane"] as? String) == "MainThread" && ($0["text"] as? String) == "task" })
        let duration = try Self.cellDuration(4)
        #expect(duration >= 0.95 && duration < 2.5, "three gathered 1 s sleeps took \(duration) s")
    }

    @Test func queueAndJoinWaitsAreTraced() throws {
        let waits = try Self.events(5, "wait")
        let queueWait = waits.first { ($0["lane"] as? String) == "consumer" && ($0["text"] as? String) == "queue" }
        #expect(((queueWait?["duration"] as? Double) ?? 0) >= 0.9)
        #expect(waits.contains { ($0["lane"] as? String) == "MainThread" && ($0["text"] as? String) == "join consumer" })
        #expect(try Self.run.get().stdoutByCell[5] == ["got item"])
    }

    @Test func processPoolWorkersAreNamedAndShareTheWork() throws {
        let lanes = try Self.lanes(6, "sleep")
        #expect(lanes.count == 2 && lanes.allSatisfy { $0.hasPrefix("ForkPoolWorker-") })
        #expect(try Self.run.get().stdoutByCell[6] == ["[1, 2, 3, 4]"])
        let duration = try Self.cellDuration(6)
        #expect(duration >= 1.9 && duration < 3.5, "four 1 s calls on two processes took \(duration) s")
    }

    @Test func processPoolExecutorWorkersAreForkProcesses() throws {
        let lanes = try Self.lanes(8, "sleep")
        #expect(lanes.count == 2 && lanes.allSatisfy { $0.hasPrefix("ForkProcess-") })
        #expect(try Self.run.get().stdoutByCell[8] == ["[1, 2, 3, 4]"])
        let duration = try Self.cellDuration(8)
        #expect(duration >= 1.9 && duration < 3.5, "four 1 s calls on two processes took \(duration) s")
    }

    @Test func blockingSleepInACoroutineHoldsUpTheLoop() throws {
        #expect(try Self.lanes(7, "sleep") == ["Task-6", "Task-7"])
        let duration = try Self.cellDuration(7)
        #expect(duration >= 1.9, "two blocking 1 s sleeps in coroutines overlapped: \(duration) s")
    }
}
