import Foundation

/// `asyncio` for dynamic code: the loop of `AsyncioLoop.swift` with CPython's functions and
/// classes over it, each written as `asyncio`'s Python is (`gather`, `wait_for`, `wait`,
/// `as_completed`, `shield`, queues, locks, `TaskGroup`, `timeout`), so the order in which tasks
/// run and print is CPython's. Tasks are named `Task-N` from the static library's counter and
/// traced as static tasks are: a lane per task, sleeps, and the waits static code traces
/// (`gather`, `queue`, `event`, `lock`, `semaphore`, `result` of an executor call, `task` for the
/// main thread during `asyncio.run`).
func makeAsyncioModule() throws -> PyObject {
    guard #available(macOS 15.0, *) else {
        throw pythonError(Py.ImportError, "asyncio needs macOS 15 or later")
    }
    return try AsyncioModuleBuilder().module()
}

/// `async def` written in Swift: `await x` is `try wait(x)`.
func coroutineFunction(
    _ name: String, _ signature: PySignature,
    _ body: @escaping (_ arguments: [PyObject], _ wait: (PyObject) throws -> PyObject) throws -> PyObject
) -> PyObject {
    PyObject.coroutineFunction(name, signature) { arguments, coroutine in
        try body(arguments) { try coroutine.await($0) }
    }
}

/// Whether `value` is a coroutine object (what `async def` functions return).
func isCoroutineObject(_ value: PyObject) -> Bool { value.isCoroutine }

@available(macOS 15.0, *)
final class AsyncioModuleBuilder {
    let futureClass: PyObject
    let taskClass: PyObject
    let loopClass: PyObject
    let handleClass: PyObject
    private let yieldOnce: PyObject

    init() throws {
        futureClass = try moduleClass("Future", module: "_asyncio")
        taskClass = try moduleClass("Task", module: "_asyncio", bases: [futureClass])
        handleClass = try moduleClass("TimerHandle", module: "asyncio.events")
        loopClass = try moduleClass("_UnixSelectorEventLoop", module: "asyncio.unix_events")
        let yieldOnceClass = try moduleClass("_YieldOnce", module: "asyncio.tasks") { namespace in
            namespace["__await__"] = method("__await__") { _ in
                var yielded = false
                return try NativeIterator.make {
                    if yielded { return nil }
                    yielded = true
                    return PyObject.none
                }
            }
        }
        yieldOnce = try newInstance(yieldOnceClass)
        try fillFutureClass()
        try fillTaskClass()
        try fillHandleClass()
        try fillLoopClass()
    }

    // MARK: Objects for states

    func futureObject(_ state: AsyncFutureState) throws -> PyObject {
        if !state.object.isNone { return state.object }
        let object = try newInstance(state is AsyncTaskState ? taskClass : futureClass)
        object.setNativePayload(state)
        state.object = object
        return object
    }

    func newFuture(_ loop: AsyncLoop, waitLabel: String? = nil) throws -> AsyncFutureState {
        let state = AsyncFutureState(loop: loop)
        state.waitLabel = waitLabel
        _ = try futureObject(state)
        return state
    }

    func loopObject(_ loop: AsyncLoop) throws -> PyObject {
        if !loop.object.isNone { return loop.object }
        let object = try newInstance(loopClass)
        object.setNativePayload(loop)
        loop.object = object
        return object
    }

    func newLoop() throws -> AsyncLoop {
        let loop = AsyncLoop()
        _ = try loopObject(loop)
        return loop
    }

    static func futureState(_ object: PyObject) throws -> AsyncFutureState {
        guard let state = try? object.nativePayload(as: AsyncFutureState.self) else {
            throw pythonError(Py.TypeError, "An asyncio.Future, a coroutine or an awaitable is required")
        }
        return state
    }

    static func loop(_ object: PyObject) throws -> AsyncLoop { try object.nativePayload(as: AsyncLoop.self) }

    /// The running loop, else the installed one, else a new installed one (`get_event_loop()`).
    func eventLoop() throws -> AsyncLoop {
        if let running = AsyncLoop.runningLoop { return running }
        if let installed = AsyncLoop.installed.withLock({ $0 }), !installed.isClosed { return installed }
        let loop = try newLoop()
        AsyncLoop.installed.withLock { $0 = loop }
        return loop
    }

    func loopArgument(_ value: PyObject) throws -> AsyncLoop {
        value.isNone ? try eventLoop() : try Self.loop(value)
    }

    /// `loop.create_task(coro, name=…)`.
    func createTask(_ coroutine: PyObject, name: PyObject = .none, loop: AsyncLoop) throws -> AsyncTaskState {
        guard isCoroutineObject(coroutine) else {
            throw pythonError(Py.TypeError, "a coroutine was expected, got \(try coroutine.repr())")
        }
        if loop.isClosed { throw pythonError(Py.RuntimeError, "Event loop is closed") }
        let task = AsyncTaskState(loop: loop, coroutine: coroutine, name: name.isNone ? EventLoop.nextTaskName() : try name.str())
        _ = try futureObject(task)
        task.schedule()
        return task
    }

