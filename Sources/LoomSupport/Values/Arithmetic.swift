#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Python's arithmetic where Swift's differs. Swift's `/` and `%` truncate toward zero; Python's
// `//` and `%` floor, so the remainder takes the divisor's sign. Division by zero raises
// `ZeroDivisionError` with CPython's message, which `except ZeroDivisionError:` catches (Swift
// would trap).

/// `a // b` for ints.
public func floorDiv(_ a: Int, _ b: Int) throws -> Int {
    guard b != 0 else { throw PythonError.zeroDivision("integer division or modulo by zero") }
    return flooredQuotient(a, b)
}

/// `a % b` for ints: the result has the sign of `b`.
public func mod(_ a: Int, _ b: Int) throws -> Int {
    guard b != 0 else { throw PythonError.zeroDivision("integer modulo by zero") }
    return flooredRemainder(a, b)
}

/// `divmod(a, b)` for ints.
public func divmod(_ a: Int, _ b: Int) throws -> (Int, Int) {
    guard b != 0 else { throw PythonError.zeroDivision("integer division or modulo by zero") }
    return (flooredQuotient(a, b), flooredRemainder(a, b))
}

/// `a / b` for ints: a float, as in Python 3.
public func divide(_ a: Int, _ b: Int) throws -> Double {
    guard b != 0 else { throw PythonError.zeroDivision("division by zero") }
    return Double(a) / Double(b)
}

/// `math.sqrt(x)`: a negative argument is Python's ValueError, not Swift's NaN.
public func squareRoot(_ x: Double) throws -> Double {
    guard x >= 0 || x.isNaN else { throw PythonError.valueError("math domain error") }
    return x.squareRoot()
}

/// `a / b` for floats (Swift would give `inf` or `nan`).
public func divide(_ a: Double, _ b: Double) throws -> Double {
    guard b != 0 else { throw PythonError.zeroDivision("float division by zero") }
    return a / b
}

func flooredQuotient(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient
}

func flooredRemainder(_ a: Int, _ b: Int) -> Int {
    let remainder = a % b
    return remainder != 0 && ((remainder < 0) != (b < 0)) ? remainder + b : remainder
}

/// `a % b` for floats, as CPython computes it (`fmod`, then moved to the divisor's sign).
public func mod(_ a: Double, _ b: Double) throws -> Double {
    guard b != 0 else { throw PythonError.zeroDivision("float modulo") }
    var remainder = fmod(a, b)
    if remainder != 0 {
        if (b < 0) != (remainder < 0) { remainder += b }
    } else {
        remainder = copysign(0, b)
    }
    return remainder
}

/// `a // b` for floats, as CPython computes it.
public func floorDiv(_ a: Double, _ b: Double) throws -> Double {
    guard b != 0 else { throw PythonError.zeroDivision("float floor division by zero") }
    return flooredDivmod(a, b).0
}

/// `divmod(a, b)` for floats.
public func divmod(_ a: Double, _ b: Double) throws -> (Double, Double) {
    guard b != 0 else { throw PythonError.zeroDivision("float divmod()") }
    return flooredDivmod(a, b)
}

/// CPython's `float_divmod`, for a non-zero divisor.
func flooredDivmod(_ a: Double, _ b: Double) -> (Double, Double) {
    var remainder = fmod(a, b)
    var quotient = (a - remainder) / b
    if remainder != 0 {
        if (b < 0) != (remainder < 0) {
            remainder += b
            quotient -= 1
        }
    } else {
        remainder = copysign(0, b)
    }
    var floored: Double
    if quotient != 0 {
        floored = quotient.rounded(.down)
        if quotient - floored > 0.5 { floored += 1 }
    } else {
        floored = copysign(0, a / b)
    }
    return (floored, remainder)
}

