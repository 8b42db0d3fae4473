import PythonFrontEnd

/// Python's scoping for the dynamic lowering: which names a body binds (a name bound anywhere in a
/// function is local to all of it), which it declares `global`/`nonlocal`, and which nested
/// scopes read or rebind, so each Python name gets one Swift storage with Python's lifetime.
struct DynamicScopeFacts {
    struct Store {
        var position: Position
        /// `name = value` (or annotated) as a statement of the body's own top block.
        var isTopLevelWhole: Bool
        /// The `for` loop, `except` clause or `with` statement whose target this is, by its range:
        /// a name read only inside it is bound there, by Swift.
        var construct: SourceRange?
        var isAugmented: Bool
        /// Where the storing statement ends: a read before it (the value's own lambda, a
        /// recursive `def`) needs the variable declared before the statement.
        var end: Position = Position(line: 0, column: 0)
    }

    /// Names this scope binds, in the order first bound.
    private(set) var bound: [String] = []
    private(set) var stores: [String: [Store]] = [:]
    /// Reads in this scope itself (not nested scopes), by position.
    private(set) var loads: [String: [Position]] = [:]
    private(set) var globals: Set<String> = []
    private(set) var nonlocals: Set<String> = []
    /// Names read by a nested function, lambda, comprehension or class body (its free names).
    private(set) var nestedLoads: Set<String> = []
    /// Names a nested function rebinds through `nonlocal`.
    private(set) var nestedRebinds: Set<String> = []
    /// Names a nested function rebinds through `global` (at module scope: names this cell binds).
    private(set) var nestedGlobalStores: Set<String> = []
    /// Positions where a nested scope (def, lambda, comprehension, class) starts.
    private(set) var nestedScopeStarts: [(position: Position, reads: Set<String>)] = []
    private(set) var deleted: Set<String> = []
    private(set) var containsYield = false
    private(set) var containsAwait = false

    private var depth = 0
    private var forStack: [SourceRange] = []

    /// Facts about a function body, a cell, or a class body (`parameters` are bound first).
    static func of(_ body: [Stmt], parameters: [String] = []) -> DynamicScopeFacts {
        var facts = DynamicScopeFacts()
        for name in parameters { facts.bind(name, Store(position: Position(line: 0, column: 0), isTopLevelWhole: false, construct: nil, isAugmented: false)) }
        facts.walkBlock(body)
        return facts
    }

    /// Facts about a lambda or comprehension expression body.
    static func of(expression: Expr, parameters: [String]) -> DynamicScopeFacts {
        var facts = DynamicScopeFacts()
        for name in parameters { facts.bind(name, Store(position: Position(line: 0, column: 0), isTopLevelWhole: false, construct: nil, isAugmented: false)) }
        facts.walk(expression)
        return facts
    }

    /// Facts about a comprehension's own scope: its targets, bound for the whole expression.
    static func ofComprehension(_ elements: [Expr], _ generators: [Comprehension], range: SourceRange) -> DynamicScopeFacts {
        var inner = DynamicScopeFacts()
        for (index, generator) in generators.enumerated() {
            inner.storeForTarget(generator.target, loop: range)
            if index > 0 { inner.walk(generator.iter) }
            for condition in generator.ifs { inner.walk(condition) }
        }
        for element in elements { inner.walk(element) }
        return inner
    }

    func isLocal(_ name: String) -> Bool {
        stores[name] != nil && !globals.contains(name) && !nonlocals.contains(name)
    }

    var localNames: [String] { bound.filter { isLocal($0) } }

    func isRead(_ name: String) -> Bool { loads[name] != nil || nestedLoads.contains(name) }

    /// Every name the scope reads, itself or in nested scopes.
    var allReads: Set<String> { Set(loads.keys).union(nestedLoads) }

    private var statementEnd = Position(line: 0, column: 0)

