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
        let acquired = blockingWait(condition, timeout: blocking ? timeout : 0, trace: "lock") { !held }
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

    @discardableResult
    public func acquire(blocking: Bool = true, timeout: Double? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if ownedByCaller {
            depth += 1
            return true
        }
        let acquired = blockingWait(condition, timeout: blocking ? timeout : 0, trace: "lock") { owner == nil }
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
}

/// `threading.Semaphore`; `BoundedSemaphore` refuses to be released above its start value.
public class Semaphore: @unchecked Sendable {
    fileprivate let condition = NSCondition()
    fileprivate var value: Int

    public init(_ value: Int = 1) {
        precondition(value >= 0, "ValueError: semaphore initial value must be >= 0")
        self.value = value
    }

    @discardableResult
    public func acquire(blocking: Bool = true, timeout: Double? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let acquired = blockingWait(condition, timeout: blocking ? timeout : 0, trace: "semaphore") { value > 0 }
        if acquired { value -= 1 }
        return acquired
    }

    public func release(_ count: Int = 1) {
        condition.lock()
        value += count
        condition.broadcast()
        condition.unlock()
    }

    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        acquire()
        defer { release() }
        return try body()
    }
}

public final class BoundedSemaphore: Semaphore, @unchecked Sendable {
    private let limit: Int

    public override init(_ value: Int = 1) {
        limit = value
        super.init(value)
    }

    public override func release(_ count: Int = 1) {
        condition.lock()
        precondition(value + count <= limit, "ValueError: Semaphore released too many times")
        condition.unlock()
        super.release(count)
    }
}

/// `threading.Event`.
public final class Event: @unchecked Sendable {
    private let condition = NSCondition()
    private var flag = false

    public init() {}

    public var isSet: Bool { condition.withLock { flag } }

    public func set() {
        condition.lock()
        flag = true
        condition.broadcast()
        condition.unlock()
    }

    public func clear() { condition.withLock { flag = false } }

    /// `event.wait(timeout)`: the flag's value when the wait ends.
    @discardableResult
    public func wait(timeout: Double? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return blockingWait(condition, timeout: timeout, trace: "event") { flag }
    }
}

/// `threading.Barrier`: `wait` returns a distinct index in `0..<parties` to each thread of a
/// generation; a timeout breaks the barrier and raises `BrokenBarrierError` in every waiter.
public final class Barrier: @unchecked Sendable {
    public let parties: Int
    private let defaultTimeout: Double?
    private let action: (() -> Void)?
    private let condition = NSCondition()
    private var arrived = 0
    private var generation = 0
    private var broken = false

    public init(_ parties: Int, action: (() -> Void)? = nil, timeout: Double? = nil) {
        self.parties = parties
        self.action = action
        defaultTimeout = timeout
    }

    @discardableResult
    public func wait(timeout: Double? = nil) throws -> Int {
        condition.lock()
        defer { condition.unlock() }
        if broken { throw PythonError("threading.BrokenBarrierError") }
        let index = arrived
        arrived += 1
        if arrived == parties {
            action?()
            arrived = 0
            generation += 1
            condition.broadcast()
            return index
        }
        let myGeneration = generation
        let passed = blockingWait(condition, timeout: timeout ?? defaultTimeout, trace: "barrier") {
            generation != myGeneration || broken
        }
        if !passed || broken {
            broken = true
            condition.broadcast()
            throw PythonError("threading.BrokenBarrierError")
        }
        return index
    }

    /// `barrier.abort()`.
    public func abort() {
        condition.lock()
        broken = true
        condition.broadcast()
        condition.unlock()
    }

    public var isBroken: Bool { condition.withLock { broken } }
}
