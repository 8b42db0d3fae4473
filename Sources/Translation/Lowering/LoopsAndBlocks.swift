import PythonFrontEnd

extension BodyTranslator {
    // MARK: Loops

    /// A loop, and its `else` when it has one: Swift has no `for … else`, so a flag that every
    /// `break` of this loop clears decides whether the `else` block runs.
    func translateLoop(_ orelse: [Stmt], into writer: inout SwiftWriter, _ loop: (inout SwiftWriter) throws -> Void) throws {
        var flag: String?
        if !orelse.isEmpty {
            let taken = Set(locals.variables.map(\.swiftName)).union(parameters.values.map(\.text))
                .union(loopFlagsUsed)
            var candidate = "completed"
            var number = 1
            while taken.contains(candidate) {
                number += 1
                candidate = "completed\(number)"
            }
            flag = candidate
            loopFlagsUsed.insert(candidate)
        }
        loopElseFlags.append((flag, false))
        var loopText = SwiftWriter()
        let breaks: Bool
        do {
            defer { loopElseFlags.removeLast() }
            try loop(&loopText)
            breaks = loopElseFlags.last?.breaks == true
        }
        guard let flag else {
            writer.append(loopText)
            return
        }
        guard breaks else {
            // No `break` leaves this loop early: its `else` always runs.
            loopFlagsUsed.remove(flag)
            writer.append(loopText)
            try translateBlock(orelse, into: &writer)
            return
        }
        writer.line("var \(flag) = true")
        writer.append(loopText)
        writer.line("if \(flag) {")
        var elseText = SwiftWriter()
        try translateBlock(orelse, into: &elseText)
        writer.append(indented: elseText)
        writer.line("}")
    }

    func translateFor(_ target: Expr, _ iter: Expr, _ body: [Stmt], line: Int, into writer: inout SwiftWriter) throws {
        if case .call(let function, let args, _) = iter.kind, try qualifiedName(function) == "asyncio.as_completed",
           let awaitables = args.first {
            try translateAsCompletedLoop(target, awaitables, body, line: line, into: &writer)
            return
        }
        let source = try iteration(iter, line: line)
        let used = NameOccurrences.of(body).loads
        var bound: [String: Code] = [:]
        let pattern = try bindPattern(target, type: source.element, used: used, into: &bound, line: line)
        boundScopes.append(bound)
        loopDepth += 1
        defer {
            boundScopes.removeLast()
            loopDepth -= 1
        }
        // A trailing closure right before the loop's body would read as that body.
        let sequence = source.code.text.hasSuffix("}") ? "(\(source.code.text))" : source.code.text
        try writer.block("for \(pattern) in \(tryPrefix(source.code))\(sequence)") { inner in
            try translateBlock(body, into: &inner)
        }
    }

    /// A loop target as a Swift pattern (`i`, `(index, name)`, `_`), binding its names.
    func bindPattern(_ target: Expr, type: PyType, used: Set<String>, into bound: inout [String: Code], line: Int) throws -> String {
        switch target.kind {
        case .name(let id, _):
            bound[id] = Code(SwiftNames.identifier(id), type)
            return used.contains(id) ? SwiftNames.identifier(id) : "_"
        case .tuple(let elts, _), .list(let elts, _):
            var types: [PyType]
            if case .tuple(let elementTypes) = type, elementTypes.count == elts.count {
                types = elementTypes
            } else if type == .unknown && !state.isFinal {
                types = Array(repeating: .unknown, count: elts.count)
            } else {
                throw refuse("unpacking", "unpack a tuple of \(elts.count) values (this is a \(type.pythonName))", at: line)
            }
            let parts = try zip(elts, types).map { try bindPattern($0, type: $1, used: used, into: &bound, line: line) }
            return "(" + parts.joined(separator: ", ") + ")"
        default:
            throw refuse("loop target", "loop over plain names", at: line)
        }
    }

