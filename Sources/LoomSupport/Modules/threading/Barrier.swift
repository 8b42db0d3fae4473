import Foundation

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

    /// `barrier.n_waiting`.
    var waitingCount: Int { condition.withLock { broken ? 0 : arrived } }
}
