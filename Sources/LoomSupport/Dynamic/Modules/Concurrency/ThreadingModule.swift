import Foundation

/// `threading` for dynamic code: every class wraps the static library's (`PythonThread`, `Lock`,
/// `RLock`, `Condition`, `Semaphore`, `Event`, `Barrier`), so threads are real, named and traced
/// as in static code, and the errors a static translation would trap on are CPython's exceptions.
func makeThreadingModule() throws -> PyObject {
    let threadClass = try makeThreadClass()
    let classes = try ThreadingClasses(thread: threadClass)

    let currentThread = moduleFunction("current_thread") { _ in try classes.currentThread() }
    // A thread is counted until its last trace line; `join` returns a moment before that.
    let activeCount = moduleFunction("active_count") { _ in PyObject(ThreadRegistry.liveThreads.filter(\.isAlive).count + 1) }
    return PyObject.module("threading", [
        ("Thread", threadClass),
        ("Timer", classes.timer),
        ("Lock", classes.lock),
        ("RLock", classes.rlock),
        ("Condition", classes.condition),
        ("Semaphore", classes.semaphore),
        ("BoundedSemaphore", classes.boundedSemaphore),
        ("Event", classes.event),
        ("Barrier", classes.barrier),
        ("BrokenBarrierError", ConcurrencyClasses.brokenBarrierError),
        ("local", classes.local),
        ("current_thread", currentThread),
        ("currentThread", currentThread),
        ("main_thread", moduleFunction("main_thread") { _ in classes.mainThread }),
        ("active_count", activeCount),
        ("activeCount", activeCount),
        ("enumerate", moduleFunction("enumerate") { _ in .list(try classes.liveThreads()) }),
        ("get_ident", moduleFunction("get_ident") { _ in PyObject(currentThreadIdent()) }),
        ("get_native_id", moduleFunction("get_native_id") { _ in PyObject(Lane.nativeThreadID) }),
        ("TIMEOUT_MAX", PyObject(9223372036.0)),
        ("settrace", moduleFunction("settrace", ["func"]) { _ in .none }),
        ("setprofile", moduleFunction("setprofile", ["func"]) { _ in .none }),
        ("stack_size", moduleFunction("stack_size", ["size"], defaults: [0]) { _ in 0 }),
    ])
}

/// `threading.Thread`: `__init__` keeps `_target`, `_args` and `_kwargs` as CPython does (notes
/// that subclass `Thread` to keep a return value read them); `start()` runs `self.run()` on a
/// static `PythonThread`, so a subclass's `run` written in Python is what the thread does.
func makeThreadClass() throws -> PyObject {
    try moduleClass("Thread", module: "threading") { namespace in
        namespace["__init__"] = method(
            "__init__", ["group", "target", "name", "args", "kwargs"], defaults: [.none, .none, .none, .tuple([]), .none],
            keywordOnly: ["daemon"], keywordDefaults: ["daemon": .none]
        ) { arguments in
            let (this, group, target, name, args, kwargs, daemon) =
                (arguments[0], arguments[1], arguments[2], arguments[3], arguments[4], arguments[5], arguments[6])
            if !group.isNone { throw pythonError(Py.AssertionError, "group argument must be None for now") }
            try initializeThread(this, kind: .thread, target: target, name: name, args: args, kwargs: kwargs, daemon: daemon) { targetName in
                PythonThread.newName(target: targetName)
            }
            return .none
        }
        namespace["run"] = method("run") { arguments in
            let this = arguments[0]
            let target = try this.attribute("_target")
            if !target.isNone {
                _ = try target.call(try this.attribute("_args").unpackedArguments(),
                                    keywords: try this.attribute("_kwargs").unpackedKeywords())
            }
            return .none
        }
        namespace["start"] = method("start") { arguments in
            let this = arguments[0]
            guard let state = try? this.nativePayload(as: DynamicThreadState.self) else {
                throw pythonError(Py.RuntimeError, "thread.__init__() not called")
            }
            try startDynamicThread(this, state) { error in throw error }
            return .none
        }
        namespace["join"] = method("join", ["timeout"], defaults: [.none]) { arguments in
            try joinDynamicThread(arguments[0], timeout: arguments[1])
            return .none
        }
        namespace["is_alive"] = method("is_alive") { arguments in PyObject(try threadState(arguments[0]).alive) }
        namespace["name"] = try property("name", get: { PyObject(try threadState($0).name) },
                                         set: { this, value in try threadState(this).name = try value.str() })
        namespace["getName"] = method("getName") { arguments in PyObject(try threadState(arguments[0]).name) }
        namespace["setName"] = method("setName", ["name"]) { arguments in
            try threadState(arguments[0]).name = try arguments[1].str()
            return .none
        }
        namespace["ident"] = try property("ident", get: { this in
            try threadState(this).ident.map { PyObject($0) } ?? .none
        })
        namespace["native_id"] = try property("native_id", get: { this in
            try threadState(this).nativeID.map { PyObject($0) } ?? .none
        })
        namespace["daemon"] = try property("daemon", get: { PyObject(try threadState($0).daemon) },
                                           set: { this, value in try setDaemon(this, value) })
        namespace["isDaemon"] = method("isDaemon") { arguments in PyObject(try threadState(arguments[0]).daemon) }
        namespace["setDaemon"] = method("setDaemon", ["daemonic"]) { arguments in
            try setDaemon(arguments[0], arguments[1])
            return .none
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let this = arguments[0]
            guard let state = try? this.nativePayload(as: DynamicThreadState.self) else {
                throw pythonError(Py.AssertionError, "Thread.__init__() was not called")
            }
            var status = state.started ? "started" : "initial"
            if state.started && !state.alive { status = "stopped" }
            if state.daemon { status += " daemon" }
            if let ident = state.ident { status += " \(ident)" }
            let className = state.kind == .foreign ? "Thread" : try Py.type(this).attribute("__name__").toString()
            return PyObject("<\(className)(\(state.name), \(status))>")
        }
    }
}

