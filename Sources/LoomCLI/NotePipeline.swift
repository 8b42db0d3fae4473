import Execution
import Foundation
import PythonHarness
import LoomCore
import NoteReading
import PythonFrontEnd
import Translation

/// One note through the front end, the translator, the compiler and the runs; what the cards show comes out.
struct NotePipeline {
    var toolchain: ToolchainContext
    var settings: RunSettings
    var progress: Progress
    /// Decides when compiles and runs may start beside other notes'; nil when this is the only note.
    var gate: RunGate?

    struct Outcome {
        var records: [SnippetRecord]
        var diagnostics: [Diagnostic]
        /// `snippet 2: it changed since its last run`, for the user.
        var reasons: [String]
    }

    /// `timingSensitive`: snippets (by index) the note asks to run with nothing beside them.
    func process(_ note: Note, previous: RunRecord?, timingSensitive: Set<Int> = []) -> Outcome {
        let analysis = SessionAnalyzer.analyze(snippets: note.snippets, file: note.path)
        let translation = NoteTranslator.translate(Self.cellSources(analysis))
        // A block the note skips or that is not code is not translated by design: no warning says so.
        let quietLines = Set(analysis.cells.filter { $0.snippet.settings.skip || $0.notCode != nil }.map(\.snippet.fenceLine))
        var diagnostics = analysis.diagnostics + translation.diagnostics(file: note.path).filter { !quietLines.contains($0.location.line) }
        let plan = RunPlan.plan(
            note: note.path, cells: analysis.cells, previous: previous, timingSensitive: timingSensitive,
            everythingAlone: gate == nil || settings.jobs == 1)
        var compiler = toolchain.compiler
        compiler.programOptimization = plan.optimization
        var hashes = contentHashes(analysis, translation, compiler: compiler)
        if let previous, !settings.rerun {
            // Runs recorded under the other optimisation still stand: an unchanged note is not run again
            // because the guess about it changed.
            var other = compiler
            other.programOptimization = plan.optimization == "-O" ? "-Onone" : "-O"
            let otherHashes = contentHashes(analysis, translation, compiler: other)
            func standing(_ hashes: [String]) -> Bool { hashes.allSatisfy { previous.reusableSnippet(withContentHash: $0) != nil } }
            if !standing(hashes), standing(otherHashes) {
                compiler = other
                hashes = otherHashes
            }
        }

        let reasons = analysis.cells.enumerated().map { position, cell -> String? in
            guard let previous else { return settings.rerun ? "a rerun was asked for" : "it has not run before" }
            if let reason = previous.reasonToRun(note: note.path, index: cell.snippet.index, contentHash: hashes[position], rerunRequested: settings.rerun) {
                return reason
            }
            let comparisonMissing = toolchain.python != nil && cell.module != nil
                && previous.reusableSnippet(withContentHash: hashes[position])?.python == nil
            return comparisonMissing ? "the CPython comparison was asked for" : nil
        }
        if reasons.allSatisfy({ $0 == nil }), let previous {
            let reused = analysis.cells.enumerated().compactMap { previous.reusableSnippet(withContentHash: hashes[$0.offset]) }
            if reused.count == analysis.cells.count {
                // What the last run found (written output that did not match) is said again.
                let fromRuns = reused.flatMap { $0.diagnostics.filter { !analysis.diagnostics.contains($0) } }
                return Outcome(records: reused, diagnostics: diagnostics + fromRuns, reasons: [])
            }
        }

        let started = RunRecord.timestamp(Date())
        var records = analysis.cells.enumerated().map { position, cell in
            baseRecord(cell, translation: translation.cells[position], hash: hashes[position], reason: reasons[position], at: started)
        }
        let runnable = records.contains { $0.status == SnippetStatus.notRun.rawValue }
        var alone = plan.alone
        if runnable {
            progress.update(note: note.path, step: "compiling")
            let (program, compileDiagnostics) = compileIsolatingFailures(translation, analysis: analysis, records: &records, note: note, compiler: compiler)
            diagnostics += compileDiagnostics
            if let program {
                var (run, placement) = runProgram(program, note: note, alone: alone, optimization: compiler.programOptimization)
                let surprises = run.cells.filter { CPUDemand.isCPUBound(events: $0.events, seconds: $0.median, timeScale: settings.timeScale) }.map(\.cell)
                if !alone, !surprises.isEmpty {
                    // Its figures were taken beside other work, which slows a busy program: measure it again alone, optimised.
                    progress.say("\(note.path) · snippet \(surprises[0]) kept a processor busy; running the note again alone")
                    alone = true
                    compiler.programOptimization = "-O"
                    var scratch = records
                    if let optimised = compileIsolatingFailures(translation, analysis: analysis, records: &scratch, note: note, compiler: compiler).0 {
                        hashes = contentHashes(analysis, translation, compiler: compiler)
                        for position in records.indices { records[position].contentHash = hashes[position] }
                        (run, placement) = runProgram(optimised, note: note, alone: true, optimization: "-O")
                    }
                }
                diagnostics += run.diagnostics
                for measurement in run.cells {
                    guard let position = records.firstIndex(where: { $0.index == measurement.cell }),
                          records[position].status == SnippetStatus.notRun.rawValue else { continue }
                    records[position].swift = RunMeasurementRecord(measurement)
                    let (status, detail) = Self.status(of: measurement.status)
                    records[position].status = status.rawValue
                    records[position].statusDetail = detail
                    var cellPlacement = placement
                    cellPlacement.cpuBound = CPUDemand.isCPUBound(events: measurement.events, seconds: measurement.median, timeScale: settings.timeScale)
                    records[position].placement = cellPlacement
                }
                for position in records.indices {
                    guard let cell = analysis.cells.first(where: { $0.snippet.index == records[position].index }) else { continue }
                    diagnostics += NoteClaims.judge(cell, record: &records[position], file: note.path)
                }
            }
        }
        if runnable || records.contains(where: { $0.status == SnippetStatus.refused.rawValue || $0.status == SnippetStatus.compileError.rawValue }),
           let python = toolchain.python {
            progress.update(note: note.path, step: alone ? "waiting to run CPython alone" : "running with CPython")
            diagnostics += whenAllowed(alone: alone, note: note, step: "running with CPython") {
                runPython(python, analysis: analysis, note: note, records: &records)
            }.result
        }
        let reasonLines = records.compactMap { record in record.ranBecause.map { "snippet \(record.index): \($0)" } }
        return Outcome(records: records, diagnostics: diagnostics, reasons: reasonLines)
    }

