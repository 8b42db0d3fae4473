import ArgumentParser
import Execution
import Foundation

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Print a note's timelines from the run record, running nothing."
    )

    @Argument(help: "The note, as the vault names it (`threading.md`) or by its path.")
    var note: String

    @Option(name: .long, help: "Only this snippet.")
    var snippet: Int?

    @Option(name: .long, help: "Width in columns.")
    var width = 80

    @Option(name: .long, help: "The run record (default: site/runs.json).")
    var record = "site/runs.json"

    func run() throws {
        let (loaded, problems) = RunRecordStore.load(from: record)
        DiagnosticPrinter(directoryPrefix: "").print(problems)
        guard let loaded else { throw ValidationError("no run record at '\(record)': run `loom build` first") }
        let name = URL(fileURLWithPath: note).lastPathComponent
        guard let recorded = loaded.notes.first(where: { $0.note == note || URL(fileURLWithPath: $0.note).lastPathComponent == name }) else {
            throw ValidationError("the run record has no note '\(note)'")
        }
        var printed = 0
        for snippetRecord in recorded.snippets where snippet == nil || snippetRecord.index == snippet {
            guard let figure = SnippetReports.timeline(index: snippetRecord.index, swift: snippetRecord.swift, python: snippetRecord.python, width: width) else {
                print("snippet \(snippetRecord.index): no trace recorded (\(snippetRecord.status))\n")
                continue
            }
            print(figure.ascii)
            printed += 1
        }
        if printed == 0, let snippet { throw ValidationError("no timeline recorded for snippet \(snippet)") }
    }
}
