import Foundation
import LoomCore
import Testing
@testable import PythonFrontEnd

/// Snippets of a Markdown note, by a minimal fence scan (the real extraction is another stage's).
func fencedSnippets(of note: String) -> [Snippet] {
    let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
    var snippets: [Snippet] = []
    var openFence: Int?
    var code: [Substring] = []
    for (offset, line) in lines.enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if let fence = openFence {
            if trimmed == "```" {
                snippets.append(Snippet(index: snippets.count + 1, infoString: "py", fenceLine: fence + 1,
                                        firstCodeLine: fence + 2, code: code.map { $0 + "\n" }.joined()))
                openFence = nil
            } else {
                code.append(line)
            }
        } else if trimmed.hasPrefix("```") && trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).hasPrefix("py") {
            openFence = offset
            code = []
        }
    }
    return snippets
}

func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

func analyze(_ cells: String..., file: String = "note.md") -> SessionAnalysis {
    var line = 1
    var snippets: [Snippet] = []
    for (offset, code) in cells.enumerated() {
        snippets.append(Snippet(index: offset + 1, infoString: "py", fenceLine: line, firstCodeLine: line + 1, code: code))
        line += code.filter { $0 == "\n" }.count + 2
    }
    return SessionAnalyzer.analyze(snippets: snippets, file: file)
}

@Suite struct SeedNoteTests {
    @Test func threadingNoteGetsExactlyItsFourRepairs() throws {
        let snippets = fencedSnippets(of: try fixture("threading.md"))
        #expect(snippets.map(\.fenceLine) == [13, 58, 80])
        #expect(snippets.map(\.firstCodeLine) == [14, 59, 81])
        let analysis = SessionAnalyzer.analyze(snippets: snippets, file: "threading.md")
        let printed = analysis.diagnostics.map(\.formatted)
        #expect(printed == [
            "threading.md:86:5: warning: repaired: misspelled keyword `reutrn` read as `return`",
            "threading.md:89:5: warning: repaired: `secs - [5, 4, 3, 2, 1]` read as `secs = [5, 4, 3, 2, 1]`: `secs` is not bound before, so `-` was meant as `=`",
            "threading.md:100:5: warning: repaired: `secs - [5, 4, 3, 2, 1]` read as `secs = [5, 4, 3, 2, 1]`: `secs` is not bound before, so `-` was meant as `=`",
            "threading.md:104:9: warning: repaired: Python 2 print statement `print result` read as `print(result)`",
        ])
        #expect(analysis.repairs.map(\.fix) == [
            Diagnostic.Fix(original: "reutrn", replacement: "return"),
            Diagnostic.Fix(original: "secs - [5, 4, 3, 2, 1]", replacement: "secs = [5, 4, 3, 2, 1]"),
            Diagnostic.Fix(original: "secs - [5, 4, 3, 2, 1]", replacement: "secs = [5, 4, 3, 2, 1]"),
            Diagnostic.Fix(original: "print result", replacement: "print(result)"),
        ])
        #expect(analysis.errorCount(strict: false) == 0)
        #expect(analysis.errorCount(strict: true) == 4)
        #expect(analysis.cells.allSatisfy { $0.module != nil })
    }

    @Test func repairedSeedSourceIsWhatCPythonParses() throws {
        let snippets = fencedSnippets(of: try fixture("threading.md"))
        let analysis = SessionAnalyzer.analyze(snippets: snippets, file: "threading.md")
        let third = try #require(analysis.cells.last)
        #expect(third.repairedSource.contains("    return 'Done Sleeping'\n"))
        #expect(third.repairedSource.contains("    secs = [5, 4, 3, 2, 1]\n"))
        #expect(third.repairedSource.contains("        print(result)\n"))
        let expected = try PythonOracle.dumps(analysis.cells.map(\.repairedSource))
        for (cell, reference) in zip(analysis.cells, expected) {
            #expect(!reference.hasPrefix("ERROR"))
            #expect(cell.module.map(ASTDump.dump) == reference)
        }
    }

    @Test func laterCellsSeeNamesOfEarlierOnes() throws {
        let snippets = fencedSnippets(of: try fixture("threading.md"))
        let analysis = SessionAnalyzer.analyze(snippets: snippets, file: "threading.md")
        #expect(analysis.cells[0].definedNames == ["time", "start", "do_something", "finish"])
        #expect(analysis.cells[1].namesFromEarlierCells == ["time"])
        #expect(analysis.cells[1].definedNames == ["threading", "do_something", "threads", "_", "t", "thread"])
        #expect(analysis.cells[2].namesFromEarlierCells == ["time"])
        #expect(analysis.cells[2].definedNames.contains("secs"))
    }

    @Test func nodePositionsAreNoteLinesAndColumns() throws {
        let snippets = fencedSnippets(of: try fixture("threading.md"))
        let analysis = SessionAnalyzer.analyze(snippets: snippets, file: "threading.md")
        let module = try #require(analysis.cells[2].module)
        guard case .functionDef(let function) = module.body[1].kind else {
            Issue.record("expected the function definition second")
            return
        }
        #expect(module.body[1].range.start == Position(line: 83, column: 1))
        #expect(function.body[2].range.start == Position(line: 86, column: 5))
        #expect(function.body[2].range.end == Position(line: 86, column: 27))
    }
}

