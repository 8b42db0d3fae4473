import Foundation

/// `concurrent.futures.Future`: the eventual result of a submitted call.
public final class Future<Value>: @unchecked Sendable, Hashable, CompletionSource {
    enum State { case pending, running, finished, cancelled }

    let condition = NSCondition()
    private(set) var state = State.pending
    private var outcome: Result<Value, any Error>?
    private var observers: [CompletionObserver] = []
    private var callbacks: [(Future<Value>) -> Void] = []

    init() {}

    /// `f.result(timeout)`: the value, or the call's exception rethrown; `TimeoutError` when
    /// `timeout` seconds pass first, `CancelledError` when it was cancelled.
    public func result(timeout: Double? = nil) throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        let isDone = blockingWait(condition, timeout: timeout, trace: "result") { state == .finished || state == .cancelled }
        guard isDone else { throw PythonError.timeoutError() }
        if state == .cancelled { throw PythonError("concurrent.futures._base.CancelledError") }
        return try outcome!.get()
    }

    /// `f.exception(timeout)`: the call's exception, or nil when it returned. Waiting past the
    /// timeout raises `TimeoutError` and a cancelled future raises `CancelledError`, as in Python.
    public func exception(timeout: Double? = nil) throws -> (any Error)? {
        do {
            _ = try result(timeout: timeout)
            return nil
        } catch let error as PythonError where (error.type == "TimeoutError" && !done) || cancelled {
            throw error
        } catch {
            return error
        }
    }

    /// `f.done()`.
    public var done: Bool { condition.withLock { state == .finished || state == .cancelled } }
    /// `f.running()`.
    public var running: Bool { condition.withLock { state == .running } }
    /// `f.cancelled()`.
    public var cancelled: Bool { condition.withLock { state == .cancelled } }

    /// `f.cancel()`: succeeds only while the call has not started.
    @discardableResult
    public func cancel() -> Bool {
        condition.lock()
        guard state == .pending || state == .cancelled else {
            condition.unlock()
            return false
        }
        let wasPending = state == .pending
        state = .cancelled
        condition.broadcast()
        let toNotify = wasPending ? takeObservers() : []
        condition.unlock()
        for observer in toNotify { observer.completed(self) }
        if wasPending { runCallbacks() }
        return true
    }

    /// `f.add_done_callback(fn)`: runs `fn` in the thread that completes the future, or at once.
    public func addDoneCallback(_ callback: @escaping (Future<Value>) -> Void) {
        condition.lock()
        if state == .finished || state == .cancelled {
            condition.unlock()
            callback(self)
            return
        }
        callbacks.append(callback)
        condition.unlock()
    }

    /// Marks the call as started; false when it was cancelled first.
    func markRunning() -> Bool {
        condition.withLock {
            guard state == .pending else { return false }
            state = .running
            return true
        }
    }

    func complete(_ result: Result<Value, any Error>) {
        condition.lock()
        outcome = result
        state = .finished
        condition.broadcast()
        let toNotify = takeObservers()
        condition.unlock()
        for observer in toNotify { observer.completed(self) }
        runCallbacks()
    }

    private func runCallbacks() {
        let pending = condition.withLock { () -> [(Future<Value>) -> Void] in
            defer { callbacks = [] }
            return callbacks
        }
        for callback in pending { callback(self) }
    }

    private func takeObservers() -> [CompletionObserver] {
        defer { observers = [] }
        return observers
    }

    /// Registers `observer`; false when the future is already done (nothing will be sent).
    func observe(_ observer: CompletionObserver) -> Bool {
        condition.withLock {
            if state == .finished || state == .cancelled { return false }
            observers.append(observer)
            return true
        }
    }

    var failed: Bool {
        condition.withLock {
            if case .failure = outcome { return true }
            return false
        }
    }

    public static func == (lhs: Future, rhs: Future) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

protocol CompletionSource: AnyObject {
    func observe(_ observer: CompletionObserver) -> Bool
    var failed: Bool { get }
}

/// Collects completions of several futures in the order they happen, for `as_completed` and `wait`.
final class CompletionObserver: @unchecked Sendable {
    private let condition = NSCondition()
    private var completedOrder: [ObjectIdentifier] = []

