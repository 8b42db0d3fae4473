import Foundation
import LoomCore
import NoteReading
import Testing
@testable import Site

private func note(_ text: String, path: String = "a.md") -> Note {
    NoteReader.read(Array(text.utf8), path: path)
}

private func render(_ notes: [Note], page name: String, images: [ImageResolution]? = nil) throws -> (html: String, diagnostics: [Diagnostic]) {
    let vault = VaultIndex(notes: notes)
    let target = try #require(notes.first { $0.name == name })
    let resolutions = images ?? target.images.map { .missing(vaultPath: $0.url) }
    return NotePage(vault: vault, theme: try Theme()).render(target, images: resolutions)
}

@Suite struct NotePageTests {
    @Test func cardsCarryIdsAndNoteLineNumbers() throws {
        let page = try render([note("---\ntitle: T\n---\n\n```py\nx = 1\ny = 2\n```\n")], page: "a").html
        #expect(page.contains("id=\"snippet-1\""))
        #expect(page.contains("<span class=\"line\" data-line=\"6\">x = <span class=\"nu\">1</span></span><span class=\"line\" data-line=\"7\">"))
    }

    @Test func missingPicturePlaceholderNamesFileAndAltAndPointsAtTheSnippet() throws {
        let text = "---\ntitle: T\n---\n## Part\n\n```py\nx = 1\n```\n\n![the <b>diagram</b>](pics/flow.png)\n"
        let (page, diagnostics) = try render([note(text)], page: "a")
        #expect(page.contains("<code>flow.png</code>"))
        #expect(page.contains("“the diagram”"))
        #expect(page.contains("href=\"#snippet-1\""))
        #expect(diagnostics.map(\.formatted) == ["a.md:10:1: warning: picture 'pics/flow.png' does not exist (looked for pics/flow.png); the page shows a placeholder"])
    }

    @Test func pictureIllustratesTheNearestSnippetOfItsSectionElseTheOneBefore() throws {
        let text = """
        ---
        title: T
        ---
        ## One
        ```py
        a = 1
        ```
        ## Two
        ![first](x.png)
        ### Two, deeper
        ```py
        b = 2
        ```
        ## Three
        ![second](y.png)

        """
        let read = note(text)
        #expect(IllustratedSnippet.forImage(at: read.images[0].location.line, in: read) == 2)
        #expect(IllustratedSnippet.forImage(at: read.images[1].location.line, in: read) == 2)
        #expect(read.images.map(\.location.line) == [9, 15])
    }

    @Test func wikiLinksResolveOrShowAsBroken() throws {
        let notes = [
            note("---\ntitle: Home\n---\nGo to [[python.pools]] or [[the \"label\" & co|missing.note]].\n", path: "home.md"),
            note("---\ntitle: Pools & Queues\n---\nBack to [[home]].\n", path: "python.pools.md"),
        ]
        let (page, diagnostics) = try render(notes, page: "home")
        #expect(page.contains("<a class=\"wiki\" href=\"python.pools.html\">Pools &amp; Queues</a>"))
        #expect(page.contains("<span class=\"wiki broken\""))
        #expect(page.contains("the &quot;label&quot; &amp; co"))
        #expect(diagnostics.map(\.formatted) == ["home.md:4:27: warning: wiki link to 'missing.note' matches no note in the vault"])
        let backlinkPage = try render(notes, page: "python.pools").html
        #expect(backlinkPage.contains("<a href=\"home.html\">Home</a>"))
        #expect(try render(notes, page: "home").html.contains("<nav class=\"pager\""))
    }

    @Test func backlinksListNotesThatLinkHere() throws {
        let notes = [
            note("---\ntitle: A\n---\nsee [[b]]\n", path: "a.md"),
            note("---\ntitle: B\n---\ntext\n", path: "b.md"),
        ]
        let page = try render(notes, page: "b").html
        #expect(page.contains("Notes that link here"))
        #expect(page.contains("<a href=\"a.html\">A</a>"))
    }

    @Test func titlesAndDescriptionsFromTheNoteAreEscaped() throws {
        let page = try render([note("---\ntitle: <script>alert(1)</script>\ndesc: \"x\\\" onerror=\\\"y\"\n---\n# <img src=x onerror=alert(1)>\n")], page: "a").html
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("\" onerror=\"y"))
        #expect(!page.contains("<img src=x"))
    }

    @Test func breadcrumbsFollowTheHierarchy() throws {
        let notes = [note("---\ntitle: Python\n---\n", path: "python.md"), note("---\ntitle: Async\n---\n", path: "python.async.tasks.md")]
        let page = try render(notes, page: "python.async.tasks").html
        #expect(page.contains("<a href=\"python.html\">Python</a>"))
        #expect(page.contains("<span>async</span>") || page.contains("<span>python.async</span>"))
    }

    @Test func themeOverridesReplaceTemplates() throws {
        let theme = try Theme(overrides: ["note.mustache": "<p class=\"mine\">{{title}}</p>", "style.css": "body{}"])
        let read = note("---\ntitle: Mine & yours\n---\n")
        let page = NotePage(vault: VaultIndex(notes: [read]), theme: theme).render(read, images: []).html
        #expect(page.contains("<p class=\"mine\">Mine &amp; yours</p>"))
        #expect(theme.stylesheet == "body{}")
    }

    @Test func brokenThemeTemplateIsAnError() {
        #expect(throws: ThemeError.self) { try Theme(overrides: ["note.mustache": "{{#open}} never closed"]) }
    }
}

@Suite struct BrokenWikiLinkTests {
    @Test func manyLinksToOneMissingNoteAreOneWarningWithACount() throws {
        let text = "---\ntitle: T\n---\n" + String(repeating: "see [[gone]] and [[also.gone]]\n", count: 3)
        let read = NoteReader.read(Array(text.utf8), path: "t.md")
        let (page, diagnostics) = NotePage(vault: VaultIndex(notes: [read]), theme: try Theme()).render(read, images: [])
        #expect(diagnostics.map(\.formatted) == [
            "t.md:4:5: warning: wiki link to 'gone' matches no note in the vault (3 links to it on this page; this is the first)",
            "t.md:4:18: warning: wiki link to 'also.gone' matches no note in the vault (3 links to it on this page; this is the first)",
        ])
        #expect(page.components(separatedBy: "class=\"wiki broken\"").count == 7)
    }
}
