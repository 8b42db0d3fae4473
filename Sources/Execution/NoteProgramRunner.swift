import LoomCore

/// Runs a note program cell by cell over the run protocol, resuming after a cell that crashed or hung
/// so that one bad cell loses no other cell's results.
public enum NoteProgramRunner {
    /// Blocks the calling thread; see the async overload for use from Swift concurrency.
    public static func run(_ program: NoteProgram, options: CellRunOptions = CellRunOptions()) -> NoteProgramRun {
        var diagnostics: [Diagnostic] = []
        var repeats: [[Int: CellRun]] = []
        var processesStarted = 0
        var notesSeen: Set<String> = []
        for _ in 0..<max(1, options.repeats) {
            var pass = SinglePass(program: program, options: options)
            repeats.append(pass.run())
            processesStarted += pass.processesStarted
            for diagnostic in pass.diagnostics where notesSeen.insert(diagnostic.formatted).inserted {
                diagnostics.append(diagnostic)
            }
        }
        let cells = stride(from: 1, through: program.cellCount, by: 1).map { cell in
            measure(cell: cell, repeats: repeats.map { $0[cell] ?? notRun(cell) }, options: options, diagnostics: &diagnostics)
        }
        return NoteProgramRun(cells: cells, diagnostics: diagnostics, processesStarted: processesStarted)
    }

    public static func run(_ program: NoteProgram, options: CellRunOptions = CellRunOptions()) async -> NoteProgramRun {
        await BlockingWork.run { run(program, options: options) }
    }

    private static func notRun(_ cell: Int) -> CellRun {
        CellRun(cell: cell, status: .notRun(reason: "the program never reached it"), seconds: nil, stdout: "", stderr: "", events: [])
    }

    private static func measure(
        cell: Int, repeats: [CellRun], options: CellRunOptions, diagnostics: inout [Diagnostic]
    ) -> CellMeasurement {
        let seconds = repeats.compactMap(\.seconds)
        let sorted = seconds.sorted()
        let median: Double? = sorted.isEmpty ? nil
            : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let representative: Int
        if let failing = repeats.firstIndex(where: { !$0.status.isSuccess }) {
            representative = failing
            let statuses = Set(repeats.map(\.status.name))
            if statuses.count > 1 {
                diagnostics.append(Diagnostic(
                    .warning, at: options.location(ofCell: cell),
                    "cell \(cell) did not end the same way in every repeat: \(statuses.sorted().joined(separator: ", "))"))
            }
        } else {
            let lowerMedian = sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2]
            representative = repeats.firstIndex { $0.seconds == lowerMedian } ?? 0
        }
        let chosen = repeats[representative]
        var exitStatus: Int32?
        var signal: String?
        switch chosen.status {
        case .exited(let code): exitStatus = code
        case .crashed(let name): signal = name
        default: break
        }
        return CellMeasurement(
            cell: cell, status: chosen.status, seconds: seconds, median: median,
            min: sorted.first, max: sorted.last, representativeRepeat: representative + 1,
            stdout: chosen.stdout, stderr: chosen.stderr, events: chosen.events,
            exitStatus: exitStatus, signal: signal)
    }
}