    /// A cell's hash covers every cell up to it (a session's earlier cells shape later ones), the
    /// program it became, the support library, the Swift toolchain and the run settings. CPython is
    /// not part of it: a build without `--python` reuses runs made with it, comparison included.
    private func contentHashes(_ analysis: SessionAnalysis, _ translation: NoteTranslation, compiler: SwiftCompiler) -> [String] {
        let translatorVersion = [
            LoomCommand.version, compiler.programHash(mainSource: translation.program, support: toolchain.support),
            "scale \(settings.timeScale)", "repeat \(settings.repeats)",
        ].joined(separator: " · ")
        var prefix = ""
        return analysis.cells.map { cell in
            prefix += "\u{1E}\(cell.snippet.index)\n" + cell.repairedSource
            return snippetContentHash(
                pythonSource: prefix, translatorVersion: translatorVersion,
                swiftVersion: toolchain.compiler.toolchain.version, pythonVersion: nil
            )
        }
    }

    /// Runs the program when the gate allows: alone, or beside other notes' runs that sleep and wait.
    private func runProgram(
        _ program: SwiftCompiler.CompiledProgram, note: Note, alone: Bool, optimization: String
    ) -> (NoteProgramRun, RunPlacement) {
        let placement = whenAllowed(alone: alone, note: note, step: "running") {
            NoteProgramRunner.run(
                NoteProgram(executable: program.executable, cellCount: note.snippets.count), options: runOptions(for: note))
        }
        return (placement.result, RunPlacement(
            alone: placement.alone, besideRuns: placement.besideRuns, besideCompiles: placement.besideCompiles,
            loadAverage: placement.loadAverage, cpuBound: false, optimization: optimization))
    }

