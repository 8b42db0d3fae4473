import Foundation
import LoomCore

/// `site/runs.json`: every fact of every run, and the cache that lets an unchanged snippet skip its run.
public struct RunRecord: Hashable, Sendable, Codable {
    /// Raised whenever the layout changes; a file with another version is set aside, never read.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var machine: MachineFacts
    /// When the record was last written, ISO 8601 in UTC.
    public var date: String
    public var notes: [NoteRecord] {
        didSet { snippetsByHash = SnippetsByHash() }
    }
    /// Built on the first lookup and shared by copies until `notes` changes: a build looks up every snippet
    /// of the vault by hash, and scanning the whole record for each made that quadratic in the vault's size.
    private var snippetsByHash = SnippetsByHash()

    /// The vault-wide verdict against CPython, derived from `notes` (nil when nothing was compared).
    public var comparison: ComparisonCounts?

    private enum CodingKeys: String, CodingKey { case formatVersion, machine, date, comparison, notes }

    public static func == (lhs: RunRecord, rhs: RunRecord) -> Bool {
        lhs.formatVersion == rhs.formatVersion && lhs.machine == rhs.machine && lhs.date == rhs.date && lhs.notes == rhs.notes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(formatVersion)
        hasher.combine(machine)
        hasher.combine(date)
        hasher.combine(notes)
    }

    public init(machine: MachineFacts, date: String, notes: [NoteRecord] = []) {
        self.formatVersion = Self.currentFormatVersion
        self.machine = machine
        self.date = date
        self.notes = notes
    }

    /// `2026-11-24T21:15:00Z`: the form `date` takes.
    public static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// The snippet recorded under this content hash, whatever its status.
    public func snippet(withContentHash hash: String) -> SnippetRecord? {
        snippetsByHash.snippet(withContentHash: hash, in: notes)
    }

    /// The recorded snippet only if it may stand in for a new run: it succeeded. A failure is never
    /// reused as if it were a result, so a snippet that crashed or timed out runs again.
    public func reusableSnippet(withContentHash hash: String) -> SnippetRecord? {
        guard let snippet = snippet(withContentHash: hash), snippet.isReusable else { return nil }
        return snippet
    }

    /// Puts `snippet` under `note`, replacing the one with the same index.
    public mutating func record(_ snippet: SnippetRecord, inNote note: String) {
        // A build records notes in path order, so the note is the last one or comes after it: without this,
        // recording a large vault searched and sorted every note for every snippet.
        if notes.last?.note == note, notes.last?.snippets.last.map({ $0.index < snippet.index }) ?? true {
            notes[notes.count - 1].snippets.append(snippet)
            return
        }
        if notes.last.map({ $0.note < note }) ?? true {
            notes.append(NoteRecord(note: note, snippets: [snippet]))
            return
        }
        if let noteIndex = notes.firstIndex(where: { $0.note == note }) {
            notes[noteIndex].snippets.removeAll { $0.index == snippet.index }
            notes[noteIndex].snippets.append(snippet)
            notes[noteIndex].snippets.sort { $0.index < $1.index }
        } else {
            notes.append(NoteRecord(note: note, snippets: [snippet]))
            notes.sort { $0.note < $1.note }
        }
    }
}

/// The record's snippets by content hash, the first in record order for each hash.
private final class SnippetsByHash: @unchecked Sendable {
    private let lock = NSLock()
    private var index: [String: SnippetRecord]?

    func snippet(withContentHash hash: String, in notes: [NoteRecord]) -> SnippetRecord? {
        lock.withLock {
            if let index { return index[hash] }
            var built: [String: SnippetRecord] = [:]
            for note in notes {
                for snippet in note.snippets where built[snippet.contentHash] == nil { built[snippet.contentHash] = snippet }
            }
            index = built
            return built[hash]
        }
    }
}

public struct NoteRecord: Hashable, Sendable, Codable {
    /// The note's file, relative to the vault (`threading.md`).
    public var note: String
    public var snippets: [SnippetRecord]

    public init(note: String, snippets: [SnippetRecord]) {
        self.note = note
        self.snippets = snippets
    }
}

public struct SnippetRecord: Hashable, Sendable, Codable {
    public var index: Int
    /// Line of the snippet's fence in the note.
    public var line: Int
    /// Hash of the Python source, translator version and toolchain versions.
    public var contentHash: String
    /// The snippet's outcome: the Swift run's status, or `not-run` when it did not compile.
    public var status: String
    public var statusDetail: String?
    public var diagnostics: [Diagnostic]
    /// The Swift shown on the page, exactly as it ran.
    public var swiftSource: String?
    public var swift: RunMeasurementRecord?
    public var python: RunMeasurementRecord?
    /// Why it ran this time (`new`, `changed`, `--rerun`, `last run failed`), for the user.
    public var ranBecause: String?
    /// Why the translation looks as it does, for the page.
    public var translatorNotes: [String]?
    /// When this snippet's figures were measured (the record's own date is that of its last write).
    public var measuredAt: String?
    /// The time scale the figures were measured at (1 is real time).
    public var timeScale: Double?
    /// For a snippet with output written under it: each expected line, matched or not.
    public var transcript: TranscriptCheck?
    /// What the note asked of the snippet, when it asked anything.
    public var settings: SnippetSettings?
    /// Set when the block is not code: its kind and why.
    public var notCode: NotCode?
    /// Whether the Swift run had the machine to itself or shared it with other notes' work, and the load.
    public var placement: RunPlacement?
    /// How the two runs compared, when the build ran CPython too: derived at every build from `swift`
    /// and `python`, kept so a reader of the record (`scripts/vault-report`) need not redo the rules.
    public var comparison: RecordedComparison?

