import Foundation

// asyncio's queues, locks and task group for dynamic code, ported from CPython 3.11's
// `asyncio.queues`, `asyncio.locks` and `asyncio.taskgroups`: waiters are futures woken in the
// order they began to wait, so tasks take items and locks in CPython's order. A primitive binds to
// the loop running when it first has to wait, so one made at module level works inside
// `asyncio.run`, as since Python 3.10.

/// Wakes the first waiter not done yet.
@available(macOS 15.0, *)
private func wakeUpNext(_ waiters: inout [AsyncFutureState]) {
    while !waiters.isEmpty {
        let waiter = waiters.removeFirst()
        if !waiter.isDone {
            try? waiter.setResult(.none)
            return
        }
    }
}

@available(macOS 15.0, *)
final class AsyncQueueState: @unchecked Sendable {
    let maxsize: Int
    private let builder: AsyncioModuleBuilder
    private var items: [PyObject] = []
    private let store: (inout [PyObject], PyObject) throws -> Void
    private let take: (inout [PyObject]) throws -> PyObject
    var getters: [AsyncFutureState] = []
    var putters: [AsyncFutureState] = []
    private(set) var unfinished = 0
    let finished: AsyncEventState
    private var boundLoop: AsyncLoop?

    init(maxsize: Int, builder: AsyncioModuleBuilder, loop: AsyncLoop? = nil,
         store: @escaping (inout [PyObject], PyObject) throws -> Void = { $0.append($1) },
         take: @escaping (inout [PyObject]) throws -> PyObject = { $0.removeFirst() }) throws {
        self.maxsize = maxsize
        self.builder = builder
        self.store = store
        self.take = take
        boundLoop = loop
        finished = AsyncEventState(builder: builder)
        finished.set()
    }

    func loop() throws -> AsyncLoop {
        if let boundLoop { return boundLoop }
        let running = try AsyncLoop.requireRunning()
        boundLoop = running
        return running
    }

    var count: Int { items.count }
    var contents: [PyObject] { items }
    var isFull: Bool { maxsize > 0 && items.count >= maxsize }

    func put(_ item: PyObject, wait: (PyObject) throws -> PyObject) throws {
        while isFull {
            let putter = try builder.newFuture(try loop(), waitLabel: "queue")
            putters.append(putter)
            do { _ = try wait(putter.object) } catch {
                putter.cancel()
                putters.removeAll { $0 === putter }
                if !isFull && putter.state != .cancelled { wakeUpNext(&putters) }
                throw error
            }
        }
        try putNowait(item)
    }

    func putNowait(_ item: PyObject) throws {
        if isFull { throw pythonError(AsyncioClasses.queueFull) }
        try store(&items, item)
        unfinished += 1
        finished.clear()
        wakeUpNext(&getters)
    }

    func get(wait: (PyObject) throws -> PyObject) throws -> PyObject {
        while items.isEmpty {
            let getter = try builder.newFuture(try loop(), waitLabel: "queue")
            getters.append(getter)
            do { _ = try wait(getter.object) } catch {
                getter.cancel()
                getters.removeAll { $0 === getter }
                if !items.isEmpty && getter.state != .cancelled { wakeUpNext(&getters) }
                throw error
            }
        }
        return try getNowait()
    }

    func getNowait() throws -> PyObject {
        if items.isEmpty { throw pythonError(AsyncioClasses.queueEmpty) }
        let item = try take(&items)
        wakeUpNext(&putters)
        return item
    }

    func taskDone() throws {
        if unfinished <= 0 { throw pythonError(Py.ValueError, "task_done() called too many times") }
        unfinished -= 1
        if unfinished == 0 { finished.set() }
    }

    func join(wait: (PyObject) throws -> PyObject) throws {
        if unfinished > 0 { _ = try finished.wait(label: "queue", wait: wait) }
    }
}

@available(macOS 15.0, *)
final class AsyncEventState: @unchecked Sendable {
    private let builder: AsyncioModuleBuilder
    private(set) var value = false
    private(set) var waiters: [AsyncFutureState] = []

    init(builder: AsyncioModuleBuilder) { self.builder = builder }

    func set() {
        guard !value else { return }
        value = true
        for waiter in waiters where !waiter.isDone { try? waiter.setResult(true) }
    }

    func clear() { value = false }

