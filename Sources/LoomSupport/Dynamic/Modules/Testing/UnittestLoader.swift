/// `unittest`'s suites, loader and `main`. Suites run class fixtures as CPython's `TestSuite`
/// does (`setUpClass` once before a class's first test, `tearDownClass` after its last); the
/// loader finds a note's test classes through `UnittestModule.definedCases`, since the note's
/// globals are Swift variables rather than a `__main__` namespace.
enum UnittestLoader {
    typealias Module = UnittestModule

    // MARK: Suites

    static func baseTestSuiteClass() throws -> PyObject {
        try PyObject.makeClass("BaseTestSuite") { namespace in
            namespace["__module__"] = "unittest.suite"
            namespace["_cleanup"] = true
            namespace["__init__"] = Module.method("__init__", ["tests"], defaults: [.tuple([])]) { arguments in
                try arguments[0].setAttribute("_tests", .list([]))
                try arguments[0].setAttribute("_removed_tests", 0)
                try arguments[0].callMethod("addTests", [arguments[1]])
                return .none
            }
            namespace["__repr__"] = Module.method("__repr__") { arguments in
                PyObject("<\(try Module.qualifiedName(PyObject(arguments[0].pyType))) tests=\(try PyObject.list(try arguments[0].collect()).repr())>")
            }
            namespace["__eq__"] = Module.method("__eq__", ["other"]) { arguments in
                guard try Py.isInstance(arguments[1], PyObject(arguments[0].pyType)) else { return .notImplemented }
                return PyObject(try PyObject.list(try arguments[0].collect()) == PyObject.list(try arguments[1].collect()))
            }
            namespace["__iter__"] = Module.method("__iter__") { arguments in try Py.iter(arguments[0].attribute("_tests")) }
            namespace["countTestCases"] = Module.method("countTestCases") { arguments in
                var cases = try arguments[0].attribute("_removed_tests")
                for test in try arguments[0].collect() {
                    if try test.truthy() { cases = try cases + test.callMethod("countTestCases") }
                }
                return cases
            }
            namespace["addTest"] = Module.method("addTest", ["test"]) { arguments in
                let test = arguments[1]
                guard test.isCallable else { throw PyException.typeError("\(try test.repr()) is not callable") }
                if let type = test.heap as? PyClass,
                   type.isSubclass(of: Module.classes.testCase.heap as! PyClass) || type.isSubclass(of: Module.classes.testSuite.heap as! PyClass) {
                    throw PyException.typeError("TestCases and TestSuites must be instantiated before passing them to addTest()")
                }
                try arguments[0].attribute("_tests").callMethod("append", [test])
                return .none
            }
            namespace["addTests"] = Module.method("addTests", ["tests"]) { arguments in
                if arguments[1].isStr { throw PyException.typeError("tests must be an iterable of tests, not a string") }
                for test in try arguments[1].collect() { try arguments[0].callMethod("addTest", [test]) }
                return .none
            }
            namespace["run"] = Module.method("run", ["result"]) { arguments in
                let this = arguments[0], result = arguments[1]
                for (index, test) in try this.collect().enumerated() {
                    if try result.attribute("shouldStop").truthy() { break }
                    try test(result)
                    if try this.attribute("_cleanup").truthy() { try removeTest(this, at: index) }
                }
                return result
            }
            namespace["_removeTestAtIndex"] = Module.method("_removeTestAtIndex", ["index"]) { arguments in
                try removeTest(arguments[0], at: try arguments[1].toInt())
                return .none
            }
            namespace["__call__"] = Module.method("__call__", varargs: "args", varkw: "kwds") { arguments in
                try arguments[0].attribute("run").call(try arguments[1].collect(), keywords: try arguments[2].unpackedKeywords())
            }
            namespace["debug"] = Module.method("debug") { arguments in
                for test in try arguments[0].collect() { try test.callMethod("debug") }
                return .none
            }
        }
    }

