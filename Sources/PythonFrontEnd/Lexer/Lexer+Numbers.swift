/// Number literals, with CPython's rules for underscores, prefixes and leading zeros.
extension Lexer {
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// Digits with single underscores between them; returns false when an underscore is misplaced.
    mutating func digits(_ accept: (UInt8) -> Bool) -> Bool {
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

    mutating func number() throws(PythonSyntaxError) {
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
    func startsAllowedKeyword(at offset: Int) -> Bool {
        for word in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            let utf8 = word.utf8
            if offset + utf8.count <= end, zip(utf8, bytes[offset..<(offset + utf8.count)]).allSatisfy({ $0 == $1 }) {
                return true
            }
        }
        return false
    }

    mutating func checkEndOfNumber(start: Int, kind: String) throws(PythonSyntaxError) {
        guard pos < end else { return }
        let byte = bytes[pos]
        if isIdentifierContinueASCII(byte) || byte >= 0x80 {
            if byte < 0x80, startsAllowedKeyword(at: pos) { return }
            throw invalidNumber("invalid \(kind) literal", start: start)
        }
    }

    mutating func invalidNumber(_ message: String, start: Int) -> PythonSyntaxError {
        PythonSyntaxError(message, line: line, column: column(at: start))
    }
}
