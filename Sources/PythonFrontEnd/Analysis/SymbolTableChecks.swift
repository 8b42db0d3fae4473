/// What code generation needs to know of a function, lambda or comprehension scope, found while
/// building the symbol table: whether it yields, and whether it awaits (CPython's `ste_generator`
/// and `ste_coroutine`).
struct ScopeFacts {
    var isGenerator = false
    var isCoroutine = false
}

/// CPython's second pass, the symbol table: every name's role in every scope, refusing roles that
/// contradict each other (`global` after a use, `nonlocal` of a parameter, a repeated parameter),
/// `yield` in a comprehension, `import *` in a function, and assignment expressions that would
/// rebind a comprehension's variable; then, once all scopes are known, `nonlocal` names bound in no
/// enclosing function.
struct SymbolTableChecks {
    struct Flags: OptionSet {
        let rawValue: UInt16
        static let global = Flags(rawValue: 1 << 0)
        static let local = Flags(rawValue: 1 << 1)
        static let parameter = Flags(rawValue: 1 << 2)
        static let nonlocal = Flags(rawValue: 1 << 3)
        static let use = Flags(rawValue: 1 << 4)
        static let imported = Flags(rawValue: 1 << 5)
        static let annotated = Flags(rawValue: 1 << 6)
        static let comprehensionIteration = Flags(rawValue: 1 << 7)
        static let bound: Flags = [.local, .parameter, .imported]
    }

    enum ScopeKind {
        case module, function, lambda, `class`
        case comprehension(String)
        /// Annotations under `from __future__ import annotations`, kept as text and never evaluated.
        case annotation

        var isFunctionBlock: Bool {
            switch self {
            case .function, .lambda, .comprehension: true
            case .module, .class, .annotation: false
            }
        }
    }

    struct Scope {
        var kind: ScopeKind
        var position: Position
        var flags: [String: Flags] = [:]
        /// Names declared `global` or `nonlocal` (by a statement or an assignment expression in a
        /// comprehension), in order of declaration: the order CPython resolves them in.
        var declared: [String] = []
        /// Each `global`/`nonlocal` of a name, where it was written: errors found later point there.
        var directives: [(name: String, position: Position)] = []
        var children: [Int] = []
        var facts = ScopeFacts()
        var iterableDepth = 0
        var isVisitingIterationTarget = false
        /// Reads of a name matter only to a `global` or `nonlocal` of the same scope; a scope without
        /// either skips them, which is most of the pass's work saved.
        var tracksUses: Bool
        /// Plain bindings matter to the scope's own declarations, to comprehension variables, and to
        /// `nonlocal` statements of nested scopes when the module has any.
        var tracksBindings: Bool

        init(kind: ScopeKind, position: Position, tracksUses: Bool, tracksBindings: Bool) {
            self.kind = kind
            self.position = position
            self.tracksUses = tracksUses
            self.tracksBindings = tracksBindings || tracksUses
        }

        var isComprehension: Bool {
            if case .comprehension = kind { return true }
            return false
        }
    }

    private var scopes: [Scope] = []
    private var stack: [Int] = []
    private let annotationsAreStrings: Bool
    private var moduleHasNonlocalStatements = false
    /// Facts of every function, lambda and comprehension, by where its node starts.
    private(set) var scopeFacts: [Position: ScopeFacts] = [:]

    private var current: Int { stack[stack.count - 1] }

    init(annotationsAreStrings: Bool) {
        self.annotationsAreStrings = annotationsAreStrings
    }

    mutating func check(_ module: Module) throws {
        moduleHasNonlocalStatements = Self.hasNonlocalStatement(module.body)
        scopes = [Scope(kind: .module, position: Position(line: 0, column: 0), tracksUses: Self.declaresNames(module.body),
                        tracksBindings: moduleHasNonlocalStatements)]
        stack = [0]
        try statements(module.body)
        // Assignment expressions in comprehensions always find their binding: only statements can fail.
        if moduleHasNonlocalStatements { try resolve(0, bound: nil) }
    }

    // MARK: - Scopes and names