/// `a ** b` for ints with a non-negative exponent (an int in Python; a negative exponent gives a
/// float there: use `pow(Double(a), Double(b))`).
public func pow(_ base: Int, _ exponent: Int) -> Int {
    precondition(exponent >= 0, "a negative exponent gives a float: use pow(Double, Double)")
    var result = 1
    var factor = base
    var remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        remaining >>= 1
        if remaining > 0 { factor *= factor }
    }
    return result
}

/// `round(x, ndigits)` for floats: CPython's correctly rounded result, half to even on the exact
/// binary value (`round(2.675, 2)` is `2.67` because 2.675 is stored as 2.67499999…).
/// `round(x)` with no digits is plain Swift: `Int(x.rounded(.toNearestOrEven))`.
public func round(_ x: Double, _ ndigits: Int) -> Double {
    if !x.isFinite || x == 0 { return x }
    if ndigits > 323 { return x }
    if ndigits < -308 { return 0.0 * x }
    let digits = ExactDecimal(x.magnitude)
    let rounded = digits.rounded(fractionDigits: ndigits)
    let result = Double(rounded) ?? x
    return x < 0 ? -result : (result == 0 ? 0.0 : result)
}

/// `round(n, ndigits)` for ints: half to even at the given (negative) decimal place.
public func round(_ n: Int, _ ndigits: Int) -> Int {
    guard ndigits < 0 else { return n }
    guard ndigits > -19 else { return 0 }
    let unit = pow(10, -ndigits)
    let quotient = flooredQuotient(n, unit)
    let remainder = n - quotient * unit
    let twice = remainder * 2
    if twice > unit || (twice == unit && quotient % 2 != 0) { return (quotient + 1) * unit }
    return quotient * unit
}

/// `sum(values)` for floats: CPython 3.11 adds left to right in double precision.
public func sum(_ values: [Double], start: Double = 0) -> Double { values.reduce(start, +) }

/// `sum(values)` for ints.
public func sum(_ values: [Int], start: Int = 0) -> Int { values.reduce(start, +) }

/// The exact decimal expansion of a finite non-negative double (C's printf prints every digit
/// when asked for enough), rounded as text so no second binary rounding creeps in.
struct ExactDecimal {
    var integerDigits: [UInt8]
    var fractionDigits: [UInt8]

    init(_ magnitude: Double) {
        let text = CFormat.double(magnitude, ".1100f")
        let parts = text.split(separator: ".")
        integerDigits = parts[0].utf8.map { $0 - 48 }
        fractionDigits = parts.count > 1 ? parts[1].utf8.map { $0 - 48 } : []
        while fractionDigits.last == 0 { fractionDigits.removeLast() }
    }

    /// Rounds half to even, keeping `fractionDigits` decimals (negative: tens, hundreds …).
    func rounded(fractionDigits kept: Int) -> String {
        var all = integerDigits + fractionDigits
        let pointPosition = integerDigits.count
        let cut = pointPosition + kept
        if cut < 0 { return "0" }
        if cut >= all.count { return text(all, point: pointPosition) }
        let first = all[cut]
        let restNonZero = all[(cut + 1)...].contains { $0 != 0 }
        let previousOdd = cut > 0 && all[cut - 1] % 2 == 1
        let roundUp = first > 5 || (first == 5 && (restNonZero || previousOdd))
        for index in cut..<all.count { all[index] = 0 }
        var point = pointPosition
        if roundUp {
            var index = cut - 1
            while index >= 0 {
                if all[index] == 9 { all[index] = 0; index -= 1 } else { all[index] += 1; break }
            }
            if index < 0 { all.insert(1, at: 0); point += 1 }
        }
        return text(all, point: point)
    }

    private func text(_ digits: [UInt8], point: Int) -> String {
        let integer = digits[..<point].map(String.init).joined()
        let fraction = digits[point...].map(String.init).joined()
        return (integer.isEmpty ? "0" : integer) + "." + (fraction.isEmpty ? "0" : fraction)
    }
}
