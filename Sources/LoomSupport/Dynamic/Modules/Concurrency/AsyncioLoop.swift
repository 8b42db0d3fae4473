import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The event loop that drives dynamic coroutines, written as CPython's `asyncio` is (base_events,
// futures, tasks), so tasks run, wake and print in CPython's order: callbacks run in the order they
// were scheduled, one loop iteration runs the callbacks ready when it began, a task steps its
// coroutine with `send`/`throw` and parks on the future the coroutine yields. The loop runs on the
// thread that called `asyncio.run`; each step hands control to the coroutine and waits for it to
// yield, so one coroutine runs at a time. Sleeps and waits are traced in the task's lane.

/// One scheduled callback: `call_soon`, `call_later`, a future's done callback, a task's step.
final class LoopHandle: @unchecked Sendable {
    let callback: () throws -> Void
    let when: Double
    let sequence: Int
    let describe: () -> String
    var cancelled = false

    init(when: Double, sequence: Int, describe: @escaping () -> String, _ callback: @escaping () throws -> Void) {
        self.when = when
        self.sequence = sequence
        self.describe = describe
        self.callback = callback
    }

    func precedes(_ other: LoopHandle) -> Bool { when < other.when || (when == other.when && sequence < other.sequence) }
}

@available(macOS 15.0, *)
final class AsyncLoop: @unchecked Sendable {
    private var ready: [LoopHandle] = []
    private var timers: [LoopHandle] = []
    private var sequence = 0
    private let wakeup = NSCondition()
    private var incoming: [LoopHandle] = []
    private(set) var isRunning = false
    private(set) var isClosed = false
    private var stopRequested = false
    private var driver: pthread_t?
    private(set) var driverNativeID = 0

    /// The task whose step runs now (`current_task()`).
    var currentTask: AsyncTaskState?
    /// Tasks not yet done, in creation order (`all_tasks()`).
    private(set) var pendingTasks: [AsyncTaskState] = []
    /// Every task made on this loop, to report failures nobody read when the loop closes.
    private(set) var createdTasks: [AsyncTaskState] = []
    /// `run_in_executor(None, …)`'s pool, made on first use, as CPython makes it.
    private var defaultExecutorPool: ThreadPoolExecutor?
    /// The Python object of this loop.
    var object: PyObject = .none

    /// Loops running now, innermost last; coroutine bodies run on threads of their own, so the
    /// running loop cannot be a thread-local as in CPython.
    private static let running = Locked<[AsyncLoop]>([])
    /// `set_event_loop`'s loop, which `get_event_loop()` returns outside a running loop.
    static let installed = Locked<AsyncLoop?>(nil)

    static var runningLoop: AsyncLoop? { running.withLock { $0.last } }

    static func requireRunning() throws -> AsyncLoop {
        guard let loop = runningLoop else { throw pythonError(Py.RuntimeError, "no running event loop") }
        return loop
    }

    /// `loop.time()`: the monotonic clock in unscaled seconds, as `perf_counter` reads it.
    func time() -> Double { perfCounter() }

    private func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    @discardableResult
    func callSoon(_ describe: @escaping @autoclosure () -> String = "<callback>", _ callback: @escaping () throws -> Void) -> LoopHandle {
        let handle = LoopHandle(when: 0, sequence: nextSequence(), describe: describe, callback)
        ready.append(handle)
        return handle
    }

    @discardableResult
    func callAt(_ when: Double, _ describe: @escaping @autoclosure () -> String = "<callback>",
                _ callback: @escaping () throws -> Void) -> LoopHandle {
        let handle = LoopHandle(when: when, sequence: nextSequence(), describe: describe, callback)
        timers.append(handle)
        var index = timers.count - 1
        while index > 0 {
            let parent = (index - 1) / 2
            guard timers[index].precedes(timers[parent]) else { break }
            timers.swapAt(index, parent)
            index = parent
        }
        return handle
    }

    @discardableResult
    func callLater(_ delay: Double, _ describe: @escaping @autoclosure () -> String = "<callback>",
                   _ callback: @escaping () throws -> Void) -> LoopHandle {
        callAt(timerBase() + delay, describe(), callback)
    }

    /// When the iteration running now began (nil between iterations).
    private var iterationStart: Double?

