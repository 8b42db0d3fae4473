import LoomCore

struct CellAnalyzer {
    let snippet: Snippet
    let file: String
    let session: SessionNames
    var lines: SourceLines
    var diagnostics: [Diagnostic] = []
    var hasStarImport = false
    /// Module-level names of the cell as written, before statement repairs add bindings.
    var boundBeforeStatementRepairs: Set<String> = []
    /// A name read inside a function or class, bound nowhere so far: judged once every cell is read.
    struct DeferredUse {
        var occurrence: NameOccurrence
        var diagnostics: [Diagnostic]
    }

    var deferredUses: [DeferredUse] = []
    /// Names of the current tree; dropped whenever a repair changes the tree.
    var cachedCollector: NameCollector?

    init(snippet: Snippet, file: String, session: SessionNames) {
        self.snippet = snippet
        self.file = file
        self.session = session
        self.lines = SourceLines(snippet.code)
    }

    mutating func run() -> CellAnalysis {
        var module = parseRepairingSyntax()
        if let parsed = module { module = repairStatements(parsed) }
        if let parsed = module { module = checkNames(parsed) }
        let collector = module.map { names(of: $0) }
        var defined: [String] = []
        var seen = Set<String>()
        for binding in collector?.bindings ?? [] where binding.isModuleLevel && seen.insert(binding.name).inserted {
            defined.append(binding.name)
        }
        let boundHere = Set(collector?.bindings.map(\.name) ?? [])
        var fromEarlier: [String] = []
        var seenEarlier = Set<String>()
        for use in collector?.uses ?? [] where !boundHere.contains(use.name) && session.moduleNames.contains(use.name) {
            if seenEarlier.insert(use.name).inserted { fromEarlier.append(use.name) }
        }
        hasStarImport = collector?.hasStarImport ?? false
        if let parsed = module, let error = CompileChecks.firstError(in: parsed) {
            // CPython refuses the whole cell, so later stages see it as they see a syntax error; the
            // names it would bind stay known, so that cells using them are refused too.
            diagnostics.append(Diagnostic(.error, at: location(error.position), error.message))
            module = nil
        }
        return CellAnalysis(snippet: snippet, module: module, repairedSource: lines.text,
                            diagnostics: diagnostics.sortedByLocation(), definedNames: defined,
                            namesFromEarlierCells: fromEarlier, bindings: collector?.bindings ?? [],
                            uses: collector?.uses ?? [])
    }

    // MARK: - Positions

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + snippet.firstCodeLine - 1, column: column + snippet.indent + 1)
    }

    func location(_ position: Position) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// Snippet-local 1-based line and 0-based column of a note position.
    func local(_ position: Position) -> (line: Int, column: Int) {
        (position.line - snippet.firstCodeLine + 1, position.column - snippet.indent - 1)
    }

    func parse(_ text: String) throws(PythonSyntaxError) -> Module {
        try PythonParser.parse(text, firstLine: snippet.firstCodeLine, indent: snippet.indent)
    }

    func parseResult(_ text: String) -> Result<Module, PythonSyntaxError> {
        do {
            return .success(try parse(text))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Syntax

    mutating func parseRepairingSyntax() -> Module? {
        // The parse that vouched for a repair is the next round's parse: keep it.
        var lastParse: (text: String, result: Result<Module, PythonSyntaxError>)?
        for _ in 0...SessionAnalyzer.maxSyntaxRepairs {
            let text = lines.text
            let result = lastParse.flatMap { $0.text == text ? $0.result : nil } ?? parseResult(text)
            let failure: PythonSyntaxError
            switch result {
            case .success(let module): return module
            case .failure(let error): failure = error
            }
            let known = session.moduleNames.union(Self.namesAssigned(in: text))
            let snippetCopy = self
            let repair = SyntaxRepairs.repair(lines, errorLine: failure.line, knownNames: known) { candidate in
                let candidateResult = snippetCopy.parseResult(candidate)
                lastParse = (candidate, candidateResult)
                if case .failure(let error) = candidateResult { return error }
                return nil
            }
            if let repair {
                lines = repair.repairedLines
                diagnostics.append(Diagnostic(.warning, at: location(line: repair.line, column: repair.column),
                                              "repaired: \(repair.message)",
                                              fix: Diagnostic.Fix(original: repair.original, replacement: repair.replacement)))
                continue
            }
            let prefix = failure.kind == .syntax ? "" : "\(failure.kind.rawValue): "
            diagnostics.append(Diagnostic(.error, at: location(line: failure.line, column: failure.column), prefix + failure.message))
            return nil
        }
        diagnostics.append(Diagnostic(.error, at: location(line: 1, column: 0),
                                      "too many mistakes to repair in this snippet; fix the first ones above"))
        return nil
    }

    /// Names a cell that does not parse visibly binds (`NAME =`, `def NAME`, `import NAME`, …),
    /// read from its tokens, so that a bound name is never taken for a misspelled keyword.
    static func namesAssigned(in text: String) -> Set<String> {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(buffer)
            var lexer = Lexer(bytes: bytes)
            guard let tokens = try? lexer.tokenize() else { return [] }
            var names = Set<String>()
            for (offset, token) in tokens.enumerated() where token.kind == .name {
                let next = offset + 1 < tokens.count ? tokens[offset + 1].kind : .endMarker
                let previous = offset > 0 ? tokens[offset - 1].kind : .newline
                if next == .equal || [.kwDef, .kwClass, .kwAs, .kwImport, .kwFor].contains(previous) {
                    names.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self))
                }
            }
            return names
        }
    }
}
