/// Escaping for text Loom did not write itself: everything from a note or a run.
public enum HTMLEscaping {
    /// For element content and attribute values alike.
    public static func escape(_ text: some StringProtocol) -> String {
        // Most text has nothing to escape: one scan of its bytes, and no copy beyond the result.
        guard text.utf8.contains(where: needsEscaping) else { return String(text) }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 { appendEscaped(byte, to: &escaped) }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Appends `bytes` (UTF-8) to `output`, escaped as `escape` would.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for position in 0..<bytes.count where needsEscaping(bytes[position]) {
            if position > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
            appendEscaped(bytes[position], to: &output)
            runStart = position + 1
        }
        if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        // `&` `'` `"` `<` `>` all lie at or below `>`; one comparison rules out most bytes.
        byte <= 0x3E && (byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27)
    }

    @inline(__always)
    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case 0x26: output.append(contentsOf: "&amp;".utf8)
        case 0x3C: output.append(contentsOf: "&lt;".utf8)
        case 0x3E: output.append(contentsOf: "&gt;".utf8)
        case 0x22: output.append(contentsOf: "&quot;".utf8)
        case 0x27: output.append(contentsOf: "&#39;".utf8)
        default: output.append(byte)
        }
    }

    /// A vault path as a relative URL: each segment percent-encoded, so no path can break out of `href`.
    public static func urlPath(_ path: String) -> String {
        // Most note names need no escaping at all; every page of a vault asks.
        if path.utf8.allSatisfy({ isUnreserved($0) || $0 == UInt8(ascii: "/") }) { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            var encoded = ""
            for byte in segment.utf8 {
                if isUnreserved(byte) {
                    encoded.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
            return encoded
        }.joined(separator: "/")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
