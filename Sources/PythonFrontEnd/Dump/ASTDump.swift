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
        var printer = Printer()
        printer.origin = origin
        printer.text += "Module(body="
        printer.statements(module.body)
        printer.text += ", type_ignores=[])"
        return printer.text
    }

    public static func dump(_ expression: Expr) -> String {
        var printer = Printer()
        printer.expression(expression)
        return printer.text
    }
}

private struct Printer {
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

    mutating func list<T>(_ items: [T], _ each: (inout Printer, T) -> Void) {
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

    // MARK: - Statements

    mutating func statement(_ statement: Stmt) {
        statementFields(statement)
        attributes(statement.range)
    }

    mutating func statementFields(_ statement: Stmt) {
        switch statement.kind {
        case .functionDef(let definition): function("FunctionDef", definition)
        case .asyncFunctionDef(let definition): function("AsyncFunctionDef", definition)
        case .classDef(let definition):
            text += "ClassDef(name=" + PythonRepr.string(definition.name) + ", bases="
            expressions(definition.bases)
            text += ", keywords="
            keywords(definition.keywords)
            text += ", body="
            statements(definition.body)
            text += ", decorator_list="
            expressions(definition.decoratorList)
            text += ")"
        case .return(let value):
            text += "Return("
            if let value { text += "value="; expression(value) }
            text += ")"
        case .delete(let targets):
            text += "Delete(targets="
            expressions(targets)
            text += ")"
        case .assign(let targets, let value):
            text += "Assign(targets="
            expressions(targets)
            text += ", value="
            expression(value)
            text += ")"
        case .augAssign(let target, let op, let value):
            text += "AugAssign(target="
            expression(target)
            text += ", op=\(op.rawValue)(), value="
            expression(value)
            text += ")"
        case .annAssign(let target, let annotation, let value, let simple):
            text += "AnnAssign(target="
            expression(target)
            text += ", annotation="
            expression(annotation)
            optional("value", value)
            text += ", simple=\(simple ? 1 : 0))"
        case .for(let target, let iter, let body, let orelse): loop("For", target, iter, body, orelse)
        case .asyncFor(let target, let iter, let body, let orelse): loop("AsyncFor", target, iter, body, orelse)
        case .while(let test, let body, let orelse): conditional("While", test, body, orelse)
        case .if(let test, let body, let orelse): conditional("If", test, body, orelse)
        case .with(let items, let body): with("With", items, body)
        case .asyncWith(let items, let body): with("AsyncWith", items, body)
        case .match(let subject, let cases):
            text += "Match(subject="
            expression(subject)
            text += ", cases="
            list(cases) { $0.matchCase($1) }
            text += ")"
        case .raise(let exception, let cause):
            text += "Raise("
            if let exception { text += "exc="; expression(exception) }
            if let cause {
                if exception != nil { text += ", " }
                text += "cause="
                expression(cause)
            }
            text += ")"
        case .try(let block): tryBlock("Try", block)
        case .tryStar(let block): tryBlock("TryStar", block)
        case .assert(let test, let message):
            text += "Assert(test="
            expression(test)
            optional("msg", message)
            text += ")"
        case .import(let names):
            text += "Import(names="
            aliases(names)
            text += ")"
        case .importFrom(let module, let names, let level):
            text += "ImportFrom("
            if let module { text += "module=" + PythonRepr.string(module) + ", " }
            text += "names="
            aliases(names)
            text += ", level=\(level))"
        case .global(let names):
            text += "Global(names="
            strings(names)
            text += ")"
        case .nonlocal(let names):
            text += "Nonlocal(names="
            strings(names)
            text += ")"
        case .expr(let value):
            text += "Expr(value="
            expression(value)
            text += ")"
        case .pass: text += "Pass()"
        case .break: text += "Break()"
        case .continue: text += "Continue()"
        }
    }

    mutating func function(_ name: String, _ definition: FunctionDef) {
        text += name + "(name=" + PythonRepr.string(definition.name) + ", args="
        arguments(definition.args)
        text += ", body="
        statements(definition.body)
        text += ", decorator_list="
        expressions(definition.decoratorList)
        optional("returns", definition.returns)
        text += ")"
    }

    mutating func loop(_ name: String, _ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]) {
        text += name + "(target="
        expression(target)
        text += ", iter="
        expression(iter)
        text += ", body="
        statements(body)
        text += ", orelse="
        statements(orelse)
        text += ")"
    }

    mutating func conditional(_ name: String, _ test: Expr, _ body: [Stmt], _ orelse: [Stmt]) {
        text += name + "(test="
        expression(test)
        text += ", body="
        statements(body)
        text += ", orelse="
        statements(orelse)
        text += ")"
    }

    mutating func with(_ name: String, _ items: [WithItem], _ body: [Stmt]) {
        text += name + "(items="
        list(items) { printer, item in
            printer.text += "withitem(context_expr="
            printer.expression(item.contextExpr)
            printer.optional("optional_vars", item.optionalVars)
            printer.text += ")"
        }
        text += ", body="
        statements(body)
        text += ")"
    }