    private func whenAllowed<Result>(
        alone: Bool, note: Note, step: String, _ work: () -> Result
    ) -> (result: Result, alone: Bool, besideRuns: Int, besideCompiles: Int, loadAverage: [Double]?) {
        guard let gate else {
            progress.update(note: note.path, step: step)
            let load = MachineFacts.loadAverage()
            return (work(), true, 0, 0, load)
        }
        if alone { progress.update(note: note.path, step: "waiting to run alone") }
        var load: [Double]?
        let (result, company) = gate.running(exclusively: alone) { () -> Result in
            progress.update(note: note.path, step: alone ? step + " alone" : step)
            load = MachineFacts.loadAverage()
            return work()
        }
        return (result, company.alone, company.besideRuns, company.besideCompiles, load)
    }

    /// What is known of a cell before it runs: its diagnostics, its Swift, and whether it can run at all.
    private func baseRecord(_ cell: CellAnalysis, translation: CellTranslation, hash: String, reason: String?, at date: String) -> SnippetRecord {
        var record = SnippetRecord(
            index: cell.snippet.index, line: cell.snippet.fenceLine, contentHash: hash, status: .notRun(reason: "not run yet"),
            diagnostics: cell.diagnostics, ranBecause: reason
        )
        record.status = SnippetStatus.notRun.rawValue
        record.statusDetail = nil
        record.measuredAt = date
        record.timeScale = settings.timeScale
        record.translatorNotes = translation.notes.map(\.text)
        record.settings = cell.snippet.settings.isDefault ? nil : cell.snippet.settings
        record.notCode = cell.notCode
        if cell.snippet.settings.skip {
            record.status = SnippetStatus.skipped.rawValue
            record.statusDetail = "the note asks for it to be skipped"
        } else if let notCode = cell.notCode {
            record.status = SnippetStatus.notCode.rawValue
            record.statusDetail = "\(notCode.kind.label): \(notCode.reason)"
        } else if cell.module == nil {
            let error = cell.diagnostics.first { $0.severity == .error }
            record.status = SnippetStatus.syntaxError.rawValue
            record.statusDetail = error.map { "\($0.message) (line \($0.location.line))" } ?? "it has a syntax error"
        } else if case .refused(let refusal) = translation.status {
            record.status = SnippetStatus.refused.rawValue
            record.statusDetail = refusal.message
        } else {
            record.swiftSource = translation.swift
        }
        return record
    }

