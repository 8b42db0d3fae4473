import Execution
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
    /// nil renders from the record alone (`--no-run`).
    var settings: RunSettings?
    /// Where the run record lives; nil means `runs.json` inside the site.
    var recordPath: URL?
    var progress = Progress(quiet: true)

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
            let recordFile = recordPath ?? outputFolder.appendingPathComponent(Self.recordName)
            let (previous, recordProblems) = RunRecordStore.load(from: recordFile.path)
            diagnostics += recordProblems
            let runs = try runSnippets(notes, previous: previous)
            diagnostics += runs.diagnostics
            _ = try folder.prepare(force: force)
            if recordPath == nil { try folder.carryOver(namesStartingWith: Self.recordName + ".corrupt-") }
            do {
                diagnostics += try writePages(notes, vault: vault, files: files, reports: runs.reports, into: folder)
                try saveRecord(runs.record, to: recordPath, in: folder)
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

    static let recordName = "runs.json"

    struct Runs {
        var record: RunRecord
        var reports: [String: [Int: SnippetReport]]
        var diagnostics: [Diagnostic]
    }

    /// Runs (or, with `--no-run`, looks up) every note's snippets, one note at a time so that no run disturbs another's timings.
    private func runSnippets(_ notes: [Note], previous: RunRecord?) throws -> Runs {
        guard let settings else {
            var reports: [String: [Int: SnippetReport]] = [:]
            for note in notes {
                let recorded = previous?.notes.first { $0.note == note.path }?.snippets ?? []
                let matching = recorded.filter { record in note.snippets.contains { $0.index == record.index && $0.fenceLine == record.line } }
                reports[note.name] = SnippetReports.reports(for: note, records: matching, machine: previous?.machine)
            }
            let record = previous ?? RunRecord(machine: MachineFacts.current(toolchain: nil, includingPython: false), date: RunRecord.timestamp(Date()))
            return Runs(record: record, reports: reports, diagnostics: [])
        }
        let withSnippets = notes.filter { !$0.snippets.isEmpty }
        var diagnostics: [Diagnostic] = []
        guard !withSnippets.isEmpty else {
            return Runs(record: RunRecord(machine: MachineFacts.current(toolchain: nil, includingPython: false), date: RunRecord.timestamp(Date())), reports: [:], diagnostics: [])
        }
        progress.update(note: "support library", step: "compiling")
        let toolchain = try ToolchainContext.prepare(wantPython: settings.python)
        if settings.python, toolchain.python == nil {
            progress.say("loom: python3 was not found; the CPython comparison is skipped")
        }
        var record = RunRecord(machine: toolchain.machine, date: RunRecord.timestamp(Date()))
        var reports: [String: [Int: SnippetReport]] = [:]
        let pipeline = NotePipeline(toolchain: toolchain, settings: settings, progress: progress)
        progress.begin(total: withSnippets.count)
        defer { progress.end() }
        for note in withSnippets {
            let outcome = pipeline.process(note, previous: previous)
            for reason in outcome.reasons { progress.say("\(note.path) · \(reason)") }
            diagnostics += outcome.diagnostics
            for snippet in outcome.records { record.record(snippet, inNote: note.path) }
            reports[note.name] = SnippetReports.reports(for: note, records: outcome.records, machine: toolchain.machine)
            progress.finishedNote()
        }
        // A build that ran nothing leaves the record as it was, so an unchanged vault gives an unchanged site.
        if let previous, record.notes == previous.notes { record = previous }
        return Runs(record: record, reports: reports, diagnostics: diagnostics)
    }

    private func saveRecord(_ record: RunRecord, to path: URL?, in folder: SiteFolder) throws {
        if let path {
            try RunRecordStore.save(record, to: path.path)
        } else {
            try RunRecordStore.save(record, to: folder.staging.appendingPathComponent(Self.recordName).path)
        }
    }

    /// Renders and writes every page, notes in parallel; fails on the first file that cannot be written.
    private func writePages(_ notes: [Note], vault: VaultIndex, files: VaultFiles, reports: [String: [Int: SnippetReport]], into folder: SiteFolder) throws -> [Diagnostic] {
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
                let (html, diagnostics) = notePage.render(note, images: images, reports: reports[note.name] ?? [:])
                try folder.write(Array(html.utf8), to: entry.page.removingPercentEncoding ?? entry.page)
                return diagnostics
            }, at: position)
        }
        var diagnostics: [Diagnostic] = []
        for result in results.values { diagnostics += try result.get() }
        let summaries = reports.mapValues { RunSummary($0.values) }
        let index = IndexPage(vault: vault, theme: theme).render(vaultTitle: "Notes", runs: summaries)
        try folder.write(Array(index.utf8), to: "index.html")
        let report = ReportPage(vault: vault, theme: theme).render(reports: reports, recordFile: recordPath == nil ? Self.recordName : nil)
        try folder.write(Array(report.utf8), to: ReportPage.fileName)
        try folder.write(Array(theme.stylesheet.utf8), to: "style.css")
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
