import Execution
import Foundation
import LoomCore
import NoteReading
import Site

extension SiteBuild {
    struct Runs {
        var record: RunRecord
        /// What each note's cards show, by note path.
        var records: [String: [SnippetRecord]]
        var machine: MachineFacts?
        /// Each note's runs as a hash, in the plan's order (0 for a note with none).
        var hashes: [UInt64]
        var diagnostics: [Diagnostic]
    }

    /// Runs (or, with `--no-run`, looks up) every note's snippets, several notes in flight at once (`--jobs`),
    /// with a gate that keeps each CPU-bound or timing-sensitive run alone (see RunGate and RunPlan). With `--no-run` and the record unchanged since the manifest, a note not read again
    /// keeps the runs hash the manifest has for it.
    func runSnippets(_ plan: BuildPlan, previous: RunRecord?, recordUnchanged: Bool) throws -> Runs {
        guard let settings else {
            var recordedByPath: [String: [SnippetRecord]] = [:]
            for note in previous?.notes ?? [] where recordedByPath[note.note] == nil { recordedByPath[note.note] = note.snippets }
            var records: [String: [SnippetRecord]] = [:]
            var hashes: [UInt64] = []
            hashes.reserveCapacity(plan.notes.count)
            for state in plan.notes {
                let positions = state.snippetPositions
                let matching = (recordedByPath[state.path] ?? []).filter { record in
                    positions.contains { $0.index == record.index && $0.line == record.line }
                }
                records[state.path] = matching
                if recordUnchanged, state.note == nil, let known = state.known {
                    hashes.append(known.runsHash)
                } else {
                    hashes.append(Self.runsHash(matching, machine: previous?.machine))
                }
            }
            let record = previous ?? RunRecord(machine: MachineFacts.current(toolchain: nil, includingPython: false), date: RunRecord.timestamp(Date()))
            return Runs(record: record, records: records, machine: previous?.machine, hashes: hashes, diagnostics: [])
        }
        let statesWithSnippets = plan.notes.filter { !($0.note?.snippets.isEmpty ?? true) }
        let withSnippets = statesWithSnippets.compactMap(\.note)
        var diagnostics: [Diagnostic] = []
        guard !withSnippets.isEmpty else {
            let record = RunRecord(machine: MachineFacts.current(toolchain: nil, includingPython: false), date: RunRecord.timestamp(Date()))
            return Runs(record: record, records: [:], machine: nil, hashes: plan.notes.map { _ in 0 }, diagnostics: [])
        }
        progress.update(note: "support library", step: "compiling")
        let toolchain = try ToolchainContext.prepare(wantPython: settings.python, pythonUnsafe: settings.pythonUnsafe)
        if let notice = toolchain.pythonNotice { progress.say(notice) }
        ProgramLifetime.begin(progress: progress)
        var record = RunRecord(machine: toolchain.machine, date: RunRecord.timestamp(Date()))
        var records: [String: [SnippetRecord]] = [:]
        let pipeline = NotePipeline(toolchain: toolchain, settings: settings, progress: progress, gate: RunGate())
        progress.begin(total: withSnippets.count)
        // Edited notes first, so that after an edit the compile starts at once and the unchanged notes are
        // looked up beside it, instead of the edited note waiting its turn in path order.
        let order = withSnippets.indices.sorted { (statesWithSnippets[$0].changed ? 0 : 1, $0) < (statesWithSnippets[$1].changed ? 0 : 1, $1) }
        let outcomesInOrder = Self.inFlight(order.map { withSnippets[$0] }, jobs: settings.jobs ?? RunSettings.defaultJobs) { note in
            let outcome = pipeline.process(note, previous: previous, timingSensitive: Set(note.snippets.filter(\.settings.timingSensitive).map(\.index)))
            for reason in outcome.reasons { progress.say("\(note.path) · \(reason)") }
            progress.finished(note: note.path)
            return outcome
        }
        var outcomesByPosition = [NotePipeline.Outcome?](repeating: nil, count: withSnippets.count)
        for (position, outcome) in zip(order, outcomesInOrder) { outcomesByPosition[position] = outcome }
        let outcomes = outcomesByPosition.compactMap { $0 }
        progress.end()
        for (note, outcome) in zip(withSnippets, outcomes) {
            diagnostics += outcome.diagnostics
            for snippet in outcome.records { record.record(snippet, inNote: note.path) }
            records[note.path] = outcome.records
        }
        // A build that ran nothing leaves the record as it was, so an unchanged vault gives an unchanged site.
        if let previous, record.notes == previous.notes { record = previous }
        // A note whose runs are the ones the last build recorded keeps the hash the manifest holds for them:
        // hashing means encoding every record, and in an edit's rebuild nearly every note is unchanged.
        var previousByPath: [String: [SnippetRecord]] = [:]
        if recordUnchanged, let previous, SnippetReports.describe(previous.machine) == SnippetReports.describe(toolchain.machine) {
            for note in previous.notes where previousByPath[note.note] == nil { previousByPath[note.note] = note.snippets }
        }
        let hashes = plan.notes.map { state -> UInt64 in
            let noteRecords = records[state.path] ?? []
            if let known = state.known, !noteRecords.isEmpty, previousByPath[state.path] == noteRecords { return known.runsHash }
            return Self.runsHash(noteRecords, machine: toolchain.machine)
        }
        return Runs(record: record, records: records, machine: toolchain.machine, hashes: hashes, diagnostics: diagnostics)
    }

    /// Processes `notes` with up to `jobs` in flight at once, each on a thread of its own (they spend their
    /// time waiting on children); results in the order of `notes`.
    static func inFlight<Outcome: Sendable>(_ notes: [Note], jobs: Int, _ work: @escaping @Sendable (Note) -> Outcome) -> [Outcome] {
        let results = ConcurrentResults<Outcome>(count: notes.count)
        let queue = WorkQueue(count: notes.count)
        let done = DispatchGroup()
        for _ in 0..<max(1, min(jobs, notes.count)) {
            done.enter()
            let thread = Thread {
                while let position = queue.take() { results.set(work(notes[position]), at: position) }
                done.leave()
            }
            thread.name = "loom-note"
            thread.start()
        }
        done.wait()
        return results.values
    }

    /// Everything a note's cards show of its runs, as one hash; 0 when there are none.
    static func runsHash(_ records: [SnippetRecord], machine: MachineFacts?) -> UInt64 {
        guard !records.isEmpty else { return 0 }
        var hash = StableHash()
        hash.combine(machine.map(SnippetReports.describe) ?? "")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        hash.combine([UInt8]((try? encoder.encode(records)) ?? Data()))
        return hash.value
    }
}

/// Hands out the positions 0..<count, each once, to whichever thread asks next.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
}
