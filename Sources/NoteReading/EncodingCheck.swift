import LoomCore

/// Finds bytes a note should not hold; cmark replaces them with U+FFFD, and the user should know where.
enum EncodingCheck {
    static func diagnose(_ bytes: [UInt8], file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let offset = firstInvalidUTF8(in: bytes) {
            diagnostics.append(Diagnostic(.warning, at: location(of: offset, in: bytes, file: file), "note is not valid UTF-8 here; the bytes are shown as \u{FFFD}"))
        }
        if let offset = bytes.firstIndex(of: 0) {
            diagnostics.append(Diagnostic(.warning, at: location(of: offset, in: bytes, file: file), "note contains a NUL byte; it is shown as \u{FFFD}"))
        }
        return diagnostics
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// Line and column (in scalars) of a byte offset, counting `\n`, `\r\n` and `\r` as line ends.
    static func location(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { count, byte in (byte & 0xC0) == 0x80 ? count : count + 1 }
        return SourceLocation(file: file, line: line, column: column)
    }
}
