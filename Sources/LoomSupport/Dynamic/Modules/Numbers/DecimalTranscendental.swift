import Foundation

/// `exp`, `ln`, `log10` and non-integral powers, correctly rounded: each is approximated with
/// guard digits and a bound on its error, and the working precision grows until both ends of
/// that interval round to the same result (Ziv's strategy). These values are irrational except
/// where handled exactly first, so the loop ends.
enum DecimalTranscendental {
    typealias Number = DecimalNumber

    /// One approximation at `digits` working digits and its error bound in units of its last place.
    typealias Approximation = (_ digits: Int) -> (value: Number, errorUnits: Int)

    static func working(_ digits: Int) -> DecimalSettings {
        var settings = DecimalSettings()
        settings.precision = digits
        settings.rounding = .halfEven
        settings.emin = -999_999_999
        settings.emax = 999_999_999
        return settings
    }

    /// Rounds the first approximation whose whole error interval rounds to one value.
    static func correctlyRounded(_ settings: DecimalSettings, _ conditions: inout DecimalConditions, _ approximate: Approximation) -> Number {
        var digits = settings.precision + 12
        var last = Number.zero
        for _ in 0..<6 {
            let (value, units) = approximate(digits)
            last = value
            let unit = Number.finite(false, BigInt(units), value.exponent)
            var scratch = DecimalConditions()
            let wide = working(digits + 4)
            let low = DecimalArithmetic.subtract(value, unit, wide, &scratch).rounded(settings, &scratch)
            let high = DecimalArithmetic.add(value, unit, wide, &scratch).rounded(settings, &scratch)
            if low.coefficient == high.coefficient && low.exponent == high.exponent && low.negative == high.negative { break }
            digits += settings.precision + 10
        }
        conditions.formUnion([.inexact, .rounded])
        return last.rounded(settings, &conditions)
    }

    static func exp(_ x: Number, _ settings: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = DecimalArithmetic.nanResult([x], &conditions) { return nan }
        if x.isInfinite { return x.negative ? .zero : x }
        if x.isZero { return .one }
        var rounding = settings
        rounding.rounding = .halfEven
        if let outside = outsideRange(naturalEstimate: approximate(x), rounding, &conditions) { return outside }
        return correctlyRounded(rounding, &conditions) { digits in exponential(x, digits) }
    }

    /// A finite value's size as a double, saturating to ±infinity past the double range.
    static func approximate(_ x: Number) -> Double {
        if x.adjusted > 300 { return x.negative ? -.infinity : .infinity }
        if x.adjusted < -300 { return 0 }
        return Double(x.scientific()) ?? 0
    }

    /// The result of e^y for a y whose power of ten lies clearly past the context's exponent
    /// range: overflow, or a zero at the smallest exponent; nil for every y that needs computing.
    static func outsideRange(naturalEstimate y: Double, _ settings: DecimalSettings, _ conditions: inout DecimalConditions) -> Number? {
        let decimalExponent = y / M_LN10
        if decimalExponent > Double(settings.emax) + 2 {
            conditions.formUnion([.overflow, .inexact, .rounded])
            return Number.overflowResult(false, settings)
        }
        if decimalExponent < Double(settings.emin - settings.precision) - 2 {
            conditions.formUnion([.underflow, .subnormal, .inexact, .rounded, .clamped])
            return .finite(false, BigInt(0), settings.emin - settings.precision + 1)
        }
        return nil
    }

    /// e^x with about `digits` correct digits: x halved until small, a Taylor series, then squared back.
    static func exponential(_ x: Number, _ digits: Int) -> (value: Number, errorUnits: Int) {
        var halvings = 0
        var reduced = x
        var ignored = DecimalConditions()
        // k halvings multiply the series' error by 2^k when squared back: about 10^(adjusted + 3).
        let guardDigits = max(0, x.adjusted + 3) + 8
        let settings = working(digits + guardDigits)
        while reduced.adjusted >= -2 && !reduced.isZero {
            reduced = DecimalArithmetic.divide(reduced, Number(BigInt(2)), settings, &ignored)
            halvings += 1
        }
        var sum = Number.one, term = Number.one
        var n = 1
        while true {
            term = DecimalArithmetic.multiply(term, reduced, settings, &ignored)
            term = DecimalArithmetic.divide(term, Number(BigInt(n)), settings, &ignored)
            if term.isZero || term.adjusted < sum.adjusted - settings.precision - 2 { break }
            sum = DecimalArithmetic.add(sum, term, settings, &ignored)
            n += 1
        }
        for _ in 0..<halvings { sum = DecimalArithmetic.multiply(sum, sum, settings, &ignored) }
        var result = sum.rounded(working(digits), &ignored)
        result.negative = false
        return (result, 3)
    }