    mutating func tryBlock(_ name: String, _ block: TryBlock) {
        text += name + "(body="
        statements(block.body)
        text += ", handlers="
        list(block.handlers) { printer, handler in
            printer.text += "ExceptHandler("
            if let type = handler.type {
                printer.text += "type="
                printer.expression(type)
                printer.text += ", "
            }
            if let name = handler.name { printer.text += "name=" + PythonRepr.string(name) + ", " }
            printer.text += "body="
            printer.statements(handler.body)
            printer.text += ")"
            printer.attributes(handler.range)
        }
        text += ", orelse="
        statements(block.orelse)
        text += ", finalbody="
        statements(block.finalbody)
        text += ")"
    }

    mutating func aliases(_ names: [Alias]) {
        list(names) { printer, alias in
            printer.text += "alias(name=" + PythonRepr.string(alias.name)
            printer.optionalString("asname", alias.asname)
            printer.text += ")"
            printer.attributes(alias.range)
        }
    }

    mutating func keywords(_ items: [Keyword]) {
        list(items) { printer, keyword in
            printer.text += "keyword("
            if let arg = keyword.arg { printer.text += "arg=" + PythonRepr.string(arg) + ", " }
            printer.text += "value="
            printer.expression(keyword.value)
            printer.text += ")"
            printer.attributes(keyword.range)
        }
    }

    mutating func arguments(_ arguments: Arguments) {
        text += "arguments(posonlyargs="
        args(arguments.posonlyargs)
        text += ", args="
        args(arguments.args)
        if let vararg = arguments.vararg { text += ", vararg="; arg(vararg) }
        text += ", kwonlyargs="
        args(arguments.kwonlyargs)
        text += ", kw_defaults="
        list(arguments.kwDefaults) { printer, value in
            if let value { printer.expression(value) } else { printer.text += "None" }
        }
        if let kwarg = arguments.kwarg { text += ", kwarg="; arg(kwarg) }
        text += ", defaults="
        expressions(arguments.defaults)
        text += ")"
    }

    mutating func args(_ items: [Arg]) { list(items) { $0.arg($1) } }

    mutating func arg(_ parameter: Arg) {
        text += "arg(arg=" + PythonRepr.string(parameter.arg)
        optional("annotation", parameter.annotation)
        text += ")"
        attributes(parameter.range)
    }

    mutating func matchCase(_ matchCase: MatchCase) {
        text += "match_case(pattern="
        pattern(matchCase.pattern)
        optional("guard", matchCase.guardExpr)
        text += ", body="
        statements(matchCase.body)
        text += ")"
    }

    mutating func pattern(_ pattern: Pattern) {
        patternFields(pattern)
        attributes(pattern.range)
    }

    mutating func patternFields(_ pattern: Pattern) {
        switch pattern.kind {
        case .matchValue(let value):
            text += "MatchValue(value="
            expression(value)
            text += ")"
        case .matchSingleton(let value):
            text += "MatchSingleton(value=" + PythonRepr.constant(value) + ")"
        case .matchSequence(let patterns):
            text += "MatchSequence(patterns="
            list(patterns) { $0.pattern($1) }
            text += ")"
        case .matchMapping(let keys, let patterns, let rest):
            text += "MatchMapping(keys="
            expressions(keys)
            text += ", patterns="
            list(patterns) { $0.pattern($1) }
            optionalString("rest", rest)
            text += ")"
        case .matchClass(let cls, let patterns, let kwdAttrs, let kwdPatterns):
            text += "MatchClass(cls="
            expression(cls)
            text += ", patterns="
            list(patterns) { $0.pattern($1) }
            text += ", kwd_attrs="
            strings(kwdAttrs)
            text += ", kwd_patterns="
            list(kwdPatterns) { $0.pattern($1) }
            text += ")"
        case .matchStar(let name):
            text += "MatchStar("
            if let name { text += "name=" + PythonRepr.string(name) }
            text += ")"
        case .matchAs(let inner, let name):
            text += "MatchAs("
            if let inner {
                text += "pattern="
                self.pattern(inner)
                if name != nil { text += ", " }
            }
            if let name { text += "name=" + PythonRepr.string(name) }
            text += ")"
        case .matchOr(let patterns):
            text += "MatchOr(patterns="
            list(patterns) { $0.pattern($1) }
            text += ")"
        }
    }

    // MARK: - Expressions

    mutating func expression(_ expression: Expr) {
        expressionFields(expression)
        attributes(expression.range)
    }

