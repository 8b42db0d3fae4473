import LoomCore

/// One run of a note program through all its cells: start at cell 1, and whenever the process dies
/// inside cell K (crash, time limit, exit), record that for K and start again with `--from K+1`.
struct SinglePass {
    let program: NoteProgram
    let options: CellRunOptions
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var processesStarted = 0
    private var cells: [Int: CellRun] = [:]

    /// The scale the program is told; one outside 0 < S ≤ 1 is refused in favour of real time.
    private var timeScale: Double {
        options.timeScale > 0 && options.timeScale <= 1 ? options.timeScale : 1
    }

    init(program: NoteProgram, options: CellRunOptions) {
        self.program = program
        self.options = options
    }

    mutating func run() -> [Int: CellRun] {
        if !(options.timeScale > 0 && options.timeScale <= 1) {
            diagnostics.append(Diagnostic(
                .error, at: options.programLocation,
                "time scale \(options.timeScale) is not in 0 < S ≤ 1; the program ran at full time"))
        }
        var from = 1
        while from <= program.cellCount {
            let result = ChildProcessRunner.run(request(from: from))
            processesStarted += 1
            for note in result.notes {
                diagnostics.append(Diagnostic(.note, at: options.programLocation, note))
            }
            guard let next = record(result, from: from) else { break }
            from = next
        }
        return cells
    }

    private func request(from cell: Int) -> ChildProcessRequest {
        var environment = options.environment
        environment["LOOM_TRACE_FD"] = "3"
        environment["LOOM_TIME_SCALE"] = "\(timeScale)"
        environment["LOOM_CELL_MARKERS"] = "1"
        environment["LOOM_OUTPUT_CAP"] = "\(options.outputCap)"
        var request = ChildProcessRequest(
            executable: program.executable,
            arguments: program.arguments + (cell > 1 ? ["--from", "\(cell)"] : []),
            environment: environment, timeLimit: options.timeLimitPerCell, killGrace: options.killGrace,
            // Loom's cap sits above the program's own, so the program's truncation line still gets through.
            outputCap: options.outputCap + 4096, capturesTrace: true, splitsAtCellMarkers: true,
            limits: options.limits, cpuSamplingInterval: options.cpuSamplingInterval)
        request.cellTimeLimits = options.cellTimeLimits
        request.isSandbox = options.isSandbox
        return request
    }

    /// Records the cells this process ran; returns the cell to resume from, or nil when done.
    private mutating func record(_ result: ChildProcessResult, from: Int) -> Int? {
        let trace = TraceParser.parse(result.traceLines)
        reportTraceProblems(trace)
        let markedCells = Set(result.stdout.compactMap(\.cell) + result.stderr.compactMap(\.cell))
        let ran = markedCells.union(trace.cells).filter { $0 >= from && $0 <= program.cellCount }.sorted()
        let processEnd = result.spawnedAt + UInt64(result.wallSeconds * 1e9)

        guard let lastCell = ran.last else {
            return recordNothingRan(result, from: from)
        }
        for (position, cell) in ran.enumerated() {
            let isLast = position == ran.count - 1
            let window = window(of: cell, in: result, endingAt: processEnd)
            let status: CellStatus
            if let end = trace.ended[cell] {
                status = end.outcome == "error" ? .runtimeError(exception: end.exception ?? "an exception") : .ok
            } else if isLast {
                status = abnormalStatus(result.termination)
                    ?? .notRun(reason: "the program exited without finishing this cell")
            } else {
                // The program moved on to a later cell, so this one finished; only its trace line is missing.
                status = .ok
                diagnostics.append(Diagnostic(
                    .warning, at: options.location(ofCell: cell), "cell \(cell) has no cell-end in its trace"))
            }
            let laneEvents = trace.events[cell] ?? []
            let cpuEvents = CPUTraceEvents.events(
                from: result.cpuSamples, window: window, laneEvents: laneEvents, timeScale: timeScale)
            let measured = Double(window.upperBound - window.lowerBound) / 1e9 / timeScale
            cells[cell] = CellRun(
                cell: cell, status: status, seconds: trace.ended[cell]?.t ?? measured,
                stdout: text(of: cell, in: result.stdout, withPrelude: position == 0),
                stderr: text(of: cell, in: result.stderr, withPrelude: position == 0),
                events: (laneEvents + cpuEvents).sorted { $0.t < $1.t })
        }

        // A cell that did not finish has been charged with how the process ended; go on past it.
        guard trace.ended[lastCell] != nil else { return lastCell + 1 }
        let ending = abnormalStatus(result.termination)
        if lastCell == program.cellCount {
            if let ending {
                diagnostics.append(Diagnostic(
                    .warning, at: options.location(ofCell: lastCell),
                    "the program ended abnormally after its last cell had finished: \(describe(ending))"))
            }
            return nil
        }
        // The program stopped between cells (`sys.exit` in cell K, a crash on the way out, or fewer
        // cells than expected). Like a notebook, the remaining cells still run, in a new process.
        diagnostics.append(Diagnostic(
            .note, at: options.location(ofCell: lastCell),
            "the program \(ending.map(describe) ?? "exited") after cell \(lastCell) had finished; "
                + "cells from \(lastCell + 1) on ran in a new process"))
        return lastCell + 1
    }

