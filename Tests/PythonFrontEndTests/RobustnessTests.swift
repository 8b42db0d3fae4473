import Foundation
import LoomCore
import Testing
@testable import PythonFrontEnd
import SeededRandom

/// Hostile input ends in diagnostics: never a crash, a stack overflow or super-linear time.
@Suite struct RobustnessTests {
    func parseError(_ source: String) -> PythonSyntaxError? {
        do {
            _ = try PythonParser.parse(source)
            return nil
        } catch {
            return error
        }
    }

    @Test func tenThousandNestedParenthesesAreRefusedLikeCPython() {
        let error = parseError(String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000))
        #expect(error?.message == "too many nested parentheses")
        #expect(error?.column == 200)
    }

    @Test func nestingJustUnderTheLimitParsesAndDumps() throws {
        let depth = Lexer.maxParenDepth - 1
        let source = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + "\n"
        let module = try PythonParser.parse(source)
        #expect(ASTDump.dump(module).hasPrefix("Module(body=[Expr(value=List(elts=[List("))
    }

    /// The deepest trees the limits allow, mixing brackets with the other nesting constructs, parse,
    /// dump and analyse without exhausting the stack of a test thread.
    @Test(arguments: ["(-", "(not ", "[lambda: ", "f(", "{1: ", "(a if b else ", "x[", "(yield ", "f'{", "{*"])
    func deepestMixedNestingStaysOnTheStack(_ opening: String) {
        let closing: String
        switch opening.last {
        case "(": closing = ")"
        case "[": closing = "]"
        case "{": closing = opening == "f'{" ? "}'" : "}"
        default: closing = opening.hasPrefix("[") ? "]" : opening.hasPrefix("{") ? "}" : ")"
        }
        for depth in [50, 199] {
            let source = String(repeating: opening, count: depth) + "1" + String(repeating: closing, count: depth) + "\n"
            if let module = try? PythonParser.parse(source) { _ = ASTDump.dump(module) }
            _ = SessionAnalyzer.analyze(snippets: [Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, code: source)], file: "d.md")
        }
    }

    @Test(arguments: ["-", "not ", "~", "lambda: ", "1 if 2 else ", "2**", "await ", "x.", "f()", "a + ", "a[0]"])
    func longChainsEndInAResultOrADiagnostic(_ link: String) {
        for count in [999, 100_000] {
            let source = String(repeating: link, count: count) + "1\n"
            if let error = parseError(source) {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func deepChainsAreRefusedAsCPythonRefusesThem() {
        #expect(parseError(String(repeating: "1+", count: 100_000) + "1")?.message == "too many nested expressions")
        #expect(parseError(String(repeating: "-", count: 100_000) + "1")?.message == "too many nested expressions")
        #expect(parseError(String(repeating: "-", count: 500) + "1") == nil)
    }

    @Test func indentationDeeperThanCPythonAllowsIsAnIndentationError() {
        var source = ""
        for level in 0..<150 { source += String(repeating: " ", count: level) + "if x:\n" }
        source += String(repeating: " ", count: 150) + "pass\n"
        let error = parseError(source)
        #expect(error?.kind == .indentation)
        #expect(error?.message == "too many levels of indentation")
    }

    @Test func aFiveMegabyteSnippetParses() throws {
        let line = "result = compute(alpha, beta[1:2], {'k': 3.5}, *rest) + f'{x!r:>10}'\n"
        let source = String(repeating: line, count: 4_000_000 / line.utf8.count)
        let module = try PythonParser.parse(source)
        #expect(module.body.count == 4_000_000 / line.utf8.count)
        // One megabyte on a single line: columns are counted incrementally, not from the line start.
        let longLine = String(repeating: "x, ", count: 333_333) + "y\n"
        let tuple = try PythonParser.parse(longLine)
        guard case .expr(let value) = tuple.body[0].kind, case .tuple(let elements, _) = value.kind else {
            Issue.record("expected one tuple")
            return
        }
        #expect(elements.last?.range.start == Position(line: 1, column: 1_000_000))
    }

    @Test func nulBytesAreADiagnostic() {
        #expect(parseError("x = 1\0\n")?.message == "source code cannot contain null bytes")
        let analysis = SessionAnalyzer.analyze(snippets: [Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, code: "\0")], file: "n.md")
        #expect(analysis.diagnostics.map(\.formatted) == ["n.md:2:1: error: source code cannot contain null bytes"])
    }

    @Test func invalidUTF8DecodedAsReplacementCharacterIsADiagnostic() {
        let source = String(decoding: [0x78, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A], as: UTF8.self)
        #expect(parseError(source)?.message == "invalid character '\u{FFFD}' (U+FFFD)")
        #expect(parseError("s = '\u{FFFD}'\n") == nil)
    }

    @Test func unclosedStringsSayWhereTheyStarted() {
        let triple = parseError("x = 1\ny = '''never\nclosed\n")
        #expect(triple?.message == "unterminated triple-quoted string literal (detected at line 4)")
        #expect(triple?.line == 2)
        #expect(triple?.column == 4)
        #expect(parseError("x = 'open\n")?.message == "unterminated string literal (detected at line 1)")
    }

    @Test func tabsAndSpacesMixedInconsistentlyAreATabError() {
        let error = parseError("if x:\n\tif y:\n        pass\n")
        #expect(error?.kind == .tab)
        #expect(error?.message == "inconsistent use of tabs and spaces in indentation")
        #expect(parseError("if x:\n\ty = 1\n\tz = 2\n") == nil)
        #expect(parseError("if x:\n    y = 1\n  z = 2\n")?.message == "unindent does not match any outer indentation level")
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("()[]{}:;,.+-*/%&|^~<>=!@'\"\\#\n\t abcdefxyz0123456789_jJeE".utf8) + [0, 0xC3, 0xA9, 0xFF]
        for _ in 0..<3000 {
            let length = Int(generator.next() % 80)
            var bytes: [UInt8] = []
            for _ in 0..<length { bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let source = String(decoding: bytes, as: UTF8.self)
            if let module = try? PythonParser.parse(source) { _ = ASTDump.dump(module) }
            _ = SessionAnalyzer.analyze(snippets: [Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, code: source)], file: "r.md")
        }
    }

    /// CPython refuses exactly what Loom refuses, on a list of near-misses.
    @Test func invalidSourcesAreRefusedByBoth() throws {
        let sources = [
            "x = = 1\n", "def f(a=1, b): pass\n", "f(x for x in y, 1)\n", "1 = x\n", "f() = 1\n", "del f()\n",
            "x += 1, = 2\n", "class\n", "if x:\npass\n", "  x = 1\n", "x = (1, 2\n", "x = 1)\n", "[1, 2}\n",
            "f'{}'\n", "f'{x!z}'\n", "f'}'\n", "f'{x'\n", "b'é'\n", "'a' b'b'\n", "0777\n", "1__0\n", "0x\n",
            "1_\n", "lambda x: (yield)\n", "def f(*): pass\n", "def f(**k, a): pass\n", "import a.\n",
            "from x import a,\n", "try:\n    pass\n", "try:\n    pass\nexcept* :\n    pass\n", "with a as 1: pass\n",
            "for 1 in x: pass\n", "a, *b, c = d\n", "x: int, y: int = 1, 2\n", "match x:\n    case 1+1: pass\n",
            "print 'x'\n", "x = yield = 1\n", "async x = 1\n", "nonlocal\n", "f(**a, *b)\n", "f(a=1, b)\n",
            "x = $\n", "x = `1`\n", "x <> y\n", "a if b\n", "def f(a, a): pass\n", "'\\N{NOT A NAME}'\n",
            "'\\x4'\n", "f'{a#}'\n", "f'{\\n}'\n", "f'{x:{y:{z}}}'\n",
        ]
        let expected = try PythonOracle.dumps(sources)
        for (source, reference) in zip(sources, expected) {
            let loomRefuses = parseError(source) != nil
            #expect(loomRefuses == reference.hasPrefix("ERROR"), "source: \(source) cpython: \(reference)")
        }
    }
}


/// Inputs the fuzzer found crashing, kept as regression tests.
@Suite struct FuzzRegressionTests {
    static let crashers: [[UInt8]] = [
        // A carriage return inside a triple-quoted string, then a repairable line.
        [0x78, 0x20, 0x3D, 0x20, 0x20, 0x22, 0x22, 0x22, 0x61, 0x69, 0x66, 0x20, 0xCF, 0x9E, 0x3A, 0x74, 0x74, 0x74,
         0x74, 0x74, 0x74, 0x74, 0x74, 0x74, 0x74, 0x74, 0x74, 0xFF, 0x71, 0x0D, 0x3D, 0x0A, 0x74, 0x74, 0x74, 0x74,
         0x74, 0x74, 0x74, 0x74, 0x74, 0x74, 0x72, 0x22, 0x22, 0x22, 0x0D, 0x74, 0x74, 0x74, 0x74, 0x74, 0x6F, 0x70,
         0x0A, 0x4F, 0x74, 0x74, 0x69, 0x6F, 0x2D, 0x6E, 0x61, 0x6C, 0x0A],
    ]

    @Test(arguments: crashers)
    func crasherEndsInDiagnostics(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        if let module = try? PythonParser.parse(source) { _ = ASTDump.dump(module) }
        let snippet = Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, indent: 2, code: source)
        let analysis = SessionAnalyzer.analyze(snippets: [snippet, snippet], file: "fuzz.md")
        #expect(analysis.cells.count == 2)
    }
}
