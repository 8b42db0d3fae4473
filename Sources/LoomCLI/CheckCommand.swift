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

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var errors = 0
        let files = try NoteFiles.expand(paths)
        for path in files {
            let note = try NoteFiles.read(path)
            let analysis = SessionAnalyzer.analyze(snippets: note.snippets, file: path)
            diagnostics += note.diagnostics + analysis.diagnostics
            errors += note.diagnostics.filter { $0.severity == .error }.count + analysis.errorCount(strict: strict)
        }
        DiagnosticPrinter(directoryPrefix: "").print(diagnostics)
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let repairs = diagnostics.filter { $0.fix != nil }.count
        StandardError.write("\(files.count) \(files.count == 1 ? "note" : "notes"): \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings") (\(repairs) \(repairs == 1 ? "repair" : "repairs")).\n")
        if errors > 0 { throw ExitCode.failure }
    }
}