    private mutating func enter(_ kind: ScopeKind, at position: Position, body: [Stmt] = []) {
        let isComprehension = if case .comprehension = kind { true } else { false }
        scopes.append(Scope(kind: kind, position: position, tracksUses: Self.declaresNames(body),
                            tracksBindings: moduleHasNonlocalStatements || isComprehension))
        scopes[current].children.append(scopes.count - 1)
        stack.append(scopes.count - 1)
    }

    private mutating func exit() {
        let scope = scopes[current]
        if scope.kind.isFunctionBlock { scopeFacts[scope.position] = scope.facts }
        stack.removeLast()
    }

    /// Whether a body holds `global` or `nonlocal` statements of its own scope (not of nested ones).
    static func declaresNames(_ body: [Stmt]) -> Bool {
        body.contains { statement in
            switch statement.kind {
            case .global, .nonlocal: true
            case .for(_, _, let body, let orelse), .asyncFor(_, _, let body, let orelse),
                 .while(_, let body, let orelse), .if(_, let body, let orelse):
                declaresNames(body) || declaresNames(orelse)
            case .with(_, let body), .asyncWith(_, let body): declaresNames(body)
            case .match(_, let cases): cases.contains { declaresNames($0.body) }
            case .try(let block), .tryStar(let block):
                declaresNames(block.body) || block.handlers.contains { declaresNames($0.body) }
                    || declaresNames(block.orelse) || declaresNames(block.finalbody)
            default: false
            }
        }
    }

    /// Whether any scope of the module holds a `nonlocal` statement (functions and classes included).
    static func hasNonlocalStatement(_ body: [Stmt]) -> Bool {
        body.contains { statement in
            switch statement.kind {
            case .nonlocal: true
            case .functionDef(let definition), .asyncFunctionDef(let definition): hasNonlocalStatement(definition.body)
            case .classDef(let definition): hasNonlocalStatement(definition.body)
            case .for(_, _, let body, let orelse), .asyncFor(_, _, let body, let orelse),
                 .while(_, let body, let orelse), .if(_, let body, let orelse):
                hasNonlocalStatement(body) || hasNonlocalStatement(orelse)
            case .with(_, let body), .asyncWith(_, let body): hasNonlocalStatement(body)
            case .match(_, let cases): cases.contains { hasNonlocalStatement($0.body) }
            case .try(let block), .tryStar(let block):
                hasNonlocalStatement(block.body) || block.handlers.contains { hasNonlocalStatement($0.body) }
                    || hasNonlocalStatement(block.orelse) || hasNonlocalStatement(block.finalbody)
            default: false
            }
        }
    }

    private func lookup(_ name: String) -> Flags {
        scopes[current].flags[name] ?? []
    }

    private mutating func add(_ name: String, _ flag: Flags, at position: Position) throws {
        try add(name, flag, at: position, in: current)
    }

    private mutating func add(_ name: String, _ flag: Flags, at position: Position, in index: Int) throws {
        if flag == .use && !scopes[index].tracksUses { return }
        if (flag == .local || flag == .imported) && !scopes[index].tracksBindings { return }
        let slot = scopes[index].flags.index(forKey: name)
        var value: Flags
        if let slot {
            let existing = scopes[index].flags.values[slot]
            if flag.contains(.parameter) && existing.contains(.parameter) {
                throw CompileError("duplicate argument '\(name)' in function definition", at: position)
            }
            value = existing.union(flag)
        } else {
            value = flag
        }
        if scopes[index].isVisitingIterationTarget {
            if !value.isDisjoint(with: [.global, .nonlocal]) {
                throw CompileError("comprehension inner loop cannot rebind assignment expression target '\(name)'", at: position)
            }
            value.insert(.comprehensionIteration)
        }
        if let slot {
            scopes[index].flags.values[slot] = value
        } else {
            scopes[index].flags[name] = value
        }
    }