/// The shared part of `Thread.__init__` and `Process.__init__`.
func initializeThread(
    _ this: PyObject, kind: DynamicThreadState.Kind, target: PyObject, name: PyObject, args: PyObject, kwargs: PyObject,
    daemon: PyObject, defaultName: (String?) -> String
) throws {
    let targetName = target.isNone ? nil : (try? target.attribute("__name__")).flatMap { try? $0.toString() }
    let threadName = name.isNone ? defaultName(targetName) : try name.str()
    let isDaemon = daemon.isNone ? (DynamicThreads.current()?.state.daemon ?? false) : try daemon.truthy()
    this.setNativePayload(DynamicThreadState(kind: kind, name: threadName, daemon: isDaemon))
    try this.setAttribute("_target", target)
    try this.setAttribute("_args", args)
    try this.setAttribute("_kwargs", kwargs.isNone ? try .dict([]) : kwargs)
}

func threadState(_ object: PyObject) throws -> DynamicThreadState {
    guard let state = try? object.nativePayload(as: DynamicThreadState.self) else {
        throw pythonError(Py.RuntimeError, "thread.__init__() not called")
    }
    return state
}

func joinDynamicThread(_ this: PyObject, timeout: PyObject) throws {
    let state = try threadState(this)
    guard state.started else { throw pythonError(Py.RuntimeError, "cannot join thread before it is started") }
    if DynamicThreads.current()?.state === state || (state.kind == .main && DynamicThreads.current() == nil) {
        throw pythonError(Py.RuntimeError, "cannot join current thread")
    }
    state.native?.join(timeout: try seconds(timeout))
}

private func setDaemon(_ this: PyObject, _ value: PyObject) throws {
    let state = try threadState(this)
    if state.started { throw pythonError(Py.RuntimeError, "cannot set daemon status of active thread") }
    state.daemon = try value.truthy()
}

/// The classes of `threading` other than `Thread`, and the thread objects that exist without
/// being created by the note (the main thread, pool workers).
struct ThreadingClasses {
    let thread: PyObject
    let timer: PyObject
    let lock: PyObject
    let rlock: PyObject
    let condition: PyObject
    let semaphore: PyObject
    let boundedSemaphore: PyObject
    let event: PyObject
    let barrier: PyObject
    let local: PyObject
    let mainThread: PyObject
    private let dummyThread: PyObject