    /// Drops a test the suite has run, still counting it in `countTestCases`.
    static func removeTest(_ suite: PyObject, at index: Int) throws {
        let tests = try suite.attribute("_tests")
        let test = try tests.item(PyObject(index))
        if let count = try Module.attributeOrNil(test, "countTestCases") {
            try suite.setAttribute("_removed_tests", try suite.attribute("_removed_tests") + count())
        }
        try tests.setItem(PyObject(index), .none)
    }

    static func testSuiteClass(base: PyObject) throws -> PyObject {
        try PyObject.makeClass("TestSuite", bases: [base]) { namespace in
            namespace["__module__"] = "unittest.suite"
            namespace["run"] = Module.method("run", ["result", "debug"], defaults: [false]) { arguments in
                let this = arguments[0], result = arguments[1], debug = try arguments[2].truthy()
                var topLevel = false
                let entered = try Module.attributeOrNil(result, "_testRunEntered") ?? false
                if entered.isIdentical(to: false) {
                    try result.setAttribute("_testRunEntered", true)
                    topLevel = true
                }
                for (index, test) in try this.collect().enumerated() {
                    if try result.attribute("shouldStop").truthy() { break }
                    if try !isSuite(test) {
                        try tearDownPreviousClass(test, result)
                        try setUpClass(test, result)
                        try result.setAttribute("_previousTestClass", PyObject(test.pyType))
                        if try Module.flag(PyObject(test.pyType), "_classSetupFailed") || Module.flag(result, "_moduleSetUpFailed") { continue }
                    }
                    if debug { try test.callMethod("debug") } else { try test(result) }
                    if try this.attribute("_cleanup").truthy() { try removeTest(this, at: index) }
                }
                if topLevel {
                    try tearDownPreviousClass(.none, result)
                    try result.setAttribute("_testRunEntered", false)
                }
                return result
            }
        }
    }

    /// CPython's duck typing: anything iterable is a suite.
    static func isSuite(_ test: PyObject) throws -> Bool {
        do {
            _ = try Py.iter(test)
            return true
        } catch let error as PyException where error.isInstance(of: PyClass.typeError) {
            return false
        }
    }

    /// An error (or skip) of a class fixture, reported against a stand-in named `setUpClass (module.Class)`.
    static func reportFixtureError(_ result: PyObject, _ exception: PyObject, _ method: String, _ owner: String, info: PyObject? = nil) throws {
        let holder = try Module.classes.errorHolder(PyObject("\(method) (\(owner))"))
        if let addSkip = try Module.attributeOrNil(result, "addSkip"), Module.isInstance(exception, Module.classes.skipTest) {
            try addSkip(holder, PyObject(try exception.str()))
        } else {
            try result.callMethod("addError", [holder, info ?? .tuple([PyObject(exception.pyType), exception, .none])])
        }
    }

    /// Runs `fixture`, reporting an `Exception` it raises; anything else goes on up.
    private static func reportingFixture(_ result: PyObject, _ method: String, _ type: PyObject, _ fixture: () throws -> Void) throws -> Bool {
        do {
            try fixture()
            return true
        } catch {
            let caught = PyException.caught(error)
            guard caught.isInstance(of: PyClass.exception) else { throw caught }
            try reportFixtureError(result, caught.value, method, try Module.qualifiedName(type))
            return false
        }
    }

    private static func reportClassCleanups(_ result: PyObject, _ type: PyObject, _ method: String) throws {
        guard let cleanups = try Module.attributeOrNil(type, "doClassCleanups") else { return }
        try cleanups()
        for info in try type.attribute("tearDown_exceptions").collect() {
            try reportFixtureError(result, try info.item(1), method, try Module.qualifiedName(type), info: info)
        }
    }