    private mutating func declare(_ names: [String], isGlobal: Bool, at statement: Stmt) throws {
        let keyword = isGlobal ? "global" : "nonlocal"
        for name in names {
            let flags = lookup(name)
            if !flags.isDisjoint(with: [.parameter, .local, .use, .annotated]) {
                let message = if flags.contains(.parameter) {
                    "name '\(name)' is parameter and \(keyword)"
                } else if flags.contains(.use) {
                    "name '\(name)' is used prior to \(keyword) declaration"
                } else if flags.contains(.annotated) {
                    "annotated name '\(name)' can't be \(keyword)"
                } else {
                    "name '\(name)' is assigned to before \(keyword) declaration"
                }
                throw CompileError(message, at: statement.range.start)
            }
            try add(name, isGlobal ? .global : .nonlocal, at: statement.range.start)
            record(name, declaredAt: statement.range.start, in: current)
            // CPython notes every `global` in the module's own table too.
            if isGlobal && current != 0 { try add(name, .global, at: statement.range.start, in: 0) }
        }
    }

    private mutating func record(_ name: String, declaredAt position: Position, in index: Int) {
        if !scopes[index].directives.contains(where: { $0.name == name }) { scopes[index].declared.append(name) }
        scopes[index].directives.append((name, position))
    }

    /// `nonlocal` names must be bound in an enclosing function; CPython checks this once the whole
    /// table is built, scope by scope, each scope's names before its children.
    private func resolve(_ index: Int, bound: Set<String>?) throws {
        let scope = scopes[index]
        var bound = bound
        var locals: Set<String> = []
        var boundForChildren: Set<String> = []
        if case .class = scope.kind { boundForChildren = bound ?? [] }
        for name in scope.declared {
            let flags = scope.flags[name] ?? []
            if flags.contains(.global) {
                if flags.contains(.nonlocal) {
                    throw CompileError("name '\(name)' is nonlocal and global", at: directive(of: name, in: scope))
                }
                bound?.remove(name)
            } else if flags.contains(.nonlocal) {
                guard let known = bound else {
                    throw CompileError("nonlocal declaration not allowed at module level", at: directive(of: name, in: scope))
                }
                if !known.contains(name) {
                    throw CompileError("no binding for nonlocal '\(name)' found", at: directive(of: name, in: scope))
                }
            }
        }
        for (name, flags) in scope.flags where flags.isDisjoint(with: [.global, .nonlocal]) && !flags.isDisjoint(with: .bound) {
            locals.insert(name)
        }
        switch scope.kind {
        case .class:
            boundForChildren.insert("__class__")
        case .module, .annotation:
            boundForChildren = bound ?? []
        case .function, .lambda, .comprehension:
            boundForChildren = locals.union(bound ?? [])
        }
        for child in scope.children { try resolve(child, bound: boundForChildren) }
    }

    private func directive(of name: String, in scope: Scope) -> Position {
        scope.directives.first { $0.name == name }?.position ?? scope.position
    }

    // MARK: - Statements

    private mutating func statements(_ body: [Stmt]) throws {
        for statement in body { try self.statement(statement) }
    }

