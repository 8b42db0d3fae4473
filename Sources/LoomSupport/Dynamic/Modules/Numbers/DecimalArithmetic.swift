import Foundation

/// The specification's operations on `DecimalNumber`: each computes the exact result (or enough
/// digits of it, with a sticky digit standing for the rest) and rounds once into the context.
enum DecimalArithmetic {
    typealias Number = DecimalNumber

    /// A NaN operand's result: a signaling NaN is invalid and turns quiet; the first NaN wins.
    static func nanResult(_ operands: [Number], _ conditions: inout DecimalConditions) -> Number? {
        if let signaling = operands.first(where: { $0.kind == .signalingNaN }) {
            conditions.insert(.invalidOperation)
            var quiet = signaling
            quiet.kind = .quietNaN
            return quiet
        }
        return operands.first(where: { $0.kind == .quietNaN })
    }

    static func invalid(_ conditions: inout DecimalConditions, _ condition: DecimalConditions = .invalidOperation) -> Number {
        conditions.insert(condition)
        return .nan
    }

    static func signed(_ value: Number) -> BigInt { value.negative ? -value.coefficient : value.coefficient }

    /// Both coefficients scaled to the smaller exponent.
    static func aligned(_ a: Number, _ b: Number) -> (BigInt, BigInt, Int) {
        let exponent = min(a.exponent, b.exponent)
        return (signed(a) * Number.powerOfTen(a.exponent - exponent), signed(b) * Number.powerOfTen(b.exponent - exponent), exponent)
    }

    static func add(_ a: Number, _ b: Number, _ context: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = nanResult([a, b], &conditions) { return nan }
        if a.isInfinite || b.isInfinite {
            if a.isInfinite && b.isInfinite && a.negative != b.negative { return invalid(&conditions) }
            return a.isInfinite ? a : b
        }
        var (x, y) = (a, b)
        // An operand wholly below the other's rounding position only decides the rounding: a
        // one-digit stand-in just below that position rounds the same and keeps the sum small.
        if !x.isZero && !y.isZero {
            if x.adjusted < y.adjusted { swap(&x, &y) }
            let floor = min(x.exponent, x.adjusted - context.precision) - 2
            if y.adjusted < floor { y = .finite(y.negative, BigInt(1), floor - 1) }
        }
        let (left, right, exponent) = aligned(x, y)
        let sum = left + right
        if sum.isZero {
            let negative = (a.negative && b.negative) || (a.negative != b.negative && context.rounding == .floor)
            return Number.finite(negative, BigInt(0), exponent).rounded(context, &conditions)
        }
        return Number(sum).withExponent(exponent).rounded(context, &conditions)
    }

    static func subtract(_ a: Number, _ b: Number, _ context: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = nanResult([a, b], &conditions) { return nan }
        return add(a, b.negated, context, &conditions)
    }

    static func multiply(_ a: Number, _ b: Number, _ context: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = nanResult([a, b], &conditions) { return nan }
        let negative = a.negative != b.negative
        if a.isInfinite || b.isInfinite {
            if a.isZero || b.isZero { return invalid(&conditions) }
            return .infinity(negative)
        }
        return Number.finite(negative, a.coefficient * b.coefficient, a.exponent + b.exponent).rounded(context, &conditions)
    }

    static func divide(_ a: Number, _ b: Number, _ context: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = nanResult([a, b], &conditions) { return nan }
        let negative = a.negative != b.negative
        if a.isInfinite {
            return b.isInfinite ? invalid(&conditions) : .infinity(negative)
        }
        if b.isInfinite {
            conditions.insert(.clamped)
            return Number.finite(negative, BigInt(0), context.emin - context.precision + 1)
        }
        if b.isZero {
            if a.isZero { return invalid(&conditions, .divisionUndefined) }
            conditions.insert(.divisionByZero)
            return .infinity(negative)
        }
        let ideal = a.exponent - b.exponent
        if a.isZero { return Number.finite(negative, BigInt(0), ideal).rounded(context, &conditions) }
        // Enough quotient digits for the precision and one more to round on.
        let shift = b.digitCount - a.digitCount + context.precision + 1
        let (dividend, divisor) = shift >= 0 ? (a.coefficient * Number.powerOfTen(shift), b.coefficient)
                                             : (a.coefficient, b.coefficient * Number.powerOfTen(-shift))
        var (quotient, remainder) = dividend.floorDivMod(divisor)
        var exponent = ideal - shift
        if !remainder.isZero {
            // A last digit of 0 or 5 would read as exact or as an exact half: nudge it so the
            // rounding sees that more digits follow.
            if quotient.floorDivMod(BigInt(5)).1.isZero { quotient = quotient + BigInt(1) }
        } else {
            (quotient, exponent) = strippedZeros(quotient, exponent, down: ideal)
        }
        remainder = BigInt(0)
        return Number.finite(negative, quotient, exponent).rounded(context, &conditions)
    }

