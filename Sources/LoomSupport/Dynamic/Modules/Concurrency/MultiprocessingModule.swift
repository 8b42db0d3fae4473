import Foundation

/// `multiprocessing` for dynamic code, carried to threads as the static library carries it
/// (`PythonProcess`, `ProcessPool`): a `Process` is a thread named `Process-N`, a `Pool`'s workers
/// are threads named `ForkPoolWorker-N`, from CPython's one counter. Memory is shared rather
/// than copied, so `Value`, `Array`, `Queue` and a `Manager`'s list and dict are ordinary shared
/// objects behind a lock, and a function need not be picklable. `pid` is the thread's kernel id,
/// distinct per "process" as CPython's pids are.
func makeMultiprocessingModule() throws -> PyObject {
    let threading = try Py.importModule("threading")
    let queueModule = try Py.importModule("queue")
    let processClass = try makeProcessClass()
    let timeoutError = try moduleClass("TimeoutError", module: "multiprocessing.context",
                                       bases: [try moduleClass("ProcessError", module: "multiprocessing.context", bases: [Py.Exception])])
    let asyncResult = try makeAsyncResultClass(timeoutError: timeoutError)
    let pool = try makePoolClass(asyncResult: asyncResult)
    let mpQueue = try makeDynamicQueueClass(name: "Queue", module: "multiprocessing.queues", withTasks: true)
    let joinableQueue = try moduleClass("JoinableQueue", module: "multiprocessing.queues", bases: [mpQueue])
    let simpleQueue = try makeDynamicQueueClass(name: "SimpleQueue", module: "multiprocessing.queues", withTasks: false)
    let rlock = try threading.attribute("RLock")
    let value = try makeSharedValueClass(rlock: rlock)
    let array = try makeSharedArrayClass(rlock: rlock)
    let namespaceClass = try makeNamespaceClass()
    let processes = ProcessObjects(processClass: processClass)

    let manager = try moduleClass("SyncManager", module: "multiprocessing.managers") { namespace in
        namespace["__enter__"] = method("__enter__") { arguments in arguments[0] }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { _ in false }
        namespace["start"] = method("start") { _ in .none }
        namespace["shutdown"] = method("shutdown") { _ in .none }
        namespace["list"] = method("list", ["sequence"], defaults: [.list([])]) { arguments in try Py.list(arguments[1]) }
        namespace["dict"] = method("dict", varargs: "args", varkw: "kwargs") { arguments in
            try Py.dict.call(try arguments[1].unpackedArguments(), keywords: try arguments[2].unpackedKeywords())
        }
        namespace["Namespace"] = method("Namespace", varkw: "kwargs") { arguments in
            try namespaceClass.call([], keywords: try arguments[1].unpackedKeywords())
        }
        namespace["Value"] = method("Value", ["typecode", "value"]) { arguments in try value(arguments[1], arguments[2]) }
        namespace["Array"] = method("Array", ["typecode", "sequence"]) { arguments in try array(arguments[1], arguments[2]) }
        namespace["Queue"] = method("Queue", ["maxsize"], defaults: [0]) { arguments in try queueModule.attribute("Queue")(arguments[1]) }
        namespace["JoinableQueue"] = method("JoinableQueue", ["maxsize"], defaults: [0]) { arguments in
            try queueModule.attribute("Queue")(arguments[1])
        }
        for name in ["Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier"] {
            let cls = try threading.attribute(name)
            namespace[name] = method(name, varargs: "args") { arguments in try cls.call(try arguments[1].unpackedArguments()) }
        }
    }

    let module = PyObject.module("multiprocessing", [
        ("Process", processClass),
        ("Pool", pool),
        ("Queue", mpQueue),
        ("JoinableQueue", joinableQueue),
        ("SimpleQueue", simpleQueue),
        ("Value", value),
        ("Array", array),
        ("Manager", moduleFunction("Manager") { _ in try manager() }),
        ("Pipe", try makePipeFunction(queueModule: queueModule)),
        ("Lock", try threading.attribute("Lock")),
        ("RLock", rlock),
        ("Semaphore", try threading.attribute("Semaphore")),
        ("BoundedSemaphore", try threading.attribute("BoundedSemaphore")),
        ("Condition", try threading.attribute("Condition")),
        ("Event", try threading.attribute("Event")),
        ("Barrier", try threading.attribute("Barrier")),
        ("TimeoutError", timeoutError),
        ("cpu_count", moduleFunction("cpu_count") { _ in PyObject(OS.cpuCount()) }),
        ("current_process", moduleFunction("current_process") { _ in try processes.current() }),
        ("parent_process", moduleFunction("parent_process") { _ in
            try processes.current().isIdentical(to: processes.mainProcess) ? .none : processes.mainProcess
        }),
        ("active_children", moduleFunction("active_children") { _ in
            .list(DynamicThreads.runningObjects().filter { $0.state.kind == .process }.map(\.object))
        }),
        ("freeze_support", moduleFunction("freeze_support") { _ in .none }),
        ("set_start_method", moduleFunction("set_start_method", ["method"], keywordOnly: ["force"],
                                            keywordDefaults: ["force": false]) { _ in .none }),
        ("get_start_method", moduleFunction("get_start_method", ["allow_none"], defaults: [false]) { _ in "fork" }),
        ("get_all_start_methods", moduleFunction("get_all_start_methods") { _ in ["fork", "spawn", "forkserver"] }),
    ])
    try module.setAttribute("get_context", moduleFunction("get_context", ["method"], defaults: [.none]) { _ in module })
    return module
}