    /// The time a delay counts from. CPython's tasks of one iteration run microseconds apart,
    /// so equal sleeps they start end in one later iteration, in the order they were started. A
    /// step here hands control to the coroutine's thread and back, which takes longer and varies
    /// with the machine's load; delays started within 100 ms (real time) of the iteration's start
    /// count from that start, so they keep CPython's grouping and order. Later ones (after work
    /// that took longer) count from now, so the time a step computed is not lost.
    private func timerBase() -> Double {
        let now = time()
        if let start = iterationStart, (now - start) * RunSettings.current.timeScale < 0.1 { return start }
        return now
    }

    /// `call_soon_threadsafe`: from any thread (an executor's worker finishing a call).
    func callSoonThreadsafe(_ callback: @escaping () throws -> Void) {
        wakeup.lock()
        incoming.append(LoopHandle(when: 0, sequence: 0, describe: { "<callback>" }, callback))
        wakeup.signal()
        wakeup.unlock()
    }

    private func popTimer() -> LoopHandle {
        let first = timers[0]
        let last = timers.removeLast()
        if !timers.isEmpty {
            timers[0] = last
            var index = 0
            while true {
                let left = 2 * index + 1, right = left + 1
                var smallest = index
                if left < timers.count && timers[left].precedes(timers[smallest]) { smallest = left }
                if right < timers.count && timers[right].precedes(timers[smallest]) { smallest = right }
                if smallest == index { break }
                timers.swapAt(index, smallest)
                index = smallest
            }
        }
        return first
    }

    private func takeIncoming() {
        wakeup.lock()
        let arrived = incoming
        incoming.removeAll()
        wakeup.unlock()
        for handle in arrived { ready.append(LoopHandle(when: 0, sequence: nextSequence(), describe: handle.describe, handle.callback)) }
    }

    /// One iteration of CPython's `_run_once`: wait for the first timer (or a callback from
    /// another thread) when nothing is ready, move the due timers to the ready queue, then run
    /// the callbacks that were ready when the iteration began.
    private func runOnce() {
        while let first = timers.first, first.cancelled { _ = popTimer() }
        takeIncoming()
        if ready.isEmpty {
            wakeup.lock()
            if incoming.isEmpty {
                if let first = timers.first {
                    // CPython's selector waits in whole milliseconds, rounded up, so timers due
                    // within a millisecond of the first run in the same iteration.
                    let remaining = ((first.when - time()) * RunSettings.current.timeScale * 1000).rounded(.up) / 1000
                    if remaining > 0 { _ = wakeup.wait(until: Date(timeIntervalSinceNow: remaining)) }
                } else {
                    wakeup.wait()
                }
            }
            wakeup.unlock()
            takeIncoming()
        }
        let end = time() + 1e-9
        while let first = timers.first, first.when < end || first.cancelled {
            let timer = popTimer()
            if !timer.cancelled { ready.append(timer) }
        }
        let count = ready.count
        let batch = ready.prefix(count)
        ready.removeFirst(count)
        iterationStart = time()
        defer { iterationStart = nil }
        for handle in batch where !handle.cancelled {
            do {
                try handle.callback()
            } catch {
                reportCallbackFailure(error, handle: handle)
            }
        }
    }

    /// The loop's default exception handler: what CPython logs for a callback that raised.
    func reportCallbackFailure(_ error: any Error, handle: LoopHandle? = nil, message: String? = nil) {
        let cell = cellState.withLock { $0.cell }
        var text = (message ?? "Exception in callback \(handle?.describe() ?? "<callback>")") + "\n"
        if let handle, message == nil { text += "handle: <Handle \(handle.describe())>\n" }
        Output.write(text + tracebackText(error, cell: cell), to: .stderr)
    }