    public init(
        index: Int, line: Int, contentHash: String, status: CellStatus, diagnostics: [Diagnostic] = [],
        swiftSource: String? = nil, swift: RunMeasurementRecord? = nil, python: RunMeasurementRecord? = nil,
        ranBecause: String? = nil
    ) {
        self.index = index
        self.line = line
        self.contentHash = contentHash
        self.status = status.name
        self.statusDetail = status.detail
        self.diagnostics = diagnostics
        self.swiftSource = swiftSource
        self.swift = swift
        self.python = python
        self.ranBecause = ranBecause
    }

    /// nil for a status this version of Loom does not know.
    public var cellStatus: CellStatus? { CellStatus(name: status, detail: statusDetail) }

    var isReusable: Bool {
        cellStatus == .ok && swift?.cellStatus == .ok && !(swift?.seconds.isEmpty ?? true)
    }
}

/// One language's run of a snippet over all repeats.
public struct RunMeasurementRecord: Hashable, Sendable, Codable {
    public var status: String
    public var statusDetail: String?
    /// Seconds of every repeat.
    public var seconds: [Double]
    public var median: Double?
    public var min: Double?
    public var max: Double?
    /// The repeat (from 1) the output and events come from.
    public var representativeRepeat: Int
    public var stdout: String
    public var stderr: String
    public var exitStatus: Int32?
    public var signal: String?
    public var events: [TraceEvent]

    public init(_ measurement: CellMeasurement) {
        status = measurement.status.name
        statusDetail = measurement.status.detail
        seconds = measurement.seconds
        median = measurement.median
        min = measurement.min
        max = measurement.max
        representativeRepeat = measurement.representativeRepeat
        stdout = measurement.stdout
        stderr = measurement.stderr
        exitStatus = measurement.exitStatus
        signal = measurement.signal
        events = measurement.events
    }

    public var cellStatus: CellStatus? { CellStatus(name: status, detail: statusDetail) }

    private enum CodingKeys: String, CodingKey {
        case status, statusDetail, seconds, median, min, max, representativeRepeat, stdout, stderr, exitStatus, signal, events
    }

    /// Every key is written, absent values as null, so readers of the record find a stable shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(statusDetail, forKey: .statusDetail)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(median, forKey: .median)
        try container.encode(min, forKey: .min)
        try container.encode(max, forKey: .max)
        try container.encode(representativeRepeat, forKey: .representativeRepeat)
        try container.encode(stdout, forKey: .stdout)
        try container.encode(stderr, forKey: .stderr)
        try container.encode(exitStatus, forKey: .exitStatus)
        try container.encode(signal, forKey: .signal)
        try container.encode(events.map(RecordedEvent.init), forKey: .events)
    }
}

/// A trace event as the record writes it: `t`, `lane`, `kind`, `duration`, `text` always present.
private struct RecordedEvent: Encodable {
    var event: TraceEvent

    private enum CodingKeys: String, CodingKey { case t, lane, kind, duration, text, tid }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event.t, forKey: .t)
        try container.encode(event.lane, forKey: .lane)
        try container.encode(event.kind, forKey: .kind)
        try container.encode(event.duration, forKey: .duration)
        try container.encode(event.text, forKey: .text)
        try container.encodeIfPresent(event.tid, forKey: .tid)
    }
}

extension SnippetRecord {
    /// The record of one snippet from what its cell measured: its status is the Swift run's, or
    /// `not-run` with `reasonNotRun` when no Swift program ran for it (it was refused or did not compile).
    public init(
        snippet: Snippet, contentHash: String, swiftSource: String?, swift: CellMeasurement?,
        python: CellMeasurement? = nil, diagnostics: [Diagnostic] = [], ranBecause: String? = nil,
        reasonNotRun: String = "no Swift program ran for it"
    ) {
        self.init(
            index: snippet.index, line: snippet.fenceLine, contentHash: contentHash,
            status: swift?.status ?? .notRun(reason: reasonNotRun), diagnostics: diagnostics,
            swiftSource: swiftSource, swift: swift.map(RunMeasurementRecord.init),
            python: python.map(RunMeasurementRecord.init), ranBecause: ranBecause)
    }
}

/// How a note program's run shared the machine: alone, or beside other notes' runs and compiles, and the
/// machine's load (`/proc/loadavg`, which counts every process, not only Loom's) when it began.
public struct RunPlacement: Hashable, Sendable, Codable {
    /// Nothing else Loom started ran while it ran.
    public var alone: Bool
    /// How many other notes' programs ran beside it, for all or part of its time.
    public var besideRuns: Int
    /// How many compiles of other notes ran beside it, for all or part of its time.
    public var besideCompiles: Int
    /// The 1-, 5- and 15-minute load averages when it began; nil where the system does not say.
    public var loadAverage: [Double]?
    /// Its trace showed it busy on a processor (not sleeping or waiting) for much of its time.
    public var cpuBound: Bool
    /// The optimisation the note's program was compiled with (`-O` or `-Onone`).
    public var optimization: String

    public init(alone: Bool, besideRuns: Int, besideCompiles: Int, loadAverage: [Double]?, cpuBound: Bool, optimization: String) {
        self.alone = alone
        self.besideRuns = besideRuns
        self.besideCompiles = besideCompiles
        self.loadAverage = loadAverage
        self.cpuBound = cpuBound
        self.optimization = optimization
    }
}

/// A snippet's comparison with CPython as the record keeps it: the class the vault-wide verdict counts
/// and, when both runs finished, the output rule that decided it.
public struct RecordedComparison: Hashable, Sendable, Codable {
    public var kind: SnippetComparison.Kind
    public var rule: String?

    public init(_ comparison: SnippetComparison) {
        self.kind = comparison.kind
        self.rule = comparison.verdict?.ruleName
    }
}