/// `multiprocessing.Process`: a thread named `Process-N` that runs `self.run()`. An exception in
/// `run` is printed as a child process prints it (`Process Process-1:` and the traceback) and
/// makes `exitcode` 1.
private func makeProcessClass() throws -> PyObject {
    try moduleClass("Process", module: "multiprocessing.context") { namespace in
        namespace["__init__"] = method(
            "__init__", ["group", "target", "name", "args", "kwargs"], defaults: [.none, .none, .none, .tuple([]), .none],
            keywordOnly: ["daemon"], keywordDefaults: ["daemon": .none]
        ) { arguments in
            let (this, group, target, name, args, kwargs, daemon) =
                (arguments[0], arguments[1], arguments[2], arguments[3], arguments[4], arguments[5], arguments[6])
            if !group.isNone { throw pythonError(Py.AssertionError, "group argument must be None for now") }
            try initializeThread(this, kind: .process, target: target, name: name, args: args, kwargs: kwargs,
                                 daemon: daemon.isNone ? false : daemon) { _ in "Process-\(ProcessNames.next())" }
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
            let state = try threadState(this)
            if state.started { throw pythonError(Py.AssertionError, "cannot start a process twice") }
            try startDynamicThread(this, state) { error in
                let cell = cellState.withLock { $0.cell }
                Output.write("Process \(state.name):\n" + tracebackText(error, cell: cell), to: .stderr)
                state.exitCode = 1
            }
            return .none
        }
        namespace["join"] = method("join", ["timeout"], defaults: [.none]) { arguments in
            let state = try threadState(arguments[0])
            if !state.started { throw pythonError(Py.AssertionError, "can only join a started process") }
            try joinDynamicThread(arguments[0], timeout: arguments[1])
            return .none
        }
        namespace["is_alive"] = method("is_alive") { arguments in PyObject(try threadState(arguments[0]).alive) }
        // A thread cannot be killed: the body runs to its end, as the static library documents.
        for name in ["terminate", "kill", "close"] {
            namespace[name] = method(name) { _ in .none }
        }
        namespace["name"] = try property("name", get: { PyObject(try threadState($0).name) },
                                         set: { this, value in try threadState(this).name = try value.str() })
        namespace["daemon"] = try property("daemon", get: { PyObject(try threadState($0).daemon) }, set: { this, value in
            let state = try threadState(this)
            if state.started { throw pythonError(Py.AssertionError, "process has already started") }
            state.daemon = try value.truthy()
        })
        let pid = try property("pid", get: { this in try threadState(this).nativeID.map { PyObject($0) } ?? .none })
        namespace["pid"] = pid
        namespace["ident"] = pid
        namespace["exitcode"] = try property("exitcode", get: { this in
            let state = try threadState(this)
            guard state.started, !state.alive, state.kind == .process else { return .none }
            return PyObject(state.exitCode ?? 0)
        })
        namespace["__repr__"] = method("__repr__") { arguments in
            let this = arguments[0]
            let state = try threadState(this)
            var parts = [state.kind == .foreign ? "ForkProcess" : try Py.type(this).attribute("__name__").toString(),
                         "name=\(try PyObject(state.name).repr())"]
            switch state.kind {
            case .main:
                parts += ["parent=None", "started"]
            case .foreign:
                parts += ["parent=\(OS.getpid())", "started"]
            case .thread, .process:
                if let pid = state.nativeID { parts.append("pid=\(pid)") }
                parts.append("parent=\(OS.getpid())")
                if !state.started {
                    parts.append("initial")
                } else if state.alive {
                    parts.append("started")
                } else {
                    parts += ["stopped", "exitcode=\(state.exitCode ?? 0)"]
                }
            }
            if state.daemon { parts.append("daemon") }
            return PyObject("<" + parts.joined(separator: " ") + ">")
        }
    }
}

