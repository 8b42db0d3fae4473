/// String literals: implicit concatenation, bytes, and f-strings with their nested expressions
/// (3.11 semantics: the expression part may not hold a backslash or a comment).
extension Parser {
    /// Pending pieces of a concatenation that contains an f-string.
    struct JoinedParts {
        var values: [Expr] = []
        var literal: [UInt8] = []
        /// The range literal pieces get: the whole concatenation, or inside a format spec (a CPython 3.11
        /// quirk) the one f-string token that holds it.
        let range: SourceRange
        /// The range replacement fields get: always the whole concatenation.
        let fieldRange: SourceRange
        /// CPython marks every literal piece `kind='u'` when the first string of the concatenation is `u'…'`.
        var isUnicodePrefixed = false

        mutating func flush() {
            guard !literal.isEmpty else { return }
            values.append(Expr(.constant(StringEscapes.stringConstant(literal, isUnicodePrefixed: isUnicodePrefixed)), range))
            literal.removeAll(keepingCapacity: true)
        }
    }

    mutating func parseStrings() throws(PythonSyntaxError) -> Expr {
        let first = current
        let start = startOfCurrent
        var end = index
        while end < tokens.count, tokens[end].kind == .string { end += 1 }
        let last = tokens[end - 1]
        let fullRange = SourceRange(start: start, end: position(line: last.endLine, column: last.endColumn))
        var parts = JoinedParts(range: fullRange, fieldRange: fullRange)
        var bytesValue: [UInt8] = []
        var sawBytes = false
        var sawText = false
        var sawFString = false
        var firstIsUnicode = false
        while kind == .string {
            let token = current
            advance()
            var quoteStart = token.start
            while bytes[quoteStart] != UInt8(ascii: "'") && bytes[quoteStart] != UInt8(ascii: "\"") { quoteStart += 1 }
            let prefix = StringPrefix(bytes: bytes, start: token.start, end: quoteStart) ?? StringPrefix()
            let quote = bytes[quoteStart]
            let isTriple = token.end - quoteStart >= 6 && bytes[quoteStart + 1] == quote && bytes[quoteStart + 2] == quote
            let quoteLength = isTriple ? 3 : 1
            let bodyStart = quoteStart + quoteLength
            let bodyEnd = token.end - quoteLength
            if token.start == first.start {
                firstIsUnicode = prefix.isUnicode
                parts.isUnicodePrefixed = prefix.isUnicode
            }
            do throws(EscapeError) {
                if prefix.isBytes {
                    sawBytes = true
                    bytesValue += try StringEscapes.decodeBytes(bytes, bodyStart, bodyEnd, raw: prefix.isRaw)
                } else if prefix.isFormatted {
                    sawText = true
                    sawFString = true
                    _ = try parseFStringPart(token: token, from: bodyStart, to: bodyEnd, raw: prefix.isRaw, level: 0, into: &parts)
                } else {
                    sawText = true
                    parts.literal += try StringEscapes.decodeString(bytes, bodyStart, bodyEnd, raw: prefix.isRaw)
                }
            } catch {
                throw self.error(error.message, at: token)
            }
            if sawBytes && sawText { throw self.error("cannot mix bytes and nonbytes literals", at: first) }
        }
        if sawBytes { return Expr(.constant(.bytes(bytesValue)), fullRange) }
        if !sawFString {
            return Expr(.constant(StringEscapes.stringConstant(parts.literal, isUnicodePrefixed: firstIsUnicode)), fullRange)
        }
        parts.flush()
        return Expr(.joinedStr(values: parts.values), fullRange)
    }