    init(thread: PyObject) throws {
        self.thread = thread
        lock = try makeLockClass()
        rlock = try makeRLockClass()
        condition = try makeConditionClass(defaultLock: rlock)
        semaphore = try makeSemaphoreClass()
        boundedSemaphore = try makeBoundedSemaphoreClass(base: semaphore)
        event = try makeEventClass()
        barrier = try makeBarrierClass()
        local = try makeLocalClass()
        timer = try makeTimerClass(thread: thread, event: event)
        let mainClass = try moduleClass("_MainThread", module: "threading", bases: [thread]) { namespace in
            namespace["__init__"] = method("__init__") { arguments in
                arguments[0].setNativePayload(DynamicThreadState(
                    kind: .main, name: "MainThread", daemon: false, ident: currentThreadIdent(), nativeID: Lane.nativeThreadID))
                try arguments[0].setAttribute("_target", .none)
                return .none
            }
        }
        mainThread = try mainClass()
        dummyThread = try moduleClass("_DummyThread", module: "threading", bases: [thread]) { namespace in
            namespace["__init__"] = method("__init__", ["name", "daemon", "ident", "native_id"]) { arguments in
                arguments[0].setNativePayload(DynamicThreadState(
                    kind: .foreign, name: try arguments[1].toString(), daemon: try arguments[2].truthy(),
                    ident: arguments[3].isNone ? nil : try arguments[3].toInt(),
                    nativeID: arguments[4].isNone ? nil : try arguments[4].toInt()))
                try arguments[0].setAttribute("_target", .none)
                return .none
            }
        }
    }

    /// `threading.current_thread()`: the note's own thread object, the main thread (also inside
    /// coroutines, which CPython runs on the thread that called `asyncio.run`), or an object for a
    /// thread the static library started, such as a pool worker.
    func currentThread() throws -> PyObject {
        if let current = DynamicThreads.current() { return current.object }
        let name = Lane.currentThreadName
        // A coroutine's thread is named after the task lane it runs in; it is the main thread's.
        if name == "MainThread" || Lane.dynamicTaskStep.withLock({ $0?.task }) == name { return mainThread }
        return try DynamicThreads.foreignObject(named: name) {
            let object = try dummyThread(PyObject(name), true, PyObject(currentThreadIdent()), PyObject(Lane.nativeThreadID))
            return (object, try threadState(object))
        }
    }

    /// `threading.enumerate()`: the main thread, then every running thread.
    func liveThreads() throws -> [PyObject] {
        let dynamic = DynamicThreads.runningObjects()
        let dynamicNatives = Set(dynamic.compactMap { $0.state.native.map(ObjectIdentifier.init) })
        var objects = [mainThread] + dynamic.map(\.object)
        let others = ThreadRegistry.liveThreads.filter { $0.isAlive && !dynamicNatives.contains(ObjectIdentifier($0)) }
            .sorted { $0.name < $1.name }
        for other in others {
            objects.append(try DynamicThreads.foreignObject(named: other.name) {
                let object = try dummyThread(PyObject(other.name), PyObject(other.daemon), .none,
                                             other.nativeID.map { PyObject($0) } ?? .none)
                return (object, try threadState(object))
            })
        }
        return objects
    }
}

// MARK: Locks

/// `acquire(blocking=True, timeout=-1)`'s checks, as `_thread.lock` makes them.
private func lockTimeout(blocking: PyObject, timeout: PyObject) throws -> (blocking: Bool, timeout: Double?) {
    let blocks = try blocking.truthy()
    let seconds = try timeout.toDouble()
    if !blocks && seconds != -1 { throw pythonError(Py.ValueError, "can't specify a timeout for a non-blocking call") }
    if seconds < 0 && seconds != -1 { throw pythonError(Py.ValueError, "timeout value must be positive") }
    return (blocks, seconds < 0 ? nil : seconds)
}

