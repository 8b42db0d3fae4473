import Foundation

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
        let acquired = blockingWait(condition, timeout: blocking ? foreverIfNegative(timeout) : 0, trace: "semaphore") { value > 0 }
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

    /// The counter now, for the dynamic semaphores' reprs.
    var currentValue: Int { condition.withLock { value } }
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

    var initialValue: Int { limit }

    /// `release(n)` that reports going past the start value instead of trapping, for the dynamic
    /// `BoundedSemaphore`, which raises `ValueError` there as CPython does.
    func tryRelease(_ count: Int) -> Bool {
        condition.lock()
        guard value + count <= limit else {
            condition.unlock()
            return false
        }
        value += count
        condition.broadcast()
        condition.unlock()
        return true
    }
}
