/// A `with self.subTest(...)` block in progress.
final class SubTestState: @unchecked Sendable {
    let test: PyObject, message: PyObject, params: PyObject
    /// Outside `run()`, or with a result that has no `addSubTest`, the block runs as plain code.
    var plain = false
    var outcome: UnittestOutcome?
    var parent = PyObject.none
    var subTest = PyObject.none
    var previousSuccess = true

    init(test: PyObject, message: PyObject, params: PyObject) {
        self.test = test
        self.message = message
        self.params = params
    }
}

/// The context managers a test body uses besides `assertRaises`: `subTest()`, whose failures are
/// recorded against the subtest while the test goes on, and `assertLogs()`/`assertNoLogs()`, which
/// capture a logger's records for the block.
extension UnittestModule {
    /// The context manager `subTest()` returns: CPython's generator-based one, written out. A
    /// failure inside is recorded against the subtest and swallowed, so the test goes on.
    static func subTestContextClass() throws -> PyObject {
        try PyObject.makeClass("_SubTestContext") { namespace in
            namespace["__module__"] = "unittest.case"
            namespace["__enter__"] = method("__enter__") { arguments in
                let state = try arguments[0].nativePayload(as: SubTestState.self)
                let test = state.test
                guard let outcome = outcome(of: test), outcome.supportsSubtests else {
                    state.plain = true
                    return .none
                }
                state.outcome = outcome
                state.parent = try test.attribute("_subtest")
                let params = try PyObject.dict(try state.params.callMethod("items").collect().map { try $0.unpack2() })
                if !state.parent.isNone {
                    for pair in try state.parent.attribute("params").callMethod("items").collect() {
                        let (key, value) = try pair.unpack2()
                        if try !params.contains(key) { try params.setItem(key, value) }
                    }
                }
                state.subTest = try classes.subTest(test, state.message, params)
                try test.setAttribute("_subtest", state.subTest)
                state.previousSuccess = outcome.success
                outcome.success = true
                return .none
            }
            namespace["__exit__"] = method("__exit__", ["exc_type", "exc_value", "traceback"]) { arguments in
                let state = try arguments[0].nativePayload(as: SubTestState.self)
                guard !state.plain, let outcome = state.outcome else { return false }
                defer { try? state.test.setAttribute("_subtest", state.parent) }
                var value = arguments[2]
                if value.isNone && !arguments[1].isNone { value = try arguments[1]() }
                do {
                    defer { outcome.success = outcome.success && state.previousSuccess }
                    if value.isNone {
                        if outcome.success { try outcome.result.callMethod("addSubTest", [state.test, state.subTest, .none]) }
                    } else {
                        try recordEnding(outcome, state.subTest, isSubTest: true, PyException(instance: value))
                    }
                }
                if !outcome.success {
                    if try !outcome.result.isNone && outcome.result.attribute("failfast").truthy() {
                        try raise(classes.shouldStop, .none)
                    }
                } else if outcome.expectedFailure != nil {
                    try raise(classes.shouldStop, .none)
                }
                return PyObject(!value.isNone)
            }
        }
    }

    static func subTestClass() throws -> PyObject {
        func description(_ this: PyObject) throws -> String {
            var parts: [String] = []
            let message = try this.attribute("_message")
            if !message.isIdentical(to: classes.subTestMessageSentinel) { parts.append("[\(try message.str())]") }
            let params = try this.attribute("params")
            if try params.truthy() {
                let pairs = try params.callMethod("items").collect().map { pair -> String in
                    let (key, value) = try pair.unpack2()
                    return "\(try key.str())=\(try value.repr())"
                }
                parts.append("(\(pairs.joined(separator: ", ")))")
            }
            return parts.isEmpty ? "(<subtest>)" : parts.joined(separator: " ")
        }
        return try PyObject.makeClass("_SubTest", bases: [classes.testCase]) { namespace in
            namespace["__module__"] = "unittest.case"
            namespace["__init__"] = method("__init__", ["test_case", "message", "params"]) { arguments in
                let this = arguments[0]
                try initialize(this, methodName: "runTest")
                try this.setAttribute("_message", arguments[2])
                try this.setAttribute("test_case", arguments[1])
                try this.setAttribute("params", arguments[3])
                try this.setAttribute("failureException", try arguments[1].attribute("failureException"))
                return .none
            }
            namespace["runTest"] = method("runTest") { _ in
                throw PyException.make(PyClass.exceptionClass(named: "NotImplementedError"), "subtests cannot be run directly")
            }
            namespace["_subDescription"] = method("_subDescription") { arguments in PyObject(try description(arguments[0])) }
            namespace["id"] = method("id") { arguments in
                PyObject("\(try arguments[0].attribute("test_case").callMethod("id").str()) \(try description(arguments[0]))")
            }
            namespace["shortDescription"] = method("shortDescription") { arguments in
                try arguments[0].attribute("test_case").callMethod("shortDescription")
            }
            namespace["__str__"] = method("__str__") { arguments in
                PyObject("\(try arguments[0].attribute("test_case").str()) \(try description(arguments[0]))")
            }
        }
    }