private func makeLockClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> Lock { try object.nativePayload(as: Lock.self) }
    let acquire = method("acquire", ["blocking", "timeout"], defaults: [true, -1]) { arguments in
        let (blocking, timeout) = try lockTimeout(blocking: arguments[1], timeout: arguments[2])
        return PyObject(try payload(arguments[0]).acquire(blocking: blocking, timeout: timeout))
    }
    let release = method("release") { arguments in
        guard try payload(arguments[0]).tryRelease() else { throw pythonError(Py.RuntimeError, "release unlocked lock") }
        return .none
    }
    let locked = method("locked") { arguments in PyObject(try payload(arguments[0]).locked) }
    return try moduleClass("lock", module: "_thread") { namespace in
        namespace["__init__"] = method("__init__") { arguments in
            arguments[0].setNativePayload(Lock())
            return .none
        }
        namespace["acquire"] = acquire
        namespace["acquire_lock"] = acquire
        namespace["release"] = release
        namespace["release_lock"] = release
        namespace["locked"] = locked
        namespace["locked_lock"] = locked
        namespace["__enter__"] = method("__enter__") { arguments in PyObject(try payload(arguments[0]).acquire()) }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            guard try payload(arguments[0]).tryRelease() else { throw pythonError(Py.RuntimeError, "release unlocked lock") }
            return false
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let state = try payload(arguments[0]).locked ? "locked" : "unlocked"
            return PyObject("<\(state) _thread.lock object at \(try addressText(arguments[0]))>")
        }
    }
}

private func makeRLockClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> RLock { try object.nativePayload(as: RLock.self) }
    let release = method("release") { arguments in
        guard try payload(arguments[0]).tryRelease() else { throw pythonError(Py.RuntimeError, "cannot release un-acquired lock") }
        return .none
    }
    return try moduleClass("RLock", module: "_thread") { namespace in
        namespace["__init__"] = method("__init__") { arguments in
            arguments[0].setNativePayload(RLock())
            return .none
        }
        namespace["acquire"] = method("acquire", ["blocking", "timeout"], defaults: [true, -1]) { arguments in
            let (blocking, timeout) = try lockTimeout(blocking: arguments[1], timeout: arguments[2])
            return PyObject(try payload(arguments[0]).acquire(blocking: blocking, timeout: timeout))
        }
        namespace["release"] = release
        namespace["_is_owned"] = method("_is_owned") { arguments in PyObject(try payload(arguments[0]).heldByCaller) }
        namespace["__enter__"] = method("__enter__") { arguments in PyObject(try payload(arguments[0]).acquire()) }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            guard try payload(arguments[0]).tryRelease() else { throw pythonError(Py.RuntimeError, "cannot release un-acquired lock") }
            return false
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let (owner, depth) = try payload(arguments[0]).ownership
            let state = owner == nil ? "unlocked" : "locked"
            let ownerText = owner.map { String(threadIdent($0)) } ?? "0"
            return PyObject("<\(state) _thread.RLock object owner=\(ownerText) count=\(depth) at \(try addressText(arguments[0]))>")
        }
    }
}

/// A `Condition`'s static condition and the lock object it was made with.
final class DynamicCondition: @unchecked Sendable {
    let condition: Condition
    let lockObject: PyObject
    let isOwned: () -> Bool

    init(lockObject: PyObject) throws {
        self.lockObject = lockObject
        if let lock = try? lockObject.nativePayload(as: Lock.self) {
            condition = Condition(lock)
            isOwned = { lock.locked }
        } else if let lock = try? lockObject.nativePayload(as: RLock.self) {
            condition = Condition(lock)
            isOwned = { lock.heldByCaller }
        } else {
            throw pythonError(Py.TypeError, "Condition() needs a threading.Lock or threading.RLock, not \(try Py.type(lockObject).attribute("__name__").toString())")
        }
    }
}