    /// What a `for` (or a comprehension) iterates, and the type of each element.
    func iteration(_ iter: Expr, line: Int) throws -> (code: Code, element: PyType) {
        if case .call(let function, let args, let keywords) = iter.kind, case .name(let id, _) = function.kind,
           session.bindings[id] == nil, parameters[id] == nil {
            switch id {
            case "range":
                return (try rangeExpression(args, line: line), .int)
            case "enumerate":
                guard let first = args.first else { break }
                let sequence = try expression(first)
                let start = try (args.count > 1 ? args[1] : keywords.first { $0.arg == "start" }?.value).map { try expression($0) }
                let element = PyType.tuple([.int, sequence.type.iterationElement])
                if let start, start.text != "0" {
                    return (Code("zip(\(start.operand(Precedence.additive))..., \(sequence.text))", .list(element),
                                 throwing: sequence.throwing || start.throwing), element)
                }
                return (Code("\(sequence.operand(Precedence.atom)).enumerated()", .list(element), throwing: sequence.throwing), element)
            case "reversed":
                guard let first = args.first else { break }
                if case .call(let inner, let innerArgs, _) = first.kind, case .name("range", _) = inner.kind {
                    let range = try rangeExpression(innerArgs, line: line)
                    return (Code("\(range.operand(Precedence.atom)).reversed()", .list(.int)), .int)
                }
                let sequence = try expression(first)
                return (Code("\(sequence.operand(Precedence.atom)).reversed()", sequence.type, throwing: sequence.throwing),
                        sequence.type.iterationElement)
            default:
                break
            }
        }
        if case .call(let function, let args, _) = iter.kind, args.isEmpty, case .attribute(let object, "items", _) = function.kind {
            let dict = try expression(object)
            if case .dict(let key, let value) = dict.type {
                let element = PyType.tuple([key, value])
                return (Code("\(dict.operand(Precedence.atom)).items", .list(element), throwing: dict.throwing), element)
            }
        }
        let code = try expression(iter)
        switch code.type {
        case .dict(let key, _):
            return (Code("\(code.operand(Precedence.atom)).keys", .list(key), throwing: code.throwing), key)
        case .str:
            // Swift iterates a string's Characters; Python's elements are one-character strs.
            return (Code("\(code.operand(Precedence.atom)).map(String.init)", .list(.str), throwing: code.throwing), .str)
        case .unknown where !state.isFinal:
            return (code, .unknown)
        default:
            let element = code.type.iterationElement
            guard element != .unknown || !state.isFinal else {
                throw refuse("for", "cannot iterate a \(code.type.pythonName)", at: line)
            }
            return (code, element)
        }
    }

    func rangeExpression(_ args: [Expr], line: Int) throws -> Code {
        let bounds = try args.map { try coerce(expression($0), to: .int, line: line) }
        let throwing = bounds.contains { $0.throwing }
        switch bounds.count {
        case 1:
            return Code("0..<\(bounds[0].operand(Precedence.additive))", .range, precedence: Precedence.range, throwing: throwing)
        case 2:
            return Code("\(bounds[0].operand(Precedence.additive))..<\(bounds[1].operand(Precedence.additive))", .range,
                        precedence: Precedence.range, throwing: throwing)
        case 3:
            return Code("stride(from: \(bounds[0].text), to: \(bounds[1].text), by: \(bounds[2].text))", .range, throwing: throwing)
        default:
            throw refuse("range", "range takes one to three arguments", at: line)
        }
    }

    // MARK: try

    func translateTry(_ block: TryBlock, line: Int, into writer: inout SwiftWriter) throws {
        let throwSitesBefore = throwSites
        var body = SwiftWriter()
        let hasCatchAll = block.handlers.contains { $0.type == nil }
        if hasCatchAll { catchAllDepth += 1 }
        caughtAround.append(Set(block.handlers.flatMap { handler -> [String] in
            guard let type = handler.type else { return ["*"] }
            switch type.kind {
            case .name(let id, _): return [id]
            case .tuple(let elts, _): return elts.compactMap { if case .name(let id, _) = $0.kind { id } else { nil } }
            default: return []
            }
        }))
        do {
            defer { caughtAround.removeLast() }
            try translateBlock(block.body, into: &body)
        }
        if !block.orelse.isEmpty {
            let before = throwSites
            try translateBlock(block.orelse, into: &body)
            if throwSites != before {
                throw refuse("try … else", "an `else` that can raise is not translated", at: line)
            }
        }
        if hasCatchAll { catchAllDepth -= 1 }
        let bodyThrows = throwSites != throwSitesBefore
        var handlers = SwiftWriter()
        if bodyThrows {
            for handler in block.handlers {
                try translateHandler(handler, into: &handlers)
            }
        } else if !block.handlers.isEmpty {
            note("nothing in this `try` can raise in Swift, so its `except` is left out", at: line)
        }
        var tryBlock = SwiftWriter()
        if bodyThrows && !block.handlers.isEmpty {
            tryBlock.line("do {")
            tryBlock.append(indented: body)
            for text in handlers.lines { tryBlock.line(text) }
            tryBlock.line("}")
        } else {
            tryBlock = body
        }
        guard !block.finalbody.isEmpty else {
            writer.append(tryBlock)
            return
        }
        let before = throwSites
        var finalBody = SwiftWriter()
        try translateBlock(block.finalbody, into: &finalBody)
        if throwSites != before {
            throw refuse("finally", "a `finally` that can raise is not translated", at: line)
        }
        writer.line("do {")
        writer.line("    defer {")
        for text in finalBody.lines { writer.line(text.isEmpty ? "" : "        " + text) }
        writer.line("    }")
        writer.append(indented: tryBlock)
        writer.line("}")
    }

