import Foundation

/// One value of the General Decimal Arithmetic specification: a sign, a coefficient of any
/// size and a power-of-ten exponent, or an infinity or NaN. Arithmetic on it lives in
/// `DecimalArithmetic.swift`; this file reads and writes its text and rounds it.
struct DecimalNumber: Sendable {
    enum Kind: Sendable { case finite, infinity, quietNaN, signalingNaN }

    var kind: Kind
    var negative: Bool
    /// Never negative. A NaN keeps its diagnostic digits here (`NaN123`).
    var coefficient: BigInt
    var exponent: Int

    static func finite(_ negative: Bool, _ coefficient: BigInt, _ exponent: Int) -> DecimalNumber {
        DecimalNumber(kind: .finite, negative: negative, coefficient: coefficient, exponent: exponent)
    }
    static func infinity(_ negative: Bool) -> DecimalNumber {
        DecimalNumber(kind: .infinity, negative: negative, coefficient: BigInt(0), exponent: 0)
    }
    static let nan = DecimalNumber(kind: .quietNaN, negative: false, coefficient: BigInt(0), exponent: 0)
    static let zero = finite(false, BigInt(0), 0)
    static let one = finite(false, BigInt(1), 0)

    init(kind: Kind, negative: Bool, coefficient: BigInt, exponent: Int) {
        self.kind = kind
        self.negative = negative
        self.coefficient = coefficient
        self.exponent = exponent
    }

    init(_ integer: BigInt) {
        self.init(kind: .finite, negative: integer.negative, coefficient: BigInt(negative: false, limbs: integer.limbs), exponent: 0)
    }

    /// A float's exact value: m·2^e is m·5^-e·10^e when e is negative.
    init(_ value: Double) {
        if value.isNaN { self = .nan; return }
        if value.isInfinite { self = .infinity(value < 0); return }
        let negative = value.sign == .minus
        if value == 0 { self = .finite(negative, BigInt(0), 0); return }
        var significand = value.isNormal ? (UInt64(1) << 52) | value.significandBitPattern : value.significandBitPattern
        var binaryExponent = value.isNormal ? Int(value.exponent) - 52 : -1074
        let zeros = significand.trailingZeroBitCount
        significand >>= UInt64(zeros)
        binaryExponent += zeros
        let magnitude = BigInt(magnitude: UInt(significand), negative: false)
        if binaryExponent >= 0 {
            self = .finite(negative, magnitude.shiftedLeft(binaryExponent), 0)
        } else {
            self = .finite(negative, magnitude * BigInt(5).power(-binaryExponent), binaryExponent)
        }
    }

    var isFinite: Bool { kind == .finite }
    var isNaN: Bool { kind == .quietNaN || kind == .signalingNaN }
    var isInfinite: Bool { kind == .infinity }
    var isZero: Bool { kind == .finite && coefficient.isZero }
    var digits: String { coefficient.toString() }
    var digitCount: Int { DecimalNumber.digitCount(coefficient) }
    /// The exponent of the most significant digit: the spec's "adjusted exponent".
    var adjusted: Int { exponent + digitCount - 1 }
    var negated: DecimalNumber { var copy = self; copy.negative.toggle(); return copy }
    var magnitude: DecimalNumber { var copy = self; copy.negative = false; return copy }
    /// Whether a finite value is a whole number (`Decimal('2.00')` is).
    var isIntegral: Bool {
        guard isFinite else { return false }
        if exponent >= 0 || coefficient.isZero { return true }
        return DecimalNumber.dropDigits(coefficient, -exponent, negative: false, .down).inexact == false
    }

    /// The signed integer m·10^e for a whole number, truncated toward zero otherwise.
    var truncatedInteger: BigInt {
        let magnitude = exponent >= 0 ? coefficient * DecimalNumber.powerOfTen(exponent)
                                      : DecimalNumber.dropDigits(coefficient, -exponent, negative: false, .down).kept
        return negative ? -magnitude : magnitude
    }

    static func digitCount(_ value: BigInt) -> Int {
        if value.isZero { return 1 }
        if let small = value.asInt { return String(small.magnitude).count }
        return value.toString().count - (value.negative ? 1 : 0)
    }

    private static let smallPowers: [BigInt] = (0...40).map { BigInt(10).power($0) }
    static func powerOfTen(_ exponent: Int) -> BigInt {
        exponent < smallPowers.count ? smallPowers[exponent] : BigInt(10).power(exponent)
    }

    // MARK: Rounding

    /// Removes the last `count` digits of a non-negative coefficient, rounding by `mode`.
    static func dropDigits(_ coefficient: BigInt, _ count: Int, negative: Bool, _ mode: DecimalRounding) -> (kept: BigInt, inexact: Bool) {
        if count <= 0 { return (coefficient * powerOfTen(-count), false) }
        let divisor = powerOfTen(count)
        let (kept, dropped) = coefficient.floorDivMod(divisor)
        if dropped.isZero { return (kept, false) }
        let half = BigInt.compare(dropped + dropped, divisor)
        let increments: Bool
        switch mode {
        case .down: increments = false
        case .up: increments = true
        case .ceiling: increments = !negative
        case .floor: increments = negative
        case .halfUp: increments = half >= 0
        case .halfDown: increments = half > 0
        case .halfEven: increments = half > 0 || (half == 0 && kept.floorDivMod(BigInt(2)).1.asInt == 1)
        case .zeroFiveUp:
            let last = kept.floorDivMod(BigInt(10)).1.asInt ?? 0
            increments = last == 0 || last == 5
        }
        return (increments ? kept + BigInt(1) : kept, true)
    }

