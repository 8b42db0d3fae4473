import Foundation

/// `threading.Timer(interval, function)`: a thread that calls `function` after `interval`
/// seconds unless cancelled first. Named `Thread-N` like CPython's (a Timer has no target).
///
///     let timer = PythonTimer(2) { sayHello() }
///     timer.start()
public final class PythonTimer: @unchecked Sendable {
    private let cancelled = Event()
    private let thread: PythonThread

    public init(_ interval: Double, name: String? = nil, _ function: @escaping () throws -> Void) {
        let cancelled = self.cancelled
        let body = UncheckedSendable(function)
        thread = PythonThread(name: name) {
            // Traced as the sleep it is; the wait itself ends early on `cancel()`.
            Trace.emit("sleep", lane: Lane.current, duration: interval)
            cancelled.waitUntraced(timeout: interval)
            if !cancelled.isSet { try body.value() }
            cancelled.set()
        }
    }

    public var name: String { thread.name }
    public func start() { thread.start() }
    /// `timer.cancel()`: the function will not run if it has not started yet.
    public func cancel() { cancelled.set() }
    public func join(timeout: Double? = nil) { thread.join(timeout: timeout) }
    public var isAlive: Bool { thread.isAlive }
}