    /// `loop.run_until_complete(future)`: runs iterations until `future` is done; its result or
    /// exception is the call's.
    func runUntilComplete(_ future: AsyncFutureState) throws -> PyObject {
        if isClosed { throw pythonError(Py.RuntimeError, "Event loop is closed") }
        if isRunning { throw pythonError(Py.RuntimeError, "This event loop is already running") }
        if AsyncLoop.runningLoop != nil {
            throw pythonError(Py.RuntimeError, "Cannot run the event loop while another loop is running")
        }
        isRunning = true
        driver = pthread_self()
        driverNativeID = Lane.nativeThreadID
        AsyncLoop.running.withLock { $0.append(self) }
        defer {
            AsyncLoop.running.withLock { loops in loops.removeAll { $0 === self } }
            isRunning = false
            stopRequested = false
        }
        var finished = false
        future.addDoneCallback(key: nil) { _ in finished = true }
        repeat { runOnce() } while !finished && !stopRequested
        if !future.isDone {
            throw pythonError(Py.RuntimeError, "Event loop stopped before Future completed.")
        }
        return try future.resultValue()
    }

    /// `loop.run_forever()` until `loop.stop()`.
    func runForever() throws {
        if isClosed { throw pythonError(Py.RuntimeError, "Event loop is closed") }
        if isRunning { throw pythonError(Py.RuntimeError, "This event loop is already running") }
        isRunning = true
        driver = pthread_self()
        driverNativeID = Lane.nativeThreadID
        AsyncLoop.running.withLock { $0.append(self) }
        defer {
            AsyncLoop.running.withLock { loops in loops.removeAll { $0 === self } }
            isRunning = false
            stopRequested = false
        }
        repeat { runOnce() } while !stopRequested
    }

    /// `loop.stop()`: the current iteration finishes first, as in CPython.
    func stop() { stopRequested = true }

    func close() throws {
        if isRunning { throw pythonError(Py.RuntimeError, "Cannot close a running event loop") }
        guard !isClosed else { return }
        isClosed = true
        ready.removeAll()
        timers.removeAll()
        shutDownDefaultExecutor()
    }

    var defaultExecutor: ThreadPoolExecutor {
        if let pool = defaultExecutorPool { return pool }
        let pool = ThreadPoolExecutor(threadNamePrefix: "asyncio")
        defaultExecutorPool = pool
        return pool
    }

    func shutDownDefaultExecutor() {
        defaultExecutorPool?.shutdown(wait: true)
        defaultExecutorPool = nil
    }

    func register(_ task: AsyncTaskState) {
        pendingTasks.append(task)
        createdTasks.append(task)
    }
    func unregister(_ task: AsyncTaskState) { pendingTasks.removeAll { $0 === task } }

    /// Runs one step of `task` with the lane hook set, so the coroutine's thread prints and
    /// sleeps in the task's lane.
    func runStep<Result>(of task: AsyncTaskState, _ body: () throws -> Result) rethrows -> Result {
        let previous = currentTask
        currentTask = task
        let driverThread = driver ?? pthread_self()
        let previousStep = Lane.dynamicTaskStep.withLock { step -> (task: String, loop: pthread_t)? in
            defer { step = (task.name, driverThread) }
            return step
        }
        defer {
            currentTask = previous
            Lane.dynamicTaskStep.withLock { $0 = previousStep }
        }
        return try body()
    }

    /// The lane a trace event of the running coroutine belongs to.
    var laneOfCurrentTask: String { currentTask?.name ?? Lane.current }
}

/// An `asyncio.Future`: state, result, callbacks, as `asyncio.futures.Future` keeps them.
@available(macOS 15.0, *)
class AsyncFutureState: @unchecked Sendable {
    enum State: String { case pending = "PENDING", cancelled = "CANCELLED", finished = "FINISHED" }

    let loop: AsyncLoop
    var state = State.pending
    var result: PyObject = .none
    var exception: PyObject?
    var cancelMessage: PyObject = .none
    /// The `CancelledError` a task's coroutine raised, re-raised by `result()`.
    var cancelledException: PyObject?
    var callbacks: [(key: PyObject?, run: (PyObject) -> Void)] = []
    /// `_asyncio_future_blocking`: set by `__await__` as it yields the future to its task.
    var blocking = false
    /// Whether `result()` or `exception()` read the outcome (else "exception was never retrieved").
    var retrieved = false
    /// The Python object; set once, right after the state is made.
    var object: PyObject = .none
    /// What a task waiting on this future is traced as waiting for (`gather`, `queue`, `lock` …);
    /// nil for waits traced otherwise (sleeps) or not at all (awaiting a task), as in static code.
    var waitLabel: String?
    /// A `gather`'s children: cancelling it cancels them.
    var gatherChildren: [AsyncFutureState]?
    var cancelRequested = false

