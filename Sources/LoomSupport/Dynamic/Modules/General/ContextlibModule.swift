/// `contextlib`: `contextmanager`, `suppress`, `ExitStack`, `nullcontext`, `closing`,
/// `AbstractContextManager` and `ContextDecorator`, with CPython's RuntimeErrors for generators
/// that do not yield once.
enum ContextlibModule {
    static let name = "contextlib"

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    static func runtimeError(_ message: String) -> PyException { PyException.make(PyClass.runtimeError, message) }

    static func generatorContextManager() throws -> PyObject {
        try PyObject.makeClass("_GeneratorContextManager") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__init__"] = method("__init__", ["func", "args", "kwds"]) { arguments in
                let this = arguments[0]
                try this.setAttribute("func", arguments[1])
                try this.setAttribute("args", arguments[2])
                try this.setAttribute("kwds", arguments[3])
                try this.setAttribute("gen", try arguments[1].call(try arguments[2].collect(), keywords: try arguments[3].unpackedKeywords()))
                return .none
            }
            namespace["__enter__"] = method("__enter__") { arguments in
                let generator = try arguments[0].attribute("gen")
                guard let value = try PyObject.nextOf(generator) else { throw runtimeError("generator didn't yield") }
                return value
            }
            namespace["__exit__"] = method("__exit__", ["typ", "value", "traceback"]) { arguments in
                let generator = try arguments[0].attribute("gen")
                let type = arguments[1]
                if type.isNone {
                    if try PyObject.nextOf(generator) == nil { return false }
                    throw runtimeError("generator didn't stop")
                }
                var value = arguments[2]
                if value.isNone { value = try type() }
                do {
                    _ = try generator.callMethod("throw", [value])
                } catch {
                    let caught = PyException.caught(error)
                    if caught.isInstance(of: PyClass.stopIteration) { return PyObject(!caught.value.isIdentical(to: value)) }
                    if caught.value.isIdentical(to: value) { return false }
                    if caught.isInstance(of: PyClass.runtimeError), caught.cause.isIdentical(to: value) { return false }
                    throw caught
                }
                throw runtimeError("generator didn't stop after throw()")
            }
            namespace["__call__"] = method("__call__", ["func"]) { arguments in
                let this = arguments[0], function = arguments[1]
                let wrapper = PyObject.function(try function.attribute("__name__").toString(), PySignature([], varargs: "args", varkw: "kwds")) { inner in
                    let manager = try PyObject(this.pyType)(try this.attribute("func"), try this.attribute("args"), try this.attribute("kwds"))
                    return try withManager(manager) { try function.call(try inner[0].collect(), keywords: try inner[1].unpackedKeywords()) }
                }
                return try FunctoolsModule.update(wrapper, from: function, assigned: FunctoolsModule.wrapperAssignments, updated: ["__dict__"])
            }
        }
    }

    /// `with manager: body()` as the runtime runs it: `__exit__` sees the exception and may swallow it.
    static func withManager(_ manager: PyObject, _ body: () throws -> PyObject) throws -> PyObject {
        _ = try manager.callMethod("__enter__")
        let result: PyObject
        do {
            result = try body()
        } catch {
            let caught = PyException.caught(error)
            if try manager.callMethod("__exit__", [PyObject(caught.value.pyType), caught.value, .none]).truthy() { return .none }
            throw caught
        }
        _ = try manager.callMethod("__exit__", [.none, .none, .none])
        return result
    }

    static func build() throws -> PyObject {
        let managerClass = try generatorContextManager()
        let contextmanager = PyObject.moduleFunction(name, "contextmanager", PySignature(["func"])) { arguments in
            let function = arguments[0]
            let helper = PyObject.function(try function.attribute("__name__").toString(), PySignature([], varargs: "args", varkw: "kwds")) { inner in
                try managerClass(function, inner[0], inner[1])
            }
            return try FunctoolsModule.update(helper, from: function, assigned: FunctoolsModule.wrapperAssignments, updated: ["__dict__"])
        }
        let suppress = try PyObject.makeClass("suppress") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__init__"] = method("__init__", varargs: "exceptions") { arguments in
                try arguments[0].setAttribute("_exceptions", arguments[1])
                return .none
            }
            namespace["__enter__"] = method("__enter__") { _ in .none }
            namespace["__exit__"] = method("__exit__", ["exctype", "excinst", "exctb"]) { arguments in
                guard let type = arguments[1].heap as? PyClass else { return false }
                for candidate in try arguments[0].attribute("_exceptions").collect() {
                    if let wanted = candidate.heap as? PyClass, type.isSubclass(of: wanted) { return true }
                }
                return false
            }
        }
        let nullcontext = try PyObject.makeClass("nullcontext") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__init__"] = method("__init__", ["enter_result"], defaults: [.none]) { arguments in
                try arguments[0].setAttribute("enter_result", arguments[1])
                return .none
            }
            namespace["__enter__"] = method("__enter__") { arguments in try arguments[0].attribute("enter_result") }
            namespace["__exit__"] = method("__exit__", varargs: "excinfo") { _ in .none }
        }
        let closing = try PyObject.makeClass("closing") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__init__"] = method("__init__", ["thing"]) { arguments in
                try arguments[0].setAttribute("thing", arguments[1])
                return .none
            }
            namespace["__enter__"] = method("__enter__") { arguments in try arguments[0].attribute("thing") }
            namespace["__exit__"] = method("__exit__", varargs: "excinfo") { arguments in
                try arguments[0].attribute("thing").callMethod("close")
                return .none
            }
        }
        let abstract = try PyObject.makeClass("AbstractContextManager") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__enter__"] = method("__enter__") { arguments in arguments[0] }
            namespace["__exit__"] = method("__exit__", ["exc_type", "exc_value", "traceback"]) { _ in .none }
        }
        let decorator = try PyObject.makeClass("ContextDecorator") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__call__"] = method("__call__", ["func"]) { arguments in
                let this = arguments[0], function = arguments[1]
                let wrapper = PyObject.function(try function.attribute("__name__").toString(), PySignature([], varargs: "args", varkw: "kwds")) { inner in
                    try withManager(this) { try function.call(try inner[0].collect(), keywords: try inner[1].unpackedKeywords()) }
                }
                return try FunctoolsModule.update(wrapper, from: function, assigned: FunctoolsModule.wrapperAssignments, updated: ["__dict__"])
            }
        }
        return buildModule(name, [
            ("contextmanager", contextmanager), ("suppress", suppress), ("nullcontext", nullcontext), ("closing", closing),
            ("ExitStack", try exitStackClass()), ("AbstractContextManager", abstract), ("ContextDecorator", decorator),
            ("redirect_stdout", OutsideSurface.refusal(name, "redirect_stdout", "replaces the process's standard output")),
            ("redirect_stderr", OutsideSurface.refusal(name, "redirect_stderr", "replaces the process's standard error")),
        ])
    }

    static func exitStackClass() throws -> PyObject {
        func callbacks(_ this: PyObject) throws -> PyObject { try this.attribute("_exit_callbacks") }
        return try PyObject.makeClass("ExitStack") { namespace in
            namespace["__module__"] = "contextlib"
            namespace["__init__"] = method("__init__") { arguments in
                try arguments[0].setAttribute("_exit_callbacks", .list([]))
                return .none
            }
            namespace["__enter__"] = method("__enter__") { arguments in arguments[0] }
            namespace["enter_context"] = method("enter_context", ["cm"]) { arguments in
                let manager = arguments[1]
                guard manager.pyType.lookup("__enter__") != nil, let exit = manager.pyType.lookup("__exit__") else {
                    throw PyException.typeError("'\(manager.pyType.module == "builtins" ? manager.typeName : "\(manager.pyType.module).\(manager.pyType.qualname)")' object does not support the context manager protocol")
                }
                let result = try manager.callMethod("__enter__")
                try callbacks(arguments[0]).callMethod("append", [.tuple([true, try PyObject.bindDescriptor(exit, instance: manager, owner: manager.pyType)])])
                return result
            }
            namespace["push"] = method("push", ["exit"]) { arguments in
                let given = arguments[1]
                let exit = try given.findAttribute("__exit__") ?? given
                try callbacks(arguments[0]).callMethod("append", [.tuple([true, exit])])
                return given
            }
            namespace["callback"] = method("callback", ["callback"], varargs: "args", varkw: "kwds") { arguments in
                let function = arguments[1], positional = arguments[2], keywords = arguments[3]
                let wrapper = PyObject.function("_exit_wrapper", PySignature([], varargs: "exc_details")) { _ in
                    _ = try function.call(try positional.collect(), keywords: try keywords.unpackedKeywords())
                    return .none
                }
                try wrapper.setAttribute("__wrapped__", function)
                try callbacks(arguments[0]).callMethod("append", [.tuple([false, wrapper])])
                return function
            }
            namespace["pop_all"] = method("pop_all") { arguments in
                let fresh = try PyObject(arguments[0].pyType)()
                try fresh.setAttribute("_exit_callbacks", try callbacks(arguments[0]))
                try arguments[0].setAttribute("_exit_callbacks", .list([]))
                return fresh
            }
            namespace["close"] = method("close") { arguments in
                _ = try arguments[0].callMethod("__exit__", [.none, .none, .none])
                return .none
            }
            namespace["__exit__"] = method("__exit__", varargs: "exc_details") { arguments in
                let this = arguments[0]
                var details = try arguments[1].collect()
                while details.count < 3 { details.append(.none) }
                var pending: PyException? = details[1].isNone ? nil : try PyException(raising: details[1])
                let received = pending != nil
                var suppressed = false
                let stack = try callbacks(this)
                while try stack.truthy() {
                    let entry = try stack.callMethod("pop")
                    let (_, callback) = try entry.unpack2()
                    let current = pending.map { [PyObject($0.value.pyType), $0.value, PyObject.none] } ?? [.none, .none, .none]
                    do {
                        if try callback.call(current).truthy() {
                            pending = nil
                            suppressed = true
                        }
                    } catch {
                        let caught = PyException.caught(error)
                        if let previous = pending, let state = caught.state, state.context.isNone || !caught.value.isIdentical(to: previous.value) {
                            if !caught.value.isIdentical(to: previous.value) { state.context = previous.value }
                        }
                        pending = caught
                        suppressed = false
                    }
                }
                if let pending {
                    if received, details[1].isIdentical(to: pending.value) { return false }
                    throw pending
                }
                return PyObject(received && suppressed)
            }
        }
    }
}
