import PythonFrontEnd

/// Swift precedence levels the dynamic lowering writes at; an operand below what its operator
/// needs is parenthesised. Python's bitwise operators bind differently in Swift, so their
/// operands are always parenthesised unless they are atoms.
enum DynamicPrecedence: Int, Comparable {
    case ternary = 10, or = 20, and = 30, comparison = 40, bitwise = 50, additive = 60
    case multiplicative = 70, power = 80, prefix = 90, atom = 100

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One lowered expression: Swift text, whether evaluating it throws, and how tightly it binds.
struct DynamicCode {
    var text: String
    var throwing: Bool
    var precedence: DynamicPrecedence
    /// The spelling outside a context typed `PyObject`, when `text` is a Swift literal or a
    /// leading-dot member (`5` → `PyObject(5)`, `.tuple([a])` → `PyObject.tuple([a])`).
    var standalone: String?

    init(_ text: String, throwing: Bool = true, precedence: DynamicPrecedence = .atom, standalone: String? = nil) {
        self.text = text
        self.throwing = throwing
        self.precedence = precedence
        self.standalone = standalone
    }

    static func literal(_ text: String, standalone: String) -> DynamicCode {
        DynamicCode(text, throwing: false, precedence: .atom, standalone: standalone)
    }

    /// The text where no `PyObject` context is given.
    var typed: String { standalone ?? text }

    func operand(_ minimum: DynamicPrecedence) -> String {
        precedence < minimum ? "(\(typed))" : typed
    }

    var receiver: String { operand(.atom) }
}

extension DynamicLowering {
    // MARK: Values

    func value(_ expression: Expr) throws -> DynamicCode {
        let line = expression.range.start.line
        switch expression.kind {
        case .constant(let constant):
            return try self.constant(constant, line: line)
        case .name(let id, _):
            return try load(id, line: line)
        case .joinedStr(let values):
            return try formattedString(values, line: line)
        case .formattedValue:
            return try formattedString([expression], line: line)
        case .binOp(let left, let op, let right):
            return try binary(left, op, right)
        case .unaryOp(let op, let operand):
            return try unary(op, operand)
        case .boolOp(let op, let values):
            var result = try value(values[0])
            for next in values.dropFirst() {
                let rhs = try value(next)
                let function = op == .and ? "pyAnd" : "pyOr"
                result = DynamicCode("\(function)(\(result.typed), \(rhs.typed))", throwing: true)
            }
            return result
        case .compare(let left, let ops, let comparators):
            return try comparisonValue(left, ops, comparators)
        case .ifExp(let test, let body, let orelse):
            let condition = try self.condition(test)
            let yes = try value(body), no = try value(orelse)
            return DynamicCode("\(condition.operand(.and)) ? \(yes.operand(.or)) : \(no.operand(.or))",
                               throwing: condition.throwing || yes.throwing || no.throwing, precedence: .ternary)
        case .call(let function, let args, let keywords):
            return try call(function, args, keywords, line: line)
        case .attribute(let object, let attr, _):
            let receiver = try value(object)
            if DynamicIdentifiers.isPlainMember(attr) {
                return DynamicCode("\(receiver.receiver).\(attr)")
            }
            return DynamicCode("\(receiver.receiver).attribute(\(SwiftNames.stringLiteral(attr)))")
        case .subscript(let object, let slice, _):
            let receiver = try value(object)
            let key = try subscriptKey(slice)
            return DynamicCode("\(receiver.receiver).item(\(key.text))")
        case .slice:
            return try subscriptKey(expression)
        case .list(let elts, _):
            let elements = try sequenceElements(elts)
            if let plain = elements.plain {
                return DynamicCode("[\(plain)]", throwing: elements.throwing, standalone: "PyObject.list([\(plain)])")
            }
            return DynamicCode("PyObject.list(\(elements.spliced))", throwing: true)
        case .tuple(let elts, _):
            let elements = try sequenceElements(elts)
            let list = elements.plain.map { "[\($0)]" } ?? elements.spliced
            return DynamicCode(".tuple(\(list))", throwing: elements.throwing, standalone: "PyObject.tuple(\(list))")
        case .set(let elts):
            let elements = try sequenceElements(elts)
            let list = elements.plain.map { "[\($0)]" } ?? elements.spliced
            return DynamicCode(".set(\(list))", throwing: true, standalone: "PyObject.set(\(list))")
        case .dict(let keys, let values):
            return try dictionary(keys, values)
        case .lambda(let args, let body):
            return try lambda(args, body, line: line)
        case .listComp, .setComp, .dictComp:
            return try comprehension(expression)
        case .generatorExp(let elt, let generators):
            return try generatorExpression(elt, generators, range: expression.range)
        case .namedExpr(let target, let valueExpr):
            guard case .name(let id, _) = target.kind else { throw refuse(":=", "an assignment expression needs a name", at: line) }
            let assigned = try value(valueExpr)
            let storage = try storeTarget(id, line: line)
            return DynamicCode("{ () throws -> PyObject in let assigned: PyObject = \(tryText(assigned))\(assigned.typed); \(storage) = assigned; return assigned }()", throwing: true)
        case .await(let awaited):
            guard let coroutine = currentCoroutine else { throw refuse("await", "`await` outside an `async def`", at: line) }
            let inner = try value(awaited)
            return DynamicCode("\(coroutine).await(\(inner.typed))")
        case .yield(let yielded):
            guard let generator = currentGenerator else { throw refuse("yield", "`yield` outside a function", at: line) }
            let inner = try yielded.map { try value($0) } ?? DynamicCode(".none", throwing: false)
            return DynamicCode("\(generator).yield(\(inner.text))")
        case .yieldFrom(let source):
            guard let generator = currentGenerator else { throw refuse("yield from", "`yield from` outside a function", at: line) }
            let inner = try value(source)
            return DynamicCode("\(generator).yieldFrom(\(inner.typed))")
        case .starred:
            throw refuse("*", "a starred expression outside a call, a literal or an assignment", at: line)
        }
    }

