import PythonFrontEnd

extension DynamicLowering {
    // MARK: raise

    func raise(_ exc: Expr?, _ cause: Expr?, line: Int, into writer: inout SwiftWriter) throws {
        guard let exc else {
            if let caught = scope.handlers.last {
                writer.line("throw \(caught)")
            } else {
                writer.line("throw try PyException(raising: Py.RuntimeError(\"No active exception to reraise\"))")
            }
            return
        }
        let exception = try value(exc)
        if let cause {
            let causeCode = try value(cause)
            writer.lines("throw try PyException(raising: \(exception.text), cause: \(causeCode.text))")
        } else {
            writer.lines("throw try PyException(raising: \(exception.text))")
        }
    }

    // MARK: try

    /// `try/except/else/finally`: a `do`/`catch` whose handlers test the exception's class in
    /// order and rethrow when none matches; `else` runs when the body completed; `finally` runs
    /// after both, on the way out of a `catch`, and before any `return`/`break`/`continue` inside.
    func tryStatement(_ block: TryBlock, line: Int, into writer: inout SwiftWriter) throws -> Bool {
        if block.finalbody.isEmpty { return try tryExcept(block, line: line, into: &writer) }
        var finalWriter = SwiftWriter()
        let finalLeaves = try self.block(block.finalbody, into: &finalWriter)
        scope.exits.append((finalWriter.lines, scope.loopDepth))
        var inner = SwiftWriter()
        let innerLeaves = try tryExcept(block, line: line, into: &inner)
        scope.exits.removeLast()
        guard Self.throwsSomewhere(inner) else {
            writer.append(inner)
            if innerLeaves { return true }
            writer.append(finalWriter)
            return finalLeaves
        }
        writer.block("do") { $0.append(inner) }
        return try finishFinally(inner: inner, innerLeaves: innerLeaves, final: finalWriter, finalLeaves: finalLeaves, into: &writer)
    }

    private func finishFinally(inner: SwiftWriter, innerLeaves: Bool, final: SwiftWriter, finalLeaves: Bool, into writer: inout SwiftWriter) throws -> Bool {
        // The `do` block was closed by `block(_:)`; reopen its end as `} catch {`.
        writer.replaceLast("} catch {")
        writer.indented { body in
            body.append(final)
            if !finalLeaves { body.line("throw error") }
        }
        writer.line("}")
        if innerLeaves { return true }
        writer.append(final)
        return finalLeaves
    }

