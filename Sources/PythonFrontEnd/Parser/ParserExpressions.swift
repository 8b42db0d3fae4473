/// Expressions, by CPython 3.11's grammar and precedence, from loosest to tightest binding.
extension Parser {
    /// `star_expressions`: one expression, or a tuple when commas follow.
    mutating func parseStarExpressions() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let first = try parseStarExpression()
        guard kind == .comma else { return first }
        var elements = [first]
        while accept(.comma) {
            guard startsExpression(kind) || kind == .star else { break }
            elements.append(try parseStarExpression())
        }
        return Expr(.tuple(elts: elements, ctx: .load), range(from: start))
    }

    /// `star_expression`: `*bitwise_or` or an expression.
    mutating func parseStarExpression() throws(PythonSyntaxError) -> Expr {
        if kind == .star {
            let start = startOfCurrent
            advance()
            let value = try parseBitwiseOr()
            return Expr(.starred(value: value, ctx: .load), range(from: start))
        }
        return try parseExpression()
    }

    /// `star_named_expression`: `*bitwise_or` or a named expression (displays and subjects).
    mutating func parseStarNamedExpression() throws(PythonSyntaxError) -> Expr {
        if kind == .star {
            let start = startOfCurrent
            advance()
            let value = try parseBitwiseOr()
            return Expr(.starred(value: value, ctx: .load), range(from: start))
        }
        return try parseNamedExpression()
    }

    /// `named_expression`: `NAME := expression` or an expression.
    mutating func parseNamedExpression() throws(PythonSyntaxError) -> Expr {
        if kind == .name, peekKind() == .colonEqual {
            let start = startOfCurrent
            let target = Expr(.name(id: text(of: current), ctx: .store), SourceRange(start: start, end: position(line: current.endLine, column: current.endColumn)))
            advance()
            advance()
            let value = try parseExpression()
            return Expr(.namedExpr(target: target, value: value), range(from: start))
        }
        let expression = try parseExpression()
        if kind == .colonEqual {
            throw error("cannot use assignment expressions with \(describeForError(expression))")
        }
        return expression
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction. Chains of conditionals
    /// (`a if b else c if d else e`) are read in a loop, so their length costs no stack.
    mutating func parseExpression() throws(PythonSyntaxError) -> Expr {
        try enterNesting()
        let entryNesting = nesting - 1
        defer { nesting = entryNesting }
        if kind == .kwLambda { return try parseLambda() }
        var pending: [(start: Position, body: Expr, test: Expr)] = []
        var result: Expr
        while true {
            let start = startOfCurrent
            let body = try parseDisjunction()
            guard kind == .kwIf else { result = body; break }
            advance()
            let test = try parseDisjunction()
            guard accept(.kwElse) else { throw errorExpected("'else' after 'if' expression") }
            pending.append((start, body, test))
            try enterNesting()
            if kind == .kwLambda { result = try parseLambda(); break }
        }
        let end = endOfPrevious
        for (start, body, test) in pending.reversed() {
            result = Expr(.ifExp(test: test, body: body, orelse: result), SourceRange(start: start, end: end))
        }
        return result
    }

    mutating func parseLambda() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        advance()
        let arguments = try parseParameters(closing: .colon, allowAnnotations: false)
        try expect(.colon, "':' after lambda parameters")
        let body = try parseExpression()
        return Expr(.lambda(args: arguments, body: body), range(from: start))
    }

    mutating func parseDisjunction() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let first = try parseConjunction()
        guard kind == .kwOr else { return first }
        var values = [first]
        while accept(.kwOr) { values.append(try parseConjunction()) }
        return Expr(.boolOp(op: .or, values: values), range(from: start))
    }

    mutating func parseConjunction() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let first = try parseInversion()
        guard kind == .kwAnd else { return first }
        var values = [first]
        while accept(.kwAnd) { values.append(try parseInversion()) }
        return Expr(.boolOp(op: .and, values: values), range(from: start))
    }

    mutating func parseInversion() throws(PythonSyntaxError) -> Expr {
        guard kind == .kwNot else { return try parseComparison() }
        try enterNesting()
        defer { leaveNesting() }
        let start = startOfCurrent
        advance()
        let operand = try parseInversion()
        return Expr(.unaryOp(op: .not, operand: operand), range(from: start))
    }

    mutating func parseComparison() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let left = try parseBitwiseOr()
        var ops: [CompareOperator] = []
        var comparators: [Expr] = []
        while let op = comparisonOperator() {
            ops.append(op)
            comparators.append(try parseBitwiseOr())
        }
        guard !ops.isEmpty else { return left }
        return Expr(.compare(left: left, ops: ops, comparators: comparators), range(from: start))
    }

    /// Consumes a comparison operator (`not in` and `is not` are two tokens).
    private mutating func comparisonOperator() -> CompareOperator? {
        let op: CompareOperator
        switch kind {
        case .eqEqual: op = .eq
        case .notEqual: op = .notEq
        case .less: op = .lt
        case .lessEqual: op = .ltE
        case .greater: op = .gt
        case .greaterEqual: op = .gtE
        case .kwIn: op = .in
        case .kwNot:
            guard peekKind() == .kwIn else { return nil }
            advance()
            op = .notIn
        case .kwIs:
            if peekKind() == .kwNot {
                advance()
                op = .isNot
            } else {
                op = .is
            }
        default: return nil
        }
        advance()
        return op
    }

    mutating func parseBitwiseOr() throws(PythonSyntaxError) -> Expr {
        try parseBinary(minimumPrecedence: 0)
    }

    /// The left-associative binary operators by precedence climbing: `|` (0), `^` (1), `&` (2),
    /// shifts (3), `+ -` (4), `* / // % @` (5). Each link of a chain deepens the tree, so it counts
    /// towards the nesting bound (as CPython's limit on AST depth).
    private mutating func parseBinary(minimumPrecedence: Int) throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let entryNesting = nesting
        defer { nesting = entryNesting }
        var left = try parseFactor()
        while let (op, precedence) = binaryOperator(), precedence >= minimumPrecedence {
            try enterNesting()
            advance()
            let right = precedence == 5 ? try parseFactor() : try parseBinary(minimumPrecedence: precedence + 1)
            left = Expr(.binOp(left: left, op: op, right: right), range(from: start))
        }
        return left
    }

    private func binaryOperator() -> (BinaryOperator, Int)? {
        switch kind {
        case .vbar: (.bitOr, 0)
        case .circumflex: (.bitXor, 1)
        case .amper: (.bitAnd, 2)
        case .leftShift: (.lShift, 3)
        case .rightShift: (.rShift, 3)
        case .plus: (.add, 4)
        case .minus: (.sub, 4)
        case .star: (.mult, 5)
        case .slash: (.div, 5)
        case .doubleSlash: (.floorDiv, 5)
        case .percent: (.mod, 5)
        case .at: (.matMult, 5)
        default: nil
        }
    }

    mutating func parseFactor() throws(PythonSyntaxError) -> Expr {
        let op: UnaryOperator
        switch kind {
        case .plus: op = .uAdd
        case .minus: op = .uSub
        case .tilde: op = .invert
        default: return try parsePower()
        }
        try enterNesting()
        defer { leaveNesting() }
        let start = startOfCurrent
        advance()
        let operand = try parseFactor()
        return Expr(.unaryOp(op: op, operand: operand), range(from: start))
    }

    /// `a ** b ** c` is right-associative; the chain is read in a loop and folded from the right.
    mutating func parsePower() throws(PythonSyntaxError) -> Expr {
        let baseStart = startOfCurrent
        let base = try parseAwaitPrimary()
        guard kind == .doubleStar else { return base }
        let entryNesting = nesting
        defer { nesting = entryNesting }
        var operands = [(start: baseStart, value: base)]
        while kind == .doubleStar {
            advance()
            try enterNesting()
            let start = startOfCurrent
            if kind == .minus || kind == .plus || kind == .tilde {
                operands.append((start, try parseFactor()))
                break
            }
            operands.append((start, try parseAwaitPrimary()))
        }
        let end = endOfPrevious
        var result = operands[operands.count - 1].value
        for operand in operands.dropLast().reversed() {
            result = Expr(.binOp(left: operand.value, op: .pow, right: result), SourceRange(start: operand.start, end: end))
        }
        return result
    }

    mutating func parseAwaitPrimary() throws(PythonSyntaxError) -> Expr {
        guard kind == .kwAwait else { return try parsePrimary() }
        try enterNesting()
        defer { leaveNesting() }
        let start = startOfCurrent
        advance()
        let value = try parsePrimary()
        return Expr(.await(value: value), range(from: start))
    }

    /// An atom followed by attribute references, calls and subscripts.
    mutating func parsePrimary() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let entryNesting = nesting
        defer { nesting = entryNesting }
        var expression = try parseAtom()
        while true {
            if kind == .dot || kind == .lpar || kind == .lsqb { try enterNesting() }
            switch kind {
            case .dot:
                advance()
                let attribute = try name("an attribute name after '.'")
                expression = Expr(.attribute(value: expression, attr: attribute, ctx: .load), range(from: start))
            case .lpar:
                advance()
                let (args, keywords) = try parseCallArguments()
                try expect(.rpar, "')' to close the call")
                expression = Expr(.call(func: expression, args: args, keywords: keywords), range(from: start))
            case .lsqb:
                advance()
                let slice = try parseSlices()
                try expect(.rsqb, "']' to close the subscript")
                expression = Expr(.subscript(value: expression, slice: slice, ctx: .load), range(from: start))
            default:
                return expression
            }
        }
    }

    /// The inside of `[...]` after a primary: one slice, or a tuple of them.
    private mutating func parseSlices() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        let first = try parseSlice()
        guard kind == .comma else {
            // `a[*b]` is a one-element tuple, as in CPython.
            if case .starred = first.kind { return Expr(.tuple(elts: [first], ctx: .load), range(from: start)) }
            return first
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .rsqb { break }
            elements.append(try parseSlice())
        }
        return Expr(.tuple(elts: elements, ctx: .load), range(from: start))
    }

    private mutating func parseSlice() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        if kind == .star { return try parseStarExpression() }
        var lower: Expr?
        if kind != .colon {
            let expression = try parseNamedExpression()
            guard kind == .colon else { return expression }
            lower = expression
        }
        advance()
        var upper: Expr?
        if kind != .colon, kind != .comma, kind != .rsqb { upper = try parseExpression() }
        var step: Expr?
        if accept(.colon), kind != .comma, kind != .rsqb { step = try parseExpression() }
        return Expr(.slice(lower: lower, upper: upper, step: step), range(from: start))
    }

    func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .name, .number, .string, .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .ellipsis,
             .kwNone, .kwTrue, .kwFalse, .kwNot, .kwLambda, .kwAwait:
            true
        default:
            false
        }
    }

    mutating func parseAtom() throws(PythonSyntaxError) -> Expr {
        let token = current
        let start = startOfCurrent
        switch token.kind {
        case .name:
            advance()
            return Expr(.name(id: text(of: token), ctx: .load), range(from: start))
        case .number:
            advance()
            let value = try NumberLiteral.value(of: bytes, token.start, token.end)
            return Expr(.constant(value), range(from: start))
        case .string:
            return try parseStrings()
        case .kwNone:
            advance()
            return Expr(.constant(.none), range(from: start))
        case .kwTrue:
            advance()
            return Expr(.constant(.bool(true)), range(from: start))
        case .kwFalse:
            advance()
            return Expr(.constant(.bool(false)), range(from: start))
        case .ellipsis:
            advance()
            return Expr(.constant(.ellipsis), range(from: start))
        case .lpar:
            return try parseParenthesized()
        case .lsqb:
            return try parseListDisplay()
        case .lbrace:
            return try parseBraceDisplay()
        default:
            throw errorExpected("an expression")
        }
    }

    /// `yield`, `yield expressions` or `yield from expression`.
    mutating func parseYield() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        advance()
        if accept(.kwFrom) {
            let value = try parseExpression()
            return Expr(.yieldFrom(value: value), range(from: start))
        }
        guard startsExpression(kind) || kind == .star else { return Expr(.yield(value: nil), range(from: start)) }
        let value = try parseStarExpressions()
        return Expr(.yield(value: value), range(from: start))
    }

    /// A comma-separated list of assignment targets (`for` and comprehension targets, `del`),
    /// read without comparisons so that `in` ends it.
    mutating func parseTargetList(ctx: ExprContext, stopAt terminator: TokenKind) throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        var elements: [Expr] = []
        var sawComma = false
        repeat {
            if kind == terminator || (sawComma && !(startsExpression(kind) || kind == .star)) { break }
            let elementStart = startOfCurrent
            if accept(.star) {
                let value = try parseBitwiseOr()
                elements.append(Expr(.starred(value: value, ctx: .load), range(from: elementStart)))
            } else {
                elements.append(try parseBitwiseOr())
            }
            if kind == .comma { sawComma = true }
        } while accept(.comma)
        guard !elements.isEmpty else { throw errorExpected("a target") }
        let expression = sawComma ? Expr(.tuple(elts: elements, ctx: .load), range(from: start)) : elements[0]
        return try withContext(expression, ctx)
    }
}
