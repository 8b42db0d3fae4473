/// Python's format-spec mini-language:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
public struct FormatSpec: Equatable, Sendable {
    public var fill: Character?
    public var align: Character?
    public var sign: Character = "-"
    public var coerceNegativeZero = false
    public var alternate = false
    public var zeroPad = false
    public var width = 0
    public var grouping: Character?
    public var precision: Int?
    public var type: Character?

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let spec: String
        public var description: String { "ValueError: Invalid format specifier '\(spec)'" }
    }

    public init(parsing spec: String) throws(ParseError) {
        let chars = Array(spec)
        var i = 0
        let aligns: Set<Character> = ["<", ">", "=", "^"]
        if chars.count >= 2, aligns.contains(chars[1]) {
            fill = chars[0]
            align = chars[1]
            i = 2
        } else if let first = chars.first, aligns.contains(first) {
            align = first
            i = 1
        }
        if i < chars.count, "+- ".contains(chars[i]) { sign = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "z" { coerceNegativeZero = true; i += 1 }
        if i < chars.count, chars[i] == "#" { alternate = true; i += 1 }
        if i < chars.count, chars[i] == "0" { zeroPad = true; i += 1 }
        width = Self.number(chars, &i) ?? 0
        if i < chars.count, chars[i] == "," || chars[i] == "_" { grouping = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            guard let digits = Self.number(chars, &i) else { throw ParseError(spec: spec) }
            precision = digits
        }
        if i < chars.count { type = chars[i]; i += 1 }
        if i != chars.count { throw ParseError(spec: spec) }
    }

    private static func number(_ chars: [Character], _ i: inout Int) -> Int? {
        let start = i
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        return i > start ? Int(String(chars[start..<i])) : nil
    }

    /// Specs in translated code are literals checked when the note was translated; one that is
    /// still invalid ends the program the way an uncaught `ValueError` would.
    static func parseOrTrap(_ spec: String) -> FormatSpec {
        do { return try FormatSpec(parsing: spec) } catch { fatalError(error.description) }
    }

    // MARK: Strings

    public func apply(toText text: String) -> String {
        if let type, type != "s" { fatalError("ValueError: Unknown format code '\(type)' for object of type 'str'") }
        var body = text
        if let precision, body.unicodeScalars.count > precision {
            body = String(String.UnicodeScalarView(body.unicodeScalars.prefix(precision)))
        }
        return pad(body, defaultAlign: "<")
    }

    public func apply(toString text: String) -> String { apply(toText: text) }

    // MARK: Integers

    public func apply(toInt value: Int) -> String {
        switch type {
        case "e", "E", "f", "F", "g", "G", "%":
            return apply(toDouble: Double(value))
        case "c":
            let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value)) ?? "\u{FFFD}"
            return pad(String(Character(scalar)), defaultAlign: ">")
        default:
            break
        }
        let radix: Int
        var prefix = ""
        switch type {
        case "b": radix = 2; prefix = "0b"
        case "o": radix = 8; prefix = "0o"
        case "x": radix = 16; prefix = "0x"
        case "X": radix = 16; prefix = "0X"
        case nil, "d", "n": radix = 10
        case let other?: fatalError("ValueError: Unknown format code '\(other)' for object of type 'int'")
        }
        var digits = String(value.magnitude, radix: radix, uppercase: type == "X")
        if !alternate { prefix = "" }
        let signText = signPrefix(negative: value < 0)
        let groupSize = radix == 10 ? 3 : 4
        digits = grouped(digits, groupSize: groupSize, minWidth: zeroFillWidth(width - signText.count - prefix.count))
        return padNumber(sign: signText + prefix, body: digits)
    }

    // MARK: Floats

    public func apply(toDouble value: Double) -> String {
        let negative = value.sign == .minus && !value.isNaN
        var magnitude = value.magnitude
        var suffix = ""
        var body: String
        let upper = type == "E" || type == "F" || type == "G"
        if !value.isFinite {
            body = value.isNaN ? "nan" : "inf"
            if upper { body = body.uppercased() }
            if type == "%" { suffix = "%" }
            return padNumber(sign: signPrefix(negative: negative), body: body + suffix)
        }
        switch type {
        case "e", "E":
            body = CFormat.double(magnitude, "\(alternate ? "#" : "").\(precision ?? 6)\(type!)")
        case "f", "F":
            body = CFormat.double(magnitude, "\(alternate ? "#" : "").\(precision ?? 6)f")
        case "%":
            magnitude *= 100
            body = CFormat.double(magnitude, "\(alternate ? "#" : "").\(precision ?? 6)f")
            suffix = "%"
        case "g", "G", "n":
            let p = max(precision ?? 6, 1)
            body = CFormat.double(magnitude, "\(alternate ? "#" : "").\(p)\(type == "G" ? "G" : "g")")
        case nil:
            if let precision {
                body = Self.generalKeepingOneDecimal(magnitude, precision: max(precision, 1), alternate: alternate)
            } else {
                body = FloatRepr.repr(magnitude)
            }
        case let other?:
            fatalError("ValueError: Unknown format code '\(other)' for object of type 'float'")
        }
        var showNegative = negative
        if coerceNegativeZero && negative && body.allSatisfy({ !("1"..."9").contains($0) }) {
            showNegative = false
        }
        let signText = signPrefix(negative: showNegative)
        // Grouping applies to the integer digits only; the fraction and exponent follow unchanged.
        let split = body.firstIndex(where: { $0 == "." || $0 == "e" || $0 == "E" }) ?? body.endIndex
        let rest = String(body[split...]) + suffix
        if !magnitude.isFinite {  // `%` of a huge value overflows to inf, which is never grouped
            return padNumber(sign: signText, body: body + suffix)
        }
        let integerDigits = grouped(String(body[..<split]), groupSize: 3,
                                    minWidth: zeroFillWidth(width - signText.count - rest.count))
        return padNumber(sign: signText, body: integerDigits + rest)
    }

    /// No type with a precision: like `g`, but the fixed form keeps at least one decimal and the
    /// exponent form starts one digit earlier (CPython's `Py_DTSF_ADD_DOT_0`).
    static func generalKeepingOneDecimal(_ magnitude: Double, precision: Int, alternate: Bool) -> String {
        let scientific = CFormat.double(magnitude, "\(alternate ? "#" : "").\(precision - 1)e")
        let exponentStart = scientific.firstIndex(of: "e")!
        let exponent = Int(scientific[scientific.index(after: exponentStart)...])!
        let pointPosition = exponent + 1
        if pointPosition <= -4 || pointPosition > precision - 1 {
            var mantissa = String(scientific[..<exponentStart])
            if !alternate && mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            return mantissa + String(scientific[exponentStart...])
        }
        var fixed = CFormat.double(magnitude, ".\(precision - 1 - exponent)f")
        if !alternate {
            while fixed.hasSuffix("0") { fixed.removeLast() }
            if fixed.hasSuffix(".") { fixed += "0" }
        }
        return fixed
    }

    // MARK: Layout

    private func signPrefix(negative: Bool) -> String {
        if negative { return "-" }
        switch sign {
        case "+": return "+"
        case " ": return " "
        default: return ""
        }
    }

    /// With `0` padding and grouping, CPython puts the padding zeros inside the grouped digits.
    private func zeroFillWidth(_ available: Int) -> Int {
        effectiveFill == "0" && effectiveAlign(default: ">") == "=" && grouping != nil ? available : 0
    }

    private var effectiveFill: Character { fill ?? (zeroPad ? "0" : " ") }

    private func effectiveAlign(default defaultAlign: Character) -> Character {
        align ?? (zeroPad && defaultAlign == ">" ? "=" : defaultAlign)
    }

    private func grouped(_ digits: String, groupSize: Int, minWidth: Int) -> String {
        guard let separator = grouping else { return digits }
        var digits = Array(digits)
        func groupedLength(_ n: Int) -> Int { n + (n - 1) / groupSize }
        while groupedLength(digits.count) < minWidth { digits.insert("0", at: 0) }
        var out: [Character] = []
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % groupSize == 0 { out.append(separator) }
            out.append(digit)
        }
        return String(out)
    }

    private func padNumber(sign: String, body: String) -> String {
        let align = effectiveAlign(default: ">")
        if align == "=" {
            let missing = width - sign.unicodeScalars.count - body.unicodeScalars.count
            return sign + String(repeating: effectiveFill, count: max(0, missing)) + body
        }
        return pad(sign + body, defaultAlign: ">")
    }

    private func pad(_ text: String, defaultAlign: Character) -> String {
        let missing = width - text.unicodeScalars.count
        guard missing > 0 else { return text }
        let fillText = { (count: Int) in String(repeating: effectiveFill, count: count) }
        switch effectiveAlign(default: defaultAlign) {
        case "<": return text + fillText(missing)
        case "^": return fillText(missing / 2) + text + fillText(missing - missing / 2)
        default: return fillText(missing) + text
        }
    }
}