    /// Removes trailing zeros while the exponent stays at or below `down`.
    static func strippedZeros(_ coefficient: BigInt, _ exponent: Int, down limit: Int) -> (BigInt, Int) {
        var (coefficient, exponent) = (coefficient, exponent)
        while exponent < limit && !coefficient.isZero {
            let (quotient, digit) = coefficient.floorDivMod(BigInt(10))
            if !digit.isZero { break }
            coefficient = quotient
            exponent += 1
        }
        return (coefficient, exponent)
    }

    enum Part { case quotient, remainder, both }

    /// `divmod` for decimals: the quotient truncated toward zero, the remainder with the dividend's sign.
    /// `part` says which the caller keeps, since `//` and `%` alone signal only their own conditions.
    static func divideAndRemainder(_ a: Number, _ b: Number, _ context: DecimalSettings,
                                   _ conditions: inout DecimalConditions, part: Part = .both) -> (Number, Number) {
        if let nan = nanResult([a, b], &conditions) { return (nan, nan) }
        let negative = a.negative != b.negative
        if a.isInfinite {
            if b.isInfinite { let nan = invalid(&conditions); return (nan, nan) }
            return (.infinity(negative), part == .quotient ? .nan : invalid(&conditions))
        }
        if b.isInfinite { return (.finite(negative, BigInt(0), 0), a.rounded(context, &conditions)) }
        if b.isZero {
            if a.isZero { let nan = invalid(&conditions, .divisionUndefined); return (nan, nan) }
            if part != .remainder { conditions.insert(.divisionByZero) }
            return (.infinity(negative), part == .quotient ? .nan : invalid(&conditions))
        }
        let exponent = min(a.exponent, b.exponent)
        let left = a.coefficient * Number.powerOfTen(a.exponent - exponent)
        let right = b.coefficient * Number.powerOfTen(b.exponent - exponent)
        let (quotient, remainder) = left.floorDivMod(right)
        if Number.digitCount(quotient) > context.precision {
            let nan = invalid(&conditions, .divisionImpossible)
            return (nan, nan)
        }
        return (Number.finite(negative, quotient, 0), Number.finite(a.negative, remainder, exponent).rounded(context, &conditions))
    }

    /// `x ** n` for a whole `n`: exact and rounded once when the exact power is of a size worth
    /// computing, otherwise by squaring with guard digits.
    static func power(_ base: Number, _ exponent: Number, _ context: DecimalSettings,
                      _ conditions: inout DecimalConditions) -> Number? {
        if let nan = nanResult([base, exponent], &conditions) { return nan }
        guard exponent.isIntegral || exponent.isInfinite else { return nil }
        let oddWhole = exponent.isFinite && !exponent.truncatedInteger.floorDivMod(BigInt(2)).1.isZero
        let negative = base.negative && oddWhole
        if exponent.isInfinite {
            if base.negative { return invalid(&conditions) }
            let comparison = compare(base, .one) ?? 0
            if comparison == 0 { conditions.formUnion([.inexact, .rounded]); return Number.finite(false, Number.powerOfTen(context.precision - 1), 1 - context.precision) }
            return (comparison > 0) == !exponent.negative ? .infinity(false) : .finite(false, BigInt(0), 0)
        }
        let n = exponent.truncatedInteger
        if base.isZero {
            if n.isZero { return invalid(&conditions) }
            return n.negative ? .infinity(negative) : .finite(negative, BigInt(0), 0)
        }
        if base.isInfinite {
            if n.isZero { return .one }
            return n.negative ? .finite(negative, BigInt(0), 0) : .infinity(negative)
        }
        if n.isZero { return .one }
        guard let count = n.asInt, count.magnitude < 1_000_000_000 else {
            let grows = (base.adjusted >= 0) != n.negative
            if grows { conditions.formUnion([.overflow, .inexact, .rounded]); return Number.overflowResult(negative, context) }
            conditions.formUnion([.underflow, .subnormal, .inexact, .rounded, .clamped])
            return .finite(negative, BigInt(0), context.emin - context.precision + 1)
        }
        let times = Int(count.magnitude)
        var magnitude = base.magnitude
        let estimate = base.digitCount * times
        if estimate <= 4 * context.precision + 200 {
            magnitude = .finite(false, base.coefficient.power(times), base.exponent * times)
        } else {
            var guarded = context
            guarded.precision = context.precision + 2 * String(times).count + 10
            guarded.rounding = .halfEven
            // The guard digits widen the precision only; an overflow or underflow on the way is the result's.
            var steps = DecimalConditions()
            var result = Number.one, square = magnitude, remaining = times
            while remaining > 0 && !steps.contains(.overflow) {
                if remaining & 1 == 1 { result = multiply(result, square, guarded, &steps) }
                remaining >>= 1
                if remaining > 0 { square = multiply(square, square, guarded, &steps) }
            }
            conditions.formUnion([.inexact, .rounded])
            if steps.contains(.overflow) {
                let grows = !n.negative
                conditions.formUnion(grows ? [.overflow] : [.underflow, .subnormal, .clamped])
                return grows ? Number.overflowResult(negative, context) : .finite(negative, BigInt(0), context.emin - context.precision + 1)
            }
            magnitude = result
        }
        if n.negative {
            var result = divide(.one, magnitude, context, &conditions)
            result.negative = negative
            return result
        }
        magnitude.negative = negative
        return magnitude.rounded(context, &conditions)
    }

