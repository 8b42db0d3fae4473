import PythonFrontEnd

extension BodyTranslator {
    func expression(_ expr: Expr) throws -> Code {
        let line = expr.range.start.line
        switch expr.kind {
        case .constant(let value):
            return try constant(value, line: line)
        case .name(let id, _):
            return try resolveName(id, line: line)
        case .joinedStr(let values):
            return try fString(values, line: line)
        case .binOp(let left, let op, let right):
            if op == .pow, case .constant(.int(let base)) = left.kind, case .constant(.int(let exponent)) = right.kind,
               exponent > 0, Self.overflowsPower(base, exponent) {
                throw refuse("**", "\(base) ** \(exponent) does not fit 64 bits", at: line)
            }
            if op == .mod, case .constant(.string) = left.kind {
                return try percentFormat(left, right, line: line)
            }
            return try binary(expression(left), op, expression(right), line: line)
        case .unaryOp(let op, let operand):
            return try unary(op, operand, line: line)
        case .boolOp(let op, let values):
            // As a value, `a or b` is one of its operands; only bools make that a Swift `Bool`.
            let operands = try values.map { try expression($0) }
            if state.isFinal, operands.contains(where: { $0.type != .bool }) {
                throw refuse(op == .and ? "and" : "or", "`\(op == .and ? "and" : "or")` gives one of its operands, which is not a bool here", at: line)
            }
            let parts = try values.map { try condition($0) }
            let swiftOperator = op == .and ? " && " : " || "
            let precedence = op == .and ? Precedence.conjunction : Precedence.disjunction
            return Code(parts.map { $0.operand(precedence + 1) }.joined(separator: swiftOperator), .bool,
                        precedence: precedence, throwing: parts.contains { $0.throwing })
        case .compare(let left, let ops, let comparators):
            return try comparison(left, ops, comparators, line: line)
        case .ifExp(let test, let body, let orelse):
            let condition = try condition(test)
            var whenTrue = try expression(body)
            var whenFalse = try expression(orelse)
            guard let type = PyType.join(whenTrue.type, whenFalse.type) else {
                throw refuse("conditional expression", "its branches have different types", at: line)
            }
            whenTrue = try coerce(whenTrue, to: type, line: line)
            whenFalse = try coerce(whenFalse, to: type, line: line)
            if type == .number && [whenTrue, whenFalse].allSatisfy(\.isNumberLiteral) {
                let choice = "\(condition.operand(Precedence.ternary + 1)) ? \(whenTrue.text) : \(whenFalse.text)"
                return Code("(\(choice)) as PyNumber", .number, precedence: Precedence.casting, throwing: condition.throwing)
            }
            return Code("\(condition.operand(Precedence.ternary + 1)) ? \(whenTrue.operand(Precedence.ternary + 1)) : \(whenFalse.operand(Precedence.ternary))",
                        type, precedence: Precedence.ternary,
                        throwing: condition.throwing || whenTrue.throwing || whenFalse.throwing)
        case .list(let elts, _):
            return try sequenceLiteral(elts, line: line) { (PyType.list($0), "[\($1)]") }
        case .set(let elts):
            let code = try sequenceLiteral(elts, line: line) { (PyType.set($0), "[\($1)]") }
            if case .set(let element) = code.type, let swift = element.swift {
                return Code("Set<\(swift)>(\(code.text))", code.type, throwing: code.throwing)
            }
            return code
        case .tuple(let elts, _):
            let parts = try elts.map { try expression($0) }
            var code = Code("(" + parts.map(\.text).joined(separator: ", ") + ")", .tuple(parts.map(\.type)),
                            throwing: parts.contains { $0.throwing })
            code.tupleParts = parts
            return code
        case .dict(let keys, let values):
            return try dictLiteral(keys, values, line: line)
        case .listComp(let elt, let generators), .generatorExp(let elt, let generators):
            return try comprehension(generators, line: line) { try $0.expression(elt) }
        case .setComp(let elt, let generators):
            let list = try comprehension(generators, line: line) { try $0.expression(elt) }
            return Code("Set(\(list.text))", .set(list.type.iterationElement), throwing: list.throwing)
        case .dictComp(let key, let value, let generators):
            let pairs = try comprehension(generators, line: line) { translator in
                let k = try translator.expression(key)
                let v = try translator.expression(value)
                return Code("(\(k.text), \(v.text))", .tuple([k.type, v.type]), throwing: k.throwing || v.throwing)
            }
            guard case .list(.tuple(let types)) = pairs.type, types.count == 2 else {
                return Code("PyDict(\(pairs.text))", .dict(.unknown, .unknown), throwing: pairs.throwing)
            }
            return Code("PyDict(\(pairs.text))", .dict(types[0], types[1]), throwing: pairs.throwing)
        case .subscript(let value, let slice, _):
            return try subscriptExpression(value, slice, line: line)
        case .attribute(let value, let attr, _):
            return try attribute(value, attr, line: line)
        case .call(let function, let args, let keywords):
            return try call(function, args, keywords, line: line)
        case .lambda:
            throw refuse("lambda", "a lambda is translated only where it is passed as `key=` or to `map`/`filter`/`sorted`", at: line)
        case .formattedValue:
            throw refuse("f-string", "a formatted value outside an f-string", at: line)
        case .namedExpr:
            throw refuse(":=", "assignment expressions are not translated", at: line)
        case .await(let value):
            return try awaitExpression(value, line: line)
        case .yield, .yieldFrom:
            throw refuse("yield", "generators are not translated", at: line)
        case .starred:
            throw refuse("*", "unpacking into a call or literal is not translated here", at: line)
        case .slice:
            throw refuse("slice", "a slice outside a subscript", at: line)
        }
    }

