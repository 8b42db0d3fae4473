/// Identifiers and keywords, and the prefixes that turn a name into a string.
extension Lexer {
    func isIdentifierStartASCII(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    func isIdentifierContinueASCII(_ byte: UInt8) -> Bool {
        isIdentifierStartASCII(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    mutating func identifierOrPrefixedString() throws(PythonSyntaxError) {
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

    mutating func invalidCharacter(_ scalar: Unicode.Scalar, at offset: Int) -> PythonSyntaxError {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let shown = scalar.properties.generalCategory == .control ? "" : "'\(Character(scalar))' "
        let message = shown.isEmpty ? "invalid non-printable character U+\(padded)" : "invalid character \(shown)(U+\(padded))"
        return PythonSyntaxError(message, line: line, column: column(at: offset))
    }
}
