import Foundation
import Testing
@testable import PythonFrontEnd

/// Loom's dump must equal CPython's `ast.dump(ast.parse(source))`, byte for byte.
@Suite struct ASTDumpTests {
    static let corpusFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: PythonOracle.corpusDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".py") }.sorted()
    }()

    func loomDump(_ source: String) -> String {
        do {
            return ASTDump.dump(try PythonParser.parse(source))
        } catch {
            return "ERROR: \(error.message) (line \(error.line), column \(error.column))"
        }
    }

    /// Where two dumps part, with some context, so that a failure is readable.
    func firstDifference(_ actual: String, _ expected: String) -> String {
        let common = zip(actual, expected).prefix { $0 == $1 }.count
        let from = max(0, common - 120)
        return "differs at \(common): loom …\(actual.dropFirst(from).prefix(240))… cpython …\(expected.dropFirst(from).prefix(240))…"
    }

    @Test(arguments: corpusFiles)
    func corpusFileDumpsAsCPythonDoes(_ name: String) throws {
        let data = try Data(contentsOf: PythonOracle.corpusDirectory.appendingPathComponent(name))
        let source = String(decoding: data, as: UTF8.self)
        let expected = try PythonOracle.dumps([source])
        #expect(!expected[0].hasPrefix("ERROR"), "CPython refuses the corpus file \(name): \(expected[0])")
        let actual = loomDump(source)
        #expect(actual == expected[0], "\(name) \(firstDifference(actual, expected[0]))")
    }

    @Test func anExpressionDumpsAsItsNodeAlone() throws {
        let module = try PythonParser.parse("f(a, *b, k=1)\n")
        guard case .expr(let value) = module.body[0].kind else {
            Issue.record("expected an expression statement")
            return
        }
        #expect(ASTDump.dump(value) == "Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='k', value=Constant(value=1))])")
    }

    /// Each line of each corpus file on its own, so that a difference points at one construct.
    @Test func everySimpleCorpusLineDumpsAsCPythonDoes() throws {
        var sources: [String] = []
        for name in Self.corpusFiles {
            let data = try Data(contentsOf: PythonOracle.corpusDirectory.appendingPathComponent(name))
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("\t") {
                sources.append(String(line) + "\n")
            }
        }
        let expected = try PythonOracle.dumps(sources)
        for (source, reference) in zip(sources, expected) where !reference.hasPrefix("ERROR") {
            let actual = loomDump(source)
            #expect(actual == reference, "source: \(source) \(firstDifference(actual, reference))")
        }
    }
}
