import LoomCore
import PythonFrontEnd
import Testing
@testable import Translation

/// What the translator writes for single constructs: the Swift a reader sees, and the refusals.
@Suite struct TranslatorTests {
    private func translate(_ source: String) throws -> NoteTranslation {
        try NoteCells.translate(source)
    }

    private func swift(_ source: String) throws -> String {
        try NoteCells.firstCellSwift(source)
    }

    @Test func futuresFromAComprehensionKeepTheirResultType() throws {
        let text = try swift("""
        import concurrent.futures
        def square(n):
            return n * n
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
            futures = [executor.submit(square, n) for n in range(6)]
            print([f.result() for f in futures])
        """)
        #expect(text.contains("let futures = (0..<6).map { n in executor.submit { square(n) } }"))
        #expect(text.contains("try print(futures.map { f in try f.result() })"))
    }
}

extension TranslatorTests {
    @Test func aNameEachSnippetBindsForItselfStaysLocalToEach() throws {
        let translation = try translate("""
        results = [1, 2]
        print(results)
        # %%
        results = ["a"]
        print(results)
        """)
        #expect(translation.cells.allSatisfy { $0.status == .translated })
        #expect(translation.cells[0].swift.contains("let results = [1, 2]"))
        #expect(translation.cells[1].swift.contains("let results = [\"a\"]"))
    }

    @Test func aNameALaterSnippetReadsBecomesFileScopeState() throws {
        let translation = try translate("""
        start = 3
        label = "x"
        # %%
        print(label, start)
        """)
        #expect(translation.cells[0].swift.contains("nonisolated(unsafe) var label: String = \"\""))
        #expect(translation.cells[0].swift.contains("    label = \"x\""))
    }

    @Test func aFunctionCalledWithIntsAndFloatsTakesAPyNumberAndSaysWhy() throws {
        let translation = try translate("""
        import time
        def do_something(seconds):
            print(f'Sleeping {seconds} second(s)...')
            time.sleep(seconds)
        do_something(1.5)
        do_something(5)
        """)
        let cell = translation.cells[0]
        #expect(cell.swift.contains("func doSomething(_ seconds: PyNumber) {"))
        #expect(cell.notes.contains { $0.text.contains("`PyNumber`") && $0.line == 2 })
    }

    @Test func onlyValuesMixingIntsAndFloatsBecomePyNumbers() throws {
        let translation = try translate("""
        delays = [1, 0.5, 2]
        counts = [1, 2]
        ratios = [0.5, 1.5]
        weights = {"a": 1, "b": 0.5}
        print(delays, counts, ratios, weights)
        """)
        let swift = translation.cells[0].swift
        #expect(swift.contains("delays: [PyNumber] = [1, 0.5, 2]"))
        #expect(swift.contains("counts = [1, 2]") || swift.contains("counts: [Int] = [1, 2]"))
        #expect(swift.contains("ratios = [0.5, 1.5]") || swift.contains("ratios: [Double] = [0.5, 1.5]"))
        #expect(swift.contains("weights: PyDict<String, PyNumber> = [\"a\": 1, \"b\": 0.5]"))
    }

    @Test func bitwiseOperatorsOnAMixedNumberRunDynamicallyWithTheReason() throws {
        let translation = try translate("""
        def shift(n):
            return n << 1
        print(shift(1), shift(0.5))
        """)
        #expect(translation.cells[0].isDynamic)
        #expect(translation.cells[0].notes.contains { $0.text.contains("int in one place and a float in another") })
    }

    @Test func refusalsNameTheConstructTheLineAndTheReason() throws {
        let translation = try translate("""
        print("fine")
        # %%
        x = 1
        data = open("f.txt").read()
        # %%
        print(data)
        # %%
        print("still fine")
        """)
        guard case .refused(let refusal) = translation.cells[1].status else {
            Issue.record("snippet 2 should be refused")
            return
        }
        #expect(refusal.message == "not translated: open at line 4 (files are outside what a translated program may touch)")
        guard case .refused(let dependent) = translation.cells[2].status else {
            Issue.record("snippet 3 uses a refused snippet's name")
            return
        }
        #expect(dependent.message.contains("defined in snippet 2, which was not translated"))
        #expect(translation.cells[3].status == .translated)
        #expect(translation.program.contains("{}, // snippet 2 was not translated"))
        #expect(translation.diagnostics(file: "n.md").map(\.location.line) == [4, 6])
    }

    @Test func processPoolsBecomeThreadPoolsWithANote() throws {
        let translation = try translate("""
        import concurrent.futures
        def f(n):
            return n + 1
        with concurrent.futures.ProcessPoolExecutor() as executor:
            print(list(executor.map(f, [1, 2])))
        """)
        #expect(translation.cells[0].swift.contains("let executor = ThreadPoolExecutor(maxWorkers: OS.cpuCount())"))
        #expect(translation.cells[0].notes.contains { $0.text.contains("threads") })
    }

    @Test func networkAndProcessModulesAreRefused() throws {
        for (source, construct) in [("import socket", "import socket"), ("import subprocess", "import subprocess"),
                                    ("import numpy as np", "import numpy"), ("exec('x = 1')", "exec")] {
            let translation = try translate(source)
            guard case .refused(let refusal) = translation.cells[0].status else {
                Issue.record("\(source) should be refused")
                continue
            }
            #expect(refusal.construct == construct)
        }
    }
}

extension TranslatorTests {
    @Test func aSnippetTheFrontEndCannotParseIsRefusedAndSoAreItsUsers() throws {
        let snippets = [
            Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, code: "total = (1 +\n"),
            Snippet(index: 2, infoString: "py", fenceLine: 5, firstCodeLine: 6, code: "print(total)\n"),
            Snippet(index: 3, infoString: "py", fenceLine: 8, firstCodeLine: 9, code: "print('independent')\n"),
        ]
        let translation = NoteTranslator.translate(SessionAnalyzer.analyze(snippets: snippets, file: "n.md"))
        guard case .refused(let refusal) = translation.cells[0].status else {
            Issue.record("snippet 1 has a syntax error")
            return
        }
        #expect(refusal.reason.hasPrefix("it has a syntax error"))
        #expect(translation.cells[2].status == .translated)
        // Snippet 2 reads `total`, which nothing bound: refused, or run dynamically to raise
        // NameError where it reads it, as CPython does after snippet 1's SyntaxError.
        if case .refused(let dependent) = translation.cells[1].status {
            #expect(dependent.construct == "total" || dependent.reason.contains("not defined"))
        } else {
            #expect(translation.cells[1].swift.contains("cellNameError(\"total\")"))
        }
    }

    @Test func aNameStoredInALoopIsAVarEvenWhenAForTargetOfThatNameIsReadInAnotherLoop() throws {
        let text = try swift("""
        items = []
        for job in [4, 8]:
            items.append(job)
        while items:
            job = items.pop()
            print(job)
        """)
        #expect(text.contains("var job: Int = 0"))
    }
}
