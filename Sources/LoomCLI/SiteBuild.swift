import Execution
import Foundation
import LoomCore
import NoteReading
import Site

/// `loom build`'s pipeline: list the vault, compare it with the last build's manifest, read and render what
/// changed (and the pages that show it), carry every other page over, and put the site in place whole.
struct SiteBuild {
    var notesFolder: URL
    var outputFolder: URL
    var theme: Theme
    var force: Bool
    /// nil renders from the record alone (`--no-run`).
    var settings: RunSettings?
    /// Where the run record lives; nil means `runs.json` inside the site.
    var recordPath: URL?
    var progress = Progress(quiet: true)

    struct Outcome {
        var notes: Int
        var snippets: Int
        var pages: Int
        /// Pages this build rendered; the others were carried over from the previous site.
        var rendered: Int
        /// Nothing had changed: nothing was read, rendered or written.
        var upToDate: Bool
        var diagnostics: [Diagnostic]
        /// The vault-wide verdict against CPython, when snippets were compared.
        var comparison: ComparisonCounts? = nil
        /// Each note's page file in the site, by the note's vault path (notes without a page are absent).
        var pageByNotePath: [String: String] = [:]
    }

    static let recordName = "runs.json"

    func run(onWait: () -> Void) throws -> Outcome {
        let files = try VaultFiles(root: notesFolder)
        let folder = SiteFolder(destination: outputFolder)
        return try folder.whileLocked(onWait: onWait) {
            _ = try folder.prepare(force: force)
            do {
                return try build(files, into: folder)
            } catch {
                folder.abandon()
                throw error
            }
        }
    }

    private func build(_ files: VaultFiles, into folder: SiteFolder) throws -> Outcome {
        let paths = files.notePaths
        let root = files.root.path + "/"
        let signatures = paths.map { FileSignature(path: root + $0) }
        let recordFile = recordPath ?? outputFolder.appendingPathComponent(Self.recordName)
        let recordHash = (try? PageFile.read(recordFile.path)).map(StableHash.of)
        let fingerprint = BuildFingerprint.compute(theme: theme, runsSnippets: settings != nil, recordInSite: recordPath == nil, files: files)
        let manifest = BuildManifest.load(from: folder.destination.appendingPathComponent(BuildManifest.fileName).path)
            .flatMap { $0.fingerprint == fingerprint && folder.previousSiteHolds(SiteFolder.markerName) ? $0 : nil }
        if settings == nil, let manifest,
           let outcome = Self.unchangedOutcome(manifest, paths: paths, signatures: signatures, recordHash: recordHash, folder: folder) {
            folder.abandon()
            return outcome
        }

        let (previousRecord, recordProblems) = RunRecordStore.load(from: recordFile.path)
        if recordPath == nil { try folder.carryOver(namesStartingWith: Self.recordName + ".corrupt-") }
        var plan = BuildPlan(paths: paths, signatures: signatures, manifest: manifest)
        // Every changed note, and in a build that runs snippets every note that has some.
        let firstReading = plan.notes.indices.filter { !plan.notes[$0].trusted || (settings != nil && plan.notes[$0].facts?.snippetCount ?? 0 > 0) }
        plan.read(firstReading, from: files, beforeDeciding: true)
        plan.dropAbsent()
        var runs = try runSnippets(plan, previous: previousRecord, recordUnchanged: manifest != nil && manifest?.recordHash == recordHash)
        runs.record.notes = SnippetReports.withComparisons(runs.record.notes)
        runs.record.comparison = SnippetReports.comparisonCounts(runs.record.notes.map(\.snippets))
        plan.decide(runsHashes: runs.hashes, folder: folder, recordFile: recordPath == nil ? Self.recordName : nil)
        plan.read(plan.stillToRead, from: files, beforeDeciding: false)

        let rendered = try writePages(&plan, files: files, runs: runs, into: folder)
        try writeSearchIndex(&plan, files: files, manifest: manifest, into: folder)
        try saveRecord(runs.record, to: recordPath, in: folder)
        let savedRecord = recordPath ?? folder.staging.appendingPathComponent(Self.recordName)
        let newManifest = BuildManifest(
            fingerprint: fingerprint, recordHash: (try? PageFile.read(savedRecord.path)).map(StableHash.of),
            indexHash: plan.indexHash, notes: plan.notes.compactMap(\.manifestEntry)
        )
        try folder.write(newManifest.encoded(), to: BuildManifest.fileName)
        try folder.commit()

        let diagnostics = recordProblems + runs.diagnostics + plan.notes.flatMap(\.diagnostics)
            + VaultIndex.duplicateNames(in: plan.notes.compactMap { $0.facts.map { (name: $0.name, path: $0.path) } })
        return Outcome(
            notes: plan.notes.count, snippets: plan.notes.reduce(0) { $0 + ($1.facts?.snippetCount ?? 0) },
            pages: plan.vault.entries.count + Self.vaultPages.count, rendered: rendered, upToDate: false, diagnostics: Self.sorted(diagnostics),
            comparison: runs.record.comparison,
            pageByNotePath: Dictionary(plan.notes.compactMap { state in state.page.map { (state.path, BuildPlan.fileName(ofPage: $0)) } }, uniquingKeysWith: { first, _ in first })
        )
    }

