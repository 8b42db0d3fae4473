/// An arbitrary-precision integer for Python's `int` past 64 bits: sign and magnitude, the
/// magnitude in 32-bit limbs, least significant first, with no leading zero limbs (zero has none).
/// Small values live in `PyObject`'s `Int` case; this type only carries what overflowed.
struct BigInt: Sendable, Hashable {
    var negative: Bool
    var limbs: [UInt32]

    init(negative: Bool = false, limbs: [UInt32]) {
        self.limbs = limbs
        self.negative = negative
        normalize()
    }

    init(_ value: Int) {
        negative = value < 0
        var magnitude = value.magnitude
        limbs = []
        while magnitude != 0 {
            limbs.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        }
    }

    init(magnitude: UInt, negative: Bool) {
        var m = magnitude
        limbs = []
        while m != 0 { limbs.append(UInt32(truncatingIfNeeded: m)); m >>= 32 }
        self.negative = negative && !limbs.isEmpty
    }

    var isZero: Bool { limbs.isEmpty }

    mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
        if limbs.isEmpty { negative = false }
    }

    /// The value as an `Int` when it fits.
    var asInt: Int? {
        if limbs.count > 2 { return nil }
        var magnitude: UInt = 0
        for (index, limb) in limbs.enumerated() { magnitude |= UInt(limb) << (32 * index) }
        if negative {
            if magnitude <= UInt(Int.max) + 1 { return magnitude == UInt(Int.max) + 1 ? Int.min : -Int(magnitude) }
            return nil
        }
        return magnitude <= UInt(Int.max) ? Int(magnitude) : nil
    }

    // MARK: Magnitude arithmetic

    static func compareMagnitude(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var index = a.count - 1
        while index >= 0 {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    static func addMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = [UInt32]()
        result.reserveCapacity(long.count + 1)
        var carry: UInt64 = 0
        for index in 0..<long.count {
            let sum = UInt64(long[index]) + (index < short.count ? UInt64(short[index]) : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry != 0 { result.append(UInt32(carry)) }
        return result
    }

    /// a - b for |a| >= |b|.
    static func subtractMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = [UInt32]()
        result.reserveCapacity(a.count)
        var borrow: Int64 = 0
        for index in 0..<a.count {
            var difference = Int64(a[index]) - (index < b.count ? Int64(b[index]) : 0) - borrow
            if difference < 0 { difference += 1 << 32; borrow = 1 } else { borrow = 0 }
            result.append(UInt32(truncatingIfNeeded: difference))
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let ai = UInt64(a[i])
            if ai == 0 { continue }
            for j in 0..<b.count {
                let product = ai * UInt64(b[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            var k = i + b.count
            while carry != 0 {
                let sum = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
                k += 1
            }
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    /// Divides a magnitude by one limb, returning quotient and remainder.
    static func divideMagnitude(_ a: [UInt32], by divisor: UInt32) -> ([UInt32], UInt32) {
        var quotient = [UInt32](repeating: 0, count: a.count)
        var remainder: UInt64 = 0
        var index = a.count - 1
        while index >= 0 {
            let current = (remainder << 32) | UInt64(a[index])
            quotient[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
            index -= 1
        }
        while quotient.last == 0 { quotient.removeLast() }
        return (quotient, UInt32(remainder))
    }

    /// Knuth's algorithm D: truncated quotient and remainder of magnitudes.
    static func divideMagnitude(_ a: [UInt32], _ b: [UInt32]) -> ([UInt32], [UInt32]) {
        precondition(!b.isEmpty)
        if compareMagnitude(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let (q, r) = divideMagnitude(a, by: b[0])
            return (q, r == 0 ? [] : [r])
        }
        let shift = UInt32(b.last!.leadingZeroBitCount)
        let v = shiftLeftMagnitude(b, Int(shift))
        var u = shiftLeftMagnitude(a, Int(shift))
        if u.count == a.count { u.append(0) }
        if u.count < a.count + 1 { u.append(0) }
        let n = v.count
        let m = u.count - n
        var q = [UInt32](repeating: 0, count: m)
        let base: UInt64 = 1 << 32
        var j = m - 1
        while j >= 0 {
            let numerator = (UInt64(u[j + n]) << 32) | UInt64(u[j + n - 1])
            var qhat = numerator / UInt64(v[n - 1])
            var rhat = numerator % UInt64(v[n - 1])
            while qhat >= base || qhat * UInt64(v[n - 2]) > ((rhat << 32) | UInt64(u[j + n - 2])) {
                qhat -= 1
                rhat += UInt64(v[n - 1])
                if rhat >= base { break }
            }
            var borrow: Int64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let product = qhat * UInt64(v[i]) + carry
                carry = product >> 32
                let t = Int64(u[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
                u[i + j] = UInt32(truncatingIfNeeded: t)
                borrow = t < 0 ? 1 : 0
            }
            let t = Int64(u[j + n]) - borrow - Int64(carry)
            u[j + n] = UInt32(truncatingIfNeeded: t)
            if t < 0 {
                qhat -= 1
                var carry2: UInt64 = 0
                for i in 0..<n {
                    let sum = UInt64(u[i + j]) + UInt64(v[i]) + carry2
                    u[i + j] = UInt32(truncatingIfNeeded: sum)
                    carry2 = sum >> 32
                }
                u[j + n] = UInt32(truncatingIfNeeded: UInt64(u[j + n]) + carry2)
            }
            q[j] = UInt32(truncatingIfNeeded: qhat)
            j -= 1
        }
        while q.last == 0 { q.removeLast() }
        var remainder = Array(u[0..<n])
        remainder = shiftRightMagnitude(remainder, Int(shift))
        return (q, remainder)
    }

    static func shiftLeftMagnitude(_ a: [UInt32], _ bits: Int) -> [UInt32] {
        if a.isEmpty { return [] }
        let limbShift = bits / 32, bitShift = bits % 32
        var result = [UInt32](repeating: 0, count: limbShift)
        result.reserveCapacity(limbShift + a.count + 1)
        if bitShift == 0 {
            result.append(contentsOf: a)
        } else {
            var carry: UInt32 = 0
            for limb in a {
                result.append((limb << UInt32(bitShift)) | carry)
                carry = limb >> UInt32(32 - bitShift)
            }
            if carry != 0 { result.append(carry) }
        }
        return result
    }

    static func shiftRightMagnitude(_ a: [UInt32], _ bits: Int) -> [UInt32] {
        let limbShift = bits / 32, bitShift = bits % 32
        if limbShift >= a.count { return [] }
        var result = Array(a[limbShift...])
        if bitShift != 0 {
            for index in 0..<result.count {
                let high = index + 1 < result.count ? result[index + 1] << UInt32(32 - bitShift) : 0
                result[index] = (result[index] >> UInt32(bitShift)) | high
            }
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    // MARK: Signed arithmetic

    static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative { return BigInt(negative: a.negative, limbs: addMagnitude(a.limbs, b.limbs)) }
        let order = compareMagnitude(a.limbs, b.limbs)
        if order == 0 { return BigInt(0) }
        if order > 0 { return BigInt(negative: a.negative, limbs: subtractMagnitude(a.limbs, b.limbs)) }
        return BigInt(negative: b.negative, limbs: subtractMagnitude(b.limbs, a.limbs))
    }

    static prefix func - (a: BigInt) -> BigInt { BigInt(negative: !a.negative, limbs: a.limbs) }
    static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }
    static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(negative: a.negative != b.negative, limbs: multiplyMagnitude(a.limbs, b.limbs))
    }

    /// Python's floor division and modulo: the remainder takes the divisor's sign.
    func floorDivMod(_ b: BigInt) -> (BigInt, BigInt) {
        let (q, r) = BigInt.divideMagnitude(limbs, b.limbs)
        var quotient = BigInt(negative: negative != b.negative, limbs: q)
        var remainder = BigInt(negative: negative, limbs: r)
        if !remainder.isZero && remainder.negative != b.negative {
            quotient = quotient - BigInt(1)
            remainder = remainder + b
        }
        return (quotient, remainder)
    }

    static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let order = compareMagnitude(a.limbs, b.limbs)
        return a.negative ? -order : order
    }

    func power(_ exponent: Int) -> BigInt {
        var result = BigInt(1), base = self, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    func shiftedLeft(_ bits: Int) -> BigInt { BigInt(negative: negative, limbs: BigInt.shiftLeftMagnitude(limbs, bits)) }

    /// Arithmetic shift right: floors toward negative infinity, as Python's `>>` does.
    func shiftedRight(_ bits: Int) -> BigInt {
        if !negative { return BigInt(negative: false, limbs: BigInt.shiftRightMagnitude(limbs, bits)) }
        // -((|a| - 1) >> bits) - 1
        let magnitudeMinusOne = BigInt.subtractMagnitude(limbs, [1])
        let shifted = BigInt.shiftRightMagnitude(magnitudeMinusOne, bits)
        return BigInt(negative: true, limbs: BigInt.addMagnitude(shifted, [1]))
    }

    // MARK: Two's complement bitwise operations

    /// The value's two's complement in `count` limbs (enough to hold the sign).
    private func twosComplement(_ count: Int) -> [UInt32] {
        var result = limbs + [UInt32](repeating: 0, count: count - limbs.count)
        if negative {
            var carry: UInt64 = 1
            for index in 0..<count {
                let sum = UInt64(~result[index]) + carry
                result[index] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
            }
        }
        return result
    }

    private static func fromTwosComplement(_ limbs: [UInt32]) -> BigInt {
        guard let top = limbs.last, top & 0x8000_0000 != 0 else { return BigInt(negative: false, limbs: limbs) }
        var magnitude = limbs
        var carry: UInt64 = 1
        for index in 0..<magnitude.count {
            let sum = UInt64(~magnitude[index]) + carry
            magnitude[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        return BigInt(negative: true, limbs: magnitude)
    }

    static func bitwise(_ a: BigInt, _ b: BigInt, _ operation: (UInt32, UInt32) -> UInt32) -> BigInt {
        let count = max(a.limbs.count, b.limbs.count) + 1
        let x = a.twosComplement(count), y = b.twosComplement(count)
        return fromTwosComplement((0..<count).map { operation(x[$0], y[$0]) })
    }

    // MARK: Conversions

    func toString(radix: Int = 10, uppercase: Bool = false) -> String {
        if isZero { return "0" }
        let chunkDigits: Int, chunkBase: UInt32
        switch radix {
        case 10: chunkDigits = 9; chunkBase = 1_000_000_000
        case 16: chunkDigits = 7; chunkBase = 0x1000_0000
        case 8: chunkDigits = 10; chunkBase = 1 << 30
        case 2: chunkDigits = 31; chunkBase = 1 << 31
        default: chunkDigits = 1; chunkBase = UInt32(radix)
        }
        var chunks: [UInt32] = []
        var magnitude = limbs
        while !magnitude.isEmpty {
            let (q, r) = BigInt.divideMagnitude(magnitude, by: chunkBase)
            chunks.append(r)
            magnitude = q
        }
        var text = negative ? "-" : ""
        text += String(chunks.last!, radix: radix, uppercase: uppercase)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk, radix: radix, uppercase: uppercase)
            text += String(repeating: "0", count: chunkDigits - part.count) + part
        }
        return text
    }

    /// Parses digits (no sign, no underscores) in `radix`.
    init?(digits: Substring, radix: Int, negative: Bool) {
        var magnitude: [UInt32] = []
        for character in digits.unicodeScalars {
            guard let digit = BigInt.digitValue(character), digit < radix else { return nil }
            // magnitude = magnitude * radix + digit
            var carry = UInt64(digit)
            for index in 0..<magnitude.count {
                let product = UInt64(magnitude[index]) * UInt64(radix) + carry
                magnitude[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 { magnitude.append(UInt32(carry)) }
        }
        self.init(negative: negative, limbs: magnitude)
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 48...57: return Int(scalar.value) - 48
        case 97...122: return Int(scalar.value) - 87
        case 65...90: return Int(scalar.value) - 55
        default:
            if let numeric = scalar.properties.numericType, numeric == .decimal, let value = scalar.properties.numericValue {
                return Int(value)
            }
            return nil
        }
    }

    /// Correctly rounded (half to even) conversion, as CPython's `float(int)`; nil on overflow.
    func toDouble() -> Double? {
        let bits = bitLength
        if bits <= 64 {
            var magnitude: UInt64 = 0
            for (index, limb) in limbs.enumerated() { magnitude |= UInt64(limb) << (32 * UInt64(index)) }
            let value = Double(magnitude)  // Swift rounds to nearest even
            return negative ? -value : value
        }
        if bits > 1024 { return nil }
        // Keep 55 significant bits and a sticky bit, then let the hardware round once.
        let shift = bits - 55
        let top = BigInt.shiftRightMagnitude(limbs, shift)
        var mantissa: UInt64 = 0
        for (index, limb) in top.enumerated() { mantissa |= UInt64(limb) << (32 * UInt64(index)) }
        let lostNonZero = BigInt.compareMagnitude(BigInt.shiftLeftMagnitude(top, shift), limbs) != 0
        if lostNonZero { mantissa |= 1 }
        let value = Double(sign: negative ? .minus : .plus, exponent: shift, significand: Double(mantissa))
        return value.isFinite ? value : nil
    }

    /// The integer part of a finite double.
    init(truncating value: Double) {
        let magnitude = value.magnitude.rounded(.towardZero)
        if magnitude < 1.8e19 {
            self.init(magnitude: UInt(magnitude), negative: value < 0)
            return
        }
        let exponent = Int(magnitude.exponent)
        let significand = UInt64(magnitude.significandBitPattern) | (1 << 52)
        let base = BigInt(magnitude: UInt(significand), negative: false)
        let shifted = exponent >= 52 ? base.shiftedLeft(exponent - 52) : base.shiftedRight(52 - exponent)
        self.init(negative: value < 0, limbs: shifted.limbs)
    }

    /// CPython's `hash(int)`: the value modulo the Mersenne prime 2**61 - 1, sign kept, -1 → -2.
    var pythonHash: Int {
        let modulus: UInt64 = (1 << 61) - 1
        var accumulator: UInt64 = 0
        for limb in limbs.reversed() {
            // accumulator = (accumulator * 2**32 + limb) mod modulus, by rotation in 61 bits
            accumulator = ((accumulator << 32) & modulus) | (accumulator >> (61 - 32))
            accumulator += UInt64(limb)
            if accumulator >= modulus { accumulator -= modulus }
        }
        var result = Int(accumulator)
        if negative { result = -result }
        return result == -1 ? -2 : result
    }
}