    func constant(_ value: ConstantValue, line: Int) throws -> Code {
        switch value {
        case .none: return Code("nil", .none)
        case .bool(let flag): return Code(flag ? "true" : "false", .bool)
        case .int(let number):
            var code = Code(String(number), .int, precedence: number < 0 ? Precedence.prefix : Precedence.atom)
            code.isIntegerLiteral = true
            return code
        case .float(let number): return Code(SwiftNames.floatLiteral(number), .float)
        case .string(let text, _): return Code(SwiftNames.stringLiteral(text), .str)
        case .bigInt(let digits): throw refuse(digits, "integers beyond 64 bits are not translated", at: line)
        case .imaginary: throw refuse("complex number", "complex numbers are not translated", at: line)
        case .bytes: throw refuse("bytes", "bytes literals are not translated", at: line)
        case .surrogateString: throw refuse("string", "lone surrogates cannot be held by a Swift string", at: line)
        case .ellipsis: throw refuse("...", "Ellipsis is not translated", at: line)
        }
    }

    /// Both throw-flags of two pieces that end up in one expression.
    func mergeThrowing(_ a: Code, _ b: Code) -> Code {
        var merged = b
        merged.throwing = a.throwing || b.throwing
        return merged
    }

    /// The value as `type` where Python would have used it unchanged: an int where a float is
    /// expected becomes `Double(n)` (a literal stays a literal).
    func coerce(_ code: Code, to type: PyType, line: Int) throws -> Code {
        if code.type == .range, case .list(.int) = type { return Code("Array(\(code.text))", type, throwing: code.throwing) }
        if case .list(let from) = code.type, case .list(.number) = type, from == .int || from == .float {
            // A list of one kind that later also holds the other: its elements become `PyNumber`s.
            if code.isIntegerListLiteral { return Code(code.text, type, throwing: code.throwing) }
            return Code("\(code.operand(Precedence.atom)).map { PyNumber($0) }", type, throwing: code.throwing)
        }
        let joined = PyType.join(code.type, type)
        if code.type == type || type == .unknown || code.type == .unknown
            || (joined == type || joined == code.type) && code.type != .int && code.type != .none && joined != .number {
            if code.isDictLiteral, case .dict = type, let swift = type.swift {
                return Code("\(code.text) as \(swift)", type, precedence: Precedence.casting, throwing: code.throwing)
            }
            return code
        }
        switch (code.type, type) {
        case (.int, .float):
            if code.isIntegerLiteral { return Code(code.text + ".0", .float, precedence: code.precedence) }
            return Code("Double(\(code.text))", .float, throwing: code.throwing)
        case (.bool, .int):
            return Code("(\(code.text) ? 1 : 0)", .int, throwing: code.throwing)
        case (_, .optional(let wrapped)):
            if code.type == .none { return Code("nil", type) }
            let inner = try coerce(code, to: wrapped, line: line)
            return Code(inner.text, type, precedence: inner.precedence, throwing: inner.throwing)
        case (.int, .number), (.float, .number):
            // A literal reads as a `PyNumber` where one is expected; the caller spells the type
            // where Swift could not tell (`[1, 0.5] as [PyNumber]`).
            if code.isNumberLiteral {
                var literal = Code(code.text, .number, precedence: code.precedence)
                literal.isIntegerLiteral = code.isIntegerLiteral
                return literal
            }
            return Code("PyNumber(\(code.text))", .number, throwing: code.throwing)
        case (.number, .float):
            return Code("\(code.operand(Precedence.atom)).doubleValue", .float, throwing: code.throwing)
        case (.tuple(let from), .tuple(let to)) where from.count == to.count && code.tupleParts != nil:
            let parts = try zip(code.tupleParts!, to).map { try coerce($0, to: $1, line: line) }
            var tuple = Code("(" + parts.map(\.text).joined(separator: ", ") + ")", type, throwing: code.throwing)
            tuple.tupleParts = parts
            return tuple
        case (.list(let a), .list(let b)) where a == .unknown || b == .unknown:
            return code
        default:
            if state.isFinal {
                throw refuse("value", "a \(code.type.pythonName) where a \(type.pythonName) is expected", at: line)
            }
            return code
        }
    }

