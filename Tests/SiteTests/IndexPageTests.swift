import NoteReading
import Testing
@testable import Site

@Suite struct IndexPageTests {
    @Test func notesAreGroupedByTheirDottedNames() throws {
        let notes = [
            "python.md": "---\ntitle: Python\ndesc: All of it\ncreated: 1693390276992\n---\n```py\nx=1\n```\n",
            "python.threads.md": "---\ntitle: Threads\n---\n",
            "rust.async.md": "---\ntitle: Rust async\n---\n",
        ].map { NoteReader.read(Array($0.value.utf8), path: $0.key) }
        let html = IndexPage(vault: VaultIndex(notes: notes), theme: try Theme()).render(vaultTitle: "Notes")
        #expect(html.contains("3 notes · 1 Python snippet"))
        let python = try #require(html.range(of: "href=\"python.html\""))
        let threads = try #require(html.range(of: "href=\"python.threads.html\""))
        let rustGroup = try #require(html.range(of: "<span class=\"group\">rust</span>"))
        #expect(python.lowerBound < threads.lowerBound && threads.lowerBound < rustGroup.lowerBound)
        #expect(html.contains("All of it · created 2023-08-30 · 1 snippet"))
    }
}
