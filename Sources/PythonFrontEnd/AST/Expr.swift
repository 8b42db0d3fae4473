/// An expression node with its place in the note file.
public struct Expr: Hashable, Sendable {
    public var kind: ExprKind
    public var range: SourceRange

    public init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// CPython's `ast.expr` subclasses, field names as in CPython.
public indirect enum ExprKind: Hashable, Sendable {
    case boolOp(op: BoolOperator, values: [Expr])
    case namedExpr(target: Expr, value: Expr)
    case binOp(left: Expr, op: BinaryOperator, right: Expr)
    case unaryOp(op: UnaryOperator, operand: Expr)
    case lambda(args: Arguments, body: Expr)
    case ifExp(test: Expr, body: Expr, orelse: Expr)
    /// A `None` key is a `**mapping` entry.
    case dict(keys: [Expr?], values: [Expr])
    case set(elts: [Expr])
    case listComp(elt: Expr, generators: [Comprehension])
    case setComp(elt: Expr, generators: [Comprehension])
    case dictComp(key: Expr, value: Expr, generators: [Comprehension])
    case generatorExp(elt: Expr, generators: [Comprehension])
    case await(value: Expr)
    case yield(value: Expr?)
    case yieldFrom(value: Expr)
    case compare(left: Expr, ops: [CompareOperator], comparators: [Expr])
    case call(func: Expr, args: [Expr], keywords: [Keyword])
    /// `conversion` is -1 (none), 115 (`!s`), 114 (`!r`) or 97 (`!a`); `formatSpec` is a `joinedStr`.
    case formattedValue(value: Expr, conversion: Int, formatSpec: Expr?)
    case joinedStr(values: [Expr])
    case constant(ConstantValue)
    case attribute(value: Expr, attr: String, ctx: ExprContext)
    case `subscript`(value: Expr, slice: Expr, ctx: ExprContext)
    case starred(value: Expr, ctx: ExprContext)
    case name(id: String, ctx: ExprContext)
    case list(elts: [Expr], ctx: ExprContext)
    case tuple(elts: [Expr], ctx: ExprContext)
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
}

public struct Comprehension: Hashable, Sendable {
    public var target: Expr
    public var iter: Expr
    public var ifs: [Expr]
    public var isAsync: Bool

    public init(target: Expr, iter: Expr, ifs: [Expr], isAsync: Bool) {
        self.target = target
        self.iter = iter
        self.ifs = ifs
        self.isAsync = isAsync
    }
}

/// A keyword argument of a call or class; `arg == nil` is `**mapping`.
public struct Keyword: Hashable, Sendable {
    public var arg: String?
    public var value: Expr
    public var range: SourceRange

    public init(arg: String?, value: Expr, range: SourceRange) {
        self.arg = arg
        self.value = value
        self.range = range
    }
}

/// One parameter (`ast.arg`).
public struct Arg: Hashable, Sendable {
    public var arg: String
    public var annotation: Expr?
    public var range: SourceRange

    public init(arg: String, annotation: Expr?, range: SourceRange) {
        self.arg = arg
        self.annotation = annotation
        self.range = range
    }
}

/// A parameter list (`ast.arguments`); `kwDefaults` has one entry per keyword-only parameter.
public struct Arguments: Hashable, Sendable {
    public var posonlyargs: [Arg] = []
    public var args: [Arg] = []
    public var vararg: Arg?
    public var kwonlyargs: [Arg] = []
    public var kwDefaults: [Expr?] = []
    public var kwarg: Arg?
    public var defaults: [Expr] = []

    public init() {}

    /// Every parameter, in the order written.
    public var allParameters: [Arg] {
        posonlyargs + args + (vararg.map { [$0] } ?? []) + kwonlyargs + (kwarg.map { [$0] } ?? [])
    }
}
