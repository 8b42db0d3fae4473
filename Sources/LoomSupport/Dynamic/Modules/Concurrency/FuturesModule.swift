import Foundation

/// `concurrent.futures` for dynamic code, over the static `ThreadPoolExecutor`,
/// `ProcessPoolExecutor` (carried to threads named `ForkProcess-N`) and `Future`: CPython's
/// pool widths, worker names and timing shape, traced waits on results; exceptions raised by a
/// call, a timeout or a cancellation reach the caller as Python exceptions, in loops too.
func makeFuturesModule() throws -> PyObject {
    let future = try makeFutureClass()
    let executor = try moduleClass("Executor", module: "concurrent.futures._base") { namespace in
        namespace["submit"] = method("submit", ["fn"], varargs: "args", varkw: "kwargs") { _ in
            throw pythonError(Py.NotImplementedError)
        }
        namespace["shutdown"] = method("shutdown", ["wait"], defaults: [true], keywordOnly: ["cancel_futures"],
                                       keywordDefaults: ["cancel_futures": false]) { _ in .none }
        namespace["__enter__"] = method("__enter__") { arguments in arguments[0] }
        namespace["__exit__"] = method("__exit__", varargs: "exc") { arguments in
            _ = try arguments[0].callMethod("shutdown", [true])
            return false
        }
        namespace["map"] = method("map", ["fn"], varargs: "iterables", keywordOnly: ["timeout", "chunksize"],
                                  keywordDefaults: ["timeout": .none, "chunksize": 1]) { arguments in
            try executorMap(arguments[0], arguments[1], iterables: arguments[2], timeout: arguments[3])
        }
    }
    let threadPool = try moduleClass("ThreadPoolExecutor", module: "concurrent.futures.thread", bases: [executor]) { namespace in
        namespace["__init__"] = method(
            "__init__", ["max_workers", "thread_name_prefix", "initializer", "initargs"], defaults: [.none, "", .none, .tuple([])]
        ) { arguments in
            let workers = try workerCount(arguments[1])
            let prefix = try arguments[2].str()
            let pool = ThreadPoolExecutor(maxWorkers: workers, threadNamePrefix: prefix.isEmpty ? nil : prefix)
            arguments[0].setNativePayload(DynamicExecutor(
                maxWorkers: pool.maxWorkers, initializer: arguments[3], initializerArguments: arguments[4],
                submit: { pool.submit($0) }, shutdown: { pool.shutdown(wait: $0, cancelFutures: $1) }))
            try arguments[0].setAttribute("_max_workers", PyObject(pool.maxWorkers))
            return .none
        }
        addExecutorMethods(namespace, future: future)
    }
    let processPool = try moduleClass("ProcessPoolExecutor", module: "concurrent.futures.process", bases: [executor]) { namespace in
        namespace["__init__"] = method(
            "__init__", ["max_workers", "mp_context", "initializer", "initargs"], defaults: [.none, .none, .none, .tuple([])],
            keywordOnly: ["max_tasks_per_child"], keywordDefaults: ["max_tasks_per_child": .none]
        ) { arguments in
            let pool = ProcessPoolExecutor(maxWorkers: try workerCount(arguments[1]))
            arguments[0].setNativePayload(DynamicExecutor(
                maxWorkers: pool.maxWorkers, initializer: arguments[3], initializerArguments: arguments[4],
                submit: { pool.submit($0) }, shutdown: { pool.shutdown(wait: $0, cancelFutures: $1) }))
            try arguments[0].setAttribute("_max_workers", PyObject(pool.maxWorkers))
            return .none
        }
        addExecutorMethods(namespace, future: future)
    }
    let doneAndNotDone = try makeDoneAndNotDoneClass()
    let futures = PyObject.module("concurrent.futures", [
        ("Future", future),
        ("Executor", executor),
        ("ThreadPoolExecutor", threadPool),
        ("ProcessPoolExecutor", processPool),
        ("wait", moduleFunction("wait", ["fs", "timeout", "return_when"], defaults: [.none, "ALL_COMPLETED"]) { arguments in
            try waitForFutures(arguments[0], timeout: arguments[1], returnWhen: arguments[2], result: doneAndNotDone)
        }),
        ("as_completed", moduleFunction("as_completed", ["fs", "timeout"], defaults: [.none]) { arguments in
            try futuresAsCompleted(arguments[0], timeout: arguments[1])
        }),
        ("FIRST_COMPLETED", "FIRST_COMPLETED"),
        ("FIRST_EXCEPTION", "FIRST_EXCEPTION"),
        ("ALL_COMPLETED", "ALL_COMPLETED"),
        ("TimeoutError", Py.TimeoutError),
        ("CancelledError", ConcurrencyClasses.futuresCancelledError),
        ("InvalidStateError", ConcurrencyClasses.invalidStateError),
        ("BrokenExecutor", ConcurrencyClasses.brokenExecutor),
    ])
    return futures
}