/// `current_process()`'s answers: a `Process` of the note's, the main process, or an object for
/// a pool worker.
private struct ProcessObjects {
    let mainProcess: PyObject
    let workerClass: PyObject?

    init(processClass: PyObject) {
        workerClass = try? moduleClass("ForkProcess", module: "multiprocessing.context", bases: [processClass]) { namespace in
            namespace["__init__"] = method("__init__", ["name"]) { arguments in
                arguments[0].setNativePayload(DynamicThreadState(kind: .foreign, name: try arguments[1].toString(), daemon: true,
                                                                 ident: currentThreadIdent(), nativeID: Lane.nativeThreadID))
                try arguments[0].setAttribute("_target", .none)
                return .none
            }
        }
        let main = try? moduleClass("_MainProcess", module: "multiprocessing.process", bases: [processClass]) { namespace in
            namespace["__init__"] = method("__init__") { arguments in
                arguments[0].setNativePayload(DynamicThreadState(kind: .main, name: "MainProcess", daemon: false,
                                                                 ident: currentThreadIdent(), nativeID: OS.getpid()))
                try arguments[0].setAttribute("_target", .none)
                return .none
            }
        }
        mainProcess = (try? main.map { try $0() }) ?? .none
    }

    func current() throws -> PyObject {
        if let current = DynamicThreads.current(), current.state.kind == .process { return current.object }
        let lane = Lane.currentThreadName
        guard lane.hasPrefix("ForkPoolWorker-") || lane.hasPrefix("ForkProcess-") else { return mainProcess }
        guard let workerClass else { return mainProcess }
        return try DynamicThreads.foreignObject(named: "process:" + lane) {
            let object = try workerClass(PyObject(lane))
            return (object, try threadState(object))
        }
    }
}

// MARK: Pool

final class DynamicPool: @unchecked Sendable {
    let pool: ProcessPool
    private let initializer: PyObject
    private let initializerArguments: PyObject
    private let lock = NSLock()
    private var running = true
    private var initializedWorkers: Set<String> = []

    init(processes: Int?, initializer: PyObject, initializerArguments: PyObject) {
        pool = ProcessPool(processes: processes)
        self.initializer = initializer
        self.initializerArguments = initializerArguments
    }

    func requireRunning() throws {
        if !lock.withLock({ running }) { throw pythonError(Py.ValueError, "Pool not running") }
    }

    func stop() { lock.withLock { running = false } }
    var isRunning: Bool { lock.withLock { running } }

    /// The task a worker runs: `initializer(*initargs)` first in each worker, then the call.
    func task(_ call: @escaping () throws -> PyObject) -> () throws -> PyObject {
        { [self] in
            if !initializer.isNone {
                let worker = Lane.currentThreadName
                if lock.withLock({ initializedWorkers.insert(worker).inserted }) {
                    _ = try initializer.call(try initializerArguments.unpackedArguments())
                }
            }
            return try call()
        }
    }
}