    private mutating func statement(_ statement: Stmt) throws {
        switch statement.kind {
        case .functionDef(let definition), .asyncFunctionDef(let definition):
            try add(definition.name, .local, at: statement.range.start)
            try defaults(definition.args)
            try annotations(definition.args, returns: definition.returns, of: statement.range.start)
            try expressions(definition.decoratorList)
            enter(.function, at: statement.range.start, body: definition.body)
            if case .asyncFunctionDef = statement.kind { scopes[current].facts.isCoroutine = true }
            try parameters(definition.args)
            try statements(definition.body)
            exit()
        case .classDef(let definition):
            try add(definition.name, .local, at: statement.range.start)
            try expressions(definition.bases)
            for keyword in definition.keywords { try expression(keyword.value) }
            try expressions(definition.decoratorList)
            enter(.class, at: statement.range.start, body: definition.body)
            try statements(definition.body)
            exit()
        case .return(let value):
            if let value { try expression(value) }
        case .delete(let targets):
            try expressions(targets)
        case .assign(let targets, let value):
            try expressions(targets)
            try expression(value)
        case .augAssign(let target, _, let value):
            try expression(target)
            try expression(value)
        case .annAssign(let target, let annotation, let value, let simple):
            if case .name(let id, _) = target.kind {
                let flags = lookup(id)
                if !flags.isDisjoint(with: [.global, .nonlocal]) && current != 0 && simple {
                    let keyword = flags.contains(.global) ? "global" : "nonlocal"
                    throw CompileError("annotated name '\(id)' can't be \(keyword)", at: statement.range.start)
                }
                if simple {
                    try add(id, [.annotated, .local], at: target.range.start)
                } else if value != nil {
                    try add(id, .local, at: target.range.start)
                }
            } else {
                try expression(target)
            }
            try annotationExpression(annotation, at: annotation.range.start)
            if let value { try expression(value) }
        case .for(let target, let iter, let body, let orelse), .asyncFor(let target, let iter, let body, let orelse):
            try expression(target)
            try expression(iter)
            try statements(body)
            try statements(orelse)
        case .while(let test, let body, let orelse), .if(let test, let body, let orelse):
            try expression(test)
            try statements(body)
            try statements(orelse)
        case .with(let items, let body), .asyncWith(let items, let body):
            for item in items {
                try expression(item.contextExpr)
                if let variables = item.optionalVars { try expression(variables) }
            }
            try statements(body)
        case .match(let subject, let cases):
            try expression(subject)
            for matchCase in cases {
                try pattern(matchCase.pattern)
                if let guardExpr = matchCase.guardExpr { try expression(guardExpr) }
                try statements(matchCase.body)
            }
        case .raise(let exception, let cause):
            if let exception { try expression(exception) }
            if let cause { try expression(cause) }
        case .try(let block), .tryStar(let block):
            try statements(block.body)
            try statements(block.orelse)
            for handler in block.handlers {
                if let type = handler.type { try expression(type) }
                if let name = handler.name { try add(name, .local, at: handler.range.start) }
                try statements(handler.body)
            }
            try statements(block.finalbody)
        case .assert(let test, let message):
            try expression(test)
            if let message { try expression(message) }
        case .import(let names), .importFrom(_, let names, _):
            for alias in names {
                if alias.name == "*" {
                    if current != 0 { throw CompileError("import * only allowed at module level", at: alias.range.start) }
                    continue
                }
                guard scopes[current].tracksBindings else { continue }
                let bound = alias.asname ?? String(alias.name.prefix { $0 != "." })
                try add(bound, .imported, at: alias.range.start)
            }
        case .global(let names):
            try declare(names, isGlobal: true, at: statement)
        case .nonlocal(let names):
            try declare(names, isGlobal: false, at: statement)
        case .expr(let value):
            try expression(value)
        case .pass, .break, .continue:
            break
        }
    }

    private mutating func defaults(_ arguments: Arguments) throws {
        try expressions(arguments.defaults)
        for value in arguments.kwDefaults { if let value { try expression(value) } }
    }

    private mutating func annotations(_ arguments: Arguments, returns: Expr?, of position: Position) throws {
        if annotationsAreStrings { enter(.annotation, at: position) }
        for parameter in arguments.allParameters {
            if let annotation = parameter.annotation { try expression(annotation) }
        }
        if let returns { try expression(returns) }
        if annotationsAreStrings { exit() }
    }

    private mutating func annotationExpression(_ annotation: Expr, at position: Position) throws {
        if annotationsAreStrings { enter(.annotation, at: position) }
        try expression(annotation)
        if annotationsAreStrings { exit() }
    }

    private func refuseInAnnotation(_ construct: String, at position: Position) throws {
        if case .annotation = scopes[current].kind {
            throw CompileError("'\(construct)' can not be used within an annotation", at: position)
        }
    }

    /// In CPython's order: positional, keyword-only, then `*args` and `**kwargs`.
    private mutating func parameters(_ arguments: Arguments) throws {
        var ordered = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
        if let vararg = arguments.vararg { ordered.append(vararg) }
        if let kwarg = arguments.kwarg { ordered.append(kwarg) }
        for parameter in ordered { try add(parameter.arg, .parameter, at: parameter.range.start) }
    }

    // MARK: - Expressions

    private mutating func expressions(_ items: [Expr]) throws {
        for item in items { try expression(item) }
    }

