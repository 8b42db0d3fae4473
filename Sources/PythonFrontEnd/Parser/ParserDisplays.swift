/// Bracketed atoms: tuples and parenthesised expressions, lists, dicts and sets, and the
/// comprehensions and generator expressions written inside them.
extension Parser {
    mutating func parseParenthesized() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        advance()
        try enterNesting()
        defer { leaveNesting() }
        if accept(.rpar) { return Expr(.tuple(elts: [], ctx: .load), range(from: start)) }
        if kind == .kwYield {
            let value = try parseYield()
            try expect(.rpar, "')'")
            return value
        }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            let generators = try parseComprehensionClauses()
            try expect(.rpar, "')' to close the generator expression")
            return Expr(.generatorExp(elt: first, generators: generators), range(from: start))
        }
        if kind == .rpar {
            if case .starred = first.kind { throw error("cannot use starred expression here", at: first.range.start) }
            advance()
            return first
        }
        guard kind == .comma else { throw errorExpected("',' or ')'") }
        var elements = [first]
        while accept(.comma) {
            if kind == .rpar { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rpar, "',' or ')'")
        return Expr(.tuple(elts: elements, ctx: .load), range(from: start))
    }

    mutating func parseListDisplay() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        advance()
        try enterNesting()
        defer { leaveNesting() }
        if accept(.rsqb) { return Expr(.list(elts: [], ctx: .load), range(from: start)) }
        let first = try parseStarNamedExpression()
        if kind == .kwFor || kind == .kwAsync {
            let generators = try parseComprehensionClauses()
            try expect(.rsqb, "']' to close the list comprehension")
            return Expr(.listComp(elt: first, generators: generators), range(from: start))
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .rsqb { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rsqb, "',' or ']'")
        return Expr(.list(elts: elements, ctx: .load), range(from: start))
    }

    mutating func parseBraceDisplay() throws(PythonSyntaxError) -> Expr {
        let start = startOfCurrent
        advance()
        try enterNesting()
        defer { leaveNesting() }
        if accept(.rbrace) { return Expr(.dict(keys: [], values: []), range(from: start)) }
        if kind == .doubleStar { return try parseDictRest(start: start, keys: [], values: []) }
        let first = try parseStarNamedExpression()
        if accept(.colon) {
            let value = try parseExpression()
            if kind == .kwFor || kind == .kwAsync {
                let generators = try parseComprehensionClauses()
                try expect(.rbrace, "'}' to close the dict comprehension")
                return Expr(.dictComp(key: first, value: value, generators: generators), range(from: start))
            }
            return try parseDictRest(start: start, keys: [first], values: [value])
        }
        if kind == .kwFor || kind == .kwAsync {
            let generators = try parseComprehensionClauses()
            try expect(.rbrace, "'}' to close the set comprehension")
            return Expr(.setComp(elt: first, generators: generators), range(from: start))
        }
        var elements = [first]
        while accept(.comma) {
            if kind == .rbrace { break }
            elements.append(try parseStarNamedExpression())
        }
        try expect(.rbrace, "',' or '}'")
        return Expr(.set(elts: elements), range(from: start))
    }

    /// Remaining `key: value` and `**mapping` entries of a dict display.
    mutating func parseDictRest(start: Position, keys: [Expr?], values: [Expr]) throws(PythonSyntaxError) -> Expr {
        var keys = keys
        var values = values
        var needsComma = !keys.isEmpty
        while kind != .rbrace {
            if needsComma {
                try expect(.comma, "',' or '}'")
                if kind == .rbrace { break }
            }
            needsComma = true
            if accept(.doubleStar) {
                keys.append(nil)
                values.append(try parseBitwiseOr())
            } else {
                keys.append(try parseExpression())
                try expect(.colon, "':' after a dict key")
                values.append(try parseExpression())
            }
        }
        advance()
        return Expr(.dict(keys: keys, values: values), range(from: start))
    }

    /// `for target in iterable if condition ...` clauses, one or more.
    mutating func parseComprehensionClauses() throws(PythonSyntaxError) -> [Comprehension] {
        var generators: [Comprehension] = []
        while kind == .kwFor || (kind == .kwAsync && peekKind() == .kwFor) {
            let isAsync = accept(.kwAsync)
            advance()
            let target = try parseTargetList(ctx: .store, stopAt: .kwIn)
            try expect(.kwIn, "'in' in the comprehension")
            let iterable = try parseDisjunction()
            var conditions: [Expr] = []
            while accept(.kwIf) { conditions.append(try parseDisjunction()) }
            generators.append(Comprehension(target: target, iter: iterable, ifs: conditions, isAsync: isAsync))
        }
        return generators
    }
}
