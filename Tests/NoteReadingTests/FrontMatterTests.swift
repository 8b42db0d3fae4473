import LoomCore
import Testing
@testable import NoteReading

private func read(_ text: String, path: String = "vault.note.md") -> Note {
    NoteReader.read(Array(text.utf8), path: path)
}

@Suite struct FrontMatterTests {
    @Test func validFrontMatterKeepsUnknownKeys() {
        let note = read("---\nid: abc\ntitle: Locks\ndesc: How locks work\ncreated: 1693390276992\nupdated: 1728231890682\ntags: [a, b]\nstage: draft\n---\n# Heading\n")
        #expect(note.frontMatter?.title == "Locks")
        #expect(note.frontMatter?.description == "How locks work")
        #expect(note.frontMatter?.extra["stage"] == "draft")
        #expect(note.frontMatter?.extra["tags"] == "(a list of 2 items)")
        #expect(note.frontMatter?.createdDate?.timeIntervalSince1970 == 1_693_390_276.992)
        #expect(note.title == "Locks")
        #expect(note.diagnostics.isEmpty)
    }

    @Test func frontMatterIsNotReadAsASetextHeading() {
        let note = read("---\ntitle: T\n---\nBody text\n")
        #expect(note.headings.isEmpty)
        let html = note.body.map { if case .html(let text) = $0 { text } else { "" } }.joined()
        #expect(html == "<p>Body text</p>\n")
    }

    @Test func missingFrontMatterWarnsAndTitleComesFromHeading() {
        let note = read("Intro\n\n## First heading\n")
        #expect(note.frontMatter == nil)
        #expect(note.title == "First heading")
        #expect(note.diagnostics.map(\.formatted) == ["vault.note.md:1:1: warning: note has no front matter (a YAML block between '---' lines); the title comes from its first heading"])
    }

    @Test func titleFallsBackToTheNoteName() {
        #expect(read("just text\n", path: "dir/lang.python.md").title == "lang.python")
    }

    @Test func brokenYAMLWarnsAtItsLineAndThePageIsStillRead() {
        let note = read("---\ntitle: ok\nbad: [unclosed\n---\n# Still here\n\n```py\nprint(1)\n```\n")
        #expect(note.frontMatter == nil)
        let warning = note.diagnostics.first
        #expect(warning?.severity == .warning)
        #expect((3...5).contains(warning?.location.line ?? 0))
        #expect(warning?.message.contains("not valid YAML") == true)
        #expect(note.title == "Still here")
        #expect(note.snippets.map(\.fenceLine) == [7])
    }

    @Test func nonTextTitleAndNonNumericDatesAreWarnings() {
        let note = read("---\ntitle: [a, b]\ncreated: yesterday\n---\n")
        #expect(note.frontMatter?.title == nil)
        #expect(note.frontMatter?.created == nil)
        #expect(note.diagnostics.map(\.location.line) == [2, 3])
        #expect(note.diagnostics[1].message.contains("epoch milliseconds"))
    }

    @Test func yamlAliasBombIsSummarisedNotExpanded() {
        var yaml = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let note = read(yaml + "title: Bomb\n---\ntext\n")
        #expect(note.frontMatter?.title == "Bomb")
        #expect(note.frontMatter?.extra["i"] == "(a list of 9 items)")
    }

    @Test func crlfAndBOMKeepLineNumbers() {
        let note = read("\u{FEFF}---\r\ntitle: Windows\r\n---\r\n\r\n```python\r\nx = 1\r\n```\r\n")
        #expect(note.title == "Windows")
        #expect(note.snippets.first?.fenceLine == 5)
        #expect(note.snippets.first?.code == "x = 1\n")
        #expect(note.diagnostics.isEmpty)
    }

    @Test func loneCarriageReturnsEndLines() {
        let note = read("---\rtitle: Old Mac\r---\r```py\rprint(2)\r```\r")
        #expect(note.title == "Old Mac")
        #expect(note.snippets.first?.fenceLine == 4)
    }

    @Test func unclosedFrontMatterIsMarkdown() {
        let note = read("---\ntitle: never closed\n")
        #expect(note.frontMatter == nil)
        #expect(note.diagnostics.first?.message.contains("never closed") == true)
    }
}
