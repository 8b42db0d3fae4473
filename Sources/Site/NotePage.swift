import LoomCore
import NoteReading

/// A note's page: its prose as cmark rendered it, with Loom's cards, pictures and links put in.
public struct NotePage: Sendable {
    public let vault: VaultIndex
    public let theme: Theme

    public init(vault: VaultIndex, theme: Theme) {
        self.vault = vault
        self.theme = theme
    }

    /// The page's HTML and what the reader should know about it (broken wiki links, missing pictures).
    /// `reports` holds what is known of each snippet's run, by snippet index; a snippet without one shows "not run".
    public func render(_ note: Note, images: [ImageResolution], reports: [Int: SnippetReport] = [:]) -> (html: String, diagnostics: [Diagnostic]) {
        let (bytes, diagnostics) = renderBytes(note, images: images, reports: reports)
        return (String(decoding: bytes, as: UTF8.self), diagnostics)
    }

    /// The page as UTF-8, ready to write, and its diagnostics: what `render` gives, without making a
    /// `String` of the whole page.
    /// `embedded` holds the notes this one references (`![[name]]`), by name; one missing is shown as missing.
    public func renderBytes(_ note: Note, images: [ImageResolution], reports: [Int: SnippetReport] = [:], embedded: [String: Note] = [:]) -> (html: [UInt8], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var brokenLinks = BrokenLinks()
        var body = ""
        let tagPages = vault.tagPages
        for piece in note.body {
            switch piece {
            case .html(let html):
                body += InlineTags.linked(html, pages: tagPages)
            case .snippet(let index):
                if let snippet = note.snippets.first(where: { $0.index == index }) {
                    body += SnippetCard.render(reports[index] ?? SnippetReport(snippet: snippet))
                }
            case .image(let position):
                let image = note.images[position]
                let resolution = position < images.count ? images[position] : .missing(vaultPath: image.url)
                body += imageMarkup(image, resolution: resolution, note: note, reports: reports, diagnostics: &diagnostics)
            case .wikiLink(let position):
                let link = note.wikiLinks[position]
                if link.isEmbed, !link.target.isEmpty {
                    body += NoteReference.markup(link, target: embedded[link.target], entry: vault.entry(named: link.target), vault: vault, broken: &brokenLinks)
                } else {
                    body += wikiLinkMarkup(link, in: note, broken: &brokenLinks)
                }
            }
        }
        diagnostics += brokenLinks.diagnostics

        let entry = vault.entry(named: note.name)
        let (previous, next) = vault.neighbours(of: note.name)
        let backlinks = (entry?.backlinks ?? []).compactMap { vault.entry(named: $0) }
        let snippetCount = note.snippets.count
        var context: [String: Any] = [
            "title": note.title,
            "snippetSummary": snippetCount == 1 ? "1 Python snippet" : "\(snippetCount) Python snippets",
            "hasContents": note.headings.count > 1,
            "contents": tableOfContents(note.headings),
            "body": body,
            "hasBacklinks": !backlinks.isEmpty,
            "backlinks": backlinks.map(Self.link(to:)),
        ]
        // Absent keys, not nil values: a template's section must see nothing to skip.
        context["description"] = note.frontMatter?.description.flatMap { $0.isEmpty ? nil : $0 }
        context["created"] = note.frontMatter?.created.map(DisplayDate.string(fromEpochMilliseconds:))
        context["updated"] = note.frontMatter?.updated.map(DisplayDate.string(fromEpochMilliseconds:))
        context["previous"] = previous.map(Self.link(to:))
        context["next"] = next.map(Self.link(to:))
        let children = vault.children(of: note.name)
        context["hasChildren"] = !children.isEmpty
        context["children"] = children.map(Self.link(to:))
        let tags = InlineTags.tags(of: note).compactMap { tag in tagPages[tag].map { ["tag": tag, "page": $0] } }
        context["hasTags"] = !tags.isEmpty
        context["tags"] = tags
        if let tag = vault.tag(ofNoteNamed: note.name) {
            context["taggedTag"] = tag
            context["hasTagged"] = true
            context["tagged"] = (vault.taggedByTag[tag] ?? []).compactMap { vault.entry(named: $0) }.map(Self.link(to:))
        }
        let content = theme.render(context, template: "note")
        let breadcrumbs: [[String: Any]] = vault.ancestors(of: note.name).map { ancestor in
            var crumb: [String: Any] = ["label": ancestor.entry?.title ?? ancestor.name]
            crumb["page"] = ancestor.entry?.page
            return crumb
        } + [["label": note.title]]
        let page = theme.renderBytes(
            ["pageTitle": note.title, "root": "", "breadcrumbs": breadcrumbs, "content": content],
            template: "layout"
        )
        return (page, diagnostics)
    }