@Suite struct RepairTests {
    @Test(arguments: [
        ("def f(x):\n    retrun x\n", "def f(x):\n    return x\n"),
        ("improt time\n", "import time\n"),
        ("whlie True:\n    pass\n", "while True:\n    pass\n"),
        ("for x in range(3):\n    contniue\n", "for x in range(3):\n    continue\n"),
        ("def f():\n    reutrn 'x'\n", "def f():\n    return 'x'\n"),
        ("x = 1\nfi x > 0:\n    pass\n", "x = 1\nif x > 0:\n    pass\n"),
    ])
    func misspelledKeywordIsRepaired(source: String, repaired: String) throws {
        let analysis = analyze(source)
        #expect(analysis.cells[0].repairedSource == repaired)
        #expect(analysis.repairs.count == 1)
        #expect(analysis.errorCount(strict: false) == 0)
        #expect(analysis.cells[0].module != nil)
    }

    @Test func aBoundNameIsNotTakenForAKeyword() {
        // `retur` is a variable here, so `retur x` is a plain syntax error, not a typo of `return`.
        let analysis = analyze("retur = 1\nretur x\n")
        #expect(analysis.repairs.isEmpty)
        #expect(analysis.errorCount(strict: false) == 1)
    }

    @Test(arguments: [
        ("print x\n", "print(x)\n"),
        ("x = 1\nprint x, x\n", "x = 1\nprint(x, x)\n"),
        ("print 'a' % 3\n", "print('a' % 3)\n"),
        ("print 'no newline',\n", "print('no newline', end=' ')\n"),
        ("print 'x'  # comment\n", "print('x')  # comment\n"),
        ("print\n", "print()\n"),
    ])
    func pythonTwoPrintIsRepaired(source: String, repaired: String) {
        let analysis = analyze(source)
        #expect(analysis.cells[0].repairedSource == repaired)
        #expect(analysis.repairs.count == 1)
        #expect(analysis.errorCount(strict: false) == 0)
    }

