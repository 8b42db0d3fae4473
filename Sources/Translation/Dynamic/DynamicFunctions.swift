import PythonFrontEnd

/// `def`, `lambda` and `class` as function and class objects: the body is a Swift closure over
/// the call's bound arguments; defaults and decorators are evaluated where the `def` runs.
extension DynamicLowering {
    func functionDefinition(_ def: FunctionDef, isAsync: Bool, line: Int, into writer: inout SwiftWriter) throws {
        var code = try functionValue(def, isAsync: isAsync, line: line)
        for decorator in def.decoratorList.reversed() {
            let decoratorCode = try value(decorator)
            code = DynamicCode("\(decoratorCode.receiver)(\(code.text))")
        }
        try assignName(def.name, code, line: line, into: &writer)
    }

    /// The signature's text; its defaults are evaluated in the enclosing scope.
    func signature(_ args: Arguments, line: Int) throws -> (text: String, throwing: Bool) {
        let positional = args.posonlyargs + args.args
        var parts = ["[" + positional.map { SwiftNames.stringLiteral($0.arg) }.joined(separator: ", ") + "]"]
        var throwing = false
        if !args.defaults.isEmpty {
            let defaults = try args.defaults.map { try value($0) }
            throwing = defaults.contains { $0.throwing }
            parts.append("defaults: [\(defaults.map(\.text).joined(separator: ", "))]")
        }
        if let vararg = args.vararg { parts.append("varargs: \(SwiftNames.stringLiteral(vararg.arg))") }
        if !args.kwonlyargs.isEmpty {
            parts.append("keywordOnly: [\(args.kwonlyargs.map { SwiftNames.stringLiteral($0.arg) }.joined(separator: ", "))]")
            var defaults: [String] = []
            for (parameter, defaultExpr) in zip(args.kwonlyargs, args.kwDefaults) {
                guard let defaultExpr else { continue }
                let code = try value(defaultExpr)
                throwing = throwing || code.throwing
                defaults.append("\(SwiftNames.stringLiteral(parameter.arg)): \(code.text)")
            }
            if !defaults.isEmpty { parts.append("keywordDefaults: [\(defaults.joined(separator: ", "))]") }
        }
        if let kwarg = args.kwarg { parts.append("varkw: \(SwiftNames.stringLiteral(kwarg.arg))") }
        if !args.posonlyargs.isEmpty { parts.append("positionalOnlyCount: \(args.posonlyargs.count)") }
        if parts == ["[]"] { return ("PySignature()", throwing) }
        return ("PySignature(\(parts.joined(separator: ", ")))", throwing)
    }

    /// The parameters in the order the runtime hands them to the body.
    static func parameterOrder(_ args: Arguments) -> [String] {
        (args.posonlyargs + args.args).map(\.arg) + (args.vararg.map { [$0.arg] } ?? [])
            + args.kwonlyargs.map(\.arg) + (args.kwarg.map { [$0.arg] } ?? [])
    }

    func functionValue(_ def: FunctionDef, isAsync: Bool, line: Int) throws -> DynamicCode {
        let signature = try self.signature(def.args, line: line)
        let parameters = Self.parameterOrder(def.args)
        let facts = DynamicScopeFacts.of(def.body, parameters: parameters)
        if isAsync && facts.containsYield {
            throw refuse("async def \(def.name)", "asynchronous generators are not in the runtime yet", at: line)
        }
        let enclosingClass = scope.kind == .classBody ? scope.methodClass : nil
        let functionScope = enter(.function, facts: facts, parameters: parameters)
        defer { leave() }
        functionScope.methodClass = enclosingClass
        if let first = parameters.first, !(def.args.posonlyargs + def.args.args).isEmpty {
            functionScope.firstParameter = functionScope.swiftNames[first]
        }
        var body = SwiftWriter()
        let bindings = parameterBindings(parameters, facts: facts, scope: functionScope)
        for text in bindings { body.line(text) }
        let name = SwiftNames.stringLiteral(def.name)
        if facts.containsYield {
            functionScope.generatorName = "generator"
            var inner = SwiftWriter()
            declareVariables(into: &inner)
            let leaves = try block(def.body, into: &inner)
            if !leaves { inner.line("return .none") }
            body.line("return PyObject.generator(\(name)) { generator in")
            body.indented { $0.append(Self.withLineSlot(inner)) }
            body.line("}")
        } else {
            if isAsync { functionScope.coroutineName = "coroutine" }
            var statements = SwiftWriter()
            declareVariables(into: &statements)
            let leaves = try block(def.body, into: &statements)
            if !leaves { statements.line("return .none") }
            body.append(Self.withLineSlot(statements))
        }
        let usesArguments = !bindings.isEmpty
        let header: String
        if isAsync {
            header = "PyObject.coroutineFunction(\(name), \(signature.text)) { \(usesArguments ? "arguments" : "_"), coroutine in"
        } else if let doc = Self.docstring(def.body) {
            header = "PyObject.function(\(name), \(signature.text), doc: \(SwiftNames.stringLiteral(doc)), cell: \(cell)) { \(usesArguments ? "arguments" : "_") in"
        } else {
            header = "PyObject.function(\(name), \(signature.text), cell: \(cell)) { \(usesArguments ? "arguments" : "_") in"
        }
        var text = SwiftWriter()
        text.line(header)
        text.indented { $0.append(body) }
        text.line("}")
        return DynamicCode(text.text.trimmingTrailingNewline(), throwing: signature.throwing)
    }

