/// A name bound or used somewhere in a tree.
public struct NameOccurrence: Hashable, Sendable {
    public var name: String
    public var position: Position
    /// Bound or used at module level (not inside a function, class, lambda or comprehension).
    public var isModuleLevel: Bool

    public init(name: String, position: Position, isModuleLevel: Bool) {
        self.name = name
        self.position = position
        self.isModuleLevel = isModuleLevel
    }
}

/// Every binding (assignment targets, definitions, parameters, imports, `except … as`, pattern
/// captures, walrus targets) and every read of a name in a module, in source order.
struct NameCollector {
    private(set) var bindings: [NameOccurrence] = []
    private(set) var uses: [NameOccurrence] = []
    /// `from m import *` makes every name possibly bound.
    private(set) var hasStarImport = false
    private var depth = 0

    init(_ module: Module) {
        statements(module.body)
    }

    private mutating func bind(_ name: String, _ position: Position) {
        bindings.append(NameOccurrence(name: name, position: position, isModuleLevel: depth == 0))
    }

    private mutating func nested(_ body: (inout NameCollector) -> Void) {
        depth += 1
        body(&self)
        depth -= 1
    }

    private mutating func statements(_ body: [Stmt]) {
        for statement in body { self.statement(statement) }
    }

    private mutating func expressions(_ items: [Expr]) {
        for item in items { expression(item) }
    }

    private mutating func statement(_ statement: Stmt) {
        switch statement.kind {
        case .functionDef(let definition), .asyncFunctionDef(let definition):
            expressions(definition.decoratorList)
            arguments(definition.args)
            if let returns = definition.returns { expression(returns) }
            bind(definition.name, statement.range.start)
            nested { collector in
                for parameter in definition.args.allParameters { collector.bind(parameter.arg, parameter.range.start) }
                collector.statements(definition.body)
            }
        case .classDef(let definition):
            expressions(definition.decoratorList)
            expressions(definition.bases)
            expressions(definition.keywords.map(\.value))
            bind(definition.name, statement.range.start)
            nested { $0.statements(definition.body) }
        case .return(let value):
            if let value { expression(value) }
        case .delete(let targets):
            expressions(targets)
        case .assign(let targets, let value):
            expression(value)
            expressions(targets)
        case .augAssign(let target, _, let value):
            expression(value)
            if case .name(let id, _) = target.kind {
                uses.append(NameOccurrence(name: id, position: target.range.start, isModuleLevel: depth == 0))
            }
            expression(target)
        case .annAssign(let target, let annotation, let value, _):
            expression(annotation)
            if let value { expression(value) }
            expression(target)
        case .for(let target, let iter, let body, let orelse), .asyncFor(let target, let iter, let body, let orelse):
            expression(iter)
            expression(target)
            statements(body)
            statements(orelse)
        case .while(let test, let body, let orelse), .if(let test, let body, let orelse):
            expression(test)
            statements(body)
            statements(orelse)
        case .with(let items, let body), .asyncWith(let items, let body):
            for item in items {
                expression(item.contextExpr)
                if let variables = item.optionalVars { expression(variables) }
            }
            statements(body)
        case .match(let subject, let cases):
            expression(subject)
            for matchCase in cases {
                pattern(matchCase.pattern)
                if let guardExpr = matchCase.guardExpr { expression(guardExpr) }
                statements(matchCase.body)
            }
        case .raise(let exception, let cause):
            if let exception { expression(exception) }
            if let cause { expression(cause) }
        case .try(let block), .tryStar(let block):
            statements(block.body)
            for handler in block.handlers {
                if let type = handler.type { expression(type) }
                if let name = handler.name { bind(name, handler.range.start) }
                statements(handler.body)
            }
            statements(block.orelse)
            statements(block.finalbody)
        case .assert(let test, let message):
            expression(test)
            if let message { expression(message) }
        case .import(let names):
            for alias in names {
                let bound = alias.asname ?? String(alias.name.prefix { $0 != "." })
                bind(bound, alias.range.start)
            }
        case .importFrom(_, let names, _):
            for alias in names {
                if alias.name == "*" { hasStarImport = true } else { bind(alias.asname ?? alias.name, alias.range.start) }
            }
        case .global, .nonlocal, .pass, .break, .continue:
            break
        case .expr(let value):
            expression(value)
        }
    }