private func makePoolClass(asyncResult: PyObject) throws -> PyObject {
    func payload(_ object: PyObject) throws -> DynamicPool { try object.nativePayload(as: DynamicPool.self) }
    func chunksize(_ value: PyObject) throws -> Int? {
        if value.isNone { return nil }
        let size = try value.toInt()
        if size < 1 { throw pythonError(Py.ValueError, "Chunksize must be 1+, not \(size)") }
        return size
    }
    /// One `apply_async` per call; `callback`/`error_callback` run as each finishes.
    func submit(_ pool: DynamicPool, callback: PyObject = .none, errorCallback: PyObject = .none,
                _ call: @escaping () throws -> PyObject) throws -> PyObject {
        let future = pool.pool.applyAsync(pool.task(call))
        if !callback.isNone || !errorCallback.isNone {
            future.addDoneCallback { done in
                do {
                    let value = try done.result()
                    if !callback.isNone { _ = try callback(value) }
                } catch {
                    if !errorCallback.isNone { _ = try? errorCallback(PyException.caught(error).value) }
                }
            }
        }
        let result = try newInstance(asyncResult)
        result.setNativePayload(DynamicFuture(future))
        return result
    }
    func starCall(_ function: PyObject, _ arguments: PyObject) throws -> PyObject {
        try function.call(try arguments.unpackedArguments())
    }
    return try moduleClass("Pool", module: "multiprocessing.pool") { namespace in
        namespace["__init__"] = method("__init__", ["processes", "initializer", "initargs", "maxtasksperchild"],
                                       defaults: [.none, .none, .tuple([]), .none]) { arguments in
            var processes: Int?
            if !arguments[1].isNone {
                processes = try arguments[1].toInt()
                if processes! < 1 { throw pythonError(Py.ValueError, "Number of processes must be at least 1") }
            }
            arguments[0].setNativePayload(DynamicPool(processes: processes, initializer: arguments[2], initializerArguments: arguments[3]))
            return .none
        }
        namespace["map"] = method("map", ["func", "iterable", "chunksize"], defaults: [.none]) { arguments in
            let pool = try payload(arguments[0])
            try pool.requireRunning()
            let function = arguments[1]
            let items = try arguments[2].unpackedArguments()
            return .list(try pool.pool.map(items, chunksize: try chunksize(arguments[3])) { item in
                try pool.task { try function(item) }()
            })
        }
        namespace["starmap"] = method("starmap", ["func", "iterable", "chunksize"], defaults: [.none]) { arguments in
            let pool = try payload(arguments[0])
            try pool.requireRunning()
            let function = arguments[1]
            return .list(try pool.pool.map(try arguments[2].unpackedArguments(), chunksize: try chunksize(arguments[3])) { item in
                try pool.task { try starCall(function, item) }()
            })
        }
        namespace["apply"] = method("apply", ["func", "args", "kwds"], defaults: [.tuple([]), .none]) { arguments in
            let pool = try payload(arguments[0])
            try pool.requireRunning()
            let (function, args, kwds) = (arguments[1], try arguments[2].unpackedArguments(),
                                          arguments[3].isNone ? [] : try arguments[3].unpackedKeywords())
            return try pool.pool.apply(pool.task { try function.call(args, keywords: kwds) })
        }
        namespace["apply_async"] = method("apply_async", ["func", "args", "kwds", "callback", "error_callback"],
                                          defaults: [.tuple([]), .none, .none, .none]) { arguments in
            let pool = try payload(arguments[0])
            try pool.requireRunning()
            let (function, args, kwds) = (arguments[1], try arguments[2].unpackedArguments(),
                                          arguments[3].isNone ? [] : try arguments[3].unpackedKeywords())
            return try submit(pool, callback: arguments[4], errorCallback: arguments[5]) { try function.call(args, keywords: kwds) }
        }
        namespace["map_async"] = method("map_async", ["func", "iterable", "chunksize", "callback", "error_callback"],
                                        defaults: [.none, .none, .none]) { arguments in
            let pool = try payload(arguments[0])
            try pool.requireRunning()
            let function = arguments[1]
            let items = try arguments[2].unpackedArguments()
            _ = try chunksize(arguments[3])
            return try submit(pool, callback: arguments[4], errorCallback: arguments[5]) {
                .list(try items.map { try function($0) })
            }
        }
        for (name, ordered) in [("imap", true), ("imap_unordered", false)] {
            namespace[name] = method(name, ["func", "iterable", "chunksize"], defaults: [1]) { arguments in
                let pool = try payload(arguments[0])
                try pool.requireRunning()
                let function = arguments[1]
                let futures = try arguments[2].unpackedArguments().map { item in pool.pool.applyAsync(pool.task { try function(item) }) }
                if ordered {
                    var pending = futures[...]
                    return try NativeIterator.make {
                        guard let next = pending.popFirst() else { return nil }
                        return try bridged { try next.result() }
                    }
                }
                let observer = CompletionObserver()
                var ready: [Future<PyObject>] = []
                var waiting: [ObjectIdentifier: Future<PyObject>] = [:]
                for future in futures {
                    if future.observe(observer) { waiting[ObjectIdentifier(future)] = future } else { ready.append(future) }
                }
                var seen = 0
                return try NativeIterator.make {
                    while ready.isEmpty {
                        guard !waiting.isEmpty, let order = observer.waitBeyond(seen, deadline: nil, trace: "result") else { return nil }
                        for id in order[seen...] {
                            if let future = waiting.removeValue(forKey: id) { ready.append(future) }
                        }
                        seen = order.count
                    }
                    return try bridged { try ready.removeFirst().result() }
                }
            }
        }
        namespace["close"] = method("close") { arguments in
            let pool = try payload(arguments[0])
            pool.stop()
            pool.pool.close()
            return .none
        }
        namespace["terminate"] = method("terminate") { arguments in
            let pool = try payload(arguments[0])
            pool.stop()
            pool.pool.terminate()
            return .none
        }
        namespace["join"] = method("join") { arguments in
            let pool = try payload(arguments[0])
            if pool.isRunning { throw pythonError(Py.ValueError, "Pool is still running") }
            pool.pool.join()
            return .none
        }
        namespace["__enter__"] = method("__enter__") { arguments in
            try payload(arguments[0]).requireRunning()
            return arguments[0]
        }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            _ = try arguments[0].callMethod("terminate", [])
            return false
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let pool = try payload(arguments[0])
            return PyObject("<multiprocessing.pool.Pool state=\(pool.isRunning ? "RUN" : "CLOSE") pool_size=\(pool.pool.processes)>")
        }
    }
}

