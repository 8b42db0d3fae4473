import PythonFrontEnd

extension BodyTranslator {
    /// The dotted name a callee resolves to through imports (`time.sleep`, `concurrent.futures.as_completed`).
    func qualifiedName(_ function: Expr) throws -> String? {
        switch function.kind {
        case .name(let id, _):
            if boundScopes.contains(where: { $0[id] != nil }) || parameters[id] != nil { return nil }
            if case .imported(let qualified)? = session.bindings[id] { return qualified }
            return nil
        case .attribute(let value, let attr, _):
            return try qualifiedName(value).map { "\($0).\(attr)" }
        default:
            return nil
        }
    }

    func call(_ function: Expr, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        let spreadsAwaitables = try qualifiedName(function) == "asyncio.gather"
        if !spreadsAwaitables, args.contains(where: { if case .starred = $0.kind { true } else { false } }) || keywords.contains(where: { $0.arg == nil }) {
            throw refuse("*args", "unpacking arguments into a call is not translated", at: line)
        }
        if let qualified = try qualifiedName(function) {
            return try moduleCall(qualified, args, keywords, line: line)
        }
        switch function.kind {
        case .name(let id, _):
            if boundScopes.contains(where: { $0[id] != nil }) || parameters[id] != nil {
                throw refuse("\(id)(…)", "calling a function passed as a value is not translated", at: line)
            }
            if locals.variable(id, in: statementPath) != nil && !locals.declaredGlobal.contains(id) {
                throw refuse("\(id)(…)", "calling a variable is not translated", at: line)
            }
            switch session.bindings[id] {
            case .function(let key)?:
                return try userCall(key, args, keywords, receiver: nil, line: line)
            case .class(let name)?:
                return try constructorCall(name, args, keywords, line: line)
            default:
                if let refusedCell = session.refusedNames[id] {
                    throw refuse(id, "defined in snippet \(refusedCell), which was not translated", at: line)
                }
                return try builtinCall(id, args, keywords, line: line)
            }
        case .attribute(let value, let attr, _):
            let receiver = try expression(value)
            return try methodCall(receiver, attr, args, keywords, line: line, receiverExpr: value)
        default:
            throw refuse("call", "calling the result of an expression is not translated", at: line)
        }
    }

    // MARK: The note's own functions