    @Test func printChevronIsRefusedWithThePythonThreeSpelling() {
        let analysis = analyze("import sys\nprint >>sys.stderr, 'x'\n")
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:3:1: error: Python 2 `print >>file, …` is not supported: write `print(…, file=file)`",
        ])
    }

    @Test func minusIsNotRepairedWhenTheNameIsBound() {
        let analysis = analyze("secs = [1]\n", "secs - [5]\n")
        #expect(analysis.repairs.isEmpty)
        #expect(analysis.cells[1].repairedSource == "secs - [5]\n")
    }

    @Test func minusIsRepairedInEachCellWhenOnlySuchStatementsBindTheName() {
        // Only `NAME - expr` statements bind `total`, so both are read as assignments.
        let analysis = analyze("total - 0\n", "total - 1\nprint(total)\n")
        #expect(analysis.repairs.count == 2)
        #expect(analysis.cells[1].repairedSource == "total = 1\nprint(total)\n")
    }

    @Test func misspelledNameWithOneCloseBoundNameIsRepaired() {
        let analysis = analyze("results = [1, 2]\n", "for r in reslts:\n    print(r)\n")
        #expect(analysis.cells[1].repairedSource == "for r in results:\n    print(r)\n")
        #expect(analysis.repairs.map(\.fix) == [Diagnostic.Fix(original: "reslts", replacement: "results")])
    }

    @Test func ambiguousMisspellingOnlySuggests() {
        let analysis = analyze("cat = 1\ncar = 2\nprint(cas)\n")
        #expect(analysis.repairs.isEmpty)
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:4:7: warning: `cas` is not defined in this snippet or an earlier one",
        ])
        let short = analyze("xs = 1\nprint(xz)\n")
        #expect(short.diagnostics.map(\.formatted) == [
            "note.md:3:7: warning: `xz` is not defined in this snippet or an earlier one",
            "note.md:3:7: note: did you mean `xs`?",
        ])
    }

    @Test func unknownNameIsAWarningWithItsLine() {
        let analysis = analyze("import time\n", "time.sleep(1)\nundefined_thing()\n")
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:6:1: warning: `undefined_thing` is not defined in this snippet or an earlier one",
        ])
    }

    @Test func functionBodiesMayUseNamesThatLaterCellsBind() {
        let analysis = analyze("def report():\n    return helper() + missing\n", "def helper():\n    return 1\nprint(report())\n")
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:3:23: warning: `missing` is not defined in this snippet or an earlier one",
        ])
        #expect(analysis.cells[0].diagnostics.count == 1)
    }

    @Test func syntaxErrorSaysWhatWasExpectedAndWhere() {
        // (A header missing only its final `:` is repaired; one with more after it is not.)
        let analysis = analyze("x = 1\nif x pass\n")
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:3:6: error: invalid syntax: expected ':', found 'pass'",
        ])
        #expect(analysis.cells[0].module == nil)
    }

    @Test func missingBlockNamesTheNoteLineOfItsHeader() {
        let analysis = analyze("x = 1\nif x:\npass\n")
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:4:1: error: IndentationError: expected an indented block after 'if' statement on line 3",
        ])
    }

    @Test func indentedFenceShiftsColumns() {
        let snippet = Snippet(index: 1, infoString: "py", fenceLine: 10, firstCodeLine: 11, indent: 4, code: "x = (1,\n")
        let analysis = SessionAnalyzer.analyze(snippets: [snippet], file: "list.md")
        #expect(analysis.diagnostics.map(\.formatted) == ["list.md:11:9: error: '(' was never closed"])
    }
}

@Suite struct LineEndingTests {
    @Test func repairsKeepWindowsLineEndings() {
        let analysis = analyze("x = 1\r\nprint x\r\npas\r\n")
        #expect(analysis.cells[0].repairedSource == "x = 1\r\nprint(x)\r\npass\r\n")
        #expect(analysis.diagnostics.map(\.formatted) == [
            "note.md:3:1: warning: repaired: Python 2 print statement `print x` read as `print(x)`",
            "note.md:4:1: warning: repaired: misspelled keyword `pas` read as `pass`",
        ])
    }
}

@Suite struct LoneCarriageReturnTests {
    /// A lone `\r` ends a line for the lexer, so repairs must count lines the same way.
    @Test func repairsCountLoneCarriageReturnsAsLineBreaks() {
        let analysis = analyze("s = '''a\rb'''\rtotal - 1\rprint total\r")
        #expect(analysis.cells[0].repairedSource == "s = '''a\rb'''\rtotal = 1\rprint(total)\r")
        #expect(analysis.repairs.count == 2)
    }
}
