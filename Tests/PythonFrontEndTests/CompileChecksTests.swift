import Foundation
import LoomCore
import Testing
@testable import PythonFrontEnd

/// `compile(source, 'x', 'exec')` refuses some programs `ast.parse` accepts: Loom must refuse the
/// same ones, with CPython's message, at CPython's line and column, and accept the near misses.
extension PythonParser {
    static func compileError(_ source: String) -> PythonSyntaxError? {
        do {
            _ = try compile(source)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct CompileChecksTests {
    /// Each error class in several places, and near misses that compile.
    static let programs: [String] = [
        // return, yield, await outside functions
        "return 1\n",
        "def f():\n    class C:\n        return 1\n",
        "if 0:\n    return\n",
        "x = 1\nyield x\n",
        "class C:\n    yield x\n",
        "[x for x in (yield)]\n",
        "await x\n",
        "class C:\n    await x\n",
        "def f():\n    await x\n",
        "async def f():\n    def g():\n        await x\n",
        "async def f():\n    lambda: await x\n",
        "def f():\n    [x for x in (await y)]\n",
        "async def f():\n    [x for x in (await y)]\n",
        "async def f():\n    await x\n    [y async for y in z]\n    [await y for y in z]\n",
        "class C:\n    def m(self):\n        def g():\n            return 1\n        return g\n",
        "lambda: (yield)\n",
        "def f():\n    return\n    yield\n",
        // async blocks and comprehensions
        "async with a: pass\n",
        "async for a in b: pass\n",
        "def f():\n    async with a: pass\n",
        "def f():\n    async for a in b: pass\n",
        "async def f():\n    class C:\n        async with a: pass\n",
        "[y async for y in z]\n",
        "def f():\n    [await x for y in z]\n",
        "def f():\n    {k: v async for k, v in z}\n",
        "def f():\n    [x async for x in y for z in (await y)]\n",
        "(y async for y in z)\n",
        "def f():\n    (await x for y in z)\n",
        "async def f():\n    [[x async for x in y] for z in w]\n",
        // break and continue
        "break\n",
        "continue\n",
        "while 1:\n    def f():\n        break\n",
        "for x in y:\n    class C:\n        continue\n",
        "for x in y: pass\nelse: continue\n",
        "def f():\n    for x in y:\n        break\n",
        "while 0:\n    break\n",
        "for x in y:\n    try:\n        pass\n    finally:\n        continue\n",
        "for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
        "def f():\n    try:\n        pass\n    except* E:\n        return\n",
        "try:\n    pass\nexcept* E:\n    for x in y:\n        break\n",
        // global and nonlocal
        "nonlocal x\n",
        "break\nnonlocal x\n",
        "class C:\n    nonlocal x\n",
        "def f():\n    nonlocal x\n",
        "def f():\n    global x\n    def g():\n        nonlocal x\n",
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n",
        "def f():\n    def g():\n        nonlocal x\n    x = 1\n",
        "def f(x):\n    global x\n",
        "def f(x):\n    nonlocal x\n",
        "def f():\n    print(x)\n    global x\n",
        "def f():\n    x = 1\n    global x\n",
        "x = 1\nglobal x\n",
        "def f():\n    x: int\n    global x\n",
        "def f():\n    global x\n    x: int\n",
        "global x\nx: int\n",
        "def f():\n    nonlocal x\n    global x\n",
        "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
        "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n",
        "def f():\n    import y\n    global y\n",
        "def f():\n    global x\n    global x\n",
        "class C:\n    def m(self):\n        nonlocal __class__\n",
        // parameters, keywords, starred targets
        "def f(a, b, a): pass\n",
        "def f(*, a, **a): pass\n",
        "def f(a, /, b, *a): pass\n",
        "lambda a, a: 1\n",
        "nonlocal x\ndef f(a, a): pass\n",
        "f(a=1, a=2)\n",
        "o.m(a=1, b=2, a=3)\n",
        "class C(metaclass=M, metaclass=N): pass\n",
        "a, *b, *c = x\n",
        "*a = 1\n",
        "x = *a\n",
        "a, *b = x\n",
        "print(*a, **b)\n",
        // generators that are coroutines
        "async def f():\n    yield 1\n    return 2\n",
        "async def f():\n    return 1\n    yield\n",
        "async def f():\n    return\n    yield\n",
        "async def f():\n    yield from x\n",
        "def f():\n    return 1\n    yield\n    [x async for x in y]\n",
        // yield in comprehensions, import *, assignment expressions
        "[(yield) for x in y]\n",
        "{(yield) for x in y}\n",
        "((yield) for x in y)\n",
        "{1: (yield) for x in y}\n",
        "def f():\n    [x for x in (yield)]\n",
        "def f():\n    from os import *\n",
        "class C:\n    from os import *\n",
        "[i := 0 for i in range(5)]\n",
        "def f():\n    [x := 2 for x in y]\n",
        "[j for i in range(5) if (j := i) for j in range(3)]\n",
        "[x for x in (y := [1])]\n",
        "class C:\n    [(z := 1) for x in y]\n",
        "def f():\n    [(y := x) for x in z]\n    return y\n",
        // __debug__, handlers, futures
        "__debug__ = 1\n",
        "x.__debug__ = 1\n",
        "del __debug__\n",
        "def f(__debug__): pass\n",
        "f(__debug__=1)\n",
        "with a as __debug__: pass\n",
        "import a as __debug__\n",
        "for __debug__ in x: pass\n",
        "__debug__ += 1\n",
        "try: pass\nexcept E as __debug__: pass\n",
        "print(__debug__)\n",
        "try: pass\nexcept: pass\nexcept E: pass\n",
        "try: pass\nexcept E: pass\nexcept: pass\n",
        "from __future__ import braces\n",
        "from __future__ import (annotations, nope)\n",
        "x = 1\nfrom __future__ import annotations\n",
        "import os; from __future__ import annotations\n",
        "def f():\n    from __future__ import annotations\n",
        "\"doc\"\nfrom __future__ import annotations\nfrom __future__ import division\n",
        // match
        "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
        "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
        "match x:\n    case (y):\n        pass\n    case 2:\n        pass\n",
        "match x:\n    case _ if y:\n        pass\n    case 1:\n        pass\n",
        "match x:\n    case 1:\n        pass\n    case y:\n        pass\n    case _:\n        pass\n",
        "match x:\n    case [a]:\n        pass\n    case _:\n        pass\n",
        "match x:\n    case [a, a]:\n        pass\n",
        "match x:\n    case [a] | [b]:\n        pass\n",
        "match x:\n    case [a, b] | [b, a]:\n        pass\n",
        "match x:\n    case _ | 1:\n        pass\n",
        "match x:\n    case (_ as y) | 1:\n        pass\n",
        "match x:\n    case [a, (b | a)]:\n        pass\n",
        "match x:\n    case [a, ([a] | [a])]:\n        pass\n",
        "match x:\n    case C(a=1, a=2):\n        pass\n",
        "match x:\n    case C(__debug__=1):\n        pass\n",
        "match x:\n    case {'a': 1, 'a': 2}:\n        pass\n",
        "match x:\n    case {1: a, True: b}:\n        pass\n",
        "match x:\n    case {-1: a, -1: b}:\n        pass\n",
        "match x:\n    case {1: a, 1.0: b}:\n        pass\n",
        "match x:\n    case {'a': a, b'a': b}:\n        pass\n",
        "match x:\n    case {1: a, **a}:\n        pass\n",
        "match x:\n    case [*a, *b]:\n        pass\n",
        "match x:\n    case {0: a, -0: b}:\n        pass\n",
        "match x:\n    case {A.b: a, A.b: b}:\n        pass\n",
        "match x:\n    case C(x=1, y=2, x=3):\n        pass\n",
        "match x:\n    case [y] as y:\n        pass\n",
        "match x:\n    case (1 | y):\n        pass\n    case 2:\n        pass\n",
        "match x:\n    case C(y):\n        pass\n    case 2:\n        pass\n",
        "match x:\n    case [a, *_] | [*_, a]:\n        pass\n",
        "def f():\n    match x:\n        case y:\n            return 1\n        case _:\n            return 2\n",
        // nonlocal through classes, nested functions and other bindings
        "def f():\n    x = 1\n    def g():\n        def h():\n            nonlocal x\n",
        "def f():\n    class C:\n        x = 1\n        def m(self):\n            nonlocal x\n",
        "def f():\n    x = 1\n    class C:\n        def m(self):\n            nonlocal x\n",
        "def f():\n    global x\n    class C:\n        x = 1\n        def m(self):\n            nonlocal x\n",
        "def f():\n    [(x := 1) for y in z]\n    def g():\n        nonlocal x\n",
        "def f():\n    x = [y for y in z]\n    def g():\n        nonlocal y\n",
        "def f():\n    match v:\n        case [x]: pass\n    def g():\n        nonlocal x\n",
        "def f():\n    x: int\n    def g():\n        nonlocal x\n",
        "def f():\n    import x.y\n    def g():\n        nonlocal x\n",
        "def f():\n    x = y = 1\n    def g():\n        nonlocal x, y, z\n",
        "def f():\n    global x\n    [(x := 1) for y in z]\n",
        "def f():\n    [[x := 1 for y in w] for x in z]\n",
        "[x for y in z for x in (a := b)]\n",
        // async comprehensions nested in comprehensions
        "def f():\n    [[x async for x in y] for z in w]\n",
        "def f():\n    [(x async for x in y) for z in w]\n",
        "def f():\n    ([await x for x in y] for z in w)\n",
        "async def f():\n    lambda: [x async for x in y]\n",
        "async def f():\n    [(yield) for y in z]\n",
        // annotations, evaluated or kept as text
        "def f(x: (yield)): pass\n",
        "def f(x=(await y)): pass\n",
        "x: (await y)\n",
        "def f():\n    x: (await y)\n",
        "from __future__ import annotations\nx: (await y)\n",
        "from __future__ import annotations\ndef f() -> (yield): pass\n",
        "from __future__ import annotations\nx: (y := 1)\n",
        "from __future__ import annotations\nx: (lambda: (yield))\n",
        "from __future__ import annotations\nx: y\nglobal y\n",
        "x: y\nglobal y\n",
        "def f(*args: *Ts): pass\n",
        // more targets and keywords
        "del (a, b.__debug__)\n",
        "for a, *b, *c in x: pass\n",
        "with x as (*a, *b): pass\n",
        "f(a=1, **k, a=2)\n",
        "class C(a=1, __debug__=2): pass\n",
        "lambda __debug__: 1\n",
        "from x import y as __debug__\n",
        // `finally` bodies are generated where a statement leaves their `try`; `global` notes the module
        "try:\n    continue\nfinally:\n    __debug__ = 1\n",
        "for x in y:\n    try:\n        break\n    finally:\n        yield\n",
        "for x in y:\n    try:\n        pass\n    finally:\n        try:\n            break\n        finally:\n            continue\n",
        "def f():\n    try:\n        return 1\n    finally:\n        try: pass\n        except* E:\n            return 2\n",
        "def f():\n    try:\n        pass\n    except* E:\n        return 1\n",
        "def f():\n    try:\n        pass\n    except* E:\n        return (1,\n 2)\n",
        "def f():\n    try:\n        pass\n    except* E:\n        return -x\n",
        "break\nnonlocal y\nclass C:\n    global y\n",
        "def f():\n    print(__debug__)\n    global __debug__\n",
        "match x:\n    case [a] | [*_]:\n        pass\n",
        "match x:\n    case [([b]) | (C(x=_))]:\n        pass\n",
        "match x:\n    case (C()) | ((C(a, y=_)) as a):\n        pass\n",
    ]

    /// CPython's verdict on each source: `OK`, or `line:column message` (column 0-based).
    static func cpythonVerdicts(_ sources: [String]) throws -> [String] {
        let script = """
        import json, sys
        out = []
        for source in json.load(sys.stdin):
            try:
                compile(source, 'x', 'exec')
                out.append('OK')
            except SyntaxError as error:
                out.append(f'{error.lineno}:{error.offset - 1} {error.msg}')
        json.dump(out, sys.stdout)
        """
        let output = try PythonOracle.run(["python3", "-W", "ignore", "-c", script], input: try JSONEncoder().encode(sources))
        return try JSONDecoder().decode([String].self, from: output)
    }

    static func loomVerdict(_ source: String) -> String {
        guard let error = PythonParser.compileError(source) else { return "OK" }
        return "\(error.line):\(error.column) \(error.message)"
    }

    @Test func everyProgramIsRefusedOrAcceptedAsCPythonDoes() throws {
        let expected = try Self.cpythonVerdicts(Self.programs)
        #expect(expected.count == Self.programs.count)
        for (source, verdict) in zip(Self.programs, expected) {
            #expect(Self.loomVerdict(source) == verdict, "source: \(source.debugDescription)")
        }
    }

    /// The table covers errors and near misses both, so that neither a check that refuses everything
    /// nor one that refuses nothing passes.
    @Test func theTableHoldsBothErrorsAndNearMisses() throws {
        let expected = try Self.cpythonVerdicts(Self.programs)
        #expect(expected.filter { $0 == "OK" }.count >= 20)
        #expect(expected.filter { $0 != "OK" }.count >= 100)
    }

    /// Each file of the test corpus (which the fuzzer starts from) as a whole.
    @Test func corpusFilesAreRefusedOrAcceptedAsCPythonDoes() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: PythonOracle.corpusDirectory.path).filter { $0.hasSuffix(".py") }.sorted()
        let sources = try names.map { try String(contentsOf: PythonOracle.corpusDirectory.appendingPathComponent($0), encoding: .utf8) }
        for (name, (source, verdict)) in zip(names, zip(sources, try Self.cpythonVerdicts(sources))) {
            #expect(Self.loomVerdict(source) == verdict, "\(name)")
        }
    }

    /// The corpus file of compile errors, paragraph by paragraph: each one a program of its own.
    @Test func eachCompileErrorOfTheCorpusIsReportedAsCPythonDoes() throws {
        let text = try String(contentsOf: PythonOracle.corpusDirectory.appendingPathComponent("compile_errors.py"), encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }
        let verdicts = try Self.cpythonVerdicts(paragraphs)
        #expect(verdicts.filter { $0 != "OK" }.count >= 15)
        for (paragraph, verdict) in zip(paragraphs, verdicts) {
            #expect(Self.loomVerdict(paragraph) == verdict, "source: \(paragraph)")
        }
    }

    /// The deepest trees the parser accepts (it refuses deeper nesting as CPython does) go through the
    /// checks, whose passes recurse, without exhausting a test thread's stack.
    @Test(arguments: ["-", "not ", "lambda: ", "1 if y else ", "(await ", "(yield ", "[x for x in ", "f("])
    func theDeepestAcceptedNestingIsChecked(_ opening: String) {
        let closing = opening.contains("(") ? ")" : opening.contains("[") ? "]" : ""
        let chains = ["x = a" + String(repeating: "[0]", count: 990), "x = f" + String(repeating: "()", count: 990)]
        var deepest: String?
        for depth in stride(from: 1000, through: 100, by: -10) {
            let source = "def f():\n    return " + String(repeating: opening, count: depth) + "1" + String(repeating: closing, count: depth) + "\n"
            if (try? PythonParser.parse(source)) != nil {
                deepest = source
                break
            }
        }
        #expect(deepest != nil)
        for source in [deepest ?? ""] + chains {
            if let error = PythonParser.compileError(source) { #expect(!error.message.isEmpty) }
            let analysis = SessionAnalyzer.analyze(snippets: [Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, code: source)], file: "d.md")
            #expect(analysis.cells.count == 1)
        }
    }

    /// Leaving an `except*` handler through a `with` or a `try … finally` cleanup, CPython's error has no
    /// position (line -1): Loom names the statement instead, the one difference from CPython's verdicts.
    @Test func anExceptStarExitPastACleanupIsPlacedAtTheStatement() throws {
        let sources = [
            "def f():\n    try:\n        pass\n    except* E:\n        with a:\n            return x\n",
            "for x in y:\n    try:\n        pass\n    except* E:\n        try:\n            break\n        finally:\n            pass\n",
        ]
        let verdicts = try Self.cpythonVerdicts(sources)
        #expect(verdicts.allSatisfy { $0.hasPrefix("-1:") && $0.hasSuffix("cannot appear in an except* block") })
        #expect(sources.map(Self.loomVerdict) == [
            "6:12 'break', 'continue' and 'return' cannot appear in an except* block",
            "6:12 'break', 'continue' and 'return' cannot appear in an except* block",
        ])
    }

    @Test func aCompileErrorIsTheCellsErrorAtItsNotePosition() {
        let analysis = analyze("def f(x):\n    return x\n", "for i in range(3):\n    pass\nbreak\n")
        #expect(analysis.cells[0].module != nil)
        let cell = analysis.cells[1]
        #expect(cell.module == nil)
        let errors = cell.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["'break' outside loop"])
        #expect(errors.first?.location == SourceLocation(file: "note.md", line: 8, column: 1))
        #expect(analysis.errorCount(strict: false) == 1)
    }

    @Test func aCellWithACompileErrorStillNamesWhatItWouldBind() {
        let analysis = analyze("import time\ndef helper():\n    pass\nreturn 1\n", "helper()\n")
        #expect(analysis.cells[0].module == nil)
        #expect(analysis.cells[0].definedNames == ["time", "helper"])
        #expect(!analysis.diagnostics.contains { $0.message.contains("`helper` is not defined") })
    }

    @Test func indentedSnippetsPlaceTheErrorInTheNote() throws {
        let snippet = Snippet(index: 1, infoString: "py", fenceLine: 10, firstCodeLine: 11, indent: 4,
                              code: "x = 1\nif x:\n    await x\n")
        let analysis = SessionAnalyzer.analyze(snippets: [snippet], file: "n.md")
        #expect(analysis.diagnostics.map(\.formatted) == ["n.md:13:9: error: 'await' outside function"])
        #expect(throws: PythonSyntaxError("'await' outside function", line: 3, column: 4)) {
            try PythonParser.compile(snippet.code, firstLine: 11, indent: 4)
        }
    }

    @Test func repairsStillApplyBeforeTheChecks() {
        let analysis = analyze("def f():\n    retrun 1\n")
        #expect(analysis.cells[0].module != nil)
        #expect(analysis.cells[0].repairedSource == "def f():\n    return 1\n")
        let top = analyze("retrun 1\n")
        #expect(top.cells[0].module == nil)
        #expect(top.diagnostics.contains { $0.severity == .error && $0.message == "'return' outside function" })
    }
}