    private mutating func bind(_ name: String, _ store: Store) {
        if stores[name] == nil { bound.append(name) }
        var store = store
        store.end = statementEnd
        stores[name, default: []].append(store)
    }

    private mutating func load(_ name: String, _ position: Position) {
        loads[name, default: []].append(position)
    }

    private mutating func walkBlock(_ body: [Stmt]) {
        for statement in body { walk(statement) }
    }

    private mutating func store(_ target: Expr, whole: Bool, augmented: Bool = false) {
        switch target.kind {
        case .name(let id, _):
            bind(id, Store(position: target.range.start, isTopLevelWhole: whole && depth == 0, construct: nil, isAugmented: augmented))
        case .tuple(let elts, _), .list(let elts, _):
            for element in elts { store(element, whole: false) }
        case .starred(let value, _):
            store(value, whole: false)
        case .attribute(let value, _, _):
            walk(value)
        case .subscript(let value, let slice, _):
            walk(value)
            walk(slice)
        default:
            walk(target)
        }
    }

    private mutating func storeForTarget(_ target: Expr, loop: SourceRange) {
        switch target.kind {
        case .name(let id, _):
            bind(id, Store(position: target.range.start, isTopLevelWhole: false, construct: loop, isAugmented: false))
        case .tuple(let elts, _), .list(let elts, _):
            for element in elts { storeForTarget(element, loop: loop) }
        case .starred(let value, _):
            storeForTarget(value, loop: loop)
        default:
            store(target, whole: false)
        }
    }