    /// `let name = arguments[0]` for each parameter the body reads (`var` when it rebinds it).
    func parameterBindings(_ parameters: [String], facts: DynamicScopeFacts, scope: LoweringScope) -> [String] {
        var lines: [String] = []
        for (index, parameter) in parameters.enumerated() {
            // `super()` reads the first parameter.
            let readBySuper = index == 0 && scope.methodClass != nil && facts.allReads.contains("super")
            guard facts.isRead(parameter) || facts.nestedRebinds.contains(parameter) || readBySuper else { continue }
            let mutable: Bool
            if case .parameter(let flag)? = scope.storage[parameter] { mutable = flag } else { mutable = false }
            lines.append("\(mutable ? "var" : "let") \(scope.swiftNames[parameter]!) = arguments[\(index)]")
        }
        return lines
    }

    func lambda(_ args: Arguments, _ body: Expr, line: Int) throws -> DynamicCode {
        let signature = try self.signature(args, line: line)
        let parameters = Self.parameterOrder(args)
        let facts = DynamicScopeFacts.of(expression: body, parameters: parameters)
        if facts.containsYield { throw refuse("lambda", "a lambda containing `yield`", at: line) }
        let lambdaScope = enter(.lambda, facts: facts, parameters: parameters, mutableParameters: false)
        defer { leave() }
        let bindings = parameterBindings(parameters, facts: facts, scope: lambdaScope)
        var statements = bindings
        var declarations = SwiftWriter()
        declareVariables(into: &declarations)
        // A lambda's body is an expression: its one line is set as the call starts.
        statements = ["Py.line(\(cellLine(line)))"] + declarations.lines + statements
        let result = try value(body)
        let argumentsName = bindings.isEmpty ? "_" : "arguments"
        if result.text.contains("\n") {
            var text = SwiftWriter()
            text.line("PyObject.function(\"<lambda>\", \(signature.text), cell: \(cell)) { \(argumentsName) in")
            text.indented { writer in
                for statement in statements { writer.line(statement) }
                writer.lines("return \(tryText(result))\(result.text)")
            }
            text.line("}")
            return DynamicCode(text.text.trimmingTrailingNewline(), throwing: signature.throwing)
        }
        let bodyText = (statements + ["return \(tryText(result))\(result.text)"]).joined(separator: "; ")
        let single = statements.isEmpty ? "\(tryText(result))\(result.text)" : bodyText
        return DynamicCode("PyObject.function(\"<lambda>\", \(signature.text), cell: \(cell)) { \(argumentsName) in \(single) }", throwing: signature.throwing)
    }

    // MARK: Classes

    func classDefinition(_ def: ClassDef, line: Int, into writer: inout SwiftWriter) throws {
        let bases = try sequenceElements(def.bases)
        let keywords = try def.keywords.map { keyword -> String in
            guard let name = keyword.arg else { throw refuse("class \(def.name)(**…)", "class keywords spread from a mapping are not translated", at: line) }
            return "(\(SwiftNames.stringLiteral(name)), \(try value(keyword.value).text))"
        }
        let classObject = try classObjectName(def.name, line: line)
        let facts = DynamicScopeFacts.of(def.body)
        let classScope = enter(.classBody, facts: facts)
        classScope.methodClass = classObject
        var body = SwiftWriter()
        let annotated = def.body.contains { if case .annAssign(let t, _, _, _) = $0.kind, case .name = t.kind { true } else { false } }
        if let doc = Self.docstring(def.body) {
            body.line("namespace[\"__doc__\"] = \(SwiftNames.stringLiteral(doc))")
        }
        if annotated {
            body.line("let annotations = try PyObject.dict([])")
            body.line("namespace[\"__annotations__\"] = annotations")
        }
        do {
            defer { leave() }
            try block(def.body, into: &body)
        }
        var arguments = [SwiftNames.stringLiteral(def.name)]
        if !def.bases.isEmpty { arguments.append("bases: \(bases.plain.map { "[\($0)]" } ?? bases.spliced)") }
        if !keywords.isEmpty { arguments.append("keywords: [\(keywords.joined(separator: ", "))]") }
        var text = SwiftWriter()
        text.line("PyObject.makeClass(\(arguments.joined(separator: ", "))) { \(body.lines.isEmpty ? "_" : "namespace") in")
        text.indented { $0.append(body) }
        text.line("}")
        var code = DynamicCode(text.text.trimmingTrailingNewline())
        for decorator in def.decoratorList.reversed() {
            let decoratorCode = try value(decorator)
            code = DynamicCode("\(decoratorCode.receiver)(\(code.text))")
        }
        try assignName(def.name, code, line: line, into: &writer)
    }

    /// A body's docstring: its first statement when that is a string literal, as CPython's `__doc__`.
    static func docstring(_ body: [Stmt]) -> String? {
        guard let first = body.first, case .expr(let value) = first.kind, case .constant(.string(let text, _)) = value.kind else { return nil }
        return text
    }

    /// The Swift variable that will hold the class, for `super()` in its methods.
    private func classObjectName(_ name: String, line: Int) throws -> String? {
        switch try resolve(name, line: line, forStore: true) {
        case .local(let owner, let swift):
            return owner.storage[name] == .letAtStore || owner.storage[name] == .discarded ? nil : swift
        case .global(let swift): return swift
        case .namespace(let name): return "namespace[\(SwiftNames.stringLiteral(name))]!"
        case .value: return nil
        }
    }
}

extension String {
    func trimmingTrailingNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}