    static func setUpClass(_ test: PyObject, _ result: PyObject) throws {
        let previous = try Module.attributeOrNil(result, "_previousTestClass") ?? .none
        let type = PyObject(test.pyType)
        if type.isIdentical(to: previous) { return }
        if try Module.flag(result, "_moduleSetUpFailed") || Module.flag(type, "__unittest_skip__") { return }
        if (type.heap as? PyClass)?.isHeapType == true { try type.setAttribute("_classSetupFailed", false) }
        guard let setUp = try Module.attributeOrNil(type, "setUpClass") else { return }
        if try !reportingFixture(result, "setUpClass", type, { try setUp() }) {
            if (type.heap as? PyClass)?.isHeapType == true { try type.setAttribute("_classSetupFailed", true) }
            try reportClassCleanups(result, type, "setUpClass")
        }
    }

    static func tearDownPreviousClass(_ test: PyObject, _ result: PyObject) throws {
        let previous = try Module.attributeOrNil(result, "_previousTestClass") ?? .none
        if previous.isNone || PyObject(test.pyType).isIdentical(to: previous) { return }
        if try Module.flag(previous, "_classSetupFailed") || Module.flag(result, "_moduleSetUpFailed") || Module.flag(previous, "__unittest_skip__") {
            return
        }
        let tearDown = try Module.attributeOrNil(previous, "tearDownClass")
        if let tearDown { _ = try reportingFixture(result, "tearDownClass", previous, { try tearDown() }) }
        try reportClassCleanups(result, previous, "tearDownClass")
    }

    /// `suite._ErrorHolder`: stands for a class fixture in a result's errors.
    static func errorHolderClass() throws -> PyObject {
        try PyObject.makeClass("_ErrorHolder") { namespace in
            namespace["__module__"] = "unittest.suite"
            namespace["failureException"] = PyObject.none
            namespace["__init__"] = Module.method("__init__", ["description"]) { arguments in
                try arguments[0].setAttribute("description", arguments[1])
                return .none
            }
            namespace["id"] = Module.method("id") { arguments in try arguments[0].attribute("description") }
            namespace["shortDescription"] = Module.method("shortDescription") { _ in .none }
            namespace["__repr__"] = Module.method("__repr__") { arguments in
                PyObject("<ErrorHolder description=\(try arguments[0].attribute("description").repr())>")
            }
            namespace["__str__"] = Module.method("__str__") { arguments in try arguments[0].callMethod("id") }
            namespace["run"] = Module.method("run", ["result"]) { _ in .none }
            namespace["__call__"] = Module.method("__call__", ["result"]) { arguments in try arguments[0].callMethod("run", [arguments[1]]) }
            namespace["countTestCases"] = Module.method("countTestCases") { _ in 0 }
        }
    }

    /// `loader._FailedTest`: a name the loader could not resolve, as a test that raises why.
    static func failedTestClass() throws -> PyObject {
        try PyObject.makeClass("_FailedTest", bases: [Module.classes.testCase]) { namespace in
            namespace["__module__"] = "unittest.loader"
            namespace["_testMethodName"] = PyObject.none
            namespace["__init__"] = Module.method("__init__", ["method_name", "exception"]) { arguments in
                try arguments[0].setAttribute("_exception", arguments[2])
                try Module.initialize(arguments[0], methodName: arguments[1])
                return .none
            }
            namespace["__getattr__"] = Module.method("__getattr__", ["name"]) { arguments in
                let this = arguments[0]
                guard try arguments[1] == this.attribute("_testMethodName") else {
                    throw PyException.make(PyClass.attributeError, "'\(this.typeName)' object has no attribute '\(try arguments[1].str())'")
                }
                return PyObject.function("testFailure", PySignature()) { _ in throw try PyException(raising: this.attribute("_exception")) }
            }
        }
    }

    static func failedTest(_ loader: PyObject, _ name: String, _ exception: PyObject, _ message: String) throws -> PyObject {
        try loader.attribute("errors").callMethod("append", [PyObject(message)])
        return try loader.attribute("suiteClass")(.tuple([try Module.classes.failedTest(PyObject(name), exception)]))
    }

    // MARK: Loader

    static let threeWayCompare = PyObject.moduleFunction("unittest.util", "three_way_cmp", PySignature(["x", "y"])) { arguments in
        PyObject((try arguments[0] > arguments[1] ? 1 : 0) - (try arguments[0] < arguments[1] ? 1 : 0))
    }

