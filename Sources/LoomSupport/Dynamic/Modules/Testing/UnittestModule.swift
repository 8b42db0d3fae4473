/// `unittest` as CPython 3.11's for what a note observes: `TestCase` with its fixtures and cleanups,
/// the skip decorators and `FunctionTestCase` here; assertions, subtests and `assertLogs`, results
/// and the runner, suites and the loader, and `main` in the other `Unittest*.swift` files.
enum UnittestModule {
    static let name = "unittest"

    /// The module's classes, made once by `build()` (under the import lock) and read by the
    /// methods that make or recognise instances of one another.
    final class Classes: @unchecked Sendable {
        var skipTest = PyObject.none
        var shouldStop = PyObject.none
        var testCase = PyObject.none
        var subTest = PyObject.none
        var subTestContext = PyObject.none
        var assertRaisesContext = PyObject.none
        /// Made on the first `assertLogs`, which imports `logging`.
        var assertLogsContext = PyObject.none
        var testResult = PyObject.none
        var textTestResult = PyObject.none
        var textTestRunner = PyObject.none
        var testSuite = PyObject.none
        var errorHolder = PyObject.none
        var failedTest = PyObject.none
        var functionTestCase = PyObject.none
        /// `subTest()`'s default message, told apart from an explicit `None`.
        var subTestMessageSentinel = PyObject.none
    }
    static let classes = Classes()

    /// Every `TestCase` subclass made so far, oldest first. A note's classes live in Swift
    /// variables rather than in a `__main__` namespace, so `main()` finds them here.
    static let definedCases = Locked<[PyClass]>([])

    static func build() throws -> PyObject {
        classes.subTestMessageSentinel = try Py.object()
        classes.skipTest = try PyObject.makeClass("SkipTest", bases: [Py.Exception]) { namespace in
            namespace["__module__"] = "unittest.case"
        }
        classes.shouldStop = try PyObject.makeClass("_ShouldStop", bases: [Py.Exception]) { namespace in
            namespace["__module__"] = "unittest.case"
        }
        classes.assertRaisesContext = try assertRaisesContextClass()
        classes.subTestContext = try subTestContextClass()
        classes.testCase = try testCaseClass()
        classes.subTest = try subTestClass()
        classes.functionTestCase = try functionTestCaseClass()
        classes.testResult = try UnittestRunner.testResultClass()
        classes.textTestResult = try UnittestRunner.textTestResultClass()
        classes.textTestRunner = try UnittestRunner.textTestRunnerClass()
        let baseSuite = try UnittestLoader.baseTestSuiteClass()
        classes.testSuite = try UnittestLoader.testSuiteClass(base: baseSuite)
        classes.errorHolder = try UnittestLoader.errorHolderClass()
        classes.failedTest = try UnittestLoader.failedTestClass()
        let loader = try UnittestLoader.testLoaderClass()
        let defaultLoader = try loader()
        let program = try UnittestLoader.testProgramClass(defaultLoader: defaultLoader)
        let moduleAttribute = PyObject.moduleFunction(name, "__getattr__", PySignature(["name"])) { arguments in
            let attribute = try arguments[0].toString()
            // `unittest.mock` is a submodule of its own, imported on first use as CPython binds it.
            if attribute == "mock" { return try Py.importModule("unittest.mock") }
            throw PyException.make(PyClass.attributeError, "module 'unittest' has no attribute '\(attribute)'")
        }
        return buildModule(name, [
            ("TestCase", classes.testCase), ("FunctionTestCase", classes.functionTestCase), ("SkipTest", classes.skipTest),
            ("skip", skipFunction()), ("skipIf", conditionalSkip("skipIf", when: true)),
            ("skipUnless", conditionalSkip("skipUnless", when: false)), ("expectedFailure", expectedFailureFunction()),
            ("TestResult", classes.testResult), ("TextTestResult", classes.textTestResult),
            ("TextTestRunner", classes.textTestRunner),
            ("BaseTestSuite", baseSuite), ("TestSuite", classes.testSuite),
            ("TestLoader", loader), ("defaultTestLoader", defaultLoader),
            ("makeSuite", UnittestLoader.makeSuiteFunction(loader)), ("getTestCaseNames", UnittestLoader.getTestCaseNamesFunction(loader)),
            ("TestProgram", program), ("main", program),
            ("__getattr__", moduleAttribute),
        ])
    }

