import PythonFrontEnd

extension BodyTranslator {
    func keyword(_ name: String, in keywords: [Keyword]) -> Expr? {
        keywords.first { $0.arg == name }?.value
    }

    func builtinCall(_ name: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        func single() throws -> Code {
            guard args.count == 1 else { throw refuse("\(name)(…)", "\(name) with \(args.count) arguments", at: line) }
            return try expression(args[0])
        }
        switch name {
        case "print":
            for argument in args { try refuseKeptGenerator(argument, line: line) }
            return try printCall(args, keywords, line: line)
        case "range":
            return try rangeExpression(args, line: line)
        case "len":
            let value = try single()
            return Code("\(value.operand(Precedence.atom)).count", .int, throwing: value.throwing)
        case "str":
            if args.isEmpty { return Code("\"\"", .str) }
            return try textOf(single(), line: line)
        case "repr":
            let argument = try single()
            // `repr(error)` is `ValueError('bad')`: the error itself is printable as Python shows it.
            if argument.type == .exception { return Code("repr(\(argument.text))", .str, throwing: argument.throwing) }
            let value = try printable(argument, line: line)
            return Code("repr(\(value.text))", .str, throwing: value.throwing)
        case "format":
            let value = try printable(expression(args[0]), line: line)
            let spec = try args.count > 1 ? expression(args[1]) : Code("\"\"", .str)
            return Code("format(\(value.text), \(spec.text))", .str, throwing: value.throwing)
        case "int", "float":
            if args.isEmpty { return Code(name == "int" ? "0" : "0.0", name == "int" ? .int : .float) }
            return try builtinConversion(name, single(), line: line)
        case "bool":
            return try truthiness(single(), negated: false, line: line)
        case "list":
            if args.isEmpty {
                var code = Code("[]", .list(.unknown))
                code.isEmptyLiteral = true
                return code
            }
            let value = try single()
            if case .list = value.type { return Code("Array(\(value.text))", value.type, throwing: value.throwing) }
            return Code("Array(\(value.text))", .list(value.type.iterationElement), throwing: value.throwing)
        case "dict":
            guard args.isEmpty, keywords.isEmpty else { throw refuse("dict(…)", "build dicts with a literal", at: line) }
            var code = Code("[:]", .dict(.unknown, .unknown))
            code.isEmptyLiteral = true
            return code
        case "set":
            if args.isEmpty {
                var code = Code("[]", .set(.unknown))
                code.isEmptyLiteral = true
                return code
            }
            let value = try single()
            return Code("Set(\(value.text))", .set(value.type.iterationElement), throwing: value.throwing)
        case "round":
            let value = try expression(args[0])
            if args.count == 1 {
                if value.type == .int { return value }
                if value.type == .number { return Code("round(\(value.text))", .int, throwing: value.throwing) }
                return Code("Int(\(value.operand(Precedence.atom)).rounded(.toNearestOrEven))", .int, throwing: value.throwing)
            }
            let digits = try coerce(expression(args[1]), to: .int, line: line)
            return Code("round(\(value.text), \(digits.text))", value.type, throwing: value.throwing || digits.throwing)
        case "abs":
            let value = try single()
            return Code("abs(\(value.text))", value.type, throwing: value.throwing)
        case "min", "max":
            return try extremum(name, args, keywords, line: line)
        case "sum":
            let values = try single()
            let element = values.type.iterationElement
            let start = element == .float ? "0.0" : "0"
            return Code("\(values.operand(Precedence.atom)).reduce(\(start), +)", element, throwing: values.throwing)
        case "sorted":
            return try sortedCall(args, keywords, line: line)
        case "reversed":
            let values = try single()
            return Code("Array(\(values.operand(Precedence.atom)).reversed())", values.type, throwing: values.throwing)
        case "enumerate", "zip":
            if name == "zip" {
                let parts = try args.map { try expression($0) }
                guard parts.count == 2 else { throw refuse("zip", "zip of \(parts.count) sequences", at: line) }
                let type = PyType.list(.tuple([parts[0].type.iterationElement, parts[1].type.iterationElement]))
                return Code("Array(zip(\(parts[0].text), \(parts[1].text)))", type, throwing: parts.contains { $0.throwing })
            }
            let place = SourceRange(start: Position(line: line, column: 1), end: Position(line: line, column: 1))
            let enumeration = Expr(.call(func: Expr(.name(id: name, ctx: .load), place), args: args, keywords: keywords), place)
            let source = try iteration(enumeration, line: line)
            return Code("\(source.code.text).map { ($0, $1) }", .list(source.element), throwing: source.code.throwing)
        case "map":
            guard args.count == 2 else { throw refuse("map", "map over one sequence", at: line) }
            let values = try expression(args[1])
            let (closure, result) = try self.closure(args[0], elementTypes: [values.type.iterationElement], line: line)
            return Code("\(values.operand(Precedence.atom)).map \(closure)", .list(result.type), throwing: values.throwing || result.throwing)
        case "filter":
            guard args.count == 2 else { throw refuse("filter", "filter with a function and a sequence", at: line) }
            let values = try expression(args[1])
            let (closure, result) = try self.closure(args[0], elementTypes: [values.type.iterationElement], line: line)
            return Code("\(values.operand(Precedence.atom)).filter \(closure)", values.type, throwing: values.throwing || result.throwing)
        case "any", "all":
            return try anyOrAll(name, args, line: line)
        case "isinstance":
            return try isInstance(args, line: line)
        case "divmod":
            let a = try expression(args[0])
            let b = try expression(args[1])
            let type = a.type == .int && b.type == .int ? PyType.int : .float
            return Code("divmod(\(try coerce(a, to: type, line: line).text), \(try coerce(b, to: type, line: line).text))", .tuple([type, type]), throwing: true)
        case "pow":
            guard args.count == 2 else { throw refuse("pow(…)", "pow with \(args.count) arguments", at: line) }
            return try binary(expression(args[0]), .pow, expression(args[1]), line: line)
        case "chr":
            let value = try single()
            return Code("String(UnicodeScalar(UInt32(\(value.text)))!)", .str, throwing: value.throwing)
        case "ord":
            let value = try single()
            return Code("Int(\(value.operand(Precedence.atom)).unicodeScalars.first!.value)", .int, throwing: value.throwing)
        case "open":
            throw refuse("open", "files are outside what a translated program may touch", at: line)
        case "input":
            throw refuse("input", "a note's program reads no input", at: line)
        case "eval", "exec", "compile":
            throw refuse(name, "running code built at run time cannot be translated", at: line)
        default:
            if BuiltinNames.exceptions.contains(name) {
                throw refuse(name, "exceptions are translated only where raised", at: line)
            }
            throw refuse("\(name)(…)", "`\(name)` is outside the translated surface", at: line)
        }
    }

