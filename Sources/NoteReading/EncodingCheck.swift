import Foundation
import LoomCore

/// Finds bytes a note should not hold; cmark replaces them with U+FFFD, and the user should know where.
enum EncodingCheck {
    static func diagnose(_ bytes: [UInt8], file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let offset = firstInvalidUTF8(in: bytes) {
            diagnostics.append(Diagnostic(.warning, at: location(of: offset, in: bytes, file: file), "note is not valid UTF-8 here; the bytes are shown as \u{FFFD}"))
        }
        if let offset = firstNUL(in: bytes) {
            diagnostics.append(Diagnostic(.warning, at: location(of: offset, in: bytes, file: file), "note contains a NUL byte; it is shown as \u{FFFD}"))
        }
        return diagnostics
    }

    /// Where the first byte sequence that is not a valid scalar starts, as Swift's UTF-8 parser finds it.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        // Unicode's table of well-formed sequences (Table 3-7); ASCII, nearly all of a note, costs one comparison.
        bytes.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var index = 0
            func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
                index + offset < count && range.contains(bytes[index + offset])
            }
            let raw = UnsafeRawBufferPointer(bytes)
            while index < count {
                // Eight ASCII bytes at a time: a note is nearly all ASCII.
                while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { break }
                let byte = bytes[index]
                if byte < 0x80 { index += 1; continue }
                let length: Int
                switch byte {
                case 0xC2...0xDF: length = continuation(1) ? 2 : 0
                case 0xE0: length = continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
                case 0xE1...0xEC, 0xEE...0xEF: length = continuation(1) && continuation(2) ? 3 : 0
                case 0xED: length = continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
                case 0xF0: length = continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
                case 0xF1...0xF3: length = continuation(1) && continuation(2) && continuation(3) ? 4 : 0
                case 0xF4: length = continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
                default: length = 0
                }
                if length == 0 { return index }
                index += length
            }
            return nil
        }
    }

    static func firstNUL(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The same answer from the standard library's parser: the reference the table above is tested against.
    static func firstInvalidUTF8UsingParser(in bytes: [UInt8]) -> Int? {
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