    private mutating func arguments(_ arguments: Arguments) {
        expressions(arguments.defaults)
        expressions(arguments.kwDefaults.compactMap { $0 })
        for parameter in arguments.allParameters {
            if let annotation = parameter.annotation { expression(annotation) }
        }
    }

    private mutating func comprehension(_ generators: [Comprehension], _ elements: [Expr]) {
        guard let first = generators.first else { return }
        // The first iterable is evaluated in the enclosing scope; the rest inside the comprehension.
        expression(first.iter)
        nested { collector in
            for (offset, generator) in generators.enumerated() {
                if offset > 0 { collector.expression(generator.iter) }
                collector.expression(generator.target)
                collector.expressions(generator.ifs)
            }
            collector.expressions(elements)
        }
    }

    private mutating func expression(_ expression: Expr) {
        switch expression.kind {
        case .name(let id, let ctx):
            switch ctx {
            case .load: uses.append(NameOccurrence(name: id, position: expression.range.start, isModuleLevel: depth == 0))
            case .store: bind(id, expression.range.start)
            case .del: break
            }
        case .boolOp(_, let values): expressions(values)
        case .namedExpr(let target, let value):
            self.expression(value)
            self.expression(target)
        case .binOp(let left, _, let right):
            self.expression(left)
            self.expression(right)
        case .unaryOp(_, let operand): self.expression(operand)
        case .lambda(let args, let body):
            arguments(args)
            nested { collector in
                for parameter in args.allParameters { collector.bind(parameter.arg, parameter.range.start) }
                collector.expression(body)
            }
        case .ifExp(let test, let body, let orelse):
            self.expression(test)
            self.expression(body)
            self.expression(orelse)
        case .dict(let keys, let values):
            expressions(keys.compactMap { $0 })
            expressions(values)
        case .set(let elements), .list(let elements, _), .tuple(let elements, _), .joinedStr(let elements):
            expressions(elements)
        case .listComp(let element, let generators), .setComp(let element, let generators),
             .generatorExp(let element, let generators):
            comprehension(generators, [element])
        case .dictComp(let key, let value, let generators):
            comprehension(generators, [key, value])
        case .await(let value), .yieldFrom(let value), .starred(let value, _):
            self.expression(value)
        case .yield(let value):
            if let value { self.expression(value) }
        case .compare(let left, _, let comparators):
            self.expression(left)
            expressions(comparators)
        case .call(let function, let args, let keywords):
            self.expression(function)
            expressions(args)
            expressions(keywords.map(\.value))
        case .formattedValue(let value, _, let formatSpec):
            self.expression(value)
            if let formatSpec { self.expression(formatSpec) }
        case .constant:
            break
        case .attribute(let value, _, _):
            self.expression(value)
        case .subscript(let value, let slice, _):
            self.expression(value)
            self.expression(slice)
        case .slice(let lower, let upper, let step):
            for part in [lower, upper, step] { if let part { self.expression(part) } }
        }
    }

    private mutating func pattern(_ pattern: Pattern) {
        switch pattern.kind {
        case .matchValue(let value): expression(value)
        case .matchSingleton: break
        case .matchSequence(let patterns), .matchOr(let patterns):
            for inner in patterns { self.pattern(inner) }
        case .matchMapping(let keys, let patterns, let rest):
            expressions(keys)
            for inner in patterns { self.pattern(inner) }
            if let rest { bind(rest, pattern.range.start) }
        case .matchClass(let cls, let patterns, _, let kwdPatterns):
            expression(cls)
            for inner in patterns + kwdPatterns { self.pattern(inner) }
        case .matchStar(let name):
            if let name { bind(name, pattern.range.start) }
        case .matchAs(let inner, let name):
            if let inner { self.pattern(inner) }
            if let name { bind(name, pattern.range.start) }
        }
    }
}
