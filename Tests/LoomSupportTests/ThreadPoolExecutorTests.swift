import Testing
@testable import LoomSupport

@Suite struct ThreadPoolExecutorTests {
    @Test func defaultWidthIsCPythons() {
        #expect(ThreadPoolExecutor().maxWorkers == min(32, OS.cpuCount() + 4))
    }

    /// Five tasks meet at a barrier of five: the pool runs them all at once, as CPython's does,
    /// even on a machine with fewer cores.
    @Test func runsAsManyBlockingTasksAsItHasWorkers() throws {
        let executor = ThreadPoolExecutor(maxWorkers: 5)
        let barrier = Barrier(5, timeout: 20)
        let futures = (0..<5).map { index in executor.submit { () -> Int in _ = try barrier.wait(); return index } }
        #expect(try futures.map { try $0.result() } == [0, 1, 2, 3, 4])
        executor.shutdown()
    }

    @Test func workersAreNamedAndCreatedOnlyWhenNoneIsIdle() throws {
        let executor = ThreadPoolExecutor(maxWorkers: 4, threadNamePrefix: "pool")
        let meeting = Barrier(2, timeout: 20)
        let blocked = (0..<2).map { _ in
            executor.submit { () -> String in _ = try meeting.wait(); return PythonThread.currentName }
        }
        let names = try blocked.map { try $0.result() }
        #expect(Set(names) == ["pool_0", "pool_1"])
        // A worker counts itself idle just after its call returns; once both have, the next
        // submissions reuse them instead of starting pool_2.
        var spins = 0
        while executor.idleWorkerCount < 2 && spins < 10_000 {
            sleepScaled(0.001)
            spins += 1
        }
        let later = try (0..<3).map { _ in try executor.submit { PythonThread.currentName }.result() }
        #expect(Set(later).isSubset(of: ["pool_0", "pool_1"]))
        executor.shutdown()
    }

    @Test func poolNumbersCountExecutors() {
        let first = ThreadPoolExecutor(maxWorkers: 1)
        let second = ThreadPoolExecutor(maxWorkers: 1)
        let names = [first, second].map { pool in (try? pool.submit { PythonThread.currentName }.result()) ?? "" }
        let numbers = names.map { Int($0.dropFirst("ThreadPoolExecutor-".count).prefix { $0.isNumber }) ?? -1 }
        #expect(numbers[1] > numbers[0])
        #expect(names.allSatisfy { $0.hasSuffix("_0") })
        first.shutdown()
        second.shutdown()
    }

    @Test func asCompletedYieldsInFinishingOrder() throws {
        let executor = ThreadPoolExecutor(maxWorkers: 3)
        let gates = (0..<3).map { _ in Event() }
        let done = (0..<3).map { _ in Event() }
        let futures = (0..<3).map { index in
            executor.submit { () -> Int in
                gates[index].wait()
                return index
            }
        }
        let order = Locked<[Int]>([])
        let reader = PythonThread {
            for future in asCompleted(futures) {
                let value = try future.result()
                order.withLock { $0.append(value) }
                done[value].set()
            }
        }
        reader.start()
        for index in [2, 0, 1] {
            gates[index].set()
            done[index].wait()
        }
        reader.join()
        #expect(order.withLock { $0 } == [2, 0, 1])
        executor.shutdown()
    }

    @Test func mapKeepsItemOrder() {
        let executor = ThreadPoolExecutor()
        let results = Array(executor.map([5, 4, 3, 2, 1]) { value -> String in
            sleepScaled(Double(value) / 500)
            return "Done \(value)"
        })
        #expect(results == ["Done 5", "Done 4", "Done 3", "Done 2", "Done 1"])
        executor.shutdown()
    }

    @Test func exceptionsCancellationAndWait() throws {
        let executor = ThreadPoolExecutor(maxWorkers: 1)
        let gate = Event()
        let failing = executor.submit { () -> Int in
            gate.wait()
            throw PythonError.valueError("bad value")
        }
        let queued = executor.submit { 1 }
        #expect(queued.cancel())
        #expect(queued.cancelled)
        #expect(throws: PythonError("concurrent.futures._base.CancelledError")) { try queued.result() }
        #expect(throws: PythonError("concurrent.futures._base.CancelledError")) { try queued.exception() }
        #expect(throws: PythonError.timeoutError()) { try failing.result(timeout: 0.01) }
        let (done, notDone) = wait([failing, queued], returnWhen: .firstCompleted)
        #expect(done == [queued])
        #expect(notDone == [failing])
        gate.set()
        #expect(throws: PythonError.valueError("bad value")) { try failing.result() }
        #expect(try failing.exception() as? PythonError == .valueError("bad value"))
        executor.shutdown()
    }

    @Test func processPoolStartsEveryWorkerAtOnceWithProcessNames() throws {
        let executor = ProcessPoolExecutor(maxWorkers: 3)
        let meeting = Barrier(3, timeout: 20)
        let names = try (0..<3).map { _ in
            executor.submit { () -> String in _ = try meeting.wait(); return PythonThread.currentName }
        }.map { try $0.result() }
        // Three distinct workers ran at once; numbers come from the counter Process and Pool share.
        let numbers = Set(names.compactMap { $0.hasPrefix("ForkProcess-") ? Int($0.dropFirst("ForkProcess-".count)) : nil })
        #expect(numbers.count == 3)
        executor.shutdown()
    }
}
