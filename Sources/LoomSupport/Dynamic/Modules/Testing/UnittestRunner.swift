/// `unittest`'s results and text runner: `TestResult` collects what happened, `TextTestResult`
/// prints it as it happens (dots, or one line per test at verbosity 2) and `TextTestRunner` adds
/// the error blocks and the summary, character for character as CPython 3.11 writes them.
enum UnittestRunner {
    typealias Module = UnittestModule

    static let separator1 = String(repeating: "=", count: 70)
    static let separator2 = String(repeating: "-", count: 70)

    /// `_exc_info_to_string`: the traceback as this runtime can tell it (no frames are recorded,
    /// so one line stands for them), ending in a newline as CPython's does.
    static func exceptionText(_ info: PyObject) throws -> String {
        let text = try TracebackModule.formatException(info)
        // `formatException` drops one final newline, which a message ending in one (a diff) keeps in CPython.
        let value = (info.heap as? PyTupleStorage).map { $0.items.count > 1 ? $0.items[1] : PyObject.none } ?? info
        let keepsNewline = !value.isNone && PyException(instance: value).exceptionLine.hasSuffix("\n")
        return text + (keepsNewline ? "\n\n" : "\n")
    }

    /// Calls `self.stop()` first when the result was made with `failfast` (CPython's `@failfast`).
    static func stopIfFailfast(_ result: PyObject) throws {
        if try Module.flag(result, "failfast") { try result.callMethod("stop") }
    }

    static func testResultClass() throws -> PyObject {
        try PyObject.makeClass("TestResult") { namespace in
            namespace["__module__"] = "unittest.result"
            namespace["_previousTestClass"] = PyObject.none
            namespace["_testRunEntered"] = false
            namespace["_moduleSetUpFailed"] = false
            namespace["__init__"] = Module.method("__init__", ["stream", "descriptions", "verbosity"], defaults: [.none, .none, .none]) { arguments in
                let this = arguments[0]
                for name in ["failures", "errors", "skipped", "expectedFailures", "unexpectedSuccesses"] {
                    try this.setAttribute(name, .list([]))
                }
                try this.setAttribute("failfast", false)
                try this.setAttribute("testsRun", 0)
                try this.setAttribute("shouldStop", false)
                try this.setAttribute("buffer", false)
                try this.setAttribute("tb_locals", false)
                return .none
            }
            for hook in ["printErrors", "startTestRun", "stopTestRun"] { namespace[hook] = Module.method(hook) { _ in .none } }
            namespace["startTest"] = Module.method("startTest", ["test"]) { arguments in
                try arguments[0].setAttribute("testsRun", try arguments[0].attribute("testsRun") + 1)
                return .none
            }
            namespace["stopTest"] = Module.method("stopTest", ["test"]) { _ in .none }
            namespace["addError"] = Module.method("addError", ["test", "err"]) { arguments in
                try stopIfFailfast(arguments[0])
                try record(arguments, in: "errors")
                return .none
            }
            namespace["addFailure"] = Module.method("addFailure", ["test", "err"]) { arguments in
                try stopIfFailfast(arguments[0])
                try record(arguments, in: "failures")
                return .none
            }
            namespace["addSubTest"] = Module.method("addSubTest", ["test", "subtest", "err"]) { arguments in
                let this = arguments[0], test = arguments[1], subtest = arguments[2], info = arguments[3]
                guard !info.isNone else { return .none }
                try stopIfFailfast(this)
                let failure = try test.attribute("failureException")
                let isFailure = try (info.item(0).heap as? PyClass).map { try Py.isSubclass($0, failure) } ?? false
                let text = try this.callMethod("_exc_info_to_string", [info, test])
                try this.attribute(isFailure ? "failures" : "errors").callMethod("append", [.tuple([subtest, text])])
                return .none
            }
            namespace["addSuccess"] = Module.method("addSuccess", ["test"]) { _ in .none }
            namespace["addSkip"] = Module.method("addSkip", ["test", "reason"]) { arguments in
                try arguments[0].attribute("skipped").callMethod("append", [.tuple([arguments[1], arguments[2]])])
                return .none
            }
            namespace["addExpectedFailure"] = Module.method("addExpectedFailure", ["test", "err"]) { arguments in
                try record(arguments, in: "expectedFailures")
                return .none
            }
            namespace["addUnexpectedSuccess"] = Module.method("addUnexpectedSuccess", ["test"]) { arguments in
                try stopIfFailfast(arguments[0])
                try arguments[0].attribute("unexpectedSuccesses").callMethod("append", [arguments[1]])
                return .none
            }
            namespace["wasSuccessful"] = Module.method("wasSuccessful") { arguments in
                let this = arguments[0]
                let clean = try Py.len(this.attribute("failures")) == 0 && Py.len(this.attribute("errors")) == 0
                guard clean else { return false }
                guard let unexpected = try Module.attributeOrNil(this, "unexpectedSuccesses") else { return true }
                return PyObject(try Py.len(unexpected) == 0)
            }
            namespace["stop"] = Module.method("stop") { arguments in
                try arguments[0].setAttribute("shouldStop", true)
                return .none
            }
            namespace["_exc_info_to_string"] = Module.method("_exc_info_to_string", ["err", "test"]) { arguments in
                // A name the loader could not resolve raises from unittest's own frames only, which
                // CPython drops, header and all.
                if Module.isInstance(arguments[2], Module.classes.failedTest), let tuple = arguments[1].heap as? PyTupleStorage, tuple.items.count > 1 {
                    return PyObject(PyException(instance: tuple.items[1]).exceptionLine + "\n")
                }
                return PyObject(try exceptionText(arguments[1]))
            }
            namespace["__repr__"] = Module.method("__repr__") { arguments in
                let this = arguments[0]
                return PyObject("<\(try Module.qualifiedName(PyObject(this.pyType))) run=\(try this.attribute("testsRun").toInt()) "
                                + "errors=\(try Py.len(this.attribute("errors")).toInt()) failures=\(try Py.len(this.attribute("failures")).toInt())>")
            }
        }
    }

