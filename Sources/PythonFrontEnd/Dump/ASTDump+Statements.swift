/// Statements and the nodes that belong to them, in `ast.dump`'s field order.
extension DumpPrinter {
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
}
