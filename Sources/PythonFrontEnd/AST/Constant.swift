/// The value of an `ast.Constant`.
public enum ConstantValue: Hashable, Sendable {
    case none
    case bool(Bool)
    case ellipsis
    /// An integer that fits in 64 bits.
    case int(Int)
    /// An integer too large for `Int`, as its decimal digits.
    case bigInt(String)
    case float(Double)
    /// An imaginary literal (`2j`): only the imaginary part, the real part is zero.
    case imaginary(Double)
    /// A string; `isUnicodePrefixed` is CPython's `kind='u'`.
    case string(String, isUnicodePrefixed: Bool)
    /// A string holding lone surrogates (`'\\ud800'`), which a Swift `String` cannot: its code points.
    case surrogateString([UInt32], isUnicodePrefixed: Bool)
    case bytes([UInt8])
}
