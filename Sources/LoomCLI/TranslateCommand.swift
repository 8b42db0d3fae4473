import ArgumentParser
import PythonFrontEnd
import Translation

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Print the Swift a note's snippets become: the whole program, or one snippet's part of it."
    )

    @Argument(help: "The note.")
    var note: String

    @Option(name: .long, help: "Only this snippet (1 is the note's first).")
    var snippet: Int?

    func run() throws {
        let read = try NoteFiles.read(note)
        let analysis = SessionAnalyzer.analyze(snippets: read.snippets, file: note)
        let translation = NoteTranslator.translate(analysis)
        DiagnosticPrinter(directoryPrefix: "").print(analysis.diagnostics + translation.diagnostics(file: note))
        guard let snippet else {
            print(translation.program, terminator: "")
            return
        }
        guard let cell = translation.cells.first(where: { $0.index == snippet }) else {
            throw ValidationError("\(note) has \(read.snippets.count) snippets; there is no snippet \(snippet)")
        }
        if case .refused(let refusal) = cell.status {
            StandardError.write("\(note):\(refusal.line): \(refusal.message)\n")
            throw ExitCode.failure
        }
        print(cell.swift, terminator: cell.swift.hasSuffix("\n") ? "" : "\n")
        for remark in cell.notes { print("// note (line \(remark.line)): \(remark.text)") }
    }
}
