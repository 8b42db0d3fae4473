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
        for snippet in snippets {
            var cell = CellAnalyzer(snippet: snippet, file: file, session: session)
            let analysis = cell.run()
            session.record(analysis, hasStarImport: cell.hasStarImport, boundBeforeRepairs: cell.boundBeforeStatementRepairs)
            cells.append(analysis)
            deferred.append(cell.deferredUses)
        }
        // A function body runs when called, possibly after later cells bound what it uses: its names
        // are unknown only if no cell of the note binds them.
        let sessionNames = Set(cells.flatMap(\.definedNames))
        for (offset, uses) in deferred.enumerated() where !session.hasStarImport {
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

    mutating func record(_ cell: CellAnalysis, hasStarImport: Bool, boundBeforeRepairs: Set<String>) {
        moduleNames.formUnion(cell.definedNames)
        namesBoundWithoutMinusRepairs.formUnion(boundBeforeRepairs)
        self.hasStarImport = self.hasStarImport || hasStarImport
    }
}

/// One cell's parse–repair–check pass.
