/// Compound statements: definitions, decorators, conditionals, loops, `with` and `try`.
extension Parser {
    mutating func parseCompoundStatement() throws(PythonSyntaxError) -> Stmt {
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
