/// Why the source is not Python, where (snippet-local 1-based line, 0-based scalar column),
/// mirroring CPython's `SyntaxError`, `IndentationError` and `TabError`.
public struct PythonSyntaxError: Error, Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case syntax = "SyntaxError"
        case indentation = "IndentationError"
        case tab = "TabError"
    }

    public var kind: Kind
    public var message: String
    public var line: Int
    public var column: Int

    public init(_ message: String, line: Int, column: Int) {
        self.init(.syntax, message, line: line, column: column)
    }

    public init(_ kind: Kind, _ message: String, line: Int, column: Int) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }
}