    /// Python's argument binding: each argument matched to its parameter by position or keyword.
    func bindArguments(_ info: FunctionInfo, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> [Expr?] {
        let parameters = info.parameters
        var bound: [Expr?] = Array(repeating: nil, count: parameters.count)
        if info.def.args.vararg != nil {
            throw refuse("\(info.name)(*args)", "a function with `*args` is not translated", at: line)
        }
        guard args.count <= parameters.count else {
            throw refuse("\(info.name)(…)", "\(args.count) arguments for \(parameters.count) parameters", at: line)
        }
        for (index, arg) in args.enumerated() { bound[index] = arg }
        for keyword in keywords {
            guard let index = parameters.firstIndex(where: { $0.arg == keyword.arg }) else {
                throw refuse("\(info.name)(\(keyword.arg ?? "")=…)", "no parameter named `\(keyword.arg ?? "")`", at: line)
            }
            bound[index] = keyword.value
        }
        for (index, value) in bound.enumerated() where value == nil && info.defaults[index] == nil {
            throw refuse("\(info.name)(…)", "missing argument `\(parameters[index].arg)`", at: line)
        }
        return bound
    }

    func userCall(_ key: String, _ args: [Expr], _ keywords: [Keyword], receiver: Code?, line: Int) throws -> Code {
        guard let info = state.functions[key] else { throw refuse("call", "unknown function", at: line) }
        let bound = try bindArguments(info, args, keywords, line: line)
        let codes = try bound.map { try $0.map { try expression($0) } }
        let call = try userCall(key, codes, receiver: receiver, line: line)
        // An empty queue or list handed to a function learns its element type from what the function puts in it.
        for (index, argument) in bound.enumerated() {
            guard let argument, let parameterType = state.functions[key]?.parameterTypes[index], parameterType.isKnown,
                  let given = codes[index], !given.type.isKnown else { continue }
            observeContainer(argument, parameterType, line: line)
        }
        return call
    }

    /// `name(a, b, label: c)`: required parameters unlabeled, defaulted ones by label.
    func userCall(_ key: String, _ arguments: [Code?], receiver: Code?, line: Int) throws -> Code {
        guard let info = state.functions[key] else { throw refuse("call", "unknown function", at: line) }
        var parts: [String] = []
        var throwing = info.throwsErrors || receiver?.throwing == true
        let defaults = info.defaults
        for (index, argument) in arguments.enumerated() {
            guard let argument else { continue }
            state.observeArgument(function: key, index: index, argument.type, line: line)
            let parameterType = state.functions[key]!.parameterTypes[index]
            let converted = try coerce(argument, to: parameterType, line: line)
            throwing = throwing || converted.throwing
            let label = defaults[index] == nil ? "" : SwiftNames.identifier(info.parameters[index].arg) + ": "
            parts.append(label + converted.text)
        }
        let callee = receiver.map { "\($0.operand(Precedence.atom)).\(info.swiftName)" } ?? info.swiftName
        if info.isAsync {
            return Code("\(callee)(\(parts.joined(separator: ", ")))", .coroutine(info.returnType))
        }
        return Code("\(callee)(\(parts.joined(separator: ", ")))", info.returnType, throwing: throwing)
    }

    func constructorCall(_ name: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        guard let info = state.classes[name] else { throw refuse(name, "unknown class", at: line) }
        if let initKey = info.methods["__init__"] {
            let call = try userCall(initKey, args, keywords, receiver: nil, line: line)
            let arguments = call.text.drop { $0 != "(" }
            return Code(info.swiftName + arguments, .instance(name), throwing: call.throwing)
        }
        guard args.isEmpty && keywords.isEmpty else {
            throw refuse("\(name)(…)", "arguments for a class without `__init__`", at: line)
        }
        return Code("\(info.swiftName)()", .instance(name))
    }

    /// A call of a note function or lambda on values known only as Swift text (a closure's parameter).
    func callable(_ function: Expr, arguments: [Code], line: Int) throws -> Code {
        switch function.kind {
        case .name(let id, _):
            if case .function(let key)? = session.bindings[id], parameters[id] == nil {
                return try userCall(key, arguments.map { Optional($0) } + Array(repeating: nil, count: max(0, (state.functions[key]?.parameters.count ?? 0) - arguments.count)), receiver: nil, line: line)
            }
            if session.bindings[id] == nil, arguments.count == 1 {
                switch id {
                case "str": return try textOf(arguments[0], line: line)
                case "int": return try builtinConversion("int", arguments[0], line: line)
                case "float": return try builtinConversion("float", arguments[0], line: line)
                case "abs": return Code("abs(\(arguments[0].text))", arguments[0].type)
                case "len": return Code("\(arguments[0].operand(Precedence.atom)).count", .int)
                default: break
                }
            }
            throw refuse(id, "cannot pass `\(id)` as a function here", at: line)
        case .lambda(let args, let body):
            let names = args.args.map(\.arg)
            guard names.count == arguments.count, args.vararg == nil, args.kwarg == nil else {
                throw refuse("lambda", "a lambda with \(names.count) parameters called with \(arguments.count)", at: line)
            }
            var scope: [String: Code] = [:]
            for (name, argument) in zip(names, arguments) { scope[name] = argument }
            boundScopes.append(scope)
            defer { boundScopes.removeLast() }
            return try expression(body)
        default:
            throw refuse("function value", "pass a function by name or a lambda", at: line)
        }
    }

    /// `{ x in f(x) }` for `map`, `filter`, `sorted(key=)`, `executor.map`, with the element type given.
    func closure(_ function: Expr, elementTypes: [PyType], names: [String] = ["item"], line: Int) throws -> (text: String, result: Code) {
        var parameterNames = names
        if case .lambda(let args, _) = function.kind {
            parameterNames = args.args.map { SwiftNames.identifier($0.arg) }
        } else if case .name(let id, _) = function.kind, case .function(let key)? = session.bindings[id],
                  let info = state.functions[key] {
            parameterNames = info.parameters.prefix(elementTypes.count).map { SwiftNames.identifier($0.arg) }
        }
        while parameterNames.count < elementTypes.count { parameterNames.append("item\(parameterNames.count)") }
        let arguments = zip(parameterNames, elementTypes).map { Code($0, $1) }
        let result = try callable(function, arguments: arguments, line: line)
        let parameterList = parameterNames.prefix(elementTypes.count).joined(separator: ", ")
        return ("{ \(parameterList) in \(result.throwing ? "try " : "")\(result.text) }", result)
    }
}