    /// `(test, self._exc_info_to_string(err, test))` appended to the list named `list`.
    private static func record(_ arguments: [PyObject], in list: String) throws {
        let this = arguments[0], test = arguments[1], info = arguments[2]
        let text = try this.callMethod("_exc_info_to_string", [info, test])
        try this.attribute(list).callMethod("append", [.tuple([test, text])])
    }

    static func textTestResultClass() throws -> PyObject {
        func write(_ this: PyObject, _ text: String) throws { try this.attribute("stream").callMethod("write", [PyObject(text)]) }
        func writeLine(_ this: PyObject, _ text: String = "") throws { try this.attribute("stream").callMethod("writeln", text.isEmpty ? [] : [PyObject(text)]) }
        func flush(_ this: PyObject) throws { try this.attribute("stream").callMethod("flush") }
        func description(_ this: PyObject, _ test: PyObject) throws -> String {
            try this.callMethod("getDescription", [test]).str()
        }
        /// `_write_status`: a subtest's status goes on a line of its own, under its test's.
        func writeStatus(_ this: PyObject, _ test: PyObject, _ status: String) throws {
            let isSubTest = Module.isInstance(test, Module.classes.subTest)
            let atLineStart = try this.attribute("_newline").truthy()
            if isSubTest || atLineStart {
                if !atLineStart { try writeLine(this) }
                if isSubTest { try write(this, "  ") }
                try write(this, try description(this, test))
                try write(this, " ... ")
            }
            try writeLine(this, status)
            try flush(this)
            try this.setAttribute("_newline", true)
        }
        /// What each outcome prints: its status word at verbosity 2, its letter at verbosity 1.
        func report(_ name: String, _ parameters: [String], status: @escaping ([PyObject]) throws -> String, letter: String,
                    viaStatusLine: Bool = true) -> PyObject {
            Module.method(name, parameters) { arguments in
                let this = arguments[0]
                try Module.classes.testResult.attribute(name).call(arguments)
                if try this.attribute("showAll").truthy() {
                    let text = try status(arguments)
                    if viaStatusLine { try writeStatus(this, arguments[1], text) } else { try writeLine(this, text); try flush(this) }
                } else if try this.attribute("dots").truthy() {
                    try write(this, letter)
                    try flush(this)
                }
                return .none
            }
        }
        return try PyObject.makeClass("TextTestResult", bases: [Module.classes.testResult]) { namespace in
            namespace["__module__"] = "unittest.runner"
            namespace["separator1"] = PyObject(separator1)
            namespace["separator2"] = PyObject(separator2)
            namespace["__init__"] = Module.method("__init__", ["stream", "descriptions", "verbosity"]) { arguments in
                let this = arguments[0]
                _ = try Module.classes.testResult.attribute("__init__").call(arguments)
                try this.setAttribute("stream", arguments[1])
                try this.setAttribute("showAll", try arguments[3].compare(.greater, 1))
                try this.setAttribute("dots", try arguments[3].compare(.equal, 1))
                try this.setAttribute("descriptions", arguments[2])
                try this.setAttribute("_newline", true)
                return .none
            }
            namespace["getDescription"] = Module.method("getDescription", ["test"]) { arguments in
                let this = arguments[0], test = arguments[1]
                let firstLine = try test.callMethod("shortDescription")
                if try this.attribute("descriptions").truthy() && firstLine.truthy() {
                    return PyObject("\(try test.str())\n\(try firstLine.str())")
                }
                return PyObject(try test.str())
            }
            namespace["startTest"] = Module.method("startTest", ["test"]) { arguments in
                let this = arguments[0]
                try Module.classes.testResult.attribute("startTest").call(arguments)
                if try this.attribute("showAll").truthy() {
                    try write(this, try description(this, arguments[1]))
                    try write(this, " ... ")
                    try flush(this)
                    try this.setAttribute("_newline", false)
                }
                return .none
            }
            namespace["addSubTest"] = Module.method("addSubTest", ["test", "subtest", "err"]) { arguments in
                let this = arguments[0], subtest = arguments[2], info = arguments[3]
                if !info.isNone {
                    let failure = try subtest.attribute("failureException")
                    let isFailure = try (info.item(0).heap as? PyClass).map { try Py.isSubclass($0, failure) } ?? false
                    if try this.attribute("showAll").truthy() {
                        try writeStatus(this, subtest, isFailure ? "FAIL" : "ERROR")
                    } else if try this.attribute("dots").truthy() {
                        try write(this, isFailure ? "F" : "E")
                        try flush(this)
                    }
                }
                try Module.classes.testResult.attribute("addSubTest").call(arguments)
                return .none
            }
            namespace["addSuccess"] = report("addSuccess", ["test"], status: { _ in "ok" }, letter: ".")
            namespace["addError"] = report("addError", ["test", "err"], status: { _ in "ERROR" }, letter: "E")
            namespace["addFailure"] = report("addFailure", ["test", "err"], status: { _ in "FAIL" }, letter: "F")
            namespace["addSkip"] = report("addSkip", ["test", "reason"], status: { "skipped \(try $0[2].repr())" }, letter: "s")
            namespace["addExpectedFailure"] = report("addExpectedFailure", ["test", "err"], status: { _ in "expected failure" }, letter: "x",
                                                     viaStatusLine: false)
            namespace["addUnexpectedSuccess"] = report("addUnexpectedSuccess", ["test"], status: { _ in "unexpected success" }, letter: "u",
                                                       viaStatusLine: false)
            namespace["printErrors"] = Module.method("printErrors") { arguments in
                let this = arguments[0]
                if try this.attribute("dots").truthy() || this.attribute("showAll").truthy() {
                    try writeLine(this)
                    try flush(this)
                }
                try this.callMethod("printErrorList", ["ERROR", try this.attribute("errors")])
                try this.callMethod("printErrorList", ["FAIL", try this.attribute("failures")])
                let unexpected = try Module.attributeOrNil(this, "unexpectedSuccesses") ?? .tuple([])
                if try unexpected.truthy() {
                    try writeLine(this, separator1)
                    for test in try unexpected.collect() { try writeLine(this, "UNEXPECTED SUCCESS: \(try description(this, test))") }
                    try flush(this)
                }
                return .none
            }
            namespace["printErrorList"] = Module.method("printErrorList", ["flavour", "errors"]) { arguments in
                let this = arguments[0]
                for entry in try arguments[2].collect() {
                    let (test, text) = try entry.unpack2()
                    try writeLine(this, try this.attribute("separator1").str())
                    try writeLine(this, "\(try arguments[1].str()): \(try description(this, test))")
                    try writeLine(this, try this.attribute("separator2").str())
                    try writeLine(this, try text.str())
                    try flush(this)
                }
                return .none
            }
        }
    }

