/// CPython's third pass, code generation: statements and expressions that only make sense inside a
/// function, an `async def` or a loop; `except*` blocks left by `break`, `continue` or `return`;
/// stores to `__debug__`; repeated keywords; starred expressions out of place; late `__future__`
/// imports; and `case` patterns (in `CompilerChecks+Patterns`).
struct CompilerChecks {
    enum UnitKind {
        case module, `class`, function, asyncFunction, lambda, comprehension

        /// A function block in CPython's symbol table: where `return` and `yield` may appear.
        var isFunctionBlock: Bool {
            switch self {
            case .function, .asyncFunction, .lambda, .comprehension: true
            case .module, .class: false
            }
        }
    }

    enum Block {
        case loop
        case exceptStarHandler
        /// A `with` body: leaving it calls the context manager's exit first.
        case with
        /// The part of a `try` that a `finally` guards: leaving it generates the `finally` body there.
        case finallyGuarded([Stmt])
    }

    /// The code object being generated: what it is, and the blocks open at this point.
    struct Unit {
        var kind: UnitKind
        var facts: ScopeFacts
        var blocks: [Block] = []
    }

    let facts: [Position: ScopeFacts]
    let futureImportsEnd: Int
    let annotationsAreStrings: Bool
    var unit = Unit(kind: .module, facts: ScopeFacts())
    /// Where the pattern being compiled starts: CPython places pattern errors at the last pattern it
    /// entered, which may be a sub-pattern already left.
    var patternPosition = Position(line: 0, column: 0)

    init(facts: [Position: ScopeFacts], futureImportsEnd: Int, annotationsAreStrings: Bool) {
        self.facts = facts
        self.futureImportsEnd = futureImportsEnd
        self.annotationsAreStrings = annotationsAreStrings
    }

    mutating func check(_ module: Module) throws {
        try statements(module.body)
    }

    mutating func inUnit(_ kind: UnitKind, at position: Position, _ body: (inout CompilerChecks) throws -> Void) throws {
        let outer = unit
        unit = Unit(kind: kind, facts: facts[position] ?? ScopeFacts())
        defer { unit = outer }
        try body(&self)
    }

    mutating func inBlock(_ block: Block, _ body: (inout CompilerChecks) throws -> Void) throws {
        unit.blocks.append(block)
        defer { unit.blocks.removeLast() }
        try body(&self)
    }

    // MARK: - Statements

    mutating func statements(_ body: [Stmt]) throws {
        for statement in body { try self.statement(statement) }
    }

