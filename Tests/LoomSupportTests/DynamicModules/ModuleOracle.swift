import Foundation
import Testing
@testable import LoomSupport

/// One observation of a module, made twice: by CPython running `python`, and by the support
/// library running `swift` over `PyObject`. `python` is statements whose last line is the
/// expression observed; the observation is its `repr`, or the exception's last traceback line.
struct ModuleCase {
    var python: String
    var swift: () throws -> PyObject
    /// Also compare what the case printed (stdout and stderr as one text), for logging.
    var comparesOutput = false

    init(_ python: String, printed: Bool = false, _ swift: @escaping () throws -> PyObject) {
        self.python = python
        self.swift = swift
        comparesOutput = printed
    }
}

enum ModuleOracle {
    /// Object addresses differ between runs and implementations.
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(of: "0x[0-9a-fA-F]+", with: "0x…", options: .regularExpression)
    }

    static func swiftObservation(_ testCase: ModuleCase) -> String {
        do {
            return try testCase.swift().repr()
        } catch {
            return PyException.caught(error).exceptionLine
        }
    }

    /// Runs every case's Python in one interpreter; each gives one JSON string.
    static func pythonObservations(_ cases: [ModuleCase], imports: [String]) throws -> [String] {
        var script = "import json, sys, traceback, io, contextlib\n"
        for module in imports { script += "import \(module)\n" }
        script += """
        def observe(case):
            try:
                return repr(case())
            except BaseException as error:
                return traceback.format_exception_only(type(error), error)[-1].strip()

        """
        for (index, testCase) in cases.enumerated() {
            var lines = testCase.python.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let last = lines.removeLast()
            script += "def case_\(index)():\n"
            for line in lines { script += "    \(line)\n" }
            script += "    return \(last)\n"
            script += "print(json.dumps(observe(case_\(index))))\n"
        }
        let lines = try PythonOracle.lines(script)
        return try lines.map { try JSONDecoder().decode(String.self, from: Data($0.utf8)) }
    }

    /// Compares every case and records each disagreement; returns how many agreed.
    @discardableResult
    static func check(_ cases: [ModuleCase], imports: [String], label: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let expected = try pythonObservations(cases, imports: imports)
        #expect(expected.count == cases.count, "python gave \(expected.count) answers for \(cases.count) cases", sourceLocation: sourceLocation)
        var agreed = 0
        for (testCase, python) in zip(cases, expected) {
            let swift = swiftObservation(testCase)
            if masked(swift) == masked(python) {
                agreed += 1
            } else {
                Issue.record("\(label): \(testCase.python)\n  python: \(python)\n  swift:  \(swift)", sourceLocation: sourceLocation)
            }
        }
        print("\(label): \(agreed)/\(cases.count) cases agree with CPython")
        return agreed
    }
}

/// `import m` through the runtime's import cache.
func module(_ name: String) throws -> PyObject { try Py.importModule(name) }

/// A Python list literal's `PyObject`.
func pyList(_ values: [Int]) -> PyObject { .list(values.map { PyObject($0) }) }
