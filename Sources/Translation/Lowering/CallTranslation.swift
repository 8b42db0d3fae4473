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
        let spreads = args.contains { if case .starred = $0.kind { true } else { false } } || keywords.contains { $0.arg == nil }
        if !spreadsAwaitables, spreads, !callsNoteFunction(function) {
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

    /// A call of a `def` or a method of the note, whose argument binding knows `*args`.
    private func callsNoteFunction(_ function: Expr) -> Bool {
        switch function.kind {
        case .name(let id, _):
            if boundScopes.contains(where: { $0[id] != nil }) || parameters[id] != nil { return false }
            if case .function? = session.bindings[id] { return true }
            if case .class? = session.bindings[id] { return true }
            return false
        case .attribute(let value, _, _):
            if let type = try? expression(value).type, case .instance = type { return true }
            return false
        default:
            return false
        }
    }

    /// A call's arguments matched to the function's parameters as Python binds them.
    struct BoundArguments {
        /// One entry per parameter (positional, then keyword-only); nil: its default.
        var slots: [Expr?]
        /// Positional arguments past the named parameters: they fill `*args`.
        var extra: [Expr] = []
        /// `*xs` spread into `*args`, after the `extra` ones.
        var spread: Expr?
    }

    /// Python's argument binding: each argument matched to its parameter by position or keyword;
    /// surplus positionals and one trailing `*xs` go to `*args`.
    func bindArguments(_ info: FunctionInfo, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> BoundArguments {
        let parameters = info.parameters
        var bound = BoundArguments(slots: Array(repeating: nil, count: parameters.count))
        let hasVararg = info.def.args.vararg != nil
        for (position, arg) in args.enumerated() {
            if case .starred(let value, _) = arg.kind {
                guard hasVararg, position == args.count - 1, position >= info.positionalCount else {
                    throw refuse("\(info.name)(*…)", hasVararg
                        ? "spreading a sequence is translated only into `*args`, as the last positional argument"
                        : "spreading a sequence into named parameters is not translated", at: line)
                }
                bound.spread = value
            } else if position < info.positionalCount {
                bound.slots[position] = arg
            } else if hasVararg {
                bound.extra.append(arg)
            } else {
                throw refuse("\(info.name)(…)", "\(args.count) arguments for \(info.positionalCount) parameters", at: line)
            }
        }
        for keyword in keywords {
            guard let index = parameters.firstIndex(where: { $0.arg == keyword.arg }) else {
                throw refuse("\(info.name)(\(keyword.arg ?? "**")=…)", keyword.arg == nil
                    ? "spreading a dict into keyword arguments is not translated"
                    : "no parameter named `\(keyword.arg ?? "")`", at: line)
            }
            bound.slots[index] = keyword.value
        }
        for (index, value) in bound.slots.enumerated() where value == nil && info.defaults[index] == nil {
            throw refuse("\(info.name)(…)", "missing argument `\(parameters[index].arg)`", at: line)
        }
        return bound
    }

    func userCall(_ key: String, _ args: [Expr], _ keywords: [Keyword], receiver: Code?, line: Int) throws -> Code {
        guard let info = state.functions[key] else { throw refuse("call", "unknown function", at: line) }
        let bound = try bindArguments(info, args, keywords, line: line)
        let codes = try bound.slots.map { try $0.map { try expression($0) } }
        let extra = try bound.extra.map { try expression($0) }
        let spread = try bound.spread.map { try expression($0) }
        let call = try userCall(key, codes, extra: extra, spread: spread, receiver: receiver, line: line)
        // An empty queue or list handed to a function learns its element type from what the function puts in it.
        for (index, argument) in bound.slots.enumerated() {
            guard let argument, let parameterType = state.functions[key]?.parameterTypes[index], parameterType.isKnown,
                  let given = codes[index], !given.type.isKnown else { continue }
            observeContainer(argument, parameterType, line: line)
        }
        return call
    }

    /// `name(a, b, label: c)`: required positional parameters unlabeled, defaulted and keyword-only
    /// ones by label; `*args` as a variadic list, or one array when some call spreads a sequence.
    func userCall(_ key: String, _ arguments: [Code?], extra: [Code] = [], spread: Code? = nil, receiver: Code?, line: Int) throws -> Code {
        guard let info = state.functions[key] else { throw refuse("call", "unknown function", at: line) }
        var parts: [String] = []
        var throwing = info.throwsErrors || receiver?.throwing == true
        for (index, argument) in arguments.enumerated() where index < info.positionalCount {
            guard let argument else { continue }
            let converted = try convertArgument(argument, key: key, index: index, line: line)
            throwing = throwing || converted.throwing
            let label = info.isLabeled(index) ? SwiftNames.identifier(info.parameters[index].arg) + ": " : ""
            parts.append(label + converted.text)
        }
        if info.def.args.vararg != nil {
            let varargs = try varargText(key, extra: extra, spread: spread, line: line)
            throwing = throwing || varargs.throwing
            if !varargs.text.isEmpty { parts.append(varargs.text) }
        }
        for (index, argument) in arguments.enumerated() where index >= info.positionalCount {
            guard let argument else { continue }
            let converted = try convertArgument(argument, key: key, index: index, line: line)
            throwing = throwing || converted.throwing
            parts.append(SwiftNames.identifier(info.parameters[index].arg) + ": " + converted.text)
        }
        let callee = receiver.map { "\($0.operand(Precedence.atom)).\(info.swiftName)" } ?? info.swiftName
        if info.isAsync {
            return Code("\(callee)(\(parts.joined(separator: ", ")))", .coroutine(info.returnType))
        }
        return Code("\(callee)(\(parts.joined(separator: ", ")))", info.returnType, throwing: throwing)
    }

    private func convertArgument(_ argument: Code, key: String, index: Int, line: Int) throws -> Code {
        state.observeArgument(function: key, index: index, argument.type, line: line)
        return try coerce(argument, to: state.functions[key]!.parameterTypes[index], line: line)
    }

    /// What fills `*args`: the extra arguments one by one for a variadic parameter; for an array
    /// parameter, `[a, b]`, the spread sequence itself, or both joined.
    private func varargText(_ key: String, extra: [Code], spread: Code?, line: Int) throws -> Code {
        for code in extra { state.observeVararg(function: key, code.type, line: line) }
        if let spread {
            let element = spread.type.iterationElement
            guard element != .unknown || !state.isFinal else {
                throw refuse("*", "cannot spread a \(spread.type.pythonName) into `*args`", at: line)
            }
            state.observeVararg(function: key, element, line: line)
            state.markVarargTakesArray(function: key)
        }
        let info = state.functions[key]!
        let converted = try extra.map { try coerce($0, to: info.varargType, line: line) }
        let throwing = converted.contains { $0.throwing } || spread?.throwing == true
        let list = converted.map(\.text).joined(separator: ", ")
        guard info.varargTakesArray else { return Code(list, .list(info.varargType), throwing: throwing) }
        guard let spread else { return Code("[\(list)]", .list(info.varargType), throwing: throwing) }
        let sequence: String
        switch spread.type {
        case .list: sequence = spread.text
        default: sequence = "Array(\(spread.text))"
        }
        if converted.isEmpty { return Code(sequence, .list(info.varargType), throwing: throwing) }
        return Code("[\(list)] + \(sequence)", .list(info.varargType), throwing: throwing)
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
            if case .function(let key)? = session.bindings[id], parameters[id] == nil, let info = state.functions[key] {
                let named = Array(arguments.prefix(info.positionalCount))
                let extra = Array(arguments.dropFirst(info.positionalCount))
                guard extra.isEmpty || info.def.args.vararg != nil else {
                    throw refuse(id, "`\(id)` takes \(info.positionalCount) arguments, not \(arguments.count)", at: line)
                }
                let slots = named.map { Optional($0) } + Array(repeating: nil, count: info.parameters.count - named.count)
                return try userCall(key, slots, extra: extra, receiver: nil, line: line)
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
    /// `names` are the closure's own parameters when the caller needs them fixed (`sorted`'s
    /// comparator uses the key on `a` and on `b`); otherwise the function's parameters name them.
    func closure(_ function: Expr, elementTypes: [PyType], names: [String]? = nil, line: Int) throws -> (text: String, result: Code) {
        var parameterNames = names ?? ["item"]
        if names == nil, case .lambda(let args, _) = function.kind {
            parameterNames = args.args.map { SwiftNames.identifier($0.arg) }
        } else if names == nil, case .name(let id, _) = function.kind, case .function(let key)? = session.bindings[id],
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