    mutating func statement(_ statement: Stmt) throws {
        let start = statement.range.start
        switch statement.kind {
        case .functionDef(let definition), .asyncFunctionDef(let definition):
            try refuseDebugParameters(definition.args, at: start)
            try expressions(definition.decoratorList)
            try defaults(definition.args)
            if !annotationsAreStrings {
                // `*args: *Ts` unpacks a type variable tuple.
                try elements(definition.args.allParameters.compactMap(\.annotation))
                if let returns = definition.returns { try expression(returns) }
            }
            let kind: UnitKind = if case .asyncFunctionDef = statement.kind { .asyncFunction } else { .function }
            try inUnit(kind, at: start) { checks in try checks.statements(definition.body) }
            try store(definition.name, at: start)
        case .classDef(let definition):
            try expressions(definition.decoratorList)
            try inUnit(.class, at: start) { checks in try checks.statements(definition.body) }
            try callArguments(definition.bases, definition.keywords, at: start)
            try store(definition.name, at: start)
        case .return(let value):
            guard unit.kind.isFunctionBlock else { throw CompileError("'return' outside function", at: start) }
            if value != nil && unit.facts.isCoroutine && unit.facts.isGenerator {
                throw CompileError("'return' with value in async generator", at: start)
            }
            if let value { try expression(value) }
            _ = try leaveBlocks(untilLoop: false, at: Self.returnPosition(statement, value), statement: start)
        case .delete(let targets):
            try expressions(targets)
        case .assign(let targets, let value):
            try expression(value)
            try expressions(targets)
        case .augAssign(let target, _, let value):
            switch target.kind {
            case .attribute(let object, _, _): try expression(object)
            case .subscript(let object, let slice, _):
                try expression(object)
                try expression(slice)
            default: break
            }
            try expression(value)
            if case .name(let id, _) = target.kind { try store(id, at: target.range.start) }
        case .annAssign(let target, let annotation, let value, let simple):
            if let value {
                try expression(value)
                try expression(target)
            }
            let evaluatesAnnotation = unit.kind == .module || unit.kind == .class
            switch target.kind {
            case .name(let id, _):
                try store(id, at: start)
                if simple && evaluatesAnnotation && !annotationsAreStrings { try expression(annotation) }
            case .attribute(let object, let attribute, _):
                try store(attribute, at: start)
                if value == nil { try expression(object) }
            case .subscript(let object, let slice, _):
                if value == nil {
                    try expression(object)
                    try expression(slice)
                }
            default: break
            }
            if !simple && evaluatesAnnotation && !annotationsAreStrings { try expression(annotation) }
        case .for(let target, let iter, let body, let orelse):
            try loop(target: target, iter: iter, body: body, orelse: orelse)
        case .asyncFor(let target, let iter, let body, let orelse):
            guard unit.kind == .asyncFunction else { throw CompileError("'async for' outside async function", at: start) }
            try loop(target: target, iter: iter, body: body, orelse: orelse)
        case .while(let test, let body, let orelse):
            try expression(test)
            try inBlock(.loop) { checks in try checks.statements(body) }
            try statements(orelse)
        case .if(let test, let body, let orelse):
            try expression(test)
            try statements(body)
            try statements(orelse)
        case .with(let items, let body):
            try with(items, body)
        case .asyncWith(let items, let body):
            guard unit.kind == .asyncFunction else { throw CompileError("'async with' outside async function", at: start) }
            try with(items, body)
        case .match(let subject, let cases):
            try expression(subject)
            try match(cases)
        case .raise(let exception, let cause):
            if let exception { try expression(exception) }
            if let cause { try expression(cause) }
        case .try(let block):
            try tryBlock(block, handlersAre: nil)
        case .tryStar(let block):
            try tryBlock(block, handlersAre: .exceptStarHandler)
        case .assert(let test, let message):
            try expression(test)
            if let message { try expression(message) }
        case .import(let names):
            for alias in names { try store(alias.asname ?? String(alias.name.prefix { $0 != "." }), at: start) }
        case .importFrom(let module, let names, _):
            if module == "__future__" && start.line > futureImportsEnd {
                throw CompileError("from __future__ imports must occur at the beginning of the file", at: start)
            }
            for alias in names where alias.name != "*" { try store(alias.asname ?? alias.name, at: start) }
        case .expr(let value):
            try expression(value)
        case .break:
            try leaveLoop(at: start, "'break' outside loop")
        case .continue:
            try leaveLoop(at: start, "'continue' not properly in loop")
        case .global, .nonlocal, .pass:
            break
        }
    }

    static func exceptStarExit(at position: Position) -> CompileError {
        CompileError("'break', 'continue' and 'return' cannot appear in an except* block", at: position)
    }

    /// `break` and `continue` leave the blocks open up to the innermost loop of this code object.
    mutating func leaveLoop(at position: Position, _ outsideMessage: String) throws {
        if try !leaveBlocks(untilLoop: true, at: position, statement: position) {
            throw CompileError(outsideMessage, at: position)
        }
    }

