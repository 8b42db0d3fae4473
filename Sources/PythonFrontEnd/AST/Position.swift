/// A place in the note file: 1-based line, 1-based column counted in Unicode scalars.
///
/// Stored as 32-bit values so that every node's range stays small (the parser builds millions).
public struct Position: Hashable, Sendable, Comparable {
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The parser's constructor: lines and columns of real sources fit 32 bits (the lexer's input is a
    /// String, far below 2³¹ bytes), so no clamping is needed.
    init(uncheckedLine line: Int, column: Int) {
        storedLine = Int32(truncatingIfNeeded: line)
        storedColumn = Int32(truncatingIfNeeded: column)
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }
}

/// Where a node starts and where it ends (the end is exclusive, like CPython's `end_col_offset`).
public struct SourceRange: Hashable, Sendable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }
}