    /// A number of seconds as the support library's waits take it: a `Double` (or an `Int`).
    func seconds(_ code: Code) -> String {
        code.type == .number ? "\(code.operand(Precedence.atom)).doubleValue" : code.text
    }

    /// A Python truth test as a Swift `Bool`.
    func condition(_ expr: Expr) throws -> Code {
        if case .boolOp(let op, let values) = expr.kind {
            let parts = try values.map { try condition($0) }
            let swiftOperator = op == .and ? " && " : " || "
            let precedence = op == .and ? Precedence.conjunction : Precedence.disjunction
            return Code(parts.map { $0.operand(precedence + 1) }.joined(separator: swiftOperator), .bool,
                        precedence: precedence, throwing: parts.contains { $0.throwing })
        }
        let code = try expression(expr)
        return try truthiness(code, negated: false, line: expr.range.start.line)
    }

    /// Python's truth test of a value: `if xs:` is `if !xs.isEmpty`, `if n:` is `if n != 0`.
    func truthiness(_ code: Code, negated: Bool, line: Int = 0) throws -> Code {
        switch code.type {
        case .bool, .unknown:
            return negated ? Code("!" + code.operand(Precedence.prefix), .bool, precedence: Precedence.prefix, throwing: code.throwing) : code
        case .int, .float, .number:
            return Code("\(code.operand(Precedence.additive)) \(negated ? "==" : "!=") 0", .bool, precedence: Precedence.comparison, throwing: code.throwing)
        case .str, .list, .dict, .set:
            return Code("\(negated ? "" : "!")\(code.operand(Precedence.atom)).isEmpty", .bool, precedence: negated ? Precedence.atom : Precedence.prefix, throwing: code.throwing)
        case .optional, .none:
            return Code("\(code.operand(Precedence.nilCoalescing)) \(negated ? "==" : "!=") nil", .bool, precedence: Precedence.comparison, throwing: code.throwing)
        default:
            // An object is always true in Python; Swift would warn about a test with a fixed answer.
            throw refuse("truth test", "a \(code.type.pythonName) is always true", at: line)
        }
    }

    /// A value shown as text: a `str` as is, anything else through `str(…)`.
    func stringValue(_ expr: Expr) throws -> Code {
        let code = try expression(expr)
        return try textOf(code, line: expr.range.start.line)
    }

    func textOf(_ code: Code, line: Int) throws -> Code {
        switch code.type {
        case .str: return code
        case .exception: return Code("\(code.text).message", .str, throwing: code.throwing)
        case .tuple: return Code("str(\(code.text))", .str, throwing: code.throwing)
        default:
            _ = try printable(code, line: line)
            return Code("str(\(code.text))", .str, throwing: code.throwing)
        }
    }