    /// What `assertLogs` hands the block: `records` and their formatted `output`, CPython's
    /// `_LoggingWatcher`; made with the logging classes on first use.
    static func logsContextClass() throws -> PyObject {
        if !classes.assertLogsContext.isNone { return classes.assertLogsContext }
        let logging = try Py.importModule("logging")
        let watcher = try CollectionsModule.namedtuple("_LoggingWatcher", .list(["records", "output"]), rename: false, defaults: .none,
                                                       module: "unittest._log")
        let capturing = try PyObject.makeClass("_CapturingHandler", bases: [try logging.attribute("Handler")]) { namespace in
            namespace["__module__"] = "unittest._log"
            namespace["__init__"] = method("__init__") { arguments in
                try logging.attribute("Handler").attribute("__init__").call([arguments[0]])
                try arguments[0].setAttribute("watcher", try watcher(PyObject.list([]), PyObject.list([])))
                return .none
            }
            namespace["flush"] = method("flush") { _ in .none }
            namespace["emit"] = method("emit", ["record"]) { arguments in
                let this = arguments[0], seen = try this.attribute("watcher")
                try seen.attribute("records").callMethod("append", [arguments[1]])
                try seen.attribute("output").callMethod("append", [try this.callMethod("format", [arguments[1]])])
                return .none
            }
        }
        func raiseFailure(_ this: PyObject, _ standard: String) throws -> Never {
            let test = try this.attribute("test_case")
            try raise(try test.attribute("failureException"), try test.callMethod("_formatMessage", [try this.attribute("msg"), PyObject(standard)]))
        }
        let context = try PyObject.makeClass("_AssertLogsContext") { namespace in
            namespace["__module__"] = "unittest._log"
            namespace["LOGGING_FORMAT"] = "%(levelname)s:%(name)s:%(message)s"
            namespace["__init__"] = method("__init__", ["test_case", "logger_name", "level", "no_logs"]) { arguments in
                let this = arguments[0], level = arguments[3]
                try this.setAttribute("test_case", arguments[1])
                try this.setAttribute("logger_name", arguments[2])
                let known = try logging.callMethod("getLevelNamesMapping")
                try this.setAttribute("level", try level.truthy() ? try known.callMethod("get", [level, level]) : try logging.attribute("INFO"))
                try this.setAttribute("msg", .none)
                try this.setAttribute("no_logs", arguments[4])
                return .none
            }
            namespace["__enter__"] = method("__enter__") { arguments in
                let this = arguments[0], name = try this.attribute("logger_name")
                let logger = try Py.isInstance(name, try logging.attribute("Logger")) ? name : try logging.callMethod("getLogger", [name])
                try this.setAttribute("logger", logger)
                let handler = try capturing()
                try handler.callMethod("setLevel", [try this.attribute("level")])
                try handler.callMethod("setFormatter", [try logging.attribute("Formatter")(try this.attribute("LOGGING_FORMAT"))])
                try this.setAttribute("watcher", try handler.attribute("watcher"))
                try this.setAttribute("old_handlers", try logger.attribute("handlers").item(.slice(nil, nil)))
                try this.setAttribute("old_level", try logger.attribute("level"))
                try this.setAttribute("old_propagate", try logger.attribute("propagate"))
                try logger.setAttribute("handlers", .list([handler]))
                try logger.callMethod("setLevel", [try this.attribute("level")])
                try logger.setAttribute("propagate", false)
                return try this.attribute("no_logs").truthy() ? .none : try this.attribute("watcher")
            }
            namespace["__exit__"] = method("__exit__", ["exc_type", "exc_value", "tb"]) { arguments in
                let this = arguments[0], logger = try this.attribute("logger")
                try logger.setAttribute("handlers", try this.attribute("old_handlers"))
                try logger.setAttribute("propagate", try this.attribute("old_propagate"))
                try logger.callMethod("setLevel", [try this.attribute("old_level")])
                if !arguments[1].isNone { return false }
                let seen = try this.attribute("watcher")
                let count = try Py.len(seen.attribute("records")).toInt()
                if try this.attribute("no_logs").truthy() {
                    if count > 0 { try raiseFailure(this, "Unexpected logs found: \(try seen.attribute("output").repr())") }
                } else if count == 0 {
                    let level = try logging.callMethod("getLevelName", [try this.attribute("level")]).str()
                    try raiseFailure(this, "no logs of level \(level) or higher triggered on \(try logger.attribute("name").str())")
                }
                return .none
            }
        }
        classes.assertLogsContext = context
        return context
    }

    static func logAssertions() -> [(String, PyObject)] {
        [false, true].map { noLogs in
            let name = noLogs ? "assertNoLogs" : "assertLogs"
            return (name, method(name, ["logger", "level"], defaults: [.none, .none]) { arguments in
                try logsContextClass()(arguments[0], arguments[1], arguments[2], PyObject(noLogs))
            })
        }
    }
}
