/// A value that prints as CPython prints it: `str(x)` is `pythonStr`, `repr(x)` is `pythonRepr`.
///
/// It refines `CustomStringConvertible` so that the interpolation and `print` overloads of this
/// library rank above the standard library's generic ones for conforming types: translated code
/// stays plain `print(x)` and `"\(x)"`.
public protocol PythonPrintable: CustomStringConvertible {
    /// What `str(x)` and `print(x)` show.
    var pythonStr: String { get }
    /// What `repr(x)` shows, and what containers show for their elements.
    var pythonRepr: String { get }
    /// What `format(x, spec)` and an f-string field `{x:spec}` show.
    func pythonFormat(_ spec: String) -> String
}

extension PythonPrintable {
    public var pythonStr: String { pythonRepr }

    /// `object.__format__`: an empty spec is `str(x)`; otherwise the spec applies to that string.
    public func pythonFormat(_ spec: String) -> String {
        spec.isEmpty ? pythonStr : FormatSpec.parseOrTrap(spec).apply(toText: pythonStr)
    }
}

/// `str(x)`.
public func str(_ value: some PythonPrintable) -> String { value.pythonStr }

/// `repr(x)`.
public func repr(_ value: some PythonPrintable) -> String { value.pythonRepr }

/// `format(x, spec)`.
public func format(_ value: some PythonPrintable, _ spec: String = "") -> String { value.pythonFormat(spec) }

extension Int: PythonPrintable {
    public var pythonRepr: String { String(self) }
    public func pythonFormat(_ spec: String) -> String {
        spec.isEmpty ? String(self) : FormatSpec.parseOrTrap(spec).apply(toInt: self)
    }
}

extension Double: PythonPrintable {
    public var pythonRepr: String { FloatRepr.repr(self) }
    public func pythonFormat(_ spec: String) -> String {
        spec.isEmpty ? FloatRepr.repr(self) : FormatSpec.parseOrTrap(spec).apply(toDouble: self)
    }
}

extension Bool: PythonPrintable {
    public var pythonRepr: String { self ? "True" : "False" }
    /// `bool.__format__` is `int.__format__`: only the empty spec shows `True`.
    public func pythonFormat(_ spec: String) -> String {
        spec.isEmpty ? pythonRepr : (self ? 1 : 0).pythonFormat(spec)
    }
}

extension String: PythonPrintable {
    public var pythonStr: String { self }
    public var pythonRepr: String { StringRepr.repr(self) }
    public func pythonFormat(_ spec: String) -> String {
        spec.isEmpty ? self : FormatSpec.parseOrTrap(spec).apply(toString: self)
    }
}


// `Optional` has no `description` of its own; giving it one (only when the wrapped type prints
// Python-style) is what makes `"\(maybe)"` show `None` instead of `nil`/`Optional(3)`.
extension Optional: @retroactive CustomStringConvertible where Wrapped: PythonPrintable {
    public var description: String { pythonStr }
}

extension Optional: PythonPrintable where Wrapped: PythonPrintable {
    public var pythonStr: String { map(\.pythonStr) ?? "None" }
    public var pythonRepr: String { map(\.pythonRepr) ?? "None" }
    public func pythonFormat(_ spec: String) -> String { map { $0.pythonFormat(spec) } ?? "None".pythonFormat(spec) }
}

extension Array: PythonPrintable where Element: PythonPrintable {
    public var pythonRepr: String { "[" + map(\.pythonRepr).joined(separator: ", ") + "]" }
}

extension ArraySlice: PythonPrintable where Element: PythonPrintable {
    public var pythonRepr: String { "[" + map(\.pythonRepr).joined(separator: ", ") + "]" }
}

/// Sets print in ascending order: what CPython shows for small non-negative ints (their hash is
/// their value), and a stable order where CPython's (string hashing is salted) is not reproducible.
extension Set: PythonPrintable where Element: PythonPrintable & Comparable {
    public var pythonRepr: String {
        isEmpty ? "set()" : "{" + sorted().map(\.pythonRepr).joined(separator: ", ") + "}"
    }
}

/// A Swift dictionary has no order; it prints with its keys sorted. Use `PyDict` to keep
/// CPython's insertion order.
extension Dictionary: PythonPrintable where Key: PythonPrintable & Comparable, Value: PythonPrintable {
    public var pythonRepr: String {
        "{" + keys.sorted().map { "\($0.pythonRepr): \(self[$0]!.pythonRepr)" }.joined(separator: ", ") + "}"
    }
}