    /// `ensure_future(obj)`: a future as it is, a coroutine as a task, another awaitable through a
    /// wrapping coroutine.
    func ensureFuture(_ value: PyObject, loop: AsyncLoop? = nil) throws -> AsyncFutureState {
        if let state = try? value.nativePayload(as: AsyncFutureState.self) { return state }
        let target = try loop ?? eventLoop()
        if isCoroutineObject(value) { return try createTask(value, loop: target) }
        guard (try? value.attribute("__await__")) != nil else {
            throw pythonError(Py.TypeError, "An asyncio.Future, a coroutine or an awaitable is required")
        }
        let wrapper = coroutineFunction("_wrap_awaitable", PySignature(["awaitable"])) { arguments, wait in
            try wait(arguments[0])
        }
        return try createTask(try wrapper(value), loop: target)
    }

    /// A Python callable as a done callback: its failure is the loop's to report.
    func pythonCallback(_ function: PyObject, loop: AsyncLoop) -> (PyObject) -> Void {
        { future in
            do { _ = try function(future) } catch {
                loop.reportCallbackFailure(error, message: "Exception in callback \((try? function.repr()) ?? "<callback>")(\((try? future.repr()) ?? "<Future>"))")
            }
        }
    }

    // MARK: Future, Task, handles, the loop

    /// `future.__await__()`: yields the future to the task stepping this coroutine, which parks
    /// until it is done; then its result (or exception) is the `await`'s. A wait the future is
    /// labelled with is traced in the waiting task's lane.
    private func awaitFuture(_ this: PyObject) throws -> PyObject {
        let future = try Self.futureState(this)
        return PyObject.generator("__await__") { generator in
            if !future.isDone {
                future.blocking = true
                let lane = future.loop.laneOfCurrentTask
                let since = MonotonicClock.nowNanos()
                _ = try generator.yield(future.object)
                if let label = future.waitLabel {
                    let waited = Double(MonotonicClock.nowNanos() &- since) / 1e9 / RunSettings.current.timeScale
                    Trace.emit("wait", lane: lane, duration: waited, text: label)
                }
            }
            if !future.isDone { throw pythonError(Py.RuntimeError, "await wasn't used with future") }
            return try future.resultValue()
        }
    }

    private func fillFutureClass() throws {
        let state = Self.futureState
        func set(_ name: String, _ value: PyObject) throws { try futureClass.setAttribute(name, value) }
        try set("__init__", method("__init__", keywordOnly: ["loop"], keywordDefaults: ["loop": .none]) { [self] arguments in
            let future = AsyncFutureState(loop: try loopArgument(arguments[1]))
            arguments[0].setNativePayload(future)
            future.object = arguments[0]
            return .none
        })
        try set("result", method("result") { arguments in try state(arguments[0]).resultValue() })
        try set("exception", method("exception") { arguments in try state(arguments[0]).exceptionValue() })
        try set("done", method("done") { arguments in PyObject(try state(arguments[0]).isDone) })
        try set("cancelled", method("cancelled") { arguments in PyObject(try state(arguments[0]).state == .cancelled) })
        try set("cancel", method("cancel", ["msg"], defaults: [.none]) { arguments in
            PyObject(try state(arguments[0]).cancel(message: arguments[1]))
        })
        try set("set_result", method("set_result", ["result"]) { arguments in
            try state(arguments[0]).setResult(arguments[1])
            return .none
        })
        try set("set_exception", method("set_exception", ["exception"]) { arguments in
            try state(arguments[0]).setException(arguments[1])
            return .none
        })
        try set("add_done_callback", method("add_done_callback", ["fn"], keywordOnly: ["context"],
                                            keywordDefaults: ["context": .none]) { [self] arguments in
            let future = try state(arguments[0])
            future.addDoneCallback(key: arguments[1], pythonCallback(arguments[1], loop: future.loop))
            return .none
        })
        try set("remove_done_callback", method("remove_done_callback", ["fn"]) { arguments in
            PyObject(try state(arguments[0]).removeDoneCallback(arguments[1]))
        })
        try set("get_loop", method("get_loop") { [self] arguments in try loopObject(try state(arguments[0]).loop) })
        let awaitMethod = method("__await__") { [self] arguments in try awaitFuture(arguments[0]) }
        try set("__await__", awaitMethod)
        try set("__iter__", awaitMethod)
        try set("_asyncio_future_blocking", try property("_asyncio_future_blocking", get: { PyObject(try state($0).blocking) },
                                                         set: { this, value in try state(this).blocking = try value.truthy() }))
        try set("__repr__", method("__repr__") { arguments in
            let future = try state(arguments[0])
            return PyObject("<\(try Py.type(arguments[0]).attribute("__name__").toString()) \(try Self.describeState(future))>")
        })
    }

    /// `pending`, `cancelled`, `finished result=3`, `finished exception=ValueError('x')`.
    static func describeState(_ future: AsyncFutureState) throws -> String {
        switch future.state {
        case .pending: return "pending"
        case .cancelled: return "cancelled"
        case .finished:
            if let exception = future.exception { return "finished exception=\(try exception.repr())" }
            return "finished result=\(try future.result.repr())"
        }
    }