    private static func link(to entry: VaultIndex.Entry) -> [String: Any] {
        ["page": entry.page, "title": entry.title]
    }

    private func tableOfContents(_ headings: [Heading]) -> String {
        var html = "<ul>"
        for heading in headings {
            html += "<li class=\"level-\(heading.level)\"><a href=\"#\(heading.anchor)\">\(HTMLEscaping.escape(heading.text))</a></li>"
        }
        return html + "</ul>"
    }

    private func imageMarkup(_ image: ImageReference, resolution: ImageResolution, note: Note, reports: [Int: SnippetReport], diagnostics: inout [Diagnostic]) -> String {
        let alt = HTMLEscaping.escape(image.altText)
        let title = image.title.isEmpty ? "" : " title=\"\(HTMLEscaping.escape(image.title))\""
        switch resolution {
        case .copied(let sitePath):
            return "<img src=\"\(HTMLEscaping.urlPath(sitePath))\" alt=\"\(alt)\"\(title)>"
        case .external(let url):
            return "<img src=\"\(HTMLEscaping.escape(url))\" alt=\"\(alt)\"\(title)>"
        case .missing(let vaultPath):
            diagnostics.append(Diagnostic(.warning, at: image.location, "picture '\(image.url)' does not exist (looked for \(vaultPath)); the page shows a placeholder"))
            return placeholder(image, why: "Picture not found", note: note, reports: reports)
        case .refused(let reason):
            diagnostics.append(Diagnostic(.warning, at: image.location, "picture '\(image.url)' is not shown: \(reason)"))
            return placeholder(image, why: "Picture not shown", note: note, reports: reports)
        }
    }

    private func placeholder(_ image: ImageReference, why: String, note: Note, reports: [Int: SnippetReport]) -> String {
        let name = image.url.split(separator: "/").last.map(String.init) ?? image.url
        let label = image.altText.isEmpty ? name : image.altText
        var html = "<span class=\"missing-image\" role=\"img\" aria-label=\"\(HTMLEscaping.escape("\(why): \(label)"))\">"
        html += "<strong>\(why):</strong> <code>\(HTMLEscaping.escape(name))</code>"
        if !image.altText.isEmpty { html += " — “\(HTMLEscaping.escape(image.altText))”" }
        if let snippet = IllustratedSnippet.forImage(at: image.location.line, in: note) {
            if reports[snippet]?.timeline != nil {
                html += "<br>What it meant to show: <a href=\"#snippet-\(snippet)-timeline\">the timeline of snippet \(snippet)</a> shows this, as measured."
            } else {
                html += "<br>What it meant to show is in <a href=\"#snippet-\(snippet)\">snippet \(snippet)</a>."
            }
        }
        return html + "</span>"
    }

    private func wikiLinkMarkup(_ link: WikiLink, in note: Note, broken: inout BrokenLinks) -> String {
        let fragment = link.heading.map { "#" + WikiLink.anchor(forHeading: $0) } ?? ""
        if link.target.isEmpty, let heading = link.heading {
            // `[[#heading]]`: a heading of this very note.
            return "<a class=\"wiki\" href=\"\(fragment)\">\(HTMLEscaping.escape(link.label ?? heading))</a>"
        }
        if let target = vault.entry(named: link.target) {
            let label = link.label ?? (link.heading.map { "\(target.title) › \($0)" } ?? target.title)
            return "<a class=\"wiki\" href=\"\(target.page)\(fragment)\">\(HTMLEscaping.escape(label))</a>"
        }
        broken.add(link)
        let shown = link.label ?? link.target
        return "<span class=\"wiki broken\" title=\"\(HTMLEscaping.escape("No note named \(link.target)"))\">\(HTMLEscaping.escape(shown))</span>"
    }
}

/// Broken wiki links of one page: one warning per missing note, at its first link, with how many there are.
struct BrokenLinks {
    private var first: [String: SourceLocation] = [:]
    private var counts: [String: Int] = [:]
    private var order: [String] = []

    mutating func add(_ link: WikiLink) {
        if first[link.target] == nil {
            first[link.target] = link.location
            order.append(link.target)
        }
        counts[link.target, default: 0] += 1
    }

    var diagnostics: [Diagnostic] {
        order.compactMap { target in
            guard let location = first[target], let count = counts[target] else { return nil }
            let more = count > 1 ? " (\(count) links to it on this page; this is the first)" : ""
            return Diagnostic(.warning, at: location, "wiki link to '\(target)' matches no note in the vault\(more)")
        }
    }
}
