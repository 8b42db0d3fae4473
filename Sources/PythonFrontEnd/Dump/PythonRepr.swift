/// Python's `repr` of the constant values `ast.dump` prints.
enum PythonRepr {
    static func constant(_ value: ConstantValue) -> String {
        switch value {
        case .none: "None"
        case .bool(let flag): flag ? "True" : "False"
        case .ellipsis: "Ellipsis"
        case .int(let number): String(number)
        case .bigInt(let digits): digits
        case .float(let number): float(number)
        case .imaginary(let number): imaginary(number)
        case .string(let text, _): string(text)
        case .surrogateString(let codePoints, _): string(codePoints: codePoints)
        case .bytes(let bytes): self.bytes(bytes)
        }
    }

    /// Swift's shortest round-trip description matches Python's `repr(float)`, including its
    /// switch to exponent notation below 1e-4 and from 1e16.
    static func float(_ number: Double) -> String {
        number.description
    }

    /// `repr(complex(0, y))`: the imaginary part without a trailing `.0`, then `j`.
    static func imaginary(_ number: Double) -> String {
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text + "j"
    }

    static func string(_ text: String) -> String {
        string(codePoints: text.unicodeScalars.map(\.value))
    }

    static func string(codePoints: [UInt32]) -> String {
        let quote: Character = codePoints.contains(0x27) && !codePoints.contains(0x22) ? "\"" : "'"
        var output = String(quote)
        output.reserveCapacity(codePoints.count + 2)
        for value in codePoints {
            guard let scalar = Unicode.Scalar(value) else {
                output += hexEscape(value, prefix: "\\u", width: 4)
                continue
            }
            switch scalar {
            case "\\": output += "\\\\"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            default:
                if Character(scalar) == quote {
                    output += "\\\(quote)"
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += hexEscape(scalar.value, prefix: "\\x", width: 2)
                } else if scalar.value < 0x7F || isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    output += hexEscape(scalar.value, prefix: "\\x", width: 2)
                } else if scalar.value <= 0xFFFF {
                    output += hexEscape(scalar.value, prefix: "\\u", width: 4)
                } else {
                    output += hexEscape(scalar.value, prefix: "\\U", width: 8)
                }
            }
        }
        output.append(quote)
        return output
    }

    static func bytes(_ bytes: [UInt8]) -> String {
        let hasSingle = bytes.contains(UInt8(ascii: "'"))
        let hasDouble = bytes.contains(UInt8(ascii: "\""))
        let quote: UInt8 = hasSingle && !hasDouble ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var output = "b" + String(Character(Unicode.Scalar(quote)))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): output += "\\\\"
            case 9: output += "\\t"
            case 10: output += "\\n"
            case 13: output += "\\r"
            case quote: output += "\\" + String(Character(Unicode.Scalar(quote)))
            case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(byte))
            default: output += hexEscape(UInt32(byte), prefix: "\\x", width: 2)
            }
        }
        output += String(Character(Unicode.Scalar(quote)))
        return output
    }

    private static func hexEscape(_ value: UInt32, prefix: String, width: Int) -> String {
        let hex = String(value, radix: 16)
        return prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
    }

    /// Python's `str.isprintable` for one character: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp,
    /// and not a separator other than the ASCII space. CPython 3.11 knows Unicode 14.0: characters
    /// assigned later are unassigned (Cn) to it.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age, age.major < 14 || (age.major == 14 && age.minor == 0) else { return false }
        return switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            false
        case .spaceSeparator:
            scalar == " "
        default:
            true
        }
    }
}
