import PythonFrontEnd

/// Where each local name of a body (a cell's statements, a function's) is read and written, so
/// each Swift variable is declared once, in the innermost block that holds all its uses, as a
/// `let` unless it is written again.
struct NameOccurrences {
    struct Occurrence {
        enum Kind { case load, store, augmentedStore, mutatingCall }
        var name: String
        var kind: Kind
        /// The statements that enclose the occurrence, outermost first, with the block each is in.
        var chain: [(block: Int, statement: Position)]
        /// The store is `name = value` as a whole statement, not a tuple or subscript target.
        var isWholeStatement: Bool
    }

    private(set) var occurrences: [Occurrence] = []
    /// Names bound by `for`, `with … as`, `except … as` and comprehensions: Swift binds these itself.
    private(set) var constructBound: Set<String> = []
    /// Names bound by `def`, `class` and `import`: definitions, not variables.
    private(set) var definitions: [String] = []
    /// Names declared `global` (or `nonlocal`) in the body.
    private(set) var declaredGlobal: Set<String> = []
    /// Block ids of `with` bodies: a store in one of these (and nothing else) starts a new variable.
    private(set) var withBlocks: Set<Int> = []
    /// Block ids of `for` and `while` bodies.
    private(set) var loopBlocks: Set<Int> = []
    /// Every name read anywhere in the body, nested functions and comprehensions included.
    private(set) var loads: Set<String> = []

    private var nextBlock = 1
    private var chain: [(block: Int, statement: Position)] = []
    private var currentBlock = 0
    private var comprehensionBound: [Set<String>] = []

    static func of(_ body: [Stmt]) -> NameOccurrences {
        var walker = NameOccurrences()
        walker.walkBlock(body, id: 0)
        return walker
    }

    private static let mutatingMethods: Set<String> = [
        "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "add", "update",
        "discard", "setdefault", "popitem",
    ]

    private mutating func walkBlock(_ body: [Stmt], id: Int) {
        let saved = currentBlock
        currentBlock = id
        for statement in body {
            chain.append((id, statement.range.start))
            walk(statement)
            chain.removeLast()
        }
        currentBlock = saved
    }

    private mutating func newBlock(_ body: [Stmt], isWith: Bool = false, isLoop: Bool = false) {
        let id = nextBlock
        nextBlock += 1
        if isWith { withBlocks.insert(id) }
        if isLoop { loopBlocks.insert(id) }
        walkBlock(body, id: id)
    }

    private mutating func record(_ name: String, _ kind: Occurrence.Kind, whole: Bool = false) {
        if kind == .load { loads.insert(name) }
        if comprehensionBound.contains(where: { $0.contains(name) }) { return }
        occurrences.append(Occurrence(name: name, kind: kind, chain: chain, isWholeStatement: whole))
    }

