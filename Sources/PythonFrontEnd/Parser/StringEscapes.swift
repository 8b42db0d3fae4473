/// Decoding the body of a string or bytes literal (escape sequences, newline normalisation).
enum StringEscapes {
    /// The UTF-8 of a str literal body; a surrogate escape (`\ud800`) is written as its three-byte
    /// generalised UTF-8 form, which `stringConstant` recognises.
    static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, raw: Bool) throws(EscapeError) -> [UInt8] {
        let body = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !body.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 13 }) { return Array(body) }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 13 {
                output.append(10)
                index += (index + 1 < end && bytes[index + 1] == 10) ? 2 : 1
                continue
            }
            guard byte == UInt8(ascii: "\\"), !raw, index + 1 < end else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case 10: break
            case 13: if index < end, bytes[index] == 10 { index += 1 }
            case UInt8(ascii: "x"):
                appendScalar(try hexEscape(bytes, &index, end, count: 2, name: "\\xXX"), to: &output)
            case UInt8(ascii: "u"):
                appendScalar(try hexEscape(bytes, &index, end, count: 4, name: "\\uXXXX"), to: &output)
            case UInt8(ascii: "U"):
                let value = try hexEscape(bytes, &index, end, count: 8, name: "\\UXXXXXXXX")
                guard value <= 0x10FFFF else { throw EscapeError(message: "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character") }
                appendScalar(value, to: &output)
            case UInt8(ascii: "N"):
                appendScalar(try namedEscape(bytes, &index, end), to: &output)
            default:
                if let simple = simpleEscape(escape) {
                    output.append(simple)
                } else if let octal = octalEscape(escape, bytes, &index, end) {
                    appendScalar(octal, to: &output)
                } else {
                    // Unknown escapes stay as written (CPython only warns).
                    output.append(UInt8(ascii: "\\"))
                    index -= 1
                }
            }
        }
        return output
    }

    /// The bytes of a bytes literal body.
    static func decodeBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, raw: Bool) throws(EscapeError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte >= 0x80 { throw EscapeError(message: "bytes can only contain ASCII literal characters") }
            if byte == 13 {
                output.append(10)
                index += (index + 1 < end && bytes[index + 1] == 10) ? 2 : 1
                continue
            }
            guard byte == UInt8(ascii: "\\"), !raw, index + 1 < end else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case 10: break
            case 13: if index < end, bytes[index] == 10 { index += 1 }
            case UInt8(ascii: "x"):
                guard let value = try? hexEscape(bytes, &index, end, count: 2, name: "\\xXX") else {
                    throw EscapeError(message: "(value error) invalid \\x escape at position \(index - start - 2)")
                }
                output.append(UInt8(value))
            default:
                if let simple = simpleEscape(escape) {
                    output.append(simple)
                } else if let octal = octalEscape(escape, bytes, &index, end) {
                    output.append(UInt8(truncatingIfNeeded: octal))
                } else {
                    output.append(UInt8(ascii: "\\"))
                    index -= 1
                }
            }
        }
        return output
    }

    private static func simpleEscape(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "'"): UInt8(ascii: "'")
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "a"): 7
        case UInt8(ascii: "b"): 8
        case UInt8(ascii: "f"): 12
        case UInt8(ascii: "n"): 10
        case UInt8(ascii: "r"): 13
        case UInt8(ascii: "t"): 9
        case UInt8(ascii: "v"): 11
        default: nil
        }
    }

    private static func octalEscape(_ first: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int) -> UInt32? {
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "7") else { return nil }
        var value = UInt32(first - UInt8(ascii: "0"))
        var taken = 1
        while taken < 3, index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "7") {
            value = value * 8 + UInt32(bytes[index] - UInt8(ascii: "0"))
            index += 1
            taken += 1
        }
        return value
    }

    private static func hexEscape(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int, count: Int, name: String) throws(EscapeError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard index < end else { throw truncated(name) }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw truncated(name)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func truncated(_ name: String) -> EscapeError {
        EscapeError(message: "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \(name) escape")
    }

    private static func namedEscape(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int) throws(EscapeError) -> UInt32 {
        let malformed = EscapeError(message: "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape")
        guard index < end, bytes[index] == UInt8(ascii: "{") else { throw malformed }
        var close = index + 1
        while close < end, bytes[close] != UInt8(ascii: "}") { close += 1 }
        guard close < end, close > index + 1 else { throw malformed }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self)
        guard let scalar = UnicodeNames.scalar(named: name) else {
            throw EscapeError(message: "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name")
        }
        index = close + 1
        return scalar.value
    }

    private static func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        if (0xD800...0xDFFF).contains(value) {
            output += [0xE0 | UInt8(value >> 12), 0x80 | UInt8((value >> 6) & 0x3F), 0x80 | UInt8(value & 0x3F)]
            return
        }
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: String(scalar).utf8)
    }

    /// The constant for decoded string bytes: a `String`, or code points when lone surrogates are in it
    /// (their generalised UTF-8 starts 0xED 0xA0…0xBF, which well-formed UTF-8 never does).
    static func stringConstant(_ bytes: [UInt8], isUnicodePrefixed: Bool) -> ConstantValue {
        var hasSurrogate = false
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0xED, bytes[index + 1] >= 0xA0 { hasSurrogate = true; break }
            index += 1
        }
        guard hasSurrogate else { return .string(String(decoding: bytes, as: UTF8.self), isUnicodePrefixed: isUnicodePrefixed) }
        var codePoints: [UInt32] = []
        index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length where index + offset < bytes.count {
                value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
            }
            codePoints.append(value)
            index += length
        }
        return .surrogateString(codePoints, isUnicodePrefixed: isUnicodePrefixed)
    }
}

struct EscapeError: Error {
    var message: String
}

/// `\N{NAME}` lookups; the table is built on first use from the scalars' names and aliases.
enum UnicodeNames {
    private static let table: [String: Unicode.Scalar] = {
        var names: [String: Unicode.Scalar] = [:]
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let properties = scalar.properties
            if let name = properties.name { names[name] = scalar }
            if let alias = properties.nameAlias { names[alias] = scalar }
        }
        return names
    }()

    static func scalar(named name: String) -> Unicode.Scalar? {
        table[name.uppercased()]
    }
}