    /// Leaves the open blocks from the innermost out, to the innermost loop or (for `return`) all of
    /// them, generating each `finally` body on the way as CPython does (its errors come first); an
    /// `except*` handler cannot be left so. Whether a loop was reached.
    mutating func leaveBlocks(untilLoop: Bool, at position: Position, statement: Position) throws -> Bool {
        // Past a cleanup CPython has no position for the error (line -1): the statement is shown instead.
        var position = position
        var index = unit.blocks.count - 1
        while index >= 0 {
            switch unit.blocks[index] {
            case .loop where untilLoop:
                return true
            case .loop:
                break
            case .exceptStarHandler:
                throw Self.exceptStarExit(at: position)
            case .with:
                position = statement
            case .finallyGuarded(let finalbody):
                try generateFinally(finalbody, outside: index)
                position = statement
            }
            index -= 1
        }
        return false
    }

    /// A `finally` body generated where a statement leaves its `try`: only the blocks around the `try`
    /// are open there.
    mutating func generateFinally(_ body: [Stmt], outside index: Int) throws {
        let open = unit.blocks
        unit.blocks.removeSubrange(index...)
        defer { unit.blocks = open }
        try statements(body)
    }

    /// Where CPython places an error found while generating a `return`: at a constant value (one the
    /// optimizer folds) on the statement's line, else at the statement. (After a `with` or `finally`
    /// cleanup CPython has no position at all, line -1; the statement is the useful place then.)
    static func returnPosition(_ statement: Stmt, _ value: Expr?) -> Position {
        guard let value, value.range.start.line == statement.range.start.line, isFoldedConstant(value) else {
            return statement.range.start
        }
        return value.range.start
    }

