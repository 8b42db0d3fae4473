/// f-strings become Swift interpolation: `f"{x}"` is `"\(x)"`, `f"{x:.2f}"` is
/// `"\(x, format: ".2f")"`, `f"{x!r}"` is `"\(repr: x)"`. A plain `"\(x)"` of a `Double`, `Bool`,
/// optional or array shows what Python shows (`1e+16`, `True`, `None`, `['a']`): these overloads
/// are more specific than the standard library's, so overload resolution picks them.
extension DefaultStringInterpolation {
    public mutating func appendInterpolation<Value: PythonPrintable>(_ value: Value) {
        appendLiteral(value.pythonStr)
    }

    /// Optionals show `None`; an overload that takes the optional as such also keeps the compiler
    /// from warning that interpolating an optional is probably a mistake: here it is Python's intent.
    public mutating func appendInterpolation<Wrapped: PythonPrintable>(_ value: Wrapped?) {
        appendLiteral(value.pythonStr)
    }

    /// Strings are `TextOutputStreamable` too; a concrete overload keeps them unambiguous.
    public mutating func appendInterpolation(_ value: String) {
        appendLiteral(value)
    }

    /// `f"{value:spec}"`.
    public mutating func appendInterpolation<Value: PythonPrintable>(_ value: Value, format spec: String) {
        appendLiteral(value.pythonFormat(spec))
    }

    /// `f"{value!r}"`.
    public mutating func appendInterpolation<Value: PythonPrintable>(repr value: Value) {
        appendLiteral(value.pythonRepr)
    }

    /// `f"{value!r:spec}"`.
    public mutating func appendInterpolation<Value: PythonPrintable>(repr value: Value, format spec: String) {
        appendLiteral(value.pythonRepr.pythonFormat(spec))
    }

    public mutating func appendInterpolation<A: PythonPrintable, B: PythonPrintable>(_ value: (A, B)) {
        appendLiteral(repr(value))
    }

    public mutating func appendInterpolation<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable>(
        _ value: (A, B, C)
    ) {
        appendLiteral(repr(value))
    }

    public mutating func appendInterpolation<
        A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable
    >(_ value: (A, B, C, D)) {
        appendLiteral(repr(value))
    }
}
