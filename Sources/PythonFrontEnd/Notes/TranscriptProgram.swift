import LoomCore

/// Turns a transcript's statements into an ordinary cell: a marker line before each example (so the
/// run's output can be cut per example), and for a REPL session the display hook made explicit —
/// an expression statement's value printed as `repr` unless it is None.
enum TranscriptProgram {
    /// The line a cell prints before example K's output (K from 1); never shown to a reader.
    static func marker(_ example: Int) -> String { "\u{1E}loom-example \(example)" }

    struct Result {
        var module: Module
        /// The same program as Python source, for CPython: the repaired code with the same edits.
        var source: String
    }

    /// `lines` is the cell's repaired code, line for line as `module` was parsed from it.
    static func make(_ module: Module, source: TranscriptSource, lines: String, snippet: Snippet,
                     noneReturning: Set<String>) -> Result {
        let firstLine = snippet.firstCodeLine
        // `snippet` is the cell as parsed: its indent already counts the prompts' columns.
        let columnBase = snippet.indent
        var textLines = lines.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        var wraps: [SourceRange] = []
        var body = module.body
        if source.transcript.style == .prompts {
            body = body.map { displayed($0, noneReturning: noneReturning, wraps: &wraps) }
        }
        // Text edits from the last position to the first, so earlier positions stay valid.
        for range in wraps.sorted(by: { $0.start > $1.start }) {
            let end = (range.end.line - firstLine, range.end.column - columnBase - 1)
            let start = (range.start.line - firstLine, range.start.column - columnBase - 1)
            guard end.0 < textLines.count, start.0 >= 0, end.1 <= textLines[end.0].count, start.1 >= 0 else { continue }
            textLines[end.0].insert(contentsOf: "))".unicodeScalars, at: end.1)
            textLines[start.0].insert(contentsOf: "print(repr(".unicodeScalars, at: start.1)
        }
        var markedBody: [Stmt] = []
        var insertions: [(line: Int, example: Int)] = []
        var nextExample = 0
        for statement in body {
            while nextExample < source.exampleStarts.count,
                  statement.range.start.line >= firstLine + source.exampleStarts[nextExample] - 1 {
                let position = Position(line: statement.range.start.line, column: columnBase + 1)
                markedBody.append(printStatement(marker(nextExample + 1), at: position))
                insertions.append((statement.range.start.line - firstLine, nextExample + 1))
                // Examples with no statement of their own (only a comment) share the next one's marker.
                nextExample += 1
            }
            markedBody.append(statement)
        }
        var text = textLines.map { String(String.UnicodeScalarView($0)) }
        for insertion in insertions.reversed() where insertion.line < text.count {
            text.insert("print('\\x1eloom-example \(insertion.example)')", at: insertion.line)
        }
        var output = text.joined(separator: "\n")
        if !output.hasSuffix("\n") { output += "\n" }
        return Result(module: Module(body: markedBody), source: output)
    }

    private static func printStatement(_ text: String, at position: Position) -> Stmt {
        let range = SourceRange(start: position, end: position)
        let call = Expr(.call(func: Expr(.name(id: "print", ctx: .load), range),
                              args: [Expr(.constant(.string(text, isUnicodePrefixed: false)), range)], keywords: []), range)
        return Stmt(.expr(value: call), range)
    }

    /// The REPL shows the value of every expression statement it compiles, in loops and branches
    /// too, but not inside a function or class body (those run later, as ordinary code).
    private static func displayed(_ statement: Stmt, noneReturning: Set<String>, wraps: inout [SourceRange]) -> Stmt {
        var result = statement
        func each(_ body: [Stmt]) -> [Stmt] { body.map { displayed($0, noneReturning: noneReturning, wraps: &wraps) } }
        switch statement.kind {
        case .expr(let value):
            guard !isNone(value, noneReturning: noneReturning) else { return statement }
            wraps.append(value.range)
            let range = value.range
            let repr = Expr(.call(func: Expr(.name(id: "repr", ctx: .load), range), args: [value], keywords: []), range)
            result.kind = .expr(value: Expr(.call(func: Expr(.name(id: "print", ctx: .load), range), args: [repr], keywords: []), range))
        case .for(let target, let iter, let body, let orelse):
            result.kind = .for(target: target, iter: iter, body: each(body), orelse: each(orelse))
        case .while(let test, let body, let orelse):
            result.kind = .while(test: test, body: each(body), orelse: each(orelse))
        case .if(let test, let body, let orelse):
            result.kind = .if(test: test, body: each(body), orelse: each(orelse))
        case .with(let items, let body):
            result.kind = .with(items: items, body: each(body))
        case .try(var block):
            block.body = each(block.body)
            block.orelse = each(block.orelse)
            block.finalbody = each(block.finalbody)
            block.handlers = block.handlers.map { handler in
                var copy = handler
                copy.body = each(handler.body)
                return copy
            }
            result.kind = .try(block)
        default:
            break
        }
        return result
    }

    /// Methods and functions that return None, so the REPL shows nothing for a call of them.
    static let noneReturningMethods: Set<String> = [
        "append", "extend", "insert", "remove", "sort", "reverse", "clear", "update", "add", "discard",
        "put", "put_nowait", "start", "sleep", "seed", "shuffle", "set", "release", "wait_for", "task_done",
        "setLevel", "info", "debug", "warning", "error", "critical", "exception", "log", "addHandler",
        "setFormatter", "basicConfig", "close", "shutdown", "cancel", "run_forever", "write", "flush",
    ]
    static let noneReturningFunctions: Set<String> = ["print", "help", "exec", "setattr", "delattr", "breakpoint"]

    /// A value the REPL would not show: None itself, or a call known to return None.
    static func isNone(_ value: Expr, noneReturning: Set<String>) -> Bool {
        switch value.kind {
        case .constant(.none): return true
        case .call(let function, let args, _):
            switch function.kind {
            case .name(let id, _): return noneReturningFunctions.contains(id) || noneReturning.contains(id)
            // `", ".join(x)` returns text; a thread's `join()` returns None.
            case .attribute(_, "join", _): return args.isEmpty
            case .attribute(_, let attribute, _): return noneReturningMethods.contains(attribute)
            default: return false
            }
        case .await: return true
        default: return false
        }
    }

    /// Module-level functions of `module` that never return a value: a call of one shows nothing.
    static func noneReturningFunctions(in module: Module) -> Set<String> {
        var names: Set<String> = []
        for statement in module.body {
            guard case .functionDef(let definition) = statement.kind else { continue }
            let returnsValue = CellAnalyzer.allStatements(definition.body).contains { inner in
                if case .return(let value?) = inner.kind, value.kind != .constant(.none) { return true }
                return false
            }
            if !returnsValue { names.insert(definition.name) }
        }
        return names
    }
}