private func makeConditionClass(defaultLock: PyObject) throws -> PyObject {
    func payload(_ object: PyObject) throws -> DynamicCondition { try object.nativePayload(as: DynamicCondition.self) }
    func wait(_ this: PyObject, _ timeout: PyObject) throws -> Bool {
        let condition = try payload(this)
        guard condition.isOwned() else { throw pythonError(Py.RuntimeError, "cannot wait on un-acquired lock") }
        return condition.condition.wait(timeout: try seconds(timeout))
    }
    func notify(_ this: PyObject, _ count: Int) throws {
        let condition = try payload(this)
        guard condition.isOwned() else { throw pythonError(Py.RuntimeError, "cannot notify on un-acquired lock") }
        condition.condition.notify(count)
    }
    let notifyAll = method("notify_all") { arguments in
        try notify(arguments[0], Int.max)
        return .none
    }
    return try moduleClass("Condition", module: "threading") { namespace in
        namespace["__init__"] = method("__init__", ["lock"], defaults: [.none]) { arguments in
            let lock = arguments[1].isNone ? try defaultLock() : arguments[1]
            arguments[0].setNativePayload(try DynamicCondition(lockObject: lock))
            try arguments[0].setAttribute("_lock", lock)
            return .none
        }
        namespace["acquire"] = method("acquire", varargs: "args", varkw: "kwargs") { arguments in
            try payload(arguments[0]).lockObject.attribute("acquire").call(try arguments[1].unpackedArguments(),
                                                                            keywords: try arguments[2].unpackedKeywords())
        }
        namespace["release"] = method("release") { arguments in try payload(arguments[0]).lockObject.callMethod("release", []) }
        namespace["__enter__"] = method("__enter__") { arguments in try payload(arguments[0]).lockObject.callMethod("__enter__", []) }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            try payload(arguments[0]).lockObject.attribute("__exit__").call(try arguments[1].unpackedArguments())
        }
        namespace["wait"] = method("wait", ["timeout"], defaults: [.none]) { arguments in
            PyObject(try wait(arguments[0], arguments[1]))
        }
        // CPython's loop: the predicate's own value is returned, and it is evaluated once more
        // after the last wait.
        namespace["wait_for"] = method("wait_for", ["predicate", "timeout"], defaults: [.none]) { arguments in
            let (this, predicate) = (arguments[0], arguments[1])
            var remaining = try seconds(arguments[2])
            let deadline = remaining.map { perfCounter() + $0 }
            var result = try predicate()
            while try !result.truthy() {
                if let deadline {
                    remaining = deadline - perfCounter()
                    if remaining! <= 0 { break }
                }
                _ = try wait(this, remaining.map { PyObject($0) } ?? .none)
                result = try predicate()
            }
            return result
        }
        namespace["notify"] = method("notify", ["n"], defaults: [1]) { arguments in
            try notify(arguments[0], try arguments[1].toInt())
            return .none
        }
        namespace["notify_all"] = notifyAll
        namespace["notifyAll"] = notifyAll
        namespace["__repr__"] = method("__repr__") { arguments in
            let condition = try payload(arguments[0])
            return PyObject("<Condition(\(try condition.lockObject.repr()), \(condition.condition.waiterCount))>")
        }
    }
}

private func semaphoreAcquire(_ semaphore: Semaphore, blocking: PyObject, timeout: PyObject) throws -> Bool {
    let blocks = try blocking.truthy()
    if !blocks && !timeout.isNone { throw pythonError(Py.ValueError, "can't specify timeout for non-blocking acquire") }
    return semaphore.acquire(blocking: blocks, timeout: try seconds(timeout))
}

private func makeSemaphoreClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> Semaphore { try object.nativePayload(as: Semaphore.self) }
    return try moduleClass("Semaphore", module: "threading") { namespace in
        namespace["__init__"] = method("__init__", ["value"], defaults: [1]) { arguments in
            let value = try arguments[1].toInt()
            if value < 0 { throw pythonError(Py.ValueError, "semaphore initial value must be >= 0") }
            arguments[0].setNativePayload(Semaphore(value))
            return .none
        }
        namespace["acquire"] = method("acquire", ["blocking", "timeout"], defaults: [true, .none]) { arguments in
            PyObject(try semaphoreAcquire(try payload(arguments[0]), blocking: arguments[1], timeout: arguments[2]))
        }
        namespace["release"] = method("release", ["n"], defaults: [1]) { arguments in
            let count = try arguments[1].toInt()
            if count < 1 { throw pythonError(Py.ValueError, "n must be one or more") }
            try payload(arguments[0]).release(count)
            return .none
        }
        namespace["__enter__"] = method("__enter__") { arguments in PyObject(try payload(arguments[0]).acquire()) }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            try arguments[0].callMethod("release", [])
            return false
        }
        namespace["_value"] = try property("_value", get: { PyObject(try payload($0).currentValue) })
        namespace["__repr__"] = method("__repr__") { arguments in
            PyObject("<threading.Semaphore at \(try addressText(arguments[0])): value=\(try payload(arguments[0]).currentValue)>")
        }
    }
}