    /// The outcome of a build that has nothing to do, or nil when something changed: a note was added,
    /// removed or touched, the run record changed, or the site lacks a page the manifest lists.
    /// The pages about the whole vault, beside one page per note.
    static let vaultPages = ["index.html", ReportPage.fileName]

    private static func unchangedOutcome(_ manifest: BuildManifest, paths: [String], signatures: [FileSignature?], recordHash: UInt64?, folder: SiteFolder) -> Outcome? {
        guard recordHash != nil, manifest.recordHash == recordHash, manifest.notes.count == paths.count else { return nil }
        var diagnostics: [Diagnostic] = []
        var pages = Self.vaultPages.count
        for (position, note) in manifest.notes.enumerated() {
            guard note.facts.path == paths[position], let signature = signatures[position], signature == note.signature,
                  signature.modified < manifest.writtenAt else { return nil }
            if let page = note.page {
                guard folder.previousSiteHolds(BuildPlan.fileName(ofPage: page), size: note.pageSize) else { return nil }
                pages += 1
            }
            guard note.assets.allSatisfy({ folder.previousSiteHolds($0) }) else { return nil }
            diagnostics += note.diagnostics
        }
        let searchFiles = Self.searchFiles(notes: manifest.notes.filter { $0.page != nil }.count)
        guard (Self.vaultPages + ["style.css"] + searchFiles).allSatisfy({ folder.previousSiteHolds($0) }) else { return nil }
        diagnostics += VaultIndex.duplicateNames(in: manifest.notes.map { (name: $0.facts.name, path: $0.facts.path) })
        return Outcome(
            notes: manifest.notes.count, snippets: manifest.notes.reduce(0) { $0 + $1.facts.snippetCount },
            pages: pages, rendered: 0, upToDate: true, diagnostics: sorted(diagnostics),
            pageByNotePath: Dictionary(manifest.notes.compactMap { entry in entry.page.map { (entry.facts.path, BuildPlan.fileName(ofPage: $0)) } }, uniquingKeysWith: { first, _ in first })
        )
    }

    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    private func saveRecord(_ record: RunRecord, to path: URL?, in folder: SiteFolder) throws {
        if let path {
            try RunRecordStore.save(record, to: path.path)
        } else {
            try RunRecordStore.save(record, to: folder.staging.appendingPathComponent(Self.recordName).path)
        }
    }

