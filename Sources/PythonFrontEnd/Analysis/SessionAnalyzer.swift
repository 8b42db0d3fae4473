import LoomCore

/// Reads a note's snippets as cells of one session: parses each (repairing what is plainly meant),
/// and follows names from cell to cell.
public enum SessionAnalyzer {
    /// Repairs tried on one snippet before giving up, so a hopeless snippet stays cheap.
    static let maxSyntaxRepairs = 16

    public static func analyze(snippets: [Snippet], file: String) -> SessionAnalysis {
        var session = SessionNames()
        var cells: [CellAnalysis] = []
        var deferred: [[CellAnalyzer.DeferredUse]] = []
        var noneReturning: Set<String> = []
        for (position, snippet) in snippets.enumerated() {
            var transcript = TranscriptReader.read(snippet) { code in
                (try? PythonParser.parse(code, firstLine: snippet.firstCodeLine, indent: snippet.indent)) != nil
            }
            var readAs = snippet
            var notes: [Diagnostic] = []
            if let transcript {
                readAs.code = transcript.code
                readAs.indent += transcript.columnOffset
            } else if let magic = NotebookMagic.cellLanguageLine(snippet),
                      // A path is also an expression (`src/app.py` divides): only a block that does not parse loses it.
                      !magic.isFileName || (try? PythonParser.parse(snippet.code, firstLine: snippet.firstCodeLine, indent: snippet.indent)) == nil {
                readAs.code = magic.code
                let message = magic.isFileName
                    ? "the first line names the file the code is in; the lines after it are read as Python"
                    : "`%python` names the notebook cell's language; the lines after it are read as Python"
                notes.append(Diagnostic(.note, at: SourceLocation(file: file, line: magic.line, column: snippet.indent + 1), message))
            }
            var cell = CellAnalyzer(snippet: readAs, file: file, session: session)
            var analysis = cell.run()
            if analysis.module == nil, transcript == nil, notes.isEmpty,
               let error = analysis.diagnostics.first(where: { $0.severity == .error }),
               let pasted = TranscriptReader.readTrailingOutput(snippet, errorLine: error.location.line - snippet.firstCodeLine + 1) {
                var prefix = snippet
                prefix.code = pasted.code
                var retry = CellAnalyzer(snippet: prefix, file: file, session: session)
                let retried = retry.run()
                if retried.module != nil {
                    cell = retry
                    analysis = retried
                    transcript = pasted
                    readAs = prefix
                }
            }
            analysis.snippet = snippet
            analysis.diagnostics = (notes + analysis.diagnostics).sortedByLocation()
            if let module = analysis.module {
                noneReturning.formUnion(TranscriptProgram.noneReturningFunctions(in: module))
            }
            if let transcript, let module = analysis.module {
                let program = TranscriptProgram.make(module, source: transcript, lines: analysis.repairedSource,
                                                     snippet: readAs, noneReturning: noneReturning)
                analysis.module = program.module
                analysis.repairedSource = program.source
                analysis.transcript = transcript.transcript
            } else if analysis.module == nil, transcript == nil, !analysis.diagnostics.contains(where: { $0.fix != nil }),
                      let error = analysis.diagnostics.first(where: { $0.severity == .error }),
                      let notCode = NotCodeClassifier.classify(snippet, errorLine: error.location.line - snippet.firstCodeLine + 1,
                                                               earlier: Array(snippets[..<position])) {
                analysis.notCode = notCode
                analysis.diagnostics = [Diagnostic(.note, at: SourceLocation(file: file, line: snippet.fenceLine, column: snippet.indent + 1),
                                                   "not code: \(notCode.kind.label): \(notCode.reason)")]
            }
            if snippet.settings.skip {
                analysis.diagnostics = []
            }
            session.record(analysis, hasStarImport: cell.hasStarImport, boundBeforeRepairs: cell.boundBeforeStatementRepairs)
            cells.append(analysis)
            deferred.append(cell.deferredUses)
        }
        // A function body runs when called, possibly after later cells bound what it uses: its names
        // are unknown only if no cell of the note binds them.
        let sessionNames = Set(cells.flatMap(\.definedNames))
        for (offset, uses) in deferred.enumerated() where !session.hasStarImport && cells[offset].notCode == nil && !cells[offset].snippet.settings.skip {
            let unknown = uses.filter { !sessionNames.contains($0.occurrence.name) }
            guard !unknown.isEmpty else { continue }
            cells[offset].diagnostics = (cells[offset].diagnostics + unknown.flatMap(\.diagnostics)).sortedByLocation()
        }
        let diagnostics = cells.flatMap(\.diagnostics).sortedByLocation()
        return SessionAnalysis(file: file, cells: cells, diagnostics: diagnostics)
    }
}

/// Names bound at module level by the cells analysed so far.
struct SessionNames {
    var moduleNames: Set<String> = []
    /// Module names bound by something other than a `NAME - expr` statement read as `NAME = expr`.
    var namesBoundWithoutMinusRepairs: Set<String> = []
    var hasStarImport = false
    /// Names bound by `import NAME`: a module, so `NAME,attr(` is a typo for `NAME.attr(`.
    var importedModules: Set<String> = []

    mutating func record(_ cell: CellAnalysis, hasStarImport: Bool, boundBeforeRepairs: Set<String>) {
        if let module = cell.module { importedModules.formUnion(CellAnalyzer.importedModules(module)) }
        moduleNames.formUnion(cell.definedNames)
        namesBoundWithoutMinusRepairs.formUnion(boundBeforeRepairs)
        self.hasStarImport = self.hasStarImport || hasStarImport
    }
}

/// One cell's parse–repair–check pass.

/// Databricks notebooks start a cell with its language (`%python`); the rest is the code.
enum NotebookMagic {
    /// Also a first line that is only a file's path (`src/app/main.py`), which notes copied from a book
    /// put above the code.
    static func cellLanguageLine(_ snippet: Snippet) -> (code: String, line: Int, isFileName: Bool)? {
        var lines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let text = lines[first].trimmingCharacters()
        let isFileName = text.hasSuffix(".py") && text.contains("/") && !text.hasPrefix("#")
            && text.allSatisfy { $0.isLetter || $0.isNumber || "_-./".contains($0) }
        guard isFileName || ["%python", "%py"].contains(text) else { return nil }
        lines[first] = ""
        return (lines.joined(separator: "\n"), snippet.firstCodeLine + first, isFileName)
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