    /// Plain recursion only: the cases that check or record something have functions of their own, so
    /// that this frame, repeated once per level of the deepest expressions, stays small.
    private mutating func expression(_ expression: Expr) throws {
        switch expression.kind {
        case .name:
            try name(expression)
        case .namedExpr:
            try assignmentExpression(expression)
        case .lambda:
            try lambda(expression)
        case .listComp, .setComp, .dictComp, .generatorExp:
            try comprehension(expression)
        case .yield, .yieldFrom, .await:
            try suspension(expression)
        case .dict:
            try dictionary(expression)
        case .boolOp(_, let values): try expressions(values)
        case .binOp(let left, _, let right):
            try self.expression(left)
            try self.expression(right)
        case .unaryOp(_, let operand): try self.expression(operand)
        case .ifExp(let test, let body, let orelse):
            try self.expression(test)
            try self.expression(body)
            try self.expression(orelse)
        case .set(let elements), .list(let elements, _), .tuple(let elements, _), .joinedStr(let elements):
            try expressions(elements)
        case .starred(let value, _):
            try self.expression(value)
        case .compare(let left, _, let comparators):
            try self.expression(left)
            try expressions(comparators)
        case .call:
            try call(expression)
        case .formattedValue(let value, _, let formatSpec):
            try self.expression(value)
            if let formatSpec { try self.expression(formatSpec) }
        case .constant:
            break
        case .attribute(let value, _, _):
            try self.expression(value)
        case .subscript(let value, let slice, _):
            try self.expression(value)
            try self.expression(slice)
        case .slice(let lower, let upper, let step):
            if let lower { try self.expression(lower) }
            if let upper { try self.expression(upper) }
            if let step { try self.expression(step) }
        }
    }

    private mutating func name(_ expression: Expr) throws {
        guard case .name(let id, let ctx) = expression.kind else { return }
        // CPython's optimizer has replaced a read of `__debug__` by a constant before this pass.
        if ctx == .load && id == "__debug__" { return }
        try add(id, ctx == .load ? .use : .local, at: expression.range.start)
    }

    private mutating func call(_ expression: Expr) throws {
        guard case .call(let function, let args, let keywords) = expression.kind else { return }
        try self.expression(function)
        try expressions(args)
        for keyword in keywords { try self.expression(keyword.value) }
    }

    private mutating func assignmentExpression(_ expression: Expr) throws {
        guard case .namedExpr(let target, let value) = expression.kind else { return }
        try refuseInAnnotation("named expression", at: expression.range.start)
        if scopes[current].iterableDepth > 0 {
            throw CompileError("assignment expression cannot be used in a comprehension iterable expression",
                               at: expression.range.start)
        }
        if scopes[current].isComprehension, case .name(let id, _) = target.kind {
            try bindInEnclosingScope(id, at: target.range.start)
        }
        try self.expression(value)
        try self.expression(target)
    }

    private mutating func lambda(_ expression: Expr) throws {
        guard case .lambda(let args, let body) = expression.kind else { return }
        try defaults(args)
        enter(.lambda, at: expression.range.start)
        try parameters(args)
        try self.expression(body)
        exit()
    }

    private mutating func comprehension(_ expression: Expr) throws {
        switch expression.kind {
        case .listComp(let element, let generators):
            try comprehension("list comprehension", expression, generators, [element])
        case .setComp(let element, let generators):
            try comprehension("set comprehension", expression, generators, [element])
        case .dictComp(let key, let value, let generators):
            try comprehension("dict comprehension", expression, generators, [key, value])
        case .generatorExp(let element, let generators):
            try comprehension("generator expression", expression, generators, [element])
        default:
            break
        }
    }

    private mutating func suspension(_ expression: Expr) throws {
        switch expression.kind {
        case .yield(let value):
            try refuseInAnnotation("yield expression", at: expression.range.start)
            if let value { try self.expression(value) }
            try yielded(at: expression.range.start)
        case .yieldFrom(let value):
            try refuseInAnnotation("yield expression", at: expression.range.start)
            try self.expression(value)
            try yielded(at: expression.range.start)
        case .await(let value):
            try refuseInAnnotation("await expression", at: expression.range.start)
            try self.expression(value)
            scopes[current].facts.isCoroutine = true
        default:
            break
        }
    }

