import LoomCore
import SeededRandom
import Testing
@testable import NoteReading

private func read(_ text: String) -> Note {
    NoteReader.read(Array(("---\ntitle: t\n---\n" + text).utf8), path: "n.md")
}

private func html(of note: Note) -> String {
    note.body.map { if case .html(let text) = $0 { text } else { "" } }.joined()
}

@Suite struct ExtractionTests {
    @Test(arguments: ["py", "python", "python3", "py3", "{python}", "{.python}", "python title=\"x.py\"", "{.python .numberLines}", "Python", "pycon"])
    func infoStringsThatNamePython(info: String) {
        #expect(read("```\(info)\nx = 1\n```\n").snippets.count == 1)
    }

    @Test(arguments: ["", "pyi", "js", "text", "pythonic", "bash python"])
    func infoStringsThatDoNot(info: String) {
        let note = read("```\(info)\nx = 1\n```\n")
        #expect(note.snippets.isEmpty)
        #expect(note.otherCodeBlockCount == 1)
        #expect(html(of: note).contains("x = 1"))
    }

    @Test func unclosedFenceAtEndOfFileIsASnippetWithAWarning() {
        let note = read("text\n\n```py\nprint('a')\nprint('b')\n")
        let snippet = note.snippets.first
        #expect(snippet?.isUnclosed == true)
        #expect(snippet?.code == "print('a')\nprint('b')\n")
        #expect(note.diagnostics.map(\.formatted) == ["n.md:6:1: warning: code fence is never closed; the snippet runs to the end of its block"])
    }

    @Test func tildeFencesAndLongerBacktickFences() {
        let note = read("~~~python\na = 1\n~~~\n\n````py\nb = '```'\n````\n")
        #expect(note.snippets.map(\.code) == ["a = 1\n", "b = '```'\n"])
        #expect(note.snippets.map(\.fenceLine) == [4, 8])
        #expect(note.snippets.allSatisfy { !$0.isUnclosed })
    }

    @Test func fencesInListsAndBlockQuotes() {
        let note = read("- item\n\n  ```py\n  x = 1\n  ```\n\n> ```python\n> y = 2\n> ```\n")
        #expect(note.snippets.map(\.code) == ["x = 1\n", "y = 2\n"])
        #expect(note.snippets.map(\.fenceLine) == [6, 10])
        #expect(note.snippets.map(\.indent) == [2, 2])
        #expect(note.snippets.allSatisfy { !$0.isUnclosed })
    }

    @Test func tabsInCodeAreKept() {
        let note = read("```py\nif x:\n\tpass\n```\n")
        #expect(note.snippets.first?.code == "if x:\n\tpass\n")
    }

    @Test func wikiLinksWithAndWithoutLabels() {
        let note = read("See [[python.async]] and [[the pools|python.pools]].\nAlso [[ spaced.name ]].\n")
        #expect(note.wikiLinks.map(\.target) == ["python.async", "python.pools", "spaced.name"])
        #expect(note.wikiLinks.map(\.label) == [nil, "the pools", nil])
        #expect(note.wikiLinks.map(\.location.line) == [4, 4, 5])
        #expect(note.wikiLinks.map(\.location.column) == [5, 26, 6])
        let pieces = note.body.filter { if case .wikiLink = $0 { true } else { false } }
        #expect(pieces == [.wikiLink(0), .wikiLink(1), .wikiLink(2)])
    }

    @Test func bracketsThatAreNotWikiLinksStayText() {
        let note = read("a [[]] b [[x [y]] c [[unclosed\n")
        #expect(note.wikiLinks.isEmpty)
        #expect(html(of: note).contains("a [[]] b [[x [y]] c [[unclosed"))
    }

    @Test func wikiLinkInsideALinkIsLeftAlone() {
        let note = read("[see [[x]]](http://example.com)\n")
        #expect(note.wikiLinks.isEmpty)
        #expect(note.links.map(\.url) == ["http://example.com"])
    }

    @Test func scriptInProseIsEscapedOrOmitted() {
        let note = read("<script>alert(1)</script>\n\nText with <b onclick=x>inline</b> and &lt;script&gt; and </pre>\n\n[x](javascript:alert(1)) ![i](data:text/html,boom)\n")
        let body = html(of: note)
        #expect(!body.contains("<script"))
        #expect(!body.contains("<b onclick"))
        #expect(!body.contains("javascript:"))
        #expect(body.contains("&lt;/pre&gt;") || !body.contains("</pre>"))
        #expect(body.contains("raw HTML omitted"))
    }

    @Test func markersCannotBeForgedByTheNote() {
        let note = read("<!--loom:snippet:1-->\n\n`<!--loom:image:0-->` and &lt;!--loom:wiki:0--&gt;\n")
        #expect(note.body.allSatisfy { if case .html = $0 { true } else { false } })
    }