    private func tryExcept(_ block: TryBlock, line: Int, into writer: inout SwiftWriter) throws -> Bool {
        if block.handlers.isEmpty {
            let leaves = try self.block(block.body, into: &writer)
            if leaves { return true }
            return try self.block(block.orelse, into: &writer)
        }
        let completed = block.orelse.isEmpty ? nil : temporaryName("completed")
        var body = SwiftWriter()
        let bodyLeaves = try self.block(block.body, into: &body)
        if let completed, !bodyLeaves { body.line("\(completed) = true") }
        guard Self.throwsSomewhere(body) else {
            // Nothing in the body can raise: the handlers never run.
            writer.append(body)
            if bodyLeaves { return true }
            return try self.block(block.orelse, into: &writer)
        }
        if let completed { writer.line("var \(completed) = false") }
        writer.block("do") { $0.append(body) }
        writer.replaceLast("} catch {")
        let caught = temporaryName("caught")
        var handlers = SwiftWriter()
        handlers.line("let \(caught) = PyException.caught(error)")
        var allLeave = true
        var first = true
        var catchesAll = false
        for handler in block.handlers {
            scope.handlers.append(caught)
            defer { scope.handlers.removeLast() }
            var handlerBody = SwiftWriter()
            if let name = handler.name {
                try assignName(name, DynamicCode("\(caught).value", throwing: false), line: handler.range.start.line, into: &handlerBody)
            }
            let leaves = try self.block(handler.body, into: &handlerBody)
            allLeave = allLeave && leaves
            guard let type = handler.type else {
                if first {
                    handlers.append(handlerBody)
                } else {
                    handlers.line("} else {")
                    handlers.indented { $0.append(handlerBody) }
                }
                catchesAll = true
                break
            }
            let typeCode = try value(type)
            handlers.line("\(first ? "" : "} else ")if try \(caught).matches(\(typeCode.text)) {")
            handlers.indented { $0.append(handlerBody) }
            first = false
        }
        if !catchesAll {
            handlers.line("} else {")
            handlers.line("    throw \(caught)")
            handlers.line("}")
        } else if !first {
            handlers.line("}")
        }
        writer.indented { $0.append(handlers) }
        writer.line("}")
        if let completed {
            var elseWriter = SwiftWriter()
            let elseLeaves = try self.block(block.orelse, into: &elseWriter)
            writer.block("if \(completed)") { $0.append(elseWriter) }
            _ = elseLeaves
            return false
        }
        return bodyLeaves && allLeave
    }

    /// Whether Swift would see a throwing call in the text (else a `catch` is unreachable).
    static func throwsSomewhere(_ writer: SwiftWriter) -> Bool {
        writer.lines.contains { $0.contains("try ") || $0.contains("throw ") || $0.contains("try\n") }
    }

    // MARK: with

    /// `with manager as name:` calls `__enter__`, runs the body, and calls `__exit__` with the
    /// exception (which it may suppress by returning true) or with three Nones.
    func withStatement(_ items: [WithItem], _ body: [Stmt], isAsync: Bool, line: Int, into writer: inout SwiftWriter) throws -> Bool {
        guard let item = items.first else { return try block(body, into: &writer) }
        let awaitPrefix: (String) throws -> String = { [unowned self] call in
            guard isAsync else { return call }
            guard let coroutine = self.currentCoroutine else { throw self.refuse("async with", "`async with` outside an `async def`", at: line) }
            return "\(coroutine).await(\(call))"
        }
        let manager = temporaryName("manager")
        let context = try value(item.contextExpr)
        writer.lines("let \(manager) = \(tryText(context))\(context.typed)")
        let enter = try awaitPrefix("\(manager).\(isAsync ? "__aenter__" : "__enter__")()")
        if let target = item.optionalVars {
            try assign(target, DynamicCode(enter), valueExpr: nil, into: &writer)
        } else {
            writer.line("_ = try \(enter)")
        }
        let normalExit = "_ = try " + (try awaitPrefix("\(manager).\(isAsync ? "__aexit__" : "__exit__")(.none, .none, .none)"))
        scope.exits.append(([normalExit], scope.loopDepth))
        var inner = SwiftWriter()
        let leaves = try withStatement(Array(items.dropFirst()), body, isAsync: isAsync, line: line, into: &inner)
        scope.exits.removeLast()
        let raised = temporaryName("raised")
        let caught = temporaryName("caught")
        let exceptionalExit = try awaitPrefix("\(manager).\(isAsync ? "__aexit__" : "__exit__")(Py.type(\(caught).value), \(caught).value, .none)")
        writer.line("var \(raised) = false")
        writer.block("do") { $0.append(inner) }
        writer.replaceLast("} catch {")
        writer.line("    \(raised) = true")
        writer.line("    let \(caught) = PyException.caught(error)")
        writer.line("    guard try \(exceptionalExit).truthy() else { throw \(caught) }")
        writer.line("}")
        if leaves {
            // The body always leaves, so only a suppressed exception gets here.
            return false
        }
        writer.line("if !\(raised) { \(normalExit) }")
        return false
    }
}

extension SwiftWriter {
    /// Replaces the last line written (a block's closing `}`), keeping its indentation.
    mutating func replaceLast(_ text: String) {
        guard let last = lines.last else { return }
        _ = last
        removeLastLine()
        line(text)
    }
}
