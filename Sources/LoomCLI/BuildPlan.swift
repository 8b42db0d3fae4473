import Foundation
import LoomCore
import NoteReading
import Site

/// One build's view of every note: what the last build's manifest says of it, whether it was read again,
/// and whether its page is rendered or carried over.
struct BuildPlan {
    struct NoteState {
        let path: String
        let signature: FileSignature?
        /// The manifest's entry for this path.
        let known: BuildManifest.NoteEntry?
        /// The file's signature is the one the manifest holds, and not racy: it need not be read.
        let trusted: Bool
        var note: Note?
        var contentHash: UInt64?
        var facts: VaultIndex.NoteFacts?
        var runsHash: UInt64 = 0
        var dependencyHash: UInt64 = 0
        /// The page it has in the site; nil when a note of the same name has it.
        var page: String?
        var render = false
        /// The front page and the timings page are rendered and show this note's runs.
        var inReports = false
        /// It must be read although its page is carried over (it lost its page, so its diagnostics change).
        var needsReading = false
        var rendered: RenderedPage?

        var snippetPositions: [BuildManifest.SnippetPosition] {
            note.map { $0.snippets.map { BuildManifest.SnippetPosition(index: $0.index, line: $0.fenceLine) } } ?? known?.snippets ?? []
        }

        /// Its content is not the one the manifest knows.
        var changed: Bool {
            guard let known else { return true }
            return contentHash.map { $0 != known.contentHash } ?? false
        }

        var diagnostics: [Diagnostic] {
            if let rendered, let note { return note.diagnostics + rendered.diagnostics }
            if let note, changed || page == nil { return note.diagnostics }
            return known?.diagnostics ?? note?.diagnostics ?? []
        }

        var manifestEntry: BuildManifest.NoteEntry? {
            guard let facts, let contentHash = contentHash ?? known?.contentHash else { return nil }
            return BuildManifest.NoteEntry(
                facts: facts, signature: signature ?? FileSignature(size: -1, modified: -1, inode: 0),
                contentHash: contentHash, runsHash: runsHash, dependencyHash: dependencyHash, page: page,
                pageSize: page == nil ? 0 : rendered?.size ?? known?.pageSize ?? 0, snippets: snippetPositions,
                assets: page == nil ? [] : rendered?.assets ?? known?.assets ?? [], diagnostics: diagnostics
            )
        }
    }

    /// In vault order (by path).
    private(set) var notes: [NoteState]
    private let manifest: BuildManifest?
    private(set) var vault = VaultIndex(facts: [])
    private(set) var indexHash: UInt64 = 0
    private(set) var renderIndex = true

    init(paths: [String], signatures: [FileSignature?], manifest: BuildManifest?) {
        self.manifest = manifest
        var knownByPath: [String: BuildManifest.NoteEntry] = [:]
        if let manifest {
            knownByPath.reserveCapacity(manifest.notes.count)
            for entry in manifest.notes { knownByPath[entry.facts.path] = entry }
        }
        notes = paths.indices.map { position in
            let signature = signatures[position]
            let known = knownByPath[paths[position]]
            // Changed, or changed within the tick the manifest was written in and so perhaps unseen: read it again.
            let trusted = known.map { entry in
                signature == entry.signature && signature.map { $0.modified < (manifest?.writtenAt ?? 0) } ?? false
            } ?? false
            return NoteState(path: paths[position], signature: signature, known: known, trusted: trusted, facts: trusted ? known?.facts : nil)
        }
    }

    /// Reads the notes at `positions`, in parallel. Read before the plan decides, a note brings its own facts;
    /// read after, it keeps those the plan decided with.
    mutating func read(_ positions: [Int], from files: VaultFiles, beforeDeciding: Bool) {
        let paths = positions.map { notes[$0].path }
        let results = ConcurrentResults<(note: Note, hash: UInt64)?>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { position in
            guard let bytes = try? files.contents(of: paths[position]) else {
                results.set(nil, at: position)
                return
            }
            results.set((NoteReader.read(bytes, path: paths[position]), StableHash.of(bytes)), at: position)
        }
        for (position, result) in zip(positions, results.values) {
            guard let result else { continue }
            notes[position].note = result.note
            notes[position].contentHash = result.hash
            if beforeDeciding || notes[position].facts == nil { notes[position].facts = VaultIndex.NoteFacts(result.note) }
        }
    }

    /// Forgets notes that could be neither read nor trusted from the manifest.
    mutating func dropAbsent() {
        notes.removeAll { $0.note == nil && !$0.trusted }
    }

    /// Builds the vault's index from every note's facts and decides which pages are rendered: those of
    /// changed notes, and those whose runs or whose view of other notes changed, or which the previous
    /// site lacks. The others are carried over. `runsHashes` is in the order of `notes`.
    mutating func decide(runsHashes: [UInt64], folder: SiteFolder, recordFile: String?) {
        vault = VaultIndex(facts: notes.compactMap(\.facts))
        indexHash = PageDependencies.indexHash(vault: vault, runsHashes: runsHashes, recordFile: recordFile)
        renderIndex = manifest?.indexHash != indexHash || !folder.keep("index.html") || !folder.keep(ReportPage.fileName)
        let facts = notes.map(\.facts)
        let dependencyHashes = ConcurrentResults<UInt64>(count: facts.count)
        let vault = vault
        // Only embedded notes' bytes shape another page.
        let embedded = Set(facts.lazy.compactMap { $0?.embeds }.joined())
        var contentHashes: [String: UInt64] = [:]
        for state in notes {
            guard let name = state.facts?.name, embedded.contains(name), vault.entry(named: name)?.path == state.path else { continue }
            contentHashes[name] = state.contentHash ?? state.known?.contentHash
        }
        let hashes = contentHashes
        DispatchQueue.concurrentPerform(iterations: facts.count) { position in
            dependencyHashes.set(facts[position].map { PageDependencies.hash(of: $0, in: vault, contentHashes: hashes) } ?? 0, at: position)
        }
        for (position, dependencyHash) in zip(notes.indices, dependencyHashes.values) {
            guard let facts = facts[position] else { continue }
            notes[position].runsHash = runsHashes[position]
            let entry = vault.entry(named: facts.name)
            let page = entry?.path == facts.path ? entry?.page : nil
            notes[position].page = page
            notes[position].dependencyHash = dependencyHash
            let state = notes[position]
            guard let page else {
                notes[position].needsReading = state.note == nil && state.known?.page != nil
                continue
            }
            notes[position].inReports = renderIndex && state.runsHash != 0
            if let known = state.known, !state.changed, known.page == page, known.runsHash == state.runsHash,
               known.dependencyHash == state.dependencyHash,
               folder.keep(Self.fileName(ofPage: page), size: known.pageSize), known.assets.allSatisfy({ folder.keep($0) }) {
                continue
            }
            notes[position].render = true
        }
    }

    /// The notes the second reading must fetch: pages to render, runs to report, diagnostics to renew.
    var stillToRead: [Int] {
        notes.indices.filter { notes[$0].note == nil && (notes[$0].render || notes[$0].inReports || notes[$0].needsReading) }
    }

    mutating func setRendered(_ page: RenderedPage, at position: Int) {
        notes[position].rendered = page
    }

    /// A page's file in the site: its name as a link holds it, percent-decoded.
    static func fileName(ofPage page: String) -> String {
        page.removingPercentEncoding ?? page
    }
}

/// What rendering one note's page produced.
struct RenderedPage {
    var size: Int
    /// Pictures the page shows, copied into the site (site-relative).
    var assets: [String]
    var diagnostics: [Diagnostic]
}
