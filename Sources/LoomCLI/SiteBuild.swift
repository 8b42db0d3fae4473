import Foundation
import LoomCore
import NoteReading
import Site

/// `loom build`'s pipeline: read every note, render every page, write the site whole.
struct SiteBuild {
    var notesFolder: URL
    var outputFolder: URL
    var theme: Theme
    var force: Bool

    struct Outcome {
        var notes: Int
        var snippets: Int
        var pages: Int
        var diagnostics: [Diagnostic]
    }

    func run(onWait: () -> Void) throws -> Outcome {
        let files = try VaultFiles(root: notesFolder)
        let notes = readNotes(files)
        let vault = VaultIndex(notes: notes)
        var diagnostics = notes.flatMap(\.diagnostics) + VaultIndex.duplicateNames(in: notes)

        let folder = SiteFolder(destination: outputFolder)
        try folder.whileLocked(onWait: onWait) {
            _ = try folder.prepare(force: force)
            do {
                diagnostics += try writePages(notes, vault: vault, files: files, into: folder)
                try folder.commit()
            } catch {
                folder.abandon()
                throw error
            }
        }
        return Outcome(
            notes: notes.count,
            snippets: notes.reduce(0) { $0 + $1.snippets.count },
            pages: vault.entries.count + 1,
            diagnostics: diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        )
    }

    private func readNotes(_ files: VaultFiles) -> [Note] {
        let paths = files.notePaths
        let results = ConcurrentResults<Note?>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { position in
            let path = paths[position]
            guard let bytes = try? files.contents(of: path) else {
                results.set(nil, at: position)
                return
            }
            results.set(NoteReader.read(bytes, path: path), at: position)
        }
        return results.values.compactMap { $0 }
    }

    /// Renders and writes every page, notes in parallel; fails on the first file that cannot be written.
    private func writePages(_ notes: [Note], vault: VaultIndex, files: VaultFiles, into folder: SiteFolder) throws -> [Diagnostic] {
        let notePage = NotePage(vault: vault, theme: theme)
        let copied = LockedSet()
        let results = ConcurrentResults<Result<[Diagnostic], any Error>>(count: notes.count)
        DispatchQueue.concurrentPerform(iterations: notes.count) { position in
            let note = notes[position]
            results.set(Result {
                guard let entry = vault.entry(named: note.name), entry.path == note.path else { return [] }
                let images = note.images.map { ImageResolver.resolve($0, inNoteAt: note.path, files: files) }
                for case .copied(let sitePath) in images where copied.insert(sitePath) {
                    let vaultPath = String(sitePath.dropFirst(ImageResolver.assetFolder.count + 1))
                    try folder.copy(vaultFile: files.root.appendingPathComponent(vaultPath), to: sitePath)
                }
                let (html, diagnostics) = notePage.render(note, images: images)
                try folder.write(Data(html.utf8), to: entry.page.removingPercentEncoding ?? entry.page)
                return diagnostics
            }, at: position)
        }
        var diagnostics: [Diagnostic] = []
        for result in results.values { diagnostics += try result.get() }
        let index = IndexPage(vault: vault, theme: theme).render(vaultTitle: "Notes")
        try folder.write(Data(index.utf8), to: "index.html")
        try folder.write(Data(theme.stylesheet.utf8), to: "style.css")
        return diagnostics
    }
}

/// A set shared by concurrent iterations.
final class LockedSet: @unchecked Sendable {
    private var members: Set<String> = []
    private let lock = NSLock()

    /// Whether `member` was new.
    func insert(_ member: String) -> Bool { lock.withLock { members.insert(member).inserted } }
}

/// Results filled in by concurrent iterations, each at its own position.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ value: Value, at position: Int) {
        lock.withLock { storage[position] = value }
    }

    var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}