    /// Reads f-string text from `from` until `to` (level 0) or until the `}` that closes a format spec
    /// (deeper levels); returns where it stopped.
    private mutating func parseFStringPart(token: Token, from: Int, to end: Int, raw: Bool, level: Int,
                                           into parts: inout JoinedParts) throws(EscapeError) -> Int {
        var position = from
        while position < end {
            var literalStart = position
            while position < end {
                let byte = bytes[position]
                if !raw, byte == UInt8(ascii: "\\"), position + 1 < end {
                    if bytes[position + 1] == UInt8(ascii: "N"), position + 2 < end, bytes[position + 2] == UInt8(ascii: "{") {
                        position += 3
                        while position < end, bytes[position] != UInt8(ascii: "}") { position += 1 }
                        position += 1
                    } else {
                        position += 2
                    }
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") {
                    if level == 0 {
                        if position + 1 < end, bytes[position + 1] == byte {
                            parts.literal += try StringEscapes.decodeString(bytes, literalStart, position + 1, raw: raw)
                            position += 2
                            literalStart = position
                            continue
                        }
                        if byte == UInt8(ascii: "}") { throw EscapeError(message: "f-string: single '}' is not allowed") }
                    }
                    break
                }
                position += 1
            }
            parts.literal += try StringEscapes.decodeString(bytes, literalStart, min(position, end), raw: raw)
            guard position < end else { break }
            if bytes[position] == UInt8(ascii: "}") { return position }
            position = try parseFStringField(token: token, from: position + 1, to: end, raw: raw, level: level, into: &parts)
        }
        return position
    }

    /// One `{expression[=][!conversion][:format_spec]}` field, starting after its `{`.
    private mutating func parseFStringField(token: Token, from: Int, to end: Int, raw: Bool, level: Int,
                                            into parts: inout JoinedParts) throws(EscapeError) -> Int {
        if level >= 2 { throw EscapeError(message: "f-string: expressions nested too deeply") }
        let expressionEnd = try findFStringExpressionEnd(from: from, to: end)
        var position = expressionEnd
        var isBlank = true
        for offset in from..<expressionEnd where !isSpace(bytes[offset]) { isBlank = false; break }
        if isBlank { throw EscapeError(message: "f-string: empty expression not allowed") }
        let value = try parseFStringExpression(token: token, from: from, to: expressionEnd)
        var debugText: [UInt8]?
        if bytes[position] == UInt8(ascii: "=") {
            position += 1
            while position < end, isSpace(bytes[position]) { position += 1 }
            debugText = Array(UnsafeBufferPointer(rebasing: bytes[from..<position]))
        }
        var conversion = -1
        if position < end, bytes[position] == UInt8(ascii: "!") {
            position += 1
            guard position < end else { throw EscapeError(message: "f-string: expecting '}'") }
            switch bytes[position] {
            case UInt8(ascii: "s"): conversion = 115
            case UInt8(ascii: "r"): conversion = 114
            case UInt8(ascii: "a"): conversion = 97
            default: throw EscapeError(message: "f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
            position += 1
        }
        var formatSpec: Expr?
        if position < end, bytes[position] == UInt8(ascii: ":") {
            let tokenRange = SourceRange(start: self.position(line: token.line, column: token.column),
                                         end: self.position(line: token.endLine, column: token.endColumn))
            var specParts = JoinedParts(range: tokenRange, fieldRange: parts.fieldRange)
            position = try parseFStringPart(token: token, from: position + 1, to: end, raw: raw, level: level + 1, into: &specParts)
            specParts.flush()
            formatSpec = Expr(.joinedStr(values: specParts.values), tokenRange)
        }
        guard position < end, bytes[position] == UInt8(ascii: "}") else {
            throw EscapeError(message: "f-string: expecting '}'")
        }
        if let debugText {
            parts.literal += debugText
            if conversion == -1 && formatSpec == nil { conversion = 114 }
        }
        parts.flush()
        parts.values.append(Expr(.formattedValue(value: value, conversion: conversion, formatSpec: formatSpec), parts.fieldRange))
        return position + 1
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 || byte == 11
    }

    /// Where the expression of a field ends, by CPython 3.11's scan: quotes and brackets are
    /// skipped over; `!`, `:`, `}` and `=` end it at depth zero unless part of `!=`, `==`, `<=`, `>=`.
    private func findFStringExpressionEnd(from: Int, to end: Int) throws(EscapeError) -> Int {
        var position = from
        var quote: UInt8 = 0
        var isTripleQuoted = false
        var openers: [UInt8] = []
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") { throw EscapeError(message: "f-string expression part cannot include a backslash") }
            if quote != 0 {
                if byte == quote {
                    if !isTripleQuoted {
                        quote = 0
                    } else if position + 2 < end, bytes[position + 1] == byte, bytes[position + 2] == byte {
                        position += 2
                        quote = 0
                    }
                }
                position += 1
                continue
            }
            if openers.isEmpty, isFieldTerminator(byte) {
                let next: UInt8 = position + 1 < end ? bytes[position + 1] : 0
                if next == UInt8(ascii: "="), byte != UInt8(ascii: ":"), byte != UInt8(ascii: "}") {
                    position += 2
                    continue
                }
                if byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") { return position }
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                isTripleQuoted = position + 2 < end && bytes[position + 1] == byte && bytes[position + 2] == byte
                quote = byte
                position += isTripleQuoted ? 3 : 1
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                if openers.count >= Lexer.maxParenDepth { throw EscapeError(message: "f-string: too many nested parenthesis") }
                openers.append(byte)
            case UInt8(ascii: "#"):
                throw EscapeError(message: "f-string expression part cannot include '#'")
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard let opener = openers.popLast() else {
                    throw EscapeError(message: "f-string: unmatched '\(Character(Unicode.Scalar(byte)))'")
                }
                let expected: UInt8 = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                if opener != expected {
                    throw EscapeError(message: "f-string: closing parenthesis '\(Character(Unicode.Scalar(byte)))' does not match opening parenthesis '\(Character(Unicode.Scalar(opener)))'")
                }
            default:
                break
            }
            position += 1
        }
        if quote != 0 { throw EscapeError(message: "f-string: unterminated string") }
        if let opener = openers.last { throw EscapeError(message: "f-string: unmatched '\(Character(Unicode.Scalar(opener)))'") }
        throw EscapeError(message: "f-string: expecting '}'")
    }

    /// The note position of a byte offset, counting lines and scalars from a known line start.
    private func notePosition(of offset: Int, line: Int, lineStart: Int) -> Position {
        var currentLine = line
        var currentStart = lineStart
        for index in lineStart..<offset where bytes[index] == 10 {
            currentLine += 1
            currentStart = index + 1
        }
        var column = 0
        for index in currentStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return position(line: currentLine, column: column)
    }

    private func isFieldTerminator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }

