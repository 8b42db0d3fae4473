/// `unittest.main` (`TestProgram`): reads its `argv` as CPython's argument parser does for the
/// options a note can use, loads the note's tests (or the named ones), runs them with a
/// `TextTestRunner`, and raises `SystemExit` unless `exit=False`.
extension UnittestLoader {
    /// The options `unittest.main` understands, in its usage line's order; `-f`, `-c`, `-b` and
    /// `-k` only when the call left them to the command line.
    struct Options {
        var failfast: Bool, catchbreak: Bool, buffer: Bool, patterns: Bool

        var usageParts: [String] {
            ["[-h]", "[-v]", "[-q]", "[--locals]"] + (failfast ? ["[-f]"] : []) + (catchbreak ? ["[-c]"] : [])
                + (buffer ? ["[-b]"] : []) + (patterns ? ["[-k TESTNAMEPATTERNS]"] : [])
        }

        /// argparse's usage line, wrapped at 78 columns (a pipe's 80, less argparse's margin).
        func usage(_ program: String) -> String {
            let prefix = "usage: ", width = 78
            let positional = ["[tests ...]"]
            let oneLine = ([program].filter { !$0.isEmpty } + usageParts + positional).joined(separator: " ")
            if prefix.count + oneLine.count <= width { return prefix + oneLine }
            let indent = String(repeating: " ", count: prefix.count + program.count + 1)
            func wrap(_ parts: [String], firstLinePrefix: String?) -> [String] {
                var lines: [String] = [], line: [String] = []
                var length = (firstLinePrefix?.count ?? indent.count) - 1
                for part in parts {
                    if length + 1 + part.count > width && !line.isEmpty {
                        lines.append(indent + line.joined(separator: " "))
                        line = []
                        length = indent.count - 1
                    }
                    line.append(part)
                    length += part.count + 1
                }
                if !line.isEmpty { lines.append(indent + line.joined(separator: " ")) }
                if firstLinePrefix != nil, !lines.isEmpty { lines[0] = String(lines[0].dropFirst(indent.count)) }
                return lines
            }
            return prefix + (wrap([program] + usageParts, firstLinePrefix: prefix) + wrap(positional, firstLinePrefix: nil)).joined(separator: "\n")
        }

        func help(_ program: String) -> String {
            var lines = [usage(program), "", "positional arguments:",
                         "  tests                a list of any number of test modules, classes and test",
                         "                       methods.", "", "options:",
                         "  -h, --help           show this help message and exit",
                         "  -v, --verbose        Verbose output",
                         "  -q, --quiet          Quiet output",
                         "  --locals             Show local variables in tracebacks"]
            if failfast { lines.append("  -f, --failfast       Stop on first fail or error") }
            if catchbreak { lines.append("  -c, --catch          Catch Ctrl-C and display results so far") }
            if buffer { lines.append("  -b, --buffer         Buffer stdout and stderr during tests") }
            if patterns { lines.append("  -k TESTNAMEPATTERNS  Only run tests which match the given substring") }
            lines += ["", "Examples:",
                      "  \(program)                           - run default set of tests",
                      "  \(program) MyTestSuite               - run suite 'MyTestSuite'",
                      "  \(program) MyTestCase.testSomething  - run MyTestCase.testSomething",
                      "  \(program) MyTestCase                - run all 'test*' test methods",
                      "                                       in MyTestCase", ""]
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// `parseArgs` for `argv[1:]`: sets the program's verbosity, failfast, catchbreak, buffer,
    /// tb_locals and testNamePatterns, and returns the test names given.
    static func parseArguments(_ program: PyObject, _ arguments: [String], _ name: String, _ options: Options) throws -> [String] {
        var tests: [String] = []
        func unrecognized(_ rest: [String]) throws -> Never {
            Output.write(options.usage(name) + "\n\(name): error: unrecognized arguments: \(rest.joined(separator: " "))\n", to: .stderr)
            throw try PyException(raising: try Py.SystemExit(2))
        }
        func flag(_ letter: Character) throws -> Bool {
            switch letter {
            case "h":
                Output.write(options.help(name), to: .stdout)
                throw try PyException(raising: try Py.SystemExit(0))
            case "v": try program.setAttribute("verbosity", 2)
            case "q": try program.setAttribute("verbosity", 0)
            case "f" where options.failfast: try program.setAttribute("failfast", true)
            case "c" where options.catchbreak: try program.setAttribute("catchbreak", true)
            case "b" where options.buffer: try program.setAttribute("buffer", true)
            default: return false
            }
            return true
        }
        func addPattern(_ pattern: String) throws {
            try program.attribute("testNamePatterns").callMethod("append", [PyObject(pattern.contains("*") ? pattern : "*\(pattern)*")])
        }
        let long: [String: Character] = ["--help": "h", "--verbose": "v", "--quiet": "q", "--failfast": "f", "--catch": "c", "--buffer": "b"]
        var rejected: [String] = []
        var index = 0, onlyPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositional || !argument.hasPrefix("-") || argument == "-" {
                tests.append(argument)
            } else if argument == "--" {
                onlyPositional = true
            } else if argument == "--locals" {
                try program.setAttribute("tb_locals", true)
            } else if argument.hasPrefix("--") {
                if let letter = long[argument], try flag(letter) { continue }
                rejected.append(argument)
            } else {
                var letters = Array(argument.dropFirst())
                while let letter = letters.first {
                    letters.removeFirst()
                    if letter == "k" && options.patterns {
                        if !letters.isEmpty {
                            try addPattern(String(letters))
                        } else if index < arguments.count {
                            try addPattern(arguments[index])
                            index += 1
                        } else {
                            Output.write(options.usage(name) + "\n\(name): error: argument -k: expected one argument\n", to: .stderr)
                            throw try PyException(raising: try Py.SystemExit(2))
                        }
                        break
                    }
                    if try !flag(letter) {
                        rejected.append(argument)
                        break
                    }
                }
            }
        }
        if !rejected.isEmpty { try unrecognized(rejected) }
        return tests
    }