private func workerCount(_ value: PyObject) throws -> Int? {
    if value.isNone { return nil }
    let count = try value.toInt()
    if count <= 0 { throw pythonError(Py.ValueError, "max_workers must be greater than 0") }
    return count
}

/// An executor instance's static pool, seen through what every pool offers.
final class DynamicExecutor: @unchecked Sendable {
    let maxWorkers: Int
    let submit: (@escaping () throws -> PyObject) -> Future<PyObject>
    let shutdown: (_ wait: Bool, _ cancelFutures: Bool) -> Void
    private let initializer: PyObject
    private let initializerArguments: PyObject
    private let lock = NSLock()
    private var isShutdown = false
    private var initializedWorkers: Set<String> = []

    init(maxWorkers: Int, initializer: PyObject, initializerArguments: PyObject,
         submit: @escaping (@escaping () throws -> PyObject) -> Future<PyObject>,
         shutdown: @escaping (Bool, Bool) -> Void) {
        self.maxWorkers = maxWorkers
        self.initializer = initializer
        self.initializerArguments = initializerArguments
        self.submit = submit
        self.shutdown = shutdown
    }

    /// Marks the pool shut down; false when it already was.
    func markShutdown() -> Bool {
        lock.withLock {
            defer { isShutdown = true }
            return !isShutdown
        }
    }

    var acceptsWork: Bool { lock.withLock { !isShutdown } }

    /// `initializer(*initargs)` once in each worker, before its first call, as CPython runs it.
    func initializeWorker() throws {
        guard !initializer.isNone else { return }
        let worker = Lane.currentThreadName
        let first = lock.withLock { initializedWorkers.insert(worker).inserted }
        if first { _ = try initializer.call(try initializerArguments.unpackedArguments()) }
    }
}

private func addExecutorMethods(_ namespace: PyNamespace, future: PyObject) {
    func payload(_ object: PyObject) throws -> DynamicExecutor { try object.nativePayload(as: DynamicExecutor.self) }
    namespace["submit"] = PyObject.function("submit", PySignature(["self", "fn"], varargs: "args", varkw: "kwargs",
                                                                  positionalOnlyCount: 2)) { arguments in
        let executor = try payload(arguments[0])
        let (function, args, kwargs) = (arguments[1], try arguments[2].unpackedArguments(), try arguments[3].unpackedKeywords())
        guard executor.acceptsWork else { throw pythonError(Py.RuntimeError, "cannot schedule new futures after shutdown") }
        let submitted = executor.submit {
            try executor.initializeWorker()
            return try function.call(args, keywords: kwargs)
        }
        return try wrapFuture(submitted, futureClass: future)
    }
    namespace["shutdown"] = method("shutdown", ["wait"], defaults: [true], keywordOnly: ["cancel_futures"],
                                   keywordDefaults: ["cancel_futures": false]) { arguments in
        let executor = try payload(arguments[0])
        _ = executor.markShutdown()
        executor.shutdown(try arguments[1].truthy(), try arguments[2].truthy())
        return .none
    }
}

/// What a dynamic `Future` carries: the static future.
final class DynamicFuture: @unchecked Sendable {
    let future: Future<PyObject>
    init(_ future: Future<PyObject>) { self.future = future }
}

/// The Python object of a static future, made once per future.
func wrapFuture(_ future: Future<PyObject>, futureClass: PyObject) throws -> PyObject {
    let object = try newInstance(futureClass)
    object.setNativePayload(DynamicFuture(future))
    return object
}

func staticFuture(_ object: PyObject) throws -> Future<PyObject> {
    guard let payload = try? object.nativePayload(as: DynamicFuture.self) else {
        throw pythonError(Py.TypeError, "expected a concurrent.futures.Future, got \(try Py.type(object).attribute("__name__").toString())")
    }
    return payload.future
}

