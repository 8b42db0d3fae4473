/// The `match` statement and its patterns.
extension Parser {
    /// A `match` statement when `match subject:` and a line end follow; nil when `match` is a name.
    mutating func parseMatchStatementIfPresent() throws(PythonSyntaxError) -> Stmt? {
        let start = startOfCurrent
        let line = current.line + lineOffset
        advance()
        guard startsExpression(kind) || kind == .star else { return nil }
        let subject: Expr
        do throws(PythonSyntaxError) {
            subject = try parseMatchSubject()
        } catch {
            return nil
        }
        guard kind == .colon, peekKind() == .newline else { return nil }
        advance()
        advance()
        guard accept(.indent) else {
            throw PythonSyntaxError(.indentation, "expected an indented block after 'match' statement on line \(line)",
                                    line: current.line, column: current.column)
        }
        var cases: [MatchCase] = []
        while isName("case") {
            cases.append(try parseCase())
        }
        if cases.isEmpty { throw errorExpected("'case' block") }
        guard accept(.dedent) || kind == .endMarker else { throw errorExpected("'case' block") }
        let last = cases[cases.count - 1].body
        return Stmt(.match(subject: subject, cases: cases), blockRange(from: start, last))
    }

    private mutating func parseMatchSubject() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let first = try parseStarNamedExpression()
        guard kind == .comma else {
            if case .starred = first.kind { throw error("cannot use starred expression here", at: first.range.start) }
            return first
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .colon { break }
            elements.append(try parseStarNamedExpression())
        }
        return Expr(.tuple(elts: elements, ctx: .load), range(from: start))
    }

    private mutating func parseCase() throws(PythonSyntaxError) -> MatchCase {
        let line = current.line + lineOffset
        advance()
        let pattern = try parseTopPattern()
        let guardExpr = accept(.kwIf) ? try parseNamedExpression() : nil
        try expect(.colon, "':'")
        let body = try parseBlock(after: "'case' statement", line: line)
        return MatchCase(pattern: pattern, guardExpr: guardExpr, body: body)
    }

    /// `patterns`: an open sequence (`case a, b:`) or one pattern.
    private mutating func parseTopPattern() throws(PythonSyntaxError) -> Pattern {
        let start = startOfCurrent
        let first = try parseMaybeStarPattern()
        guard kind == .comma else {
            if case .matchStar = first.kind { throw error("invalid pattern: a star pattern must be inside a sequence", at: start) }
            return first
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .colon || kind == .kwIf { break }
            elements.append(try parseMaybeStarPattern())
        }
        return Pattern(.matchSequence(patterns: elements), range(from: start))
    }

    private mutating func parseMaybeStarPattern() throws(PythonSyntaxError) -> Pattern {
        guard kind == .star else { return try parsePattern() }
        let start = startOfCurrent
        advance()
        let captured = try name("a name after '*'")
        return Pattern(.matchStar(name: captured == "_" ? nil : captured), range(from: start))
    }

    private mutating func parsePattern() throws(PythonSyntaxError) -> Pattern {
        try enterNesting()
        defer { leaveNesting() }
        let start = startOfCurrent
        let pattern = try parseOrPattern()
        guard accept(.kwAs) else { return pattern }
        let target = try name("a name after 'as'")
        if target == "_" { throw error("cannot use '_' as a target", at: tokens[index - 1]) }
        return Pattern(.matchAs(pattern: pattern, name: target), range(from: start))
    }

    private mutating func parseOrPattern() throws(PythonSyntaxError) -> Pattern {
        let start = startOfCurrent
        let first = try parseClosedPattern()
        guard kind == .vbar else { return first }
        var alternatives = [first]
        while accept(.vbar) { alternatives.append(try parseClosedPattern()) }
        return Pattern(.matchOr(patterns: alternatives), range(from: start))
    }

    private mutating func parseClosedPattern() throws(PythonSyntaxError) -> Pattern {
        let start = startOfCurrent
        switch kind {
        case .number, .minus:
            return Pattern(.matchValue(value: try parseSignedNumberOrComplex()), range(from: start))
        case .string:
            let value = try parseStrings()
            if case .joinedStr = value.kind { throw error("patterns may only match literals and attribute lookups", at: start) }
            return Pattern(.matchValue(value: value), range(from: start))
        case .kwNone: advance(); return Pattern(.matchSingleton(value: .none), range(from: start))
        case .kwTrue: advance(); return Pattern(.matchSingleton(value: .bool(true)), range(from: start))
        case .kwFalse: advance(); return Pattern(.matchSingleton(value: .bool(false)), range(from: start))
        case .lpar:
            advance()
            if accept(.rpar) { return Pattern(.matchSequence(patterns: []), range(from: start)) }
            let first = try parseMaybeStarPattern()
            if accept(.rpar) {
                if case .matchStar = first.kind { return Pattern(.matchSequence(patterns: [first]), range(from: start)) }
                return first
            }
            var elements = [first]
            while accept(.comma) {
                if kind == .rpar { break }
                elements.append(try parseMaybeStarPattern())
            }
            try expect(.rpar, "')' to close the pattern")
            return Pattern(.matchSequence(patterns: elements), range(from: start))
        case .lsqb:
            advance()
            var elements: [Pattern] = []
            while kind != .rsqb {
                elements.append(try parseMaybeStarPattern())
                guard accept(.comma) else { break }
            }
            try expect(.rsqb, "']' to close the pattern")
            return Pattern(.matchSequence(patterns: elements), range(from: start))
        case .lbrace:
            return try parseMappingPattern()
        case .name:
            if isName("_"), peekKind() != .dot, peekKind() != .lpar {
                advance()
                return Pattern(.matchAs(pattern: nil, name: nil), range(from: start))
            }
            let reference = try parseNameOrAttribute()
            if kind == .lpar { return try parseClassPattern(cls: reference, start: start) }
            if case .name(let id, _) = reference.kind { return Pattern(.matchAs(pattern: nil, name: id), range(from: start)) }
            return Pattern(.matchValue(value: reference), range(from: start))
        default:
            throw errorExpected("a pattern")
        }
    }

    private mutating func parseNameOrAttribute() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        var reference = Expr(.name(id: try name(), ctx: .load), range(from: start))
        while accept(.dot) {
            let attribute = try name("an attribute name after '.'")
            reference = Expr(.attribute(value: reference, attr: attribute, ctx: .load), range(from: start))
        }
        return reference
    }

    /// `-1`, `3`, `1 + 2j`, `-1.5 - 3j`: the only arithmetic patterns allow.
    private mutating func parseSignedNumberOrComplex() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        var value = try parseSignedNumber()
        if kind == .plus || kind == .minus {
            let op: BinaryOperator = kind == .plus ? .add : .sub
            advance()
            let imaginaryStart = startOfCurrent
            guard kind == .number else { throw errorExpected("an imaginary number") }
            let token = current
            advance()
            let right = try NumberLiteral.value(of: bytes, token.start, token.end)
            guard case .imaginary = right else { throw error("imaginary number required in complex literal", at: imaginaryStart) }
            value = Expr(.binOp(left: value, op: op, right: Expr(.constant(right), range(from: imaginaryStart))), range(from: start))
        }
        return value
    }

    private mutating func parseSignedNumber() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let negative = accept(.minus)
        guard kind == .number else { throw errorExpected("a number") }
        let token = current
        advance()
        let constant = Expr(.constant(try NumberLiteral.value(of: bytes, token.start, token.end)),
                            SourceRange(start: position(line: token.line, column: token.column), end: endOfPrevious))
        return negative ? Expr(.unaryOp(op: .uSub, operand: constant), range(from: start)) : constant
    }

    private mutating func parseMappingPattern() throws(PythonSyntaxError) -> Pattern {
        let start = startOfCurrent
        advance()
        var keys: [Expr] = []
        var patterns: [Pattern] = []
        var rest: String?
        while kind != .rbrace {
            if rest != nil { throw error("double star pattern must be the last item of a mapping pattern") }
            if accept(.doubleStar) {
                rest = try name("a name after '**'")
            } else {
                let keyStart = startOfCurrent
                let key: Expr
                switch kind {
                case .number, .minus: key = try parseSignedNumberOrComplex()
                case .string: key = try parseStrings()
                case .kwNone: advance(); key = Expr(.constant(.none), range(from: keyStart))
                case .kwTrue: advance(); key = Expr(.constant(.bool(true)), range(from: keyStart))
                case .kwFalse: advance(); key = Expr(.constant(.bool(false)), range(from: keyStart))
                case .name:
                    key = try parseNameOrAttribute()
                    if case .name = key.kind { throw error("mapping pattern keys may only match literals and attribute lookups", at: keyStart) }
                default: throw errorExpected("a mapping pattern key")
                }
                try expect(.colon, "':' after the key")
                keys.append(key)
                patterns.append(try parsePattern())
            }
            guard accept(.comma) else { break }
        }
        try expect(.rbrace, "'}' to close the mapping pattern")
        return Pattern(.matchMapping(keys: keys, patterns: patterns, rest: rest), range(from: start))
    }

    private mutating func parseClassPattern(cls: Expr, start: Position) throws(PythonSyntaxError) -> Pattern {
        advance()
        var patterns: [Pattern] = []
        var keywordNames: [String] = []
        var keywordPatterns: [Pattern] = []
        while kind != .rpar {
            if kind == .name, peekKind() == .equal {
                keywordNames.append(try name())
                advance()
                keywordPatterns.append(try parsePattern())
            } else {
                let patternStart = startOfCurrent
                let pattern = try parsePattern()
                if !keywordNames.isEmpty { throw error("positional patterns follow keyword patterns", at: patternStart) }
                patterns.append(pattern)
            }
            guard accept(.comma) else { break }
        }
        try expect(.rpar, "')' to close the class pattern")
        return Pattern(.matchClass(cls: cls, patterns: patterns, kwdAttrs: keywordNames, kwdPatterns: keywordPatterns), range(from: start))
    }
}
