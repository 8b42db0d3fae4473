/// Statements: simple ones joined by `;`, compound ones with indented blocks.
extension Parser {
    mutating func parseModule() throws(PythonSyntaxError) -> Module {
        var body: [Stmt] = []
        while kind != .endMarker {
            if kind == .newline { advance(); continue }
            try parseStatement(into: &body)
        }
        return Module(body: body)
    }

    /// One compound statement, or a line of simple statements, appended to `body`.
    mutating func parseStatement(into body: inout [Stmt]) throws(PythonSyntaxError) {
        switch kind {
        case .kwDef, .kwIf, .kwClass, .kwWith, .kwFor, .kwTry, .kwWhile, .at:
            body.append(try parseCompoundStatement())
        case .kwAsync where [.kwDef, .kwWith, .kwFor].contains(peekKind()):
            body.append(try parseCompoundStatement())
        case .name where isName("match"):
            let saved = index
            if let match = try parseMatchStatementIfPresent() {
                body.append(match)
                return
            }
            index = saved
            try parseSimpleStatements(into: &body)
        case .indent:
            throw PythonSyntaxError(.indentation, "unexpected indent", line: current.line, column: current.column)
        case .dedent:
            throw PythonSyntaxError(.indentation, "unindent does not match any outer indentation level",
                                    line: current.line, column: current.column)
        default:
            try parseSimpleStatements(into: &body)
        }
    }

    mutating func parseSimpleStatements(into statements: inout [Stmt]) throws(PythonSyntaxError) {
        statements.append(try parseSimpleStatement())
        while accept(.semi) {
            if kind == .newline { break }
            statements.append(try parseSimpleStatement())
        }
        guard accept(.newline) else { throw errorExpected("end of line") }
    }

    /// A block after `:`: an indented suite, or simple statements on the same line.
    mutating func parseBlock(after what: String, line: Int) throws(PythonSyntaxError) -> [Stmt] {
        guard accept(.newline) else {
            var statements: [Stmt] = []
            try parseSimpleStatements(into: &statements)
            return statements
        }
        guard accept(.indent) else {
            throw PythonSyntaxError(.indentation, "expected an indented block after \(what) on line \(line)",
                                    line: current.line, column: current.column)
        }
        var body: [Stmt] = []
        while kind != .dedent && kind != .endMarker {
            try parseStatement(into: &body)
        }
        advance()
        return body
    }

    private mutating func parseColonBlock(after what: String, line: Int) throws(PythonSyntaxError) -> [Stmt] {
        try expect(.colon, "':'")
        return try parseBlock(after: what, line: line)
    }

    // MARK: - Simple statements

