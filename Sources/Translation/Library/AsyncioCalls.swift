import PythonFrontEnd

/// asyncio on the support library's event loop: coroutines are `async throws` functions, and each
/// awaitable handed to asyncio becomes a closure `{ try await … }`.
extension BodyTranslator {
    func awaitExpression(_ value: Expr, line: Int) throws -> Code {
        guard closureDepth == 0 else {
            throw refuse("await", "an `await` inside a comprehension or lambda is not translated", at: line)
        }
        let code = try expression(value)
        if case .awaited(let type) = code.type { return Code(code.text, type) }
        pendingAwait = true
        var result: Code
        switch code.type {
        case .coroutine(let type):
            result = Code(code.text, type, precedence: code.precedence)
        case .task(let type):
            result = Code("\(code.operand(Precedence.atom)).value", type)
        case .awaited(let type):
            return Code(code.text, type)
        case .unknown where !state.isFinal:
            result = Code(code.text, .unknown)
        default:
            throw refuse("await", "awaiting a \(code.type.pythonName) is not translated", at: line)
        }
        result.awaiting = true
        result.throwing = true
        return result
    }

    /// `{ try await f(x) }`: an awaitable as the closure the support library runs as a task.
    func asyncClosure(_ code: Code, line: Int) throws -> (text: String, type: PyType) {
        switch code.type {
        case .coroutine(let type): return ("{ try await \(code.text) }", type)
        case .task(let type): return ("{ try await \(code.operand(Precedence.atom)).value }", type)
        case .unknown where !state.isFinal: return ("{ \(code.text) }", .unknown)
        default: throw refuse("awaitable", "a \(code.type.pythonName) is not something asyncio can run", at: line)
        }
    }

    /// `asyncio.gather(*[f(x) for x in xs])` and `gather(*tasks)`: the closures for a list of awaitables.
    func awaitableList(_ expr: Expr, line: Int) throws -> (text: String, type: PyType) {
        if case .listComp(let elt, let generators) = expr.kind, generators.count == 1, generators[0].ifs.isEmpty,
           !generators[0].isAsync {
            let source = try iteration(generators[0].iter, line: line)
            var bound: [String: Code] = [:]
            let pattern = try bindPattern(generators[0].target, type: source.element,
                                          used: Set(NameOccurrences.targetNames(generators[0].target)), into: &bound, line: line)
            boundScopes.append(bound)
            defer { boundScopes.removeLast() }
            let element = try asyncClosure(expression(elt), line: line)
            return ("\(source.code.operand(Precedence.atom)).map { \(pattern) in \(element.text) }", element.type)
        }
        if case .generatorExp(let elt, let generators) = expr.kind {
            return try awaitableList(Expr(.listComp(elt: elt, generators: generators), expr.range), line: line)
        }
        let list = try expression(expr)
        if case .list(.task(let type)) = list.type {
            return ("\(list.operand(Precedence.atom)).map { task in { try await task.value } }", type)
        }
        throw refuse("*", "gather a list of tasks or a comprehension of calls", at: line)
    }

    /// `for coro in asyncio.as_completed(aws): r = await coro` as `for try await coro in …`: each
    /// result arrives already awaited, in the order the awaitables finish.
    func translateAsCompletedLoop(_ target: Expr, _ awaitables: Expr, _ body: [Stmt], line: Int, into writer: inout SwiftWriter) throws {
        guard case .name(let id, _) = target.kind else { throw refuse("as_completed", "loop over one name", at: line) }
        let list: (text: String, type: PyType)
        if case .list(let elts, _) = awaitables.kind {
            var type = PyType.unknown
            var closures: [String] = []
            for element in elts {
                let closure = try asyncClosure(expression(element), line: line)
                type = PyType.join(type, closure.type) ?? type
                closures.append(closure.text)
            }
            list = ("[" + closures.joined(separator: ", ") + "]", type)
        } else {
            list = try awaitableList(awaitables, line: line)
        }
        let swiftName = SwiftNames.identifier(id)
        boundScopes.append([id: Code(swiftName, .awaited(list.type))])
        defer { boundScopes.removeLast() }
        markThrow()
        try writer.block("for try await \(swiftName) in Asyncio.asCompleted(\(list.text))") { inner in
            try translateBlock(body, into: &inner)
        }
    }