    /// `try ` when the code throws.
    func tryText(_ code: DynamicCode) -> String { code.throwing ? "try " : "" }

    func constant(_ constant: ConstantValue, line: Int) throws -> DynamicCode {
        switch constant {
        case .none: return DynamicCode(".none", throwing: false, standalone: "PyObject.none")
        case .bool(let flag): return .literal(flag ? "true" : "false", standalone: "PyObject(\(flag))")
        case .int(let number): return .literal("\(number)", standalone: "PyObject(\(number))")
        case .bigInt(let digits): return DynamicCode("PyObject(bigInteger: \"\(digits)\")", throwing: false)
        case .float(let number):
            let text = SwiftNames.floatLiteral(number)
            return .literal(text, standalone: "PyObject(\(text))")
        case .string(let text, _):
            let literal = SwiftNames.stringLiteral(text)
            return .literal(literal, standalone: "PyObject(\(literal))")
        case .bytes(let bytes):
            let list = bytes.map { "0x" + String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: ", ")
            return DynamicCode("PyObject.bytes([\(list)])", throwing: false)
        case .ellipsis: return DynamicCode("PyObject.ellipsis", throwing: false)
        case .imaginary(let number): return DynamicCode("PyObject.complex(0, \(SwiftNames.floatLiteral(number)))", throwing: false)
        case .surrogateString: throw refuse("string", "lone surrogates cannot be held by a Swift string", at: line)
        }
    }

    // MARK: Operators

    static let binaryOperators: [BinaryOperator: (swift: String?, name: String, precedence: DynamicPrecedence)] = [
        .add: ("+", "add", .additive), .sub: ("-", "subtract", .additive), .mult: ("*", "multiply", .multiplicative),
        .div: ("/", "trueDivide", .multiplicative), .mod: ("%", "remainder", .multiplicative),
        .pow: ("**", "power", .power), .lShift: ("<<", "leftShift", .bitwise), .rShift: (">>", "rightShift", .bitwise),
        .bitAnd: ("&", "and", .bitwise), .bitOr: ("|", "or", .bitwise), .bitXor: ("^", "xor", .bitwise),
        .floorDiv: (nil, "floorDivide", .atom), .matMult: (nil, "matrixMultiply", .atom),
    ]