    // MARK: What the classes share

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, positionalOnly: Int = 0, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw,
                                            positionalOnlyCount: positionalOnly), body)
    }

    static func classMethod(_ name: String, _ parameters: [String] = [], varargs: String? = nil, varkw: String? = nil,
                            positionalOnly: Int = 0, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject(PyMethodWrapper(.classMethod, PyObject.function(name, PySignature(["cls"] + parameters, varargs: varargs, varkw: varkw,
                                                                                   positionalOnlyCount: positionalOnly), body)))
    }

    static func isInstance(_ value: PyObject, _ type: PyObject) -> Bool {
        guard let type = type.heap as? PyClass else { return false }
        return value.pyType.isSubclass(of: type)
    }

    /// `getattr(value, name, None)`: nil for a missing attribute, also when a `__getattr__`
    /// says so by raising AttributeError.
    static func attributeOrNil(_ value: PyObject, _ name: String) throws -> PyObject? {
        do {
            return try value.findAttribute(name)
        } catch let error as PyException where error.isInstance(of: PyClass.attributeError) {
            return nil
        }
    }

    /// `getattr(value, name, False)` read as a bool.
    static func flag(_ value: PyObject, _ name: String) throws -> Bool {
        try attributeOrNil(value, name)?.truthy() ?? false
    }

    /// `unittest.util.strclass`: `module.qualname`.
    static func qualifiedName(_ type: PyObject) throws -> String {
        "\(try type.attribute("__module__").str()).\(try type.attribute("__qualname__").str())"
    }

    /// `sys.exc_info()` for a caught exception; no traceback objects exist in this runtime.
    static func exceptionInfo(_ caught: PyException) -> PyObject {
        .tuple([PyObject(caught.value.pyType), caught.value, .none])
    }

    static func raise(_ type: PyObject, _ message: PyObject) throws -> Never {
        throw try PyException(raising: try type.call([message]))
    }

    /// `raise self.failureException(self._formatMessage(msg, standard))`.
    static func fail(_ test: PyObject, _ message: PyObject, _ standard: String) throws -> Never {
        let text = try test.callMethod("_formatMessage", [message, PyObject(standard)])
        try raise(try test.attribute("failureException"), text)
    }

    // MARK: Decorators

    /// Marks a test or class skipped; a function is replaced by one that raises `SkipTest`.
    static func skipped(_ item: PyObject, reason: PyObject) throws -> PyObject {
        var target = item
        if !(item.heap is PyClass) {
            let wrapper = PyObject.function("skip_wrapper", PySignature([], varargs: "args", varkw: "kwargs")) { _ in
                try raise(classes.skipTest, reason)
            }
            target = try FunctoolsModule.update(wrapper, from: item, assigned: FunctoolsModule.wrapperAssignments, updated: ["__dict__"])
        }
        try target.setAttribute("__unittest_skip__", true)
        try target.setAttribute("__unittest_skip_why__", reason)
        return target
    }

    static func skipDecorator(_ reason: PyObject) -> PyObject {
        PyObject.function("decorator", PySignature(["test_item"])) { arguments in try skipped(arguments[0], reason: reason) }
    }

    static func skipFunction() -> PyObject {
        PyObject.moduleFunction(name, "skip", PySignature(["reason"])) { arguments in
            // `@unittest.skip` without a reason decorates the function itself.
            if arguments[0].heap is PyFunction { return try skipped(arguments[0], reason: "") }
            return skipDecorator(arguments[0])
        }
    }

    static func conditionalSkip(_ function: String, when skipWhenTrue: Bool) -> PyObject {
        PyObject.moduleFunction(name, function, PySignature(["condition", "reason"])) { arguments in
            if try arguments[0].truthy() == skipWhenTrue { return skipDecorator(arguments[1]) }
            return PyObject.function("_id", PySignature(["obj"])) { inner in inner[0] }
        }
    }

    static func expectedFailureFunction() -> PyObject {
        PyObject.moduleFunction(name, "expectedFailure", PySignature(["test_item"])) { arguments in
            try arguments[0].setAttribute("__unittest_expecting_failure__", true)
            return arguments[0]
        }
    }
}

