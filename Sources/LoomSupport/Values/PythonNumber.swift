#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A number of seconds or any other Python number that `time.sleep` and friends take as an
/// `Int`, a `Double` or a `PyNumber`.
public protocol PythonNumber: PythonPrintable, Sendable {
    var doubleValue: Double { get }
}

extension Int: PythonNumber {
    public var doubleValue: Double { Double(self) }
}

extension Double: PythonNumber {
    public var doubleValue: Double { self }
}

/// A Python value that is an int in one place and a float in another (`delays = [1, 0.5, 2]`,
/// `def work(seconds)` called with `1` and `1.5`). It keeps which one it is, so it prints as
/// CPython prints it (`[1, 0.5, 2]`, never `[1.0, 0.5, 2.0]`), and its arithmetic follows
/// Python's: `+ - *` stay int when both sides are, `/` always gives a float.
///
///     let delays: [PyNumber] = [1, 0.5, 2]
public enum PyNumber: Sendable {
    case int(Int)
    case float(Double)

    public init(_ value: Int) { self = .int(value) }
    public init(_ value: Double) { self = .float(value) }

    public var isInt: Bool { if case .int = self { true } else { false } }

    /// The `Int` or `Double` inside, for code that dispatches on the dynamic type.
    var kindValue: any PythonPrintable {
        switch self {
        case .int(let value): value
        case .float(let value): value
        }
    }
}

extension PyNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
}

extension PyNumber: PythonNumber {
    public var doubleValue: Double {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        }
    }
}

extension PyNumber: PythonPrintable {
    public var pythonRepr: String {
        switch self {
        case .int(let value): value.pythonRepr
        case .float(let value): value.pythonRepr
        }
    }

    public func pythonFormat(_ spec: String) -> String {
        switch self {
        case .int(let value): value.pythonFormat(spec)
        case .float(let value): value.pythonFormat(spec)
        }
    }

    public var description: String { pythonStr }
}

// MARK: Equality, hashing and order as Python's: `1 == 1.0`, and both hash alike.

extension PyNumber: Hashable, Comparable {
    public static func == (a: PyNumber, b: PyNumber) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x == y
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): PyNumber.exactlyEqual(x, y)
        case (.float(let x), .float(let y)): x == y
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let value): hasher.combine(value)
        case .float(let value):
            if let exact = Int(exactly: value) { hasher.combine(exact) } else { hasher.combine(value) }
        }
    }

    public static func < (a: PyNumber, b: PyNumber) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y
        case (.int(let x), .float(let y)): PyNumber.compare(x, y) < 0
        case (.float(let x), .int(let y)): PyNumber.compare(y, x) > 0
        case (.float(let x), .float(let y)): x < y
        }
    }

    /// An int against a float without rounding the int (`2**53 + 1 != 2.0**53`), as CPython does.
    private static func exactlyEqual(_ int: Int, _ float: Double) -> Bool {
        Int(exactly: float) == int
    }

    /// -1, 0 or 1 as `int` is below, equal to or above `float`; NaN compares as neither.
    private static func compare(_ int: Int, _ float: Double) -> Int {
        if float.isNaN { return 0 }
        if float >= 0x1p63 { return -1 }
        if float < -0x1p63 { return 1 }
        let whole = Int(float.rounded(.down))
        if int != whole { return int < whole ? -1 : 1 }
        return Double(whole) < float ? -1 : 0
    }
}

// MARK: Arithmetic

extension PyNumber {
    public static func + (a: PyNumber, b: PyNumber) -> PyNumber {
        if case .int(let x) = a, case .int(let y) = b { return .int(x + y) }
        return .float(a.doubleValue + b.doubleValue)
    }

    public static func - (a: PyNumber, b: PyNumber) -> PyNumber {
        if case .int(let x) = a, case .int(let y) = b { return .int(x - y) }
        return .float(a.doubleValue - b.doubleValue)
    }

    public static func * (a: PyNumber, b: PyNumber) -> PyNumber {
        if case .int(let x) = a, case .int(let y) = b { return .int(x * y) }
        return .float(a.doubleValue * b.doubleValue)
    }

    /// `a / b` by a divisor known not to be zero (a literal); otherwise `divide(a, b)`, which raises.
    public static func / (a: PyNumber, b: PyNumber) -> Double {
        a.doubleValue / b.doubleValue
    }

    public static prefix func - (a: PyNumber) -> PyNumber {
        switch a {
        case .int(let value): .int(-value)
        case .float(let value): .float(-value)
        }
    }

    public static func += (a: inout PyNumber, b: PyNumber) { a = a + b }
    public static func -= (a: inout PyNumber, b: PyNumber) { a = a - b }
    public static func *= (a: inout PyNumber, b: PyNumber) { a = a * b }
}

/// `a / b`: always a float, and `ZeroDivisionError` with the message of the operands' kind.
public func divide(_ a: PyNumber, _ b: PyNumber) throws -> Double {
    if case .int(let x) = a, case .int(let y) = b { return try divide(x, y) }
    return try divide(a.doubleValue, b.doubleValue)
}

/// `a // b`: an int when both are, Python's floor otherwise.
public func floorDiv(_ a: PyNumber, _ b: PyNumber) throws -> PyNumber {
    if case .int(let x) = a, case .int(let y) = b { return .int(try floorDiv(x, y)) }
    return .float(try floorDiv(a.doubleValue, b.doubleValue))
}

/// `a % b`: the result has the sign of `b`.
public func mod(_ a: PyNumber, _ b: PyNumber) throws -> PyNumber {
    if case .int(let x) = a, case .int(let y) = b { return .int(try mod(x, y)) }
    return .float(try mod(a.doubleValue, b.doubleValue))
}

/// `a ** b`: an int for ints with a non-negative exponent, a float otherwise (`2 ** -1` is `0.5`).
public func pow(_ base: PyNumber, _ exponent: PyNumber) -> PyNumber {
    if case .int(let x) = base, case .int(let y) = exponent, y >= 0 { return .int(pow(x, y)) }
    return .float(pow(base.doubleValue, exponent.doubleValue))
}

/// `abs(x)`.
public func abs(_ value: PyNumber) -> PyNumber {
    switch value {
    case .int(let x): .int(Swift.abs(x))
    case .float(let x): .float(Swift.abs(x))
    }
}

/// `round(x)`: an int, halves to even.
public func round(_ value: PyNumber) -> Int {
    switch value {
    case .int(let x): x
    case .float(let x): Int(x.rounded(.toNearestOrEven))
    }
}

/// `round(x, ndigits)`: keeps the kind of `x`.
public func round(_ value: PyNumber, _ ndigits: Int) -> PyNumber {
    switch value {
    case .int(let x): .int(round(x, ndigits))
    case .float(let x): .float(round(x, ndigits))
    }
}

/// `sum(values)`: left to right, so an int total turns float at the first float, as in CPython.
public func sum(_ values: [PyNumber], start: PyNumber = 0) -> PyNumber { values.reduce(start, +) }

/// `int(x)`: an int as is, a float truncated toward zero (NaN and infinity raise).
public func int(_ value: PyNumber) throws -> Int {
    switch value {
    case .int(let x): x
    case .float(let x): try int(x)
    }
}