private func makeFutureClass() throws -> PyObject {
    func payload(_ object: PyObject) throws -> Future<PyObject> { try staticFuture(object) }
    func exceptionObject(_ future: Future<PyObject>, timeout: PyObject) throws -> PyObject {
        let error = try bridged { try future.exception(timeout: try seconds(timeout)) }
        return error.map { PyException.caught($0).value } ?? .none
    }
    return try moduleClass("Future", module: "concurrent.futures._base") { namespace in
        namespace["__init__"] = method("__init__") { arguments in
            if (try? arguments[0].nativePayload(as: DynamicFuture.self)) == nil {
                arguments[0].setNativePayload(DynamicFuture(Future<PyObject>()))
            }
            return .none
        }
        namespace["result"] = method("result", ["timeout"], defaults: [.none]) { arguments in
            let future = try payload(arguments[0])
            return try bridged { try future.result(timeout: try seconds(arguments[1])) }
        }
        namespace["exception"] = method("exception", ["timeout"], defaults: [.none]) { arguments in
            try exceptionObject(try payload(arguments[0]), timeout: arguments[1])
        }
        namespace["done"] = method("done") { arguments in PyObject(try payload(arguments[0]).done) }
        namespace["running"] = method("running") { arguments in PyObject(try payload(arguments[0]).running) }
        namespace["cancelled"] = method("cancelled") { arguments in PyObject(try payload(arguments[0]).cancelled) }
        namespace["cancel"] = method("cancel") { arguments in PyObject(try payload(arguments[0]).cancel()) }
        namespace["add_done_callback"] = method("add_done_callback", ["fn"]) { arguments in
            let (this, callback) = (arguments[0], arguments[1])
            try payload(this).addDoneCallback { _ in
                do {
                    _ = try callback(this)
                } catch {
                    // CPython logs the failure and goes on with the other callbacks.
                    let cell = cellState.withLock { $0.cell }
                    let description = (try? this.repr()) ?? "<Future>"
                    Output.write("exception calling callback for \(description)\n" + tracebackText(error, cell: cell), to: .stderr)
                }
            }
            return .none
        }
        namespace["set_running_or_notify_cancel"] = method("set_running_or_notify_cancel") { arguments in
            let future = try payload(arguments[0])
            if future.cancelled { return false }
            guard future.markRunning() else {
                throw pythonError(Py.RuntimeError, "Future in unexpected state")
            }
            return true
        }
        namespace["set_result"] = method("set_result", ["result"]) { arguments in
            let future = try payload(arguments[0])
            if future.done { throw pythonError(ConcurrencyClasses.invalidStateError, "FINISHED: \(try arguments[0].repr())") }
            future.complete(.success(arguments[1]))
            return .none
        }
        namespace["set_exception"] = method("set_exception", ["exception"]) { arguments in
            let future = try payload(arguments[0])
            if future.done { throw pythonError(ConcurrencyClasses.invalidStateError, "FINISHED: \(try arguments[0].repr())") }
            future.complete(.failure(try PyException(raising: arguments[1])))
            return .none
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let future = try payload(arguments[0])
            let address = try addressText(arguments[0])
            if future.cancelled { return PyObject("<Future at \(address) state=cancelled>") }
            if future.running { return PyObject("<Future at \(address) state=running>") }
            guard future.done else { return PyObject("<Future at \(address) state=pending>") }
            if future.failed {
                let error = try exceptionObject(future, timeout: 0)
                return PyObject("<Future at \(address) state=finished raised \(try Py.type(error).attribute("__name__").toString())>")
            }
            let value = try future.result(timeout: 0)
            return PyObject("<Future at \(address) state=finished returned \(try Py.type(value).attribute("__name__").toString())>")
        }
    }
}

/// `executor.map(fn, *iterables, timeout=None)`: every call submitted at once; the results in
/// order, each waited for as the loop reaches it; a call that raised raises there, and the calls
/// not yet reached are cancelled, as CPython's result iterator does.
private func executorMap(_ executor: PyObject, _ function: PyObject, iterables: PyObject, timeout: PyObject) throws -> PyObject {
    let columns = try iterables.unpackedArguments().map { try $0.unpackedArguments() }
    let rows = columns.map(\.count).min() ?? 0
    let deadline = try seconds(timeout).map { perfCounter() + $0 }
    let submit = try executor.attribute("submit")
    var pending = try (0..<rows).map { row in try staticFuture(try submit.call([function] + columns.map { $0[row] })) }[...]
    return try NativeIterator.make {
        guard let next = pending.popFirst() else { return nil }
        do {
            return try bridged { try next.result(timeout: deadline.map { $0 - perfCounter() }) }
        } catch {
            next.cancel()
            for rest in pending { rest.cancel() }
            pending = []
            throw error
        }
    }
}

