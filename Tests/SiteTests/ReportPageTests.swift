import LoomCore
import NoteReading
import Testing
@testable import Site

@Suite struct ReportPageTests {
    private let note = NoteReader.read(Array("---\ntitle: Threads <b>\n---\n```py\nprint(1)\n```\n\n```py\nx\n```\n".utf8), path: "threads.md")

    private func reports() -> [String: [Int: SnippetReport]] {
        let swift = RunFigures(seconds: [1.0, 2.0, 3.0], lines: [.init(seconds: 0, lane: "MainThread", text: "1")])
        let python = RunFigures(seconds: [4.0], lines: [.init(seconds: 0, lane: "MainThread", text: "1")])
        return ["threads": [
            1: SnippetReport(snippet: note.snippets[0], status: .ok, swiftRun: swift, pythonRun: python, measuredOn: "2026-11-24"),
            2: SnippetReport(snippet: note.snippets[1], status: .refused, statusDetail: "not translated"),
        ]]
    }

    @Test func oneRowPerSnippetWithMediansRatioAndVerdict() throws {
        let html = ReportPage(vault: VaultIndex(notes: [note]), theme: try Theme()).render(reports: reports(), recordFile: "runs.json")
        #expect(html.components(separatedBy: "<tr>").count - 1 == 3)
        #expect(html.contains("href=\"threads.html#snippet-1\""))
        #expect(html.contains("2.0000 s") && html.contains("4.0000 s") && html.contains("2.00×"))
        #expect(html.contains("same lines"))
        #expect(html.contains("Threads &lt;b&gt;"))
        #expect(html.contains("href=\"runs.json\" download"))
    }

    @Test func indexCountsStatusesAndTime() throws {
        let summaries = reports().mapValues { RunSummary($0.values) }
        let html = IndexPage(vault: VaultIndex(notes: [note]), theme: try Theme()).render(vaultTitle: "Notes", runs: summaries)
        #expect(html.contains("1 ran · 1 not translated"))
        #expect(html.contains("2.0000 s of Swift runs"))
    }
}