    private func fillTaskClass() throws {
        func task(_ object: PyObject) throws -> AsyncTaskState {
            guard let state = try? object.nativePayload(as: AsyncTaskState.self) else {
                throw pythonError(Py.TypeError, "expected an asyncio.Task")
            }
            return state
        }
        func set(_ name: String, _ value: PyObject) throws { try taskClass.setAttribute(name, value) }
        try set("__init__", method("__init__", ["coro"], keywordOnly: ["loop", "name", "context"],
                                   keywordDefaults: ["loop": .none, "name": .none, "context": .none]) { [self] arguments in
            let this = arguments[0]
            guard isCoroutineObject(arguments[1]) else {
                throw pythonError(Py.TypeError, "a coroutine was expected, got \(try arguments[1].repr())")
            }
            let name = arguments[3]
            let state = AsyncTaskState(loop: try loopArgument(arguments[2]), coroutine: arguments[1],
                                       name: name.isNone ? EventLoop.nextTaskName() : try name.str())
            this.setNativePayload(state)
            state.object = this
            state.schedule()
            return .none
        })
        try set("get_name", method("get_name") { arguments in PyObject(try task(arguments[0]).name) })
        try set("set_name", method("set_name", ["value"]) { arguments in
            try task(arguments[0]).name = try arguments[1].str()
            return .none
        })
        try set("get_coro", method("get_coro") { arguments in try task(arguments[0]).coroutine })
        try set("cancelling", method("cancelling") { arguments in PyObject(try task(arguments[0]).cancelsRequested) })
        try set("uncancel", method("uncancel") { arguments in PyObject(try task(arguments[0]).uncancel()) })
        try set("get_stack", method("get_stack", keywordOnly: ["limit"], keywordDefaults: ["limit": .none]) { _ in .list([]) })
        try set("print_stack", method("print_stack", keywordOnly: ["limit", "file"],
                                      keywordDefaults: ["limit": .none, "file": .none]) { _ in .none })
        try set("__repr__", method("__repr__") { arguments in
            let state = try task(arguments[0])
            let coroutineName = (state.coroutine.heap as? PyGeneratorObject)?.name ?? "coroutine"
            var text = "<Task "
            switch state.state {
            case .pending: text += "pending name=\(try PyObject(state.name).repr()) coro=<\(coroutineName)() running>"
            case .cancelled: text += "cancelled name=\(try PyObject(state.name).repr()) coro=<\(coroutineName)() done>"
            case .finished:
                text += "finished name=\(try PyObject(state.name).repr()) coro=<\(coroutineName)() done> "
                if let exception = state.exception {
                    text += "exception=\(try exception.repr())"
                } else {
                    text += "result=\(try state.result.repr())"
                }
            }
            return PyObject(text + ">")
        })
    }

    private func fillHandleClass() throws {
        func handle(_ object: PyObject) throws -> LoopHandle { try object.nativePayload(as: LoopHandle.self) }
        try handleClass.setAttribute("cancel", method("cancel") { arguments in
            try handle(arguments[0]).cancelled = true
            return .none
        })
        try handleClass.setAttribute("cancelled", method("cancelled") { arguments in PyObject(try handle(arguments[0]).cancelled) })
        try handleClass.setAttribute("when", method("when") { arguments in PyObject(try handle(arguments[0]).when) })
        try handleClass.setAttribute("__repr__", method("__repr__") { arguments in
            let handle = try handle(arguments[0])
            let kind = handle.when == 0 ? "Handle" : "TimerHandle"
            return PyObject("<\(kind)\(handle.cancelled ? " cancelled" : "") \(handle.describe())>")
        })
    }

    func handleObject(_ handle: LoopHandle) throws -> PyObject {
        let object = try newInstance(handleClass)
        object.setNativePayload(handle)
        return object
    }

    /// `callback(*args)` scheduled on the loop.
    private func scheduledCall(_ arguments: PyObject, _ function: PyObject) throws -> (describe: String, call: () throws -> Void) {
        let values = try arguments.unpackedArguments()
        let describe = "\((try? function.repr()) ?? "<callback>")(\(try values.map { try $0.repr() }.joined(separator: ", ")))"
        return (describe, { _ = try function.call(values) })
    }

