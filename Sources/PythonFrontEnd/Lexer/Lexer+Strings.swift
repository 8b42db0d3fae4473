/// String literals, kept whole: the parser decodes them.
extension Lexer {
    mutating func string(prefixStart: Int) throws(PythonSyntaxError) {
        let startLine = line
        let startColumn = column(at: prefixStart)
        let quote = bytes[pos]
        let isTriple = pos + 2 < end && bytes[pos + 1] == quote && bytes[pos + 2] == quote
        pos += isTriple ? 3 : 1
        while true {
            guard pos < end else {
                let what = isTriple ? "unterminated triple-quoted string literal" : "unterminated string literal"
                throw PythonSyntaxError("\(what) (detected at line \(line))", line: startLine, column: startColumn)
            }
            let byte = bytes[pos]
            if byte == quote {
                if !isTriple { pos += 1; break }
                if pos + 2 < end, bytes[pos + 1] == quote, bytes[pos + 2] == quote { pos += 3; break }
                pos += 1
            } else if byte == UInt8(ascii: "\\") {
                pos += 1
                if pos < end {
                    if bytes[pos] == 10 || bytes[pos] == 13 { consumeNewline() } else { pos += 1 }
                }
            } else if byte == 10 || byte == 13 {
                if !isTriple {
                    throw PythonSyntaxError("unterminated string literal (detected at line \(line))",
                                            line: startLine, column: startColumn)
                }
                consumeNewline()
            } else {
                pos += 1
            }
        }
        let endColumn = column(at: pos)
        emit(.string, start: prefixStart, end: pos, line: startLine, column: startColumn, endLine: line, endColumn: endColumn)
    }
}

/// Which string prefixes Python accepts (`r`, `u`, `b`, `f`, `br`, `rb`, `fr`, `rf`, any case).
struct StringPrefix: Hashable, Sendable {
    var isRaw = false
    var isBytes = false
    var isFormatted = false
    var isUnicode = false

    init?(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        guard end - start <= 2 else { return nil }
        var index = start
        while index < end {
            switch bytes[index] | 0x20 {
            case UInt8(ascii: "r"): if isRaw { return nil }; isRaw = true
            case UInt8(ascii: "b"): if isBytes { return nil }; isBytes = true
            case UInt8(ascii: "f"): if isFormatted { return nil }; isFormatted = true
            case UInt8(ascii: "u"): if isUnicode { return nil }; isUnicode = true
            default: return nil
            }
            index += 1
        }
        if isUnicode && end - start != 1 { return nil }
        if isBytes && isFormatted { return nil }
    }

    init() {}
}
