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
struct CellAnalyzer {
    let snippet: Snippet
    let file: String
    let session: SessionNames
    var lines: SourceLines
    var diagnostics: [Diagnostic] = []
    private(set) var hasStarImport = false
    /// Module-level names of the cell as written, before statement repairs add bindings.
    private(set) var boundBeforeStatementRepairs: Set<String> = []
    /// A name read inside a function or class, bound nowhere so far: judged once every cell is read.
    struct DeferredUse {
        var occurrence: NameOccurrence
        var diagnostics: [Diagnostic]
    }

    private(set) var deferredUses: [DeferredUse] = []
    /// Names of the current tree; dropped whenever a repair changes the tree.
    private var cachedCollector: NameCollector?

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

    func firstError(_ text: String) -> PythonSyntaxError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Syntax

    private mutating func parseRepairingSyntax() -> Module? {
        for _ in 0...SessionAnalyzer.maxSyntaxRepairs {
            let failure: PythonSyntaxError
            do {
                return try parse(lines.text)
            } catch {
                failure = error
            }
            let known = session.moduleNames.union(Self.namesAssigned(in: lines.text))
            let snippetCopy = self
            if let repair = SyntaxRepairs.repair(lines, errorLine: failure.line, knownNames: known,
                                                 parses: { snippetCopy.firstError($0) }) {
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

    // MARK: - Statement repairs

    private struct Edit {
        var line: Int
        var from: Int
        var to: Int
        var replacement: String
        var diagnostic: Diagnostic
    }

    /// `NAME - expr` where NAME was never bound before → `NAME = expr`; `print` alone → `print()`;
    /// Python 2's `print >>file, x` refused with the Python 3 spelling.
    private mutating func names(of module: Module) -> NameCollector {
        if let cachedCollector { return cachedCollector }
        let collector = NameCollector(module)
        cachedCollector = collector
        return collector
    }

    private mutating func repairStatements(_ module: Module) -> Module {
        let collector = names(of: module)
        boundBeforeStatementRepairs = Set(collector.bindings.filter(\.isModuleLevel).map(\.name))
        var edits: [Edit] = []
        for statement in Self.allStatements(module.body) {
            guard case .expr(let value) = statement.kind else { continue }
            switch value.kind {
            case .binOp(let left, .sub, let right):
                guard case .name(let id, _) = left.kind,
                      !isBound(id, before: statement.range.start, collector: collector),
                      let edit = minusEdit(name: id, left: left, right: right, statement: statement)
                else { continue }
                edits.append(edit)
            case .name(let id, _) where id != "print":
                if let edit = bareKeywordEdit(name: id, expression: value, collector: collector) { edits.append(edit) }
            case .name("print", _):
                let end = local(value.range.end)
                edits.append(Edit(line: end.line, from: end.column, to: end.column, replacement: "()",
                                  diagnostic: Diagnostic(.warning, at: location(value.range.start),
                                                         "repaired: Python 2 `print` alone read as `print()`",
                                                         fix: Diagnostic.Fix(original: "print", replacement: "print()"))))
            case .binOp(let left, .rShift, _) where Self.isPrintName(left):
                refusePrintChevron(at: value.range.start)
            case .tuple(let elements, _):
                if let first = elements.first, case .binOp(let left, .rShift, _) = first.kind, Self.isPrintName(left) {
                    refusePrintChevron(at: value.range.start)
                }
            default:
                continue
            }
        }
        return apply(edits, to: module)
    }

    private mutating func refusePrintChevron(at position: Position) {
        diagnostics.append(Diagnostic(.error, at: location(position),
                                      "Python 2 `print >>file, …` is not supported: write `print(…, file=file)`"))
    }

    private static func isPrintName(_ expression: Expr) -> Bool {
        if case .name("print", _) = expression.kind { return true }
        return false
    }

    /// Keywords that make a statement on their own; a bare unknown name one typo away is one of them.
    static let standaloneKeywords = ["pass", "break", "continue", "return", "yield", "raise"]

    private func bareKeywordEdit(name: String, expression: Expr, collector: NameCollector) -> Edit? {
        guard !PythonBuiltins.names.contains(name), !session.moduleNames.contains(name), !session.hasStarImport,
              !collector.hasStarImport, !collector.bindings.contains(where: { $0.name == name }) else { return nil }
        let close = Self.standaloneKeywords.filter {
            let distance = EditDistance.distance(name, $0)
            return distance == 1 || (distance == 2 && name.count >= 5)
        }
        guard close.count == 1, let keyword = close.first else { return nil }
        let start = local(expression.range.start)
        return Edit(line: start.line, from: start.column, to: start.column + name.unicodeScalars.count, replacement: keyword,
                    diagnostic: Diagnostic(.warning, at: location(expression.range.start),
                                           "repaired: misspelled keyword `\(name)` read as `\(keyword)`",
                                           fix: Diagnostic.Fix(original: name, replacement: keyword)))
    }

    private func isBound(_ name: String, before position: Position, collector: NameCollector) -> Bool {
        PythonBuiltins.names.contains(name) || session.namesBoundWithoutMinusRepairs.contains(name) || session.hasStarImport
            || collector.hasStarImport
            || collector.bindings.contains { $0.name == name && $0.position < position }
    }

    private func minusEdit(name: String, left: Expr, right: Expr, statement: Stmt) -> Edit? {
        let leftEnd = local(left.range.end)
        let rightStart = local(right.range.start)
        guard leftEnd.line == rightStart.line else { return nil }
        let between = Array(lines.line(leftEnd.line).unicodeScalars)
        let upper = min(rightStart.column, between.count)
        guard leftEnd.column < upper,
              let offset = (leftEnd.column..<upper).first(where: { between[$0] == "-" }) else { return nil }
        let start = local(statement.range.start)
        let end = local(statement.range.end)
        let singleLine = start.line == end.line
        let original = singleLine ? lines.slice(line: start.line, from: start.column, to: end.column) : "\(name) -"
        var replacementLines = lines
        replacementLines.replace(line: leftEnd.line, from: offset, to: offset + 1, with: "=")
        let replacement = singleLine ? replacementLines.slice(line: start.line, from: start.column, to: end.column) : "\(name) ="
        let message = "repaired: `\(original)` read as `\(replacement)`: `\(name)` is not bound before, so `-` was meant as `=`"
        return Edit(line: leftEnd.line, from: offset, to: offset + 1, replacement: "=",
                    diagnostic: Diagnostic(.warning, at: location(statement.range.start), message,
                                           fix: Diagnostic.Fix(original: original, replacement: replacement)))
    }

    /// Applies edits from last to first (so earlier columns stay valid) and re-parses; edits that would
    /// break the parse are dropped.
    private mutating func apply(_ edits: [Edit], to module: Module) -> Module {
        guard !edits.isEmpty else { return module }
        var edited = lines
        for edit in edits.sorted(by: { ($0.line, $0.from) > ($1.line, $1.from) }) {
            edited.replace(line: edit.line, from: edit.from, to: edit.to, with: edit.replacement)
        }
        guard let reparsed = try? parse(edited.text) else { return module }
        lines = edited
        cachedCollector = nil
        diagnostics += edits.map(\.diagnostic)
        return reparsed
    }

    static func allStatements(_ body: [Stmt]) -> [Stmt] {
        var result: [Stmt] = []
        var stack = Array(body.reversed())
        while let statement = stack.popLast() {
            result.append(statement)
            var children: [[Stmt]] = []
            switch statement.kind {
            case .functionDef(let definition), .asyncFunctionDef(let definition): children = [definition.body]
            case .classDef(let definition): children = [definition.body]
            case .for(_, _, let body, let orelse), .asyncFor(_, _, let body, let orelse),
                 .while(_, let body, let orelse), .if(_, let body, let orelse):
                children = [body, orelse]
            case .with(_, let body), .asyncWith(_, let body): children = [body]
            case .match(_, let cases): children = cases.map(\.body)
            case .try(let block), .tryStar(let block):
                children = [block.body] + block.handlers.map(\.body) + [block.orelse, block.finalbody]
            default: break
            }
            for child in children.reversed() { stack.append(contentsOf: child.reversed()) }
        }
        return result
    }

    // MARK: - Names

    /// Warns about names bound nowhere in the session; where exactly one bound name is one edit
    /// away (and both are long enough for that to be telling), reads the name as that one.
    private mutating func checkNames(_ module: Module) -> Module {
        let collector = names(of: module)
        if collector.hasStarImport || session.hasStarImport { return module }
        let boundHere = Set(collector.bindings.map(\.name))
        let bound = boundHere.union(session.moduleNames)
        var edits: [Edit] = []
        var warned = Set<String>()
        for use in collector.uses where !bound.contains(use.name) && !PythonBuiltins.names.contains(use.name) {
            let close = bound.filter { closeSpelling(use.name, $0) }
            if !use.isModuleLevel {
                guard warned.insert(use.name).inserted else { continue }
                deferredUses.append(DeferredUse(occurrence: use, diagnostics: unknownNameDiagnostics(use, close: close)))
                continue
            }
            if close.count == 1, let candidate = close.first, use.name.count >= 4,
               EditDistance.distance(use.name, candidate) == 1,
               !PythonBuiltins.names.contains(where: { EditDistance.isWithin(1, use.name, $0) }) {
                let start = local(use.position)
                let message = "repaired: `\(use.name)` is not defined; read as `\(candidate)`, the one bound name spelt like it"
                edits.append(Edit(line: start.line, from: start.column, to: start.column + use.name.unicodeScalars.count,
                                  replacement: candidate,
                                  diagnostic: Diagnostic(.warning, at: location(use.position), message,
                                                         fix: Diagnostic.Fix(original: use.name, replacement: candidate))))
                continue
            }
            guard warned.insert(use.name).inserted else { continue }
            diagnostics += unknownNameDiagnostics(use, close: close)
        }
        return apply(edits, to: module)
    }

    private func unknownNameDiagnostics(_ use: NameOccurrence, close: Set<String>) -> [Diagnostic] {
        var result = [Diagnostic(.warning, at: location(use.position), "`\(use.name)` is not defined in this snippet or an earlier one")]
        if close.count == 1, let candidate = close.first {
            result.append(Diagnostic(.note, at: location(use.position), "did you mean `\(candidate)`?"))
        }
        return result
    }

    private func closeSpelling(_ used: String, _ bound: String) -> Bool {
        guard EditDistance.isWithin(2, used, bound) else { return false }
        let distance = EditDistance.distance(used, bound)
        return distance >= 1 && distance <= (min(used.count, bound.count) >= 6 ? 2 : 1)
    }
}