/// `AsyncResult` (`ApplyResult`): `get(timeout)` raises `multiprocessing.TimeoutError` when the
/// time runs out, and re-raises the call's exception.
private func makeAsyncResultClass(timeoutError: PyObject) throws -> PyObject {
    func payload(_ object: PyObject) throws -> Future<PyObject> { try object.nativePayload(as: DynamicFuture.self).future }
    return try moduleClass("ApplyResult", module: "multiprocessing.pool") { namespace in
        namespace["get"] = method("get", ["timeout"], defaults: [.none]) { arguments in
            let future = try payload(arguments[0])
            do {
                return try future.result(timeout: try seconds(arguments[1]))
            } catch let error as PythonError where error.type == "TimeoutError" {
                throw pythonError(timeoutError)
            }
        }
        namespace["wait"] = method("wait", ["timeout"], defaults: [.none]) { arguments in
            _ = try? payload(arguments[0]).result(timeout: try seconds(arguments[1]))
            return .none
        }
        namespace["ready"] = method("ready") { arguments in PyObject(try payload(arguments[0]).done) }
        namespace["successful"] = method("successful") { arguments in
            let future = try payload(arguments[0])
            guard future.done else { throw pythonError(Py.ValueError, "\(try arguments[0].repr()) not ready") }
            return PyObject(!future.failed)
        }
    }
}

// MARK: Shared memory

