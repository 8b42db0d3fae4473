/// Expressions, in `ast.dump`'s field order.
extension DumpPrinter {
    mutating func expression(_ expression: Expr) {
        expressionFields(expression)
        attributes(expression.range)
    }

    mutating func expressionFields(_ expression: Expr) {
        switch expression.kind {
        case .boolOp(let op, let values):
            text += "BoolOp(op=\(op.rawValue)(), values="
            expressions(values)
            text += ")"
        case .namedExpr(let target, let value):
            text += "NamedExpr(target="
            self.expression(target)
            text += ", value="
            self.expression(value)
            text += ")"
        case .binOp(let left, let op, let right):
            text += "BinOp(left="
            self.expression(left)
            text += ", op=\(op.rawValue)(), right="
            self.expression(right)
            text += ")"
        case .unaryOp(let op, let operand):
            text += "UnaryOp(op=\(op.rawValue)(), operand="
            self.expression(operand)
            text += ")"
        case .lambda(let args, let body):
            text += "Lambda(args="
            arguments(args)
            text += ", body="
            self.expression(body)
            text += ")"
        case .ifExp(let test, let body, let orelse):
            text += "IfExp(test="
            self.expression(test)
            text += ", body="
            self.expression(body)
            text += ", orelse="
            self.expression(orelse)
            text += ")"
        case .dict(let keys, let values):
            text += "Dict(keys="
            list(keys) { printer, key in
                if let key { printer.expression(key) } else { printer.text += "None" }
            }
            text += ", values="
            expressions(values)
            text += ")"
        case .set(let elements):
            text += "Set(elts="
            expressions(elements)
            text += ")"
        case .listComp(let element, let generators): comprehension("ListComp", element, generators)
        case .setComp(let element, let generators): comprehension("SetComp", element, generators)
        case .generatorExp(let element, let generators): comprehension("GeneratorExp", element, generators)
        case .dictComp(let key, let value, let generators):
            text += "DictComp(key="
            self.expression(key)
            text += ", value="
            self.expression(value)
            text += ", generators="
            comprehensions(generators)
            text += ")"
        case .await(let value):
            text += "Await(value="
            self.expression(value)
            text += ")"
        case .yield(let value):
            text += "Yield("
            if let value { text += "value="; self.expression(value) }
            text += ")"
        case .yieldFrom(let value):
            text += "YieldFrom(value="
            self.expression(value)
            text += ")"
        case .compare(let left, let ops, let comparators):
            text += "Compare(left="
            self.expression(left)
            text += ", ops="
            list(ops) { $0.text += $1.rawValue + "()" }
            text += ", comparators="
            expressions(comparators)
            text += ")"
        case .call(let function, let args, let keywords):
            text += "Call(func="
            self.expression(function)
            text += ", args="
            expressions(args)
            text += ", keywords="
            self.keywords(keywords)
            text += ")"
        case .formattedValue(let value, let conversion, let formatSpec):
            text += "FormattedValue(value="
            self.expression(value)
            text += ", conversion=\(conversion)"
            optional("format_spec", formatSpec)
            text += ")"
        case .joinedStr(let values):
            text += "JoinedStr(values="
            expressions(values)
            text += ")"
        case .constant(let value):
            text += "Constant(value=" + PythonRepr.constant(value)
            switch value {
            case .string(_, true), .surrogateString(_, true): text += ", kind='u'"
            default: break
            }
            text += ")"
        case .attribute(let value, let attr, let ctx):
            text += "Attribute(value="
            self.expression(value)
            text += ", attr=" + PythonRepr.string(attr) + ", ctx=\(ctx.rawValue)())"
        case .subscript(let value, let slice, let ctx):
            text += "Subscript(value="
            self.expression(value)
            text += ", slice="
            self.expression(slice)
            text += ", ctx=\(ctx.rawValue)())"
        case .starred(let value, let ctx):
            text += "Starred(value="
            self.expression(value)
            text += ", ctx=\(ctx.rawValue)())"
        case .name(let id, let ctx):
            text += "Name(id=" + PythonRepr.string(id) + ", ctx=\(ctx.rawValue)())"
        case .list(let elements, let ctx):
            text += "List(elts="
            expressions(elements)
            text += ", ctx=\(ctx.rawValue)())"
        case .tuple(let elements, let ctx):
            text += "Tuple(elts="
            expressions(elements)
            text += ", ctx=\(ctx.rawValue)())"
        case .slice(let lower, let upper, let step):
            text += "Slice("
            var first = true
            for (name, value) in [("lower", lower), ("upper", upper), ("step", step)] {
                guard let value else { continue }
                if !first { text += ", " }
                first = false
                text += name + "="
                self.expression(value)
            }
            text += ")"
        }
    }

    mutating func comprehension(_ name: String, _ element: Expr, _ generators: [Comprehension]) {
        text += name + "(elt="
        expression(element)
        text += ", generators="
        comprehensions(generators)
        text += ")"
    }

    mutating func comprehensions(_ generators: [Comprehension]) {
        list(generators) { printer, generator in
            printer.text += "comprehension(target="
            printer.expression(generator.target)
            printer.text += ", iter="
            printer.expression(generator.iter)
            printer.text += ", ifs="
            printer.expressions(generator.ifs)
            printer.text += ", is_async=\(generator.isAsync ? 1 : 0))"
        }
    }
}