    /// `_WritelnDecorator`: the runner's stream, with `writeln` added and everything else passed on.
    static func writelnDecoratorClass() throws -> PyObject {
        try PyObject.makeClass("_WritelnDecorator") { namespace in
            namespace["__module__"] = "unittest.runner"
            namespace["__init__"] = Module.method("__init__", ["stream"]) { arguments in
                try arguments[0].setAttribute("stream", arguments[1])
                return .none
            }
            namespace["__getattr__"] = Module.method("__getattr__", ["attr"]) { arguments in
                let name = try arguments[1].toString()
                if name == "stream" || name == "__getstate__" { throw PyException.make(PyClass.attributeError, [arguments[1]]) }
                return try arguments[0].attribute("stream").attribute(name)
            }
            namespace["writeln"] = Module.method("writeln", ["arg"], defaults: [.none]) { arguments in
                if try arguments[1].truthy() { try arguments[0].callMethod("write", [arguments[1]]) }
                try arguments[0].callMethod("write", ["\n"])
                return .none
            }
        }
    }

    static func textTestRunnerClass() throws -> PyObject {
        let decorator = try writelnDecoratorClass()
        return try PyObject.makeClass("TextTestRunner") { namespace in
            namespace["__module__"] = "unittest.runner"
            namespace["resultclass"] = Module.classes.textTestResult
            namespace["__init__"] = PyObject.function("__init__", PySignature(
                ["self", "stream", "descriptions", "verbosity", "failfast", "buffer", "resultclass", "warnings"],
                defaults: [.none, true, 1, false, false, .none, .none], keywordOnly: ["tb_locals"], keywordDefaults: ["tb_locals": false])) { arguments in
                let this = arguments[0]
                let stream = arguments[1].isNone ? try Py.importModule("sys").attribute("stderr") : arguments[1]
                try this.setAttribute("stream", try decorator(stream))
                try this.setAttribute("descriptions", arguments[2])
                try this.setAttribute("verbosity", arguments[3])
                try this.setAttribute("failfast", arguments[4])
                try this.setAttribute("buffer", arguments[5])
                try this.setAttribute("tb_locals", arguments[8])
                try this.setAttribute("warnings", arguments[7])
                if !arguments[6].isNone { try this.setAttribute("resultclass", arguments[6]) }
                return .none
            }
            namespace["_makeResult"] = Module.method("_makeResult") { arguments in
                let this = arguments[0]
                return try this.attribute("resultclass")(try this.attribute("stream"), try this.attribute("descriptions"), try this.attribute("verbosity"))
            }
            namespace["run"] = Module.method("run", ["test"]) { arguments in try run(arguments[0], arguments[1]) }
        }
    }

