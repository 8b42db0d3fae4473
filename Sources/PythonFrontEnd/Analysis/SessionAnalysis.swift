import LoomCore

/// What the front end learned about one snippet (a cell of the note's session).
public struct CellAnalysis: Hashable, Sendable {
    public var snippet: Snippet
    /// The tree of `repairedSource`; nil when a syntax error remains, including the ones CPython's
    /// compiler reports after parsing (`return` outside a function, `break` outside a loop, …).
    public var module: Module?
    /// The code later stages use: the snippet's code with every repair applied.
    public var repairedSource: String
    /// This cell's diagnostics, sorted by location; repairs are the ones with a `fix`.
    public var diagnostics: [Diagnostic]
    /// Names the cell binds at module level, in order of first binding: what later cells may use.
    public var definedNames: [String]
    /// Names the cell reads that only earlier cells bind (`time` in a cell that did not import it).
    public var namesFromEarlierCells: [String]
    /// Every binding and every read of a name in the cell, in source order.
    public var bindings: [NameOccurrence]
    public var uses: [NameOccurrence]
    /// Output the note wrote under the code (a REPL session, or `>>> ` lines after code), to check.
    public var transcript: Transcript? = nil
    /// Set when the block is not a program at all (pasted output, a shell session …): not an error.
    public var notCode: NotCode? = nil
}

/// The front end's verdict on one note: each cell, and every diagnostic in location order.
public struct SessionAnalysis: Hashable, Sendable {
    public var file: String
    public var cells: [CellAnalysis]
    /// All cells' diagnostics, sorted by location (then severity, most severe first).
    public var diagnostics: [Diagnostic]

    /// The diagnostics that changed what later stages see (`--strict` counts these as errors).
    public var repairs: [Diagnostic] { diagnostics.filter { $0.fix != nil } }

    /// Errors, plus repairs when `strict`.
    public func errorCount(strict: Bool) -> Int {
        diagnostics.filter { $0.severity == .error || (strict && $0.fix != nil) }.count
    }
}

extension Array where Element == Diagnostic {
    func sortedByLocation() -> [Diagnostic] {
        sorted { lhs, rhs in
            if lhs.location != rhs.location { return lhs.location < rhs.location }
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            return lhs.message < rhs.message
        }
    }
}