/// What `TestCase.run` knows while a test runs (CPython's `_Outcome`): whether the current part
/// succeeded, and the error an expected failure caught.
final class UnittestOutcome: @unchecked Sendable {
    let result: PyObject
    let supportsSubtests: Bool
    var success = true
    var expectingFailure = false
    var expectedFailure: PyObject?

    init(result: PyObject) throws {
        self.result = result
        supportsSubtests = try !result.isNone && UnittestModule.attributeOrNil(result, "addSubTest") != nil
    }
}

extension UnittestModule {
    static func outcome(of test: PyObject) -> UnittestOutcome? {
        (test.heap as? PyInstance)?.payload as? UnittestOutcome
    }

    static func setOutcome(_ test: PyObject, _ outcome: UnittestOutcome?) {
        (test.heap as? PyInstance)?.payload = outcome
    }

    /// `_Outcome.testPartExecutor`: runs one part (setUp, the test, tearDown, a cleanup, a subtest's
    /// body) and records how it ended; only KeyboardInterrupt escapes.
    static func runPart(_ outcome: UnittestOutcome, _ test: PyObject, isSubTest: Bool = false, _ body: () throws -> Void) throws {
        let previous = outcome.success
        outcome.success = true
        defer { outcome.success = outcome.success && previous }
        do {
            try body()
        } catch {
            try recordEnding(outcome, test, isSubTest: isSubTest, PyException.caught(error))
            return
        }
        if isSubTest && outcome.success {
            try outcome.result.callMethod("addSubTest", [try test.attribute("test_case"), test, .none])
        }
    }

    static func recordEnding(_ outcome: UnittestOutcome, _ test: PyObject, isSubTest: Bool, _ caught: PyException) throws {
        if caught.isInstance(of: PyClass.exceptionClass(named: "KeyboardInterrupt")) { throw caught }
        if isInstance(caught.value, classes.skipTest) {
            outcome.success = false
            try addSkip(outcome.result, test, PyObject(try caught.value.str()))
            return
        }
        if isInstance(caught.value, classes.shouldStop) { return }
        let info = exceptionInfo(caught)
        if outcome.expectingFailure {
            outcome.expectedFailure = info
            return
        }
        outcome.success = false
        if isSubTest {
            try outcome.result.callMethod("addSubTest", [try test.attribute("test_case"), test, info])
        } else {
            try addError(outcome.result, test, info)
        }
    }

    static func addSkip(_ result: PyObject, _ test: PyObject, _ reason: PyObject) throws {
        guard !result.isNone else { return }
        if let add = try attributeOrNil(result, "addSkip") { try add(test, reason) } else { try result.callMethod("addSuccess", [test]) }
    }

    /// A failure when the exception is the test's `failureException`, else an error.
    static func addError(_ result: PyObject, _ test: PyObject, _ info: PyObject) throws {
        guard !result.isNone else { return }
        let type = try info.item(0)
        let failure = try test.attribute("failureException")
        guard let raised = type.heap as? PyClass else { return }
        let isFailure = try Py.isSubclass(raised, failure)
        try result.callMethod(isFailure ? "addFailure" : "addError", [test, info])
    }