    /// Compiles the note's program; when it fails, every compiler error is laid at the snippet whose
    /// Swift holds it, those snippets are taken out, and the rest is compiled again, so one snippet's
    /// failure stays its own. Returns the program that compiled, if any did.
    ///
    /// A snippet translated statically whose Swift does not compile (the inference trusted something
    /// the code contradicts, such as an annotation) is translated again over `PyObject`, and the
    /// program compiled once more; the card's Swift and notes then show that translation.
    private func compileIsolatingFailures(
        _ translation: NoteTranslation, analysis: SessionAnalysis, records: inout [SnippetRecord], note: Note, compiler: SwiftCompiler
    ) -> (SwiftCompiler.CompiledProgram?, [Diagnostic]) {
        let support = toolchain.support
        func compiled(_ program: String) -> SwiftCompiler.CellIsolatedBuild {
            let compile: @Sendable () -> SwiftCompiler.CellIsolatedBuild = {
                compiler.buildProgramIsolatingCells(mainSource: program, support: support)
            }
            return gate?.compiling(compile) ?? compile()
        }
        var build = compiled(translation.program)
        let staticFailures = build.failedCells.filter { cell, _ in translation.cells.first { $0.index == cell }?.isDynamic == false }
        if !staticFailures.isEmpty {
            var sources = Self.cellSources(analysis)
            for position in sources.indices {
                sources[position].staticSwiftFailed = staticFailures[sources[position].index]?.first?.message
            }
            let retried = NoteTranslator.translate(sources)
            let second = compiled(retried.program)
            if second.wholeProgramFailure == nil, second.failedCells.count < build.failedCells.count {
                build = second
                for cell in retried.cells {
                    guard let position = records.firstIndex(where: { $0.index == cell.index }), records[position].swiftSource != nil else { continue }
                    records[position].swiftSource = cell.swift
                    records[position].translatorNotes = cell.notes.map(\.text)
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        for (cell, messages) in build.failedCells.sorted(by: { $0.key < $1.key }) {
            guard let position = records.firstIndex(where: { $0.index == cell }), let first = messages.first,
                  let cells = build.failedSources[cell],
                  let snippet = note.snippets.first(where: { $0.index == cell }) else { continue }
            let swiftLine = cells.lineInCell(first.line)
            let pythonLine = PythonLineGuess.line(forSwift: cells.line(first.line), in: snippet)
            var detail = "the Swift did not compile: \(first.message)"
            if let swiftLine { detail += " (Swift line \(swiftLine), from Python line \(pythonLine))" }
            if messages.count > 1 { detail += "; \(messages.count - 1) more \(messages.count == 2 ? "error" : "errors") in this snippet" }
            records[position].status = SnippetStatus.compileError.rawValue
            records[position].statusDetail = detail
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: note.path, line: pythonLine), "snippet \(cell): \(detail)"))
        }
        if let failure = build.wholeProgramFailure {
            diagnostics += markWholeProgramFailed(failure, records: &records, note: note)
        }
        return (build.program, diagnostics)
    }