    private mutating func walk(_ statement: Stmt) {
        switch statement.kind {
        case .functionDef(let def), .asyncFunctionDef(let def):
            definitions.append(def.name)
            for d in def.args.defaults { walk(d) }
            noteLoadsOnly(def.body)
            noteCaptures(def)
        case .classDef(let def):
            definitions.append(def.name)
            noteLoadsOnly(def.body)
        case .return(let value):
            if let value { walk(value) }
        case .delete(let targets):
            // `del d[k]` changes `d` in place, as an item assignment does.
            for target in targets {
                if case .subscript = target.kind { walkTarget(target, whole: false) } else { walk(target) }
            }
        case .assign(let targets, let value):
            walk(value)
            for target in targets { walkTarget(target, whole: targets.count == 1) }
        case .augAssign(let target, _, let value):
            walk(value)
            if case .name(let id, _) = target.kind {
                record(id, .load)
                record(id, .augmentedStore)
            } else {
                walkTarget(target, whole: false)
            }
        case .annAssign(let target, _, let value, _):
            if let value { walk(value) }
            walkTarget(target, whole: value != nil)
        case .for(let target, let iter, let body, let orelse), .asyncFor(let target, let iter, let body, let orelse):
            walk(iter)
            bindConstruct(target)
            newBlock(body, isLoop: true)
            if !orelse.isEmpty { newBlock(orelse) }
        case .while(let test, let body, let orelse):
            walk(test)
            newBlock(body, isLoop: true)
            if !orelse.isEmpty { newBlock(orelse) }
        case .if(let test, let body, let orelse):
            walk(test)
            newBlock(body)
            if !orelse.isEmpty { newBlock(orelse) }
        case .with(let items, let body), .asyncWith(let items, let body):
            for item in items {
                walk(item.contextExpr)
                if let vars = item.optionalVars { bindConstruct(vars) }
            }
            newBlock(body, isWith: true)
        case .match(let subject, _):
            walk(subject)
        case .raise(let exc, let cause):
            if let exc { walk(exc) }
            if let cause { walk(cause) }
        case .try(let block), .tryStar(let block):
            newBlock(block.body)
            for handler in block.handlers {
                if let type = handler.type { walk(type) }
                if let name = handler.name { constructBound.insert(name) }
                newBlock(handler.body)
            }
            if !block.orelse.isEmpty { newBlock(block.orelse) }
            if !block.finalbody.isEmpty { newBlock(block.finalbody) }
        case .assert(let test, let msg):
            walk(test)
            if let msg { walk(msg) }
        case .import(let names):
            for alias in names {
                definitions.append(alias.asname ?? String(alias.name.split(separator: ".").first ?? ""))
            }
        case .importFrom(_, let names, _):
            for alias in names { definitions.append(alias.asname ?? alias.name) }
        case .global(let names), .nonlocal(let names):
            declaredGlobal.formUnion(names)
        case .expr(let value):
            walk(value)
        case .pass, .break, .continue:
            break
        }
    }

    /// A nested function or class: its reads of outer names count as reads, nothing more.
    private mutating func noteLoadsOnly(_ body: [Stmt]) {
        let inner = NameOccurrences.of(body)
        loads.formUnion(inner.loads)
    }

    /// A nested function reads and mutates in place (`results.append`) the outer names it does
    /// not bind itself: the outer variable must be read, and a `var` when mutated.
    private mutating func noteCaptures(_ def: FunctionDef) {
        let inner = NameOccurrences.of(def.body)
        var own = Set(def.args.allParameters.map(\.arg)).union(inner.definitions)
        own.formUnion(inner.occurrences.filter { $0.kind == .store || $0.kind == .augmentedStore }.map(\.name))
        own.formUnion(inner.constructBound)
        for occurrence in inner.occurrences where !own.contains(occurrence.name) {
            if occurrence.kind == .load || occurrence.kind == .mutatingCall { record(occurrence.name, occurrence.kind) }
        }
    }

    private mutating func bindConstruct(_ target: Expr) {
        switch target.kind {
        case .name(let id, _): constructBound.insert(id)
        case .tuple(let elts, _), .list(let elts, _): elts.forEach { bindConstruct($0) }
        case .starred(let value, _): bindConstruct(value)
        default: walk(target)
        }
    }

    private mutating func walkTarget(_ target: Expr, whole: Bool) {
        switch target.kind {
        case .name(let id, _): record(id, .store, whole: whole)
        case .tuple(let elts, _), .list(let elts, _): elts.forEach { walkTarget($0, whole: false) }
        case .starred(let value, _): walkTarget(value, whole: false)
        case .subscript(let value, let slice, _):
            walk(slice)
            walk(value)
            if let root = Self.rootName(value) { record(root, .mutatingCall) }
        case .attribute(let value, _, _):
            walk(value)
        default: walk(target)
        }
    }

