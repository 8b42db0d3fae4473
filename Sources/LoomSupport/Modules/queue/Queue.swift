import Foundation

/// `queue.Queue`: FIFO, optionally bounded, with `task_done`/`join` bookkeeping.
/// `queue.Empty` and `queue.Full` are thrown as `PythonError`s named as CPython prints them.
public final class Queue<Element>: @unchecked Sendable {
    public let maxsize: Int
    private let condition = NSCondition()
    private var items: [Element] = []
    private var unfinished = 0
    private let store: (inout [Element], Element) throws -> Void
    private let take: (inout [Element]) throws -> Element

    /// `maxsize` ≤ 0 is unbounded, as in Python.
    public init(maxsize: Int = 0) {
        self.maxsize = maxsize
        store = { $0.append($1) }
        take = { $0.removeFirst() }
    }

    /// A queue that keeps its items in another order (the dynamic `LifoQueue` and
    /// `PriorityQueue`): `store` adds an item, `take` removes the next one; either may throw
    /// (a priority that cannot be compared), and the error reaches the caller of `put`/`get`.
    init(maxsize: Int, store: @escaping (inout [Element], Element) throws -> Void,
         take: @escaping (inout [Element]) throws -> Element) {
        self.maxsize = maxsize
        self.store = store
        self.take = take
    }

    private var isFull: Bool { maxsize > 0 && items.count >= maxsize }

    /// `q.put(item, block, timeout)`.
    public func put(_ item: Element, block: Bool = true, timeout: Double? = nil) throws {
        condition.lock()
        defer { condition.unlock() }
        guard blockingWait(condition, timeout: block ? timeout : 0, trace: "queue", until: { !isFull }) else {
            throw PythonError("queue.Full")
        }
        try store(&items, item)
        unfinished += 1
        condition.broadcast()
    }

    /// `q.get(block, timeout)`.
    public func get(block: Bool = true, timeout: Double? = nil) throws -> Element {
        condition.lock()
        defer { condition.unlock() }
        guard blockingWait(condition, timeout: block ? timeout : 0, trace: "queue", until: { !items.isEmpty }) else {
            throw PythonError("_queue.Empty")
        }
        let item = try take(&items)
        condition.broadcast()
        return item
    }

    public func putNowait(_ item: Element) throws { try put(item, block: false) }
    public func getNowait() throws -> Element { try get(block: false) }

    /// `q.task_done()`.
    public func taskDone() {
        condition.lock()
        defer { condition.unlock() }
        precondition(unfinished > 0, "ValueError: task_done() called too many times")
        unfinished -= 1
        if unfinished == 0 { condition.broadcast() }
    }

    /// `task_done()` that reports a call too many instead of trapping, for the dynamic `Queue`,
    /// which raises `ValueError` there as CPython does.
    func tryTaskDone() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard unfinished > 0 else { return false }
        unfinished -= 1
        if unfinished == 0 { condition.broadcast() }
        return true
    }

    /// `q.unfinished_tasks`.
    var unfinishedTasks: Int { condition.withLock { unfinished } }

    /// The items in the order they are stored, for the dynamic `queue.queue` attribute.
    var snapshot: [Element] { condition.withLock { items } }

    /// `q.join()`: waits until every item put has been marked done.
    public func join() {
        condition.lock()
        defer { condition.unlock() }
        _ = blockingWait(condition, timeout: nil, trace: "queue") { unfinished == 0 }
    }

    public var qsize: Int { condition.withLock { items.count } }
    public var empty: Bool { condition.withLock { items.isEmpty } }
    public var full: Bool { condition.withLock { isFull } }
}
