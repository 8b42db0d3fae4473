import Foundation

/// A rational number in lowest terms with a positive denominator: the payload of
/// `fractions.Fraction`, and what a Decimal compares with exactly.
struct RationalValue: Sendable {
    var numerator: BigInt
    var denominator: BigInt

    static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var x = BigInt(negative: false, limbs: a.limbs), y = BigInt(negative: false, limbs: b.limbs)
        while !y.isZero { (x, y) = (y, x.floorDivMod(y).1) }
        return x
    }

    /// n/d reduced; the caller has ruled out a zero denominator.
    static func reduced(_ numerator: BigInt, _ denominator: BigInt) -> RationalValue {
        var common = gcd(numerator, denominator)
        if common.isZero { common = BigInt(1) }
        if denominator.negative { common = -common }
        return RationalValue(numerator: numerator.floorDivMod(common).0, denominator: denominator.floorDivMod(common).0)
    }

    /// n/d reduced, or CPython's `ZeroDivisionError('Fraction(n, 0)')`.
    static func checked(_ numerator: BigInt, _ denominator: BigInt) throws -> RationalValue {
        if denominator.isZero { throw PyException.zeroDivision("Fraction(\(numerator.toString()), 0)") }
        return reduced(numerator, denominator)
    }

    init(numerator: BigInt, denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ integer: BigInt) { self.init(numerator: integer, denominator: BigInt(1)) }

    static func + (a: RationalValue, b: RationalValue) -> RationalValue {
        reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func - (a: RationalValue, b: RationalValue) -> RationalValue {
        reduced(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func * (a: RationalValue, b: RationalValue) -> RationalValue {
        reduced(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    static func divided(_ a: RationalValue, _ b: RationalValue) throws -> RationalValue {
        if b.numerator.isZero {
            // CPython cancels gcd(n1, n2) = |n1| first, so the message shows only the dividend's sign.
            let sign = a.numerator.isZero ? 0 : (a.numerator.negative ? -1 : 1)
            throw PyException.zeroDivision("Fraction(\(sign), 0)")
        }
        return reduced(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    /// `a // b` as an int.
    static func floorQuotient(_ a: RationalValue, _ b: RationalValue) throws -> BigInt {
        let divisor = a.denominator * b.numerator
        if divisor.isZero { throw PyException.zeroDivision("integer division or modulo by zero") }
        return (a.numerator * b.denominator).floorDivMod(divisor).0
    }

    /// `a % b`, with the divisor's sign as Python's is.
    static func remainder(_ a: RationalValue, _ b: RationalValue) throws -> RationalValue {
        let divisor = b.numerator * a.denominator
        if divisor.isZero { throw PyException.zeroDivision("integer modulo by zero") }
        return reduced((a.numerator * b.denominator).floorDivMod(divisor).1, a.denominator * b.denominator)
    }

    static func compare(_ a: RationalValue, _ b: RationalValue) -> Int {
        BigInt.compare(a.numerator * b.denominator, b.numerator * a.denominator)
    }

    var isWhole: Bool { denominator == BigInt(1) }
    var negated: RationalValue { RationalValue(numerator: -numerator, denominator: denominator) }

    func power(_ exponent: Int) throws -> RationalValue {
        if exponent >= 0 { return RationalValue(numerator: numerator.power(exponent), denominator: denominator.power(exponent)) }
        let magnitude = -exponent
        if numerator.isZero { throw PyException.zeroDivision("Fraction(\(denominator.power(magnitude).toString()), 0)") }
        let top = denominator.power(magnitude), bottom = numerator.power(magnitude)
        return bottom.negative ? RationalValue(numerator: -top, denominator: -bottom) : RationalValue(numerator: top, denominator: bottom)
    }

    /// Floor, ceiling, truncation and half-even rounding to an int.
    func floor() -> BigInt { numerator.floorDivMod(denominator).0 }
    func ceiling() -> BigInt { -((-numerator).floorDivMod(denominator).0) }
    func truncated() -> BigInt { numerator.negative ? ceiling() : floor() }
    func roundedHalfEven() -> BigInt {
        let (quotient, remainder) = numerator.floorDivMod(denominator)
        let twice = remainder + remainder
        let order = BigInt.compare(twice, denominator)
        if order > 0 || (order == 0 && !quotient.floorDivMod(BigInt(2)).1.isZero) { return quotient + BigInt(1) }
        return quotient
    }

    /// The float nearest the value: int true division, correctly rounded.
    func toDouble() throws -> PyObject { try PyObject(numerator) / PyObject(denominator) }

    /// The closest fraction with a denominator of at most `limit`, by the continued-fraction convergents
    /// and the best semiconvergent between the last two.
    func limited(_ limit: BigInt) -> RationalValue {
        if BigInt.compare(denominator, limit) <= 0 { return self }
        var (p0, q0, p1, q1) = (BigInt(0), BigInt(1), BigInt(1), BigInt(0))
        var (n, d) = (numerator, denominator)
        while true {
            let a = n.floorDivMod(d).0
            let q2 = q0 + a * q1
            if BigInt.compare(q2, limit) > 0 { break }
            (p0, q0, p1, q1) = (p1, q1, p0 + a * p1, q2)
            (n, d) = (d, n - a * d)
        }
        let k = (limit - q0).floorDivMod(q1).0
        let lower = RationalValue.reduced(p0 + k * p1, q0 + k * q1)
        let upper = RationalValue.reduced(p1, q1)
        let distanceUpper = (upper - self), distanceLower = (lower - self)
        let upperMagnitude = RationalValue(numerator: BigInt(negative: false, limbs: distanceUpper.numerator.limbs), denominator: distanceUpper.denominator)
        let lowerMagnitude = RationalValue(numerator: BigInt(negative: false, limbs: distanceLower.numerator.limbs), denominator: distanceLower.denominator)
        return RationalValue.compare(upperMagnitude, lowerMagnitude) <= 0 ? upper : lower
    }

    /// `Fraction(str)`: `[sign]n/d` or a decimal literal with optional exponent, with underscores
    /// between digits and whitespace around; nil when it is neither.
    static func parse(_ text: String) -> RationalValue? {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        func integer(_ digits: Substring) -> BigInt? {
            DecimalLiteral.digitsWithUnderscores(digits).flatMap { BigInt(digits: Substring($0), radix: 10, negative: false) }
        }
        var value: RationalValue
        if let slash = body.firstIndex(of: "/") {
            guard let top = integer(body[..<slash]), let bottom = integer(body[body.index(after: slash)...]) else { return nil }
            if bottom.isZero { return RationalValue(numerator: negative ? -top : top, denominator: BigInt(0)) }
            value = reduced(top, bottom)
        } else {
            guard let literal = DecimalLiteral(body), let digits = BigInt(digits: Substring(literal.digits), radix: 10, negative: false) else { return nil }
            let scale = DecimalNumber.powerOfTen(abs(literal.exponent))
            value = literal.exponent >= 0 ? reduced(digits * scale, BigInt(1)) : reduced(digits, scale)
        }
        return negative ? value.negated : value
    }

    var str: String { isWhole ? numerator.toString() : "\(numerator.toString())/\(denominator.toString())" }
    var repr: String { "Fraction(\(numerator.toString()), \(denominator.toString()))" }
}