    func builtinConversion(_ name: String, _ value: Code, line: Int) throws -> Code {
        switch (name, value.type) {
        case ("int", .int), ("float", .float): return value
        case ("int", .float): return Code("Int(\(value.text))", .int, throwing: value.throwing)
        case ("int", .bool): return Code("(\(value.text) ? 1 : 0)", .int, throwing: value.throwing)
        case ("float", .int): return try coerce(value, to: .float, line: line)
        case ("int", .str): return Code("int(\(value.text))", .int, throwing: true)
        case ("float", .str): return Code("float(\(value.text))", .float, throwing: true)
        case ("int", .number): return Code("int(\(value.text))", .int, throwing: true)
        case ("float", .number): return Code("\(value.operand(Precedence.atom)).doubleValue", .float, throwing: value.throwing)
        case (_, .unknown) where !state.isFinal: return Code(value.text, name == "int" ? .int : .float)
        default: throw refuse("\(name)(…)", "\(name) of a \(value.type.pythonName)", at: line)
        }
    }

    private func printCall(_ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        let parts = try args.map { try printable(expression($0), line: line) }
        var throwing = parts.contains { $0.throwing }
        var labels: [String] = []
        for keyword in keywords {
            switch keyword.arg {
            case "sep", "end":
                let value = try expression(keyword.value)
                guard value.type == .str || value.type == .none else {
                    throw refuse("print(\(keyword.arg!)=…)", "\(keyword.arg!) must be a string", at: line)
                }
                if value.type == .str { labels.append("\(keyword.arg!): \(value.text)") }
                throwing = throwing || value.throwing
            case "flush":
                break  // every print is one unbuffered write already
            case "file":
                guard let stream = try qualifiedName(keyword.value), stream == "sys.stderr" || stream == "sys.stdout" else {
                    throw refuse("print(file=…)", "printing to files is outside what a translated program may touch", at: line)
                }
                if stream == "sys.stderr" { labels.append("file: .stderr") }
            default:
                throw refuse("print(\(keyword.arg ?? "**")=…)", "unknown print option", at: line)
            }
        }
        let text = (parts.map(\.text) + labels).joined(separator: ", ")
        return Code("print(\(text))", .none, throwing: throwing)
    }