/// ctypes' names for `Value` and `Array` typecodes, and whether each holds floats.
private let ctypesNames: [String: (name: String, isFloat: Bool)] = [
    "b": ("c_byte", false), "B": ("c_ubyte", false), "h": ("c_short", false), "H": ("c_ushort", false),
    "i": ("c_int", false), "I": ("c_uint", false), "l": ("c_long", false), "L": ("c_ulong", false),
    "q": ("c_longlong", false), "Q": ("c_ulonglong", false), "f": ("c_float", true), "d": ("c_double", true),
]

private func ctype(_ typecode: PyObject) throws -> (name: String, isFloat: Bool) {
    let code = (try? typecode.toString()) ?? (try? typecode.attribute("__name__").toString()) ?? ""
    if let known = ctypesNames[code] { return known }
    if let known = ctypesNames.values.first(where: { $0.name == code }) { return known }
    throw pythonError(Py.TypeError, "unsupported typecode \(try typecode.repr())")
}

/// A value stored as its ctype stores it: floats for `d`/`f`, ints (a float is refused) otherwise.
private func coerced(_ value: PyObject, isFloat: Bool) throws -> PyObject {
    if isFloat { return PyObject(try value.toDouble()) }
    if try Py.isinstance(value, Py.float).truthy() {
        throw pythonError(Py.TypeError, "'float' object cannot be interpreted as an integer")
    }
    return PyObject(try value.toInt())
}

final class SharedCell: @unchecked Sendable {
    let lock = NSLock()
    var value: PyObject
    let ctypeName: String
    let isFloat: Bool
    init(_ value: PyObject, ctypeName: String, isFloat: Bool) {
        self.value = value
        self.ctypeName = ctypeName
        self.isFloat = isFloat
    }
}

private func makeSharedValueClass(rlock: PyObject) throws -> PyObject {
    func payload(_ object: PyObject) throws -> SharedCell { try object.nativePayload(as: SharedCell.self) }
    return try moduleClass("Synchronized", module: "multiprocessing.sharedctypes") { namespace in
        namespace["__init__"] = method("__init__", ["typecode_or_type"], varargs: "args", keywordOnly: ["lock"],
                                       keywordDefaults: ["lock": true]) { arguments in
            let type = try ctype(arguments[1])
            let initial = try arguments[2].unpackedArguments().first ?? (type.isFloat ? PyObject(0.0) : PyObject(0))
            arguments[0].setNativePayload(SharedCell(try coerced(initial, isFloat: type.isFloat), ctypeName: type.name, isFloat: type.isFloat))
            let lock = arguments[3]
            let makesOwnLock = lock.isIdentical(to: true) || lock.isIdentical(to: false) || lock.isNone
            try arguments[0].setAttribute("_lock", makesOwnLock ? try rlock() : lock)
            return .none
        }
        namespace["value"] = try property("value", get: { this in
            let cell = try payload(this)
            return cell.lock.withLock { cell.value }
        }, set: { this, value in
            let cell = try payload(this)
            let stored = try coerced(value, isFloat: cell.isFloat)
            cell.lock.withLock { cell.value = stored }
        })
        namespace["get_lock"] = method("get_lock") { arguments in try arguments[0].attribute("_lock") }
        namespace["get_obj"] = method("get_obj") { arguments in try arguments[0].attribute("value") }
        namespace["acquire"] = method("acquire", varargs: "args") { arguments in
            try arguments[0].attribute("_lock").attribute("acquire").call(try arguments[1].unpackedArguments())
        }
        namespace["release"] = method("release") { arguments in try arguments[0].attribute("_lock").callMethod("release", []) }
        namespace["__enter__"] = method("__enter__") { arguments in try arguments[0].attribute("_lock").callMethod("__enter__", []) }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            try arguments[0].attribute("_lock").attribute("__exit__").call(try arguments[1].unpackedArguments())
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let cell = try payload(arguments[0])
            return PyObject("<Synchronized wrapper for \(cell.ctypeName)(\(try cell.lock.withLock { cell.value }.repr()))>")
        }
    }
}