    func wait(label: String = "event", wait: (PyObject) throws -> PyObject) throws -> PyObject {
        if value { return true }
        let future = try builder.newFuture(try AsyncLoop.requireRunning(), waitLabel: label)
        waiters.append(future)
        defer { waiters.removeAll { $0 === future } }
        _ = try wait(future.object)
        return true
    }
}

@available(macOS 15.0, *)
final class AsyncLockState: @unchecked Sendable {
    private let builder: AsyncioModuleBuilder
    private(set) var locked = false
    private(set) var waiters: [AsyncFutureState] = []

    init(builder: AsyncioModuleBuilder) { self.builder = builder }

    func acquire(wait: (PyObject) throws -> PyObject) throws -> PyObject {
        if !locked && waiters.allSatisfy({ $0.state == .cancelled }) {
            locked = true
            return true
        }
        let future = try builder.newFuture(try AsyncLoop.requireRunning(), waitLabel: "lock")
        waiters.append(future)
        do {
            defer { waiters.removeAll { $0 === future } }
            _ = try wait(future.object)
        } catch {
            if AsyncioClasses.isCancelledError(PyException.caught(error).value), !locked { wakeUpFirst() }
            throw error
        }
        locked = true
        return true
    }

    func release() throws {
        guard locked else { throw pythonError(Py.RuntimeError, "Lock is not acquired.") }
        locked = false
        wakeUpFirst()
    }

    private func wakeUpFirst() {
        guard let first = waiters.first, !first.isDone else { return }
        try? first.setResult(true)
    }
}

@available(macOS 15.0, *)
final class AsyncSemaphoreState: @unchecked Sendable {
    private let builder: AsyncioModuleBuilder
    private(set) var value: Int
    let bound: Int?
    private(set) var waiters: [AsyncFutureState] = []

    init(value: Int, bounded: Bool, builder: AsyncioModuleBuilder) {
        self.value = value
        bound = bounded ? value : nil
        self.builder = builder
    }

    var locked: Bool { value == 0 || waiters.contains { $0.state != .cancelled } }

    func acquire(wait: (PyObject) throws -> PyObject) throws -> PyObject {
        if !locked {
            value -= 1
            return true
        }
        let future = try builder.newFuture(try AsyncLoop.requireRunning(), waitLabel: "semaphore")
        waiters.append(future)
        do {
            defer { waiters.removeAll { $0 === future } }
            _ = try wait(future.object)
        } catch {
            if AsyncioClasses.isCancelledError(PyException.caught(error).value), future.state != .cancelled {
                value += 1
                _ = wakeUpNext()
            }
            throw error
        }
        if value > 0 { _ = wakeUpNext() }
        return true
    }

    func release() throws {
        if let bound, value >= bound { throw pythonError(Py.ValueError, "BoundedSemaphore released too many times") }
        value += 1
        _ = wakeUpNext()
    }

    private func wakeUpNext() -> Bool {
        for waiter in waiters where !waiter.isDone {
            value -= 1
            try? waiter.setResult(true)
            return true
        }
        return false
    }
}

@available(macOS 15.0, *)
struct AsyncioSyncClasses {
    let queue: PyObject
    let lifoQueue: PyObject
    let priorityQueue: PyObject
    let event: PyObject
    let lock: PyObject
    let semaphore: PyObject
    let boundedSemaphore: PyObject
    let condition: PyObject
    let taskGroup: PyObject

    init(builder: AsyncioModuleBuilder) throws {
        queue = try Self.makeQueueClass(builder: builder)
        lifoQueue = try moduleClass("LifoQueue", module: "asyncio.queues", bases: [queue]) { namespace in
            namespace["__init__"] = method("__init__", ["maxsize"], defaults: [0]) { arguments in
                arguments[0].setNativePayload(try AsyncQueueState(maxsize: try arguments[1].toInt(), builder: builder,
                                                                  store: { $0.append($1) }, take: { $0.removeLast() }))
                return .none
            }
        }
        priorityQueue = try moduleClass("PriorityQueue", module: "asyncio.queues", bases: [queue]) { namespace in
            namespace["__init__"] = method("__init__", ["maxsize"], defaults: [0]) { arguments in
                arguments[0].setNativePayload(try AsyncQueueState(maxsize: try arguments[1].toInt(), builder: builder,
                                                                  store: heapPush, take: heapPop))
                return .none
            }
        }
        event = try Self.makeEventClass(builder: builder)
        lock = try Self.makeLockClass(builder: builder)
        semaphore = try Self.makeSemaphoreClass(name: "Semaphore", bounded: false, builder: builder)
        boundedSemaphore = try Self.makeSemaphoreClass(name: "BoundedSemaphore", bounded: true, builder: builder, base: semaphore)
        condition = try Self.makeConditionClass(builder: builder, lockClass: lock)
        taskGroup = try Self.makeTaskGroupClass(builder: builder)
    }