    /// `TestCase.run(result)`.
    static func run(_ test: PyObject, _ given: PyObject) throws -> PyObject {
        var result = given
        var stopTestRun: PyObject?
        if result.isNone {
            result = try test.callMethod("defaultTestResult")
            if let start = try attributeOrNil(result, "startTestRun") { try start() }
            stopTestRun = try attributeOrNil(result, "stopTestRun")
        }
        try result.callMethod("startTest", [test])
        var failure: (any Error)?
        do {
            try runMethod(test, result)
        } catch {
            failure = error
        }
        try result.callMethod("stopTest", [test])
        if let stopTestRun { try stopTestRun() }
        if let failure { throw failure }
        return result
    }

    private static func runMethod(_ test: PyObject, _ result: PyObject) throws {
        let method = try test.attribute(try test.attribute("_testMethodName").toString())
        let type = PyObject(test.pyType)
        if try flag(type, "__unittest_skip__") || flag(method, "__unittest_skip__") {
            var why = try attributeOrNil(type, "__unittest_skip_why__") ?? ""
            if try !why.truthy() { why = try attributeOrNil(method, "__unittest_skip_why__") ?? "" }
            try addSkip(result, test, why)
            return
        }
        let expectingFailure = try flag(test, "__unittest_expecting_failure__") || flag(method, "__unittest_expecting_failure__")
        let outcome = try UnittestOutcome(result: result)
        setOutcome(test, outcome)
        defer { setOutcome(test, nil) }
        try runPart(outcome, test) { try test.callMethod("_callSetUp") }
        if outcome.success {
            outcome.expectingFailure = expectingFailure
            try runPart(outcome, test) { try test.callMethod("_callTestMethod", [method]) }
            outcome.expectingFailure = false
            try runPart(outcome, test) { try test.callMethod("_callTearDown") }
        }
        try test.callMethod("doCleanups")
        guard outcome.success else { return }
        if !expectingFailure {
            try result.callMethod("addSuccess", [test])
        } else if let info = outcome.expectedFailure {
            try test.callMethod("_addExpectedFailure", [result, info])
        } else {
            try test.callMethod("_addUnexpectedSuccess", [result])
        }
    }

    /// `TestCase.__init__`: the test method's name and docstring, empty cleanups, and the
    /// assertEqual specialisations by type.
    static func initialize(_ test: PyObject, methodName: PyObject) throws {
        try test.setAttribute("_testMethodName", methodName)
        try test.setAttribute("_testMethodDoc", "No test")
        let name = try methodName.toString()
        if let method = try attributeOrNil(test, name) {
            try test.setAttribute("_testMethodDoc", try attributeOrNil(method, "__doc__") ?? .none)
        } else if name != "runTest" {
            throw PyException.valueError("no such test method in \(try PyObject(test.pyType).str()): \(name)")
        }
        try test.setAttribute("_cleanups", .list([]))
        try test.setAttribute("_subtest", .none)
        try test.setAttribute("_type_equality_funcs", try .dict([
            (Py.dict, PyObject("assertDictEqual")), (Py.list, PyObject("assertListEqual")), (Py.tuple, PyObject("assertTupleEqual")),
            (Py.set, PyObject("assertSetEqual")), (Py.frozenset, PyObject("assertSetEqual")), (Py.str, PyObject("assertMultiLineEqual")),
        ]))
    }

    /// `_enter_context`: enters `manager` as `with` does and registers its `__exit__` with `register`.
    static func enterContext(_ manager: PyObject, register: PyObject) throws -> PyObject {
        let type = PyObject(manager.pyType)
        guard let enter = try attributeOrNil(type, "__enter__"), let exit = try attributeOrNil(type, "__exit__") else {
            throw PyException.typeError("'\(try qualifiedName(type))' object does not support the context manager protocol")
        }
        let entered = try enter(manager)
        try register.call([exit, manager, .none, .none, .none])
        return entered
    }

