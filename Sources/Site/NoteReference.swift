import NoteReading

/// Dendron's note reference, `![[name]]` or `![[name#heading]]`: the other note's prose (or one heading's
/// section of it) shown in place, under a link to where it comes from. Its snippets are shown as code, not
/// as cards (they run on their own page); references inside it stay links, so that no page embeds itself.
enum NoteReference {
    static func markup(_ link: WikiLink, target: Note?, entry: VaultIndex.Entry?, vault: VaultIndex, broken: inout BrokenLinks) -> String {
        guard let entry, let target else {
            broken.add(link)
            let shown = link.label ?? link.target + (link.heading.map { "#" + $0 } ?? "")
            return "<div class=\"note-ref broken\"><p class=\"note-ref-source\">Note reference to <strong>\(HTMLEscaping.escape(shown))</strong>: no such note in the vault.</p></div>"
        }
        let fragment = link.heading.map { "#" + WikiLink.anchor(forHeading: $0) } ?? ""
        var html = "<div class=\"note-ref\"><p class=\"note-ref-source\">From <a class=\"wiki\" href=\"\(entry.page)\(fragment)\">"
        html += HTMLEscaping.escape(entry.title + (link.heading.map { " › " + $0 } ?? "")) + "</a></p>\n"
        var body = ""
        for piece in target.body {
            switch piece {
            case .html(let text):
                body += text
            case .snippet(let index):
                guard let snippet = target.snippets.first(where: { $0.index == index }) else { continue }
                body += SnippetCard.codeBlock(snippet.code, language: .python, firstLine: snippet.firstCodeLine, label: "Python from \(target.title)", diagnostics: [])
            case .image(let position):
                guard position < target.images.count else { continue }
                let image = target.images[position]
                body += "<span class=\"missing-image\">Picture: \(HTMLEscaping.escape(image.altText.isEmpty ? image.url : image.altText)) (on <a href=\"\(entry.page)\">its note’s page</a>)</span>"
            case .wikiLink(let position):
                guard position < target.wikiLinks.count else { continue }
                let inner = target.wikiLinks[position]
                if let innerEntry = vault.entry(named: inner.target) {
                    let innerFragment = inner.heading.map { "#" + WikiLink.anchor(forHeading: $0) } ?? ""
                    body += "<a class=\"wiki\" href=\"\(innerEntry.page)\(innerFragment)\">\(HTMLEscaping.escape(inner.label ?? innerEntry.title))</a>"
                } else {
                    body += HTMLEscaping.escape(inner.label ?? inner.target)
                }
            }
        }
        if let heading = link.heading {
            body = section(of: body, headingAnchor: WikiLink.anchor(forHeading: heading), headings: target.headings) ?? "<p>(The note has no heading “\(HTMLEscaping.escape(heading))”.)</p>"
        }
        return html + withoutHeadingIDs(body) + "</div>\n"
    }

    /// From the heading with `headingAnchor` to the next heading of its level or above.
    static func section(of html: String, headingAnchor: String, headings: [Heading]) -> String? {
        guard let heading = headings.first(where: { $0.anchor == headingAnchor || WikiLink.anchor(forHeading: $0.text) == headingAnchor }),
              let start = html.range(of: "<h\(heading.level) id=\"\(heading.anchor)\">") else { return nil }
        var end = html.endIndex
        var search = start.upperBound
        while let next = html.range(of: "<h", range: search..<html.endIndex) {
            let level = html[next.upperBound...].first.flatMap { $0.wholeNumberValue }
            if let level, level <= heading.level, html[next.upperBound...].dropFirst().hasPrefix(" id=") {
                end = next.lowerBound
                break
            }
            search = next.upperBound
        }
        return String(html[start.lowerBound..<end])
    }

    /// Headings embedded keep their text but not their ids, which belong to the page they come from.
    static func withoutHeadingIDs(_ html: String) -> String {
        var output = ""
        var rest = html[...]
        while let open = rest.range(of: "<h") {
            output += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            if let level = rest.first, level.isNumber, rest.dropFirst().hasPrefix(" id=\""),
               let close = rest.dropFirst(6).firstIndex(of: "\"") {
                output.append(level)
                rest = rest[rest.index(after: close)...]
            }
        }
        return output + rest
    }
}

/// The page of a tag no note stands for: every note with the tag.
public struct TagPage: Sendable {
    public let vault: VaultIndex
    public let theme: Theme

    public init(vault: VaultIndex, theme: Theme) {
        self.vault = vault
        self.theme = theme
    }

    public func render(tag: String) -> [UInt8] {
        let notes = (vault.taggedByTag[tag] ?? []).compactMap { vault.entry(named: $0) }
        var content = "<section class=\"tagged\">\n<h1>#\(HTMLEscaping.escape(tag))</h1>\n"
        content += "<p class=\"summary\">\(notes.count) \(notes.count == 1 ? "note" : "notes") tagged <code>#\(HTMLEscaping.escape(tag))</code> in front matter or prose.</p>\n<ul>"
        for note in notes { content += "<li><a href=\"\(note.page)\">\(HTMLEscaping.escape(note.title))</a></li>" }
        content += "</ul>\n</section>\n"
        return theme.renderBytes(["pageTitle": "#" + tag, "root": "", "breadcrumbs": [["label": "#" + tag]], "content": content], template: "layout")
    }
}
