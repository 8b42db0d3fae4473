/// Values of number tokens, as CPython computes them.
enum NumberLiteral {
    static func value(of bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(PythonSyntaxError) -> ConstantValue {
        var digits: [UInt8] = []
        digits.reserveCapacity(end - start)
        for offset in start..<end where bytes[offset] != UInt8(ascii: "_") { digits.append(bytes[offset]) }
        let last = digits[digits.count - 1] | 0x20
        if last == UInt8(ascii: "j") {
            digits.removeLast()
            return .imaginary(parseDouble(digits))
        }
        if digits.count > 1, digits[0] == UInt8(ascii: "0") {
            switch digits[1] | 0x20 {
            case UInt8(ascii: "x"): return integer(digits.dropFirst(2), radix: 16)
            case UInt8(ascii: "o"): return integer(digits.dropFirst(2), radix: 8)
            case UInt8(ascii: "b"): return integer(digits.dropFirst(2), radix: 2)
            default: break
            }
        }
        if digits.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) {
            return .float(parseDouble(digits))
        }
        return integer(digits[...], radix: 10)
    }

    private static func parseDouble(_ digits: [UInt8]) -> Double {
        Double(String(decoding: digits, as: UTF8.self)) ?? .nan
    }

    private static func digitValue(_ byte: UInt8) -> UInt32 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        default: UInt32((byte | 0x20) - UInt8(ascii: "a") + 10)
        }
    }

    /// An `Int` when it fits, otherwise the decimal digits of the exact value.
    private static func integer(_ digits: ArraySlice<UInt8>, radix: UInt32) -> ConstantValue {
        var value = 0
        var overflowed = false
        for byte in digits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: Int(radix))
            let (added, overflow2) = shifted.addingReportingOverflow(Int(digitValue(byte)))
            if overflow1 || overflow2 { overflowed = true; break }
            value = added
        }
        if !overflowed { return .int(value) }
        return .bigInt(decimalDigits(of: digits, radix: radix))
    }

    /// Exact base conversion with 32-bit limbs (least significant first), base 10⁹ on output.
    private static func decimalDigits(of digits: ArraySlice<UInt8>, radix: UInt32) -> String {
        var limbs: [UInt32] = [0]
        for byte in digits {
            var carry = UInt64(digitValue(byte))
            for position in limbs.indices {
                let product = UInt64(limbs[position]) * UInt64(radix) + carry
                limbs[position] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 { limbs.append(UInt32(carry)) }
        }
        var chunks: [UInt32] = []
        while !(limbs.count == 1 && limbs[0] == 0) {
            var remainder: UInt64 = 0
            for position in limbs.indices.reversed() {
                let current = remainder << 32 | UInt64(limbs[position])
                limbs[position] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while limbs.count > 1 && limbs[limbs.count - 1] == 0 { limbs.removeLast() }
        }
        guard let most = chunks.last else { return "0" }
        var text = String(most)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
