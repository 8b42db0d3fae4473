import PythonFrontEnd

extension BodyTranslator {
    func binary(_ left: Code, _ op: BinaryOperator, _ right: Code, line: Int) throws -> Code {
        let throwing = left.throwing || right.throwing
        if left.type == .unknown || right.type == .unknown {
            if state.isFinal { throw refuse("\(op.rawValue)", "cannot tell the operands' types", at: line) }
            return Code("\(left.text) ? \(right.text)", .unknown, precedence: Precedence.lowest, throwing: throwing)
        }
        switch (left.type, op, right.type) {
        case (.str, .add, .str):
            return infix(left, "+", right, .str, Precedence.additive)
        case (.str, .mult, .int), (.int, .mult, .str):
            let (text, count) = left.type == .str ? (left, right) : (right, left)
            return Code("String(repeating: \(text.text), count: \(count.text))", .str, throwing: throwing)
        case (.list, .add, .list):
            guard let type = PyType.join(left.type, right.type) else { break }
            return infix(left, "+", right, type, Precedence.additive)
        case (.list(let element), .mult, .int):
            if case .list(let single) = left.type, left.text.hasPrefix("["), !left.text.contains(",") {
                _ = single
                return Code("Array(repeating: \(left.text.dropFirst().dropLast()), count: \(right.text))", .list(element), throwing: throwing)
            }
            return Code("Array([[\(element.swift ?? "Any")]](repeating: \(left.text), count: \(right.text)).joined())", .list(element), throwing: throwing)
        case (.set, .bitOr, .set):
            return Code("\(left.operand(Precedence.atom)).union(\(right.text))", left.type, throwing: throwing)
        case (.set, .bitAnd, .set):
            return Code("\(left.operand(Precedence.atom)).intersection(\(right.text))", left.type, throwing: throwing)
        case (.set, .sub, .set):
            return Code("\(left.operand(Precedence.atom)).subtracting(\(right.text))", left.type, throwing: throwing)
        default:
            break
        }
        guard left.type.isNumeric && right.type.isNumeric else {
            throw refuse(op.rawValue, "\(op.rawValue) of a \(left.type.pythonName) and a \(right.type.pythonName)", at: line)
        }
        if left.type == .number || right.type == .number {
            return try numberArithmetic(left, op, right, line: line)
        }
        let bothInt = (left.type == .int || left.type == .bool) && (right.type == .int || right.type == .bool)
        let l = try coerce(left, to: bothInt ? .int : .float, line: line)
        let r = try coerce(right, to: bothInt ? .int : .float, line: line)
        let type: PyType = bothInt ? .int : .float
        switch op {
        case .add: return infix(l, "+", r, type, Precedence.additive)
        case .sub: return infix(l, "-", r, type, Precedence.additive)
        case .mult: return infix(l, "*", r, type, Precedence.multiplicative)
        case .div:
            if Self.isNonZeroConstant(right) {
                let fl = try coerce(left, to: .float, line: line)
                let fr = try coerce(right, to: .float, line: line)
                return infix(fl, "/", fr, .float, Precedence.multiplicative)
            }
            // A divisor that may be zero raises ZeroDivisionError, as in Python.
            return Code("divide(\(l.text), \(r.text))", .float, throwing: true)
        case .floorDiv:
            return Code("floorDiv(\(l.text), \(r.text))", type, throwing: true)
        case .mod:
            return Code("mod(\(l.text), \(r.text))", type, throwing: true)
        case .pow:
            if bothInt {
                return Code("pow(\(l.text), \(r.text))", .int, throwing: throwing)
            }
            try refuseComplexPower(left, right, line: line)
            return Code("Foundation.pow(\(l.text), \(r.text))", .float, throwing: throwing)
        case .bitAnd where bothInt: return infix(l, "&", r, .int, Precedence.multiplicative)
        case .bitOr where bothInt: return infix(l, "|", r, .int, Precedence.additive)
        case .bitXor where bothInt: return infix(l, "^", r, .int, Precedence.additive)
        case .lShift where bothInt: return infix(l, "<<", r, .int, Precedence.atom - 1)
        case .rShift where bothInt: return infix(l, ">>", r, .int, Precedence.atom - 1)
        default:
            throw refuse(op.rawValue, "this operator is not translated for these types", at: line)
        }
    }

