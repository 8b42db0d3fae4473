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

        public init(name: String, path: String, title: String, description: String?, created: Int64?, updated: Int64?, snippetCount: Int, wikiLinkTargets: [String]) {
            self.name = name
            self.path = path
            self.title = title
            self.description = description
            self.created = created
            self.updated = updated
            self.snippetCount = snippetCount
            self.wikiLinkTargets = wikiLinkTargets
        }

        public init(_ note: Note) {
            self.init(
                name: note.name, path: note.path, title: note.title,
                description: note.frontMatter?.description.flatMap { $0.isEmpty ? nil : $0 },
                created: note.frontMatter?.created, updated: note.frontMatter?.updated,
                snippetCount: note.snippets.count, wikiLinkTargets: note.wikiLinks.map(\.target)
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
        self.entries = entries
        self.positionByName = positionByName
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