    func completed(_ source: AnyObject) {
        condition.lock()
        completedOrder.append(ObjectIdentifier(source))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until more than `seen` completions arrived; returns them all, or nil on timeout.
    func waitBeyond(_ seen: Int, deadline: Date?, trace what: String) -> [ObjectIdentifier]? {
        condition.lock()
        defer { condition.unlock() }
        let timeout = deadline.map { $0.timeIntervalSinceNow / RunSettings.current.timeScale }
        let arrived = blockingWait(condition, timeout: timeout, trace: what) { completedOrder.count > seen }
        return arrived ? completedOrder : nil
    }
}

/// `concurrent.futures.as_completed(fs)`: the futures in the order they finish; those already
/// finished come first, in the order given.
public func asCompleted<Value>(_ futures: [Future<Value>], timeout: Double? = nil) -> AsCompletedSequence<Value> {
    AsCompletedSequence(futures: futures, timeout: timeout)
}

public struct AsCompletedSequence<Value>: Sequence {
    let futures: [Future<Value>]
    let timeout: Double?

    public func makeIterator() -> Iterator { Iterator(futures: futures, timeout: timeout) }

    public struct Iterator: IteratorProtocol {
        private var ready: [Future<Value>] = []
        private var pending: [ObjectIdentifier: Future<Value>] = [:]
        private let observer = CompletionObserver()
        private var seen = 0
        private let deadline: Date?

        init(futures: [Future<Value>], timeout: Double?) {
            deadline = timeout.map { Date(timeIntervalSinceNow: $0 * RunSettings.current.timeScale) }
            var unique = Set<ObjectIdentifier>()
            for future in futures where unique.insert(ObjectIdentifier(future)).inserted {
                if future.observe(observer) {
                    pending[ObjectIdentifier(future)] = future
                } else {
                    ready.append(future)
                }
            }
        }

        /// A timeout that passes with futures still pending raises `TimeoutError` in Python; here
        /// it ends the program with that message, since a `for` loop cannot throw.
        public mutating func next() -> Future<Value>? {
            if !ready.isEmpty { return ready.removeFirst() }
            guard !pending.isEmpty else { return nil }
            guard let order = observer.waitBeyond(seen, deadline: deadline, trace: "result") else {
                fatalError("TimeoutError: \(pending.count) (of \(pending.count + seen)) futures unfinished")
            }
            for id in order[seen...] {
                if let future = pending.removeValue(forKey: id) { ready.append(future) }
            }
            seen = order.count
            return ready.isEmpty ? nil : ready.removeFirst()
        }
    }
}

/// `return_when` of `concurrent.futures.wait`.
public enum ReturnWhen: Sendable {
    case firstCompleted, firstException, allCompleted
}

/// `concurrent.futures.wait(fs, timeout, return_when)`: the futures done and not done when the
/// condition held or the timeout passed.
public func wait<Value>(
    _ futures: [Future<Value>], timeout: Double? = nil, returnWhen: ReturnWhen = .allCompleted
) -> (done: Set<Future<Value>>, notDone: Set<Future<Value>>) {
    let observer = CompletionObserver()
    var done = Set<Future<Value>>()
    var notDone = Set<Future<Value>>()
    for future in futures {
        if future.observe(observer) { notDone.insert(future) } else { done.insert(future) }
    }
    func satisfied() -> Bool {
        switch returnWhen {
        case .allCompleted: return notDone.isEmpty
        case .firstCompleted: return !done.isEmpty
        case .firstException: return notDone.isEmpty || done.contains { $0.failed }
        }
    }
    let deadline = timeout.map { Date(timeIntervalSinceNow: $0 * RunSettings.current.timeScale) }
    var seen = 0
    while !satisfied() {
        guard let order = observer.waitBeyond(seen, deadline: deadline, trace: "result") else { break }
        for id in order[seen...] {
            if let future = notDone.first(where: { ObjectIdentifier($0) == id }) {
                notDone.remove(future)
                done.insert(future)
            }
        }
        seen = order.count
    }
    return (done, notDone)
}
