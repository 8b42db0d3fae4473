/// Call arguments and parameter lists.
extension Parser {
    /// The arguments of a call (or class bases), up to but not including the closing `)`.
    mutating func parseCallArguments() throws(PythonSyntaxError) -> ([Expr], [Keyword]) {
        var args: [Expr] = []
        var keywords: [Keyword] = []
        var sawKeywordUnpacking = false
        let callStart = index
        while kind != .rpar {
            let start = startOfCurrent
            if accept(.star) {
                if sawKeywordUnpacking {
                    throw error("iterable argument unpacking follows keyword argument unpacking", at: start)
                }
                let value = try parseExpression()
                args.append(Expr(.starred(value: value, ctx: .load), range(from: start)))
            } else if accept(.doubleStar) {
                let value = try parseExpression()
                keywords.append(Keyword(arg: nil, value: value, range: range(from: start)))
                sawKeywordUnpacking = true
            } else if kind == .name, peekKind() == .equal {
                let argumentName = text(of: current)
                advance()
                advance()
                let value = try parseExpression()
                keywords.append(Keyword(arg: argumentName, value: value, range: range(from: start)))
            } else {
                var value = try parseNamedExpression()
                if kind == .equal {
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?", at: start)
                }
                if kind == .kwFor || kind == .kwAsync {
                    let generators = try parseComprehensionClauses()
                    let isSole = index > callStart && tokens[callStart - 1].kind == .lpar && args.isEmpty && keywords.isEmpty
                    guard isSole, kind == .rpar else {
                        throw error("Generator expression must be parenthesized", at: start)
                    }
                    let open = tokens[callStart - 1]
                    let end = position(line: current.endLine, column: current.endColumn)
                    value = Expr(.generatorExp(elt: value, generators: generators),
                                 SourceRange(start: position(line: open.line, column: open.column), end: end))
                }
                if !keywords.isEmpty {
                    let message = sawKeywordUnpacking
                        ? "positional argument follows keyword argument unpacking"
                        : "positional argument follows keyword argument"
                    throw error(message, at: start)
                }
                args.append(value)
            }
            guard accept(.comma) else { break }
        }
        return (args, keywords)
    }

    /// A parameter list up to `closing` (`)` for `def`, `:` for `lambda`).
    mutating func parseParameters(closing: TokenKind, allowAnnotations: Bool) throws(PythonSyntaxError) -> Arguments {
        var arguments = Arguments()
        var positional: [Arg] = []
        var sawSlash = false
        var sawStar = false
        var sawDefault = false
        while kind != closing {
            if arguments.kwarg != nil { throw error("arguments cannot follow var-keyword argument") }
            let start = startOfCurrent
            if accept(.slash) {
                if sawSlash { throw error("/ may appear only once", at: start) }
                if sawStar { throw error("/ must be ahead of *", at: start) }
                if positional.isEmpty { throw error("at least one argument must precede /", at: start) }
                sawSlash = true
                arguments.posonlyargs = positional
                positional = []
            } else if accept(.star) {
                if sawStar { throw error("* argument may appear only once", at: start) }
                sawStar = true
                if kind == .name {
                    let parameter = try parseParameter(allowAnnotations: allowAnnotations, allowStarredAnnotation: true)
                    arguments.vararg = parameter
                } else if kind == closing || (kind == .comma && peekKind() == closing) {
                    throw error("named arguments must follow bare *", at: start)
                }
            } else if accept(.doubleStar) {
                let parameter = try parseParameter(allowAnnotations: allowAnnotations, allowStarredAnnotation: false)
                if kind == .equal { throw error("var-keyword argument cannot have default value") }
                arguments.kwarg = parameter
            } else {
                let parameter = try parseParameter(allowAnnotations: allowAnnotations, allowStarredAnnotation: false)
                var defaultValue: Expr?
                if accept(.equal) { defaultValue = try parseExpression() }
                if sawStar {
                    arguments.kwonlyargs.append(parameter)
                    arguments.kwDefaults.append(defaultValue)
                } else {
                    positional.append(parameter)
                    if let defaultValue {
                        sawDefault = true
                        arguments.defaults.append(defaultValue)
                    } else if sawDefault {
                        throw error("non-default argument follows default argument", at: parameter.range.start)
                    }
                }
            }
            guard accept(.comma) else { break }
        }
        arguments.args = positional
        return arguments
    }

    private mutating func parseParameter(allowAnnotations: Bool, allowStarredAnnotation: Bool) throws(PythonSyntaxError) -> Arg {
        let start = startOfCurrent
        let parameterName = try name("a parameter name")
        var annotation: Expr?
        if allowAnnotations, accept(.colon) {
            annotation = allowStarredAnnotation ? try parseStarExpression() : try parseExpression()
        }
        return Arg(arg: parameterName, annotation: annotation, range: range(from: start))
    }
}
