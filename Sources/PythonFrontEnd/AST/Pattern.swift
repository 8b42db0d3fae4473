/// A `case` pattern with its place in the note file.
public struct Pattern: Hashable, Sendable {
    public var kind: PatternKind
    public var range: SourceRange

    public init(_ kind: PatternKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// CPython's `ast.pattern` subclasses.
public indirect enum PatternKind: Hashable, Sendable {
    case matchValue(value: Expr)
    /// `None`, `True` or `False`.
    case matchSingleton(value: ConstantValue)
    case matchSequence(patterns: [Pattern])
    case matchMapping(keys: [Expr], patterns: [Pattern], rest: String?)
    case matchClass(cls: Expr, patterns: [Pattern], kwdAttrs: [String], kwdPatterns: [Pattern])
    case matchStar(name: String?)
    case matchAs(pattern: Pattern?, name: String?)
    case matchOr(patterns: [Pattern])
}
