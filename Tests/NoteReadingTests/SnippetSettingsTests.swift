import LoomCore
import Testing
@testable import NoteReading

@Suite struct SnippetSettingsTests {
    private func settings(_ markdown: String) -> (SnippetSettings, [Diagnostic]) {
        let note = NoteReader.read(Array(markdown.utf8), path: "n.md")
        return (note.snippets.first?.settings ?? SnippetSettings(), note.diagnostics)
    }

    @Test(arguments: ["```{.python .skip}\nx = 1\n```\n", "```py skip\nx = 1\n```\n", "```py\n# loom: skip\nx = 1\n```\n"])
    func aSnippetCanBeSkipped(markdown: String) {
        #expect(settings(markdown).0.skip)
    }

    @Test func timeoutRaisesAndTimingSensitiveAreRead() {
        let (fromComment, problems) = settings("```py\n# loom: timeout=2.5, raises=ValueError timing-sensitive\nraise ValueError()\n```\n")
        #expect(fromComment == SnippetSettings(timeout: 2.5, expectedException: "ValueError", timingSensitive: true))
        #expect(!problems.contains { $0.message.contains("snippet setting") })
        let (fromFence, _) = settings("```{.python timeout=5s .raises}\nraise ValueError()\n```\n")
        #expect(fromFence == SnippetSettings(timeout: 5, expectedException: ""))
    }

    @Test func otherToolsAttributesAndOrdinaryCommentsAreNotSettings() {
        #expect(settings("```{.python .numberLines title=\"x.py\"}\nx = 1\n```\n").0.isDefault)
        #expect(settings("```py\n# skip this step when testing\nx = 1\n```\n").0.isDefault)
    }

    @Test func anUnknownLoomSettingIsReportedAtItsLine() {
        let (_, diagnostics) = settings("text\n\n```py\n# loom: skipp\nx = 1\n```\n")
        let warning = diagnostics.first { $0.message.contains("unknown snippet setting `skipp`") }
        #expect(warning?.location.line == 4)
    }

    @Test(arguments: ["timing-sensitive=yes", "timing_sensitive=no"])
    func timingSensitiveTakesNoValue(_ written: String) {
        let (read, diagnostics) = settings("```py\n# loom: \(written)\nx = 1\n```\n")
        #expect(!read.timingSensitive)
        #expect(diagnostics.contains { $0.message.contains("snippet setting") }, "\(diagnostics.map(\.message))")
    }
}
