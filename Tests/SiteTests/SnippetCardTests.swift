import LoomCore
import Testing
@testable import Site

@Suite struct SnippetCardTests {
    private let snippet = Snippet(index: 3, infoString: "py", fenceLine: 80, firstCodeLine: 81, code: "x = 1\nreutrn x\nprint('<b>')\n")

    @Test func repairsStandUnderTheirLineAsBeforeAndAfter() {
        let repair = Diagnostic(.warning, at: SourceLocation(file: "n.md", line: 82, column: 1), "misspelled keyword", fix: .init(original: "reutrn", replacement: "return"))
        let html = SnippetCard.render(SnippetReport(snippet: snippet, diagnostics: [repair]))
        let line = html.range(of: "data-line=\"82\"")!
        let annotation = html.range(of: "<del>reutrn</del> → <ins>return</ins>")!
        let nextLine = html.range(of: "data-line=\"83\"")!
        #expect(line.lowerBound < annotation.lowerBound && annotation.lowerBound < nextLine.lowerBound)
        #expect(html.contains("class=\"line marked warning\" data-line=\"82\""))
    }

    @Test func everythingFromARunIsEscaped() {
        let run = RunFigures(seconds: [1.0], lines: [.init(seconds: 0.5, lane: "Thread-<1>", text: "<script>alert(1)</script>")], stderr: "<img onerror=x>")
        let report = SnippetReport(
            snippet: snippet, status: .ok, swiftSource: "print(\"</pre>\")\n", translatorNotes: ["a <b>note</b>"], swiftRun: run,
            timeline: TimelineFigure(ascii: "<lane> ===", svg: nil, caption: "c & d")
        )
        let html = SnippetCard.render(report)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img onerror"))
        #expect(!html.contains("<b>note</b>"))
        #expect(!html.contains("\"</pre>\""))
        #expect(html.contains("Thread-&lt;1&gt;"))
        #expect(html.contains("&lt;lane&gt; ==="))
    }

    @Test func pythonSideBySideGivesAVerdictAndTheDifference() {
        let swift = RunFigures(seconds: [2.0, 2.1, 2.002], lines: [.init(seconds: 0, lane: "MainThread", text: "Sleeping 5.0")])
        let python = RunFigures(seconds: [2.01], lines: [.init(seconds: 0, lane: "MainThread", text: "Sleeping 5")])
        let html = SnippetCard.render(SnippetReport(snippet: snippet, status: .ok, swiftRun: swift, pythonRun: python, timeScale: 0.1))
        #expect(html.contains("<strong>different</strong>"))
        #expect(html.contains("+ swift:  Sleeping 5.0"))
        #expect(html.contains("median 2.0020 s (2.0000 s–2.1000 s, 3 runs)"))
        #expect(html.contains("sleeps ran at 0.1×"))
    }

    @Test func aSnippetThatDidNotRunSaysWhy() {
        let html = SnippetCard.render(SnippetReport(snippet: snippet, status: .refused, statusDetail: "not translated: `match` statement at line 84"))
        #expect(html.contains("<strong>Did not run:</strong> not translated: `match` statement at line 84"))
        #expect(html.contains("class=\"status refused\""))
    }
}

extension SnippetCardTests {
    /// The card's line range counts lines on bytes; it must agree with the snippet's own numbered lines.
    @Test func lineCountAgreesWithNumberedLines() {
        let pieces = ["", "\n", "\r\n", "a", "é", "🧵", "x = 1", "\t", " "]
        var cases = pieces
        for first in pieces { for second in pieces { for third in pieces { cases.append(first + second + third) } } }
        for code in cases {
            let snippet = Snippet(index: 1, infoString: "py", fenceLine: 9, firstCodeLine: 10, code: code)
            #expect(SnippetCard.lineCount(code) == snippet.numberedLines.count, "\(code.debugDescription)")
            let html = SnippetCard.render(SnippetReport(snippet: snippet))
            let last = snippet.numberedLines.last?.line ?? 10
            #expect(html.contains("lines 10–\(last)<"), "\(code.debugDescription)")
        }
    }

    @Test func writtenOutputIsMarkedLineByLineWithWhatTheRunPrinted() {
        let transcript = Transcript(style: .prompts, examples: [
            TranscriptExample(sourceLine: 81, expected: [.init(line: 82, text: "<1>"), .init(line: 83, text: "2")]),
        ])
        let check = TranscriptCheck.check(transcript, outputs: [0: ["<1>", "3"]], exception: nil, raisedIn: nil)
        let html = SnippetCard.render(SnippetReport(snippet: snippet, status: .ok, transcript: check))
        #expect(html.contains("1 of 2 expected lines matched"))
        #expect(html.contains("<span class=\"line matched\" data-line=\"82\" title=\"line 82: matched\"><span class=\"mark\" aria-label=\"matched\">✓</span> &lt;1&gt;</span>"))
        #expect(html.contains("data-line=\"83\" title=\"line 83: not matched\"><span class=\"mark\" aria-label=\"not matched\">✗</span> 2</span>"))
        #expect(html.contains("<span class=\"actual\">  3</span>"))
    }

    @Test func notCodeAndSettingsAreSaidOnTheCard() {
        let skipped = SnippetCard.render(SnippetReport(snippet: snippet, status: .skipped, statusDetail: "The note asks for it to be skipped.",
                                                       settings: SnippetSettings(skip: true, timeout: 5)))
        #expect(skipped.contains("<strong>Skipped:</strong>"))
        #expect(skipped.contains("Note settings:</strong> skipped by the note · time limit 5 s"))
        let shell = SnippetCard.render(SnippetReport(snippet: snippet, status: .notCode, statusDetail: "A shell session: line 81 is a command."))
        #expect(shell.contains("class=\"status not-code\">not code<"))
        #expect(shell.contains("<strong>Not code:</strong> A shell session"))
    }
}