    static func ln(_ x: Number, _ settings: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = DecimalArithmetic.nanResult([x], &conditions) { return nan }
        if x.isZero { return .infinity(true) }
        if x.negative { return DecimalArithmetic.invalid(&conditions) }
        if x.isInfinite { return x }
        if DecimalArithmetic.compare(x, .one) == 0 { return .zero }
        var rounding = settings
        rounding.rounding = .halfEven
        return correctlyRounded(rounding, &conditions) { digits in logarithm(x, digits) }
    }

    /// ln x with about `digits` correct digits: x = m·10^k with m near 1, square roots of m
    /// until it is within 1% of 1, then 2·atanh((m−1)/(m+1)) as a series.
    static func logarithm(_ x: Number, _ digits: Int) -> (value: Number, errorUnits: Int) {
        var ignored = DecimalConditions()
        let decade = Int((Double(x.adjusted) + Foundation.log10(Double("0." + x.digits.prefix(15)) ?? 1) + 1).rounded())
        let settings = working(digits + 10 + String(abs(decade)).count)
        let mantissa = x.withExponent(x.exponent - decade)
        var result = naturalLogNearOne(mantissa, settings)
        if decade != 0 {
            let ten = naturalLogNearOne(Number(BigInt(10)), settings)
            result = DecimalArithmetic.add(result, DecimalArithmetic.multiply(ten, Number(BigInt(decade)), settings, &ignored), settings, &ignored)
        }
        return (result.rounded(working(digits), &ignored), 3)
    }

    static func naturalLogNearOne(_ value: Number, _ settings: DecimalSettings) -> Number {
        var ignored = DecimalConditions()
        var m = value
        var doublings = 0
        let near = Number.finite(false, BigInt(1), -2)
        while (DecimalArithmetic.compare(DecimalArithmetic.subtract(m, .one, settings, &ignored).magnitude, near) ?? 0) > 0 {
            m = DecimalArithmetic.squareRoot(m, settings, &ignored)
            doublings += 1
        }
        let z = DecimalArithmetic.divide(DecimalArithmetic.subtract(m, .one, settings, &ignored),
                                         DecimalArithmetic.add(m, .one, settings, &ignored), settings, &ignored)
        if z.isZero { return .zero }
        let square = DecimalArithmetic.multiply(z, z, settings, &ignored)
        var power = z, sum = z
        var k = 3
        while true {
            power = DecimalArithmetic.multiply(power, square, settings, &ignored)
            let term = DecimalArithmetic.divide(power, Number(BigInt(k)), settings, &ignored)
            if term.isZero || term.adjusted < sum.adjusted - settings.precision - 2 { break }
            sum = DecimalArithmetic.add(sum, term, settings, &ignored)
            k += 2
        }
        let factor = Number(BigInt(2).power(doublings + 1))
        return DecimalArithmetic.multiply(sum, factor, settings, &ignored)
    }

    static func log10(_ x: Number, _ settings: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let nan = DecimalArithmetic.nanResult([x], &conditions) { return nan }
        if x.isZero { return .infinity(true) }
        if x.negative { return DecimalArithmetic.invalid(&conditions) }
        if x.isInfinite { return x }
        let digits = x.digits
        if digits.first == "1" && digits.dropFirst().allSatisfy({ $0 == "0" }) {
            return Number(BigInt(x.adjusted)).rounded(settings, &conditions)
        }
        var rounding = settings
        rounding.rounding = .halfEven
        return correctlyRounded(rounding, &conditions) { digits in
            var ignored = DecimalConditions()
            let wide = working(digits + 6)
            let numerator = logarithm(x, digits + 6).value
            let denominator = logarithm(Number(BigInt(10)), digits + 6).value
            return (DecimalArithmetic.divide(numerator, denominator, wide, &ignored).rounded(working(digits), &ignored), 3)
        }
    }

    /// x ** y for a y that is not whole: e^(y·ln x), which needs x > 0.
    static func power(_ x: Number, _ y: Number, _ settings: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if x.negative && !x.isZero { return DecimalArithmetic.invalid(&conditions) }
        if x.isZero { return y.negative ? .infinity(false) : .zero }
        if x.isInfinite { return y.negative ? .zero : x }
        if DecimalArithmetic.compare(x, .one) == 0 {
            conditions.formUnion([.inexact, .rounded])
            return Number.finite(false, Number.powerOfTen(settings.precision - 1), 1 - settings.precision)
        }
        let logarithmEstimate = (Double(x.adjusted) + Foundation.log10(Double("0." + x.digits.prefix(15)) ?? 1) + 1) * M_LN10
        if let outside = outsideRange(naturalEstimate: logarithmEstimate * approximate(y), settings, &conditions) { return outside }
        return correctlyRounded(settings, &conditions) { digits in
            var ignored = DecimalConditions()
            let logarithm = logarithm(x, digits + 8 + max(0, y.adjusted)).value
            let product = DecimalArithmetic.multiply(logarithm, y, working(digits + 8 + max(0, y.adjusted)), &ignored)
            return exponential(product, digits)
        }
    }
}
