import ArgumentParser
import Foundation
import Site

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site for a folder of notes."
    )

    @Option(name: .long, help: "The folder of notes.")
    var notes = "notes"

    @Option(name: .long, help: "The folder the site is written to; it is replaced whole.")
    var out = "site"

    @Option(name: .long, help: "A folder whose layout.mustache, note.mustache, index.mustache or style.css replace Loom's own.")
    var theme: String?

    @Flag(name: .long, help: "Replace the output folder even if Loom did not create it.")
    var force = false

    @Flag(name: .long, help: "Run nothing: render every snippet from the run record (\"not run\" where it has none).")
    var noRun = false

    @Option(name: .long, help: "The run record to read and write (default: runs.json in the output folder).")
    var record: String?

    @Option(name: .long, help: "Notes compiled and run at once (default: 4 × the cores). CPU-bound and timing-sensitive snippets always run alone; 1 runs everything alone.")
    var jobs: Int?

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        if let jobs, !(1...1000).contains(jobs) { throw ValidationError("--jobs must be from 1 to 1000") }
    }

    func run() throws {
        let build = SiteBuild(
            notesFolder: URL(fileURLWithPath: notes),
            outputFolder: URL(fileURLWithPath: out),
            theme: try ThemeLoader.load(folder: theme),
            force: force,
            settings: noRun ? nil : RunSettings(runOptions, jobs: jobs),
            recordPath: record.map { URL(fileURLWithPath: $0) },
            progress: Progress()
        )
        let outcome: SiteBuild.Outcome
        do {
            outcome = try build.run { StandardError.write("loom: another build is writing '\(out)'; waiting for it to finish…\n") }
        } catch {
            StandardError.write("loom: error: \(error)\n")
            throw ExitCode.failure
        }
        DiagnosticPrinter(directoryPrefix: notes.hasSuffix("/") ? notes : notes + "/").print(outcome.diagnostics)
        let warnings = outcome.diagnostics.filter { $0.severity == .warning }.count
        let warningText = "\(warnings) \(warnings == 1 ? "warning" : "warnings")"
        if outcome.upToDate {
            StandardError.write("Nothing changed: \(out)/ is up to date (\(outcome.pages) pages for \(outcome.notes) notes, \(outcome.snippets) snippets); \(warningText).\n")
        } else {
            let carried = outcome.rendered < outcome.pages ? ", \(outcome.rendered) rendered and the rest carried over" : ""
            StandardError.write("Built \(outcome.pages) pages for \(outcome.notes) notes (\(outcome.snippets) snippets) in \(out)/\(carried); \(warningText).\n")
        }
        if runOptions.python || runOptions.pythonUnsafe, let comparison = outcome.comparison {
            StandardError.write(comparison.sentence + ".\n")
        }
    }
}

enum ThemeLoader {
    static func load(folder: String?) throws -> Theme {
        var overrides: [String: String] = [:]
        if let folder {
            for name in Theme.fileNames {
                let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if let text = try? String(contentsOf: url, encoding: .utf8) { overrides[name] = text }
            }
            if overrides.isEmpty {
                throw ValidationError("theme folder '\(folder)' holds none of \(Theme.fileNames.joined(separator: ", "))")
            }
        }
        do {
            return try Theme(overrides: overrides)
        } catch {
            throw ValidationError("theme: \(error)")
        }
    }
}
