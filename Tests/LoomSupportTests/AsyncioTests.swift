import Testing
@testable import LoomSupport

/// `asyncio.run` owns the loop while it runs, as in Python: these run one at a time.
@Suite(.serialized) struct AsyncioTests {
    @Test func gatherReturnsInArgumentOrderWithNumberedTasks() throws {
        let (main, names, results) = try Asyncio.run { () async throws -> (String, [String], [Int]) in
            let lanes = Locked<[Int: String]>([:])
            let results = try await Asyncio.gather((0..<3).map { index in
                { () async throws -> Int in
                    lanes.withLock { $0[index] = Lane.current }
                    try await Asyncio.sleep(Double(3 - index) / 100)
                    return index * 10
                }
            })
            return (Lane.current, (0..<3).map { lanes.withLock { $0 }[$0]! }, results)
        }
        #expect(results == [0, 10, 20])
        let number = Int(main.dropFirst("Task-".count))!
        #expect(names == ["Task-\(number + 1)", "Task-\(number + 2)", "Task-\(number + 3)"])
    }

    @Test func variadicGatherTakesClosuresAsWritten() throws {
        func square(_ n: Int) async throws -> Int {
            try await Asyncio.sleep(0.001)
            return n * n
        }
        let results = try Asyncio.run { try await Asyncio.gather({ try await square(2) }, { try await square(3) }) }
        #expect(results == [4, 9])
    }

    /// A blocking `time.sleep` inside a coroutine holds the loop: no two tasks are ever inside
    /// it at once, as in CPython (threads would overlap).
    @Test func blockingSleepInsideCoroutinesSerialises() throws {
        let most = try Asyncio.run { () async throws -> Int in
            let inside = Locked((now: 0, most: 0))
            _ = try await Asyncio.gather((0..<3).map { _ in
                {
                    inside.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                    sleep(0.005)
                    inside.withLock { $0.now -= 1 }
                    try await Asyncio.sleep(0)
                }
            })
            return inside.withLock { $0.most }
        }
        #expect(most == 1)
    }

    @Test func sleepZeroLetsOtherTasksRun() throws {
        let order = try Asyncio.run { () async throws -> [String] in
            let log = Locked<[String]>([])
            let other = Asyncio.createTask { log.withLock { $0.append("other") } }
            log.withLock { $0.append("before") }
            try await Asyncio.sleep(0)
            log.withLock { $0.append("after") }
            try await other.value
            return log.withLock { $0 }
        }
        #expect(order == ["before", "other", "after"])
    }

    /// Two blocking calls sent to threads meet at a barrier: they run at once, off the loop,
    /// on the default pool's `asyncio_N` workers.
    @Test func toThreadRunsBlockingCallsOffTheLoop() throws {
        let names = try Asyncio.run { () async throws -> [String] in
            let meeting = Barrier(2, timeout: 20)
            return try await Asyncio.gather((0..<2).map { _ in
                {
                    try await Asyncio.toThread { () throws -> String in
                        _ = try meeting.wait()
                        return PythonThread.currentName
                    }
                }
            })
        }
        #expect(Set(names) == ["asyncio_0", "asyncio_1"])
    }

    @Test func lockSerialisesCriticalSections() throws {
        let most = try Asyncio.run { () async throws -> Int in
            let lock = Asyncio.Lock()
            let inside = Locked((now: 0, most: 0))
            _ = try await Asyncio.gather((0..<4).map { _ in
                {
                    try await lock.withLock {
                        inside.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        try await Asyncio.sleep(0.002)
                        inside.withLock { $0.now -= 1 }
                    }
                }
            })
            return inside.withLock { $0.most }
        }
        #expect(most == 1)
    }

    @Test func runCancelsTasksStillPendingWhenMainReturns() throws {
        let leftover = Locked<AsyncTask<Void>?>(nil)
        let value = try Asyncio.run { () async throws -> Int in
            leftover.withLock { $0 = Asyncio.createTask { try await Asyncio.sleep(600) } }
            try await Asyncio.sleep(0)
            return 1
        }
        #expect(value == 1)
        #expect(leftover.withLock { $0 }?.isDone == true)
    }

    @Test func everyCoroutineRunsOnOneThreadCalledMainThread() throws {
        let seen = try Asyncio.run { () async throws -> [String] in
            try await Asyncio.gather((0..<4).map { _ in
                { () async throws -> String in
                    try await Asyncio.sleep(0.001)
                    return "\(Lane.nativeThreadID) \(PythonThread.currentName)"
                }
            })
        }
        #expect(Set(seen).count == 1)
        #expect(seen[0].hasSuffix(" MainThread"))
    }