    private func extremum(_ name: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        if args.count >= 2 {
            var parts = try args.map { try expression($0) }
            var type = PyType.unknown
            for part in parts { type = PyType.join(type, part.type) ?? .float }
            parts = try parts.map { try coerce($0, to: type, line: line) }
            let call = "\(name)(\(parts.map(\.text).joined(separator: ", ")))"
            if type == .number && parts.allSatisfy(\.isNumberLiteral) {
                return Code("\(call) as PyNumber", type, precedence: Precedence.casting)
            }
            return Code(call, type, throwing: parts.contains { $0.throwing })
        }
        guard args.count == 1 else { throw refuse(name, "\(name) of nothing", at: line) }
        let values = try expression(args[0])
        let element = values.type.iterationElement
        if let key = keyword("key", in: keywords) {
            let (_, a) = try closure(key, elementTypes: [element], names: ["a"], line: line)
            let (_, b) = try closure(key, elementTypes: [element], names: ["b"], line: line)
            return Code("\(values.operand(Precedence.atom)).\(name) { a, b in \(a.text) < \(b.text) }!", element, throwing: values.throwing)
        }
        return Code("\(values.operand(Precedence.atom)).\(name)()!", element, throwing: values.throwing)
    }

    private func sortedCall(_ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        guard args.count == 1 else { throw refuse("sorted", "sorted of one sequence", at: line) }
        let values = try expression(args[0])
        let element = values.type.iterationElement
        var descending = false
        if let reverse = keyword("reverse", in: keywords) {
            guard case .constant(.bool(let flag)) = reverse.kind else { throw refuse("sorted(reverse=…)", "reverse must be True or False", at: line) }
            descending = flag
        }
        let receiver = values.type == .str ? "Array(\(values.text)).map(String.init)" : values.operand(Precedence.atom)
        let resultType: PyType = values.type == .str ? .list(.str) : .list(element)
        if let key = keyword("key", in: keywords) {
            let (_, a) = try closure(key, elementTypes: [element], names: ["a"], line: line)
            let (_, b) = try closure(key, elementTypes: [element], names: ["b"], line: line)
            return Code("\(receiver).sorted { a, b in \(a.text) \(descending ? ">" : "<") \(b.text) }", resultType, throwing: values.throwing)
        }
        if case .tuple = element, state.isFinal {
            // Swift tuples are not Comparable; Python compares them item by item.
            throw refuse("sorted", "sorting tuples", at: line)
        }
        return Code("\(receiver).sorted(\(descending ? "by: >" : ""))", resultType, throwing: values.throwing)
    }

    private func anyOrAll(_ name: String, _ args: [Expr], line: Int) throws -> Code {
        guard args.count == 1 else { throw refuse(name, "\(name) of one iterable", at: line) }
        if case .generatorExp(let elt, let generators) = args[0].kind, generators.count == 1, generators[0].ifs.isEmpty {
            let source = try iteration(generators[0].iter, line: line)
            var bound: [String: Code] = [:]
            let pattern = try bindPattern(generators[0].target, type: source.element, used: Set(NameOccurrences.targetNames(generators[0].target)), into: &bound, line: line)
            boundScopes.append(bound)
            defer { boundScopes.removeLast() }
            let test = try condition(elt)
            let method = name == "any" ? "contains" : "allSatisfy"
            return Code("\(source.code.operand(Precedence.atom)).\(method) { \(pattern) in \(test.throwing ? "try " : "")\(test.text) }", .bool,
                        throwing: source.code.throwing || test.throwing)
        }
        let values = try expression(args[0])
        guard values.type.iterationElement == .bool else {
            throw refuse(name, "\(name) over values that are not True/False", at: line)
        }
        return Code(name == "any" ? "\(values.operand(Precedence.atom)).contains(true)" : "!\(values.operand(Precedence.atom)).contains(false)",
                    .bool, precedence: name == "any" ? Precedence.atom : Precedence.prefix, throwing: values.throwing)
    }

    private func isInstance(_ args: [Expr], line: Int) throws -> Code {
        guard args.count == 2 else { throw refuse("isinstance", "isinstance of a value and a type", at: line) }
        let value = try expression(args[0])
        guard case .name(let typeName, _) = args[1].kind else { throw refuse("isinstance", "name the type", at: line) }
        guard value.type == .number, typeName == "int" || typeName == "float" else {
            throw refuse("isinstance", "every value has one static type in Swift, so this test has a fixed answer", at: line)
        }
        let isInt = "\(value.operand(Precedence.atom)).isInt"
        return typeName == "int" ? Code(isInt, .bool, throwing: value.throwing)
            : Code("!" + isInt, .bool, precedence: Precedence.prefix, throwing: value.throwing)
    }
}
