/// Turns UTF-8 bytes into Python tokens, following CPython 3.11's tokenizer: indentation with
/// tab/space consistency checks, implicit joining inside brackets, explicit joining with `\`.
///
/// String tokens are kept whole (prefix, quotes and all); the parser decodes them, and reads the
/// expressions inside f-strings with a nested lexer over the same bytes.
struct Lexer {
    /// CPython's limits: `MAXLEVEL` nested brackets and `MAXINDENT` indentation levels.
    static let maxParenDepth = 200
    static let maxIndentDepth = 100

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var pos: Int
    var line: Int
    var lineStart: Int
    let insideFString: Bool
    var brackets: [(byte: UInt8, line: Int, column: Int)] = []
    var indents: [Int] = [0]
    var altIndents: [Int] = [0]
    var atLineStart: Bool
    var tokens: [Token] = []
    var columnCacheLineStart = -1
    var columnCacheOffset = 0
    var columnCacheValue = 0

    /// A lexer over `bytes[start..<end]`; `line`/`lineStart` say where `start` sits in the snippet.
    /// An f-string expression is lexed as if inside brackets: no indentation, newlines ignored.
    init(bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int? = nil, line: Int = 1, lineStart: Int = 0,
         insideFString: Bool = false) {
        self.bytes = bytes
        self.end = end ?? bytes.count
        self.pos = start
        self.line = line
        self.lineStart = lineStart
        self.insideFString = insideFString
        self.atLineStart = !insideFString
    }

