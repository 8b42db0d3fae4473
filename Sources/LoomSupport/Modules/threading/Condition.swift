import Foundation

/// `threading.Condition`: `wait` releases the lock until notified; `notify(n)` wakes the `n`
/// longest-waiting threads, as CPython does.
public final class Condition: @unchecked Sendable {
    public let lock: any ConditionLock
    private let signals = NSCondition()
    private var waiters: [Waiter] = []

    private final class Waiter {
        var notified = false
    }

    public init(_ lock: any ConditionLock = RLock()) { self.lock = lock }

    @discardableResult
    public func acquire(blocking: Bool = true, timeout: Double? = nil) -> Bool { lock.acquire(blocking: blocking, timeout: timeout) }
    public func release() { lock.release() }

    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        _ = lock.acquire(blocking: true, timeout: nil)
        defer { lock.release() }
        return try body()
    }

    /// `cond.wait(timeout)`: false when the timeout passed without a notification.
    @discardableResult
    public func wait(timeout: Double? = nil) -> Bool {
        let waiter = Waiter()
        signals.withLock { waiters.append(waiter) }
        let saved = lock.releaseSavingState()
        signals.lock()
        let notified = blockingWait(signals, timeout: timeout, trace: "condition") { waiter.notified }
        if !notified { waiters.removeAll { $0 === waiter } }
        signals.unlock()
        lock.restore(saved)
        return notified
    }

    /// `cond.wait_for(predicate, timeout)`.
    @discardableResult
    public func wait(for predicate: () -> Bool, timeout: Double? = nil) -> Bool {
        let deadline = timeout.map { perfCounter() + $0 }
        while !predicate() {
            let remaining = deadline.map { $0 - perfCounter() }
            if let remaining, remaining <= 0 { return predicate() }
            wait(timeout: remaining)
        }
        return true
    }

    public func notify(_ count: Int = 1) {
        signals.lock()
        for waiter in waiters.prefix(count) { waiter.notified = true }
        waiters.removeFirst(min(count, waiters.count))
        signals.broadcast()
        signals.unlock()
    }

    public func notifyAll() { notify(Int.max) }

    /// Threads waiting now, for the dynamic `Condition`'s repr.
    var waiterCount: Int { signals.withLock { waiters.count } }
}