    private func fillLoopClass() throws {
        let loopOf = Self.loop
        func set(_ name: String, _ value: PyObject) throws { try loopClass.setAttribute(name, value) }
        try set("run_until_complete", method("run_until_complete", ["future"]) { [self] arguments in
            let loop = try loopOf(arguments[0])
            return try loop.runUntilComplete(try ensureFuture(arguments[1], loop: loop))
        })
        try set("run_forever", method("run_forever") { arguments in
            try loopOf(arguments[0]).runForever()
            return .none
        })
        try set("stop", method("stop") { arguments in
            try loopOf(arguments[0]).stop()
            return .none
        })
        try set("close", method("close") { arguments in
            try loopOf(arguments[0]).close()
            return .none
        })
        try set("is_running", method("is_running") { arguments in PyObject(try loopOf(arguments[0]).isRunning) })
        try set("is_closed", method("is_closed") { arguments in PyObject(try loopOf(arguments[0]).isClosed) })
        try set("time", method("time") { arguments in PyObject(try loopOf(arguments[0]).time()) })
        try set("get_debug", method("get_debug") { _ in false })
        try set("set_debug", method("set_debug", ["enabled"]) { _ in .none })
        try set("create_future", method("create_future") { [self] arguments in
            try futureObject(try newFuture(try loopOf(arguments[0])))
        })
        try set("create_task", method("create_task", ["coro"], keywordOnly: ["name", "context"],
                                      keywordDefaults: ["name": .none, "context": .none]) { [self] arguments in
            try futureObject(try createTask(arguments[1], name: arguments[2], loop: try loopOf(arguments[0])))
        })
        try set("call_soon", method("call_soon", ["callback"], varargs: "args", keywordOnly: ["context"],
                                    keywordDefaults: ["context": .none]) { [self] arguments in
            let (describe, call) = try scheduledCall(arguments[2], arguments[1])
            return try handleObject(try loopOf(arguments[0]).callSoon(describe, call))
        })
        try set("call_soon_threadsafe", method("call_soon_threadsafe", ["callback"], varargs: "args", keywordOnly: ["context"],
                                               keywordDefaults: ["context": .none]) { arguments in
            let function = arguments[1]
            let values = try arguments[2].unpackedArguments()
            try loopOf(arguments[0]).callSoonThreadsafe { _ = try function.call(values) }
            return .none
        })
        try set("call_later", method("call_later", ["delay", "callback"], varargs: "args", keywordOnly: ["context"],
                                     keywordDefaults: ["context": .none]) { [self] arguments in
            let (describe, call) = try scheduledCall(arguments[3], arguments[2])
            return try handleObject(try loopOf(arguments[0]).callLater(try arguments[1].toDouble(), describe, call))
        })
        try set("call_at", method("call_at", ["when", "callback"], varargs: "args", keywordOnly: ["context"],
                                  keywordDefaults: ["context": .none]) { [self] arguments in
            let (describe, call) = try scheduledCall(arguments[3], arguments[2])
            return try handleObject(try loopOf(arguments[0]).callAt(try arguments[1].toDouble(), describe, call))
        })
        try set("run_in_executor", method("run_in_executor", ["executor", "func"], varargs: "args") { [self] arguments in
            let loop = try loopOf(arguments[0])
            return try futureObject(try runInExecutor(loop, executor: arguments[1], function: arguments[2],
                                                      arguments: try arguments[3].unpackedArguments(), keywords: []))
        })
        try set("shutdown_default_executor", coroutineFunction("shutdown_default_executor", PySignature(["self"])) { arguments, _ in
            try loopOf(arguments[0]).shutDownDefaultExecutor()
            return .none
        })
        try set("shutdown_asyncgens", coroutineFunction("shutdown_asyncgens", PySignature(["self"])) { _, _ in .none })
        try set("__repr__", method("__repr__") { arguments in
            let loop = try loopOf(arguments[0])
            return PyObject("<_UnixSelectorEventLoop running=\(loop.isRunning ? "True" : "False") closed=\(loop.isClosed ? "True" : "False") debug=False>")
        })
    }

    /// `loop.run_in_executor(executor, func, *args)`: the call runs on the executor (the loop's
    /// own `asyncio_N` pool for None); its outcome reaches the loop through `call_soon_threadsafe`.
    func runInExecutor(_ loop: AsyncLoop, executor: PyObject, function: PyObject, arguments: [PyObject],
                       keywords: [(String, PyObject)]) throws -> AsyncFutureState {
        let submitted: Future<PyObject>
        if executor.isNone {
            submitted = loop.defaultExecutor.submit { try function.call(arguments, keywords: keywords) }
        } else {
            let concurrent = try executor.attribute("submit").call([function] + arguments, keywords: keywords)
            submitted = try staticFuture(concurrent)
        }
        return try chain(submitted, loop: loop)
    }

    /// `asyncio.wrap_future`: an asyncio future that completes with a concurrent one.
    func chain(_ submitted: Future<PyObject>, loop: AsyncLoop) throws -> AsyncFutureState {
        let future = try newFuture(loop, waitLabel: "result")
        future.addDoneCallback(key: nil) { _ in
            if future.state == .cancelled { submitted.cancel() }
        }
        submitted.addDoneCallback { done in
            loop.callSoonThreadsafe {
                guard !future.isDone else { return }
                if done.cancelled {
                    future.cancel()
                } else {
                    do { try future.setResult(try done.result()) } catch {
                        try future.setException(PyException.caught(pythonException(fromStatic: error)).value)
                    }
                }
            }
        }
        return future
    }

    // MARK: The module

