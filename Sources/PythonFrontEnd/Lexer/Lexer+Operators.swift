/// Operators and brackets; brackets are matched here, as CPython's tokenizer does.
extension Lexer {
    mutating func operatorToken() throws(PythonSyntaxError) {
        let start = pos
        let byte = bytes[pos]
        let next: UInt8 = pos + 1 < end ? bytes[pos + 1] : 0
        let third: UInt8 = pos + 2 < end ? bytes[pos + 2] : 0
        let kind: TokenKind
        var length = 1
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            if brackets.count >= Lexer.maxParenDepth {
                throw PythonSyntaxError("too many nested parentheses", line: line, column: column(at: pos))
            }
            brackets.append((byte, line, column(at: pos)))
            kind = byte == UInt8(ascii: "(") ? .lpar : byte == UInt8(ascii: "[") ? .lsqb : .lbrace
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            let closing = Character(Unicode.Scalar(byte))
            guard let open = brackets.popLast() else {
                throw PythonSyntaxError("unmatched '\(closing)'", line: line, column: column(at: pos))
            }
            let expected: UInt8 = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
            if open.byte != expected {
                let opening = Character(Unicode.Scalar(open.byte))
                let onLine = open.line == line ? "" : " on line \(open.line)"
                throw PythonSyntaxError("closing parenthesis '\(closing)' does not match opening parenthesis '\(opening)'\(onLine)",
                                        line: line, column: column(at: pos))
            }
            kind = byte == UInt8(ascii: ")") ? .rpar : byte == UInt8(ascii: "]") ? .rsqb : .rbrace
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: "=") { kind = .colonEqual; length = 2 } else { kind = .colon }
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semi
        case UInt8(ascii: "+"): (kind, length) = next == UInt8(ascii: "=") ? (.plusEqual, 2) : (.plus, 1)
        case UInt8(ascii: "-"):
            if next == UInt8(ascii: "=") { (kind, length) = (.minusEqual, 2) }
            else if next == UInt8(ascii: ">") { (kind, length) = (.rarrow, 2) }
            else { kind = .minus }
        case UInt8(ascii: "*"):
            if next == UInt8(ascii: "*") { (kind, length) = third == UInt8(ascii: "=") ? (.doubleStarEqual, 3) : (.doubleStar, 2) }
            else if next == UInt8(ascii: "=") { (kind, length) = (.starEqual, 2) }
            else { kind = .star }
        case UInt8(ascii: "/"):
            if next == UInt8(ascii: "/") { (kind, length) = third == UInt8(ascii: "=") ? (.doubleSlashEqual, 3) : (.doubleSlash, 2) }
            else if next == UInt8(ascii: "=") { (kind, length) = (.slashEqual, 2) }
            else { kind = .slash }
        case UInt8(ascii: "|"): (kind, length) = next == UInt8(ascii: "=") ? (.vbarEqual, 2) : (.vbar, 1)
        case UInt8(ascii: "&"): (kind, length) = next == UInt8(ascii: "=") ? (.amperEqual, 2) : (.amper, 1)
        case UInt8(ascii: "^"): (kind, length) = next == UInt8(ascii: "=") ? (.circumflexEqual, 2) : (.circumflex, 1)
        case UInt8(ascii: "%"): (kind, length) = next == UInt8(ascii: "=") ? (.percentEqual, 2) : (.percent, 1)
        case UInt8(ascii: "@"): (kind, length) = next == UInt8(ascii: "=") ? (.atEqual, 2) : (.at, 1)
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "="): (kind, length) = next == UInt8(ascii: "=") ? (.eqEqual, 2) : (.equal, 1)
        case UInt8(ascii: "!"):
            guard next == UInt8(ascii: "=") else { throw PythonSyntaxError("invalid syntax", line: line, column: column(at: pos)) }
            (kind, length) = (.notEqual, 2)
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "<") { (kind, length) = third == UInt8(ascii: "=") ? (.leftShiftEqual, 3) : (.leftShift, 2) }
            else if next == UInt8(ascii: "=") { (kind, length) = (.lessEqual, 2) }
            else if next == UInt8(ascii: ">") { throw PythonSyntaxError("invalid syntax", line: line, column: column(at: pos)) }
            else { kind = .less }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: ">") { (kind, length) = third == UInt8(ascii: "=") ? (.rightShiftEqual, 3) : (.rightShift, 2) }
            else if next == UInt8(ascii: "=") { (kind, length) = (.greaterEqual, 2) }
            else { kind = .greater }
        case UInt8(ascii: "."):
            if next == UInt8(ascii: "."), third == UInt8(ascii: ".") { (kind, length) = (.ellipsis, 3) } else { kind = .dot }
        case 0:
            throw PythonSyntaxError("source code cannot contain null bytes", line: line, column: column(at: pos))
        default:
            let (scalar, _) = UTF8Decoding.decode(bytes, at: pos, end: end)
            throw invalidCharacter(scalar, at: pos)
        }
        pos += length
        emitOnLine(kind, from: start)
    }
}