    func binary(_ leftExpr: Expr, _ op: BinaryOperator, _ rightExpr: Expr) throws -> DynamicCode {
        var left = try value(leftExpr)
        let right = try value(rightExpr)
        let info = Self.binaryOperators[op]!
        guard let symbol = info.swift else {
            return DynamicCode("\(left.receiver).\(info.name == "floorDivide" ? "floorDivide" : "matrixMultiply")(\(right.text))")
        }
        // Two Swift literals would make Swift's own arithmetic; one typed operand makes it Python's.
        if left.standalone != nil && right.standalone != nil { left = DynamicCode(left.typed, throwing: left.throwing) }
        let leftText: String, rightText: String
        switch info.precedence {
        case .bitwise, .power:
            let needed: DynamicPrecedence = info.precedence == .power ? .prefix : .power
            leftText = left.precedence < needed ? "(\(left.text))" : left.text
            rightText = right.precedence < needed ? "(\(right.text))" : right.text
        default:
            leftText = left.precedence < info.precedence ? "(\(left.text))" : left.text
            rightText = right.precedence <= info.precedence ? "(\(right.text))" : right.text
        }
        return DynamicCode("\(leftText) \(symbol) \(rightText)", throwing: true, precedence: info.precedence)
    }

    func unary(_ op: UnaryOperator, _ operandExpr: Expr) throws -> DynamicCode {
        if op == .uSub {
            // `-5` is one Swift literal.
            if case .constant(.int(let number)) = operandExpr.kind { return .literal("-\(number)", standalone: "PyObject(-\(number))") }
            if case .constant(.float(let number)) = operandExpr.kind {
                let text = "-" + SwiftNames.floatLiteral(number)
                return .literal(text, standalone: "PyObject(\(text))")
            }
        }
        if op == .not {
            let inner = try condition(operandExpr)
            return DynamicCode("PyObject(!\(inner.operand(.prefix)))", throwing: inner.throwing)
        }
        let operand = try value(operandExpr)
        let symbol = op == .uSub ? "-" : op == .uAdd ? "+" : "~"
        return DynamicCode("\(symbol)\(operand.operand(.prefix).replacingLeadingSign())", throwing: true, precedence: .prefix)
    }

    static let comparisonNames: [CompareOperator: (swift: String, name: String)] = [
        .eq: ("==", "equal"), .notEq: ("!=", "notEqual"), .lt: ("<", "less"), .ltE: ("<=", "lessEqual"),
        .gt: (">", "greater"), .gtE: (">=", "greaterEqual"),
    ]

    /// A comparison as a Python value: a rich comparison returns what `__eq__`/`__lt__` gave.
    func comparisonValue(_ leftExpr: Expr, _ ops: [CompareOperator], _ comparators: [Expr]) throws -> DynamicCode {
        if ops.count == 1 {
            let left = try value(leftExpr), right = try value(comparators[0])
            switch ops[0] {
            case .is, .isNot, .in, .notIn:
                let test = try comparisonTest(left, ops[0], right)
                return DynamicCode("PyObject(\(test.text))", throwing: test.throwing)
            default:
                return DynamicCode("\(left.receiver).compare(.\(Self.comparisonNames[ops[0]]!.name), \(right.text))")
            }
        }
        let test = try comparisonCondition(leftExpr, ops, comparators)
        return DynamicCode("PyObject(\(test.text))", throwing: test.throwing)
    }

    func comparisonTest(_ left: DynamicCode, _ op: CompareOperator, _ right: DynamicCode) throws -> DynamicCode {
        switch op {
        case .is: return DynamicCode("\(left.receiver).isIdentical(to: \(right.text))", throwing: left.throwing || right.throwing)
        case .isNot: return DynamicCode("!\(left.receiver).isIdentical(to: \(right.text))", throwing: left.throwing || right.throwing, precedence: .prefix)
        case .in: return DynamicCode("\(right.receiver).contains(\(left.text))")
        case .notIn: return DynamicCode("!\(right.receiver).contains(\(left.text))", precedence: .prefix)
        default:
            let symbol = Self.comparisonNames[op]!.swift
            var leftText = left.precedence < .bitwise ? "(\(left.text))" : left.text
            if left.standalone != nil && right.standalone != nil { leftText = left.typed }
            let rightText = right.precedence < .bitwise ? "(\(right.text))" : right.text
            return DynamicCode("\(leftText) \(symbol) \(rightText)", precedence: .comparison)
        }
    }