    /// `async with x:` for a primitive whose `acquire()` is a coroutine and `release()` is not.
    private static func addAsyncContextManager(_ namespace: PyNamespace) {
        namespace["__aenter__"] = coroutineFunction("__aenter__", PySignature(["self"])) { arguments, wait in
            _ = try wait(try arguments[0].callMethod("acquire", []))
            return .none
        }
        namespace["__aexit__"] = coroutineFunction("__aexit__", PySignature(["self", "exc_type", "exc", "tb"])) { arguments, _ in
            _ = try arguments[0].callMethod("release", [])
            return .none
        }
    }

    private static func makeQueueClass(builder: AsyncioModuleBuilder) throws -> PyObject {
        func state(_ object: PyObject) throws -> AsyncQueueState { try object.nativePayload(as: AsyncQueueState.self) }
        func format(_ object: PyObject) throws -> String {
            let queue = try state(object)
            var text = "maxsize=\(queue.maxsize)"
            if queue.count > 0 { text += " _queue=\(try PyObject.list(queue.contents).repr())" }
            if !queue.getters.isEmpty { text += " _getters[\(queue.getters.count)]" }
            if !queue.putters.isEmpty { text += " _putters[\(queue.putters.count)]" }
            if queue.unfinished > 0 { text += " tasks=\(queue.unfinished)" }
            return text
        }
        return try moduleClass("Queue", module: "asyncio.queues") { namespace in
            namespace["__init__"] = method("__init__", ["maxsize"], defaults: [0]) { arguments in
                arguments[0].setNativePayload(try AsyncQueueState(maxsize: try arguments[1].toInt(), builder: builder))
                return .none
            }
            namespace["put"] = coroutineFunction("put", PySignature(["self", "item"])) { arguments, wait in
                try state(arguments[0]).put(arguments[1], wait: wait)
                return .none
            }
            namespace["get"] = coroutineFunction("get", PySignature(["self"])) { arguments, wait in
                try state(arguments[0]).get(wait: wait)
            }
            namespace["join"] = coroutineFunction("join", PySignature(["self"])) { arguments, wait in
                try state(arguments[0]).join(wait: wait)
                return .none
            }
            namespace["put_nowait"] = method("put_nowait", ["item"]) { arguments in
                try state(arguments[0]).putNowait(arguments[1])
                return .none
            }
            namespace["get_nowait"] = method("get_nowait") { arguments in try state(arguments[0]).getNowait() }
            namespace["task_done"] = method("task_done") { arguments in
                try state(arguments[0]).taskDone()
                return .none
            }
            namespace["qsize"] = method("qsize") { arguments in PyObject(try state(arguments[0]).count) }
            namespace["empty"] = method("empty") { arguments in PyObject(try state(arguments[0]).count == 0) }
            namespace["full"] = method("full") { arguments in PyObject(try state(arguments[0]).isFull) }
            namespace["maxsize"] = try property("maxsize", get: { PyObject(try state($0).maxsize) })
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("<\(try Py.type(arguments[0]).attribute("__name__").toString()) at \(try addressText(arguments[0])) \(try format(arguments[0]))>")
            }
            namespace["__str__"] = method("__str__") { arguments in
                PyObject("<\(try Py.type(arguments[0]).attribute("__name__").toString()) \(try format(arguments[0]))>")
            }
        }
    }

    private static func makeEventClass(builder: AsyncioModuleBuilder) throws -> PyObject {
        func state(_ object: PyObject) throws -> AsyncEventState { try object.nativePayload(as: AsyncEventState.self) }
        return try moduleClass("Event", module: "asyncio.locks") { namespace in
            namespace["__init__"] = method("__init__") { arguments in
                arguments[0].setNativePayload(AsyncEventState(builder: builder))
                return .none
            }
            namespace["wait"] = coroutineFunction("wait", PySignature(["self"])) { arguments, wait in
                try state(arguments[0]).wait(wait: wait)
            }
            namespace["set"] = method("set") { arguments in
                try state(arguments[0]).set()
                return .none
            }
            namespace["clear"] = method("clear") { arguments in
                try state(arguments[0]).clear()
                return .none
            }
            namespace["is_set"] = method("is_set") { arguments in PyObject(try state(arguments[0]).value) }
            namespace["__repr__"] = method("__repr__") { arguments in
                let event = try state(arguments[0])
                var extra = event.value ? "set" : "unset"
                if !event.waiters.isEmpty { extra += ", waiters:\(event.waiters.count)" }
                return PyObject("<asyncio.locks.Event object at \(try addressText(arguments[0])) [\(extra)]>")
            }
        }
    }

    private static func makeLockClass(builder: AsyncioModuleBuilder) throws -> PyObject {
        func state(_ object: PyObject) throws -> AsyncLockState { try object.nativePayload(as: AsyncLockState.self) }
        return try moduleClass("Lock", module: "asyncio.locks") { namespace in
            namespace["__init__"] = method("__init__") { arguments in
                arguments[0].setNativePayload(AsyncLockState(builder: builder))
                return .none
            }
            namespace["acquire"] = coroutineFunction("acquire", PySignature(["self"])) { arguments, wait in
                try state(arguments[0]).acquire(wait: wait)
            }
            namespace["release"] = method("release") { arguments in
                try state(arguments[0]).release()
                return .none
            }
            namespace["locked"] = method("locked") { arguments in PyObject(try state(arguments[0]).locked) }
            addAsyncContextManager(namespace)
            namespace["__repr__"] = method("__repr__") { arguments in
                let lock = try state(arguments[0])
                var extra = lock.locked ? "locked" : "unlocked"
                if !lock.waiters.isEmpty { extra += ", waiters:\(lock.waiters.count)" }
                return PyObject("<asyncio.locks.Lock object at \(try addressText(arguments[0])) [\(extra)]>")
            }
        }
    }

    private static func makeSemaphoreClass(name: String, bounded: Bool, builder: AsyncioModuleBuilder,
                                           base: PyObject? = nil) throws -> PyObject {
        func state(_ object: PyObject) throws -> AsyncSemaphoreState { try object.nativePayload(as: AsyncSemaphoreState.self) }
        return try moduleClass(name, module: "asyncio.locks", bases: base.map { [$0] } ?? []) { namespace in
            namespace["__init__"] = method("__init__", ["value"], defaults: [1]) { arguments in
                let value = try arguments[1].toInt()
                if value < 0 { throw pythonError(Py.ValueError, "Semaphore initial value must be >= 0") }
                arguments[0].setNativePayload(AsyncSemaphoreState(value: value, bounded: bounded, builder: builder))
                return .none
            }
            namespace["acquire"] = coroutineFunction("acquire", PySignature(["self"])) { arguments, wait in
                try state(arguments[0]).acquire(wait: wait)
            }
            namespace["release"] = method("release") { arguments in
                try state(arguments[0]).release()
                return .none
            }
            namespace["locked"] = method("locked") { arguments in PyObject(try state(arguments[0]).locked) }
            namespace["_value"] = try property("_value", get: { PyObject(try state($0).value) })
            addAsyncContextManager(namespace)
            namespace["__repr__"] = method("__repr__") { arguments in
                let semaphore = try state(arguments[0])
                var extra = semaphore.locked ? "locked" : "unlocked, value:\(semaphore.value)"
                if !semaphore.waiters.isEmpty { extra += ", waiters:\(semaphore.waiters.count)" }
                return PyObject("<asyncio.locks.\(name) object at \(try addressText(arguments[0])) [\(extra)]>")
            }
        }
    }

    private static func makeConditionClass(builder: AsyncioModuleBuilder, lockClass: PyObject) throws -> PyObject {
        final class ConditionState: @unchecked Sendable {
            let lock: PyObject
            var waiters: [AsyncFutureState] = []
            init(lock: PyObject) { self.lock = lock }
            func isLocked() throws -> Bool { try lock.callMethod("locked", []).truthy() }
        }
        func state(_ object: PyObject) throws -> ConditionState { try object.nativePayload(as: ConditionState.self) }
        func wait(_ this: PyObject, _ wait: (PyObject) throws -> PyObject) throws -> PyObject {
            let condition = try state(this)
            guard try condition.isLocked() else { throw pythonError(Py.RuntimeError, "cannot wait on un-acquired lock") }
            _ = try condition.lock.callMethod("release", [])
            var failure: (any Error)?
            do {
                let future = try builder.newFuture(try AsyncLoop.requireRunning(), waitLabel: "condition")
                condition.waiters.append(future)
                defer { condition.waiters.removeAll { $0 === future } }
                _ = try wait(future.object)
            } catch {
                failure = error
            }
            // The lock is taken back even when the wait was cancelled.
            var cancelled = false
            while true {
                do {
                    _ = try wait(try condition.lock.callMethod("acquire", []))
                    break
                } catch {
                    guard AsyncioClasses.isCancelledError(PyException.caught(error).value) else { throw error }
                    cancelled = true
                }
            }
            if let failure { throw failure }
            if cancelled { throw pythonError(AsyncioClasses.cancelledError) }
            return true
        }
        func notify(_ this: PyObject, _ count: Int) throws {
            let condition = try state(this)
            guard try condition.isLocked() else { throw pythonError(Py.RuntimeError, "cannot notify on un-acquired lock") }
            var woken = 0
            for waiter in condition.waiters where woken < count && !waiter.isDone {
                woken += 1
                try waiter.setResult(false)
            }
        }
        return try moduleClass("Condition", module: "asyncio.locks") { namespace in
            namespace["__init__"] = method("__init__", ["lock"], defaults: [.none]) { arguments in
                arguments[0].setNativePayload(ConditionState(lock: arguments[1].isNone ? try lockClass() : arguments[1]))
                return .none
            }
            namespace["acquire"] = coroutineFunction("acquire", PySignature(["self"])) { arguments, wait in
                try wait(try state(arguments[0]).lock.callMethod("acquire", []))
            }
            namespace["release"] = method("release") { arguments in try state(arguments[0]).lock.callMethod("release", []) }
            namespace["locked"] = method("locked") { arguments in PyObject(try state(arguments[0]).isLocked()) }
            namespace["wait"] = coroutineFunction("wait", PySignature(["self"])) { arguments, waitFor in
                try wait(arguments[0], waitFor)
            }
            namespace["wait_for"] = coroutineFunction("wait_for", PySignature(["self", "predicate"])) { arguments, waitFor in
                var result = try arguments[1]()
                while try !result.truthy() {
                    _ = try wait(arguments[0], waitFor)
                    result = try arguments[1]()
                }
                return result
            }
            namespace["notify"] = method("notify", ["n"], defaults: [1]) { arguments in
                try notify(arguments[0], try arguments[1].toInt())
                return .none
            }
            namespace["notify_all"] = method("notify_all") { arguments in
                try notify(arguments[0], try state(arguments[0]).waiters.count)
                return .none
            }
            addAsyncContextManager(namespace)
        }
    }

    /// `asyncio.TaskGroup` as 3.11 writes it: `__aexit__` waits for every task; the first failure
    /// cancels the others (and the body's task), and the failures are raised together as an
    /// `ExceptionGroup`.
    private static func makeTaskGroupClass(builder: AsyncioModuleBuilder) throws -> PyObject {
        final class GroupState: @unchecked Sendable {
            var entered = false
            var exiting = false
            var aborting = false
            var loop: AsyncLoop?
            var parent: AsyncTaskState?
            var parentCancelRequested = false
            var tasks: [AsyncTaskState] = []
            var errors: [PyObject] = []
            var baseError: PyObject?
            var onCompleted: AsyncFutureState?
        }
        func state(_ object: PyObject) throws -> GroupState { try object.nativePayload(as: GroupState.self) }
        func isBaseError(_ value: PyObject) -> Bool {
            ((try? Py.isinstance(value, .tuple([Py.SystemExit, Py.KeyboardInterrupt])).truthy()) ?? false)
        }
        func abort(_ group: GroupState) {
            group.aborting = true
            for task in group.tasks where !task.isDone { task.cancel() }
        }
        return try moduleClass("TaskGroup", module: "asyncio.taskgroups") { namespace in
            namespace["__init__"] = method("__init__") { arguments in
                arguments[0].setNativePayload(GroupState())
                return .none
            }
            namespace["__aenter__"] = coroutineFunction("__aenter__", PySignature(["self"])) { arguments, _ in
                let group = try state(arguments[0])
                if group.entered { throw pythonError(Py.RuntimeError, "TaskGroup \(try arguments[0].repr()) has been already entered") }
                group.entered = true
                let loop = try AsyncLoop.requireRunning()
                group.loop = loop
                guard let parent = loop.currentTask else {
                    throw pythonError(Py.RuntimeError, "TaskGroup \(try arguments[0].repr()) cannot determine the parent task")
                }
                group.parent = parent
                return arguments[0]
            }
            namespace["__aexit__"] = coroutineFunction("__aexit__", PySignature(["self", "et", "exc", "tb"])) { arguments, wait in
                let group = try state(arguments[0])
                let (type, exception) = (arguments[1], arguments[2])
                group.exiting = true
                var propagateCancellation: PyObject?
                if !exception.isNone && isBaseError(exception) && group.baseError == nil { group.baseError = exception }
                if !type.isNone {
                    if type.isIdentical(to: AsyncioClasses.cancelledError) {
                        if !(group.parentCancelRequested && group.parent?.uncancel() == 0) { propagateCancellation = exception }
                    }
                    if !group.aborting { abort(group) }
                }
                while !group.tasks.isEmpty {
                    if group.onCompleted == nil { group.onCompleted = try builder.newFuture(group.loop!) }
                    do {
                        _ = try wait(group.onCompleted!.object)
                    } catch {
                        let caught = PyException.caught(error)
                        guard AsyncioClasses.isCancelledError(caught.value) else { throw caught }
                        if !group.aborting {
                            propagateCancellation = caught.value
                            abort(group)
                        }
                    }
                    group.onCompleted = nil
                }
                if let base = group.baseError { throw try PyException(raising: base) }
                if let propagateCancellation, group.errors.isEmpty { throw try PyException(raising: propagateCancellation) }
                if !type.isNone && !type.isIdentical(to: AsyncioClasses.cancelledError) { group.errors.append(exception) }
                if !group.errors.isEmpty {
                    let errors = group.errors
                    group.errors = []
                    // BaseExceptionGroup(…) gives an ExceptionGroup when every error is an Exception.
                    let onlyExceptions = try errors.allSatisfy { try Py.isinstance($0, Py.Exception).truthy() }
                    let groupClass = onlyExceptions ? Py.ExceptionGroup : Py.BaseExceptionGroup
                    let groupError = try groupClass("unhandled errors in a TaskGroup", .list(errors))
                    if (try? groupError.attribute("exceptions")) == nil {
                        try groupError.setAttribute("exceptions", .tuple(errors))
                    }
                    throw try PyException(raising: groupError, cause: PyObject.none)
                }
                return .none
            }
            namespace["create_task"] = method("create_task", ["coro"], keywordOnly: ["name", "context"],
                                              keywordDefaults: ["name": .none, "context": .none]) { arguments in
                let this = arguments[0]
                let group = try state(this)
                if !group.entered { throw pythonError(Py.RuntimeError, "TaskGroup \(try this.repr()) has not been entered") }
                if group.exiting && group.tasks.isEmpty { throw pythonError(Py.RuntimeError, "TaskGroup \(try this.repr()) is finished") }
                if group.aborting { throw pythonError(Py.RuntimeError, "TaskGroup \(try this.repr()) is shutting down") }
                let task = try builder.createTask(arguments[1], name: arguments[2], loop: group.loop!)
                task.addDoneCallback(key: nil) { _ in
                    group.tasks.removeAll { $0 === task }
                    if let completed = group.onCompleted, group.tasks.isEmpty, !completed.isDone { try? completed.setResult(true) }
                    if task.state == .cancelled { return }
                    task.retrieved = true
                    guard let error = task.exception else { return }
                    group.errors.append(error)
                    if isBaseError(error) && group.baseError == nil { group.baseError = error }
                    if let parent = group.parent, parent.isDone { return }
                    if !group.aborting && !group.parentCancelRequested {
                        abort(group)
                        group.parentCancelRequested = true
                        group.parent?.cancel()
                    }
                }
                group.tasks.append(task)
                return try builder.futureObject(task)
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let group = try state(arguments[0])
                var info = ""
                if !group.tasks.isEmpty { info += " tasks=\(group.tasks.count)" }
                if !group.errors.isEmpty { info += " errors=\(group.errors.count)" }
                if group.aborting { info += " cancelling" } else if group.entered { info += " entered" }
                return PyObject("<TaskGroup\(info)>")
            }
        }
    }
}