    static func testCaseClass() throws -> PyObject {
        try PyObject.makeClass("TestCase") { namespace in
            namespace["__module__"] = "unittest.case"
            namespace["failureException"] = Py.AssertionError
            namespace["longMessage"] = true
            namespace["maxDiff"] = 640
            namespace["_diffThreshold"] = 65536
            namespace["__init_subclass__"] = PyObject.function("__init_subclass__", PySignature(["cls"], varargs: "args", varkw: "kwargs")) { arguments in
                let type = arguments[0]
                if try arguments[1].truthy() || arguments[2].truthy() {
                    let name = try type.attribute("__name__").str()
                    throw PyException.typeError(try arguments[2].truthy() ? "\(name).__init_subclass__() takes no keyword arguments"
                                                                          : "\(name).__init_subclass__() takes no positional arguments")
                }
                try type.setAttribute("_classSetupFailed", false)
                try type.setAttribute("_class_cleanups", .list([]))
                if let made = type.heap as? PyClass { definedCases.withLock { $0.append(made) } }
                return .none
            }
            namespace["__init__"] = method("__init__", ["methodName"], defaults: ["runTest"]) { arguments in
                try initialize(arguments[0], methodName: arguments[1])
                return .none
            }
            namespace["addTypeEqualityFunc"] = method("addTypeEqualityFunc", ["typeobj", "function"]) { arguments in
                try arguments[0].attribute("_type_equality_funcs").setItem(arguments[1], arguments[2])
                return .none
            }
            namespace["addCleanup"] = method("addCleanup", ["function"], varargs: "args", varkw: "kwargs", positionalOnly: 2) { arguments in
                try arguments[0].attribute("_cleanups").callMethod("append", [.tuple([arguments[1], arguments[2], arguments[3]])])
                return .none
            }
            namespace["enterContext"] = method("enterContext", ["cm"]) { arguments in
                try enterContext(arguments[1], register: try arguments[0].attribute("addCleanup"))
            }
            namespace["addClassCleanup"] = classMethod("addClassCleanup", ["function"], varargs: "args", varkw: "kwargs", positionalOnly: 2) { arguments in
                try arguments[0].attribute("_class_cleanups").callMethod("append", [.tuple([arguments[1], arguments[2], arguments[3]])])
                return .none
            }
            namespace["enterClassContext"] = classMethod("enterClassContext", ["cm"]) { arguments in
                try enterContext(arguments[1], register: try arguments[0].attribute("addClassCleanup"))
            }
            for hook in ["setUp", "tearDown"] { namespace[hook] = method(hook) { _ in .none } }
            for hook in ["setUpClass", "tearDownClass"] { namespace[hook] = classMethod(hook) { _ in .none } }
            namespace["countTestCases"] = method("countTestCases") { _ in 1 }
            namespace["defaultTestResult"] = method("defaultTestResult") { _ in try classes.testResult() }
            namespace["shortDescription"] = method("shortDescription") { arguments in
                let doc = try arguments[0].attribute("_testMethodDoc")
                guard try doc.truthy() else { return .none }
                return try doc.callMethod("strip").callMethod("split", ["\n"]).item(0).callMethod("strip")
            }
            namespace["id"] = method("id") { arguments in
                PyObject("\(try qualifiedName(PyObject(arguments[0].pyType))).\(try arguments[0].attribute("_testMethodName").str())")
            }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard arguments[0].pyType === arguments[1].pyType else { return .notImplemented }
                return PyObject(try arguments[0].attribute("_testMethodName") == arguments[1].attribute("_testMethodName"))
            }
            namespace["__hash__"] = method("__hash__") { arguments in
                try Py.hash(.tuple([PyObject(arguments[0].pyType), try arguments[0].attribute("_testMethodName")]))
            }
            namespace["__str__"] = method("__str__") { arguments in
                let name = try arguments[0].attribute("_testMethodName").str()
                return PyObject("\(name) (\(try qualifiedName(PyObject(arguments[0].pyType))).\(name))")
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("<\(try qualifiedName(PyObject(arguments[0].pyType))) testMethod=\(try arguments[0].attribute("_testMethodName").str())>")
            }
            namespace["subTest"] = method("subTest", ["msg"], defaults: [classes.subTestMessageSentinel], varkw: "params") { arguments in
                let context = try classes.subTestContext()
                context.setNativePayload(SubTestState(test: arguments[0], message: arguments[1], params: arguments[2]))
                return context
            }
            namespace["_addExpectedFailure"] = method("_addExpectedFailure", ["result", "exc_info"]) { arguments in
                if let add = try attributeOrNil(arguments[1], "addExpectedFailure") { try add(arguments[0], arguments[2]) }
                else { try arguments[1].callMethod("addSuccess", [arguments[0]]) }
                return .none
            }
            namespace["_addUnexpectedSuccess"] = method("_addUnexpectedSuccess", ["result"]) { arguments in
                if let add = try attributeOrNil(arguments[1], "addUnexpectedSuccess") { try add(arguments[0]) }
                else { try arguments[1].callMethod("addFailure", [arguments[0], .tuple([.none, .none, .none])]) }
                return .none
            }
            namespace["_callSetUp"] = method("_callSetUp") { arguments in try arguments[0].callMethod("setUp"); return .none }
            namespace["_callTestMethod"] = method("_callTestMethod", ["method"]) { arguments in try arguments[1](); return .none }
            namespace["_callTearDown"] = method("_callTearDown") { arguments in try arguments[0].callMethod("tearDown"); return .none }
            namespace["_callCleanup"] = method("_callCleanup", ["function"], varargs: "args", varkw: "kwargs", positionalOnly: 2) { arguments in
                try arguments[1].call(try arguments[2].collect(), keywords: try arguments[3].unpackedKeywords())
                return .none
            }
            namespace["run"] = method("run", ["result"], defaults: [.none]) { arguments in try run(arguments[0], arguments[1]) }
            namespace["__call__"] = method("__call__", varargs: "args", varkw: "kwds") { arguments in
                try arguments[0].attribute("run").call(try arguments[1].collect(), keywords: try arguments[2].unpackedKeywords())
            }
            namespace["doCleanups"] = method("doCleanups") { arguments in
                let test = arguments[0]
                let outcome = try outcome(of: test) ?? UnittestOutcome(result: .none)
                let cleanups = try test.attribute("_cleanups")
                while try cleanups.truthy() {
                    let (function, positional, keywords) = try cleanups.callMethod("pop").unpack3()
                    try runPart(outcome, test) {
                        try test.callMethod("_callCleanup", [function] + (try positional.collect()), keywords: try keywords.unpackedKeywords())
                    }
                }
                return PyObject(outcome.success)
            }
            namespace["doClassCleanups"] = classMethod("doClassCleanups") { arguments in
                let type = arguments[0]
                let errors = PyObject.list([])
                try type.setAttribute("tearDown_exceptions", errors)
                let cleanups = try type.attribute("_class_cleanups")
                while try cleanups.truthy() {
                    let (function, positional, keywords) = try cleanups.callMethod("pop").unpack3()
                    do {
                        try function.call(try positional.collect(), keywords: try keywords.unpackedKeywords())
                    } catch {
                        let caught = PyException.caught(error)
                        guard caught.isInstance(of: PyClass.exception) else { throw caught }
                        try errors.callMethod("append", [exceptionInfo(caught)])
                    }
                }
                return .none
            }
            namespace["debug"] = method("debug") { arguments in
                let test = arguments[0]
                let method = try test.attribute(try test.attribute("_testMethodName").toString())
                let type = PyObject(test.pyType)
                if try flag(type, "__unittest_skip__") || flag(method, "__unittest_skip__") {
                    var why = try attributeOrNil(type, "__unittest_skip_why__") ?? ""
                    if try !why.truthy() { why = try attributeOrNil(method, "__unittest_skip_why__") ?? "" }
                    try raise(classes.skipTest, why)
                }
                try test.callMethod("_callSetUp")
                try test.callMethod("_callTestMethod", [method])
                try test.callMethod("_callTearDown")
                let cleanups = try test.attribute("_cleanups")
                while try cleanups.truthy() {
                    let (function, positional, keywords) = try cleanups.callMethod("pop").unpack3()
                    try test.callMethod("_callCleanup", [function] + (try positional.collect()), keywords: try keywords.unpackedKeywords())
                }
                return .none
            }
            namespace["skipTest"] = method("skipTest", ["reason"]) { arguments in try raise(classes.skipTest, arguments[1]) }
            namespace["fail"] = method("fail", ["msg"], defaults: [.none]) { arguments in
                try raise(try arguments[0].attribute("failureException"), arguments[1])
            }
            for (name, function) in assertionMethods() + logAssertions() { namespace[name] = function }
        }
    }
}