/// The futures of `fs` (any iterable), each once, keeping their objects.
private func distinctFutures(_ futures: PyObject) throws -> [(object: PyObject, future: Future<PyObject>)] {
    var seen = Set<ObjectIdentifier>()
    var result: [(PyObject, Future<PyObject>)] = []
    for object in try futures.unpackedArguments() {
        let future = try staticFuture(object)
        if seen.insert(ObjectIdentifier(future)).inserted { result.append((object, future)) }
    }
    return result
}

/// `as_completed(fs, timeout)`: those already done first, then each as it finishes;
/// `TimeoutError` with CPython's count when the time runs out.
private func futuresAsCompleted(_ futures: PyObject, timeout: PyObject) throws -> PyObject {
    let all = try distinctFutures(futures)
    let deadline = try seconds(timeout).map { Date(timeIntervalSinceNow: $0 * RunSettings.current.timeScale) }
    let observer = CompletionObserver()
    var ready: [PyObject] = []
    var pending: [ObjectIdentifier: PyObject] = [:]
    for (object, future) in all {
        if future.observe(observer) { pending[ObjectIdentifier(future)] = object } else { ready.append(object) }
    }
    var seen = 0
    return try NativeIterator.make {
        while ready.isEmpty {
            guard !pending.isEmpty else { return nil }
            guard let order = observer.waitBeyond(seen, deadline: deadline, trace: "result") else {
                throw pythonError(Py.TimeoutError, "\(pending.count) (of \(all.count)) futures unfinished")
            }
            for id in order[seen...] {
                if let object = pending.removeValue(forKey: id) { ready.append(object) }
            }
            seen = order.count
        }
        return ready.removeFirst()
    }
}

private func waitForFutures(_ futures: PyObject, timeout: PyObject, returnWhen: PyObject, result: PyObject) throws -> PyObject {
    let all = try distinctFutures(futures)
    let condition: ReturnWhen
    switch try returnWhen.str() {
    case "FIRST_COMPLETED": condition = .firstCompleted
    case "FIRST_EXCEPTION": condition = .firstException
    case "ALL_COMPLETED": condition = .allCompleted
    case let other: throw pythonError(Py.ValueError, "Invalid return condition: \(try PyObject(other).repr())")
    }
    let (done, _) = wait(all.map(\.future), timeout: try seconds(timeout), returnWhen: condition)
    let doneIDs = Set(done.map(ObjectIdentifier.init))
    let doneObjects = all.filter { doneIDs.contains(ObjectIdentifier($0.future)) }.map(\.object)
    let notDoneObjects = all.filter { !doneIDs.contains(ObjectIdentifier($0.future)) }.map(\.object)
    return try result(try PyObject.set(doneObjects), try PyObject.set(notDoneObjects))
}

/// `DoneAndNotDoneFutures(done, not_done)`, the named pair `wait` returns.
private func makeDoneAndNotDoneClass() throws -> PyObject {
    try moduleClass("DoneAndNotDoneFutures", module: "concurrent.futures._base") { namespace in
        namespace["__init__"] = method("__init__", ["done", "not_done"]) { arguments in
            try arguments[0].setAttribute("done", arguments[1])
            try arguments[0].setAttribute("not_done", arguments[2])
            return .none
        }
        namespace["__iter__"] = method("__iter__") { arguments in
            try Py.iter(PyObject.tuple([try arguments[0].attribute("done"), try arguments[0].attribute("not_done")]))
        }
        namespace["__len__"] = method("__len__") { _ in 2 }
        namespace["__getitem__"] = method("__getitem__", ["index"]) { arguments in
            try PyObject.tuple([try arguments[0].attribute("done"), try arguments[0].attribute("not_done")]).item(arguments[1])
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            PyObject("DoneAndNotDoneFutures(done=\(try arguments[0].attribute("done").repr()), not_done=\(try arguments[0].attribute("not_done").repr()))")
        }
    }
}
