/// Turning expressions into assignment and deletion targets, with CPython's refusals.
extension Parser {
    /// The expression with `ctx` set on it and, for tuples, lists and starred items, inside it.
    func withContext(_ expression: Expr, _ ctx: ExprContext) throws(PythonSyntaxError) -> Expr {
        var result = expression
        switch expression.kind {
        case .name(let id, _):
            result.kind = .name(id: id, ctx: ctx)
        case .attribute(let value, let attr, _):
            result.kind = .attribute(value: value, attr: attr, ctx: ctx)
        case .subscript(let value, let slice, _):
            result.kind = .subscript(value: value, slice: slice, ctx: ctx)
        case .tuple(let elements, _):
            result.kind = .tuple(elts: try elements.map { (element) throws(PythonSyntaxError) in try withContext(element, ctx) }, ctx: ctx)
        case .list(let elements, _):
            result.kind = .list(elts: try elements.map { (element) throws(PythonSyntaxError) in try withContext(element, ctx) }, ctx: ctx)
        case .starred(let value, _) where ctx == .store:
            result.kind = .starred(value: try withContext(value, ctx), ctx: ctx)
        default:
            let verb = ctx == .del ? "delete" : "assign to"
            var message = "cannot \(verb) \(describeForError(expression))"
            if ctx == .store, case .compare = expression.kind { message += " here. Maybe you meant '==' instead of '='?" }
            throw error(message, at: expression.range.start)
        }
        return result
    }

    /// CPython's wording for what an expression is, in "cannot assign to …" messages.
    func describeForError(_ expression: Expr) -> String {
        switch expression.kind {
        case .boolOp, .binOp, .unaryOp: "expression"
        case .namedExpr: "named expression"
        case .lambda: "lambda"
        case .ifExp: "conditional expression"
        case .dict: "dict literal"
        case .set: "set display"
        case .listComp: "list comprehension"
        case .setComp: "set comprehension"
        case .dictComp: "dict comprehension"
        case .generatorExp: "generator expression"
        case .await: "await expression"
        case .yield, .yieldFrom: "yield expression"
        case .compare: "comparison"
        case .call: "function call"
        case .formattedValue, .joinedStr: "f-string expression"
        case .constant(let value):
            switch value {
            case .none: "None"
            case .bool(true): "True"
            case .bool(false): "False"
            case .ellipsis: "ellipsis"
            default: "literal"
            }
        case .attribute: "attribute"
        case .subscript: "subscript"
        case .starred: "starred"
        case .name: "name"
        case .list: "list"
        case .tuple: "tuple"
        case .slice: "slice"
        }
    }
}