    /// Arithmetic where a side is a `PyNumber`: the support library keeps Python's int/float rules.
    private func numberArithmetic(_ left: Code, _ op: BinaryOperator, _ right: Code, line: Int) throws -> Code {
        guard left.type != .bool && right.type != .bool else {
            throw refuse(op.rawValue, "arithmetic mixing a bool with an int or float", at: line)
        }
        let l = try coerce(left, to: .number, line: line)
        let r = try coerce(right, to: .number, line: line)
        switch op {
        case .add: return infix(l, "+", r, .number, Precedence.additive)
        case .sub: return infix(l, "-", r, .number, Precedence.additive)
        case .mult: return infix(l, "*", r, .number, Precedence.multiplicative)
        case .div:
            if Self.isNonZeroConstant(right) { return infix(l, "/", r, .float, Precedence.multiplicative) }
            return Code("divide(\(l.text), \(r.text))", .float, throwing: true)
        case .floorDiv: return Code("floorDiv(\(l.text), \(r.text))", .number, throwing: true)
        case .mod: return Code("mod(\(l.text), \(r.text))", .number, throwing: true)
        case .pow:
            try refuseComplexPower(left, right, line: line)
            return Code("pow(\(l.text), \(r.text))", .number, throwing: l.throwing || r.throwing)
        default:
            throw refuse(op.rawValue, "\(op.rawValue) of a value that is an int in one place and a float in another", at: line)
        }
    }

    /// A negative number to a fractional power is a complex number in Python, which static Swift
    /// does not hold: unless the base is a non-negative literal or the exponent is integral, the
    /// cell is left to the dynamic translation.
    func refuseComplexPower(_ base: Code, _ exponent: Code, line: Int) throws {
        if let value = Double(base.text), value >= 0 { return }
        if exponent.type == .int || exponent.type == .bool { return }
        if let value = Double(exponent.text), value == value.rounded(.down) { return }
        throw refuse("**", "a negative base to a fractional power makes a complex number", at: line)
    }

    /// A literal divisor other than zero: the division cannot raise.
    static func isNonZeroConstant(_ code: Code) -> Bool {
        guard let first = code.text.first, first.isNumber || first == "-" || first == ".",
              let value = Double(code.text) else { return false }
        return value != 0
    }

    private func infix(_ left: Code, _ op: String, _ right: Code, _ type: PyType, _ precedence: Int) -> Code {
        Code("\(left.operand(precedence)) \(op) \(right.operand(precedence + 1))", type, precedence: precedence,
             throwing: left.throwing || right.throwing)
    }

    func unary(_ op: UnaryOperator, _ operand: Expr, line: Int) throws -> Code {
        switch op {
        case .not:
            let code = try expression(operand)
            return try truthiness(code, negated: true, line: line)
        case .uSub:
            if case .constant(.int(let value)) = operand.kind {
                var code = Code("-\(value)", .int, precedence: Precedence.prefix)
                code.isIntegerLiteral = true
                return code
            }
            let code = try expression(operand)
            guard code.type.isNumeric else { throw refuse("-", "negating a \(code.type.pythonName)", at: line) }
            return Code("-" + code.operand(Precedence.prefix), code.type == .bool ? .int : code.type, precedence: Precedence.prefix, throwing: code.throwing)
        case .uAdd:
            return try expression(operand)
        case .invert:
            let code = try expression(operand)
            guard code.type == .int else { throw refuse("~", "inverting a \(code.type.pythonName)", at: line) }
            return Code("~" + code.operand(Precedence.prefix), .int, precedence: Precedence.prefix, throwing: code.throwing)
        }
    }

