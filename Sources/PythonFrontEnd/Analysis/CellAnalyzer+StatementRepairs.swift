import LoomCore

/// Repairs of whole statements, judged on the parsed tree.
extension CellAnalyzer {
    struct Edit {
        var line: Int
        var from: Int
        var to: Int
        var replacement: String
        var diagnostic: Diagnostic
    }

    /// `NAME - expr` where NAME was never bound before → `NAME = expr`; `print` alone → `print()`;
    /// Python 2's `print >>file, x` refused with the Python 3 spelling.
    mutating func names(of module: Module) -> NameCollector {
        if let cachedCollector { return cachedCollector }
        let collector = NameCollector(module)
        cachedCollector = collector
        return collector
    }

    mutating func repairStatements(_ module: Module) -> Module {
        let collector = names(of: module)
        boundBeforeStatementRepairs = Set(collector.bindings.filter(\.isModuleLevel).map(\.name))
        var edits: [Edit] = []
        let modules = session.importedModules.union(Self.importedModules(module))
        for statement in Self.allStatements(module.body) {
            if let edit = commaForDotEdit(statement, modules: modules, collector: collector) {
                edits.append(edit)
                continue
            }
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

    /// Names bound by `import NAME` (or `import a.b`, binding `a`) in the cell.
    static func importedModules(_ module: Module) -> Set<String> {
        var names: Set<String> = []
        for statement in allStatements(module.body) {
            if case .import(let aliases) = statement.kind {
                for alias in aliases { names.insert(alias.asname ?? String(alias.name.split(separator: ".").first ?? "")) }
            }
        }
        return names
    }

    /// `logging,info("x")` (or `x = logging,getLogger()`) → `logging.info(…)`: a tuple of a module
    /// and a call of a name bound nowhere can only be a typed `,` for `.`.
    func commaForDotEdit(_ statement: Stmt, modules: Set<String>, collector: NameCollector) -> Edit? {
        let value: Expr
        switch statement.kind {
        case .expr(let expression): value = expression
        case .assign(_, let expression): value = expression
        default: return nil
        }
        guard case .tuple(let elements, _) = value.kind, elements.count == 2,
              case .name(let module, _) = elements[0].kind, modules.contains(module),
              case .call(let function, _, _) = elements[1].kind, case .name(let attribute, _) = function.kind,
              !PythonBuiltins.names.contains(attribute), !session.moduleNames.contains(attribute),
              !collector.bindings.contains(where: { $0.name == attribute }) else { return nil }
        let leftEnd = local(elements[0].range.end)
        let rightStart = local(function.range.start)
        guard leftEnd.line == rightStart.line else { return nil }
        let scalars = Array(lines.line(leftEnd.line).unicodeScalars)
        guard leftEnd.column < rightStart.column, rightStart.column <= scalars.count,
              let comma = (leftEnd.column..<rightStart.column).first(where: { scalars[$0] == "," }),
              (leftEnd.column..<rightStart.column).allSatisfy({ $0 == comma || scalars[$0] == " " }) else { return nil }
        return Edit(line: leftEnd.line, from: leftEnd.column, to: rightStart.column, replacement: ".",
                    diagnostic: Diagnostic(.warning, at: location(elements[0].range.start),
                                           "repaired: `\(module),\(attribute)(` read as `\(module).\(attribute)(`: `\(module)` is a module and `\(attribute)` is bound nowhere",
                                           fix: Diagnostic.Fix(original: "\(module),\(attribute)", replacement: "\(module).\(attribute)")))
    }

    mutating func refusePrintChevron(at position: Position) {
        diagnostics.append(Diagnostic(.error, at: location(position),
                                      "Python 2 `print >>file, …` is not supported: write `print(…, file=file)`"))
    }

    static func isPrintName(_ expression: Expr) -> Bool {
        if case .name("print", _) = expression.kind { return true }
        return false
    }

    /// Keywords that make a statement on their own; a bare unknown name one typo away is one of them.
    static let standaloneKeywords = ["pass", "break", "continue", "return", "yield", "raise"]

    func bareKeywordEdit(name: String, expression: Expr, collector: NameCollector) -> Edit? {
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

    func isBound(_ name: String, before position: Position, collector: NameCollector) -> Bool {
        PythonBuiltins.names.contains(name) || session.namesBoundWithoutMinusRepairs.contains(name) || session.hasStarImport
            || collector.hasStarImport
            || collector.bindings.contains { $0.name == name && $0.position < position }
    }

    func minusEdit(name: String, left: Expr, right: Expr, statement: Stmt) -> Edit? {
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
    mutating func apply(_ edits: [Edit], to module: Module) -> Module {
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
}