    /// The value in a form the support library prints (`PythonPrintable`).
    func printable(_ code: Code, line: Int) throws -> Code {
        if code.isDictLiteral { return Code("(\(code.text) as PyDict)", code.type) }
        if code.isEmptyLiteral, case .list(.unknown) = code.type { return Code("[String]()", code.type) }
        if code.isArgumentTuple, case .list(let element) = code.type, element.isPrintable {
            return Code("PyTuple(\(code.text))", .str, throwing: code.throwing)
        }
        switch code.type {
        case .none: return Code("\"None\"", .str, throwing: code.throwing)
        case .exception: return Code("\(code.text).message", .str, throwing: code.throwing)
        case .tuple(let types) where (2...4).contains(types.count) && types.allSatisfy(\.isPrintable):
            return Code("PyTuple(\(code.text))", .str, throwing: code.throwing)
        case .list(.tuple(let types)) where (2...4).contains(types.count) && types.allSatisfy(\.isPrintable):
            return Code("\(code.operand(Precedence.atom)).map(PyTuple.init)", .list(.str), throwing: code.throwing)
        case .range:
            return Code("Array(\(code.text))", .list(.int), throwing: code.throwing)
        case .unknown where !state.isFinal:
            return code
        default:
            guard code.type.isPrintable else {
                throw refuse("print", "printing a \(code.type.pythonName) is not translated", at: line)
            }
            return code
        }
    }

    // MARK: Literals

    func sequenceLiteral(_ elts: [Expr], line: Int, make: (PyType, String) -> (PyType, String)) throws -> Code {
        var parts = try elts.map { try expression($0) }
        var element = PyType.unknown
        for part in parts {
            guard let joined = PyType.join(element, part.type) else {
                throw refuse("list", "mixes a \(element.pythonName) and a \(part.type.pythonName)", at: line)
            }
            element = joined
        }
        parts = try parts.map { try coerce($0, to: element, line: line) }
        var (type, text) = make(element, parts.map(\.text).joined(separator: ", "))
        var precedence = Precedence.atom
        // Numbers of both kinds as bare literals would make Swift settle on `[Double]`.
        if case .list(let listed) = type, listed.containsNumber, let swift = type.swift {
            text += " as \(swift)"
            precedence = Precedence.casting
        }
        var code = Code(text, type, precedence: precedence, throwing: parts.contains { $0.throwing })
        code.isEmptyLiteral = elts.isEmpty
        code.isIntegerListLiteral = type == .list(.int) && !parts.isEmpty && parts.allSatisfy(\.isIntegerLiteral)
        return code
    }

    func dictLiteral(_ keys: [Expr?], _ values: [Expr], line: Int) throws -> Code {
        var keyType = PyType.unknown
        var valueType = PyType.unknown
        var pairs: [(Code, Code)] = []
        for (key, value) in zip(keys, values) {
            guard let key else { throw refuse("**", "merging dicts into a literal is not translated", at: line) }
            let k = try expression(key)
            let v = try expression(value)
            guard let joinedKey = PyType.join(keyType, k.type), let joinedValue = PyType.join(valueType, v.type) else {
                throw refuse("dict", "keys or values of different types", at: line)
            }
            keyType = joinedKey
            valueType = joinedValue
            pairs.append((k, v))
        }
        let converted = try pairs.map { (try coerce($0.0, to: keyType, line: line), try coerce($0.1, to: valueType, line: line)) }
        let text = converted.isEmpty ? "[:]" : "[" + converted.map { "\($0.0.text): \($0.1.text)" }.joined(separator: ", ") + "]"
        let type = PyType.dict(keyType, valueType)
        let throwing = converted.contains { $0.0.throwing || $0.1.throwing }
        // Numbers of both kinds as bare literals would make Swift settle on `Double`.
        if !keys.isEmpty, keyType.containsNumber || valueType.containsNumber, let swift = type.swift {
            var code = Code("\(text) as \(swift)", type, precedence: Precedence.casting, throwing: throwing)
            code.isEmptyLiteral = true
            return code
        }
        var code = Code(text, type, throwing: throwing)
        // Swift reads a dictionary literal as its own unordered `Dictionary` unless told the type.
        code.isEmptyLiteral = true
        code.isDictLiteral = !keys.isEmpty
        return code
    }

