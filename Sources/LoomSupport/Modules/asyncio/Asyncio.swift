import Foundation

/// Python's `asyncio` on Swift structured concurrency. Coroutines are `async throws` functions;
/// every task runs on one event-loop thread (see `EventLoop`), is named `Task-N` and traced.
///
///     func fetch(_ n: Int) async throws -> Int {
///         print("start", n)
///         try await Asyncio.sleep(1)
///         return n
///     }
///     try Asyncio.run {
///         let results = try await Asyncio.gather([{ try await fetch(1) }, { try await fetch(2) }])
///         print(results)
///     }
@available(macOS 15.0, *)
public enum Asyncio {
    /// `asyncio.run(main())`: runs `main` as `Task-1` on a new event loop and blocks until it ends.
    @discardableResult
    public static func run<Value>(_ main: @escaping () async throws -> Value) throws -> Value {
        let loop = EventLoop()
        EventLoop.current.withLock { $0 = loop }
        let finished = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<Value, any Error>?>(nil)
        let task = createTask(main)
        _ = Task(executorPreference: loop) {
            let result = await task.outcome()
            // Like CPython's `asyncio.run`: tasks still pending are cancelled and awaited, so
            // each ends (and is traced as ending) before the loop closes.
            let leftovers = loop.pendingTasks
            for leftover in leftovers { leftover.cancel() }
            for leftover in leftovers { _ = await leftover.succeeded() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        let start = MonotonicClock.nowNanos()
        finished.wait()
        traceWait("task", since: start)
        loop.shutdownDefaultExecutor()
        loop.stop()
        EventLoop.current.withLock { $0 = nil }
        return try outcome.withLock { $0 }!.get()
    }

    /// `await asyncio.sleep(seconds)`: suspends only this task; the loop runs the others.
    public static func sleep(_ seconds: Double) async throws {
        Trace.emit("sleep", lane: Lane.current, duration: seconds)
        let nanoseconds = UInt64(max(0, seconds) * RunSettings.current.timeScale * 1e9)
        do {
            if nanoseconds == 0 {
                // `await asyncio.sleep(0)` is how Python code yields to the other tasks.
                await Task.yield()
                try Task.checkCancellation()
            } else {
                try await Task.sleep(nanoseconds: nanoseconds)
            }
        } catch {
            throw cancelledError
        }
    }

    public static func sleep(_ seconds: Int) async throws { try await sleep(Double(seconds)) }

    public static let cancelledError = PythonError("asyncio.exceptions.CancelledError")

    /// `asyncio.create_task(coro)`: scheduled now, first runs when the creator next awaits.
    @discardableResult
    public static func createTask<Value>(name: String? = nil, _ body: @escaping () async throws -> Value) -> AsyncTask<Value> {
        AsyncTask(name: name ?? EventLoop.nextTaskName(), body: body)
    }

    /// `await asyncio.gather(*coros)`: each becomes a task (numbered in argument order); the
    /// results come back in argument order.
    public static func gather<Value>(_ operations: [() async throws -> Value]) async throws -> [Value] {
        let tasks = operations.map { createTask($0) }
        let start = MonotonicClock.nowNanos()
        var results: [Value] = []
        for task in tasks { results.append(try await task.value) }
        traceWait("gather", since: start)
        return results
    }

    public static func gather<Value>(_ operations: (() async throws -> Value)...) async throws -> [Value] {
        try await gather(operations)
    }

    /// `await asyncio.wait_for(coro, timeout)`: `TimeoutError` (and the task cancelled) when
    /// `timeout` seconds pass first.
    public static func waitFor<Value>(_ timeout: Double, _ body: @escaping () async throws -> Value) async throws -> Value {
        let task = createTask(body)
        let timedOut = Locked(false)
        // The timer is the loop's own timeout handle, not a task of the program: it is not traced.
        let timer = Task(executorPreference: EventLoop.running) {
            try? await Task.sleep(nanoseconds: UInt64(max(0, timeout) * RunSettings.current.timeScale * 1e9))
            guard !Task.isCancelled else { return }
            timedOut.withLock { $0 = true }
            task.cancel()
        }
        let outcome = await task.outcome()
        timer.cancel()
        if case .failure = outcome, timedOut.withLock({ $0 }) {
            throw PythonError.timeoutError()
        }
        return try outcome.get()
    }

    /// `await asyncio.to_thread(f, x)`: runs a blocking call on the loop's default thread pool
    /// (workers `asyncio_N`) while the other tasks go on.
    public static func toThread<Value>(_ work: @escaping () throws -> Value) async throws -> Value {
        try await runInExecutor(nil, work)
    }

    /// `await loop.run_in_executor(executor, f, x)`; nil is the loop's default pool.
    public static func runInExecutor<Value>(
        _ executor: ThreadPoolExecutor?, _ work: @escaping () throws -> Value
    ) async throws -> Value {
        let future = (executor ?? EventLoop.running.defaultExecutor).submit(work)
        let start = MonotonicClock.nowNanos()
        let wasDone = future.done
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            future.addDoneCallback { _ in continuation.resume() }
        }
        if !wasDone { traceWait("result", since: start) }
        return try future.result()
    }

    /// `for coro in asyncio.as_completed(aws): result = await coro`: results in finishing order.
    public static func asCompleted<Value>(_ operations: [() async throws -> Value]) -> AsyncThrowingStream<Value, any Error> {
        let tasks = operations.map { createTask($0) }
        let (stream, continuation) = AsyncThrowingStream<Value, any Error>.makeStream()
        let remaining = Locked(tasks.count)
        if tasks.isEmpty { continuation.finish() }
        for task in tasks {
            _ = Task(executorPreference: EventLoop.running) {
                let outcome = await task.outcome()
                continuation.yield(with: outcome)
                if remaining.withLock({ count -> Int in
                    count -= 1
                    return count
                }) == 0 {
                    continuation.finish()
                }
            }
        }
        return stream
    }

    /// `async with asyncio.TaskGroup() as tg:` — `try await Asyncio.taskGroup { tg in … }`:
    /// returns once every task created in it has ended; a failure cancels the rest.
    public static func taskGroup<Value>(_ body: (TaskGroup) async throws -> Value) async throws -> Value {
        let group = TaskGroup()
        let value = try await body(group)
        try await group.waitAll()
        return value
    }

    public final class TaskGroup: @unchecked Sendable {
        private let tasks = Locked<[AnyAsyncTask]>([])

        @discardableResult
        public func createTask<Value>(_ body: @escaping () async throws -> Value) -> AsyncTask<Value> {
            let task = Asyncio.createTask(body)
            tasks.withLock { $0.append(task) }
            return task
        }

        func waitAll() async throws {
            var failures = 0
            var index = 0
            while let task = tasks.withLock({ index < $0.count ? $0[index] : nil }) {
                index += 1
                if await !task.succeeded() {
                    failures += 1
                    tasks.withLock { $0 }.forEach { $0.cancel() }
                }
            }
            if failures > 0 {
                let noun = failures == 1 ? "sub-exception" : "sub-exceptions"
                throw PythonError("ExceptionGroup", "unhandled errors in a TaskGroup (\(failures) \(noun))")
            }
        }
    }
}

protocol AnyAsyncTask: Sendable {
    var isDone: Bool { get }
    func cancel()
    func succeeded() async -> Bool
}

/// `asyncio.Task`: `await task` is `try await task.value`.
@available(macOS 15.0, *)
public final class AsyncTask<Value>: @unchecked Sendable, AnyAsyncTask {
    public let name: String
    private var task: Task<Void, Never>!
    private let state = Locked<(result: Result<Value, any Error>?, waiters: [CheckedContinuation<Void, Never>])>(
        (nil, []))