extension UnittestModule {
    /// `FunctionTestCase(testFunc, setUp=None, tearDown=None, description=None)`.
    static func functionTestCaseClass() throws -> PyObject {
        func field(_ this: PyObject, _ name: String) throws -> PyObject { try this.attribute(name) }
        return try PyObject.makeClass("FunctionTestCase", bases: [classes.testCase]) { namespace in
            namespace["__module__"] = "unittest.case"
            namespace["__init__"] = method("__init__", ["testFunc", "setUp", "tearDown", "description"], defaults: [.none, .none, .none]) { arguments in
                let this = arguments[0]
                try initialize(this, methodName: "runTest")
                try this.setAttribute("_setUpFunc", arguments[2])
                try this.setAttribute("_tearDownFunc", arguments[3])
                try this.setAttribute("_testFunc", arguments[1])
                try this.setAttribute("_description", arguments[4])
                return .none
            }
            namespace["setUp"] = method("setUp") { arguments in
                let function = try field(arguments[0], "_setUpFunc")
                if !function.isNone { try function() }
                return .none
            }
            namespace["tearDown"] = method("tearDown") { arguments in
                let function = try field(arguments[0], "_tearDownFunc")
                if !function.isNone { try function() }
                return .none
            }
            namespace["runTest"] = method("runTest") { arguments in try field(arguments[0], "_testFunc")(); return .none }
            namespace["id"] = method("id") { arguments in try field(arguments[0], "_testFunc").attribute("__name__") }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard arguments[1].pyType.isSubclass(of: arguments[0].pyType) else { return .notImplemented }
                for name in ["_setUpFunc", "_tearDownFunc", "_testFunc", "_description"] {
                    if try field(arguments[0], name) != field(arguments[1], name) { return false }
                }
                return true
            }
            namespace["__hash__"] = method("__hash__") { arguments in
                let this = arguments[0]
                return try Py.hash(.tuple([PyObject(this.pyType), try field(this, "_setUpFunc"), try field(this, "_tearDownFunc"),
                                           try field(this, "_testFunc"), try field(this, "_description")]))
            }
            namespace["__str__"] = method("__str__") { arguments in
                PyObject("\(try qualifiedName(PyObject(arguments[0].pyType))) (\(try field(arguments[0], "_testFunc").attribute("__name__").str()))")
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("<\(try qualifiedName(PyObject(arguments[0].pyType))) tec=\(try field(arguments[0], "_testFunc").repr())>")
            }
            namespace["shortDescription"] = method("shortDescription") { arguments in
                let description = try field(arguments[0], "_description")
                if !description.isNone { return description }
                let doc = try field(arguments[0], "_testFunc").attribute("__doc__")
                guard try doc.truthy() else { return .none }
                let line = try doc.callMethod("split", ["\n"]).item(0).callMethod("strip")
                return try line.truthy() ? line : .none
            }
        }
    }
}