    /// `TextTestRunner.run`: the tests, then the error blocks, `Ran N tests in T`, and the verdict.
    static func run(_ runner: PyObject, _ test: PyObject) throws -> PyObject {
        let result = try runner.callMethod("_makeResult")
        for name in ["failfast", "buffer", "tb_locals"] { try result.setAttribute(name, try runner.attribute(name)) }
        let clock = try Py.importModule("time").attribute("perf_counter")
        let start = try clock()
        if let startTestRun = try Module.attributeOrNil(result, "startTestRun") { try startTestRun() }
        var failure: (any Error)?
        do { try test(result) } catch { failure = error }
        if let stopTestRun = try Module.attributeOrNil(result, "stopTestRun") { try stopTestRun() }
        if let failure { throw failure }
        let taken = try clock() - start
        let stream = try runner.attribute("stream")
        func write(_ text: String) throws { try stream.callMethod("write", [PyObject(text)]) }
        func writeLine(_ text: String = "") throws { try stream.callMethod("writeln", text.isEmpty ? [] : [PyObject(text)]) }
        try result.callMethod("printErrors")
        if let separator = try Module.attributeOrNil(result, "separator2") { try writeLine(try separator.str()) }
        let count = try result.attribute("testsRun").toInt()
        try writeLine("Ran \(count) test\(count != 1 ? "s" : "") in \(try taken.format(".3f"))s")
        try writeLine()
        var expectedFailures = 0, unexpectedSuccesses = 0, skipped = 0
        if let expected = try Module.attributeOrNil(result, "expectedFailures"), let unexpected = try Module.attributeOrNil(result, "unexpectedSuccesses"),
           let skips = try Module.attributeOrNil(result, "skipped") {
            expectedFailures = try Py.len(expected).toInt()
            unexpectedSuccesses = try Py.len(unexpected).toInt()
            skipped = try Py.len(skips).toInt()
        }
        var infos: [String] = []
        if try !result.callMethod("wasSuccessful").truthy() {
            try write("FAILED")
            let failed = try Py.len(result.attribute("failures")).toInt(), errored = try Py.len(result.attribute("errors")).toInt()
            if failed > 0 { infos.append("failures=\(failed)") }
            if errored > 0 { infos.append("errors=\(errored)") }
        } else {
            try write("OK")
        }
        if skipped > 0 { infos.append("skipped=\(skipped)") }
        if expectedFailures > 0 { infos.append("expected failures=\(expectedFailures)") }
        if unexpectedSuccesses > 0 { infos.append("unexpected successes=\(unexpectedSuccesses)") }
        if infos.isEmpty { try write("\n") } else { try writeLine(" (\(infos.joined(separator: ", ")))") }
        try stream.callMethod("flush")
        return result
    }
}