    /// The value rounded to the context's precision and exponent limits, noting what happened.
    func rounded(_ context: DecimalSettings, _ conditions: inout DecimalConditions) -> DecimalNumber {
        guard isFinite else { return self }
        var result = self
        let excess = digitCount - context.precision
        if excess > 0 {
            var (kept, inexact) = DecimalNumber.dropDigits(coefficient, excess, negative: negative, context.rounding)
            var exponent = self.exponent + excess
            if DecimalNumber.digitCount(kept) > context.precision {
                kept = kept.floorDivMod(BigInt(10)).0
                exponent += 1
            }
            result = .finite(negative, kept, exponent)
            conditions.insert(.rounded)
            if inexact { conditions.insert(.inexact) }
        }
        if !result.coefficient.isZero && result.adjusted > context.emax {
            conditions.formUnion([.overflow, .inexact, .rounded])
            return DecimalNumber.overflowResult(negative, context)
        }
        let tiny = context.emin - context.precision + 1
        if !result.coefficient.isZero && result.adjusted < context.emin {
            conditions.insert(.subnormal)
            if result.exponent < tiny {
                let (kept, inexact) = DecimalNumber.dropDigits(result.coefficient, tiny - result.exponent, negative: negative, context.rounding)
                result = .finite(negative, kept, tiny)
                conditions.insert(.rounded)
                if inexact { conditions.formUnion([.inexact, .underflow]) }
                if kept.isZero { conditions.insert(.clamped) }
            }
        } else if result.coefficient.isZero && result.exponent < tiny {
            result.exponent = tiny
            conditions.insert(.clamped)
        } else if result.coefficient.isZero && result.exponent > context.emax {
            result.exponent = context.emax
            conditions.insert(.clamped)
        }
        return result
    }

    /// What an overflow gives: infinity, or the largest finite number when rounding goes toward zero.
    static func overflowResult(_ negative: Bool, _ context: DecimalSettings) -> DecimalNumber {
        let toInfinity: Bool
        switch context.rounding {
        case .down, .zeroFiveUp: toInfinity = false
        case .ceiling: toInfinity = !negative
        case .floor: toInfinity = negative
        default: toInfinity = true
        }
        if toInfinity { return .infinity(negative) }
        return .finite(negative, powerOfTen(context.precision) - BigInt(1), context.emax - context.precision + 1)
    }

    // MARK: Text

