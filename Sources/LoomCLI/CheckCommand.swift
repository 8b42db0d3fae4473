import ArgumentParser
import LoomCore
import PythonFrontEnd

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what Loom finds in notes: mistakes, repairs and names known nowhere.",
        discussion: "Exit status 0 when no errors are left after repairs, 1 otherwise."
    )

    @Argument(help: "Notes or folders of notes.")
    var paths: [String] = ["notes"]

    @Flag(name: .long, help: "Count repairs as errors.")
    var strict = false

    @Flag(name: .customLong("run"), help: "Also translate and run the snippets (as `loom run` does, in Swift only) to check the output notes write under their code and every compile error.")
    var runSnippets = false

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var errors = 0
        let files = try NoteFiles.expand(paths)
        let pipeline = runSnippets ? try runningPipeline() : nil
        for path in files {
            let note = try NoteFiles.read(path)
            let analysis = SessionAnalyzer.analyze(snippets: note.snippets, file: path)
            diagnostics += note.diagnostics + analysis.diagnostics
            errors += note.diagnostics.filter { $0.severity == .error }.count + analysis.errorCount(strict: strict)
            if let pipeline, !note.snippets.isEmpty {
                // The front end's findings are printed above; what only a run can tell is added.
                let ran = pipeline.process(note, previous: nil).diagnostics.filter { !analysis.diagnostics.contains($0) }
                diagnostics += ran
                errors += ran.filter { $0.severity == .error }.count
            }
        }
        pipeline?.progress.end()
        DiagnosticPrinter(directoryPrefix: "").print(diagnostics)
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let repairs = diagnostics.filter { $0.fix != nil }.count
        StandardError.write("\(files.count) \(files.count == 1 ? "note" : "notes"): \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings") (\(repairs) \(repairs == 1 ? "repair" : "repairs")).\n")
        if errors > 0 { throw ExitCode.failure }
    }

    private func runningPipeline() throws -> NotePipeline {
        let progress = Progress(quiet: false)
        progress.update(note: "support library", step: "compiling")
        let toolchain = try ToolchainContext.prepare(wantPython: false)
        var settings = RunSettings(try RunOptions.parse([]))
        settings.rerun = true
        return NotePipeline(toolchain: toolchain, settings: settings, progress: progress)
    }
}