    /// The square root, always rounded half to even as the spec says.
    static func squareRoot(_ a: Number, _ context: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = nanResult([a], &conditions) { return nan }
        let ideal = Int((Double(a.exponent) / 2).rounded(.down))
        if a.isZero { return Number.finite(a.negative, BigInt(0), ideal).rounded(context, &conditions) }
        if a.negative { return invalid(&conditions) }
        if a.isInfinite { return a }
        var roundingContext = context
        roundingContext.rounding = .halfEven
        // Scale so the radicand has at least 2·(precision + 1) digits and an even exponent.
        var shift = max(0, 2 * (context.precision + 1) - a.digitCount + 1)
        if (a.exponent - shift) % 2 != 0 { shift += 1 }
        let radicand = a.coefficient * Number.powerOfTen(shift)
        var root = integerSquareRoot(radicand)
        var exponent = (a.exponent - shift) / 2
        if root * root != radicand {
            if root.floorDivMod(BigInt(5)).1.isZero { root = root + BigInt(1) }
        } else {
            (root, exponent) = strippedZeros(root, exponent, down: ideal)
        }
        return Number.finite(false, root, exponent).rounded(roundingContext, &conditions)
    }

    /// The floor of √n by Newton's method from above.
    static func integerSquareRoot(_ n: BigInt) -> BigInt {
        if n.isZero { return n }
        var guess = BigInt(1).shiftedLeft((n.bitLength + 1) / 2)
        while true {
            let next = (guess + n.floorDivMod(guess).0).shiftedRight(1)
            if BigInt.compare(next, guess) >= 0 { return guess }
            guess = next
        }
    }

    /// The value with exactly `exponent`, or nil (invalid) when the coefficient would pass the precision.
    static func quantize(_ a: Number, to exponent: Int, _ rounding: DecimalRounding, _ context: DecimalSettings,
                         _ conditions: inout DecimalConditions, signals: Bool = true) -> Number? {
        let (kept, inexact) = Number.dropDigits(a.coefficient, exponent - a.exponent, negative: a.negative, rounding)
        if Number.digitCount(kept) > context.precision { return nil }
        if signals && exponent > a.exponent && !a.coefficient.isZero { conditions.insert(.rounded) }
        if signals && inexact { conditions.insert(.inexact) }
        return .finite(a.negative, kept, exponent)
    }

    /// -1, 0 or 1; nil when either is a NaN.
    static func compare(_ a: Number, _ b: Number) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        if a.isZero && b.isZero { return 0 }
        let signA = a.isZero ? 0 : (a.negative ? -1 : 1), signB = b.isZero ? 0 : (b.negative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        if a.isInfinite || b.isInfinite {
            if a.isInfinite && b.isInfinite { return 0 }
            return (a.isInfinite ? 1 : -1) * signA
        }
        if a.adjusted != b.adjusted { return (a.adjusted < b.adjusted ? -1 : 1) * signA }
        let (left, right, _) = aligned(a, b)
        return BigInt.compare(left, right)
    }

    /// The value with trailing zeros removed, after rounding (`normalize`).
    static func reduce(_ a: Number, _ context: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = nanResult([a], &conditions) { return nan }
        let value = a.rounded(context, &conditions)
        guard value.isFinite else { return value }
        if value.isZero { return .finite(value.negative, BigInt(0), 0) }
        let (coefficient, exponent) = strippedZeros(value.coefficient, value.exponent, down: context.emax)
        return .finite(value.negative, coefficient, exponent)
    }
}

extension DecimalNumber {
    func withExponent(_ exponent: Int) -> DecimalNumber {
        var copy = self
        copy.exponent = exponent
        return copy
    }
}