    /// The note's test classes, as CPython's loader finds them walking `dir(__main__)`: classes
    /// made at a cell's top level, the last one of each name (a later cell may redefine one), by name.
    static func mainModuleCases() throws -> [PyObject] {
        var latest: [String: PyObject] = [:]
        for type in Module.definedCases.withLock({ $0 }) {
            let object = PyObject(type)
            guard try object.attribute("__module__").str() == "__main__" else { continue }
            let name = try object.attribute("__qualname__").str()
            if !name.contains(".") { latest[name] = object }
        }
        return latest.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }.map(\.value)
    }

    static var mainModule: PyObject { PyObject(Py.mainModule) }

    static func isMainModule(_ module: PyObject) -> Bool { (module.heap as? PyModule)?.name == "__main__" }

    /// `getattr(module, name)`, finding a note's test classes by name in the main module.
    static func member(_ owner: PyObject, _ name: String) throws -> PyObject {
        if isMainModule(owner) {
            if let type = try mainModuleCases().first(where: { try $0.attribute("__qualname__").str() == name }) { return type }
        }
        return try owner.attribute(name)
    }

    /// `fnmatch.fnmatchcase`: `*`, `?`, `[seq]` and `[!seq]`, over code points.
    static func matches(_ name: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
        func match(_ i: Int, _ j: Int) -> Bool {
            if j == pattern.count { return i == name.count }
            switch pattern[j] {
            case "*":
                for start in i...name.count where match(start, j + 1) { return true }
                return false
            case "?":
                return i < name.count && match(i + 1, j + 1)
            case "[":
                var k = j + 1
                if k < pattern.count && pattern[k] == "!" { k += 1 }
                if k < pattern.count && pattern[k] == "]" { k += 1 }
                while k < pattern.count && pattern[k] != "]" { k += 1 }
                guard k < pattern.count else { return i < name.count && name[i] == "[" && match(i + 1, j + 1) }
                guard i < name.count else { return false }
                var set = Array(pattern[(j + 1)..<k])
                let negated = set.first == "!"
                if negated { set.removeFirst() }
                var found = false
                var index = 0
                while index < set.count {
                    if index + 2 < set.count && set[index + 1] == "-" {
                        if set[index].value <= name[i].value && name[i].value <= set[index + 2].value { found = true }
                        index += 3
                    } else {
                        if set[index] == name[i] { found = true }
                        index += 1
                    }
                }
                return found != negated && match(i + 1, k + 1)
            default:
                return i < name.count && name[i] == pattern[j] && match(i + 1, j + 1)
            }
        }
        return match(0, 0)
    }

    /// `TestLoader.getTestCaseNames`: callable class attributes starting with the prefix, inherited
    /// ones included, filtered by `testNamePatterns` and sorted by `sortTestMethodsUsing`.
    static func testCaseNames(_ loader: PyObject, _ type: PyObject) throws -> PyObject {
        let prefix = try loader.attribute("testMethodPrefix")
        let patterns = try loader.attribute("testNamePatterns")
        var names: [PyObject] = []
        for name in try Py.dir(type).collect() {
            guard try name.callMethod("startswith", [prefix]).truthy(), try type.attribute(try name.toString()).isCallable else { continue }
            if !patterns.isNone {
                let full = Array("\(try Module.qualifiedName(type)).\(try name.str())".unicodeScalars)
                guard try patterns.collect().contains(where: { matches(full, Array(try $0.toString().unicodeScalars)) }) else { continue }
            }
            names.append(name)
        }
        let compare = try loader.attribute("sortTestMethodsUsing")
        if try compare.truthy() {
            if compare.isIdentical(to: threeWayCompare) {
                names.sort { (try? $0.toString().unicodeScalars.lexicographicallyPrecedes($1.toString().unicodeScalars)) ?? false }
            } else {
                names = try stableSorted(names) { try compare($0, $1) < 0 }
            }
        }
        return .list(names)
    }

    static func stableSorted(_ items: [PyObject], by less: (PyObject, PyObject) throws -> Bool) throws -> [PyObject] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = try stableSorted(Array(items[..<middle]), by: less), right = try stableSorted(Array(items[middle...]), by: less)
        var merged: [PyObject] = []
        var i = 0, j = 0
        while i < left.count && j < right.count {
            if try less(right[j], left[i]) { merged.append(right[j]); j += 1 } else { merged.append(left[i]); i += 1 }
        }
        return merged + left[i...] + right[j...]
    }

    static func loadFromTestCase(_ loader: PyObject, _ type: PyObject) throws -> PyObject {
        guard let cls = type.heap as? PyClass else { throw PyException.typeError("issubclass() arg 1 must be a class") }
        if cls.isSubclass(of: Module.classes.testSuite.heap as! PyClass) {
            throw PyException.typeError("Test cases should not be derived from TestSuite. Maybe you meant to derive from TestCase?")
        }
        var names: [PyObject] = []
        if !type.isIdentical(to: Module.classes.testCase) && !type.isIdentical(to: Module.classes.functionTestCase) {
            names = try loader.callMethod("getTestCaseNames", [type]).collect()
            if names.isEmpty, try Module.attributeOrNil(type, "runTest") != nil { names = ["runTest"] }
        }
        return try loader.attribute("suiteClass")(.list(try names.map { try type($0) }))
    }

    static func isLoadableCase(_ value: PyObject) -> Bool {
        guard let type = value.heap as? PyClass, let base = Module.classes.testCase.heap as? PyClass, type.isSubclass(of: base) else { return false }
        return !value.isIdentical(to: Module.classes.testCase) && !value.isIdentical(to: Module.classes.functionTestCase)
    }

    static func loadFromModule(_ loader: PyObject, _ module: PyObject) throws -> PyObject {
        var suites: [PyObject] = []
        let candidates = try isMainModule(module) ? mainModuleCases() : Py.dir(module).collect().map { try module.attribute(try $0.toString()) }
        for candidate in candidates where isLoadableCase(candidate) {
            suites.append(try loader.callMethod("loadTestsFromTestCase", [candidate]))
        }
        return try loader.attribute("suiteClass")(.list(suites))
    }

    static func loadFromName(_ loader: PyObject, _ name: String, _ given: PyObject) throws -> PyObject {
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var module = given
        if module.isNone {
            var prefix = parts
            while true {
                do {
                    module = try Py.importModule(prefix.joined(separator: "."))
                    break
                } catch {
                    let caught = PyException.caught(error)
                    guard caught.isInstance(of: PyClass.exceptionClass(named: "ImportError")) else { throw caught }
                    let last = prefix.removeLast()
                    if prefix.isEmpty {
                        let message = "Failed to import test module: \(last)\n\(try TracebackModule.formatException(caught.value))\n"
                        return try failedTest(loader, last, try Py.ImportError(PyObject(message)), message)
                    }
                }
            }
            parts.removeFirst()
        }
        var parent = PyObject.none, found = module
        for part in parts {
            do {
                let next = try member(found, part)
                parent = found
                found = next
            } catch let error as PyException where error.isInstance(of: PyClass.attributeError) {
                let message = "Failed to access attribute:\n\(try TracebackModule.formatException(error.value))\n"
                return try failedTest(loader, part, error.value, message)
            }
        }
        if found.heap is PyModule { return try loader.callMethod("loadTestsFromModule", [found]) }
        if isLoadableCase(found) { return try loader.callMethod("loadTestsFromTestCase", [found]) }
        if found.heap is PyFunction, let owner = parent.heap as? PyClass, owner.isSubclass(of: Module.classes.testCase.heap as! PyClass) {
            let instance = try parent(PyObject(parts.last ?? ""))
            if !(try instance.attribute(parts.last ?? "").heap is PyFunction) { return try loader.attribute("suiteClass")(.list([instance])) }
        } else if Module.isInstance(found, Module.classes.testSuite) {
            return found
        }
        guard found.isCallable else { throw PyException.typeError("don't know how to make test from: \(try found.str())") }
        let test = try found()
        if Module.isInstance(test, Module.classes.testSuite) { return test }
        if Module.isInstance(test, Module.classes.testCase) { return try loader.attribute("suiteClass")(.list([test])) }
        throw PyException.typeError("calling \(try found.str()) returned \(try test.str()), not a test")
    }

    static func testLoaderClass() throws -> PyObject {
        try PyObject.makeClass("TestLoader") { namespace in
            namespace["__module__"] = "unittest.loader"
            namespace["testMethodPrefix"] = "test"
            namespace["sortTestMethodsUsing"] = PyObject(PyMethodWrapper(.staticMethod, threeWayCompare))
            namespace["testNamePatterns"] = PyObject.none
            namespace["suiteClass"] = Module.classes.testSuite
            namespace["__init__"] = Module.method("__init__") { arguments in
                try arguments[0].setAttribute("errors", .list([]))
                return .none
            }
            namespace["loadTestsFromTestCase"] = Module.method("loadTestsFromTestCase", ["testCaseClass"]) { arguments in
                try loadFromTestCase(arguments[0], arguments[1])
            }
            namespace["loadTestsFromModule"] = PyObject.function("loadTestsFromModule", PySignature(["self", "module"], varargs: "args",
                                                                                                 keywordOnly: ["pattern"], keywordDefaults: ["pattern": .none])) { arguments in
                try loadFromModule(arguments[0], arguments[1])
            }
            namespace["loadTestsFromName"] = Module.method("loadTestsFromName", ["name", "module"], defaults: [.none]) { arguments in
                try loadFromName(arguments[0], try arguments[1].toString(), arguments[2])
            }
            namespace["loadTestsFromNames"] = Module.method("loadTestsFromNames", ["names", "module"], defaults: [.none]) { arguments in
                let suites = try arguments[1].collect().map { try arguments[0].callMethod("loadTestsFromName", [$0, arguments[2]]) }
                return try arguments[0].attribute("suiteClass")(.list(suites))
            }
            namespace["getTestCaseNames"] = Module.method("getTestCaseNames", ["testCaseClass"]) { arguments in
                try testCaseNames(arguments[0], arguments[1])
            }
            namespace["discover"] = OutsideSurface.refusal("unittest.TestLoader", "discover", "reads test files from disk")
        }
    }

    /// `_makeLoader`, behind the module's `makeSuite` and `getTestCaseNames`.
    static func configuredLoader(_ loaderClass: PyObject, prefix: PyObject, sortUsing: PyObject, patterns: PyObject = .none,
                                 suiteClass: PyObject = .none) throws -> PyObject {
        let loader = try loaderClass()
        try loader.setAttribute("sortTestMethodsUsing", sortUsing)
        try loader.setAttribute("testMethodPrefix", prefix)
        try loader.setAttribute("testNamePatterns", patterns)
        if try suiteClass.truthy() { try loader.setAttribute("suiteClass", suiteClass) }
        return loader
    }

    static func makeSuiteFunction(_ loaderClass: PyObject) -> PyObject {
        PyObject.moduleFunction("unittest", "makeSuite", PySignature(["testCaseClass", "prefix", "sortUsing", "suiteClass"],
                                                                    defaults: ["test", threeWayCompare, Module.classes.testSuite])) { arguments in
            try configuredLoader(loaderClass, prefix: arguments[1], sortUsing: arguments[2], suiteClass: arguments[3])
                .callMethod("loadTestsFromTestCase", [arguments[0]])
        }
    }

    static func getTestCaseNamesFunction(_ loaderClass: PyObject) -> PyObject {
        PyObject.moduleFunction("unittest", "getTestCaseNames", PySignature(["testCaseClass", "prefix", "sortUsing", "testNamePatterns"],
                                                                           defaults: [threeWayCompare, .none])) { arguments in
            try configuredLoader(loaderClass, prefix: arguments[1], sortUsing: arguments[2], patterns: arguments[3])
                .callMethod("getTestCaseNames", [arguments[0]])
        }
    }
}