    /// `a < b < c` as Swift `Bool`s joined by `&&`; a middle operand that is not a plain name or
    /// literal is evaluated once, into a temporary.
    func comparisonCondition(_ leftExpr: Expr, _ ops: [CompareOperator], _ comparators: [Expr]) throws -> DynamicCode {
        var left = try value(leftExpr)
        var parts: [DynamicCode] = []
        var prelude: [String] = []
        for (index, op) in ops.enumerated() {
            var right = try value(comparators[index])
            if index < ops.count - 1 && !Self.isSimple(comparators[index]) {
                let temporary = temporaryName("middle")
                prelude.append("let \(temporary) = \(tryText(right))\(right.typed)")
                right = DynamicCode(temporary, throwing: false)
            }
            parts.append(try comparisonTest(left, op, right))
            left = right
        }
        let joined = parts.map { $0.operand(.and) }.joined(separator: " && ")
        let throwing = parts.contains { $0.throwing } || !prelude.isEmpty
        if prelude.isEmpty {
            return DynamicCode(joined, throwing: throwing, precedence: parts.count > 1 ? .and : parts[0].precedence)
        }
        // The closure's own body needs its `try`: the one before the call does not reach inside.
        let marker = parts.contains { $0.throwing } ? "try " : ""
        return DynamicCode("{ () throws -> Bool in \(prelude.joined(separator: "; ")); return \(marker)\(joined) }()", throwing: true)
    }

    static func isSimple(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .name, .constant: true
        case .unaryOp(.uSub, let operand): isSimple(operand)
        default: false
        }
    }

    // MARK: Conditions

    /// An expression as a Swift `Bool`: Python's truth test, without boxing comparisons.
    func condition(_ expression: Expr) throws -> DynamicCode {
        switch expression.kind {
        case .compare(let left, let ops, let comparators):
            return try comparisonCondition(left, ops, comparators)
        case .boolOp(let op, let values):
            let parts = try values.map { try condition($0) }
            let symbol = op == .and ? " && " : " || "
            let level: DynamicPrecedence = op == .and ? .and : .or
            let minimum: DynamicPrecedence = op == .and ? .comparison : .and
            return DynamicCode(parts.map { $0.operand(minimum) }.joined(separator: symbol),
                               throwing: parts.contains { $0.throwing }, precedence: level)
        case .unaryOp(.not, let operand):
            let inner = try condition(operand)
            return DynamicCode("!" + inner.operand(.prefix), throwing: inner.throwing, precedence: .prefix)
        case .constant(.bool(let flag)):
            return DynamicCode(flag ? "true" : "false", throwing: false)
        case .constant(.none):
            return DynamicCode("false", throwing: false)
        default:
            let inner = try value(expression)
            return DynamicCode("\(inner.receiver).truthy()")
        }
    }

    // MARK: Literals

    struct Elements {
        /// Comma-separated elements when nothing is starred.
        var plain: String?
        /// `[a] + xs.unpackedArguments() + [b]` when something is.
        var spliced: String
        var throwing: Bool
    }

    func sequenceElements(_ elts: [Expr]) throws -> Elements {
        var groups: [String] = []
        var current: [String] = []
        var throwing = false
        var starred = false
        for element in elts {
            if case .starred(let inner, _) = element.kind {
                starred = true
                if !current.isEmpty { groups.append("[\(current.joined(separator: ", "))]"); current = [] }
                let code = try value(inner)
                groups.append("\(code.receiver).unpackedArguments()")
                throwing = true
            } else {
                let code = try value(element)
                throwing = throwing || code.throwing
                current.append(code.text)
            }
        }
        if !starred { return Elements(plain: current.joined(separator: ", "), spliced: "[\(current.joined(separator: ", "))]", throwing: throwing) }
        if !current.isEmpty { groups.append("[\(current.joined(separator: ", "))]") }
        return Elements(plain: nil, spliced: groups.joined(separator: " + "), throwing: true)
    }