    private mutating func walk(_ expr: Expr) {
        switch expr.kind {
        case .name(let id, _):
            record(id, .load)
        case .call(let function, let args, let keywords):
            if case .attribute(let module, "shuffle", _) = function.kind, case .name("random", _) = module.kind,
               let first = args.first, case .name(let id, _) = first.kind {
                record(id, .mutatingCall)
            }
            if case .attribute(let receiver, let attr, _) = function.kind, case .name(let id, _) = receiver.kind,
               Self.mutatingMethods.contains(attr) {
                record(id, .load)
                record(id, .mutatingCall)
            } else {
                walk(function)
            }
            args.forEach { walk($0) }
            keywords.forEach { walk($0.value) }
        case .listComp(let elt, let generators), .setComp(let elt, let generators), .generatorExp(let elt, let generators):
            walkComprehension(generators) { $0.walk(elt) }
        case .dictComp(let key, let value, let generators):
            walkComprehension(generators) { walker in
                walker.walk(key)
                walker.walk(value)
            }
        case .lambda(let args, let body):
            comprehensionBound.append(Set(args.allParameters.map(\.arg)))
            walk(body)
            comprehensionBound.removeLast()
        default:
            forEachChild(of: expr) { walk($0) }
        }
    }

    private mutating func walkComprehension(_ generators: [Comprehension], _ element: (inout NameOccurrences) -> Void) {
        var bound: Set<String> = []
        for generator in generators {
            comprehensionBound.append(bound)
            walk(generator.iter)
            comprehensionBound.removeLast()
            bound.formUnion(Self.targetNames(generator.target))
            comprehensionBound.append(bound)
            generator.ifs.forEach { walk($0) }
            comprehensionBound.removeLast()
        }
        comprehensionBound.append(bound)
        element(&self)
        comprehensionBound.removeLast()
    }

    /// `grid` of `grid[1][2]`: the variable a nested item assignment mutates.
    static func rootName(_ expr: Expr) -> String? {
        switch expr.kind {
        case .name(let id, _): id
        case .subscript(let value, _, _): rootName(value)
        default: nil
        }
    }

    static func targetNames(_ target: Expr) -> [String] {
        switch target.kind {
        case .name(let id, _): [id]
        case .tuple(let elts, _), .list(let elts, _): elts.flatMap(targetNames)
        case .starred(let value, _): targetNames(value)
        default: []
        }
    }
}

/// Calls `visit` on each direct sub-expression (not into nested scopes' bindings).
func forEachChild(of expr: Expr, _ visit: (Expr) -> Void) {
    switch expr.kind {
    case .boolOp(_, let values): values.forEach(visit)
    case .namedExpr(let target, let value): visit(target); visit(value)
    case .binOp(let left, _, let right): visit(left); visit(right)
    case .unaryOp(_, let operand): visit(operand)
    case .lambda(_, let body): visit(body)
    case .ifExp(let test, let body, let orelse): visit(test); visit(body); visit(orelse)
    case .dict(let keys, let values): keys.compactMap { $0 }.forEach(visit); values.forEach(visit)
    case .set(let elts), .list(let elts, _), .tuple(let elts, _): elts.forEach(visit)
    case .listComp(let elt, let gens), .setComp(let elt, let gens), .generatorExp(let elt, let gens):
        visit(elt)
        for g in gens { visit(g.target); visit(g.iter); g.ifs.forEach(visit) }
    case .dictComp(let key, let value, let gens):
        visit(key); visit(value)
        for g in gens { visit(g.target); visit(g.iter); g.ifs.forEach(visit) }
    case .await(let value), .yieldFrom(let value): visit(value)
    case .yield(let value): if let value { visit(value) }
    case .compare(let left, _, let comparators): visit(left); comparators.forEach(visit)
    case .call(let function, let args, let keywords): visit(function); args.forEach(visit); keywords.forEach { visit($0.value) }
    case .formattedValue(let value, _, let spec): visit(value); if let spec { visit(spec) }
    case .joinedStr(let values): values.forEach(visit)
    case .constant, .name: break
    case .attribute(let value, _, _): visit(value)
    case .subscript(let value, let slice, _): visit(value); visit(slice)
    case .starred(let value, _): visit(value)
    case .slice(let lower, let upper, let step):
        if let lower { visit(lower) }
        if let upper { visit(upper) }
        if let step { visit(step) }
    }
}
