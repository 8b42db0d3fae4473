/// Suspended tasks waiting for something, resumed in the order they began to wait.
struct Waiters: Sendable {
    private var list: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    mutating func add(_ continuation: CheckedContinuation<Bool, Never>) -> Int {
        nextID += 1
        list.append((nextID, continuation))
        return nextID
    }

    mutating func popFirst() -> CheckedContinuation<Bool, Never>? {
        list.isEmpty ? nil : list.removeFirst().continuation
    }

    mutating func removeAll() -> [CheckedContinuation<Bool, Never>] {
        defer { list = [] }
        return list.map(\.continuation)
    }

    /// Removes a waiter that gave up (cancelled); nil when it was already resumed.
    mutating func remove(_ id: Int) -> CheckedContinuation<Bool, Never>? {
        guard let index = list.firstIndex(where: { $0.id == id }) else { return nil }
        return list.remove(at: index).continuation
    }
}

/// Suspends the current task until `register`'s continuation is resumed; a cancelled task
/// leaves the queue and raises `CancelledError` as asyncio's primitives do.
@available(macOS 15.0, *)
func suspend<State>(
    on state: Locked<State>, waiters: WritableKeyPath<State, Waiters>, trace what: String,
    ready: @escaping (inout State) -> Bool
) async throws {
    if state.withLock({ ready(&$0) }) { return }
    let start = MonotonicClock.nowNanos()
    let id = Locked(0)
    let path = UncheckedSendable(waiters)
    let resumed = await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let satisfied = state.withLock { value -> Bool in
                if ready(&value) { return true }
                let waiterID = value[keyPath: waiters].add(continuation)
                id.withLock { $0 = waiterID }
                return false
            }
            if satisfied { continuation.resume(returning: true) }
        }
    } onCancel: {
        let waiterID = id.withLock { $0 }
        state.withLock { $0[keyPath: path.value].remove(waiterID) }?.resume(returning: false)
    }
    traceWait(what, since: start)
    if !resumed { throw Asyncio.cancelledError }
}

@available(macOS 15.0, *)
extension Asyncio {
    /// `asyncio.Event`.
    public final class Event: Sendable {
        private struct State: Sendable {
            var flag = false
            var waiters = Waiters()
        }
        private let state = Locked(State())

        public init() {}

        public var isSet: Bool { state.withLock { $0.flag } }

        public func set() {
            let toResume = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
                state.flag = true
                return state.waiters.removeAll()
            }
            for waiter in toResume { waiter.resume(returning: true) }
        }

        public func clear() { state.withLock { $0.flag = false } }

        /// `await event.wait()`.
        public func wait() async throws {
            try await suspend(on: state, waiters: \.waiters, trace: "event") { $0.flag }
        }
    }

    /// `asyncio.Lock`: `async with lock:` is `try await lock.withLock { … }`; waiters get the
    /// lock in the order they asked for it.
    public final class Lock: Sendable {
        private let permit = Semaphore(1)

        public init() {}

        public func acquire() async throws { try await permit.acquire() }
        public func release() { permit.release() }
        public var locked: Bool { permit.locked }

        public func withLock<Value>(_ body: () async throws -> Value) async throws -> Value {
            try await permit.withLock(body)
        }
    }

    /// `asyncio.Semaphore`: `async with sem:` is `try await sem.withLock { … }`.
    public final class Semaphore: Sendable {
        private struct State: Sendable {
            var value: Int
            var waiters = Waiters()
        }
        private let state: Locked<State>

        public init(_ value: Int = 1) { state = Locked(State(value: value)) }

        public func acquire() async throws {
            try await suspend(on: state, waiters: \.waiters, trace: "semaphore") { state in
                guard state.value > 0 else { return false }
                state.value -= 1
                return true
            }
        }

        /// Hands the permit straight to the longest waiter, so waiters are served in order.
        public func release() {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                if let next = state.waiters.popFirst() { return next }
                state.value += 1
                return nil
            }
            waiter?.resume(returning: true)
        }

        public var locked: Bool { state.withLock { $0.value == 0 } }

        public func withLock<Value>(_ body: () async throws -> Value) async throws -> Value {
            try await acquire()
            defer { release() }
            return try await body()
        }
    }

    /// `asyncio.Queue`: `await q.put(x)`, `await q.get()`, `task_done`, `await q.join()`.
    public final class Queue<Element>: @unchecked Sendable {
        private struct State {
            var items: [Element] = []
            var unfinished = 0
            var getters = Waiters()
            var putters = Waiters()
            var joiners = Waiters()
        }
        public let maxsize: Int
        private let state = Locked(State())

        public init(maxsize: Int = 0) { self.maxsize = maxsize }

        public func put(_ item: Element) async throws {
            let limit = maxsize
            try await suspend(on: state, waiters: \.putters, trace: "queue") { limit <= 0 || $0.items.count < limit }
            try putNowait(item)
        }

        public func putNowait(_ item: Element) throws {
            let getter = try state.withLock { state -> CheckedContinuation<Bool, Never>? in
                if maxsize > 0 && state.items.count >= maxsize { throw PythonError("asyncio.queues.QueueFull") }
                state.items.append(item)
                state.unfinished += 1
                return state.getters.popFirst()
            }
            getter?.resume(returning: true)
        }

        public func get() async throws -> Element {
            while true {
                try await suspend(on: state, waiters: \.getters, trace: "queue") { !$0.items.isEmpty }
                if let item = try? getNowait() { return item }
            }
        }

        public func getNowait() throws -> Element {
            let (item, putter) = try state.withLock { state -> (Element, CheckedContinuation<Bool, Never>?) in
                guard !state.items.isEmpty else { throw PythonError("asyncio.queues.QueueEmpty") }
                return (state.items.removeFirst(), state.putters.popFirst())
            }
            putter?.resume(returning: true)
            return item
        }

        public func taskDone() {
            let joiners = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
                precondition(state.unfinished > 0, "ValueError: task_done() called too many times")
                state.unfinished -= 1
                return state.unfinished == 0 ? state.joiners.removeAll() : []
            }
            for joiner in joiners { joiner.resume(returning: true) }
        }

        public func join() async throws {
            try await suspend(on: state, waiters: \.joiners, trace: "queue") { $0.unfinished == 0 }
        }

        public var qsize: Int { state.withLock { $0.items.count } }
        public var empty: Bool { state.withLock { $0.items.isEmpty } }
    }
}