    private mutating func walk(_ statement: Stmt) {
        let start = statement.range.start
        let savedEnd = statementEnd
        statementEnd = statement.range.end
        defer { statementEnd = savedEnd }
        switch statement.kind {
        case .functionDef(let def), .asyncFunctionDef(let def):
            for decorator in def.decoratorList { walk(decorator) }
            for value in def.args.defaults { walk(value) }
            for value in def.args.kwDefaults.compactMap({ $0 }) { walk(value) }
            bind(def.name, Store(position: start, isTopLevelWhole: depth == 0, construct: nil, isAugmented: false))
            noteNestedFunction(def.body, parameters: def.args.allParameters.map(\.arg), at: start)
        case .classDef(let def):
            for decorator in def.decoratorList { walk(decorator) }
            for base in def.bases { walk(base) }
            for keyword in def.keywords { walk(keyword.value) }
            bind(def.name, Store(position: start, isTopLevelWhole: depth == 0, construct: nil, isAugmented: false))
            // A class body's names are its own; what it reads of ours counts as a nested read.
            let inner = DynamicScopeFacts.of(def.body)
            var reads = inner.allReads
            // `super()` in a method reads the class object itself.
            if reads.contains("super") { reads.insert(def.name) }
            nestedLoads.formUnion(reads)
            nestedScopeStarts.append((start, reads))
            nestedGlobalStores.formUnion(inner.nestedGlobalStores)
            nestedGlobalStores.formUnion(inner.globals.filter { inner.stores[$0] != nil })
            nestedRebinds.formUnion(inner.nestedRebinds)
        case .return(let value):
            if let value { walk(value) }
        case .delete(let targets):
            for target in targets {
                if case .name(let id, _) = target.kind {
                    load(id, target.range.start)
                    deleted.insert(id)
                    bind(id, Store(position: target.range.start, isTopLevelWhole: false, construct: nil, isAugmented: true))
                } else {
                    store(target, whole: false)
                }
            }
        case .assign(let targets, let value):
            walk(value)
            for target in targets { store(target, whole: targets.count == 1) }
        case .augAssign(let target, _, let value):
            walk(value)
            if case .name(let id, _) = target.kind {
                load(id, target.range.start)
                bind(id, Store(position: target.range.start, isTopLevelWhole: false, construct: nil, isAugmented: true))
            } else {
                store(target, whole: false)
            }
        case .annAssign(let target, _, let value, _):
            if let value {
                walk(value)
                store(target, whole: true)
            } else if case .name = target.kind {
                // `x: int` alone makes `x` local without binding it.
                store(target, whole: false)
            }
        case .for(let target, let iter, let body, let orelse), .asyncFor(let target, let iter, let body, let orelse):
            walk(iter)
            depth += 1
            storeForTarget(target, loop: statement.range)
            walkBlock(body)
            walkBlock(orelse)
            depth -= 1
        case .while(let test, let body, let orelse):
            walk(test)
            depth += 1
            walkBlock(body)
            walkBlock(orelse)
            depth -= 1
        case .if(let test, let body, let orelse):
            walk(test)
            depth += 1
            walkBlock(body)
            walkBlock(orelse)
            depth -= 1
        case .with(let items, let body), .asyncWith(let items, let body):
            for item in items {
                walk(item.contextExpr)
                if let vars = item.optionalVars {
                    if case .name(let id, _) = vars.kind {
                        bind(id, Store(position: vars.range.start, isTopLevelWhole: false, construct: statement.range, isAugmented: false))
                    } else {
                        store(vars, whole: false)
                    }
                }
            }
            depth += 1
            walkBlock(body)
            depth -= 1
        case .match(let subject, let cases):
            walk(subject)
            depth += 1
            for matchCase in cases {
                walk(matchCase.pattern)
                if let guardExpr = matchCase.guardExpr { walk(guardExpr) }
                walkBlock(matchCase.body)
            }
            depth -= 1
        case .raise(let exc, let cause):
            if let exc { walk(exc) }
            if let cause { walk(cause) }
        case .try(let block), .tryStar(let block):
            depth += 1
            walkBlock(block.body)
            for handler in block.handlers {
                if let type = handler.type { walk(type) }
                if let name = handler.name {
                    bind(name, Store(position: handler.range.start, isTopLevelWhole: false, construct: handler.range, isAugmented: false))
                }
                walkBlock(handler.body)
            }
            walkBlock(block.orelse)
            walkBlock(block.finalbody)
            depth -= 1
        case .assert(let test, let msg):
            walk(test)
            if let msg { walk(msg) }
        case .import(let names):
            for alias in names {
                let name = alias.asname ?? String(alias.name.split(separator: ".").first ?? "")
                bind(name, Store(position: start, isTopLevelWhole: depth == 0, construct: nil, isAugmented: false))
            }
        case .importFrom(_, let names, _):
            for alias in names where alias.name != "*" {
                bind(alias.asname ?? alias.name, Store(position: start, isTopLevelWhole: depth == 0, construct: nil, isAugmented: false))
            }
        case .global(let names):
            globals.formUnion(names)
        case .nonlocal(let names):
            nonlocals.formUnion(names)
        case .expr(let value):
            walk(value)
        case .pass, .break, .continue:
            break
        }
    }

    private mutating func walk(_ pattern: Pattern) {
        switch pattern.kind {
        case .matchValue(let value): walk(value)
        case .matchSingleton: break
        case .matchSequence(let patterns): for p in patterns { walk(p) }
        case .matchMapping(let keys, let patterns, let rest):
            for key in keys { walk(key) }
            for p in patterns { walk(p) }
            if let rest { bind(rest, Store(position: pattern.range.start, isTopLevelWhole: false, construct: nil, isAugmented: false)) }
        case .matchClass(let cls, let patterns, _, let kwdPatterns):
            walk(cls)
            for p in patterns + kwdPatterns { walk(p) }
        case .matchStar(let name):
            if let name { bind(name, Store(position: pattern.range.start, isTopLevelWhole: false, construct: nil, isAugmented: false)) }
        case .matchAs(let inner, let name):
            if let inner { walk(inner) }
            if let name { bind(name, Store(position: pattern.range.start, isTopLevelWhole: false, construct: nil, isAugmented: false)) }
        case .matchOr(let patterns): for p in patterns { walk(p) }
        }
    }