private func makeBoundedSemaphoreClass(base: PyObject) throws -> PyObject {
    func payload(_ object: PyObject) throws -> BoundedSemaphore { try object.nativePayload(as: BoundedSemaphore.self) }
    return try moduleClass("BoundedSemaphore", module: "threading", bases: [base]) { namespace in
        namespace["__init__"] = method("__init__", ["value"], defaults: [1]) { arguments in
            let value = try arguments[1].toInt()
            if value < 0 { throw pythonError(Py.ValueError, "semaphore initial value must be >= 0") }
            arguments[0].setNativePayload(BoundedSemaphore(value))
            return .none
        }
        namespace["release"] = method("release", ["n"], defaults: [1]) { arguments in
            let count = try arguments[1].toInt()
            if count < 1 { throw pythonError(Py.ValueError, "n must be one or more") }
            guard try payload(arguments[0]).tryRelease(count) else {
                throw pythonError(Py.ValueError, "Semaphore released too many times")
            }
            return .none
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let semaphore = try payload(arguments[0])
            return PyObject("<threading.BoundedSemaphore at \(try addressText(arguments[0])): value=\(semaphore.currentValue)/\(semaphore.initialValue)>")
        }
    }
}

private func makeEventClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> Event { try object.nativePayload(as: Event.self) }
    let isSet = method("is_set") { arguments in PyObject(try payload(arguments[0]).isSet) }
    return try moduleClass("Event", module: "threading") { namespace in
        namespace["__init__"] = method("__init__") { arguments in
            arguments[0].setNativePayload(Event())
            return .none
        }
        namespace["is_set"] = isSet
        namespace["isSet"] = isSet
        namespace["set"] = method("set") { arguments in
            try payload(arguments[0]).set()
            return .none
        }
        namespace["clear"] = method("clear") { arguments in
            try payload(arguments[0]).clear()
            return .none
        }
        namespace["wait"] = method("wait", ["timeout"], defaults: [.none]) { arguments in
            PyObject(try payload(arguments[0]).wait(timeout: try seconds(arguments[1])))
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let state = try payload(arguments[0]).isSet ? "set" : "unset"
            return PyObject("<threading.Event at \(try addressText(arguments[0])): \(state)>")
        }
    }
}

/// A barrier's action may raise; CPython raises it in the thread that ran it (the last to
/// arrive) and breaks the barrier.
final class DynamicBarrier: @unchecked Sendable {
    let barrier: Barrier
    let actionFailures = Locked<[Int: any Error]>([:])

    init(parties: Int, action: PyObject, timeout: Double?) {
        let failures = actionFailures
        let call: (() -> Void)? = action.isNone ? nil : {
            do { _ = try action() } catch { failures.withLock { $0[currentThreadIdent()] = error } }
        }
        barrier = Barrier(parties, action: call, timeout: timeout)
    }
}

private func makeBarrierClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> DynamicBarrier { try object.nativePayload(as: DynamicBarrier.self) }
    return try moduleClass("Barrier", module: "threading") { namespace in
        namespace["__init__"] = method("__init__", ["parties", "action", "timeout"], defaults: [.none, .none]) { arguments in
            let parties = try arguments[1].toInt()
            if parties < 1 { throw pythonError(Py.ValueError, "parties must be > 0") }
            arguments[0].setNativePayload(DynamicBarrier(parties: parties, action: arguments[2], timeout: try seconds(arguments[3])))
            return .none
        }
        namespace["wait"] = method("wait", ["timeout"], defaults: [.none]) { arguments in
            let barrier = try payload(arguments[0])
            let index = try bridged { try barrier.barrier.wait(timeout: try seconds(arguments[1])) }
            if let failure = barrier.actionFailures.withLock({ $0.removeValue(forKey: currentThreadIdent()) }) {
                barrier.barrier.abort()
                throw failure
            }
            return PyObject(index)
        }
        namespace["abort"] = method("abort") { arguments in
            try payload(arguments[0]).barrier.abort()
            return .none
        }
        namespace["parties"] = try property("parties", get: { PyObject(try payload($0).barrier.parties) })
        namespace["n_waiting"] = try property("n_waiting", get: { PyObject(try payload($0).barrier.waitingCount) })
        namespace["broken"] = try property("broken", get: { PyObject(try payload($0).barrier.isBroken) })
        namespace["__repr__"] = method("__repr__") { arguments in
            let barrier = try payload(arguments[0]).barrier
            let address = try addressText(arguments[0])
            if barrier.isBroken { return PyObject("<threading.Barrier at \(address): broken>") }
            return PyObject("<threading.Barrier at \(address): waiters=\(barrier.waitingCount)/\(barrier.parties)>")
        }
    }
}