    static func testProgramClass(defaultLoader: PyObject) throws -> PyObject {
        try PyObject.makeClass("TestProgram") { namespace in
            namespace["__module__"] = "unittest.main"
            namespace["module"] = PyObject.none
            namespace["verbosity"] = 1
            for name in ["failfast", "catchbreak", "buffer", "progName", "warnings", "testNamePatterns"] { namespace[name] = PyObject.none }
            namespace["__init__"] = PyObject.function("__init__", PySignature(
                ["self", "module", "defaultTest", "argv", "testRunner", "testLoader", "exit", "verbosity", "failfast", "catchbreak", "buffer", "warnings"],
                defaults: ["__main__", .none, .none, .none, defaultLoader, true, 1, .none, .none, .none, .none],
                keywordOnly: ["tb_locals"], keywordDefaults: ["tb_locals": false])) { arguments in
                try start(arguments)
                return .none
            }
            namespace["runTests"] = UnittestModule.method("runTests") { arguments in
                try runTests(arguments[0])
                return .none
            }
        }
    }

    private static func start(_ arguments: [PyObject]) throws {
        let program = arguments[0]
        var module = arguments[1]
        if module.isStr {
            let path = try module.toString().split(separator: ".").map(String.init)
            module = path.first == "__main__" ? mainModule : try Py.importModule(path.first ?? "")
            for part in path.dropFirst() { module = try module.attribute(part) }
        }
        try program.setAttribute("module", module)
        let argv = arguments[3].isNone ? try Py.importModule("sys").attribute("argv") : arguments[3]
        let names = ["exit": 6, "failfast": 8, "catchbreak": 9, "verbosity": 7, "buffer": 10, "tb_locals": 12, "defaultTest": 2,
                     "testRunner": 4, "testLoader": 5]
        for (name, index) in names { try program.setAttribute(name, arguments[index]) }
        // CPython turns on DeprecationWarnings for the run unless told otherwise; no warnings are shown here.
        try program.setAttribute("warnings", arguments[11].isNone ? "default" : arguments[11])
        let commandLine = try argv.collect().map { try $0.toString() }
        let programName = String((commandLine.first ?? "").split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        try program.setAttribute("progName", PyObject(programName))
        let options = Options(failfast: arguments[8].isNone, catchbreak: arguments[9].isNone, buffer: arguments[10].isNone,
                              patterns: try program.attribute("testNamePatterns").isNone)
        if options.failfast { try program.setAttribute("failfast", false) }
        if options.catchbreak { try program.setAttribute("catchbreak", false) }
        if options.buffer { try program.setAttribute("buffer", false) }
        if options.patterns { try program.setAttribute("testNamePatterns", .list([])) }
        let tests = try parseArguments(program, Array(commandLine.dropFirst()), programName, options)
        let defaultTest = arguments[2]
        var testNames: PyObject
        if !tests.isEmpty {
            testNames = .list(tests.map { PyObject($0) })
        } else if defaultTest.isNone {
            testNames = .none
        } else if defaultTest.isStr {
            testNames = .tuple([defaultTest])
        } else {
            testNames = .list(try defaultTest.collect())
        }
        try program.setAttribute("testNames", testNames)
        if module.isNone && testNames.isNone {
            throw OutsideSurface.error("unittest.main(module=None)", "discovers test files on disk")
        }
        let loader = try program.attribute("testLoader")
        let patterns = try program.attribute("testNamePatterns")
        if try patterns.truthy() { try loader.setAttribute("testNamePatterns", patterns) }
        let test = testNames.isNone ? try loader.callMethod("loadTestsFromModule", [module])
                                    : try loader.callMethod("loadTestsFromNames", [testNames, module])
        try program.setAttribute("test", test)
        try program.callMethod("runTests")
    }

    private static func runTests(_ program: PyObject) throws {
        var runner = try program.attribute("testRunner")
        if runner.isNone {
            runner = UnittestModule.classes.textTestRunner
            try program.setAttribute("testRunner", runner)
        }
        if runner.heap is PyClass {
            let settings = try ["verbosity", "failfast", "buffer", "warnings"].map { ($0, try program.attribute($0)) }
            func isTypeError(_ error: any Error) -> Bool { PyException.caught(error).isInstance(of: PyClass.typeError) }
            do {
                do {
                    runner = try runner.call([], keywords: settings + [("tb_locals", try program.attribute("tb_locals"))])
                } catch let error where isTypeError(error) {
                    runner = try runner.call([], keywords: settings)
                }
            } catch let error where isTypeError(error) {
                runner = try runner()
            }
        }
        let result = try runner.callMethod("run", [try program.attribute("test")])
        try program.setAttribute("result", result)
        if try program.attribute("exit").truthy() {
            throw try PyException(raising: try Py.SystemExit(PyObject(try !result.callMethod("wasSuccessful").truthy())))
        }
    }
}