    private mutating func noteNestedFunction(_ body: [Stmt], parameters: [String], at position: Position) {
        let inner = DynamicScopeFacts.of(body, parameters: parameters)
        let free = inner.allReads.filter { !inner.isLocal($0) }
        nestedLoads.formUnion(free)
        nestedScopeStarts.append((position, Set(free)))
        nestedRebinds.formUnion(inner.nonlocals.filter { inner.stores[$0] != nil })
        nestedRebinds.formUnion(inner.nestedRebinds.filter { !inner.isLocal($0) })
        nestedGlobalStores.formUnion(inner.globals.filter { inner.stores[$0] != nil })
        nestedGlobalStores.formUnion(inner.nestedGlobalStores)
    }

    private mutating func noteNestedExpression(_ expression: Expr, parameters: [String], at position: Position) {
        let inner = DynamicScopeFacts.of(expression: expression, parameters: parameters)
        let free = inner.allReads.filter { !inner.isLocal($0) }
        nestedLoads.formUnion(free)
        nestedScopeStarts.append((position, Set(free)))
        // A walrus in a comprehension binds in the enclosing function.
        for name in inner.bound where !parameters.contains(name) && inner.walrusTargets.contains(name) {
            bind(name, Store(position: position, isTopLevelWhole: false, construct: nil, isAugmented: false))
        }
    }

    private(set) var walrusTargets: Set<String> = []

    private mutating func walk(_ expression: Expr) {
        switch expression.kind {
        case .name(let id, let ctx):
            if ctx == .load { load(id, expression.range.start) }
        case .namedExpr(let target, let value):
            walk(value)
            if case .name(let id, _) = target.kind {
                walrusTargets.insert(id)
                bind(id, Store(position: target.range.start, isTopLevelWhole: false, construct: nil, isAugmented: true))
            }
        case .lambda(let args, let body):
            for value in args.defaults { walk(value) }
            for value in args.kwDefaults.compactMap({ $0 }) { walk(value) }
            noteNestedExpression(body, parameters: args.allParameters.map(\.arg), at: expression.range.start)
        case .listComp(let elt, let generators), .setComp(let elt, let generators), .generatorExp(let elt, let generators):
            walkComprehension([elt], generators, at: expression.range.start)
        case .dictComp(let key, let value, let generators):
            walkComprehension([key, value], generators, at: expression.range.start)
        case .yield(let value):
            containsYield = true
            if let value { walk(value) }
        case .yieldFrom(let value):
            containsYield = true
            walk(value)
        case .await(let value):
            containsAwait = true
            walk(value)
        default:
            for child in DynamicSyntax.children(of: expression) { walk(child) }
        }
    }

    /// The first iterable is read where the comprehension is; the rest is its own scope.
    private mutating func walkComprehension(_ elements: [Expr], _ generators: [Comprehension], at position: Position) {
        guard let first = generators.first else { return }
        walk(first.iter)
        var inner = DynamicScopeFacts()
        for (index, generator) in generators.enumerated() {
            inner.store(generator.target, whole: false)
            if index > 0 { inner.walk(generator.iter) }
            for condition in generator.ifs { inner.walk(condition) }
        }
        for element in elements { inner.walk(element) }
        let free = inner.allReads.filter { !inner.isLocal($0) || inner.walrusTargets.contains($0) }
        nestedLoads.formUnion(free)
        nestedScopeStarts.append((position, Set(free)))
        nestedRebinds.formUnion(inner.nestedRebinds)
        for name in inner.walrusTargets {
            bind(name, Store(position: position, isTopLevelWhole: false, construct: nil, isAugmented: true))
        }
        if inner.containsAwait { containsAwait = true }
    }
}