    /// Two tasks hand a turn back and forth through events: only possible when both are live on
    /// the loop at once.
    @Test func tasksInterleaveAtAwaits() throws {
        let order = try Asyncio.run { () async throws -> [String] in
            let log = Locked<[String]>([])
            let ping = Asyncio.Event()
            let pong = Asyncio.Event()
            let a = Asyncio.createTask {
                log.withLock { $0.append("a1") }
                ping.set()
                try await pong.wait()
                log.withLock { $0.append("a2") }
            }
            let b = Asyncio.createTask {
                try await ping.wait()
                log.withLock { $0.append("b1") }
                pong.set()
            }
            try await a.value
            try await b.value
            return log.withLock { $0 }
        }
        #expect(order == ["a1", "b1", "a2"])
    }

    @Test func waitForTimesOutAndCancels() throws {
        let outcome = try Asyncio.run { () async throws -> (String, Int) in
            let never = Asyncio.Event()
            var message = ""
            do {
                try await Asyncio.waitFor(0.02) { try await never.wait() }
            } catch let error as PythonError {
                message = error.description
            }
            let quick = try await Asyncio.waitFor(10) { 7 }
            return (message, quick)
        }
        #expect(outcome.0 == "TimeoutError")
        #expect(outcome.1 == 7)
    }

    @Test func taskGroupWaitsForAllAndReportsFailures() throws {
        let total = try Asyncio.run { () async throws -> Int in
            let sum = Locked(0)
            try await Asyncio.taskGroup { group in
                for value in 1...4 {
                    group.createTask {
                        try await Asyncio.sleep(0.001 * Double(value))
                        sum.withLock { $0 += value }
                    }
                }
            }
            return sum.withLock { $0 }
        }
        #expect(total == 10)
        #expect(throws: PythonError("ExceptionGroup", "unhandled errors in a TaskGroup (1 sub-exception)")) {
            try Asyncio.run {
                try await Asyncio.taskGroup { group in
                    group.createTask { throw PythonError.valueError("x") }
                }
            }
        }
    }

    @Test func queueHandsOverInOrderWithBackpressure() throws {
        let received = try Asyncio.run { () async throws -> [Int] in
            let queue = Asyncio.Queue<Int>(maxsize: 1)
            let producer = Asyncio.createTask {
                for value in 0..<5 { try await queue.put(value) }
            }
            var items: [Int] = []
            for _ in 0..<5 {
                items.append(try await queue.get())
                queue.taskDone()
            }
            try await producer.value
            try await queue.join()
            return items
        }
        #expect(received == [0, 1, 2, 3, 4])
    }

    @Test func semaphoreAdmitsAtMostItsValue() throws {
        let most = try Asyncio.run { () async throws -> Int in
            let semaphore = Asyncio.Semaphore(2)
            let inside = Locked((now: 0, most: 0))
            _ = try await Asyncio.gather((0..<6).map { _ in
                {
                    try await semaphore.withLock {
                        inside.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        try await Asyncio.sleep(0.002)
                        inside.withLock { $0.now -= 1 }
                    }
                }
            })
            return inside.withLock { $0.most }
        }
        #expect(most == 2)
    }

    @Test func asCompletedYieldsInFinishingOrder() throws {
        let order = try Asyncio.run { () async throws -> [Int] in
            let gates = (0..<3).map { _ in Asyncio.Event() }
            let stream = Asyncio.asCompleted((0..<3).map { index in
                { () async throws -> Int in
                    try await gates[index].wait()
                    return index
                }
            })
            var order: [Int] = []
            gates[1].set()
            for try await value in stream {
                order.append(value)
                if value == 1 { gates[2].set() }
                if value == 2 { gates[0].set() }
            }
            return order
        }
        #expect(order == [1, 2, 0])
    }

    @Test func cancelledTaskRaisesCancelledError() throws {
        let message = try Asyncio.run { () async throws -> String in
            let task = Asyncio.createTask { try await Asyncio.sleep(60) }
            try await Asyncio.sleep(0.001)
            task.cancel()
            do {
                try await task.value
                return "finished"
            } catch {
                return "\(error)"
            }
        }
        #expect(message == "asyncio.exceptions.CancelledError")
    }
}
