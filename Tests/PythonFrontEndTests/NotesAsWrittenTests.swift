import Foundation
import LoomCore
import Testing
@testable import PythonFrontEnd

/// Blocks as study notes write them: sessions with their output, pasted output, shell lines, outlines,
/// and the slips Markdown and word processors put into code.
@Suite struct NotesAsWrittenTests {
    // MARK: - Transcripts

    @Test func aREPLSessionRunsItsStatementsAndShowsExpressionValues() throws {
        let analysis = analyze("""
            >>> def square(n):
            ...     return n * n
            ...
            >>> square(4)
            16
            >>> names = ['a', 'b']
            >>> names.append('c')
            >>> print(names)
            ['a', 'b', 'c']
            """ + "\n")
        let cell = analysis.cells[0]
        let transcript = try #require(cell.transcript)
        #expect(transcript.style == .prompts)
        #expect(transcript.examples.map(\.expected.count) == [0, 1, 0, 0, 1])
        #expect(transcript.examples[1].expected.first?.line == 6)
        #expect(cell.module != nil)
        #expect(!analysis.diagnostics.hasErrors)
        // The REPL's display hook made explicit where the value is not None; a call known to
        // return None (`append`, `print`) is left as it is.
        #expect(cell.repairedSource.contains("print(repr(square(4)))"))
        #expect(!cell.repairedSource.contains("repr(names.append"))
        #expect(!cell.repairedSource.contains("repr(print"))
        #expect(cell.repairedSource.contains("print('\\x1eloom-example 2')"))
    }

    @Test func theSessionsCodeForCPythonPrintsWhatTheREPLPrints() throws {
        let session = """
            >>> x = [3, 1, 2]
            >>> sorted(x)
            [1, 2, 3]
            >>> x.sort()
            >>> for i in x:
            ...     i * 10
            ...
            10
            20
            30
            >>> None
            >>> 'text'
            'text'
            """ + "\n"
        let cell = analyze(session).cells[0]
        let output = String(decoding: try PythonOracle.run(["python3", "-c", cell.repairedSource], input: Data()), as: UTF8.self)
        let printed = output.split(separator: "\n").filter { !$0.hasPrefix("\u{1E}") }
        #expect(printed == ["[1, 2, 3]", "10", "20", "30", "'text'"])
    }

    @Test func codeWithItsOutputMarkedAfterItIsChecked() throws {
        let cell = analyze("""
            def double(n):
                return n * 2

            print(double(4))
            >>> 8
            print(double(5))
            >>> 10
            """ + "\n").cells[0]
        let transcript = try #require(cell.transcript)
        #expect(transcript.style == .markedOutput)
        #expect(transcript.examples.map { $0.expected.map(\.text) } == [["8"], ["10"]])
        #expect(cell.module != nil)
    }

    @Test func codeThenASessionOnTheSameBlockIsASession() throws {
        let cell = analyze("""
            class Color:
                RED = 1

            >>> Color.RED
            1
            """ + "\n").cells[0]
        let transcript = try #require(cell.transcript)
        #expect(transcript.style == .prompts)
        #expect(transcript.examples.map { $0.expected.map(\.text) } == [["1"]])
    }

    @Test func outputPastedUnderCodeInTheSameBlockIsChecked() throws {
        let cell = analyze("""
            for name in ['Ann', 'Bob']:
                print(f"Hello {name}, welcome")
            # Output:
            Hello Ann, welcome
            Hello Bob, welcome
            """ + "\n").cells[0]
        let transcript = try #require(cell.transcript)
        #expect(transcript.style == .pastedOutput)
        #expect(transcript.examples[0].expected.map(\.text) == ["Hello Ann, welcome", "Hello Bob, welcome"])
        #expect(cell.module != nil)
    }

    @Test func aNotebookLanguageLineIsNotCode() {
        let analysis = analyze("%python\nx = 1\nprint(x)\n")
        #expect(analysis.cells[0].module != nil)
        #expect(analysis.diagnostics.map(\.severity) == [.note])
        #expect(analysis.diagnostics.first?.location.line == 2)
    }

    @Test func aFileNameAboveCodeCopiedFromAPDFIsSetAside() {
        // As books' listings come out of a PDF: the file's path, then every line behind an invisible
        // character and a space.
        let analysis = analyze("ch2/tests/test_app.py\n\n\u{200B} \u{200B}import\u{200B} \u{200B}time\n\u{200B} \u{200B}print(time.time() > 0)\n")
        #expect(analysis.cells[0].module != nil)
        #expect(analysis.diagnostics.map(\.severity) == [.note, .warning])
        #expect(analysis.cells[0].repairedSource.contains("\nimport time\nprint(time.time() > 0)"))
        // A path that parses is an expression, and stays one.
        #expect(!analyze("a/b.py\n").diagnostics.contains { $0.message.contains("names the file") })
    }