    /// `Decimal(str)`: the spec's numeric string, with Python's surrounding whitespace and underscores.
    static func parse(_ text: String) -> DecimalNumber? {
        // Any script's decimal digits count, as `int()` and CPython's Decimal accept them.
        let ascii = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            guard scalar.properties.numericType == .decimal, !scalar.isASCII, let value = scalar.properties.numericValue else { return scalar }
            return Unicode.Scalar(UInt8(48 + Int(value)))
        }))
        var body = Substring(ascii.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        if lower == "inf" || lower == "infinity" { return .infinity(negative) }
        for (prefix, kind) in [("snan", Kind.signalingNaN), ("nan", Kind.quietNaN)] where lower.hasPrefix(prefix) {
            let payload = lower.dropFirst(prefix.count)
            guard payload.allSatisfy(\.isASCIIDigit) else { return nil }
            let value = payload.isEmpty ? BigInt(0) : BigInt(digits: Substring(payload), radix: 10, negative: false) ?? BigInt(0)
            return DecimalNumber(kind: kind, negative: negative, coefficient: value, exponent: 0)
        }
        guard let literal = DecimalLiteral(body), let coefficient = BigInt(digits: Substring(literal.digits), radix: 10, negative: false) else { return nil }
        return .finite(negative, coefficient, literal.exponent)
    }

    /// Digits with single underscores between them, or nil.
    /// The spec's to-scientific-string, which is `str(Decimal)`.
    func scientific(capitals: Bool = true) -> String {
        let sign = negative ? "-" : ""
        switch kind {
        case .infinity: return sign + "Infinity"
        case .quietNaN: return sign + "NaN" + (coefficient.isZero ? "" : digits)
        case .signalingNaN: return sign + "sNaN" + (coefficient.isZero ? "" : digits)
        case .finite: break
        }
        let digits = self.digits
        let adjusted = exponent + digits.count - 1
        if exponent <= 0 && adjusted >= -6 {
            if exponent == 0 { return sign + digits }
            let point = digits.count + exponent
            if point > 0 { return sign + digits.prefix(point) + "." + digits.dropFirst(point) }
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        let mark = capitals ? "E" : "e"
        let head = digits.count > 1 ? "\(digits.prefix(1)).\(digits.dropFirst())" : digits
        return sign + head + mark + (adjusted >= 0 ? "+" : "-") + String(adjusted.magnitude)
    }

    /// The spec's to-engineering-string: exponents in multiples of three.
    func engineering(capitals: Bool = true) -> String {
        guard isFinite else { return scientific(capitals: capitals) }
        let digits = self.digits
        let adjusted = exponent + digits.count - 1
        if exponent <= 0 && adjusted >= -6 { return scientific(capitals: capitals) }
        let sign = negative ? "-" : ""
        var shownExponent = adjusted - (((adjusted % 3) + 3) % 3)
        var head: String
        if coefficient.isZero {
            // A zero's exponent moves up to a multiple of three, shown as trailing zeros after a point.
            shownExponent = exponent - (((exponent % 3) + 3) % 3)
            if shownExponent < exponent { shownExponent += 3 }
            let places = shownExponent - exponent
            head = places == 0 ? "0" : "0." + String(repeating: "0", count: places)
        } else {
            let integerDigits = adjusted - shownExponent + 1
            if digits.count <= integerDigits {
                head = digits + String(repeating: "0", count: integerDigits - digits.count)
            } else {
                head = "\(digits.prefix(integerDigits)).\(digits.dropFirst(integerDigits))"
            }
        }
        if shownExponent == 0 { return sign + head }
        return sign + head + (capitals ? "E" : "e") + (shownExponent >= 0 ? "+" : "-") + String(shownExponent.magnitude)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// The rounding modes, spelled as the module's string constants.
enum DecimalRounding: String, CaseIterable, Sendable {
    case ceiling = "ROUND_CEILING", floor = "ROUND_FLOOR", up = "ROUND_UP", down = "ROUND_DOWN"
    case halfUp = "ROUND_HALF_UP", halfDown = "ROUND_HALF_DOWN", halfEven = "ROUND_HALF_EVEN", zeroFiveUp = "ROUND_05UP"
}

/// A context's numeric settings, the part arithmetic reads.
struct DecimalSettings: Sendable {
    var precision = 28
    var rounding = DecimalRounding.halfEven
    var emin = -999_999
    var emax = 999_999
    var capitals = 1
    var clamp = 0
}

/// The exceptional conditions an operation met, before the context turns them into flags and traps.
struct DecimalConditions: OptionSet, Sendable {
    let rawValue: Int
    static let clamped = DecimalConditions(rawValue: 1 << 0)
    static let conversionSyntax = DecimalConditions(rawValue: 1 << 1)
    static let divisionByZero = DecimalConditions(rawValue: 1 << 2)
    static let divisionImpossible = DecimalConditions(rawValue: 1 << 3)
    static let divisionUndefined = DecimalConditions(rawValue: 1 << 4)
    static let inexact = DecimalConditions(rawValue: 1 << 5)
    static let invalidContext = DecimalConditions(rawValue: 1 << 6)
    static let invalidOperation = DecimalConditions(rawValue: 1 << 7)
    static let overflow = DecimalConditions(rawValue: 1 << 8)
    static let rounded = DecimalConditions(rawValue: 1 << 9)
    static let subnormal = DecimalConditions(rawValue: 1 << 10)
    static let underflow = DecimalConditions(rawValue: 1 << 11)
    static let floatOperation = DecimalConditions(rawValue: 1 << 12)
}

/// A decimal literal's digits and exponent, as `Decimal(str)` and `Fraction(str)` read them:
/// `[digits][.digits][(e|E)[sign]digits]`, underscores allowed between digits. `1_2.50e-3` is the digits
/// `1250` and the exponent `-5`.
struct DecimalLiteral {
    var digits: String
    var exponent: Int

    init?(_ body: Substring) {
        var mantissa = body
        var exponent = 0
        if let marker = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<marker]
            var power = body[body.index(after: marker)...]
            var exponentNegative = false
            if let first = power.first, first == "+" || first == "-" {
                exponentNegative = first == "-"
                power = power.dropFirst()
            }
            guard let powerDigits = Self.digitsWithUnderscores(power), let value = Int(powerDigits) else { return nil }
            exponent = exponentNegative ? -value : value
        }
        var whole = mantissa, fraction: Substring = ""
        if let point = mantissa.firstIndex(of: ".") {
            whole = mantissa[..<point]
            fraction = mantissa[mantissa.index(after: point)...]
        }
        guard !(whole.isEmpty && fraction.isEmpty) else { return nil }
        guard let wholeDigits = whole.isEmpty ? "" : Self.digitsWithUnderscores(whole),
              let fractionDigits = fraction.isEmpty ? "" : Self.digitsWithUnderscores(fraction) else { return nil }
        self.digits = wholeDigits + fractionDigits
        self.exponent = exponent - fractionDigits.count
    }

    /// Digits with single underscores between them, without the underscores; nil for anything else.
    static func digitsWithUnderscores(_ text: Substring) -> String? {
        guard let first = text.first, first.isASCIIDigit, let last = text.last, last.isASCIIDigit, !text.contains("__") else { return nil }
        guard text.allSatisfy({ $0.isASCIIDigit || $0 == "_" }) else { return nil }
        return text.filter { $0 != "_" }
    }
}
