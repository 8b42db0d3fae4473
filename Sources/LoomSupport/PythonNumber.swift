/// A Python number in a generic translated function: `def f(seconds)` called with both `1.5`
/// and `5` becomes `func f(_ seconds: some PythonNumber)`, and each prints as Python would.
public protocol PythonNumber: PythonPrintable, Sendable {
    var doubleValue: Double { get }
}

extension Int: PythonNumber {
    public var doubleValue: Double { Double(self) }
}

extension Double: PythonNumber {
    public var doubleValue: Double { self }
}
