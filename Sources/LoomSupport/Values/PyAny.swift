/// One element of a heterogeneous Python container (`[1, 'a', None]`), for the rare list or
/// dict whose values have no common Swift type. Homogeneous data keeps its own Swift type.
///
///     let row: [PyAny] = [1, "a", 2.5, true, nil]
///     print(row)                                   // [1, 'a', 2.5, True, None]
public struct PyAny: PythonPrintable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    public let pythonStr: String
    public let pythonRepr: String
    private let formatter: @Sendable (String) -> String

    public init<Value: PythonPrintable & Sendable>(_ value: Value) {
        pythonStr = value.pythonStr
        pythonRepr = value.pythonRepr
        formatter = { value.pythonFormat($0) }
    }

    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(stringLiteral value: String) { self.init(value) }
    public init(booleanLiteral value: Bool) { self.init(value) }
    public init(nilLiteral: ()) { self.init(Optional<Int>.none) }

    public func pythonFormat(_ spec: String) -> String { formatter(spec) }
    public var description: String { pythonStr }
}