    init(name: String, body: @escaping () async throws -> Value) {
        self.name = name
        let operation = UncheckedSendable(body)
        let loop = EventLoop.running
        defer { loop.register(self) }
        task = Task(executorPreference: loop) { [self] in
            await Lane.$taskName.withValue(name) {
                Trace.emit("start", lane: name, tid: loop.nativeThreadID)
                let outcome: Result<Value, any Error>
                do {
                    outcome = .success(try await operation.value())
                } catch is CancellationError {
                    outcome = .failure(Asyncio.cancelledError)
                } catch {
                    outcome = .failure(error)
                }
                Trace.emit("end", lane: name)
                finish(outcome)
            }
        }
    }

    private func finish(_ outcome: Result<Value, any Error>) {
        let toResume = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.result = outcome
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in toResume { waiter.resume() }
    }

    func outcome() async -> Result<Value, any Error> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.result != nil { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
        return state.withLock { $0.result }!
    }

    /// `await task`.
    public var value: Value {
        get async throws { try await outcome().get() }
    }

    /// `task.cancel()`: the task sees `CancelledError` at its next `await`.
    public func cancel() { task.cancel() }

    /// `task.done()`.
    public var isDone: Bool { state.withLock { $0.result != nil } }

    func succeeded() async -> Bool {
        if case .success = await outcome() { return true }
        return false
    }
}
