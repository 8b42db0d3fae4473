import Foundation

/// A value guarded by a lock, for the library's process-wide state (Swift 6 strict concurrency;
/// `Synchronization.Mutex` would need newer Apple platforms than the package supports).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Carries a value the compiler cannot prove `Sendable` across a thread boundary. Translated
/// Python shares state between threads exactly as the Python did; the library does not add races.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
