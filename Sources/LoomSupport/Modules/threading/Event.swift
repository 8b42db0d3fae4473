import Foundation

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

    /// Waits like `wait` but records no trace event (for waits that are traced as something else).
    func waitUntraced(timeout: Double?) {
        condition.lock()
        defer { condition.unlock() }
        let deadline = timeout.map { Date(timeIntervalSinceNow: $0 * RunSettings.current.timeScale) }
        while !flag {
            if let deadline {
                if !condition.wait(until: deadline) { return }
            } else {
                condition.wait()
            }
        }
    }

    /// `event.wait(timeout)`: the flag's value when the wait ends.
    @discardableResult
    public func wait(timeout: Double? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return blockingWait(condition, timeout: timeout, trace: "event") { flag }
    }
}