    func asyncioCall(_ qualified: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code? {
        switch qualified {
        case "asyncio.run":
            guard let main = args.first else { throw refuse("asyncio.run()", "run needs a coroutine", at: line) }
            let closure = try asyncClosure(expression(main), line: line)
            return Code("Asyncio.run \(closure.text)", closure.type, throwing: true)
        case "asyncio.sleep":
            guard let secondsExpr = args.first ?? keyword("delay", in: keywords) else {
                throw refuse("asyncio.sleep()", "sleep needs a duration", at: line)
            }
            let seconds = try expression(secondsExpr)
            note("`await asyncio.sleep` suspends only its task, as on CPython's event loop; a blocking `time.sleep` in a coroutine would hold up every task, here as there", at: line)
            let duration = seconds.type == .number ? Code("\(seconds.operand(Precedence.atom)).doubleValue", .float) : seconds
            return Code("Asyncio.sleep(\(duration.text))", .coroutine(.none))
        case "asyncio.gather":
            if args.count == 1, case .starred(let value, _) = args[0].kind {
                let list = try awaitableList(value, line: line)
                return Code("Asyncio.gather(\(list.text))", .coroutine(.list(list.type)))
            }
            var type = PyType.unknown
            var closures: [String] = []
            for arg in args {
                let closure = try asyncClosure(expression(arg), line: line)
                guard let joined = PyType.join(type, closure.type) else {
                    throw refuse("asyncio.gather", "gathers coroutines that return different types", at: line)
                }
                type = joined
                closures.append(closure.text)
            }
            return Code("Asyncio.gather(\(closures.joined(separator: ", ")))", .coroutine(.list(type)))
        case "asyncio.create_task", "asyncio.ensure_future":
            guard let coroutine = args.first else { throw refuse("create_task()", "create_task needs a coroutine", at: line) }
            let closure = try asyncClosure(expression(coroutine), line: line)
            let name = try keyword("name", in: keywords).map { "(name: \(try expression($0).text))" } ?? ""
            return Code("Asyncio.createTask\(name) \(closure.text)", .task(closure.type))
        case "asyncio.wait_for":
            guard args.count >= 1 else { throw refuse("wait_for()", "wait_for needs a coroutine", at: line) }
            let closure = try asyncClosure(expression(args[0]), line: line)
            guard let timeout = try (args.count > 1 ? args[1] : keyword("timeout", in: keywords)).map({ try expression($0) }) else {
                throw refuse("wait_for()", "wait_for needs a timeout", at: line)
            }
            let seconds = try coerce(timeout, to: .float, line: line)
            return Code("Asyncio.waitFor(\(seconds.text)) \(closure.text)", .coroutine(closure.type))
        case "asyncio.Event":
            return Code("Asyncio.Event()", .asyncSync("Event"))
        case "asyncio.Semaphore", "asyncio.BoundedSemaphore":
            let value = try args.first.map { try expression($0).text } ?? ""
            return Code("Asyncio.Semaphore(\(value))", .asyncSync("Semaphore"))
        case "asyncio.Lock":
            return Code("Asyncio.Semaphore(1)", .asyncSync("Semaphore"))
        case "asyncio.Queue":
            let maxsize = try (args.first ?? keyword("maxsize", in: keywords)).map { "maxsize: \(try expression($0).text)" } ?? ""
            var code = Code("Asyncio.Queue(\(maxsize))", .asyncQueue(.unknown))
            code.isEmptyLiteral = true
            return code
        case "asyncio.TaskGroup":
            return Code("Asyncio.taskGroup", .taskGroup)
        default:
            return nil
        }
    }

    func asyncioMethod(_ receiver: Code, _ method: String, _ args: [Expr], _ codes: [Code], receiverExpr: Expr?, line: Int) throws -> Code? {
        let target = receiver.operand(Precedence.atom)
        switch (receiver.type, method) {
        case (.asyncSync("Event"), "set"), (.asyncSync("Event"), "clear"):
            return Code("\(target).\(method)()", .none)
        case (.asyncSync("Event"), "is_set"):
            return Code("\(target).isSet", .bool)
        case (.asyncSync("Event"), "wait"):
            return Code("\(target).wait()", .coroutine(.none))
        case (.asyncSync("Semaphore"), "acquire"):
            return Code("\(target).acquire()", .coroutine(.none))
        case (.asyncSync("Semaphore"), "release"):
            return Code("\(target).release()", .none)
        case (.asyncSync("Semaphore"), "locked"):
            return Code("\(target).locked", .bool)
        case (.asyncQueue(let element), "put"), (.asyncQueue(let element), "put_nowait"):
            guard let item = codes.first else { throw refuse("put()", "put needs an item", at: line) }
            if !element.isKnown { observeContainer(receiverExpr, .asyncQueue(item.type), line: line) }
            let converted = try coerce(item, to: element, line: line)
            if method == "put" { return Code("\(target).put(\(converted.text))", .coroutine(.none)) }
            return Code("\(target).putNowait(\(converted.text))", .none, throwing: true)
        case (.asyncQueue(let element), "get"):
            return Code("\(target).get()", .coroutine(element))
        case (.asyncQueue(let element), "get_nowait"):
            return Code("\(target).getNowait()", element, throwing: true)
        case (.asyncQueue, "task_done"):
            return Code("\(target).taskDone()", .none)
        case (.asyncQueue, "join"):
            return Code("\(target).join()", .coroutine(.none))
        case (.asyncQueue, "qsize"):
            return Code("\(target).qsize", .int)
        case (.task, "cancel"):
            return Code("\(target).cancel()", .none)
        case (.task, "done"):
            return Code("\(target).isDone", .bool)
        case (.task(let type), "result"):
            return Code("\(target).value", type, throwing: true).awaited()
        case (.taskGroup, "create_task"):
            guard let coroutine = args.first else { throw refuse("create_task()", "create_task needs a coroutine", at: line) }
            let closure = try asyncClosure(expression(coroutine), line: line)
            return Code("\(target).createTask \(closure.text)", .task(closure.type))
        default:
            return nil
        }
    }

    /// `async with asyncio.TaskGroup() as tg:` and `async with semaphore:`.
    func translateAsyncWith(_ items: [WithItem], _ body: [Stmt], line: Int, into writer: inout SwiftWriter) throws {
        guard items.count == 1, let item = items.first else { throw refuse("async with", "one context manager per `with`", at: line) }
        let manager = try expression(item.contextExpr)
        var inner = SwiftWriter()
        switch manager.type {
        case .taskGroup:
            guard let target = item.optionalVars, case .name(let id, _) = target.kind else {
                throw refuse("async with", "name the task group: `async with asyncio.TaskGroup() as tg:`", at: line)
            }
            let swiftName = SwiftNames.identifier(id)
            boundScopes.append([id: Code(swiftName, .taskGroup)])
            defer { boundScopes.removeLast() }
            try translateBlock(body, into: &inner)
            markThrow()
            writer.line("try await Asyncio.taskGroup { \(swiftName) in")
        case .asyncSync("Semaphore"):
            try translateBlock(body, into: &inner)
            markThrow()
            writer.line("try await \(manager.operand(Precedence.atom)).withLock {")
        case .unknown where !state.isFinal:
            try translateBlock(body, into: &writer)
            return
        default:
            throw refuse("async with", "an `async with` over a \(manager.type.pythonName) is not translated", at: line)
        }
        writer.append(indented: inner)
        writer.line("}")
    }
}

extension Code {
    func awaited() -> Code {
        var copy = self
        copy.awaiting = true
        copy.throwing = true
        return copy
    }
}
