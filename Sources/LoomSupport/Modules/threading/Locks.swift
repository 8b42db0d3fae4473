import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `threading.Condition` needs of its lock: release it fully while waiting, then take it
/// back as it was (an `RLock` held three times is held three times again).
public protocol ConditionLock: AnyObject, Sendable {
    func acquire(blocking: Bool, timeout: Double?) -> Bool
    func release()
    func releaseSavingState() -> Int
    func restore(_ state: Int)
}

/// `threading.Lock`. Any thread may release it, as in Python.
///
/// `with lock:` is `lock.withLock { … }`.
public final class Lock: @unchecked Sendable, ConditionLock {
    private let condition = NSCondition()
    private var held = false

    public init() {}

    /// `lock.acquire(blocking, timeout)`; `timeout` nil waits forever.
    @discardableResult
    public func acquire(blocking: Bool = true, timeout: Double? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let acquired = blockingWait(condition, timeout: blocking ? foreverIfNegative(timeout) : 0, trace: "lock") { !held }
        if acquired { held = true }
        return acquired
    }

    public func release() {
        condition.lock()
        precondition(held, "RuntimeError: release unlocked lock")
        held = false
        condition.signal()
        condition.unlock()
    }

    /// `lock.locked()`.
    public var locked: Bool { condition.withLock { held } }

    /// `release()` that reports an unlocked lock instead of trapping, for the dynamic
    /// `threading.Lock`, which raises `RuntimeError` there as CPython does.
    func tryRelease() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard held else { return false }
        held = false
        condition.signal()
        return true
    }

    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        acquire()
        defer { release() }
        return try body()
    }

    public func releaseSavingState() -> Int {
        release()
        return 1
    }

    public func restore(_ state: Int) { acquire() }
}

/// `threading.RLock`: the owning thread may take it again; it is free once released as often.
public final class RLock: @unchecked Sendable, ConditionLock {
    private let condition = NSCondition()
    private var owner: pthread_t?
    private var depth = 0

    public init() {}

    private var ownedByCaller: Bool { owner.map { pthread_equal($0, pthread_self()) != 0 } ?? false }

    /// Whether the calling thread holds the lock (CPython's `_is_owned`).
    var heldByCaller: Bool { condition.withLock { ownedByCaller } }

    /// The owner and recursion depth, for the dynamic `RLock`'s repr.
    var ownership: (owner: pthread_t?, depth: Int) { condition.withLock { (owner, depth) } }

    /// `release()` that reports a lock the caller does not hold instead of trapping.
    func tryRelease() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard ownedByCaller else { return false }
        depth -= 1
        if depth == 0 {
            owner = nil
            condition.signal()
        }
        return true
    }

    @discardableResult
    public func acquire(blocking: Bool = true, timeout: Double? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if ownedByCaller {
            depth += 1
            return true
        }
        let acquired = blockingWait(condition, timeout: blocking ? foreverIfNegative(timeout) : 0, trace: "lock") { owner == nil }
        if acquired {
            owner = pthread_self()
            depth = 1
        }
        return acquired
    }

    public func release() {
        condition.lock()
        defer { condition.unlock() }
        precondition(ownedByCaller, "RuntimeError: cannot release un-acquired lock")
        depth -= 1
        if depth == 0 {
            owner = nil
            condition.signal()
        }
    }

    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        acquire()
        defer { release() }
        return try body()
    }

    public func releaseSavingState() -> Int {
        condition.lock()
        defer { condition.unlock() }
        precondition(ownedByCaller, "RuntimeError: cannot wait on un-acquired lock")
        let saved = depth
        depth = 0
        owner = nil
        condition.signal()
        return saved
    }

    public func restore(_ state: Int) {
        acquire()
        condition.withLock { depth = state }
    }
}


/// `acquire(timeout=-1)`, Python's default spelled out, waits forever.
func foreverIfNegative(_ timeout: Double?) -> Double? {
    guard let timeout, timeout >= 0 else { return nil }
    return timeout
}