    func dictionary(_ keys: [Expr?], _ values: [Expr]) throws -> DynamicCode {
        var parts: [String] = []
        var pairs: [String] = []
        for (key, valueExpr) in zip(keys, values) {
            let item = try value(valueExpr)
            if let key {
                let keyCode = try value(key)
                // Swift types a tuple's literal from the array's element type only when both halves are
                // literals: `("n", len(x))` is a (String, PyObject) that does not convert.
                let bothFromContext = keyCode.standalone != nil && item.standalone != nil
                pairs.append(bothFromContext ? "(\(keyCode.text), \(item.text))" : "(\(keyCode.typed), \(item.typed))")
            } else {
                if !pairs.isEmpty || parts.isEmpty {
                    parts.append("PyObject.dict([\(pairs.joined(separator: ", "))])")
                    pairs = []
                }
                parts.append("Py.dict(\(item.typed))")
            }
        }
        if parts.isEmpty {
            return DynamicCode(".dict([\(pairs.joined(separator: ", "))])", throwing: true, standalone: "PyObject.dict([\(pairs.joined(separator: ", "))])")
        }
        if !pairs.isEmpty { parts.append("PyObject.dict([\(pairs.joined(separator: ", "))])") }
        // `{**a, **b}` is `dict(a) | b`: later keys win, first positions stay, as in the literal.
        return DynamicCode(parts.joined(separator: " | "), throwing: true, precedence: .bitwise)
    }

    // MARK: Subscripts

    func subscriptKey(_ slice: Expr) throws -> DynamicCode {
        if case .slice(let lower, let upper, let step) = slice.kind {
            var parts = try [lower, upper, step].map { try $0.map { try value($0).text } ?? "nil" }
            if parts[2] == "nil" { parts.removeLast() }
            let throwing = try [lower, upper, step].contains { try $0.map { try value($0).throwing } ?? false }
            return DynamicCode(".slice(\(parts.joined(separator: ", ")))", throwing: throwing, standalone: "PyObject.slice(\(parts.joined(separator: ", ")))")
        }
        if case .tuple(let elts, _) = slice.kind, elts.contains(where: { if case .slice = $0.kind { true } else { false } }) {
            let parts = try elts.map { try subscriptKey($0).text }
            return DynamicCode(".tuple([\(parts.joined(separator: ", "))])", throwing: true, standalone: "PyObject.tuple([\(parts.joined(separator: ", "))])")
        }
        return try value(slice)
    }

    // MARK: f-strings

    func formattedString(_ values: [Expr], line: Int) throws -> DynamicCode {
        let text = try interpolation(values, line: line)
        return DynamicCode("PyObject(\(text))", throwing: true)
    }

    /// The parts of an f-string as one Swift string literal with interpolations.
    func interpolation(_ values: [Expr], line: Int) throws -> String {
        var literal = "\""
        for part in values {
            switch part.kind {
            case .constant(.string(let text, _)):
                literal += String(SwiftNames.stringLiteral(text).dropFirst().dropLast())
            case .formattedValue(let inner, let conversion, let spec):
                let code = try value(inner)
                var converted = code.receiver
                var method = "str()"
                switch conversion {
                case 114, 97: method = "repr()"
                default: break
                }
                if let spec, case .joinedStr(let specParts) = spec.kind, !specParts.isEmpty {
                    if conversion == 114 || conversion == 97 || conversion == 115 {
                        converted = "PyObject(\(converted).\(method))"
                    }
                    let specText = try interpolation(specParts, line: line)
                    literal += "\\(\(converted).format(\(specText)))"
                } else {
                    literal += "\\(\(converted).\(method))"
                }
            default:
                throw refuse("f-string", "an unexpected part in an f-string", at: line)
            }
        }
        return literal + "\""
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// `- -x` must keep a space so Swift does not read one `--` operator.
    func replacingLeadingSign() -> String {
        if hasPrefix("-") || hasPrefix("+") || hasPrefix("~") { return "(\(self))" }
        return self
    }
}
