/// Turns UTF-8 bytes into Python tokens, following CPython 3.11's tokenizer: indentation with
/// tab/space consistency checks, implicit joining inside brackets, explicit joining with `\`.
///
/// String tokens are kept whole (prefix, quotes and all); the parser decodes them, and reads the
/// expressions inside f-strings with a nested lexer over the same bytes.
struct Lexer {
    /// CPython's limits: `MAXLEVEL` nested brackets and `MAXINDENT` indentation levels.
    static let maxParenDepth = 200
    static let maxIndentDepth = 100

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private var pos: Int
    private var line: Int
    private var lineStart: Int
    private let insideFString: Bool
    private var brackets: [(byte: UInt8, line: Int, column: Int)] = []
    private var indents: [Int] = [0]
    private var altIndents: [Int] = [0]
    private var atLineStart: Bool
    private var tokens: [Token] = []
    private var columnCacheLineStart = -1
    private var columnCacheOffset = 0
    private var columnCacheValue = 0

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
    private mutating func readIndentation() throws(PythonSyntaxError) -> Bool {
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

    private func tabError(_ column: Int) -> PythonSyntaxError {
        PythonSyntaxError(.tab, "inconsistent use of tabs and spaces in indentation", line: line, column: column)
    }

    private mutating func consumeNewline() {
        if bytes[pos] == 13, pos + 1 < end, bytes[pos + 1] == 10 { pos += 1 }
        pos += 1
        line += 1
        lineStart = pos
    }

    private mutating func lineContinuation() throws(PythonSyntaxError) {
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

    private mutating func skipSpaces() {
        while pos < end {
            let byte = bytes[pos]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 12 { pos += 1 } else { break }
        }
    }

    private mutating func finish() throws(PythonSyntaxError) -> [Token] {
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
    private mutating func column(at offset: Int) -> Int {
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

    private mutating func emit(_ kind: TokenKind, start: Int, end: Int, line: Int, column: Int, endLine: Int, endColumn: Int) {
        tokens.append(Token(kind: kind, start: start, end: end, line: line, column: column,
                            endLine: endLine, endColumn: endColumn))
    }

    /// Emits a token that starts and ends on the current line.
    private mutating func emitOnLine(_ kind: TokenKind, from start: Int) {
        let startColumn = column(at: start)
        let endColumn = column(at: pos)
        emit(kind, start: start, end: pos, line: line, column: startColumn, endLine: line, endColumn: endColumn)
    }

    // MARK: - Names

    private func isIdentifierStartASCII(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private func isIdentifierContinueASCII(_ byte: UInt8) -> Bool {
        isIdentifierStartASCII(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private mutating func identifierOrPrefixedString() throws(PythonSyntaxError) {
        let start = pos
        var hasNonASCII = false
        while pos < end {
            let byte = bytes[pos]
            if byte < 0x80 {
                if isIdentifierContinueASCII(byte) { pos += 1 } else { break }
            } else {
                let (scalar, length) = UTF8Decoding.decode(bytes, at: pos, end: end)
                let allowed = pos == start ? scalar.properties.isXIDStart : scalar.properties.isXIDContinue
                guard allowed else {
                    if pos == start { throw invalidCharacter(scalar, at: pos) }
                    break
                }
                hasNonASCII = true
                pos += length
            }
        }
        if !hasNonASCII, pos < end, bytes[pos] == UInt8(ascii: "'") || bytes[pos] == UInt8(ascii: "\""),
           StringPrefix(bytes: bytes, start: start, end: pos) != nil {
            try string(prefixStart: start)
            return
        }
        let kind = hasNonASCII ? .name : (Keywords.kind(of: bytes, start, pos) ?? .name)
        emitOnLine(kind, from: start)
    }

    private mutating func invalidCharacter(_ scalar: Unicode.Scalar, at offset: Int) -> PythonSyntaxError {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let shown = scalar.properties.generalCategory == .control ? "" : "'\(Character(scalar))' "
        let message = shown.isEmpty ? "invalid non-printable character U+\(padded)" : "invalid character \(shown)(U+\(padded))"
        return PythonSyntaxError(message, line: line, column: column(at: offset))
    }

    // MARK: - Numbers

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// Digits with single underscores between them; returns false when an underscore is misplaced.
    private mutating func digits(_ accept: (UInt8) -> Bool) -> Bool {
        while pos < end {
            if accept(bytes[pos]) {
                pos += 1
            } else if bytes[pos] == UInt8(ascii: "_") {
                pos += 1
                guard pos < end, accept(bytes[pos]) else { return false }
            } else {
                break
            }
        }
        return true
    }

    private mutating func number() throws(PythonSyntaxError) {
        let start = pos
        let first = bytes[pos]
        if first == UInt8(ascii: "0"), pos + 1 < end {
            let marker = bytes[pos + 1] | 0x20
            let radix: (name: String, accept: (UInt8) -> Bool)?
            switch marker {
            case UInt8(ascii: "x"): radix = ("hexadecimal", { [self] in isHexDigit($0) })
            case UInt8(ascii: "o"): radix = ("octal", { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") })
            case UInt8(ascii: "b"): radix = ("binary", { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") })
            default: radix = nil
            }
            if let radix {
                pos += 2
                if pos < end, bytes[pos] == UInt8(ascii: "_") { pos += 1 }
                guard pos < end, radix.accept(bytes[pos]), digits(radix.accept) else {
                    throw invalidNumber("invalid \(radix.name) literal", start: start)
                }
                if pos < end, isDigit(bytes[pos]) {
                    throw invalidNumber("invalid digit '\(Character(Unicode.Scalar(bytes[pos])))' in \(radix.name) literal", start: start)
                }
                try checkEndOfNumber(start: start, kind: radix.name)
                emitOnLine(.number, from: start)
                return
            }
        }
        var isDecimalInteger = true
        if first != UInt8(ascii: ".") {
            guard digits({ [self] in isDigit($0) }) else { throw invalidNumber("invalid decimal literal", start: start) }
        }
        if pos < end, bytes[pos] == UInt8(ascii: ".") {
            isDecimalInteger = false
            pos += 1
            if pos < end, isDigit(bytes[pos]) {
                guard digits({ [self] in isDigit($0) }) else { throw invalidNumber("invalid decimal literal", start: start) }
            }
        }
        if pos < end, bytes[pos] | 0x20 == UInt8(ascii: "e") {
            var probe = pos + 1
            if probe < end, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
            if probe < end, isDigit(bytes[probe]) {
                isDecimalInteger = false
                pos = probe
                guard digits({ [self] in isDigit($0) }) else { throw invalidNumber("invalid decimal literal", start: start) }
            } else if !startsAllowedKeyword(at: pos) {
                throw invalidNumber("invalid decimal literal", start: start)
            }
        }
        if pos < end, bytes[pos] | 0x20 == UInt8(ascii: "j") {
            isDecimalInteger = false
            pos += 1
        }
        if isDecimalInteger, first == UInt8(ascii: "0") {
            var index = start
            while index < pos {
                if bytes[index] != UInt8(ascii: "0") && bytes[index] != UInt8(ascii: "_") {
                    throw invalidNumber("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", start: start)
                }
                index += 1
            }
        }
        try checkEndOfNumber(start: start, kind: "decimal")
        emitOnLine(.number, from: start)
    }

    /// CPython accepts `1if x else y` and friends: a number may touch these keywords.
    private func startsAllowedKeyword(at offset: Int) -> Bool {
        for word in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            let utf8 = word.utf8
            if offset + utf8.count <= end, zip(utf8, bytes[offset..<(offset + utf8.count)]).allSatisfy({ $0 == $1 }) {
                return true
            }
        }
        return false
    }

    private mutating func checkEndOfNumber(start: Int, kind: String) throws(PythonSyntaxError) {
        guard pos < end else { return }
        let byte = bytes[pos]
        if isIdentifierContinueASCII(byte) || byte >= 0x80 {
            if byte < 0x80, startsAllowedKeyword(at: pos) { return }
            throw invalidNumber("invalid \(kind) literal", start: start)
        }
    }

    private mutating func invalidNumber(_ message: String, start: Int) -> PythonSyntaxError {
        PythonSyntaxError(message, line: line, column: column(at: start))
    }

    // MARK: - Strings

    private mutating func string(prefixStart: Int) throws(PythonSyntaxError) {
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

    // MARK: - Operators

    private mutating func operatorToken() throws(PythonSyntaxError) {
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

enum UTF8Decoding {
    /// Decodes one scalar; malformed input yields U+FFFD and advances one byte.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        guard offset + length <= end else { return ("\u{FFFD}", 1) }
        for index in 1..<length {
            let byte = bytes[offset + index]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, length)
    }
}
