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

    mutating func parseColonBlock(after what: String, line: Int) throws(PythonSyntaxError) -> [Stmt] {
        try expect(.colon, "':'")
        return try parseBlock(after: what, line: line)
    }

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
}