    /// Whether CPython's optimizer turns the expression into one constant: literals, `__debug__`, signs
    /// of numbers, `not` and sums and products of numbers, and tuples of such.
    static func isFoldedConstant(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .constant:
            return true
        case .name("__debug__", .load):
            return true
        case .unaryOp(.not, let operand):
            return isFoldedConstant(operand)
        case .unaryOp(_, let operand):
            return isNumber(operand)
        case .binOp(let left, .add, let right), .binOp(let left, .sub, let right), .binOp(let left, .mult, let right):
            return isNumber(left) && isNumber(right)
        case .tuple(let elements, .load):
            return elements.allSatisfy(isFoldedConstant)
        default:
            return false
        }
    }

    private static func isNumber(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .constant(.int), .constant(.float), .constant(.imaginary): true
        case .unaryOp(.uSub, let operand), .unaryOp(.uAdd, let operand): isNumber(operand)
        default: false
        }
    }

    mutating func loop(target: Expr, iter: Expr, body: [Stmt], orelse: [Stmt]) throws {
        try expression(iter)
        try expression(target)
        try inBlock(.loop) { checks in try checks.statements(body) }
        try statements(orelse)
    }

    mutating func with(_ items: [WithItem], _ body: [Stmt]) throws {
        for item in items {
            try expression(item.contextExpr)
            if let variables = item.optionalVars { try expression(variables) }
        }
        try inBlock(.with) { checks in try checks.statements(body) }
    }

    /// CPython generates the body, then `else`, then the handlers, then `finally`.
    mutating func tryBlock(_ block: TryBlock, handlersAre handlerBlock: Block?) throws {
        if block.finalbody.isEmpty {
            try tryExcept(block, handlersAre: handlerBlock)
        } else {
            try inBlock(.finallyGuarded(block.finalbody)) { checks in try checks.tryExcept(block, handlersAre: handlerBlock) }
            try statements(block.finalbody)
        }
    }

    mutating func tryExcept(_ block: TryBlock, handlersAre handlerBlock: Block?) throws {
        try statements(block.body)
        try statements(block.orelse)
        for (offset, handler) in block.handlers.enumerated() {
            if handler.type == nil && offset < block.handlers.count - 1 {
                throw CompileError("default 'except:' must be last", at: handler.range.start)
            }
            if let type = handler.type { try expression(type) }
            if let name = handler.name { try store(name, at: handler.range.start) }
            if let handlerBlock {
                try inBlock(handlerBlock) { checks in try checks.statements(handler.body) }
            } else {
                try statements(handler.body)
            }
        }
    }

    // MARK: - Names and arguments

    mutating func store(_ name: String, at position: Position) throws {
        if name == "__debug__" { throw CompileError("cannot assign to __debug__", at: position) }
    }

    mutating func refuseDebugParameters(_ arguments: Arguments, at position: Position) throws {
        for parameter in arguments.allParameters { try store(parameter.arg, at: position) }
    }

    mutating func defaults(_ arguments: Arguments) throws {
        try expressions(arguments.defaults)
        for value in arguments.kwDefaults { if let value { try expression(value) } }
    }

    /// Keywords are checked before any argument is generated.
    mutating func callArguments(_ arguments: [Expr], _ keywords: [Keyword], at position: Position) throws {
        for (offset, keyword) in keywords.enumerated() {
            guard let name = keyword.arg else { continue }
            try store(name, at: position)
            if let repeated = keywords[(offset + 1)...].first(where: { $0.arg == name }) {
                throw CompileError("keyword argument repeated: \(name)", at: repeated.range.start)
            }
        }
        for argument in arguments {
            if case .starred(let value, _) = argument.kind { try expression(value) } else { try expression(argument) }
        }
        for keyword in keywords { try expression(keyword.value) }
    }

    // MARK: - Expressions

    mutating func expressions(_ items: [Expr]) throws {
        for item in items { try expression(item) }
    }

    /// Elements of a display or a call, where `*iterable` unpacks.
    mutating func elements(_ items: [Expr]) throws {
        for item in items {
            if case .starred(let value, _) = item.kind { try expression(value) } else { try expression(item) }
        }
    }

    /// Plain recursion only: the cases that check something have functions of their own, so that this
    /// frame, repeated once per level of the deepest expressions, stays small.
    mutating func expression(_ expression: Expr) throws {
        switch expression.kind {
        case .name, .attribute, .starred:
            try storeTarget(expression)
        case .list(let items, let ctx), .tuple(let items, let ctx):
            if ctx == .store { try unpackingTargets(items, at: expression.range.start) } else { try elements(items) }
        case .set(let items):
            try elements(items)
        case .call:
            try call(expression)
        case .await, .yield, .yieldFrom:
            try suspension(expression)
        case .lambda:
            try lambda(expression)
        case .listComp, .setComp, .generatorExp, .dictComp:
            try comprehension(expression)
        case .namedExpr(let target, let value):
            try self.expression(value)
            try self.expression(target)
        case .boolOp(_, let values): try expressions(values)
        case .binOp(let left, _, let right):
            try self.expression(left)
            try self.expression(right)
        case .unaryOp(_, let operand): try self.expression(operand)
        case .ifExp(let test, let body, let orelse):
            try self.expression(test)
            try self.expression(body)
            try self.expression(orelse)
        case .dict:
            try dictionary(expression)
        case .compare(let left, _, let comparators):
            try self.expression(left)
            try expressions(comparators)
        case .formattedValue(let value, _, let formatSpec):
            try self.expression(value)
            if let formatSpec { try self.expression(formatSpec) }
        case .joinedStr(let values):
            try expressions(values)
        case .constant:
            break
        case .subscript(let value, let slice, _):
            try self.expression(value)
            try self.expression(slice)
        case .slice(let lower, let upper, let step):
            if let lower { try self.expression(lower) }
            if let upper { try self.expression(upper) }
            if let step { try self.expression(step) }
        }
    }

    /// Names, attributes and starred expressions: `__debug__` is never assigned, and a starred
    /// expression only unpacks into a display, a call or a target list.
    mutating func storeTarget(_ expression: Expr) throws {
        let start = expression.range.start
        switch expression.kind {
        case .name(let id, let ctx):
            if id == "__debug__" && ctx == .store { throw CompileError("cannot assign to __debug__", at: start) }
            if id == "__debug__" && ctx == .del { throw CompileError("cannot delete __debug__", at: start) }
        case .attribute(let value, let attribute, let ctx):
            try self.expression(value)
            if attribute == "__debug__" && ctx == .store { throw CompileError("cannot assign to __debug__", at: start) }
        case .starred(_, let ctx):
            if ctx == .store { throw CompileError("starred assignment target must be in a list or tuple", at: start) }
            throw CompileError("can't use starred expression here", at: start)
        default:
            break
        }
    }

    mutating func call(_ expression: Expr) throws {
        guard case .call(let function, let args, let keywords) = expression.kind else { return }
        try self.expression(function)
        try callArguments(args, keywords, at: expression.range.start)
    }

    mutating func suspension(_ expression: Expr) throws {
        let start = expression.range.start
        switch expression.kind {
        case .await(let value):
            guard unit.kind.isFunctionBlock else { throw CompileError("'await' outside function", at: start) }
            guard unit.kind == .asyncFunction || unit.kind == .comprehension else {
                throw CompileError("'await' outside async function", at: start)
            }
            try self.expression(value)
        case .yield(let value):
            guard unit.kind.isFunctionBlock else { throw CompileError("'yield' outside function", at: start) }
            if let value { try self.expression(value) }
        case .yieldFrom(let value):
            guard unit.kind.isFunctionBlock else { throw CompileError("'yield' outside function", at: start) }
            if unit.kind == .asyncFunction { throw CompileError("'yield from' inside async function", at: start) }
            try self.expression(value)
        default:
            break
        }
    }

    mutating func lambda(_ expression: Expr) throws {
        guard case .lambda(let args, let body) = expression.kind else { return }
        try refuseDebugParameters(args, at: expression.range.start)
        try defaults(args)
        try inUnit(.lambda, at: expression.range.start) { checks in try checks.expression(body) }
    }

    mutating func comprehension(_ expression: Expr) throws {
        switch expression.kind {
        case .listComp(let element, let generators), .setComp(let element, let generators):
            try comprehension(expression, generators, [element], isGenerator: false)
        case .generatorExp(let element, let generators):
            try comprehension(expression, generators, [element], isGenerator: true)
        case .dictComp(let key, let value, let generators):
            try comprehension(expression, generators, [key, value], isGenerator: false)
        default:
            break
        }
    }

    mutating func dictionary(_ expression: Expr) throws {
        guard case .dict(let keys, let values) = expression.kind else { return }
        for (key, value) in zip(keys, values) {
            if let key { try self.expression(key) }
            try self.expression(value)
        }
    }

    /// `a, *b, c = …`: one starred target at most, after fewer than 256 others.
    mutating func unpackingTargets(_ items: [Expr], at position: Position) throws {
        var seenStar = false
        for (offset, item) in items.enumerated() {
            guard case .starred = item.kind else { continue }
            if seenStar { throw CompileError("multiple starred expressions in assignment", at: position) }
            if offset >= 1 << 8 { throw CompileError("too many expressions in star-unpacking assignment", at: position) }
            seenStar = true
        }
        for item in items {
            if case .starred(let value, _) = item.kind { try expression(value) } else { try expression(item) }
        }
    }

    /// A comprehension is its own code object, except its first iterable, generated after it in the
    /// enclosing one. Only a generator expression may be asynchronous outside an `async def`.
    mutating func comprehension(_ node: Expr, _ generators: [Comprehension], _ elements: [Expr],
                                isGenerator: Bool) throws {
        guard let outermost = generators.first else { return }
        let enclosing = unit.kind
        try inUnit(.comprehension, at: node.range.start) { checks in
            if checks.unit.facts.isCoroutine && !isGenerator && enclosing != .asyncFunction && enclosing != .comprehension {
                throw CompileError("asynchronous comprehension outside of an asynchronous function", at: node.range.start)
            }
            for (offset, generator) in generators.enumerated() {
                if offset > 0 { try checks.expression(generator.iter) }
                try checks.expression(generator.target)
                try checks.expressions(generator.ifs)
            }
            try checks.expressions(elements)
        }
        try expression(outermost.iter)
    }
}