/// `threading.Timer`: a `Thread` whose `run` waits on its `finished` event for `interval`
/// seconds, traced as the sleep it is (as the static `PythonTimer` does), then calls `function`
/// unless `cancel()` came first.
private func makeTimerClass(thread: PyObject, event: PyObject) throws -> PyObject {
    try moduleClass("Timer", module: "threading", bases: [thread]) { namespace in
        namespace["__init__"] = method("__init__", ["interval", "function", "args", "kwargs"], defaults: [.none, .none]) { arguments in
            let this = arguments[0]
            try initializeThread(this, kind: .thread, target: .none, name: .none, args: .tuple([]), kwargs: .none, daemon: .none) { _ in
                PythonThread.newName(target: nil)
            }
            try this.setAttribute("interval", arguments[1])
            try this.setAttribute("function", arguments[2])
            try this.setAttribute("args", arguments[3].isNone ? .list([]) : arguments[3])
            try this.setAttribute("kwargs", arguments[4].isNone ? try .dict([]) : arguments[4])
            try this.setAttribute("finished", try event())
            return .none
        }
        namespace["cancel"] = method("cancel") { arguments in
            try arguments[0].attribute("finished").callMethod("set", [])
        }
        namespace["run"] = method("run") { arguments in
            let this = arguments[0]
            let interval = try this.attribute("interval").toDouble()
            let finished = try this.attribute("finished").nativePayload(as: Event.self)
            Trace.emit("sleep", lane: Lane.current, duration: interval)
            finished.waitUntraced(timeout: interval)
            if !finished.isSet {
                _ = try this.attribute("function").call(try this.attribute("args").unpackedArguments(),
                                                        keywords: try this.attribute("kwargs").unpackedKeywords())
            }
            finished.set()
            return .none
        }
    }
}

/// `threading.local()`: attributes set on it are seen only by the thread that set them.
final class ThreadLocalStorage: @unchecked Sendable {
    let tables = Locked<[Int: PyObject]>([:])

    func table() throws -> PyObject {
        let key = DynamicThreads.currentKey()
        if let table = tables.withLock({ $0[key] }) { return table }
        let table = try PyObject.dict([])
        tables.withLock { $0[key] = table }
        return table
    }
}

private func makeLocalClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> ThreadLocalStorage { try object.nativePayload(as: ThreadLocalStorage.self) }
    return try moduleClass("_local", module: "_thread") { namespace in
        namespace["__init__"] = method("__init__", varargs: "args", varkw: "kwargs") { arguments in
            if (try? arguments[0].nativePayload(as: ThreadLocalStorage.self)) == nil {
                arguments[0].setNativePayload(ThreadLocalStorage())
            }
            return .none
        }
        namespace["__getattribute__"] = method("__getattribute__", ["name"]) { arguments in
            let (this, name) = (arguments[0], arguments[1])
            if let storage = try? payload(this) {
                let table = try storage.table()
                if try name.toString() == "__dict__" { return table }
                if try table.contains(name) { return try table.item(name) }
            }
            return try Py.object.attribute("__getattribute__")(this, name)
        }
        namespace["__setattr__"] = method("__setattr__", ["name", "value"]) { arguments in
            try payload(arguments[0]).table().setItem(arguments[1], arguments[2])
            return .none
        }
        namespace["__delattr__"] = method("__delattr__", ["name"]) { arguments in
            let table = try payload(arguments[0]).table()
            guard try table.contains(arguments[1]) else {
                throw pythonError(Py.AttributeError, "'_thread._local' object has no attribute '\(try arguments[1].toString())'")
            }
            try table.deleteItem(arguments[1])
            return .none
        }
    }
}