    // MARK: - Not code

    @Test(arguments: [
        ("$ python app.py\nhello\n", NotCode.Kind.shellSession),
        ("pip install requests\n", .shellSession),
        ("!pip install pandas\n", .shellSession),
        ("project/\n├── app.py\n└── tests/\n", .directoryTree),
        ("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nZeroDivisionError: division by zero\n", .traceback),
        ("ValueError: bad input\n", .traceback),
        ("client = connect(<HOST_NAME>, port=1)\n", .pseudoCode),
        ("def handler(...):\n    pass\n", .pseudoCode),
        ("{% for item in items %}\n{{ item }}\n{% endfor %}\n", .pseudoCode),
    ])
    func blocksThatAreNotCodeAreNamedNotCalledMistakes(code: String, kind: NotCode.Kind) throws {
        let analysis = analyze(code)
        let cell = analysis.cells[0]
        #expect(cell.notCode?.kind == kind)
        #expect(!analysis.diagnostics.hasErrors)
        #expect(analysis.diagnostics.count == 1 && analysis.diagnostics[0].severity == .note)
    }

    @Test func outputOfTheBlockBeforeIsPastedOutput() {
        let analysis = analyze("""
            for n in range(3):
                print(f"Worker {n} finished its job")
            """ + "\n", "Worker 0 finished its job\nWorker 1 finished its job\nWorker 2 finished its job\n")
        #expect(analysis.cells[1].notCode?.kind == .pastedOutput)
        #expect(!analysis.diagnostics.hasErrors)
    }

    @Test(arguments: [
        "x = = 1\n",
        "def f(:\n    pass\n",
        "print('a' 'b' c)\n",
        "for x in range(3) print(x)\n",
        "a < b >\n",
    ])
    func realMistakesStayErrors(code: String) {
        let analysis = analyze(code)
        #expect(analysis.cells[0].notCode == nil)
        #expect(analysis.diagnostics.hasErrors)
    }

    // MARK: - Repairs

    @Test(arguments: [
        ("class A:\n    def **init**(self):\n        self.x = 1\n", "def __init__(self):"),
        ("if **name** == \"**main**\":\n    print(1)\n", "if __name__ == \"__main__\":"),
        ("x = 1\nif x = 1:\n    print(x)\n", "if x == 1:"),
        ("class P:\n    def __init__(self, price):\n        self price = price\n", "self.price = price"),
        ("print(“hello”)\n", "print(\"hello\")"),
        ("x\u{00A0}= 1\nprint(x)\n", "x = 1"),
        ("x\u{200B} = 1\nprint(x)\n", "x = 1"),
        ("import logging\nlogging,info(\"ready\")\n", "logging.info(\"ready\")"),
        ("def f(\\*args):\n    return args\n", "def f(*args):"),
        ("def f()\n    return 1\n", "def f():"),
        ("    x = 1\n    print(x)\n", "x = 1\nprint(x)"),
        ("processes = []\nfor i in range(3):\n    process.append(i)\nfor process in processes:\n    print(process)\n", "    processes.append(i)"),
    ])
    func slipsAreRepairedAndSaidSo(code: String, repaired: String) {
        let analysis = analyze(code)
        #expect(!analysis.diagnostics.hasErrors, "\(analysis.diagnostics.map(\.message))")
        #expect(analysis.cells[0].module != nil)
        #expect(analysis.cells[0].repairedSource.contains(repaired), "\(analysis.cells[0].repairedSource)")
        #expect(analysis.repairs.count >= 1)
    }

    @Test(arguments: [
        "a = 1\nb = a,info(2)\n",               // `a` is no module
        "x = 2\nwhile x = 1 or x = 2:\n    x -= 1\n", // two places for `==`: CPython's error stands
        "print('a**b**c')\nprint(2**3**2)\n",  // powers and text are not bold
        "items = [1]\nitem = items[0]\nprint(item)\n", // bound before use
        "s = 'it’s'\nprint(s)\n",            // a curly quote inside a string is text
    ])
    func lookalikesAreLeftAlone(code: String) {
        let analysis = analyze(code)
        #expect(analysis.repairs.isEmpty, "\(analysis.repairs.map(\.message))")
    }
}