    // MARK: Comprehensions

    /// `[elt for x in xs if c]` as `xs.filter { x in c }.map { x in elt }`; nested loops as `flatMap`.
    func comprehension(_ generators: [Comprehension], line: Int, element: (BodyTranslator) throws -> Code) throws -> Code {
        guard let generator = generators.first else { return try element(self) }
        guard !generator.isAsync else { throw refuse("async for", "asyncio is not translated yet", at: line) }
        let source = try iteration(generator.iter, line: line)
        closureDepth += 1
        defer { closureDepth -= 1 }
        var bound: [String: Code] = [:]
        var used: Set<String> = []
        for condition in generator.ifs { forEachName(in: condition) { used.insert($0) } }
        let pattern = try bindPattern(generator.target, type: source.element, used: Set(NameOccurrences.targetNames(generator.target)), into: &bound, line: line)
        boundScopes.append(bound)
        defer { boundScopes.removeLast() }
        var text = source.code.operand(Precedence.atom)
        var throwing = source.code.throwing
        for condition in generator.ifs {
            let test = try self.condition(condition)
            text += ".filter { \(pattern) in \(test.throwing ? "try " : "")\(test.text) }"
            throwing = throwing || test.throwing
        }
        let inner = try comprehension(Array(generators.dropFirst()), line: line, element: element)
        let method = generators.count > 1 ? "flatMap" : "map"
        let type: PyType = generators.count > 1 ? inner.type : .list(inner.type)
        text += ".\(method) { \(pattern) in \(inner.throwing ? "try " : "")\(inner.text) }"
        return Code(text, type, throwing: throwing || inner.throwing)
    }

    func forEachName(in expr: Expr, _ visit: (String) -> Void) {
        if case .name(let id, _) = expr.kind { visit(id) }
        forEachChild(of: expr) { forEachName(in: $0, visit) }
    }

    // MARK: f-strings and %

    func fString(_ values: [Expr], line: Int) throws -> Code {
        var text = "\""
        var throwing = false
        for value in values {
            switch value.kind {
            case .constant(.string(let literal, _)):
                text += String(SwiftNames.stringLiteral(literal).dropFirst().dropLast())
            case .formattedValue(let inner, let conversion, let spec):
                var code = try expression(inner)
                throwing = throwing || code.throwing
                code = try printable(code, line: line)
                let specText = try spec.map { try fString(joinedValues($0), line: line) }
                switch (conversion, specText) {
                case (114, nil): text += "\\(repr: \(code.text))"
                case (114, let spec?): text += "\\(repr: \(code.text), format: \(spec.text))"
                case (_, let spec?) where spec.text != "\"\"": text += "\\(\(code.text), format: \(spec.text))"
                default: text += "\\(\(code.text))"
                }
            default:
                throw refuse("f-string", "an unexpected part in an f-string", at: line)
            }
        }
        return Code(text + "\"", .str, throwing: throwing)
    }

    private func joinedValues(_ expr: Expr) -> [Expr] {
        if case .joinedStr(let values) = expr.kind { return values }
        return [expr]
    }

    func percentFormat(_ format: Expr, _ arguments: Expr, line: Int) throws -> Code {
        let formatCode = try expression(format)
        let items: [Expr]
        if case .tuple(let elts, _) = arguments.kind { items = elts } else { items = [arguments] }
        let codes = try items.map { try printable(expression($0), line: line) }
        return Code("\(formatCode.text).percentFormat(\(codes.map(\.text).joined(separator: ", ")))", .str,
                    throwing: codes.contains { $0.throwing })
    }
}

extension BodyTranslator {
    static func overflowsPower(_ base: Int, _ exponent: Int) -> Bool {
        var result = 1
        for _ in 0..<min(exponent, 64) {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return true }
            result = product
        }
        return exponent > 64 && abs(base) > 1
    }
}