    func module() throws -> PyObject {
        let sleep = coroutineFunction("sleep", PySignature(["delay", "result"], defaults: [.none])) { [self] arguments, wait in
            let delay = try arguments[0].toDouble()
            let loop = try AsyncLoop.requireRunning()
            Trace.emit("sleep", lane: loop.laneOfCurrentTask, duration: max(0, delay))
            if delay <= 0 {
                _ = try wait(yieldOnce)
                return arguments[1]
            }
            let future = try newFuture(loop)
            let result = arguments[1]
            let timer = loop.callLater(delay, "sleep") { if !future.isDone { try future.setResult(result) } }
            defer { timer.cancelled = true }
            return try wait(future.object)
        }
        let run = moduleFunction("run", ["main"], keywordOnly: ["debug"], keywordDefaults: ["debug": .none]) { [self] arguments in
            try runMain(arguments[0])
        }
        let createTask = moduleFunction("create_task", ["coro"], keywordOnly: ["name", "context"],
                                        keywordDefaults: ["name": .none, "context": .none]) { [self] arguments in
            try futureObject(try self.createTask(arguments[0], name: arguments[1], loop: try AsyncLoop.requireRunning()))
        }
        let gather = moduleFunction("gather", varargs: "coros_or_futures", keywordOnly: ["return_exceptions"],
                                    keywordDefaults: ["return_exceptions": false]) { [self] arguments in
            try futureObject(try self.gather(try arguments[0].unpackedArguments(), returnExceptions: try arguments[1].truthy()))
        }
        let waitFor = coroutineFunction("wait_for", PySignature(["fut", "timeout"])) { [self] arguments, wait in
            try self.waitFor(arguments[0], timeout: arguments[1], wait: wait)
        }
        let waitFunction = coroutineFunction("wait", PySignature(["fs"], keywordOnly: ["timeout", "return_when"],
                                                                 keywordDefaults: ["timeout": .none, "return_when": "ALL_COMPLETED"])) { [self] arguments, wait in
            try self.wait(arguments[0], timeout: arguments[1], returnWhen: arguments[2], wait: wait)
        }
        let asCompleted = moduleFunction("as_completed", ["fs"], keywordOnly: ["timeout"], keywordDefaults: ["timeout": .none]) { [self] arguments in
            try self.asCompleted(arguments[0], timeout: arguments[1])
        }
        let shield = moduleFunction("shield", ["arg"]) { [self] arguments in try futureObject(try self.shield(arguments[0])) }
        let ensureFuture = moduleFunction("ensure_future", ["coro_or_future"], keywordOnly: ["loop"],
                                          keywordDefaults: ["loop": .none]) { [self] arguments in
            let loop = arguments[1].isNone ? nil : try Self.loop(arguments[1])
            return try futureObject(try self.ensureFuture(arguments[0], loop: loop))
        }
        let toThread = coroutineFunction("to_thread", PySignature(["func"], varargs: "args", varkw: "kwargs",
                                                                  positionalOnlyCount: 1)) { [self] arguments, wait in
            let loop = try AsyncLoop.requireRunning()
            let future = try runInExecutor(loop, executor: .none, function: arguments[0],
                                           arguments: try arguments[1].unpackedArguments(), keywords: try arguments[2].unpackedKeywords())
            return try wait(future.object)
        }
        let sync = try AsyncioSyncClasses(builder: self)
        let timeouts = try makeTimeoutClass()
        let getRunningLoop = moduleFunction("get_running_loop") { [self] _ in try loopObject(try AsyncLoop.requireRunning()) }
        return PyObject.module("asyncio", [
            ("run", run),
            ("sleep", sleep),
            ("create_task", createTask),
            ("ensure_future", ensureFuture),
            ("gather", gather),
            ("wait_for", waitFor),
            ("wait", waitFunction),
            ("as_completed", asCompleted),
            ("shield", shield),
            ("to_thread", toThread),
            ("timeout", moduleFunction("timeout", ["delay"]) { arguments in
                guard !arguments[0].isNone else { return try timeouts(PyObject.none) }
                let delay: Double = try arguments[0].toDouble()
                let now: Double = try AsyncLoop.requireRunning().time()
                return try timeouts(PyObject(now + delay))
            }),
            ("timeout_at", moduleFunction("timeout_at", ["when"]) { arguments in try timeouts(arguments[0]) }),
            ("Timeout", timeouts),
            ("wrap_future", moduleFunction("wrap_future", ["future"], keywordOnly: ["loop"], keywordDefaults: ["loop": .none]) { [self] arguments in
                if (try? arguments[0].nativePayload(as: AsyncFutureState.self)) != nil { return arguments[0] }
                return try futureObject(try chain(try staticFuture(arguments[0]), loop: try loopArgument(arguments[1])))
            }),
            ("get_running_loop", getRunningLoop),
            ("_get_running_loop", moduleFunction("_get_running_loop") { [self] _ in
                try AsyncLoop.runningLoop.map { try loopObject($0) } ?? .none
            }),
            ("get_event_loop", moduleFunction("get_event_loop") { [self] _ in try loopObject(try eventLoop()) }),
            ("new_event_loop", moduleFunction("new_event_loop") { [self] _ in try loopObject(try newLoop()) }),
            ("set_event_loop", moduleFunction("set_event_loop", ["loop"]) { arguments in
                let loop = arguments[0].isNone ? nil : try Self.loop(arguments[0])
                AsyncLoop.installed.withLock { $0 = loop }
                return .none
            }),
            ("current_task", moduleFunction("current_task", ["loop"], defaults: [.none]) { [self] arguments in
                let loop = arguments[0].isNone ? AsyncLoop.runningLoop : try Self.loop(arguments[0])
                guard let loop else { throw pythonError(Py.RuntimeError, "no running event loop") }
                return try loop.currentTask.map { try futureObject($0) } ?? .none
            }),
            ("all_tasks", moduleFunction("all_tasks", ["loop"], defaults: [.none]) { [self] arguments in
                let loop = arguments[0].isNone ? try AsyncLoop.requireRunning() : try Self.loop(arguments[0])
                return try .set(try loop.pendingTasks.map { try futureObject($0) })
            }),
            ("iscoroutine", moduleFunction("iscoroutine", ["obj"]) { arguments in PyObject(isCoroutineObject(arguments[0])) }),
            ("iscoroutinefunction", moduleFunction("iscoroutinefunction", ["func"]) { arguments in
                PyObject((arguments[0].heap as? PyFunction)?.kind == .coroutine)
            }),
            ("isfuture", moduleFunction("isfuture", ["obj"]) { arguments in
                PyObject((try? arguments[0].nativePayload(as: AsyncFutureState.self)) != nil)
            }),
            ("Future", futureClass),
            ("Task", taskClass),
            ("Queue", sync.queue),
            ("LifoQueue", sync.lifoQueue),
            ("PriorityQueue", sync.priorityQueue),
            ("Event", sync.event),
            ("Lock", sync.lock),
            ("Semaphore", sync.semaphore),
            ("BoundedSemaphore", sync.boundedSemaphore),
            ("Condition", sync.condition),
            ("TaskGroup", sync.taskGroup),
            ("CancelledError", AsyncioClasses.cancelledError),
            ("TimeoutError", Py.TimeoutError),
            ("InvalidStateError", AsyncioClasses.invalidStateError),
            ("QueueEmpty", AsyncioClasses.queueEmpty),
            ("QueueFull", AsyncioClasses.queueFull),
            ("FIRST_COMPLETED", "FIRST_COMPLETED"),
            ("FIRST_EXCEPTION", "FIRST_EXCEPTION"),
            ("ALL_COMPLETED", "ALL_COMPLETED"),
            ("AbstractEventLoop", loopClass),
        ])
    }