    /// A failure Loom cannot lay at one snippet (the compiler crashed or ran out of time, or an error
    /// outside every snippet): every snippet still to run is marked with it.
    private func markWholeProgramFailed(_ failure: SwiftCompiler.Failure, records: inout [SnippetRecord], note: Note) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for position in records.indices where records[position].status == SnippetStatus.notRun.rawValue {
            let index = records[position].index
            let first = failure.messages.first { $0.severity == .error }
            let detail = failure.timedOut ? "the Swift compiler ran out of time"
                : first.map { "the Swift did not compile: \($0.message)" } ?? (failure.reason ?? "the Swift did not compile")
            records[position].status = SnippetStatus.compileError.rawValue
            records[position].statusDetail = detail
            let location = SourceLocation(file: note.path, line: records[position].line)
            diagnostics.append(Diagnostic(.error, at: location, "snippet \(index): \(detail)"))
        }
        return diagnostics
    }

    /// The note's own Python (repaired) under the harness: the same cells, protocol, limits and time scale.
    private func runPython(_ python: (path: String, version: String), analysis: SessionAnalysis, note: Note, records: inout [SnippetRecord]) -> [Diagnostic] {
        let cells = analysis.cells.filter { $0.module != nil && !$0.snippet.settings.skip }.map {
            (index: $0.snippet.index, source: $0.repairedSource, firstLine: $0.snippet.firstCodeLine, file: note.path)
        }
        guard !cells.isEmpty else { return [] }
        let cellsFile = FileManager.default.temporaryDirectory.appendingPathComponent("loom-cells-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: cellsFile) }
        let script: String
        do {
            script = try toolchain.harnessScriptPath()
            try Data(PythonHarness.cellsJSON(cells).utf8).write(to: cellsFile)
        } catch {
            return [Diagnostic(.warning, at: SourceLocation(file: note.path, line: 1), "cannot run the CPython comparison: \(error)")]
        }
        var options = runOptions(for: note)
        let program: NoteProgram
        if let sandbox = toolchain.pythonSandbox {
            let command = sandbox.harnessCommand(hostHarness: script, hostCells: cellsFile.path)
            program = NoteProgram(executable: command.executable, arguments: command.arguments, cellCount: note.snippets.count)
            options.environment.merge(command.environment) { $1 }
            options.isSandbox = true
            options.limits?.processCount = PythonSandbox.processLimit
        } else {
            let environment = ProcessInfo.processInfo.environment
            for key in ["PATH", "HOME", "LANG", "PYENV_ROOT", "PYENV_VERSION", "PYTHONHOME"] { options.environment[key] = environment[key] }
            // Children write unbuffered, as on a terminal, so process output is not reordered by pipe buffers.
            options.environment["PYTHONUNBUFFERED"] = "1"
            program = NoteProgram(executable: python.path, arguments: ["-X", "utf8", "-u", script, cellsFile.path], cellCount: note.snippets.count)
        }
        let run = NoteProgramRunner.run(program, options: options)
        for measurement in run.cells {
            guard let position = records.firstIndex(where: { $0.index == measurement.cell }),
                  cells.contains(where: { $0.index == measurement.cell }) else { continue }
            var python = RunMeasurementRecord(measurement)
            if analysis.cells.first(where: { $0.snippet.index == measurement.cell })?.transcript != nil {
                python = NoteClaims.withoutExampleMarkers(python).measurement
            }
            records[position].python = python
        }
        return run.diagnostics.map { diagnostic in
            var relabelled = diagnostic
            relabelled.message = "CPython: " + diagnostic.message
            return relabelled
        }
    }

    private func runOptions(for note: Note) -> CellRunOptions {
        var locations: [Int: SourceLocation] = [:]
        for snippet in note.snippets { locations[snippet.index] = SourceLocation(file: note.path, line: snippet.fenceLine) }
        var options = CellRunOptions(
            timeLimitPerCell: settings.timeout, timeScale: settings.timeScale, repeats: settings.repeats,
            cellLocations: locations, programLocation: SourceLocation(file: note.path, line: 1)
        )
        for snippet in note.snippets { options.cellTimeLimits[snippet.index] = snippet.settings.timeout }
        // Where each cell's code is, as CPython's harness names it (`NOTE:FIRSTLINE`): logging's
        // `%(filename)s` reads it. Given at run time, so a program outlives prose edited above a snippet.
        options.environment["LOOM_SOURCE_FILE"] = note.path
        options.environment["LOOM_CELL_LINES"] = note.snippets.map { "\($0.index):\($0.firstCodeLine)" }.joined(separator: ",")
        return options
    }

    /// What the translator is handed for each cell: its tree (a transcript's with its display hook
    /// and example markers), or the reason it has none, so the cells that need its names are refused too.
    static func cellSources(_ analysis: SessionAnalysis) -> [CellSource] {
        analysis.cells.map { cell in
            let refusal: Refusal?
            if cell.snippet.settings.skip {
                refusal = Refusal(construct: "snippet", reason: "the note asks for it to be skipped", line: cell.snippet.fenceLine)
            } else if let notCode = cell.notCode {
                refusal = Refusal(construct: "snippet", reason: "it is not code (\(notCode.kind.label))", line: cell.snippet.fenceLine)
            } else if cell.module == nil {
                let error = cell.diagnostics.first { $0.severity == .error }
                refusal = Refusal(construct: "snippet", reason: "it has a syntax error: \(error?.message ?? "unparsable")",
                                  line: error?.location.line ?? cell.snippet.firstCodeLine)
            } else {
                refusal = nil
            }
            guard let refusal else {
                return CellSource(index: cell.snippet.index, module: cell.module ?? Module(body: []), firstLine: cell.snippet.firstCodeLine)
            }
            return CellSource(index: cell.snippet.index, module: Module(body: []), refusal: refusal, unparsedNames: cell.definedNames)
        }
    }

    static func status(of cellStatus: Execution.CellStatus) -> (SnippetStatus, String?) {
        switch cellStatus {
        case .ok: (.ok, nil)
        case .runtimeError(let exception): (.runtimeError, "it raised \(exception)")
        case .timeout: (.timeout, "it ran past its time limit and was stopped")
        case .crashed(let signal): (.crashed, "the Swift program crashed (\(signal))")
        case .exited(let code): (.runtimeError, "the program exited with status \(code)")
        case .notRun(let reason): (.notRun, reason)
        }
    }
}
