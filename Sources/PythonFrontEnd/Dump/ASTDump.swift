/// Prints a tree exactly as CPython 3.11's `ast.dump(ast.parse(source))` does (default arguments:
/// field names, no attributes, no indentation; optional fields that are `None` left out).
public enum ASTDump {
    public static func dump(_ module: Module) -> String {
        dump(module, attributesFrom: nil)
    }

    /// `ast.dump(tree, include_attributes=True)`: positions relative to the snippet whose code line 1
    /// is `firstLine` and whose columns were shifted by `indent`. Columns count Unicode scalars, so
    /// they equal CPython's UTF-8 byte offsets on ASCII lines.
    public static func dumpWithAttributes(_ module: Module, firstLine: Int = 1, indent: Int = 0) -> String {
        dump(module, attributesFrom: (firstLine, indent))
    }

    private static func dump(_ module: Module, attributesFrom origin: (firstLine: Int, indent: Int)?) -> String {
        var printer = DumpPrinter()
        printer.origin = origin
        printer.text += "Module(body="
        printer.statements(module.body)
        printer.text += ", type_ignores=[])"
        return printer.text
    }

    public static func dump(_ expression: Expr) -> String {
        var printer = DumpPrinter()
        printer.expression(expression)
        return printer.text
    }
}

struct DumpPrinter {
    var text = ""
    /// Set when positions are printed: the snippet origin to make them snippet-relative.
    var origin: (firstLine: Int, indent: Int)?

    /// Appends `lineno`, `col_offset`, `end_lineno`, `end_col_offset` inside the node just printed.
    mutating func attributes(_ range: SourceRange) {
        guard let origin, text.last == ")" else { return }
        text.removeLast()
        if text.last != "(" { text += ", " }
        let line = range.start.line - origin.firstLine + 1
        let column = range.start.column - origin.indent - 1
        let endLine = range.end.line - origin.firstLine + 1
        let endColumn = range.end.column - origin.indent - 1
        text += "lineno=\(line), col_offset=\(column), end_lineno=\(endLine), end_col_offset=\(endColumn))"
    }

    mutating func list<T>(_ items: [T], _ each: (inout DumpPrinter, T) -> Void) {
        text += "["
        for (offset, item) in items.enumerated() {
            if offset > 0 { text += ", " }
            each(&self, item)
        }
        text += "]"
    }

    mutating func statements(_ body: [Stmt]) { list(body) { $0.statement($1) } }
    mutating func expressions(_ items: [Expr]) { list(items) { $0.expression($1) } }

    mutating func strings(_ items: [String]) { list(items) { $0.text += PythonRepr.string($1) } }

    /// `, name=value` for an optional field that is set; nothing when it is `None`.
    mutating func optional(_ name: String, _ value: Expr?) {
        guard let value else { return }
        text += ", \(name)="
        expression(value)
    }

    mutating func optionalString(_ name: String, _ value: String?) {
        guard let value else { return }
        text += ", \(name)=" + PythonRepr.string(value)
    }
}