    // MARK: asyncio.run

    /// `asyncio.run(main)`: a new loop runs `main` as a task; then, as `asyncio.Runner` closes,
    /// the tasks still pending are cancelled and awaited, the default executor is shut down and
    /// the loop closed. The main thread's lane shows the whole run as one wait, as static code's.
    func runMain(_ main: PyObject) throws -> PyObject {
        if AsyncLoop.runningLoop != nil {
            throw pythonError(Py.RuntimeError, "asyncio.run() cannot be called from a running event loop")
        }
        guard isCoroutineObject(main) else {
            throw pythonError(Py.ValueError, "a coroutine was expected, got \(try main.repr())")
        }
        let start = MonotonicClock.nowNanos()
        let loop = try newLoop()
        defer {
            cancelRemainingTasks(loop)
            loop.shutDownDefaultExecutor()
            try? loop.close()
            reportUnretrievedExceptions(loop)
            traceWait("task", since: start)
        }
        let task = try createTask(main, loop: loop)
        return try loop.runUntilComplete(task)
    }

    private func cancelRemainingTasks(_ loop: AsyncLoop) {
        let remaining = loop.pendingTasks
        guard !remaining.isEmpty else { return }
        for task in remaining { task.cancel() }
        if let all = try? gather(remaining.map(\.object), returnExceptions: true, loop: loop) {
            _ = try? loop.runUntilComplete(all)
        }
        for task in remaining where task.state == .finished {
            if let exception = task.exception {
                task.retrieved = true
                loop.reportCallbackFailure(PyException.caught((try? PyException(raising: exception)) ?? PyException.caught(PythonError("RuntimeError"))),
                                           message: "unhandled exception during asyncio.run() shutdown\ntask: \((try? task.object.repr()) ?? "")")
            }
        }
    }

    /// What CPython prints when a failed task is collected without its exception having been read.
    private func reportUnretrievedExceptions(_ loop: AsyncLoop) {
        for task in loop.createdTasks where task.state == .finished && !task.retrieved {
            guard let exception = task.exception, let raised = try? PyException(raising: exception) else { continue }
            task.retrieved = true
            loop.reportCallbackFailure(raised, message: "Task exception was never retrieved\nfuture: \((try? task.object.repr()) ?? "")")
        }
    }

    // MARK: gather, wait_for, wait, as_completed, shield

    func gather(_ items: [PyObject], returnExceptions: Bool, loop given: AsyncLoop? = nil) throws -> AsyncFutureState {
        if items.isEmpty {
            let outer = try newFuture(try given ?? eventLoop(), waitLabel: "gather")
            try outer.setResult(.list([]))
            return outer
        }
        var children: [AsyncFutureState] = []
        var seen: [(PyObject, AsyncFutureState)] = []
        var loop = given
        var unique = 0
        var finished = 0
        var outerBox: AsyncFutureState?
        func childDone(_ child: AsyncFutureState) {
            finished += 1
            guard let outer = outerBox, !outer.isDone else {
                if child.state != .cancelled { child.retrieved = true }
                return
            }
            if !returnExceptions {
                if child.state == .cancelled {
                    try? outer.setException((try? child.makeCancelledError()) ?? .none)
                    return
                }
                child.retrieved = true
                if let exception = child.exception {
                    try? outer.setException(exception)
                    return
                }
            }
            guard finished == unique else { return }
            var results: [PyObject] = []
            for child in children {
                if child.state == .cancelled {
                    results.append((try? AsyncioClasses.cancelledError(child.cancelMessage.isNone ? "" : child.cancelMessage)) ?? .none)
                } else {
                    child.retrieved = true
                    results.append(child.exception ?? child.result)
                }
            }
            if outer.cancelRequested {
                try? outer.setException((try? child.makeCancelledError()) ?? .none)
            } else {
                try? outer.setResult(.list(results))
            }
        }
        for item in items {
            if let known = seen.first(where: { $0.0.isIdentical(to: item) }) {
                children.append(known.1)
                continue
            }
            let child = try ensureFuture(item, loop: loop)
            if loop == nil { loop = child.loop }
            unique += 1
            seen.append((item, child))
            child.addDoneCallback(key: nil) { _ in childDone(child) }
            children.append(child)
        }
        let outer = try newFuture(loop!, waitLabel: "gather")
        outer.gatherChildren = children
        outerBox = outer
        return outer
    }

    private func releaseWaiter(_ waiter: AsyncFutureState) {
        if !waiter.isDone { try? waiter.setResult(.none) }
    }

    /// Cancels `future` and waits until it is done, as `_cancel_and_wait` does.
    private func cancelAndWait(_ future: AsyncFutureState, loop: AsyncLoop, wait: (PyObject) throws -> PyObject) throws {
        let waiter = try newFuture(loop)
        let key = PyObject.function("_release_waiter", PySignature(varargs: "args")) { _ in .none }
        future.addDoneCallback(key: key) { [self] _ in releaseWaiter(waiter) }
        defer { _ = future.removeDoneCallback(key) }
        future.cancel()
        _ = try wait(waiter.object)
    }

