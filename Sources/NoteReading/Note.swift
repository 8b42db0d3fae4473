import LoomCore

/// A note as read: its header, what it points at, its snippets, and its body ready to render.
public struct Note: Sendable {
    /// Path relative to the vault, `/`-separated (`threading.md`, `lang/python.async.md`).
    public var path: String
    /// Dendron name: the file name without `.md` (`python.async`).
    public var name: String
    public var frontMatter: FrontMatter?
    /// From the front matter, else the first heading, else the name.
    public var title: String
    public var headings: [Heading]
    public var snippets: [Snippet]
    /// Code blocks that are not Python: shown as code, never run.
    public var otherCodeBlockCount: Int
    public var images: [ImageReference]
    public var links: [LinkReference]
    public var wikiLinks: [WikiLink]
    /// The body as cmark rendered it, cut where Loom inserts its own markup.
    public var body: [BodyPiece]
    public var diagnostics: [Diagnostic]
}

public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    /// Unique within the note; the heading's `id`.
    public var anchor: String
    public var line: Int
}

public struct ImageReference: Hashable, Sendable {
    /// The destination exactly as written.
    public var url: String
    public var altText: String
    public var title: String
    public var location: SourceLocation
}

public struct LinkReference: Hashable, Sendable {
    public var url: String
    public var text: String
    public var location: SourceLocation
}

/// `[[target]]` or `[[label|target]]`, Dendron's link to another note by name; `[[target#heading]]` links to
/// one of its headings, and `![[target]]` (a note reference) shows the note, or that heading's section, in place.
public struct WikiLink: Hashable, Sendable {
    /// The note's name, without `#heading`; empty for a link to a heading of the note itself (`[[#heading]]`).
    public var target: String
    public var label: String?
    public var location: SourceLocation
    /// What followed `#`, as written.
    public var heading: String? = nil
    /// Written `![[…]]`: the target's text is embedded, not linked.
    public var isEmbed = false

    public init(target: String, label: String?, location: SourceLocation, heading: String? = nil, isEmbed: Bool = false) {
        self.target = target
        self.label = label
        self.location = location
        self.heading = heading
        self.isEmbed = isEmbed
    }

    /// The anchor a heading gets on its page: what `Heading.anchor` is for a heading of this text (before
    /// numbering repeats).
    public static func anchor(forHeading text: String) -> String { BodyWalk.slug(text) }
}

/// A stretch of the rendered body. Loom's own pieces stand where cmark's output is cut.
public enum BodyPiece: Hashable, Sendable {
    /// HTML as cmark's safe renderer wrote it.
    case html(String)
    /// The snippet with this index (1-based) stands here.
    case snippet(Int)
    /// The image at this position of `images` stands here.
    case image(Int)
    /// The wiki link at this position of `wikiLinks` stands here.
    case wikiLink(Int)
}