    mutating func expressionFields(_ expression: Expr) {
        switch expression.kind {
        case .boolOp(let op, let values):
            text += "BoolOp(op=\(op.rawValue)(), values="
            expressions(values)
            text += ")"
        case .namedExpr(let target, let value):
            text += "NamedExpr(target="
            self.expression(target)
            text += ", value="
            self.expression(value)
            text += ")"
        case .binOp(let left, let op, let right):
            text += "BinOp(left="
            self.expression(left)
            text += ", op=\(op.rawValue)(), right="
            self.expression(right)
            text += ")"
        case .unaryOp(let op, let operand):
            text += "UnaryOp(op=\(op.rawValue)(), operand="
            self.expression(operand)
            text += ")"
        case .lambda(let args, let body):
            text += "Lambda(args="
            arguments(args)
            text += ", body="
            self.expression(body)
            text += ")"
        case .ifExp(let test, let body, let orelse):
            text += "IfExp(test="
            self.expression(test)
            text += ", body="
            self.expression(body)
            text += ", orelse="
            self.expression(orelse)
            text += ")"
        case .dict(let keys, let values):
            text += "Dict(keys="
            list(keys) { printer, key in
                if let key { printer.expression(key) } else { printer.text += "None" }
            }
            text += ", values="
            expressions(values)
            text += ")"
        case .set(let elements):
            text += "Set(elts="
            expressions(elements)
            text += ")"
        case .listComp(let element, let generators): comprehension("ListComp", element, generators)
        case .setComp(let element, let generators): comprehension("SetComp", element, generators)
        case .generatorExp(let element, let generators): comprehension("GeneratorExp", element, generators)
        case .dictComp(let key, let value, let generators):
            text += "DictComp(key="
            self.expression(key)
            text += ", value="
            self.expression(value)
            text += ", generators="
            comprehensions(generators)
            text += ")"
        case .await(let value):
            text += "Await(value="
            self.expression(value)
            text += ")"
        case .yield(let value):
            text += "Yield("
            if let value { text += "value="; self.expression(value) }
            text += ")"
        case .yieldFrom(let value):
            text += "YieldFrom(value="
            self.expression(value)
            text += ")"
        case .compare(let left, let ops, let comparators):
            text += "Compare(left="
            self.expression(left)
            text += ", ops="
            list(ops) { $0.text += $1.rawValue + "()" }
            text += ", comparators="
            expressions(comparators)
            text += ")"
        case .call(let function, let args, let keywords):
            text += "Call(func="
            self.expression(function)
            text += ", args="
            expressions(args)
            text += ", keywords="
            self.keywords(keywords)
            text += ")"
        case .formattedValue(let value, let conversion, let formatSpec):
            text += "FormattedValue(value="
            self.expression(value)
            text += ", conversion=\(conversion)"
            optional("format_spec", formatSpec)
            text += ")"
        case .joinedStr(let values):
            text += "JoinedStr(values="
            expressions(values)
            text += ")"
        case .constant(let value):
            text += "Constant(value=" + PythonRepr.constant(value)
            switch value {
            case .string(_, true), .surrogateString(_, true): text += ", kind='u'"
            default: break
            }
            text += ")"
        case .attribute(let value, let attr, let ctx):
            text += "Attribute(value="
            self.expression(value)
            text += ", attr=" + PythonRepr.string(attr) + ", ctx=\(ctx.rawValue)())"
        case .subscript(let value, let slice, let ctx):
            text += "Subscript(value="
            self.expression(value)
            text += ", slice="
            self.expression(slice)
            text += ", ctx=\(ctx.rawValue)())"
        case .starred(let value, let ctx):
            text += "Starred(value="
            self.expression(value)
            text += ", ctx=\(ctx.rawValue)())"
        case .name(let id, let ctx):
            text += "Name(id=" + PythonRepr.string(id) + ", ctx=\(ctx.rawValue)())"
        case .list(let elements, let ctx):
            text += "List(elts="
            expressions(elements)
            text += ", ctx=\(ctx.rawValue)())"
        case .tuple(let elements, let ctx):
            text += "Tuple(elts="
            expressions(elements)
            text += ", ctx=\(ctx.rawValue)())"
        case .slice(let lower, let upper, let step):
            text += "Slice("
            var first = true
            for (name, value) in [("lower", lower), ("upper", upper), ("step", step)] {
                guard let value else { continue }
                if !first { text += ", " }
                first = false
                text += name + "="
                self.expression(value)
            }
            text += ")"
        }
    }

    mutating func comprehension(_ name: String, _ element: Expr, _ generators: [Comprehension]) {
        text += name + "(elt="
        expression(element)
        text += ", generators="
        comprehensions(generators)
        text += ")"
    }

    mutating func comprehensions(_ generators: [Comprehension]) {
        list(generators) { printer, generator in
            printer.text += "comprehension(target="
            printer.expression(generator.target)
            printer.text += ", iter="
            printer.expression(generator.iter)
            printer.text += ", ifs="
            printer.expressions(generator.ifs)
            printer.text += ", is_async=\(generator.isAsync ? 1 : 0))"
        }
    }
}
