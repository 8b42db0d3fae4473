// Swift tuples cannot conform to protocols, so `str`/`repr` and interpolation of a tuple come as
// overloads, one per arity CPython code commonly uses (2…6).

func tupleRepr(_ parts: [String]) -> String {
    parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
}

public func repr<A: PythonPrintable, B: PythonPrintable>(_ t: (A, B)) -> String {
    tupleRepr([t.0.pythonRepr, t.1.pythonRepr])
}
public func repr<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable>(_ t: (A, B, C)) -> String {
    tupleRepr([t.0.pythonRepr, t.1.pythonRepr, t.2.pythonRepr])
}
public func repr<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable>(
    _ t: (A, B, C, D)
) -> String {
    tupleRepr([t.0.pythonRepr, t.1.pythonRepr, t.2.pythonRepr, t.3.pythonRepr])
}
public func repr<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable, E: PythonPrintable>(
    _ t: (A, B, C, D, E)
) -> String {
    tupleRepr([t.0.pythonRepr, t.1.pythonRepr, t.2.pythonRepr, t.3.pythonRepr, t.4.pythonRepr])
}
public func repr<
    A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable, E: PythonPrintable,
    F: PythonPrintable
>(_ t: (A, B, C, D, E, F)) -> String {
    tupleRepr([t.0.pythonRepr, t.1.pythonRepr, t.2.pythonRepr, t.3.pythonRepr, t.4.pythonRepr, t.5.pythonRepr])
}

/// `str` of a tuple is its `repr` in CPython.
public func str<A: PythonPrintable, B: PythonPrintable>(_ t: (A, B)) -> String { repr(t) }
public func str<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable>(_ t: (A, B, C)) -> String { repr(t) }
public func str<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable>(
    _ t: (A, B, C, D)
) -> String { repr(t) }
public func str<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable, E: PythonPrintable>(
    _ t: (A, B, C, D, E)
) -> String { repr(t) }
public func str<
    A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable, E: PythonPrintable,
    F: PythonPrintable
>(_ t: (A, B, C, D, E, F)) -> String { repr(t) }

/// A tuple as a printable value, for the places a single value is expected (`print`, containers).
/// `[PyTuple]` prints like a list of tuples.
public struct PyTuple: PythonPrintable, Hashable, Sendable {
    public let reprs: [String]
    public init<A: PythonPrintable, B: PythonPrintable>(_ t: (A, B)) { reprs = [t.0.pythonRepr, t.1.pythonRepr] }
    public init<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable>(_ t: (A, B, C)) {
        reprs = [t.0.pythonRepr, t.1.pythonRepr, t.2.pythonRepr]
    }
    public init<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable>(_ t: (A, B, C, D)) {
        reprs = [t.0.pythonRepr, t.1.pythonRepr, t.2.pythonRepr, t.3.pythonRepr]
    }
    /// `*args` inside its function: Swift holds it as an array, Python shows a tuple.
    public init<T: PythonPrintable>(_ elements: [T]) { reprs = elements.map(\.pythonRepr) }
    public var pythonRepr: String { tupleRepr(reprs) }
    public var description: String { pythonRepr }
}
