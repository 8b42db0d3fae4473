/// `queue` for dynamic code, over the static `Queue` (its blocking waits are traced as `queue`
/// waits): `Queue` is FIFO, `LifoQueue` and `PriorityQueue` keep their items as CPython's do (a
/// list, and a heap ordered by Python's `<` with `heapq`'s exact sifts, so equal priorities come
/// out in CPython's order).
func makeQueueModule() throws -> PyObject {
    let queueClass = try makeDynamicQueueClass(name: "Queue", module: "queue", withTasks: true)
    let lifo = try moduleClass("LifoQueue", module: "queue", bases: [queueClass]) { namespace in
        namespace["__init__"] = method("__init__", ["maxsize"], defaults: [0]) { arguments in
            arguments[0].setNativePayload(Queue<PyObject>(
                maxsize: try arguments[1].toInt(), store: { $0.append($1) }, take: { $0.removeLast() }))
            return .none
        }
    }
    let priority = try moduleClass("PriorityQueue", module: "queue", bases: [queueClass]) { namespace in
        namespace["__init__"] = method("__init__", ["maxsize"], defaults: [0]) { arguments in
            arguments[0].setNativePayload(Queue<PyObject>(maxsize: try arguments[1].toInt(), store: heapPush, take: heapPop))
            return .none
        }
    }
    let simple = try makeDynamicQueueClass(name: "SimpleQueue", module: "_queue", withTasks: false)
    return PyObject.module("queue", [
        ("Queue", queueClass),
        ("LifoQueue", lifo),
        ("PriorityQueue", priority),
        ("SimpleQueue", simple),
        ("Empty", ConcurrencyClasses.queueEmpty),
        ("Full", ConcurrencyClasses.queueFull),
    ])
}

/// `put`/`get`'s `block` and `timeout`, checked as CPython checks them.
private func queueWait(block: PyObject, timeout: PyObject) throws -> (block: Bool, timeout: Double?) {
    let blocks = try block.truthy()
    guard blocks, let seconds = try seconds(timeout) else { return (blocks, nil) }
    if seconds < 0 { throw pythonError(Py.ValueError, "'timeout' must be a non-negative number") }
    return (true, seconds)
}

/// A queue class whose instances carry a static `Queue<PyObject>`; `withTasks` adds
/// `task_done`/`join`, `maxsize` and `full` (what `SimpleQueue` lacks).
func makeDynamicQueueClass(name: String, module: String, withTasks: Bool, bases: [PyObject] = []) throws -> PyObject {
    func payload(_ object: PyObject) throws -> Queue<PyObject> { try object.nativePayload(as: Queue<PyObject>.self) }
    func put(_ this: PyObject, _ item: PyObject, block: PyObject, timeout: PyObject) throws {
        let (blocks, seconds) = try queueWait(block: block, timeout: timeout)
        try bridged { try payload(this).put(item, block: blocks, timeout: seconds) }
    }
    func get(_ this: PyObject, block: PyObject, timeout: PyObject) throws -> PyObject {
        let (blocks, seconds) = try queueWait(block: block, timeout: timeout)
        return try bridged { try payload(this).get(block: blocks, timeout: seconds) }
    }
    return try moduleClass(name, module: module, bases: bases) { namespace in
        if withTasks {
            namespace["__init__"] = method("__init__", ["maxsize"], defaults: [0]) { arguments in
                arguments[0].setNativePayload(Queue<PyObject>(maxsize: try arguments[1].toInt()))
                return .none
            }
        } else {
            namespace["__init__"] = method("__init__") { arguments in
                arguments[0].setNativePayload(Queue<PyObject>())
                return .none
            }
        }
        namespace["put"] = method("put", ["item", "block", "timeout"], defaults: [true, .none]) { arguments in
            try put(arguments[0], arguments[1], block: arguments[2], timeout: arguments[3])
            return .none
        }
        namespace["put_nowait"] = method("put_nowait", ["item"]) { arguments in
            try put(arguments[0], arguments[1], block: false, timeout: .none)
            return .none
        }
        namespace["get"] = method("get", ["block", "timeout"], defaults: [true, .none]) { arguments in
            try get(arguments[0], block: arguments[1], timeout: arguments[2])
        }
        namespace["get_nowait"] = method("get_nowait") { arguments in try get(arguments[0], block: false, timeout: .none) }
        namespace["qsize"] = method("qsize") { arguments in PyObject(try payload(arguments[0]).qsize) }
        namespace["empty"] = method("empty") { arguments in PyObject(try payload(arguments[0]).empty) }
        guard withTasks else { return }
        namespace["full"] = method("full") { arguments in PyObject(try payload(arguments[0]).full) }
        namespace["task_done"] = method("task_done") { arguments in
            guard try payload(arguments[0]).tryTaskDone() else {
                throw pythonError(Py.ValueError, "task_done() called too many times")
            }
            return .none
        }
        namespace["join"] = method("join") { arguments in
            try payload(arguments[0]).join()
            return .none
        }
        namespace["maxsize"] = try property("maxsize", get: { PyObject(try payload($0).maxsize) })
        namespace["unfinished_tasks"] = try property("unfinished_tasks", get: { PyObject(try payload($0).unfinishedTasks) })
        namespace["queue"] = try property("queue", get: { this in
            let items = PyObject.list(try payload(this).snapshot)
            if let deque = try? Py.importModule("collections").attribute("deque") { return try deque(items) }
            return items
        })
    }
}

// `heapq.heappush` and `heappop`, sift for sift, so ties leave in CPython's order.

func heapPush(_ heap: inout [PyObject], _ item: PyObject) throws {
    heap.append(item)
    try siftDown(&heap, start: 0, position: heap.count - 1)
}

func heapPop(_ heap: inout [PyObject]) throws -> PyObject {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return last }
    let first = heap[0]
    heap[0] = last
    try siftUp(&heap, position: 0)
    return first
}

private func siftDown(_ heap: inout [PyObject], start: Int, position: Int) throws {
    var position = position
    let item = heap[position]
    while position > start {
        let parentPosition = (position - 1) >> 1
        let parent = heap[parentPosition]
        guard try item < parent else { break }
        heap[position] = parent
        position = parentPosition
    }
    heap[position] = item
}

private func siftUp(_ heap: inout [PyObject], position: Int) throws {
    let end = heap.count
    let start = position
    var position = position
    let item = heap[position]
    var child = 2 * position + 1
    while child < end {
        let right = child + 1
        if try right < end && !(heap[child] < heap[right]) { child = right }
        heap[position] = heap[child]
        position = child
        child = 2 * position + 1
    }
    heap[position] = item
    try siftDown(&heap, start: start, position: position)
}