/// Children of expressions, for walks that treat every kind alike.
enum DynamicSyntax {
    static func children(of expression: Expr) -> [Expr] {
        switch expression.kind {
        case .boolOp(_, let values): values
        case .namedExpr(let target, let value): [target, value]
        case .binOp(let left, _, let right): [left, right]
        case .unaryOp(_, let operand): [operand]
        case .lambda(let args, let body): args.defaults + args.kwDefaults.compactMap { $0 } + [body]
        case .ifExp(let test, let body, let orelse): [test, body, orelse]
        case .dict(let keys, let values): keys.compactMap { $0 } + values
        case .set(let elts), .list(let elts, _), .tuple(let elts, _): elts
        case .listComp(let elt, let generators), .setComp(let elt, let generators), .generatorExp(let elt, let generators):
            [elt] + generators.flatMap { [$0.target, $0.iter] + $0.ifs }
        case .dictComp(let key, let value, let generators):
            [key, value] + generators.flatMap { [$0.target, $0.iter] + $0.ifs }
        case .await(let value), .yieldFrom(let value), .starred(let value, _): [value]
        case .yield(let value): value.map { [$0] } ?? []
        case .compare(let left, _, let comparators): [left] + comparators
        case .call(let function, let args, let keywords): [function] + args + keywords.map(\.value)
        case .formattedValue(let value, _, let spec): [value] + (spec.map { [$0] } ?? [])
        case .joinedStr(let values): values
        case .constant, .name: []
        case .attribute(let value, _, _): [value]
        case .subscript(let value, let slice, _): [value, slice]
        case .slice(let lower, let upper, let step): [lower, upper, step].compactMap { $0 }
        }
    }

    /// Every expression in a statement list, nested bodies included, in source order.
    static func forEachExpression(in body: [Stmt], _ visit: (Expr) -> Void) {
        func expression(_ e: Expr) {
            visit(e)
            for child in children(of: e) { expression(child) }
        }
        func pattern(_ p: Pattern) {
            switch p.kind {
            case .matchValue(let value): expression(value)
            case .matchSequence(let patterns), .matchOr(let patterns): patterns.forEach(pattern)
            case .matchMapping(let keys, let patterns, _): keys.forEach(expression); patterns.forEach(pattern)
            case .matchClass(let cls, let patterns, _, let kwd): expression(cls); (patterns + kwd).forEach(pattern)
            case .matchAs(let inner, _): if let inner { pattern(inner) }
            case .matchSingleton, .matchStar: break
            }
        }
        for statement in body {
            for e in expressions(of: statement) { expression(e) }
            if case .match(_, let cases) = statement.kind {
                for c in cases { pattern(c.pattern) }
            }
            for block in blocks(of: statement) { forEachExpression(in: block, visit) }
        }
    }

    /// The expressions a statement holds directly (not those of its nested blocks).
    static func expressions(of statement: Stmt) -> [Expr] {
        switch statement.kind {
        case .functionDef(let def), .asyncFunctionDef(let def):
            def.decoratorList + def.args.defaults + def.args.kwDefaults.compactMap { $0 }
        case .classDef(let def): def.decoratorList + def.bases + def.keywords.map(\.value)
        case .return(let value): value.map { [$0] } ?? []
        case .delete(let targets): targets
        case .assign(let targets, let value): targets + [value]
        case .augAssign(let target, _, let value): [target, value]
        case .annAssign(let target, _, let value, _): [target] + (value.map { [$0] } ?? [])
        case .for(let target, let iter, _, _), .asyncFor(let target, let iter, _, _): [target, iter]
        case .while(let test, _, _), .if(let test, _, _): [test]
        case .with(let items, _), .asyncWith(let items, _): items.flatMap { [$0.contextExpr] + ($0.optionalVars.map { [$0] } ?? []) }
        case .match(let subject, let cases): [subject] + cases.compactMap(\.guardExpr)
        case .raise(let exc, let cause): [exc, cause].compactMap { $0 }
        case .try(let block), .tryStar(let block): block.handlers.compactMap(\.type)
        case .assert(let test, let msg): [test] + (msg.map { [$0] } ?? [])
        case .expr(let value): [value]
        case .import, .importFrom, .global, .nonlocal, .pass, .break, .continue: []
        }
    }