    init(loop: AsyncLoop) { self.loop = loop }

    var isDone: Bool { state != .pending }

    func makeCancelledError() throws -> PyObject {
        if let saved = cancelledException {
            cancelledException = nil
            return saved
        }
        return cancelMessage.isNone ? try AsyncioClasses.cancelledError() : try AsyncioClasses.cancelledError(cancelMessage)
    }

    /// `fut.result()`.
    func resultValue() throws -> PyObject {
        switch state {
        case .cancelled: throw try PyException(raising: try makeCancelledError())
        case .pending: throw pythonError(AsyncioClasses.invalidStateError, "Result is not set.")
        case .finished:
            retrieved = true
            if let exception { throw try PyException(raising: exception) }
            return result
        }
    }

    /// `fut.exception()`.
    func exceptionValue() throws -> PyObject {
        switch state {
        case .cancelled: throw try PyException(raising: try makeCancelledError())
        case .pending: throw pythonError(AsyncioClasses.invalidStateError, "Exception is not set.")
        case .finished:
            retrieved = true
            return exception ?? .none
        }
    }

    func invalidState() -> any Error {
        pythonError(AsyncioClasses.invalidStateError, "\(state.rawValue): \((try? object.repr()) ?? "<Future>")")
    }

    func setResult(_ value: PyObject) throws {
        guard state == .pending else { throw invalidState() }
        result = value
        state = .finished
        scheduleCallbacks()
    }

    func setException(_ value: PyObject) throws {
        guard state == .pending else { throw invalidState() }
        var instance = value
        if try Py.isinstance(value, Py.type).truthy() { instance = try value() }
        if try Py.isinstance(instance, Py.StopIteration).truthy() {
            throw pythonError(Py.TypeError, "StopIteration interacts badly with generators and cannot be raised into a Future")
        }
        exception = instance
        state = .finished
        scheduleCallbacks()
    }

    /// `fut.cancel(msg)`.
    @discardableResult
    func cancel(message: PyObject = .none) -> Bool {
        if let children = gatherChildren {
            guard !isDone else { return false }
            var any = false
            for child in children where child.cancel(message: message) { any = true }
            if any { cancelRequested = true }
            return any
        }
        guard state == .pending else { return false }
        state = .cancelled
        cancelMessage = message
        scheduleCallbacks()
        return true
    }

    func scheduleCallbacks() {
        let pending = callbacks
        callbacks.removeAll()
        for callback in pending {
            loop.callSoon(self.describeCallback(callback.key)) { [self] in callback.run(object) }
        }
    }

    private func describeCallback(_ key: PyObject?) -> String {
        let name = key.flatMap { try? $0.repr() } ?? "<callback>"
        return "\(name)(\((try? object.repr()) ?? "<Future>"))"
    }

    func addDoneCallback(key: PyObject?, _ run: @escaping (PyObject) -> Void) {
        if isDone {
            loop.callSoon(self.describeCallback(key)) { [self] in run(object) }
        } else {
            callbacks.append((key, run))
        }
    }

    func removeDoneCallback(_ key: PyObject) -> Int {
        let before = callbacks.count
        callbacks.removeAll { $0.key?.isIdentical(to: key) == true }
        return before - callbacks.count
    }
}

/// An `asyncio.Task`: a future whose result is its coroutine's.
@available(macOS 15.0, *)
final class AsyncTaskState: AsyncFutureState, @unchecked Sendable {
    let coroutine: PyObject
    var name: String
    var mustCancel = false
    var waitingOn: AsyncFutureState?
    var cancelsRequested = 0
    private var started = false

    init(loop: AsyncLoop, coroutine: PyObject, name: String) {
        self.coroutine = coroutine
        self.name = name
        super.init(loop: loop)
    }

    /// Schedules the first step, as `Task.__init__` does.
    func schedule() {
        loop.register(self)
        loop.callSoon(self.name) { [self] in step(throwing: nil) }
    }

    /// `task.cancel(msg)`.
    @discardableResult
    override func cancel(message: PyObject = .none) -> Bool {
        retrieved = true
        if isDone { return false }
        cancelsRequested += 1
        if let waitingOn, waitingOn.cancel(message: message) { return true }
        mustCancel = true
        cancelMessage = message
        return true
    }