    private mutating func dictionary(_ expression: Expr) throws {
        guard case .dict(let keys, let values) = expression.kind else { return }
        for (key, value) in zip(keys, values) {
            if let key { try self.expression(key) }
            try self.expression(value)
        }
    }

    private mutating func yielded(at position: Position) throws {
        scopes[current].facts.isGenerator = true
        if case .comprehension(let kind) = scopes[current].kind {
            throw CompileError("'yield' inside \(kind)", at: position)
        }
    }

    /// The first iterable is evaluated in the enclosing scope; targets, conditions, later iterables
    /// and the elements in the comprehension's own.
    private mutating func comprehension(_ kind: String, _ node: Expr, _ generators: [Comprehension],
                                        _ elements: [Expr]) throws {
        guard let outermost = generators.first else { return }
        scopes[current].iterableDepth += 1
        try expression(outermost.iter)
        scopes[current].iterableDepth -= 1
        enter(.comprehension(kind), at: node.range.start)
        if outermost.isAsync { scopes[current].facts.isCoroutine = true }
        for (offset, generator) in generators.enumerated() {
            scopes[current].isVisitingIterationTarget = true
            try expression(generator.target)
            scopes[current].isVisitingIterationTarget = false
            if offset > 0 {
                scopes[current].iterableDepth += 1
                try expression(generator.iter)
                scopes[current].iterableDepth -= 1
            }
            try expressions(generator.ifs)
            if generator.isAsync { scopes[current].facts.isCoroutine = true }
        }
        try expressions(elements.reversed())
        let isGeneratorExpression = kind == "generator expression"
        scopes[current].facts.isGenerator = isGeneratorExpression
        let makesEnclosingAsync = scopes[current].facts.isCoroutine && !isGeneratorExpression
        exit()
        if makesEnclosingAsync { scopes[current].facts.isCoroutine = true }
    }

    /// An assignment expression in a comprehension binds in the nearest enclosing function or module.
    private mutating func bindInEnclosingScope(_ name: String, at position: Position) throws {
        for index in stack.reversed() {
            let scope = scopes[index]
            switch scope.kind {
            case .comprehension:
                if scope.flags[name]?.contains(.comprehensionIteration) == true {
                    throw CompileError("assignment expression cannot rebind comprehension iteration variable '\(name)'", at: position)
                }
            case .function, .lambda:
                let isGlobal = scope.flags[name]?.contains(.global) == true
                try add(name, isGlobal ? .global : .nonlocal, at: position)
                record(name, declaredAt: position, in: current)
                if isGlobal { try add(name, .global, at: position, in: 0) }
                try add(name, .local, at: position, in: index)
                return
            case .module:
                try add(name, .global, at: position)
                record(name, declaredAt: position, in: current)
                try add(name, .global, at: position, in: index)
                return
            case .class:
                throw CompileError("assignment expression within a comprehension cannot be used in a class body", at: position)
            case .annotation:
                continue
            }
        }
    }

    // MARK: - Patterns

    private mutating func pattern(_ pattern: Pattern) throws {
        switch pattern.kind {
        case .matchValue(let value): try expression(value)
        case .matchSingleton: break
        case .matchSequence(let patterns), .matchOr(let patterns):
            for inner in patterns { try self.pattern(inner) }
        case .matchMapping(let keys, let patterns, let rest):
            try expressions(keys)
            for inner in patterns { try self.pattern(inner) }
            if let rest { try add(rest, .local, at: pattern.range.start) }
        case .matchClass(let cls, let patterns, _, let kwdPatterns):
            try expression(cls)
            for inner in patterns { try self.pattern(inner) }
            for inner in kwdPatterns { try self.pattern(inner) }
        case .matchStar(let name):
            if let name { try add(name, .local, at: pattern.range.start) }
        case .matchAs(let inner, let name):
            if let inner { try self.pattern(inner) }
            if let name { try add(name, .local, at: pattern.range.start) }
        }
    }
}
