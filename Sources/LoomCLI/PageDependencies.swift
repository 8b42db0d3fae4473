import Foundation
import Site

/// What each page shows of notes other than its own, as hashes the build manifest keeps: a page whose
/// note, runs and hash are unchanged would render byte for byte as before, so it is carried over.
enum PageDependencies {
    /// Whether this note has the page, and the name and title of every note its page names: wiki link
    /// targets (or their absence), the pager's neighbours, backlinks and the breadcrumbs' ancestors.
    /// Also the children it lists, its tags' pages, the notes a tag's note lists, and the bytes of every
    /// note it embeds (`contentHashes`, by name).
    static func hash(of note: VaultIndex.NoteFacts, in vault: VaultIndex, contentHashes: [String: UInt64] = [:]) -> UInt64 {
        var hash = StableHash()
        let entry = vault.entry(named: note.name)
        hash.combine(entry?.path == note.path ? entry?.page ?? "" : "")
        func combine(_ entry: VaultIndex.Entry?) {
            guard let entry else { return hash.combine(0) }
            hash.combine(1)
            hash.combine(entry.page)
            hash.combine(entry.title)
        }
        for target in note.wikiLinkTargets { combine(vault.entry(named: target)) }
        let (previous, next) = vault.neighbours(of: note.name)
        combine(previous)
        combine(next)
        for name in entry?.backlinks ?? [] { combine(vault.entry(named: name)) }
        hash.combine(-1)
        for ancestor in vault.ancestors(of: note.name) {
            hash.combine(ancestor.name)
            combine(ancestor.entry)
        }
        hash.combine(-2)
        for child in vault.children(of: note.name) { combine(child) }
        hash.combine(-3)
        for tag in note.tags {
            hash.combine(tag)
            hash.combine(vault.tagPages[tag] ?? "")
        }
        hash.combine(-4)
        if let tag = vault.tag(ofNoteNamed: note.name) {
            for name in vault.taggedByTag[tag] ?? [] { combine(vault.entry(named: name)) }
        }
        hash.combine(-5)
        for name in note.embeds {
            combine(vault.entry(named: name))
            hash.combine(contentHashes[name] ?? 0)
        }
        return hash.value
    }

    /// Everything the front page and the timings page show: every entry, and every note's runs.
    static func indexHash(vault: VaultIndex, runsHashes: [UInt64], recordFile: String?) -> UInt64 {
        var hash = StableHash()
        for entry in vault.entries {
            for text in [entry.name, entry.path, entry.title, entry.page, entry.description ?? "\u{0}"] { hash.combine(text) }
            hash.combine(entry.created.map { Int($0) } ?? Int.min)
            hash.combine(entry.updated.map { Int($0) } ?? Int.min)
            hash.combine(entry.snippetCount)
        }
        hash.combine(-2)
        for (tag, page) in vault.generatedTagPages {
            hash.combine(tag)
            hash.combine(page)
            for name in vault.taggedByTag[tag] ?? [] { hash.combine(name) }
        }
        hash.combine(-1)
        for runs in runsHashes { hash.combine(runs) }
        hash.combine(recordFile ?? "\u{0}")
        return hash.value
    }
}