    func comparison(_ left: Expr, _ ops: [CompareOperator], _ comparators: [Expr], line: Int) throws -> Code {
        var operands = [try expression(left)]
        for comparator in comparators { operands.append(try expression(comparator)) }
        var parts: [Code] = []
        for (index, op) in ops.enumerated() {
            parts.append(try compare(operands[index], op, operands[index + 1], line: line))
        }
        if parts.count == 1 { return parts[0] }
        return Code(parts.map { $0.operand(Precedence.conjunction + 1) }.joined(separator: " && "), .bool,
                    precedence: Precedence.conjunction, throwing: parts.contains { $0.throwing })
    }

    private func compare(_ left: Code, _ op: CompareOperator, _ right: Code, line: Int) throws -> Code {
        let throwing = left.throwing || right.throwing
        switch op {
        case .in, .notIn:
            let negate = op == .notIn ? "!" : ""
            switch right.type {
            case .dict:
                return Code("\(right.operand(Precedence.atom))[\(left.text)] \(op == .in ? "!=" : "==") nil", .bool, precedence: Precedence.comparison, throwing: throwing)
            case .str:
                return Code("\(negate)\(right.operand(Precedence.atom)).contains(\(left.text))", .bool, precedence: Precedence.prefix, throwing: throwing)
            case .list, .set, .range:
                let element = try coerce(left, to: right.type.iterationElement, line: line)
                return Code("\(negate)\(right.operand(Precedence.atom)).contains(\(element.text))", .bool, precedence: Precedence.prefix, throwing: throwing)
            default:
                if !state.isFinal { return Code("true", .bool) }
                throw refuse("in", "membership in a \(right.type.pythonName)", at: line)
            }
        case .is, .isNot:
            guard right.type == .none || left.type == .none else {
                throw refuse("is", "identity tests other than `is None` are not translated", at: line)
            }
            let value = right.type == .none ? left : right
            if case .optional = value.type {
                return Code("\(value.operand(Precedence.nilCoalescing)) \(op == .is ? "==" : "!=") nil", .bool, precedence: Precedence.comparison, throwing: throwing)
            }
            if value.type == .unknown && !state.isFinal { return Code("true", .bool) }
            throw refuse("is None", "a \(value.type.pythonName) is never None here", at: line)
        default:
            let symbols: [CompareOperator: String] = [.eq: "==", .notEq: "!=", .lt: "<", .ltE: "<=", .gt: ">", .gtE: ">="]
            var l = left
            var r = right
            if l.type == .int && r.type == .float { l = try coerce(l, to: .float, line: line) }
            if l.type == .float && r.type == .int { r = try coerce(r, to: .float, line: line) }
            if l.type == .number || r.type == .number {
                guard l.type.isNumeric && r.type.isNumeric && l.type != .bool && r.type != .bool else {
                    throw refuse(symbols[op]!, "comparing a \(l.type.pythonName) and a \(r.type.pythonName)", at: line)
                }
                l = try coerce(l, to: .number, line: line)
                r = try coerce(r, to: .number, line: line)
            }
            // `n % 2 == 0` reads better as Swift's own divisibility test.
            // Only for a literal divisor other than zero, which cannot raise.
            if op == .eq || op == .notEq, r.text == "0", l.text.hasPrefix("mod("), l.type == .int,
               let inner = l.text.dropFirst(4).dropLast().split(separator: ",", maxSplits: 1).map(String.init) as [String]?,
               inner.count == 2, !inner[0].contains("("), !inner[1].contains("("),
               let divisor = Int(inner[1].trimmingCharacters(in: .whitespaces)), divisor != 0 {
                // `(a + b) % 2 == 0`: a dividend that is not a name needs its parentheses back.
                let dividend = inner[0].trimmingCharacters(in: .whitespaces)
                let simple = dividend.range(of: #"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"#, options: .regularExpression) != nil
                let receiver = simple ? dividend : "(\(dividend))"
                return Code("\(op == .notEq ? "!" : "")\(receiver).isMultiple(of: \(divisor))", .bool,
                            precedence: op == .notEq ? Precedence.prefix : Precedence.atom)
            }
            return Code("\(l.operand(Precedence.comparison + 1)) \(symbols[op]!) \(r.operand(Precedence.comparison + 1))", .bool,
                        precedence: Precedence.comparison, throwing: throwing)
        }
    }

    // MARK: Subscripts

    func subscriptExpression(_ value: Expr, _ slice: Expr, line: Int) throws -> Code {
        let container = try expression(value)
        if case .slice(let lower, let upper, let step) = slice.kind {
            return try sliceExpression(container, lower, upper, step, line: line)
        }
        switch container.type {
        case .list(let element):
            if catches("IndexError") {
                let index = try coerce(expression(slice), to: .int, line: line)
                return Code("\(container.operand(Precedence.atom)).item(\(index.text))", element, throwing: true)
            }
            let index = try indexExpression(slice, count: container.text)
            return Code("\(container.operand(Precedence.atom))[\(index.text)]", element, throwing: container.throwing || index.throwing)
        case .str:
            let index = try indexExpression(slice, count: container.text)
            return Code("String(Array(\(container.text))[\(index.text)])", .str, throwing: container.throwing || index.throwing)
        case .dict(let key, let element):
            let keyCode = try coerce(expression(slice), to: key, line: line)
            return Code("\(container.operand(Precedence.atom)).lookup(\(keyCode.text))", element, throwing: true)
        case .tuple(let types):
            guard case .constant(.int(let index)) = slice.kind, index < types.count else {
                throw refuse("tuple index", "index tuples with a constant", at: line)
            }
            let position = index < 0 ? types.count + index : index
            return Code("\(container.operand(Precedence.atom)).\(position)", types[position], throwing: container.throwing)
        case .unknown where !state.isFinal:
            return Code(container.text + "[?]", .unknown)
        default:
            throw refuse("[]", "indexing a \(container.type.pythonName)", at: line)
        }
    }

    /// A Python index as a Swift one: a negative constant counts from the end.
    func indexExpression(_ slice: Expr, count container: String) throws -> Code {
        if case .unaryOp(.uSub, let operand) = slice.kind, case .constant(.int(let value)) = operand.kind {
            return Code("\(container).count - \(value)", .int, precedence: Precedence.additive)
        }
        let code = try expression(slice)
        guard code.type == .int || (code.type == .unknown && !state.isFinal) else {
            throw refuse("[]", "an index that is a \(code.type.pythonName)", at: slice.range.start.line)
        }
        return code
    }

    /// Slices clamp in Python; `prefix`, `dropFirst`, `suffix` and `dropLast` clamp the same way.
    private func sliceExpression(_ container: Code, _ lower: Expr?, _ upper: Expr?, _ step: Expr?, line: Int) throws -> Code {
        let wrap: (String) -> String
        switch container.type {
        case .str: wrap = { "String(\($0))" }
        case .list: wrap = { "Array(\($0))" }
        default: throw refuse("slice", "slicing a \(container.type.pythonName)", at: line)
        }
        var text = container.operand(Precedence.atom)
        if let step {
            guard case .unaryOp(.uSub, let one) = step.kind, case .constant(.int(1)) = one.kind, lower == nil, upper == nil else {
                throw refuse("slice step", "only `[::-1]` is translated", at: line)
            }
            return Code(wrap("\(text).reversed()"), container.type, throwing: container.throwing)
        }
        func bound(_ expr: Expr) throws -> (negative: Bool, code: Code) {
            if case .unaryOp(.uSub, let operand) = expr.kind {
                return (true, try coerce(expression(operand), to: .int, line: line))
            }
            return (false, try coerce(expression(expr), to: .int, line: line))
        }
        let low = try lower.map(bound)
        let high = try upper.map(bound)
        if let high, let low, !high.negative, !low.negative {
            text += ".prefix(\(high.code.text)).dropFirst(\(low.code.text))"
        } else {
            if let low, let high, low.negative, !high.negative {
                throw refuse("slice", "a slice from the end to a position from the start", at: line)
            }
            if let low { text += low.negative ? ".suffix(\(low.code.text))" : ".dropFirst(\(low.code.text))" }
            if let high { text += high.negative ? ".dropLast(\(high.code.text))" : ".prefix(\(high.code.text))" }
        }
        return Code(wrap(text), container.type, throwing: container.throwing)
    }
}