    /// `asyncio.wait_for(aw, timeout)`, as 3.11 writes it.
    func waitFor(_ awaitable: PyObject, timeout: PyObject, wait: (PyObject) throws -> PyObject) throws -> PyObject {
        let loop = try AsyncLoop.requireRunning()
        if timeout.isNone { return try wait(awaitable) }
        let seconds = try timeout.toDouble()
        let future = try ensureFuture(awaitable, loop: loop)
        if seconds <= 0 {
            if future.isDone { return try future.resultValue() }
            try cancelAndWait(future, loop: loop, wait: wait)
            do { return try future.resultValue() } catch {
                let caught = PyException.caught(error)
                if AsyncioClasses.isCancelledError(caught.value) { throw try PyException(raising: try Py.TimeoutError(), cause: caught.value) }
                throw caught
            }
        }
        let waiter = try newFuture(loop)
        let timer = loop.callLater(seconds, "_release_waiter") { [self] in releaseWaiter(waiter) }
        defer { timer.cancelled = true }
        let key = PyObject.function("_release_waiter", PySignature(varargs: "args")) { _ in .none }
        future.addDoneCallback(key: key) { [self] _ in releaseWaiter(waiter) }
        do {
            _ = try wait(waiter.object)
        } catch {
            let caught = PyException.caught(error)
            guard AsyncioClasses.isCancelledError(caught.value) else { throw caught }
            if future.isDone { return try future.resultValue() }
            _ = future.removeDoneCallback(key)
            try cancelAndWait(future, loop: loop, wait: wait)
            throw caught
        }
        if future.isDone { return try future.resultValue() }
        _ = future.removeDoneCallback(key)
        try cancelAndWait(future, loop: loop, wait: wait)
        do { return try future.resultValue() } catch {
            let caught = PyException.caught(error)
            if AsyncioClasses.isCancelledError(caught.value) { throw try PyException(raising: try Py.TimeoutError(), cause: caught.value) }
            throw caught
        }
    }