    mutating func tokenize() throws(PythonSyntaxError) -> [Token] {
        tokens.reserveCapacity((end - pos) / 3 + 8)
        while true {
            if atLineStart {
                let isBlankOrEnd = try readIndentation()
                if isBlankOrEnd { if pos >= end { break } else { continue } }
            }
            skipSpaces()
            guard pos < end else { break }
            let byte = bytes[pos]
            switch byte {
            case UInt8(ascii: "#"):
                while pos < end, bytes[pos] != 10, bytes[pos] != 13 { pos += 1 }
            case 10, 13:
                let newlineColumn = column(at: pos)
                consumeNewline()
                if brackets.isEmpty && !insideFString {
                    emit(.newline, start: pos - 1, end: pos, line: line - 1, column: newlineColumn,
                         endLine: line - 1, endColumn: newlineColumn + 1)
                    atLineStart = true
                }
            case UInt8(ascii: "\\"):
                try lineContinuation()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            case UInt8(ascii: "."):
                if pos + 1 < end, bytes[pos + 1] >= UInt8(ascii: "0"), bytes[pos + 1] <= UInt8(ascii: "9") {
                    try number()
                } else {
                    try operatorToken()
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                try string(prefixStart: pos)
            default:
                if isIdentifierStartASCII(byte) || byte >= 0x80 {
                    try identifierOrPrefixedString()
                } else {
                    try operatorToken()
                }
            }
        }
        return try finish()
    }

    // MARK: - Lines and indentation

    /// Measures the indentation of a new line; returns true when the line is blank or a comment.
    mutating func readIndentation() throws(PythonSyntaxError) -> Bool {
        var col = 0
        var altCol = 0
        while pos < end {
            switch bytes[pos] {
            case UInt8(ascii: " "): col += 1; altCol += 1
            case UInt8(ascii: "\t"): col = (col / 8 + 1) * 8; altCol += 1
            case 12: col = 0; altCol = 0
            default: break
            }
            if bytes[pos] != UInt8(ascii: " ") && bytes[pos] != UInt8(ascii: "\t") && bytes[pos] != 12 { break }
            pos += 1
        }
        guard pos < end else { return true }
        let byte = bytes[pos]
        if byte == UInt8(ascii: "#") || byte == 10 || byte == 13 {
            while pos < end, bytes[pos] != 10, bytes[pos] != 13 { pos += 1 }
            if pos < end { consumeNewline() }
            return true
        }
        if byte == UInt8(ascii: "\\") {
            // CPython treats a line holding only a continuation as blank indentation-wise.
            var probe = pos + 1
            if probe < end, bytes[probe] == 13 { probe += 1 }
            if probe < end, bytes[probe] == 10 {
                pos = probe + 1
                line += 1
                lineStart = pos
                return true
            }
        }
        atLineStart = false
        let tokenColumn = column(at: pos)
        if col == indents[indents.count - 1] {
            if altCol != altIndents[altIndents.count - 1] { throw tabError(tokenColumn) }
        } else if col > indents[indents.count - 1] {
            if indents.count > Lexer.maxIndentDepth {
                throw PythonSyntaxError(.indentation, "too many levels of indentation", line: line, column: tokenColumn)
            }
            if altCol <= altIndents[altIndents.count - 1] { throw tabError(tokenColumn) }
            indents.append(col)
            altIndents.append(altCol)
            emit(.indent, start: lineStart, end: pos, line: line, column: 0, endLine: line, endColumn: tokenColumn)
        } else {
            while indents.count > 1 && col < indents[indents.count - 1] {
                indents.removeLast()
                altIndents.removeLast()
                emit(.dedent, start: pos, end: pos, line: line, column: tokenColumn, endLine: line, endColumn: tokenColumn)
            }
            if col != indents[indents.count - 1] {
                throw PythonSyntaxError(.indentation, "unindent does not match any outer indentation level",
                                        line: line, column: tokenColumn)
            }
            if altCol != altIndents[altIndents.count - 1] { throw tabError(tokenColumn) }
        }
        return false
    }

    func tabError(_ column: Int) -> PythonSyntaxError {
        PythonSyntaxError(.tab, "inconsistent use of tabs and spaces in indentation", line: line, column: column)
    }

    mutating func consumeNewline() {
        if bytes[pos] == 13, pos + 1 < end, bytes[pos + 1] == 10 { pos += 1 }
        pos += 1
        line += 1
        lineStart = pos
    }

    mutating func lineContinuation() throws(PythonSyntaxError) {
        let backslash = pos
        pos += 1
        if pos < end, bytes[pos] == 13 || bytes[pos] == 10 {
            consumeNewline()
            if pos >= end {
                throw PythonSyntaxError("unexpected EOF while parsing", line: line, column: 0)
            }
            return
        }
        if pos >= end {
            throw PythonSyntaxError("unexpected EOF while parsing", line: line, column: column(at: backslash))
        }
        throw PythonSyntaxError("unexpected character after line continuation character",
                                line: line, column: column(at: backslash) + 1)
    }

    mutating func skipSpaces() {
        while pos < end {
            let byte = bytes[pos]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 12 { pos += 1 } else { break }
        }
    }

    mutating func finish() throws(PythonSyntaxError) -> [Token] {
        if let open = brackets.last, !insideFString {
            throw PythonSyntaxError("'\(Character(Unicode.Scalar(open.byte)))' was never closed",
                                    line: open.line, column: open.column)
        }
        let endColumn = column(at: pos)
        if !insideFString {
            if let last = tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
                emit(.newline, start: pos, end: pos, line: line, column: endColumn, endLine: line, endColumn: endColumn + 1)
            }
            while indents.count > 1 {
                indents.removeLast()
                emit(.dedent, start: pos, end: pos, line: line, column: endColumn, endLine: line, endColumn: endColumn)
            }
        }
        emit(.endMarker, start: pos, end: pos, line: line, column: endColumn, endLine: line, endColumn: endColumn)
        return tokens
    }

    // MARK: - Columns

    /// Scalar column of a byte offset on the current line; incremental so long lines stay linear.
    mutating func column(at offset: Int) -> Int {
        var from = lineStart
        var count = 0
        if columnCacheLineStart == lineStart, columnCacheOffset <= offset {
            from = columnCacheOffset
            count = columnCacheValue
        }
        var index = from
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        columnCacheLineStart = lineStart
        columnCacheOffset = offset
        columnCacheValue = count
        return count
    }

    mutating func emit(_ kind: TokenKind, start: Int, end: Int, line: Int, column: Int, endLine: Int, endColumn: Int) {
        tokens.append(Token(kind: kind, start: start, end: end, line: line, column: column,
                            endLine: endLine, endColumn: endColumn))
    }

    /// Emits a token that starts and ends on the current line.
    mutating func emitOnLine(_ kind: TokenKind, from start: Int) {
        let startColumn = column(at: start)
        let endColumn = column(at: pos)
        emit(kind, start: start, end: pos, line: line, column: startColumn, endLine: line, endColumn: endColumn)
    }
}
