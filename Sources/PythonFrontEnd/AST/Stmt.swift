/// A statement node with its place in the note file.
public struct Stmt: Hashable, Sendable {
    public var kind: StmtKind
    public var range: SourceRange

    public init(_ kind: StmtKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// CPython's `ast.stmt` subclasses, field names as in CPython.
public indirect enum StmtKind: Hashable, Sendable {
    case functionDef(FunctionDef)
    case asyncFunctionDef(FunctionDef)
    case classDef(ClassDef)
    case `return`(value: Expr?)
    case delete(targets: [Expr])
    case assign(targets: [Expr], value: Expr)
    case augAssign(target: Expr, op: BinaryOperator, value: Expr)
    /// `simple` is true for a bare name target written without parentheses.
    case annAssign(target: Expr, annotation: Expr, value: Expr?, simple: Bool)
    case `for`(target: Expr, iter: Expr, body: [Stmt], orelse: [Stmt])
    case asyncFor(target: Expr, iter: Expr, body: [Stmt], orelse: [Stmt])
    case `while`(test: Expr, body: [Stmt], orelse: [Stmt])
    case `if`(test: Expr, body: [Stmt], orelse: [Stmt])
    case with(items: [WithItem], body: [Stmt])
    case asyncWith(items: [WithItem], body: [Stmt])
    case match(subject: Expr, cases: [MatchCase])
    case raise(exc: Expr?, cause: Expr?)
    case `try`(TryBlock)
    case tryStar(TryBlock)
    case assert(test: Expr, msg: Expr?)
    case `import`(names: [Alias])
    case importFrom(module: String?, names: [Alias], level: Int)
    case global(names: [String])
    case nonlocal(names: [String])
    case expr(value: Expr)
    case pass
    case `break`
    case `continue`
}

public struct FunctionDef: Hashable, Sendable {
    public var name: String
    public var args: Arguments
    public var body: [Stmt]
    public var decoratorList: [Expr]
    public var returns: Expr?

    public init(name: String, args: Arguments, body: [Stmt], decoratorList: [Expr], returns: Expr?) {
        self.name = name
        self.args = args
        self.body = body
        self.decoratorList = decoratorList
        self.returns = returns
    }
}

public struct ClassDef: Hashable, Sendable {
    public var name: String
    public var bases: [Expr]
    public var keywords: [Keyword]
    public var body: [Stmt]
    public var decoratorList: [Expr]

    public init(name: String, bases: [Expr], keywords: [Keyword], body: [Stmt], decoratorList: [Expr]) {
        self.name = name
        self.bases = bases
        self.keywords = keywords
        self.body = body
        self.decoratorList = decoratorList
    }
}

public struct TryBlock: Hashable, Sendable {
    public var body: [Stmt]
    public var handlers: [ExceptHandler]
    public var orelse: [Stmt]
    public var finalbody: [Stmt]

    public init(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], finalbody: [Stmt]) {
        self.body = body
        self.handlers = handlers
        self.orelse = orelse
        self.finalbody = finalbody
    }
}

public struct ExceptHandler: Hashable, Sendable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var range: SourceRange

    public init(type: Expr?, name: String?, body: [Stmt], range: SourceRange) {
        self.type = type
        self.name = name
        self.body = body
        self.range = range
    }
}

public struct WithItem: Hashable, Sendable {
    public var contextExpr: Expr
    public var optionalVars: Expr?

    public init(contextExpr: Expr, optionalVars: Expr?) {
        self.contextExpr = contextExpr
        self.optionalVars = optionalVars
    }
}

/// An imported name (`ast.alias`): `name` may be dotted (`concurrent.futures`) or `*`.
public struct Alias: Hashable, Sendable {
    public var name: String
    public var asname: String?
    public var range: SourceRange

    public init(name: String, asname: String?, range: SourceRange) {
        self.name = name
        self.asname = asname
        self.range = range
    }
}

public struct MatchCase: Hashable, Sendable {
    public var pattern: Pattern
    public var guardExpr: Expr?
    public var body: [Stmt]

    public init(pattern: Pattern, guardExpr: Expr?, body: [Stmt]) {
        self.pattern = pattern
        self.guardExpr = guardExpr
        self.body = body
    }
}

/// The parsed snippet (`ast.Module`).
public struct Module: Hashable, Sendable {
    public var body: [Stmt]

    public init(body: [Stmt]) {
        self.body = body
    }
}