    /// Parses `bytes[from..<to]` as `star_expressions`, with positions in the note file.
    private mutating func parseFStringExpression(token: Token, from: Int, to end: Int) throws(EscapeError) -> Expr {
        var line = token.line
        var lineStart = token.start
        while lineStart > 0, bytes[lineStart - 1] != 10, bytes[lineStart - 1] != 13 { lineStart -= 1 }
        for offset in token.start..<from where bytes[offset] == 10 {
            line += 1
            lineStart = offset + 1
        }
        do throws(PythonSyntaxError) {
            var lexer = Lexer(bytes: bytes, start: from, end: end, line: line, lineStart: lineStart, insideFString: true)
            let innerTokens = try lexer.tokenize()
            var inner = Parser(bytes: bytes, tokens: innerTokens, lineOffset: lineOffset, columnOffset: columnOffset)
            inner.nesting = nesting
            var expression: Expr
            if inner.kind == .kwYield {
                expression = try inner.parseYield()
            } else {
                expression = try inner.parseStarExpressions()
            }
            guard inner.kind == .endMarker else { throw inner.errorExpected("'}' after the f-string expression") }
            if case .tuple = expression.kind, innerTokens.first?.kind != .lpar {
                // CPython 3.11 parses the field as `(expression)` with the parentheses over the braces,
                // so an unparenthesised tuple spans from `{` to the character that ends the expression.
                expression.range = SourceRange(start: notePosition(of: from - 1, line: line, lineStart: lineStart),
                                               end: notePosition(of: end + 1, line: line, lineStart: lineStart))
            }
            return expression
        } catch {
            throw EscapeError(message: "f-string: \(error.message)")
        }
    }
}