    mutating func parseSimpleStatement() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        switch kind {
        case .kwPass: advance(); return Stmt(.pass, range(from: start))
        case .kwBreak: advance(); return Stmt(.break, range(from: start))
        case .kwContinue: advance(); return Stmt(.continue, range(from: start))
        case .kwReturn:
            advance()
            let value = startsExpression(kind) || kind == .star ? try parseStarExpressions() : nil
            return Stmt(.return(value: value), range(from: start))
        case .kwRaise:
            advance()
            guard startsExpression(kind) else { return Stmt(.raise(exc: nil, cause: nil), range(from: start)) }
            let exception = try parseExpression()
            let cause = accept(.kwFrom) ? try parseExpression() : nil
            return Stmt(.raise(exc: exception, cause: cause), range(from: start))
        case .kwGlobal, .kwNonlocal:
            let isGlobal = kind == .kwGlobal
            advance()
            var names = [try name()]
            while accept(.comma) { names.append(try name()) }
            return Stmt(isGlobal ? .global(names: names) : .nonlocal(names: names), range(from: start))
        case .kwDel:
            advance()
            let targets = try parseDeleteTargets()
            return Stmt(.delete(targets: targets), range(from: start))
        case .kwAssert:
            advance()
            let test = try parseExpression()
            let message = accept(.comma) ? try parseExpression() : nil
            return Stmt(.assert(test: test, msg: message), range(from: start))
        case .kwImport:
            return try parseImport()
        case .kwFrom:
            return try parseFromImport()
        default:
            return try parseExpressionStatement()
        }
    }

    private mutating func parseDeleteTargets() throws(PythonSyntaxError) -> [Expr] {
        var targets: [Expr] = []
        repeat {
            if kind == .newline || kind == .semi { break }
            let target = try parseBitwiseOr()
            targets.append(try withContext(target, .del))
        } while accept(.comma)
        guard !targets.isEmpty else { throw errorExpected("a target to delete") }
        return targets
    }

    /// Assignment (plain, chained, augmented, annotated) or an expression statement.
    private mutating func parseExpressionStatement() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        let startsWithParenthesis = kind == .lpar
        let first = kind == .kwYield ? try parseYield() : try parseStarExpressions()
        if kind == .colon {
            advance()
            let target: Expr
            switch first.kind {
            case .name, .attribute, .subscript: target = try withContext(first, .store)
            case .tuple: throw error("only single target (not tuple) can be annotated", at: first.range.start)
            case .list: throw error("only single target (not list) can be annotated", at: first.range.start)
            default: throw error("illegal target for annotation", at: first.range.start)
            }
            let annotation = try parseExpression()
            var value: Expr?
            if accept(.equal) { value = kind == .kwYield ? try parseYield() : try parseStarExpressions() }
            var isSimple = false
            if case .name = first.kind, !startsWithParenthesis { isSimple = true }
            return Stmt(.annAssign(target: target, annotation: annotation, value: value, simple: isSimple), range(from: start))
        }
        if let op = augmentedOperator() {
            switch first.kind {
            case .name, .attribute, .subscript: break
            default:
                throw error("'\(describeForError(first))' is an illegal expression for augmented assignment", at: first.range.start)
            }
            advance()
            let target = try withContext(first, .store)
            let value = kind == .kwYield ? try parseYield() : try parseStarExpressions()
            return Stmt(.augAssign(target: target, op: op, value: value), range(from: start))
        }
        guard kind == .equal else {
            if case .starred = first.kind { throw error("can't use starred expression here", at: first.range.start) }
            return Stmt(.expr(value: first), range(from: start))
        }
        var chain = [first]
        while accept(.equal) {
            chain.append(kind == .kwYield ? try parseYield() : try parseStarExpressions())
        }
        let value = chain.removeLast()
        let targets = try chain.map { (target) throws(PythonSyntaxError) in try withContext(target, .store) }
        return Stmt(.assign(targets: targets, value: value), range(from: start))
    }

    private func augmentedOperator() -> BinaryOperator? {
        switch kind {
        case .plusEqual: .add
        case .minusEqual: .sub
        case .starEqual: .mult
        case .atEqual: .matMult
        case .slashEqual: .div
        case .percentEqual: .mod
        case .amperEqual: .bitAnd
        case .vbarEqual: .bitOr
        case .circumflexEqual: .bitXor
        case .leftShiftEqual: .lShift
        case .rightShiftEqual: .rShift
        case .doubleStarEqual: .pow
        case .doubleSlashEqual: .floorDiv
        default: nil
        }
    }

    private mutating func dottedName() throws(PythonSyntaxError) -> String {
        var dotted = try name("a module name")
        while kind == .dot, peekKind() == .name {
            advance()
            dotted += "." + text(of: current)
            advance()
        }
        return dotted
    }

    private mutating func parseImport() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        advance()
        var names: [Alias] = []
        repeat {
            let aliasStart = startOfCurrent
            let module = try dottedName()
            let asname = accept(.kwAs) ? try name("a name after 'as'") : nil
            names.append(Alias(name: module, asname: asname, range: range(from: aliasStart)))
        } while accept(.comma)
        return Stmt(.import(names: names), range(from: start))
    }

    private mutating func parseFromImport() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        advance()
        var level = 0
        while kind == .dot || kind == .ellipsis {
            level += kind == .dot ? 1 : 3
            advance()
        }
        var module: String?
        if kind != .kwImport || level == 0 { module = try dottedName() }
        try expect(.kwImport, "'import'")
        var names: [Alias] = []
        if kind == .star {
            let aliasStart = startOfCurrent
            advance()
            names.append(Alias(name: "*", asname: nil, range: range(from: aliasStart)))
            return Stmt(.importFrom(module: module, names: names, level: level), range(from: start))
        }
        let parenthesized = accept(.lpar)
        repeat {
            if parenthesized, kind == .rpar, !names.isEmpty { break }
            let aliasStart = startOfCurrent
            let imported = try name("a name to import")
            let asname = accept(.kwAs) ? try name("a name after 'as'") : nil
            names.append(Alias(name: imported, asname: asname, range: range(from: aliasStart)))
        } while accept(.comma)
        if parenthesized {
            try expect(.rpar, "')'")
        } else if tokens[index - 1].kind == .comma {
            throw error("trailing comma not allowed without surrounding parentheses", at: tokens[index - 1])
        }
        return Stmt(.importFrom(module: module, names: names, level: level), range(from: start))
    }

    // MARK: - Compound statements

    private mutating func parseCompoundStatement() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        switch kind {
        case .at: return try parseDecorated()
        case .kwDef: return try parseFunction(decorators: [], start: start, isAsync: false)
        case .kwClass: return try parseClass(decorators: [], start: start)
        case .kwIf: return try parseIf()
        case .kwWhile: return try parseWhile()
        case .kwFor: return try parseFor(start: start, isAsync: false)
        case .kwWith: return try parseWith(start: start, isAsync: false)
        case .kwTry: return try parseTry()
        default:
            advance()
            switch kind {
            case .kwDef: return try parseFunction(decorators: [], start: start, isAsync: true)
            case .kwFor: return try parseFor(start: start, isAsync: true)
            default: return try parseWith(start: start, isAsync: true)
            }
        }
    }

    private mutating func parseDecorated() throws(PythonSyntaxError) -> Stmt {
        var decorators: [Expr] = []
        while accept(.at) {
            decorators.append(try parseNamedExpression())
            guard accept(.newline) else { throw errorExpected("end of line after the decorator") }
        }
        let start = startOfCurrent
        switch kind {
        case .kwDef: return try parseFunction(decorators: decorators, start: start, isAsync: false)
        case .kwClass: return try parseClass(decorators: decorators, start: start)
        case .kwAsync where peekKind() == .kwDef:
            advance()
            return try parseFunction(decorators: decorators, start: start, isAsync: true)
        default: throw errorExpected("'def' or 'class' after decorators")
        }
    }

    private mutating func parseFunction(decorators: [Expr], start: Position, isAsync: Bool) throws(PythonSyntaxError) -> Stmt {
        let line = current.line + lineOffset
        advance()
        let functionName = try name("a function name")
        try expect(.lpar, "'(' after the function name")
        let arguments = try parseParameters(closing: .rpar, allowAnnotations: true)
        try expect(.rpar, "')' to close the parameters")
        let returns = accept(.rarrow) ? try parseExpression() : nil
        let body = try parseColonBlock(after: "function definition", line: line)
        let definition = FunctionDef(name: functionName, args: arguments, body: body, decoratorList: decorators, returns: returns)
        return Stmt(isAsync ? .asyncFunctionDef(definition) : .functionDef(definition), blockRange(from: start, body))
    }

    private mutating func parseClass(decorators: [Expr], start: Position) throws(PythonSyntaxError) -> Stmt {
        let line = current.line + lineOffset
        advance()
        let className = try name("a class name")
        var bases: [Expr] = []
        var keywords: [Keyword] = []
        if accept(.lpar) {
            (bases, keywords) = try parseCallArguments()
            try expect(.rpar, "')' to close the base classes")
        }
        let body = try parseColonBlock(after: "class definition", line: line)
        let definition = ClassDef(name: className, bases: bases, keywords: keywords, body: body, decoratorList: decorators)
        return Stmt(.classDef(definition), blockRange(from: start, body))
    }

    private func isLayout(_ kind: TokenKind) -> Bool {
        switch kind {
        case .newline, .indent, .dedent, .endMarker: true
        default: false
        }
    }

    /// From `start` to the end of the last token of the block just read (a trailing `;` included,
    /// as in CPython).
    func blockRange(from start: Position, _ body: [Stmt]) -> SourceRange {
        var last = index - 1
        while last > 0, isLayout(tokens[last].kind) { last -= 1 }
        guard last >= 0, !body.isEmpty else { return SourceRange(start: start, end: body.last?.range.end ?? start) }
        let token = tokens[last]
        return SourceRange(start: start, end: position(line: token.endLine, column: token.endColumn))
    }

    private mutating func parseIf() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        let line = current.line + lineOffset
        let keyword = kind == .kwIf ? "'if' statement" : "'elif' statement"
        advance()
        let test = try parseNamedExpression()
        let body = try parseColonBlock(after: keyword, line: line)
        var orelse: [Stmt] = []
        if kind == .kwElif {
            orelse = [try parseIf()]
        } else if kind == .kwElse {
            let elseLine = current.line + lineOffset
            advance()
            orelse = try parseColonBlock(after: "'else' statement", line: elseLine)
        }
        return Stmt(.if(test: test, body: body, orelse: orelse), blockRange(from: start, orelse.isEmpty ? body : orelse))
    }

    private mutating func parseElse() throws(PythonSyntaxError) -> [Stmt] {
        guard kind == .kwElse else { return [] }
        let line = current.line + lineOffset
        advance()
        return try parseColonBlock(after: "'else' statement", line: line)
    }

    private mutating func parseWhile() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        let line = current.line + lineOffset
        advance()
        let test = try parseNamedExpression()
        let body = try parseColonBlock(after: "'while' statement", line: line)
        let orelse = try parseElse()
        return Stmt(.while(test: test, body: body, orelse: orelse), blockRange(from: start, orelse.isEmpty ? body : orelse))
    }

    private mutating func parseFor(start: Position, isAsync: Bool) throws(PythonSyntaxError) -> Stmt {
        let line = current.line + lineOffset
        advance()
        let target = try parseTargetList(ctx: .store, stopAt: .kwIn)
        try expect(.kwIn, "'in' after the loop target")
        let iterable = try parseStarExpressions()
        let body = try parseColonBlock(after: "'for' statement", line: line)
        let orelse = try parseElse()
        let range = blockRange(from: start, orelse.isEmpty ? body : orelse)
        return Stmt(isAsync ? .asyncFor(target: target, iter: iterable, body: body, orelse: orelse)
                            : .for(target: target, iter: iterable, body: body, orelse: orelse), range)
    }

    private mutating func parseWith(start: Position, isAsync: Bool) throws(PythonSyntaxError) -> Stmt {
        let line = current.line + lineOffset
        advance()
        var items: [WithItem]
        if kind == .lpar, let parenthesized = try? parseParenthesizedWithItems() {
            items = parenthesized
        } else {
            items = []
            repeat { items.append(try parseWithItem()) } while accept(.comma)
        }
        let body = try parseColonBlock(after: "'with' statement", line: line)
        return Stmt(isAsync ? .asyncWith(items: items, body: body) : .with(items: items, body: body), blockRange(from: start, body))
    }

    /// `with (a as b, c):`: succeeds only when the parentheses are followed by `:`; otherwise
    /// the position is restored and the parentheses belong to the first item's expression.
    private mutating func parseParenthesizedWithItems() throws(PythonSyntaxError) -> [WithItem] {
        let saved = index
        let savedNesting = nesting
        do throws(PythonSyntaxError) {
            advance()
            var items: [WithItem] = []
            repeat {
                if kind == .rpar, !items.isEmpty { break }
                items.append(try parseWithItem())
            } while accept(.comma)
            try expect(.rpar, "')'")
            guard kind == .colon else { throw error("not a parenthesized with") }
            return items
        } catch {
            index = saved
            nesting = savedNesting
            throw error
        }
    }

    private mutating func parseWithItem() throws(PythonSyntaxError) -> WithItem {
        let context = try parseExpression()
        guard accept(.kwAs) else { return WithItem(contextExpr: context, optionalVars: nil) }
        let target = try withContext(try parseStarTargetAtom(), .store)
        return WithItem(contextExpr: context, optionalVars: target)
    }

    /// One target (`star_target`): `*name`, a name, attribute, subscript or bracketed list.
    private mutating func parseStarTargetAtom() throws(PythonSyntaxError) -> Expr {
        guard kind == .star else { return try parseBitwiseOr() }
        let start = startOfCurrent
        advance()
        let value = try parseBitwiseOr()
        return Expr(.starred(value: value, ctx: .load), range(from: start))
    }

    private mutating func parseTry() throws(PythonSyntaxError) -> Stmt {
        let start = startOfCurrent
        let line = current.line + lineOffset
        advance()
        let body = try parseColonBlock(after: "'try' statement", line: line)
        var handlers: [ExceptHandler] = []
        var sawStar: Bool?
        while kind == .kwExcept {
            let handlerStart = startOfCurrent
            let handlerLine = current.line + lineOffset
            advance()
            let isStar = accept(.star)
            if let sawStar, sawStar != isStar {
                throw error("cannot have both 'except' and 'except*' on the same 'try'", at: handlerStart)
            }
            sawStar = isStar
            var type: Expr?
            var handlerName: String?
            if kind != .colon {
                type = try parseExpression()
                if kind == .comma { throw error("multiple exception types must be parenthesized", at: type?.range.start ?? handlerStart) }
                if accept(.kwAs) { handlerName = try name("a name after 'as'") }
            } else if isStar {
                throw error("expected one or more exception types")
            }
            let handlerBody = try parseColonBlock(after: isStar ? "'except*' statement" : "'except' statement", line: handlerLine)
            handlers.append(ExceptHandler(type: type, name: handlerName, body: handlerBody, range: blockRange(from: handlerStart, handlerBody)))
        }
        let orelse = handlers.isEmpty ? [] : try parseElse()
        var finalbody: [Stmt] = []
        if kind == .kwFinally {
            let finallyLine = current.line + lineOffset
            advance()
            finalbody = try parseColonBlock(after: "'finally' statement", line: finallyLine)
        }
        if handlers.isEmpty && finalbody.isEmpty { throw errorExpected("'except' or 'finally' block") }
        let last = !finalbody.isEmpty ? finalbody : !orelse.isEmpty ? orelse : handlers.last?.body ?? body
        let block = TryBlock(body: body, handlers: handlers, orelse: orelse, finalbody: finalbody)
        return Stmt(sawStar == true ? .tryStar(block) : .try(block), blockRange(from: start, last))
    }
}
