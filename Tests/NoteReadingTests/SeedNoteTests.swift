import Foundation
import LoomCore
import Testing
@testable import NoteReading

/// The user's note, as the vault holds it.
func seedNote() throws -> Note {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notes/threading.md")
    return NoteReader.read(Array(try Data(contentsOf: url)), path: "threading.md")
}

@Suite struct SeedNoteTests {
    @Test func frontMatterIsRead() throws {
        let note = try seedNote()
        let frontMatter = try #require(note.frontMatter)
        #expect(frontMatter.id == "vawn4he8nrok39454p0e46n")
        #expect(frontMatter.title == "threading")
        #expect(frontMatter.description == "")
        #expect(frontMatter.created == 1_693_390_276_992)
        #expect(frontMatter.updated == 1_728_231_890_682)
        #expect(note.title == "threading")
    }

    @Test func threeSnippetsWithTheirLines() throws {
        let snippets = try seedNote().snippets
        #expect(snippets.map(\.index) == [1, 2, 3])
        #expect(snippets.map(\.fenceLine) == [13, 58, 80])
        #expect(snippets.map(\.firstCodeLine) == [14, 59, 81])
        #expect(snippets[0].code.hasPrefix("import time\n"))
        #expect(snippets[2].numberedLines.first { $0.text.contains("reutrn") }?.line == 86)
        #expect(snippets[2].numberedLines.first { $0.text.contains("print result") }?.line == 104)
        #expect(snippets.allSatisfy { !$0.isUnclosed })
    }

    @Test func imagesHeadingsAndLinks() throws {
        let note = try seedNote()
        #expect(note.images.map(\.url) == ["threading_sync_example.png", "threading_example.png"])
        #expect(note.images.map(\.location.line) == [37, 52])
        #expect(note.images.map(\.location.column) == [1, 1])
        #expect(note.images.map(\.altText) == ["Alt-text", "Alt text"])
        #expect(note.headings.map(\.text).prefix(3) == ["A Synchronous Example", "CPU bound vs IO Bound Tasks", "What is Threading?"])
        #expect(note.headings.map(\.anchor).prefix(3) == ["a-synchronous-example", "cpu-bound-vs-io-bound-tasks", "what-is-threading"])
        #expect(note.headings.first?.line == 11)
        #expect(note.links.isEmpty)
    }

    @Test func bodyHoldsEverySnippetAndImageOnceInOrder() throws {
        let note = try seedNote()
        let markers = note.body.filter { if case .html = $0 { false } else { true } }
        #expect(markers == [.snippet(1), .image(0), .image(1), .snippet(2), .snippet(3)])
        let html = note.body.compactMap { if case .html(let text) = $0 { text } else { nil } }.joined()
        #expect(html.contains("<h2 id=\"a-synchronous-example\">\nA Synchronous Example\n</h2>"))
        #expect(!html.contains("---"))
        #expect(!html.contains("<img"))
    }

    @Test func onlyTheExpectedDiagnostics() throws {
        #expect(try seedNote().diagnostics.isEmpty)
    }
}
