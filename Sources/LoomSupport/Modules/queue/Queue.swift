import Foundation

/// `queue.Queue`: FIFO, optionally bounded, with `task_done`/`join` bookkeeping.
/// `queue.Empty` and `queue.Full` are thrown as `PythonError`s named as CPython prints them.
public final class Queue<Element>: @unchecked Sendable {
    public let maxsize: Int
    private let condition = NSCondition()
    private var items: [Element] = []
    private var unfinished = 0

    /// `maxsize` ≤ 0 is unbounded, as in Python.
    public init(maxsize: Int = 0) { self.maxsize = maxsize }

    private var isFull: Bool { maxsize > 0 && items.count >= maxsize }

    /// `q.put(item, block, timeout)`.
    public func put(_ item: Element, block: Bool = true, timeout: Double? = nil) throws {
        condition.lock()
        defer { condition.unlock() }
        guard blockingWait(condition, timeout: block ? timeout : 0, trace: "queue", until: { !isFull }) else {
            throw PythonError("queue.Full")
        }
        items.append(item)
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
        let item = items.removeFirst()
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