    private func describe(_ status: CellStatus) -> String {
        switch status {
        case .exited(let code): "exited with code \(code)"
        case .crashed(let signal): "crashed (\(signal))"
        default: status.name
        }
    }

    /// A process that ran no cell at all: charge cell `from` with its failure and go on past it.
    private mutating func recordNothingRan(_ result: ChildProcessResult, from: Int) -> Int? {
        if case .failedToStart(let reason) = result.termination {
            for cell in from...program.cellCount {
                cells[cell] = CellRun(cell: cell, status: .notRun(reason: reason), seconds: nil, stdout: "", stderr: "", events: [])
            }
            diagnostics.append(Diagnostic(.error, at: options.programLocation, reason))
            return nil
        }
        guard let status = abnormalStatus(result.termination) else {
            diagnostics.append(Diagnostic(
                .warning, at: options.programLocation,
                "the program exited without running cell \(from) (does it speak the cell protocol?)"))
            return nil
        }
        cells[from] = CellRun(
            cell: from, status: status, seconds: nil,
            stdout: result.stdoutText, stderr: result.stderrText, events: [])
        return from + 1
    }

    private func abnormalStatus(_ termination: ChildTermination) -> CellStatus? {
        switch termination {
        case .exited(code: 0): nil
        case .exited(let code): .exited(code: code)
        case .crashed(let signal): .crashed(signal: signalName(signal))
        case .timedOut: .timeout
        case .failedToStart(let reason): .notRun(reason: reason)
        case .statusLost: .exited(code: -1)
        }
    }

    /// When the cell ran, by the parent's clock: from its marker to the next cell's marker or the process end.
    private func window(of cell: Int, in result: ChildProcessResult, endingAt processEnd: UInt64) -> Range<UInt64> {
        let starts = result.stdout.compactMap { part in
            part.cell.map { ($0, result.spawnedAt + UInt64(part.startedAfter * 1e9)) }
        }
        let start = starts.first { $0.0 == cell }?.1 ?? result.spawnedAt
        let end = starts.first { $0.0 > cell }?.1 ?? processEnd
        return start..<max(start, end)
    }

    /// The cell's output; the first cell of a process also gets what the program printed before its
    /// first marker (top-level initialisation), which would otherwise be lost.
    private func text(of cell: Int, in parts: [CapturedOutput], withPrelude: Bool) -> String {
        parts.filter { $0.cell == cell || (withPrelude && $0.cell == nil) }.map(\.text).joined()
    }

    private mutating func reportTraceProblems(_ trace: ParsedTrace) {
        for problem in trace.problems {
            diagnostics.append(Diagnostic(.warning, at: options.programLocation, problem))
        }
        if trace.malformedLineCount > trace.problems.count {
            diagnostics.append(Diagnostic(
                .warning, at: options.programLocation,
                "\(trace.malformedLineCount - trace.problems.count) more trace lines were ignored"))
        }
    }
}