    static func blocks(of statement: Stmt) -> [[Stmt]] {
        switch statement.kind {
        case .functionDef(let def), .asyncFunctionDef(let def): [def.body]
        case .classDef(let def): [def.body]
        case .for(_, _, let body, let orelse), .asyncFor(_, _, let body, let orelse), .while(_, let body, let orelse):
            [body, orelse]
        case .if(_, let body, let orelse): [body, orelse]
        case .with(_, let body), .asyncWith(_, let body): [body]
        case .match(_, let cases): cases.map(\.body)
        case .try(let block), .tryStar(let block): [block.body] + block.handlers.map(\.body) + [block.orelse, block.finalbody]
        default: []
        }
    }
}

/// Swift spellings of Python names in dynamic code: the Python name itself where Swift allows it.
enum DynamicIdentifiers {
    /// A local or parameter: keywords in backticks (`` `self` ``, `` `default` ``).
    static func local(_ name: String) -> String {
        if reservedByLowering.contains(name) { return name + "_" }
        return swiftKeywords.contains(name) ? "`\(name)`" : name
    }

    /// A file-scope variable: also steers clear of the support library's and Swift's own globals,
    /// which static cells of the same program call (`sleep`, `time`, `print`).
    static func global(_ name: String) -> String {
        if reservedByLowering.contains(name) || programGlobals.contains(name) { return name + "_" }
        return swiftKeywords.contains(name) ? "`\(name)`" : name
    }

    /// Names the lowering itself declares in the code it writes.
    static let reservedByLowering: Set<String> = [
        "Py", "PyObject", "PySignature", "PyException", "PyNamespace", "PyBinaryOperator", "PyCompareOperator",
        "arguments", "generator", "coroutine", "namespace", "caught", "error", "pyAnd", "pyOr", "pyNot", "frameLine",
        "Foundation", "LoomSupport", "Swift", "Note", "runCells", "cellNameError",
    ]

    static let programGlobals: Set<String> = [
        "abs", "asCompleted", "divide", "divmod", "float", "floorDiv", "format", "int", "mod", "monotonic",
        "perfCounter", "pow", "print", "repr", "round", "sleep", "str", "sum", "time", "wait", "min", "max",
        "zip", "stride", "sequence", "swap", "assert", "precondition", "fatalError", "type", "debugPrint",
        "dump", "readLine", "exit", "String", "Int", "Double", "Bool", "Array", "Set", "Dictionary",
        "Character", "Optional", "Error", "Never", "Void", "Any", "AnyObject", "Date", "Thread", "OS",
        "Lane", "Logging", "Asyncio", "Semaphore", "ConditionLock", "PyDict", "PyNumber", "PyTuple", "PyAny",
        "PythonError", "PythonThread", "SystemExit", "FormatSpec", "ThreadPoolExecutor", "Lock", "RLock",
        "Condition", "Event", "Barrier", "Queue", "sqrt", "floor", "ceil", "log", "exp", "sin", "cos", "tan",
        "random", "main", "cell", "Task", "Result", "Range", "Sequence", "Collection", "Iterator", "Hashable",
        "Equatable", "Comparable", "Codable", "Decimal", "URL", "Data", "UUID", "DispatchQueue", "NSLock",
    ]

    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "switch",
        "where", "while", "as", "Any", "catch", "false", "is", "nil", "super", "self", "Self", "throw",
        "throws", "true", "try", "some", "any", "await", "async", "Type", "Protocol", "precedencegroup",
        "consume", "borrowing", "consuming", "package", "macro", "actor", "nonisolated", "isolated",
    ]

    /// Whether `obj.name` may be written as Swift member access (dynamic member lookup) rather
    /// than `obj.attribute("name")`.
    static func isPlainMember(_ name: String) -> Bool {
        !swiftKeywords.contains(name) && !PyObjectMembers.names.contains(name) && name.first != "$"
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
    }
}
