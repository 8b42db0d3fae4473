import LoomCore
import NoteReading

/// What every page needs to know about the whole vault: names, pages, the hierarchy, backlinks.
public struct VaultIndex: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var path: String
        public var title: String
        public var description: String?
        public var created: Int64?
        public var updated: Int64?
        public var snippetCount: Int
        /// The page's file name in the site, relative to its root.
        public var page: String
        /// Names of notes whose wiki links point here, in vault order.
        public var backlinks: [String]
    }

    /// In vault order: sorted by name, so the hierarchy reads top-down.
    public private(set) var entries: [Entry]
    private var positionByName: [String: Int]

    /// What the index needs of one note; a build that did not read a note again has these from its last build.
    public struct NoteFacts: Hashable, Sendable {
        public var name: String
        public var path: String
        public var title: String
        public var description: String?
        public var created: Int64?
        public var updated: Int64?
        public var snippetCount: Int
        /// Every wiki link's target, in the note's order, repeats included.
        public var wikiLinkTargets: [String]
        /// Its tags: the front matter's, then those written `#tag` in its prose, each once.
        public var tags: [String]
        /// Notes it embeds (`![[name]]`), in order: their text is part of its page.
        public var embeds: [String]

        public init(
            name: String, path: String, title: String, description: String?, created: Int64?, updated: Int64?,
            snippetCount: Int, wikiLinkTargets: [String], tags: [String] = [], embeds: [String] = []
        ) {
            self.name = name
            self.path = path
            self.title = title
            self.description = description
            self.created = created
            self.updated = updated
            self.snippetCount = snippetCount
            self.wikiLinkTargets = wikiLinkTargets
            self.tags = tags
            self.embeds = embeds
        }

        public init(_ note: Note) {
            self.init(
                name: note.name, path: note.path, title: note.title,
                description: note.frontMatter?.description.flatMap { $0.isEmpty ? nil : $0 },
                created: note.frontMatter?.created, updated: note.frontMatter?.updated,
                snippetCount: note.snippets.count, wikiLinkTargets: note.wikiLinks.map(\.target),
                tags: InlineTags.tags(of: note),
                embeds: note.wikiLinks.filter { $0.isEmbed && !$0.target.isEmpty }.map(\.target)
            )
        }
    }

    public init(notes: [Note]) {
        self.init(facts: notes.map(NoteFacts.init))
    }

    public init(facts notes: [NoteFacts]) {
        // Positions sorted, not the facts themselves: moving ten thousand structs of strings showed in profiles.
        // Equal names keep their order (the first by path gets the page).
        let names = notes.map(\.name)
        let sorted = names.indices.sorted { names[$0] != names[$1] ? names[$0] < names[$1] : $0 < $1 }.lazy.map { notes[$0] }
        var entries: [Entry] = []
        var positionByName: [String: Int] = [:]
        var pagesTaken: Set<String> = []
        for note in sorted where positionByName[note.name] == nil {
            var page = HTMLEscaping.urlPath(note.name) + ".html"
            var suffix = 2
            while pagesTaken.contains(page.lowercased()) {
                page = HTMLEscaping.urlPath(note.name) + "-\(suffix).html"
                suffix += 1
            }
            pagesTaken.insert(page.lowercased())
            positionByName[note.name] = entries.count
            entries.append(Entry(
                name: note.name, path: note.path, title: note.title, description: note.description,
                created: note.created, updated: note.updated, snippetCount: note.snippetCount, page: page, backlinks: []
            ))
        }
        for note in sorted {
            for target in Set(note.wikiLinkTargets) where target != note.name {
                if let position = positionByName[target], entries[position].backlinks.last != note.name {
                    entries[position].backlinks.append(note.name)
                }
            }
        }
        // Dendron lists a note's children: the nearest notes below it, through names that are not notes.
        var children: [String: [String]] = [:]
        var tagged: [String: [String]] = [:]
        for entry in entries {
            var parts = entry.name.split(separator: ".", omittingEmptySubsequences: false)
            while parts.count > 1 {
                parts.removeLast()
                let ancestor = parts.joined(separator: ".")
                if positionByName[ancestor] != nil {
                    children[ancestor, default: []].append(entry.name)
                    break
                }
            }
        }
        for note in sorted where positionByName[note.name].map({ entries[$0].path == note.path }) ?? false {
            for tag in note.tags { tagged[tag, default: []].append(note.name) }
        }
        // A tag's page is the note `tags.<tag>` where there is one, as in Dendron; else one Loom makes.
        var tagPages: [String: String] = [:]
        for tag in tagged.keys.sorted() {
            if let position = positionByName[Self.tagNoteName(tag)] {
                tagPages[tag] = entries[position].page
                continue
            }
            var page = HTMLEscaping.urlPath(Self.tagNoteName(tag)) + ".html"
            var suffix = 2
            while pagesTaken.contains(page.lowercased()) {
                page = HTMLEscaping.urlPath(Self.tagNoteName(tag)) + "-\(suffix).html"
                suffix += 1
            }
            pagesTaken.insert(page.lowercased())
            tagPages[tag] = page
        }
        self.entries = entries
        self.positionByName = positionByName
        self.childrenByName = children
        self.taggedByTag = tagged
        self.tagPages = tagPages
    }

    private var childrenByName: [String: [String]] = [:]
    /// Names of the notes with each tag, in vault order.
    public private(set) var taggedByTag: [String: [String]] = [:]
    /// Each tag's page: the note `tags.<tag>`'s, or a page of its own (see `generatedTagPages`).
    public private(set) var tagPages: [String: String] = [:]

    /// Dendron's name for a tag's note: `tags.spark` for `#spark`.
    public static func tagNoteName(_ tag: String) -> String { "tags." + tag }

    /// The tags whose page Loom makes, there being no note `tags.<tag>`, with their pages, by tag.
    public var generatedTagPages: [(tag: String, page: String)] {
        tagPages.keys.sorted().compactMap { tag in
            entry(named: Self.tagNoteName(tag)) == nil ? tagPages[tag].map { (tag, $0) } : nil
        }
    }

    /// The note's children in the hierarchy: the nearest notes below it (`a.b` and `a.c.d` under `a` when
    /// there is no note `a.c`), in vault order.
    public func children(of name: String) -> [Entry] {
        (childrenByName[name] ?? []).compactMap { entry(named: $0) }
    }

    /// The tag a note named `tags.<tag>` stands for, when it is one.
    public func tag(ofNoteNamed name: String) -> String? {
        guard name.hasPrefix("tags.") else { return nil }
        let tag = String(name.dropFirst(5))
        return taggedByTag[tag] == nil ? nil : tag
    }

    public func entry(named name: String) -> Entry? {
        positionByName[name].map { entries[$0] }
    }

    /// Notes with the same name as an earlier one: only the first gets a page.
    public static func duplicateNames(in notes: [Note]) -> [Diagnostic] {
        duplicateNames(in: notes.map { (name: $0.name, path: $0.path) })
    }

    public static func duplicateNames(in notes: [(name: String, path: String)]) -> [Diagnostic] {
        var seen: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for note in notes.sorted(by: { $0.path < $1.path }) {
            if let first = seen[note.name] {
                diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: note.path, line: 1), "another note is also named '\(note.name)' (\(first)); only that one gets a page"))
            } else {
                seen[note.name] = note.path
            }
        }
        return diagnostics
    }

    /// The previous and next notes in vault order.
    public func neighbours(of name: String) -> (previous: Entry?, next: Entry?) {
        guard let position = positionByName[name] else { return (nil, nil) }
        return (position > 0 ? entries[position - 1] : nil, position + 1 < entries.count ? entries[position + 1] : nil)
    }

    /// `a.b.c` → the entries for `a` and `a.b` where those notes exist, else their names alone.
    public func ancestors(of name: String) -> [(name: String, entry: Entry?)] {
        let parts = name.split(separator: ".")
        guard parts.count > 1 else { return [] }
        return (1..<parts.count).map { count in
            let ancestor = parts.prefix(count).joined(separator: ".")
            return (ancestor, entry(named: ancestor))
        }
    }
}