    private func translateHandler(_ handler: ExceptHandler, into writer: inout SwiftWriter) throws {
        let line = handler.range.start.line
        let name = handler.name.map(SwiftNames.identifier) ?? "error"
        var header: String
        if let type = handler.type {
            var names: [String]
            switch type.kind {
            case .name(let id, _): names = [id]
            case .attribute:
                let qualified = try qualifiedName(type) ?? ""
                let known = ["queue.Empty": "_queue.Empty", "queue.Full": "queue.Full",
                             "asyncio.TimeoutError": "TimeoutError", "concurrent.futures.TimeoutError": "TimeoutError",
                             "threading.BrokenBarrierError": "threading.BrokenBarrierError",
                             "asyncio.CancelledError": "asyncio.exceptions.CancelledError"]
                guard let name = known[qualified] else { throw refuse("except \(qualified)", "only built-in exceptions are caught in translated code", at: line) }
                names = [name]
            case .tuple(let elts, _):
                names = try elts.map { element in
                    guard case .name(let id, _) = element.kind else { throw refuse("except", "name the exception classes", at: line) }
                    return id
                }
            default: throw refuse("except", "name the exception classes", at: line)
            }
            for id in names where !BuiltinNames.exceptions.contains(id) && !id.contains(".") && id != "TimeoutError" {
                throw refuse("except \(id)", "only built-in exceptions are caught in translated code", at: line)
            }
            let caught = names.flatMap { BuiltinNames.exceptionFamilies[$0] ?? [$0] }
            if names.contains("Exception") || names.contains("BaseException") {
                header = "} catch let \(name) as PythonError {"
            } else if caught.count == 1 {
                header = "} catch let \(name) as PythonError where \(name).type == \(SwiftNames.stringLiteral(caught[0])) {"
            } else {
                let list = caught.map(SwiftNames.stringLiteral).joined(separator: ", ")
                header = "} catch let \(name) as PythonError where [\(list)].contains(\(name).type) {"
            }
            if handler.name == nil && (names.contains("Exception") || names.contains("BaseException")) {
                header = "} catch is PythonError {"
            }
        } else {
            header = "} catch {"
        }
        writer.line(header)
        var scope: [String: Code] = ["__caught__": Code(handler.name.map(SwiftNames.identifier) ?? "error", .exception)]
        if let bound = handler.name { scope[bound] = Code(SwiftNames.identifier(bound), .exception) }
        boundScopes.append(scope)
        defer { boundScopes.removeLast() }
        var body = SwiftWriter()
        try translateBlock(handler.body, into: &body)
        writer.append(indented: body)
    }

    // MARK: with

    func translateWith(_ items: [WithItem], _ body: [Stmt], line: Int, into writer: inout SwiftWriter) throws {
        guard items.count == 1, let item = items.first else {
            throw refuse("with", "one context manager per `with`", at: line)
        }
        let manager = try expression(item.contextExpr)
        switch manager.type {
        case .executor:
            try translateClosingBlock(item, manager, closing: "shutdown", naming: "name the executor: `with … as executor:`",
                                      body, line: line, into: &writer)
        case .sync:
            guard item.optionalVars == nil else { throw refuse("with … as", "a lock needs no name in `with`", at: line) }
            try translateLockedBlock(manager, body, line: line, into: &writer)
        case .processPool:
            try translateClosingBlock(item, manager, closing: "terminate", naming: "name the pool: `with Pool(…) as pool:`",
                                      body, line: line, into: &writer)
        case .unknown where !state.isFinal:
            try translateBlock(body, into: &writer)
        default:
            throw refuse("with", "a `with` over a \(manager.type.pythonName) is not translated", at: line)
        }
    }

    /// `with Pool() as pool:` and `with ThreadPoolExecutor() as executor:`: a `do` block whose `defer` closes
    /// what Python's `__exit__` would.
    private func translateClosingBlock(_ item: WithItem, _ manager: Code, closing: String, naming: String,
                                       _ body: [Stmt], line: Int, into writer: inout SwiftWriter) throws {
        guard let target = item.optionalVars, case .name(let id, _) = target.kind else {
            throw refuse("with", naming, at: line)
        }
        let swiftName = SwiftNames.identifier(id)
        writer.line("do {")
        var inner = SwiftWriter()
        inner.line("let \(swiftName) = \(manager.text)")
        inner.line("defer { \(swiftName).\(closing)() }")
        boundScopes.append([id: Code(swiftName, manager.type)])
        defer { boundScopes.removeLast() }
        try translateBlock(body, into: &inner)
        writer.append(indented: inner)
        writer.line("}")
    }
}