final class SharedArray: @unchecked Sendable {
    let lock = NSLock()
    var items: [PyObject]
    let ctypeName: String
    let isFloat: Bool
    init(_ items: [PyObject], ctypeName: String, isFloat: Bool) {
        self.items = items
        self.ctypeName = ctypeName
        self.isFloat = isFloat
    }
}

private func makeSharedArrayClass(rlock: PyObject) throws -> PyObject {
    func payload(_ object: PyObject) throws -> SharedArray { try object.nativePayload(as: SharedArray.self) }
    func snapshot(_ object: PyObject) throws -> PyObject {
        let array = try payload(object)
        return .list(array.lock.withLock { array.items })
    }
    return try moduleClass("SynchronizedArray", module: "multiprocessing.sharedctypes") { namespace in
        namespace["__init__"] = method("__init__", ["typecode_or_type", "size_or_initializer"], keywordOnly: ["lock"],
                                       keywordDefaults: ["lock": true]) { arguments in
            let type = try ctype(arguments[1])
            let initial = arguments[2]
            let items: [PyObject]
            if let count = try? initial.toInt(), try !Py.isinstance(initial, Py.float).truthy() {
                items = Array(repeating: type.isFloat ? PyObject(0.0) : PyObject(0), count: max(0, count))
            } else {
                items = try initial.unpackedArguments().map { try coerced($0, isFloat: type.isFloat) }
            }
            arguments[0].setNativePayload(SharedArray(items, ctypeName: type.name, isFloat: type.isFloat))
            try arguments[0].setAttribute("_lock", try rlock())
            return .none
        }
        namespace["__len__"] = method("__len__") { arguments in
            let array = try payload(arguments[0])
            return PyObject(array.lock.withLock { array.items.count })
        }
        namespace["__getitem__"] = method("__getitem__", ["index"]) { arguments in try snapshot(arguments[0]).item(arguments[1]) }
        namespace["__setitem__"] = method("__setitem__", ["index", "value"]) { arguments in
            let array = try payload(arguments[0])
            let count = array.lock.withLock { array.items.count }
            var index = try arguments[1].toInt()
            if index < 0 { index += count }
            guard index >= 0 && index < count else { throw pythonError(Py.IndexError, "invalid index") }
            let value = try coerced(arguments[2], isFloat: array.isFloat)
            array.lock.withLock { array.items[index] = value }
            return .none
        }
        namespace["__iter__"] = method("__iter__") { arguments in try Py.iter(try snapshot(arguments[0])) }
        namespace["get_lock"] = method("get_lock") { arguments in try arguments[0].attribute("_lock") }
        namespace["get_obj"] = method("get_obj") { arguments in try snapshot(arguments[0]) }
        namespace["__enter__"] = method("__enter__") { arguments in try arguments[0].attribute("_lock").callMethod("__enter__", []) }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            try arguments[0].attribute("_lock").attribute("__exit__").call(try arguments[1].unpackedArguments())
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let array = try payload(arguments[0])
            let count = array.lock.withLock { array.items.count }
            return PyObject("<SynchronizedArray wrapper for <multiprocessing.sharedctypes.\(array.ctypeName)_Array_\(count) object at \(try addressText(arguments[0]))>>")
        }
    }
}

/// `manager.Namespace(**kwargs)`: attributes, shown sorted as CPython's repr shows them.
private func makeNamespaceClass() throws -> PyObject {
    try moduleClass("Namespace", module: "multiprocessing.managers") { namespace in
        namespace["__init__"] = method("__init__", varkw: "kwargs") { arguments in
            for (name, value) in try arguments[1].unpackedKeywords() { try arguments[0].setAttribute(name, value) }
            return .none
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let entries = try arguments[0].attribute("__dict__").callMethod("items", []).unpackedArguments()
            var parts: [String] = []
            for entry in entries {
                let (key, value) = try entry.unpack2()
                let name = try key.toString()
                if !name.hasPrefix("_") { parts.append("\(name)=\(try value.repr())") }
            }
            return PyObject("Namespace(" + parts.sorted().joined(separator: ", ") + ")")
        }
    }
}