    /// Renders and writes the pages the plan marks, notes in parallel, and carries the others over; fails on
    /// the first file that cannot be written. Returns how many pages were rendered.
    private func writePages(_ plan: inout BuildPlan, files: VaultFiles, runs: Runs, into folder: SiteFolder) throws -> Int {
        // On every core: a rendered note's reports draw its timelines, the costliest part of its page.
        let reported = plan.notes.filter { ($0.render || $0.inReports) && $0.note != nil }
        let reportsByNote = ConcurrentResults<[Int: SnippetReport]>(count: reported.count)
        DispatchQueue.concurrentPerform(iterations: reported.count) { position in
            let state = reported[position], note = state.note!
            reportsByNote.set(SnippetReports.reports(for: note, records: runs.records[note.path] ?? [], machine: runs.machine, withTimelines: state.render), at: position)
        }
        var shown: [String: [Int: SnippetReport]] = [:]
        for (state, noteReports) in zip(reported, reportsByNote.values) { shown[state.note!.name] = noteReports }
        let reports = shown
        let embedded = notesEmbedded(by: &plan, files: files)
        let notePage = NotePage(vault: plan.vault, theme: theme)
        let copied = LockedSet()
        let rendering = plan.notes.indices.filter { plan.notes[$0].render }
        let results = ConcurrentResults<Result<RenderedPage, any Error>>(count: rendering.count)
        let states = plan.notes
        let writer = PageWriter(folder: folder)
        DispatchQueue.concurrentPerform(iterations: rendering.count) { position in
            let state = states[rendering[position]]
            results.set(Result {
                guard let note = state.note, let page = state.page else { throw SiteFolderError.cannotWrite(state.path, "it could not be read") }
                let images = note.images.map { ImageResolver.resolve($0, inNoteAt: note.path, files: files) }
                var assets: [String] = []
                for case .copied(let sitePath) in images {
                    assets.append(sitePath)
                    guard copied.insert(sitePath) else { continue }
                    let vaultPath = String(sitePath.dropFirst(ImageResolver.assetFolder.count + 1))
                    try folder.copy(vaultFile: files.root.appendingPathComponent(vaultPath), to: sitePath)
                }
                let (bytes, diagnostics) = notePage.renderBytes(note, images: images, reports: reports[note.name] ?? [:], embedded: embedded)
                writer.write(bytes, to: BuildPlan.fileName(ofPage: page))
                return RenderedPage(size: bytes.count, assets: assets, diagnostics: diagnostics)
            }, at: position)
        }
        try writer.finish()
        for (position, result) in zip(rendering, results.values) { plan.setRendered(try result.get(), at: position) }
        if plan.renderIndex {
            let summaries = reports.mapValues { RunSummary($0.values) }
            let index = IndexPage(vault: plan.vault, theme: theme).render(vaultTitle: "Notes", runs: summaries)
            try folder.write(Array(index.utf8), to: "index.html")
            let report = ReportPage(vault: plan.vault, theme: theme).render(reports: reports, recordFile: recordPath == nil ? Self.recordName : nil)
            try folder.write(Array(report.utf8), to: ReportPage.fileName)
        }
        let tagPage = TagPage(vault: plan.vault, theme: theme)
        for (tag, page) in plan.vault.generatedTagPages {
            let file = BuildPlan.fileName(ofPage: page)
            if plan.renderIndex || !folder.keep(file) { try folder.write(tagPage.render(tag: tag), to: file) }
        }
        try folder.write(Array(theme.stylesheet.utf8), to: "style.css")
        return rendering.count + (plan.renderIndex ? 2 : 0)
    }
}

extension SiteBuild {
    /// The notes the pages being rendered embed (`![[name]]`), by name, read where this build did not.
    func notesEmbedded(by plan: inout BuildPlan, files: VaultFiles) -> [String: Note] {
        let wanted = Set(plan.notes.lazy.filter(\.render).compactMap { $0.note?.wikiLinks.filter(\.isEmbed).map(\.target) }.joined())
        guard !wanted.isEmpty else { return [:] }
        let positions = plan.notes.indices.filter { position in
            let state = plan.notes[position]
            guard let name = state.facts?.name, wanted.contains(name) else { return false }
            return plan.vault.entry(named: name)?.path == state.path
        }
        plan.read(positions.filter { plan.notes[$0].note == nil }, from: files, beforeDeciding: false)
        var notes: [String: Note] = [:]
        for position in positions { if let note = plan.notes[position].note { notes[note.name] = note } }
        return notes
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