    /// `await asyncio.wait(fs, timeout=…, return_when=…)` → `(done, pending)`.
    func wait(_ futures: PyObject, timeout: PyObject, returnWhen: PyObject, wait: (PyObject) throws -> PyObject) throws -> PyObject {
        if (try? futures.nativePayload(as: AsyncFutureState.self)) != nil || isCoroutineObject(futures) {
            throw pythonError(Py.TypeError, "expect a list of futures, not \(try Py.type(futures).attribute("__name__").toString())")
        }
        let items = try futures.unpackedArguments()
        if items.isEmpty { throw pythonError(Py.ValueError, "Set of Tasks/Futures is empty.") }
        let condition = try returnWhen.str()
        guard ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"].contains(condition) else {
            throw pythonError(Py.ValueError, "Invalid return_when value: \(condition)")
        }
        let loop = try AsyncLoop.requireRunning()
        var states: [AsyncFutureState] = []
        for item in items {
            let state = try ensureFuture(item, loop: loop)
            if !states.contains(where: { $0 === state }) { states.append(state) }
        }
        let waiter = try newFuture(loop)
        var timer: LoopHandle?
        if let seconds = try seconds(timeout) {
            timer = loop.callLater(seconds, "_release_waiter") { [self] in releaseWaiter(waiter) }
        }
        var counter = states.count
        let key = PyObject.function("_on_completion", PySignature(["f"])) { _ in .none }
        for state in states {
            state.addDoneCallback(key: key) { [self] _ in
                counter -= 1
                let failed = state.state == .finished && state.exception != nil
                if counter <= 0 || condition == "FIRST_COMPLETED" || (condition == "FIRST_EXCEPTION" && failed) {
                    timer?.cancelled = true
                    releaseWaiter(waiter)
                }
            }
        }
        defer {
            timer?.cancelled = true
            for state in states { _ = state.removeDoneCallback(key) }
        }
        _ = try wait(waiter.object)
        let done = try states.filter(\.isDone).map { try futureObject($0) }
        let pending = try states.filter { !$0.isDone }.map { try futureObject($0) }
        return .tuple([try .set(done), try .set(pending)])
    }

    /// `asyncio.as_completed(fs, timeout=…)`: an iterator of coroutines, each awaiting the next
    /// future to finish.
    func asCompleted(_ futures: PyObject, timeout: PyObject) throws -> PyObject {
        if (try? futures.nativePayload(as: AsyncFutureState.self)) != nil || isCoroutineObject(futures) {
            throw pythonError(Py.TypeError, "expect an iterable of futures, not \(try Py.type(futures).attribute("__name__").toString())")
        }
        let loop = try eventLoop()
        var todo: [AsyncFutureState] = []
        for item in try futures.unpackedArguments() {
            let state = try ensureFuture(item, loop: loop)
            if !todo.contains(where: { $0 === state }) { todo.append(state) }
        }
        let done = try AsyncQueueState(maxsize: 0, builder: self, loop: loop)
        var timer: LoopHandle?
        let key = PyObject.function("_on_completion", PySignature(["f"])) { _ in .none }
        for state in todo {
            state.addDoneCallback(key: key) { _ in
                guard let index = todo.firstIndex(where: { $0 === state }) else { return }
                todo.remove(at: index)
                try? done.putNowait(state.object)
                if todo.isEmpty { timer?.cancelled = true }
            }
        }
        if !todo.isEmpty, let seconds = try seconds(timeout) {
            timer = loop.callLater(seconds, "_on_timeout") {
                for state in todo {
                    _ = state.removeDoneCallback(key)
                    try? done.putNowait(.none)
                }
                todo.removeAll()
            }
        }
        let waitForOne = coroutineFunction("_wait_for_one", PySignature()) { _, wait in
            let next = try done.get(wait: wait)
            if next.isNone { throw pythonError(Py.TimeoutError) }
            return try Self.futureState(next).resultValue()
        }
        var remaining = todo.count
        return try NativeIterator.make {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return try waitForOne()
        }
    }

    func shield(_ argument: PyObject) throws -> AsyncFutureState {
        let inner = try ensureFuture(argument)
        if inner.isDone { return inner }
        let outer = try newFuture(inner.loop)
        let key = PyObject.function("_inner_done_callback", PySignature(["inner"])) { _ in .none }
        inner.addDoneCallback(key: key) { _ in
            if outer.state == .cancelled {
                if inner.state != .cancelled { inner.retrieved = true }
                return
            }
            if inner.state == .cancelled {
                outer.cancel()
            } else if let exception = inner.exception {
                inner.retrieved = true
                try? outer.setException(exception)
            } else {
                try? outer.setResult(inner.result)
            }
        }
        outer.addDoneCallback(key: nil) { _ in
            if !inner.isDone { _ = inner.removeDoneCallback(key) }
        }
        return outer
    }

    // MARK: timeout

    /// `asyncio.timeout(delay)`'s `Timeout`: on expiry it cancels the task, and its `__aexit__`
    /// turns that cancellation into `TimeoutError`.
    private func makeTimeoutClass() throws -> PyObject {
        final class TimeoutState: @unchecked Sendable {
            enum Phase { case created, entered, expiring, expired, exited }
            var phase = Phase.created
            var when: Double?
            var handle: LoopHandle?
            var task: AsyncTaskState?
            var cancelling = 0
        }
        func state(_ object: PyObject) throws -> TimeoutState { try object.nativePayload(as: TimeoutState.self) }
        func reschedule(_ timeout: TimeoutState, _ when: Double?) throws {
            guard timeout.phase == .entered else {
                throw pythonError(Py.RuntimeError, "Cannot change state of \(timeout.phase == .created ? "created" : "finished") Timeout")
            }
            timeout.when = when
            timeout.handle?.cancelled = true
            timeout.handle = nil
            guard let when, let task = timeout.task else { return }
            let expire = {
                task.cancel()
                timeout.phase = .expiring
                timeout.handle = nil
            }
            let loop = task.loop
            timeout.handle = when <= loop.time() ? loop.callSoon("_on_timeout", expire) : loop.callAt(when, "_on_timeout", expire)
        }
        return try moduleClass("Timeout", module: "asyncio.timeouts") { namespace in
            namespace["__init__"] = method("__init__", ["when"]) { arguments in
                let timeout = TimeoutState()
                timeout.when = arguments[1].isNone ? nil : try arguments[1].toDouble()
                arguments[0].setNativePayload(timeout)
                return .none
            }
            namespace["when"] = method("when") { arguments in try state(arguments[0]).when.map { PyObject($0) } ?? .none }
            namespace["reschedule"] = method("reschedule", ["when"]) { arguments in
                try reschedule(try state(arguments[0]), arguments[1].isNone ? nil : try arguments[1].toDouble())
                return .none
            }
            namespace["expired"] = method("expired") { arguments in
                let phase = try state(arguments[0]).phase
                return PyObject(phase == .expiring || phase == .expired)
            }
            namespace["__aenter__"] = coroutineFunction("__aenter__", PySignature(["self"])) { arguments, _ in
                let timeout = try state(arguments[0])
                guard let task = try AsyncLoop.requireRunning().currentTask else {
                    throw pythonError(Py.RuntimeError, "Timeout should be used inside a task")
                }
                timeout.phase = .entered
                timeout.task = task
                timeout.cancelling = task.cancelsRequested
                try reschedule(timeout, timeout.when)
                return arguments[0]
            }
            namespace["__aexit__"] = coroutineFunction("__aexit__", PySignature(["self", "exc_type", "exc_val", "exc_tb"])) { arguments, _ in
                let timeout = try state(arguments[0])
                timeout.handle?.cancelled = true
                timeout.handle = nil
                if timeout.phase == .expiring {
                    timeout.phase = .expired
                    if let task = timeout.task, task.uncancel() <= timeout.cancelling,
                       !arguments[1].isNone, arguments[1].isIdentical(to: AsyncioClasses.cancelledError) {
                        throw try PyException(raising: try Py.TimeoutError(), cause: arguments[2])
                    }
                } else if timeout.phase == .entered {
                    timeout.phase = .exited
                }
                return .none
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let timeout = try state(arguments[0])
                let phase: String
                switch timeout.phase {
                case .created: phase = "created"
                case .entered: phase = "active"
                case .expiring: phase = "expiring"
                case .expired: phase = "expired"
                case .exited: phase = "finished"
                }
                let when = timeout.phase == .entered ? " when=\(timeout.when.map { String($0) } ?? "None")" : ""
                return PyObject("<Timeout [\(phase)]\(when)>")
            }
        }
    }
}