    func uncancel() -> Int {
        if cancelsRequested > 0 { cancelsRequested -= 1 }
        return cancelsRequested
    }

    private func finishTrace() {
        loop.unregister(self)
        Trace.emit("end", lane: name)
    }

    /// `Task.__step`: resumes the coroutine with `send(None)` or `throw(exc)`, then acts on what
    /// it did — returned, raised, or yielded a future to wait on (or `None`, to let the others run).
    func step(throwing thrown: PyObject?) {
        guard !isDone else { return }
        var exception = thrown
        if mustCancel {
            if exception == nil || !(AsyncioClasses.isCancelledError(exception!)) {
                exception = try? makeCancelledError()
            }
            mustCancel = false
        }
        waitingOn = nil
        if !started {
            started = true
            Trace.emit("start", lane: name, tid: loop.driverNativeID)
        }
        let outcome: Result<PyCoroutineStep, PyException> = loop.runStep(of: self) {
            do {
                if let exception { return .success(try coroutine.throwIntoCoroutine(try PyException(raising: exception))) }
                return .success(try coroutine.resumeCoroutine())
            } catch {
                return .failure(PyException.caught(error))
            }
        }
        switch outcome {
        case .success(.finished(let value)):
            if mustCancel {
                mustCancel = false
                _ = super.cancel(message: cancelMessage)
            } else {
                try? setResult(value)
            }
            finishTrace()
        case .failure(let raised):
            if AsyncioClasses.isCancelledError(raised.value) {
                cancelledException = raised.value
                _ = super.cancel(message: .none)
            } else {
                try? setException(raised.value)
            }
            finishTrace()
        case .success(.suspended(let yielded)):
            if let future = try? yielded.nativePayload(as: AsyncFutureState.self) {
                if future.loop !== loop {
                    rescheduleWithError("Task \(describe()) got Future \(describeObject(yielded)) attached to a different loop")
                } else if future.blocking {
                    if future === self {
                        rescheduleWithError("Task cannot await on itself: \(describe())")
                    } else {
                        future.blocking = false
                        future.addDoneCallback(key: nil) { [self] _ in wakeup(future) }
                        waitingOn = future
                        if mustCancel, future.cancel(message: cancelMessage) { mustCancel = false }
                    }
                } else {
                    rescheduleWithError("yield was used instead of yield from in task \(describe()) with \(describeObject(yielded))")
                }
            } else if yielded.isNone {
                loop.callSoon(self.name) { [self] in step(throwing: nil) }
            } else {
                rescheduleWithError("Task got bad yield: \(describeObject(yielded))")
            }
        }
    }

    private func rescheduleWithError(_ message: String) {
        let error = (try? Py.RuntimeError(PyObject(message))) ?? .none
        loop.callSoon(self.name) { [self] in step(throwing: error) }
    }

    /// `Task.__wakeup`: the awaited future is done; step with its result or its exception.
    private func wakeup(_ future: AsyncFutureState) {
        do {
            _ = try future.resultValue()
            step(throwing: nil)
        } catch {
            step(throwing: PyException.caught(error).value)
        }
    }

    private func describe() -> String { (try? object.repr()) ?? "<Task \(name)>" }
    private func describeObject(_ value: PyObject) -> String { (try? value.repr()) ?? "<object>" }
}

/// The exception classes of `asyncio`, made once.
enum AsyncioClasses {
    static let cancelledError = makeOnce { try moduleClass("CancelledError", module: "asyncio.exceptions", bases: [Py.BaseException]) }
    static let invalidStateError = makeOnce { try moduleClass("InvalidStateError", module: "asyncio.exceptions", bases: [Py.Exception]) }
    static let queueEmpty = makeOnce { try moduleClass("QueueEmpty", module: "asyncio.queues", bases: [Py.Exception]) }
    static let queueFull = makeOnce { try moduleClass("QueueFull", module: "asyncio.queues", bases: [Py.Exception]) }

    static func isCancelledError(_ value: PyObject) -> Bool {
        (try? Py.isinstance(value, cancelledError).truthy()) ?? false
    }

    private static func makeOnce(_ make: () throws -> PyObject) -> PyObject {
        do { return try make() } catch { fatalError("building an asyncio exception class failed: \(error)") }
    }
}