    @Test func markerBytesInTheNoteAreNotMarkers() {
        // Loom's markers are delimited by 0xFF: bytes a note may hold, but that cmark shows as U+FFFD.
        var bytes = Array("---\ntitle: t\n---\nsee ".utf8)
        bytes += [0xFF] + Array("w0".utf8) + [0xFF] + Array(" and `".utf8) + [0xFF] + Array("s1".utf8) + [0xFF] + Array("`\n".utf8)
        let note = NoteReader.read(bytes, path: "n.md")
        #expect(note.body.allSatisfy { if case .html = $0 { true } else { false } })
        #expect(html(of: note).contains("see \u{FFFD}w0\u{FFFD} and <code>\u{FFFD}s1\u{FFFD}</code>"))
    }

    @Test func wikiLinkPartsAsSplittingAtTheFirstBarGivesThem() {
        let note = read("[[|]] [[||b]] [[a||]] [[ l | t ]] [[a|b|c]] [[ ]]\n")
        #expect(note.wikiLinks.map(\.target) == ["b", "|", "t", "b|c", ""])
        #expect(note.wikiLinks.map(\.label) == [nil, "a", "l", "a", nil])
        #expect(html(of: note).contains("[[|]]"))
    }

    @Test func textAroundWikiLinksAndAddressesIsKeptInOrder() {
        let note = read("a < [[x]] & https://e.com/p?q=1&r=2, [[y|z]] \"q\" http://f.org.\n")
        #expect(note.wikiLinks.map(\.target) == ["x", "z"])
        let rendered = note.body.map { piece -> String in
            switch piece {
            case .html(let text): text
            case .wikiLink(let index): "{wiki \(index)}"
            default: "{other}"
            }
        }.joined()
        #expect(rendered == "<p>a &lt; {wiki 0} &amp; <a href=\"https://e.com/p?q=1&amp;r=2\">https://e.com/p?q=1&amp;r=2</a>, {wiki 1} &quot;q&quot; <a href=\"http://f.org\">http://f.org</a>.</p>\n")
    }

    @Test func passingOverParagraphsWithoutLinksChangesNothing() {
        // Paragraphs whose source holds none of `[ < & :` are not walked; entities and escapes can spell
        // brackets and addresses, so the generated notes mix them in with the plain prose.
        let fragments = [
            "word", "words here", "*em*", "**strong**", "`code`", "[[a.b]]", "[[label|c.d]]", "[t](https://x.org/a)",
            "![alt](p.png)", "<https://auto.link>", "&#91;&#91;e.f]]", "\\[\\[g.h]]", "&#104;ttps://ent.org", "http://bare.org/x",
            "see: this", "é ü 漢字", "[ref]", "!", "_u_", "\\*",
        ]
        let separators = [" ", " ", " ", "\n", "\n\n", "\n\n- ", "\n\n> ", "\n\n## ", "\n\n```py\nx = 1\n```\n\n"]
        var random = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            var text = "[ref]: https://r.org\n\n"
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                text += fragments.randomElement(using: &random)! + separators.randomElement(using: &random)!
            }
            let bytes = Array(("---\ntitle: t\n---\n" + text).utf8)
            let skipping = NoteReader.read(bytes, path: "n.md", skippingPlainParagraphs: true)
            let walkingAll = NoteReader.read(bytes, path: "n.md", skippingPlainParagraphs: false)
            #expect(skipping.body == walkingAll.body, "\(text)")
            #expect(skipping.wikiLinks == walkingAll.wikiLinks, "\(text)")
            #expect(skipping.links == walkingAll.links, "\(text)")
            #expect(skipping.images == walkingAll.images, "\(text)")
            #expect(skipping.headings == walkingAll.headings, "\(text)")
            #expect(skipping.diagnostics.map(\.formatted) == walkingAll.diagnostics.map(\.formatted), "\(text)")
        }
    }

    @Test func headingAnchorsAreUniqueAndSafe() {
        let note = read("# Setup\n## Setup\n## \"Quotes\" & more\n## ???\n")
        #expect(note.headings.map(\.anchor) == ["setup", "setup-1", "quotes--more", "section"])
    }

    @Test func invalidUTF8AndNULAreReportedWhereTheyAre() {
        var bytes = Array("---\ntitle: t\n---\nok\nbad \u{0}".utf8)
        bytes += [0xFF, 0x0A]
        let note = NoteReader.read(bytes, path: "n.md")
        #expect(note.diagnostics.map(\.formatted) == [
            "n.md:5:5: warning: note contains a NUL byte; it is shown as \u{FFFD}",
            "n.md:5:6: warning: note is not valid UTF-8 here; the bytes are shown as \u{FFFD}",
        ])
    }
}
