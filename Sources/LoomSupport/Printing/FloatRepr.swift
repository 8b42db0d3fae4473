/// CPython's `repr(float)`: the shortest digits that read back to the same double, laid out in
/// fixed notation when the decimal exponent is in -4..<16 and in exponent notation otherwise.
enum FloatRepr {
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, point) = shortestDigits(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let exponent = point - 1
        if exponent < -4 || exponent >= 16 {
            return sign + scientific(digits: digits, exponent: exponent)
        }
        return sign + fixed(digits: digits, point: point)
    }

    /// Swift's `description` already yields the shortest round-trip digits (closest to the exact
    /// value on ties, as CPython's dtoa does); only the layout differs. Returns the digits without
    /// leading or trailing zeros and the position of the decimal point: value = 0.digits × 10^point.
    static func shortestDigits(_ magnitude: Double) -> (digits: [UInt8], point: Int) {
        let text = magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." { seenPoint = true; continue }
            digits.append(UInt8(character.asciiValue! - 48))
            if !seenPoint { point += 1 }
        }
        while digits.first == 0 { digits.removeFirst(); point -= 1 }
        while digits.last == 0 { digits.removeLast() }
        return (digits, point + exponent)
    }

    static func scientific(digits: [UInt8], exponent: Int) -> String {
        var text = String(digits[0])
        if digits.count > 1 { text += "." + digits[1...].map(String.init).joined() }
        return text + exponentSuffix(exponent)
    }

    /// `e+16`, `e-05`: a sign and at least two digits, as C's printf and CPython write them.
    static func exponentSuffix(_ exponent: Int) -> String {
        let magnitude = String(abs(exponent))
        return "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    static func fixed(digits: [UInt8], point: Int) -> String {
        let text = digits.map(String.init).joined()
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + text }
        if point >= digits.count { return text + String(repeating: "0", count: point - digits.count) + ".0" }
        let split = text.index(text.startIndex, offsetBy: point)
        return text[..<split] + "." + text[split...]
    }
}
