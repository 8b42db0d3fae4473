import Foundation
import Testing
@testable import PythonFrontEnd

/// Node positions against CPython's `lineno`/`col_offset`/`end_lineno`/`end_col_offset`, on ASCII
/// sources (where CPython's byte offsets and Loom's scalar columns agree).
@Suite struct PositionTests {
    func loomDump(_ source: String, firstLine: Int = 1, indent: Int = 0) -> String {
        do {
            let module = try PythonParser.parse(source, firstLine: firstLine, indent: indent)
            return ASTDump.dumpWithAttributes(module, firstLine: firstLine, indent: indent)
        } catch {
            return "ERROR: \(error.message)"
        }
    }

    func firstDifference(_ actual: String, _ expected: String) -> String {
        let common = zip(actual, expected).prefix { $0 == $1 }.count
        let from = max(0, common - 150)
        return "differs at \(common): loom …\(actual.dropFirst(from).prefix(260))… cpython …\(expected.dropFirst(from).prefix(260))…"
    }

    @Test(arguments: ["statements.py", "definitions.py", "match.py", "tricky.py", "tricky2.py", "expressions.py", "literals.py", "fstrings.py"])
    func corpusPositionsMatchCPython(_ name: String) throws {
        let source = try String(contentsOf: PythonOracle.corpusDirectory.appendingPathComponent(name), encoding: .utf8)
        let asciiLines = source.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        let ascii = asciiLines.joined(separator: "\n")
        let expected = try PythonOracle.dumps([ascii], includeAttributes: true)[0]
        #expect(!expected.hasPrefix("ERROR"), "CPython refuses \(name): \(expected)")
        #expect(expected.contains("end_col_offset"))
        let actual = loomDump(ascii)
        #expect(actual == expected, "\(name) \(firstDifference(actual, expected))")
    }

    @Test func snippetOriginShiftsEveryPosition() throws {
        let module = try PythonParser.parse("if x:\n    y = f(1)\n", firstLine: 81, indent: 3)
        #expect(module.body[0].range == SourceRange(start: Position(line: 81, column: 4), end: Position(line: 82, column: 16)))
        guard case .if(_, let body, _) = module.body[0].kind, case .assign(_, let value) = body[0].kind else {
            Issue.record("unexpected tree")
            return
        }
        #expect(value.range == SourceRange(start: Position(line: 82, column: 12), end: Position(line: 82, column: 16)))
    }
}
