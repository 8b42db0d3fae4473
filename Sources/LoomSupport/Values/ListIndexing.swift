extension Array {
    /// `xs[i]` where Python's `IndexError` may be caught: a negative index counts from the end.
    public func item(_ index: Int) throws -> Element {
        let position = index < 0 ? count + index : index
        guard indices.contains(position) else { throw PythonError.indexError("list index out of range") }
        return self[position]
    }
}
