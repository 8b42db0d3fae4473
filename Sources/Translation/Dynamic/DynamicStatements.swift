import PythonFrontEnd

extension DynamicLowering {
    /// Lowers a block; returns whether it always leaves (returns, raises, breaks or continues), in
    /// which case the statements after it are dead and are not written.
    @discardableResult
    func block(_ body: [Stmt], into writer: inout SwiftWriter) throws -> Bool {
        for statement in body {
            if try self.statement(statement, into: &writer) { return true }
        }
        return false
    }

    /// One statement; returns whether it always leaves the block.
    func statement(_ statement: Stmt, into writer: inout SwiftWriter) throws -> Bool {
        let line = statement.range.start.line
        switch statement.kind {
        case .pass, .global, .nonlocal, .break, .continue: break
        // The line the statement runs at, for what reads it back (logging's `lineno`): a store
        // through the thread's frame slot, which each body fetches once (`lineSlotDeclaration`).
        default: writer.line("frameLine.pointee = \(cellLine(line))")
        }
        switch statement.kind {
        case .functionDef(let def):
            try functionDefinition(def, isAsync: false, line: line, into: &writer)
        case .asyncFunctionDef(let def):
            try functionDefinition(def, isAsync: true, line: line, into: &writer)
        case .classDef(let def):
            try classDefinition(def, line: line, into: &writer)
        case .return(let valueExpr):
            guard let function = functionScope, scope.isFunctionLike || scope.kind == .function else {
                throw refuse("return", "`return` outside a function", at: line)
            }
            _ = function
            let code = try valueExpr.map { try value($0) } ?? DynamicCode(".none", throwing: false)
            let exits = pendingExits(forReturn: true)
            if exits.isEmpty {
                writer.lines("return \(tryText(code))\(code.text)")
            } else {
                let temporary = temporaryName("returnValue")
                writer.lines("let \(temporary)\(code.standalone != nil ? ": PyObject" : "") = \(tryText(code))\(code.text)")
                try writeExits(exits, into: &writer)
                writer.line("return \(temporary)")
            }
            return true
        case .delete(let targets):
            for target in targets { try delete(target, into: &writer) }
        case .assign(let targets, let valueExpr):
            var code = try value(valueExpr)
            if targets.count > 1 && (code.throwing || code.text.contains("(")) {
                let temporary = temporaryName("value")
                writer.lines("let \(temporary)\(code.standalone != nil ? ": PyObject" : "") = \(tryText(code))\(code.text)")
                code = DynamicCode(temporary, throwing: false)
            }
            for target in targets { try assign(target, code, valueExpr: valueExpr, into: &writer) }
        case .augAssign(let target, let op, let valueExpr):
            try augmentedAssignment(target, op, valueExpr, into: &writer)
        case .annAssign(let target, let annotation, let valueExpr, _):
            if scope.kind == .classBody, case .name(let id, _) = target.kind {
                writer.line("try annotations.setItem(\(SwiftNames.stringLiteral(id)), \(SwiftNames.stringLiteral(Self.annotationText(annotation))))")
            }
            if let valueExpr {
                try assign(target, try value(valueExpr), valueExpr: valueExpr, into: &writer)
            }
        case .for(let target, let iter, let body, let orelse):
            try forLoop(target, iter, body, orelse, isAsync: false, line: line, range: statement.range, into: &writer)
        case .asyncFor(let target, let iter, let body, let orelse):
            try forLoop(target, iter, body, orelse, isAsync: true, line: line, range: statement.range, into: &writer)
        case .while(let test, let body, let orelse):
            return try whileLoop(test, body, orelse, into: &writer)
        case .if(let test, let body, let orelse):
            return try ifStatement(test, body, orelse, into: &writer)
        case .with(let items, let body):
            return try withStatement(items, body, isAsync: false, line: line, into: &writer)
        case .asyncWith(let items, let body):
            return try withStatement(items, body, isAsync: true, line: line, into: &writer)
        case .match(let subject, let cases):
            return try matchStatement(subject, cases, line: line, into: &writer)
        case .raise(let exc, let cause):
            try raise(exc, cause, line: line, into: &writer)
            return true
        case .try(let block):
            return try tryStatement(block, line: line, into: &writer)
        case .tryStar:
            throw refuse("except*", "exception groups are outside the translated surface", at: line)
        case .assert(let test, let msg):
            let condition = try self.condition(test)
            let message = try msg.map { try value($0).text } ?? ""
            writer.block("guard \(tryText(condition))\(condition.text) else") {
                $0.line("throw try PyException(raising: Py.AssertionError(\(message)))")
            }
        case .import(let names):
            try importStatement(names, line: line, into: &writer)
        case .importFrom(let module, let names, let level):
            try importFrom(module, names, level: level, line: line, into: &writer)
        case .global, .nonlocal, .pass:
            break
        case .expr(let valueExpr):
            try expressionStatement(valueExpr, into: &writer)
        case .break:
            let exits = pendingExits(forReturn: false)
            try writeExits(exits, into: &writer)
            if let flag = scope.loopBreakFlags.last, let flag { writer.line("\(flag) = true") }
            writer.line("break")
            return true
        case .continue:
            try writeExits(pendingExits(forReturn: false), into: &writer)
            writer.line("continue")
            return true
        }
        return false
    }

    func expressionStatement(_ valueExpr: Expr, into writer: inout SwiftWriter) throws {
        switch valueExpr.kind {
        case .constant(.string), .constant(.ellipsis), .constant(.none), .constant(.int), .constant(.float), .constant(.bool):
            // A docstring, or `...` as a placeholder body: nothing runs.
            return
        case .call:
            let code = try value(valueExpr)
            writer.lines("\(tryText(code))\(code.text)")
        default:
            let code = try value(valueExpr)
            // `_ = ` gives no type context, so a leading-dot member (`.tuple([…])`) needs its type.
            writer.lines("_ = \(tryText(code))\(code.typed)")
        }
    }

    /// The source text of an annotation, as `__annotations__` holds it under
    /// `from __future__ import annotations`.
    static func annotationText(_ expression: Expr) -> String {
        switch expression.kind {
        case .name(let id, _): return id
        case .constant(.string(let text, _)): return text
        case .constant(.none): return "None"
        case .attribute(let value, let attr, _): return annotationText(value) + "." + attr
        case .subscript(let value, let slice, _): return annotationText(value) + "[" + annotationText(slice) + "]"
        case .tuple(let elts, _): return elts.map(annotationText).joined(separator: ", ")
        case .list(let elts, _): return "[" + elts.map(annotationText).joined(separator: ", ") + "]"
        case .binOp(let left, .bitOr, let right): return annotationText(left) + " | " + annotationText(right)
        case .constant(.ellipsis): return "..."
        default: return "object"
        }
    }

    // MARK: Assignment

    func assign(_ target: Expr, _ code: DynamicCode, valueExpr: Expr?, into writer: inout SwiftWriter) throws {
        let line = target.range.start.line
        switch target.kind {
        case .name(let id, _):
            try assignName(id, code, line: line, into: &writer)
        case .attribute(let object, let attr, _):
            let receiver = try value(object)
            writer.lines("try \(receiver.receiver).setAttribute(\(SwiftNames.stringLiteral(attr)), \(code.text))")
        case .subscript(let object, let slice, _):
            let receiver = try value(object)
            let key = try subscriptKey(slice)
            writer.lines("try \(receiver.receiver).setItem(\(key.text), \(code.text))")
        case .tuple(let elts, _), .list(let elts, _):
            try unpack(elts, code, valueExpr: valueExpr, line: line, into: &writer)
        case .starred:
            throw refuse("*", "a starred assignment target must be in a tuple or list", at: line)
        default:
            throw refuse("assignment", "this kind of target cannot be assigned", at: line)
        }
    }

    /// `a, b = value` through `unpack2`/`unpack(count:)`, with CPython's `ValueError`s; `a, b = b, a`
    /// as one Swift tuple assignment.
    func unpack(_ elts: [Expr], _ code: DynamicCode, valueExpr: Expr?, line: Int, into writer: inout SwiftWriter) throws {
        let starIndex = elts.firstIndex { if case .starred = $0.kind { true } else { false } }
        let names = elts.compactMap { element -> String? in if case .name(let id, _) = element.kind { id } else { nil } }
        if starIndex == nil, names.count == elts.count, Set(names).count == names.count {
            let storages = try names.map { try nameStorageKind($0, line: line) }
            if storages.allSatisfy({ $0 == .assignable }) || storages.allSatisfy({ $0 == .newLet }) {
                let targets = try names.map { try storeTarget($0, line: line) }
                let prefix = storages.first == .newLet ? "let " : ""
                if storages.first == .newLet { for name in names { markDeclared(name) } }
                if let valueExpr, case .tuple(let values, _) = valueExpr.kind, values.count == elts.count,
                   !values.contains(where: { if case .starred = $0.kind { true } else { false } }) {
                    let parts = try values.map { try value($0) }
                    let throwing = parts.contains { $0.throwing }
                    writer.lines("\(prefix)(\(targets.joined(separator: ", "))) = \(throwing ? "try " : "")(\(parts.map(\.typed).joined(separator: ", ")))")
                    return
                }
                if elts.count == 2 {
                    writer.lines("\(prefix)(\(targets.joined(separator: ", "))) = try \(code.receiver).unpack2()")
                    return
                }
            }
        }
        let temporary = temporaryName("values")
        if let starIndex {
            writer.lines("let \(temporary) = try \(code.receiver).unpack(before: \(starIndex), after: \(elts.count - starIndex - 1))")
        } else {
            writer.lines("let \(temporary) = try \(code.receiver).unpack(count: \(elts.count))")
        }
        for (index, element) in elts.enumerated() {
            var target = element
            if case .starred(let inner, _) = element.kind { target = inner }
            try assign(target, DynamicCode("\(temporary)[\(index)]", throwing: false), valueExpr: nil, into: &writer)
        }
    }

    enum NameStorageKind { case assignable, newLet, other }

    func nameStorageKind(_ name: String, line: Int) throws -> NameStorageKind {
        switch try resolve(name, line: line, forStore: true) {
        case .local(let owner, _):
            switch owner.storage[name] {
            case .letAtStore?: return owner.declared.contains(name) ? .other : .newLet
            case .variable?, .parameter(mutable: true)?: return .assignable
            case .unboundable?: return .other
            default: return .other
            }
        case .global: return .assignable
        default: return .other
        }
    }

    func markDeclared(_ name: String) {
        for scope in scopes.reversed() where scope.storage[name] == .letAtStore {
            scope.declared.insert(name)
            return
        }
    }

    func augmentedAssignment(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr, into writer: inout SwiftWriter) throws {
        let line = target.range.start.line
        let operation = Self.binaryOperators[op]!.name
        let right = try value(valueExpr)
        switch target.kind {
        case .name(let id, _):
            let current = try load(id, line: line)
            let storage = try storeTarget(id, line: line)
            writer.lines("\(storage) = try \(current.receiver).inPlace(.\(operation), \(right.text))")
        case .attribute(let object, let attr, _):
            var receiver = try value(object)
            if !Self.isSimple(object) {
                let temporary = temporaryName("object")
                writer.lines("let \(temporary) = \(tryText(receiver))\(receiver.typed)")
                receiver = DynamicCode(temporary, throwing: false)
            }
            let read = DynamicIdentifiers.isPlainMember(attr) ? "\(receiver.receiver).\(attr)" : "\(receiver.receiver).attribute(\(SwiftNames.stringLiteral(attr)))"
            writer.lines("try \(receiver.receiver).setAttribute(\(SwiftNames.stringLiteral(attr)), \(read).inPlace(.\(operation), \(right.text)))")
        case .subscript(let object, let slice, _):
            var receiver = try value(object)
            if !Self.isSimple(object) {
                let temporary = temporaryName("container")
                writer.lines("let \(temporary) = \(tryText(receiver))\(receiver.typed)")
                receiver = DynamicCode(temporary, throwing: false)
            }
            var key = try subscriptKey(slice)
            if !Self.isSimple(slice) {
                let temporary = temporaryName("key")
                writer.lines("let \(temporary) = \(tryText(key))\(key.typed)")
                key = DynamicCode(temporary, throwing: false)
            }
            writer.lines("try \(receiver.receiver).setItem(\(key.text), \(receiver.receiver).item(\(key.text)).inPlace(.\(operation), \(right.text)))")
        default:
            throw refuse("augmented assignment", "this kind of target cannot be assigned", at: line)
        }
    }

    func delete(_ target: Expr, into writer: inout SwiftWriter) throws {
        let line = target.range.start.line
        switch target.kind {
        case .name(let id, _):
            // The name is unbound again: later reads find nothing, as after Python's `del`.
            let storage = try storeTarget(id, line: line)
            if case .local(let owner, _) = try resolve(id, line: line, forStore: true), owner.storage[id] == .unboundable {
                writer.line("_ = try boundLocal(\(storage), \(SwiftNames.stringLiteral(id)))")
                writer.line("\(storage) = nil")
            } else {
                writer.line("\(storage) = .none")
                note("`del \(id)` of a module global sets it to None", at: line)
            }
        case .attribute(let object, let attr, _):
            let receiver = try value(object)
            writer.lines("try \(receiver.receiver).deleteAttribute(\(SwiftNames.stringLiteral(attr)))")
        case .subscript(let object, let slice, _):
            let receiver = try value(object)
            let key = try subscriptKey(slice)
            writer.lines("try \(receiver.receiver).deleteItem(\(key.text))")
        case .tuple(let elts, _), .list(let elts, _):
            for element in elts { try delete(element, into: &writer) }
        default:
            throw refuse("del", "this kind of target cannot be deleted", at: line)
        }
    }

    // MARK: Control flow

    func ifStatement(_ test: Expr, _ body: [Stmt], _ orelse: [Stmt], into writer: inout SwiftWriter) throws -> Bool {
        let condition = try self.condition(test)
        var bodyWriter = SwiftWriter()
        let bodyLeaves = try block(body, into: &bodyWriter)
        writer.line("if \(tryText(condition))\(condition.text) {")
        writer.indented { $0.append(bodyWriter) }
        if orelse.isEmpty {
            writer.line("}")
            return false
        }
        if orelse.count == 1, case .if(let innerTest, let innerBody, let innerElse) = orelse[0].kind {
            var chained = SwiftWriter()
            let elseLeaves = try ifStatement(innerTest, innerBody, innerElse, into: &chained)
            var lines = chained.lines
            lines[0] = "} else " + lines[0].trimmingLeadingSpaces()
            for text in lines { writer.line(text) }
            return bodyLeaves && elseLeaves
        }
        var elseWriter = SwiftWriter()
        let elseLeaves = try block(orelse, into: &elseWriter)
        writer.line("} else {")
        writer.indented { $0.append(elseWriter) }
        writer.line("}")
        return bodyLeaves && elseLeaves
    }

    func whileLoop(_ test: Expr, _ body: [Stmt], _ orelse: [Stmt], into writer: inout SwiftWriter) throws -> Bool {
        let condition = try self.condition(test)
        let breaks = Self.containsBreak(body)
        let flag = !orelse.isEmpty && breaks ? temporaryName("brokeOut") : nil
        if let flag { writer.line("var \(flag) = false") }
        scope.loopBreakFlags.append(flag)
        scope.loopDepth += 1
        var bodyWriter = SwiftWriter()
        try block(body, into: &bodyWriter)
        scope.loopDepth -= 1
        scope.loopBreakFlags.removeLast()
        writer.block("while \(tryText(condition))\(condition.text)") { $0.append(bodyWriter) }
        let infinite = condition.text == "true" && !breaks
        if !orelse.isEmpty && !infinite {
            if let flag {
                var elseWriter = SwiftWriter()
                try block(orelse, into: &elseWriter)
                writer.block("if !\(flag)") { $0.append(elseWriter) }
            } else {
                return try block(orelse, into: &writer)
            }
        }
        return infinite
    }

    func forLoop(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt], isAsync: Bool, line: Int,
                 range: SourceRange, into writer: inout SwiftWriter) throws {
        let iterable = try value(iter)
        let iterator = temporaryName("iterator")
        let breaks = Self.containsBreak(body)
        let flag = !orelse.isEmpty && breaks ? temporaryName("brokeOut") : nil
        if let flag { writer.line("var \(flag) = false") }
        var header: String
        var bindTarget: ((inout SwiftWriter) throws -> Void)? = nil
        var asyncStep: [String] = []
        if isAsync {
            guard let coroutine = currentCoroutine else { throw refuse("async for", "`async for` outside an `async def`", at: line) }
            writer.lines("let \(iterator) = try \(iterable.receiver).__aiter__()")
            let element = temporaryName("element")
            header = "while true"
            // `__anext__` ends the loop by raising StopAsyncIteration.
            asyncStep = [
                "let \(element): PyObject",
                "do {",
                "    \(element) = try \(coroutine).await(\(iterator).__anext__())",
                "} catch {",
                "    if try PyException.caught(error).matches(Py.StopAsyncIteration) { break }",
                "    throw error",
                "}",
            ]
            bindTarget = { [unowned self] writer in
                try self.assign(target, DynamicCode(element, throwing: false), valueExpr: nil, into: &writer)
            }
        } else {
            writer.lines("let \(iterator) = try \(iterable.receiver).iterate()")
            header = "while let \(try loopTargetName(target, line: line, bind: &bindTarget)) = try \(iterator).next()"
        }
        scope.loopBreakFlags.append(flag)
        scope.loopDepth += 1
        var bodyWriter = SwiftWriter()
        for text in asyncStep { bodyWriter.line(text) }
        if let bindTarget { try bindTarget(&bodyWriter) }
        try block(body, into: &bodyWriter)
        scope.loopDepth -= 1
        scope.loopBreakFlags.removeLast()
        writer.block(header) { $0.append(bodyWriter) }
        if !orelse.isEmpty {
            if let flag {
                var elseWriter = SwiftWriter()
                try block(orelse, into: &elseWriter)
                writer.block("if !\(flag)") { $0.append(elseWriter) }
            } else {
                try block(orelse, into: &writer)
            }
        }
    }

    /// The name `while let` binds: the loop variable itself when Swift may own it, else a
    /// temporary that the body's first lines assign to the target.
    func loopTargetName(_ target: Expr, line: Int, bind: inout ((inout SwiftWriter) throws -> Void)?) throws -> String {
        if case .name(let id, _) = target.kind, case .local(let owner, let swift) = try resolve(id, line: line, forStore: true) {
            switch owner.storage[id] {
            case .loopBinding?: return swift
            case .discarded?: return "_"
            default: break
            }
        }
        if case .tuple(let elts, _) = target.kind, elts.count == 2,
           let names = Optional(elts.compactMap { e -> String? in if case .name(let id, _) = e.kind { id } else { nil } }), names.count == 2 {
            let kinds = try names.map { name -> DynamicStorage? in
                if case .local(let owner, _) = try resolve(name, line: line, forStore: true) { return owner.storage[name] }
                return nil
            }
            if kinds.allSatisfy({ $0 == .loopBinding || $0 == .discarded }) {
                let element = temporaryName("pair")
                let swiftNames = try zip(names, kinds).map { name, kind in kind == .discarded ? "_" : try storeTarget(name, line: line) }
                bind = { writer in writer.line("let (\(swiftNames.joined(separator: ", "))) = try \(element).unpack2()") }
                return element
            }
        }
        let element = temporaryName("element")
        bind = { [unowned self] writer in
            try self.assign(target, DynamicCode(element, throwing: false), valueExpr: nil, into: &writer)
        }
        return element
    }

    /// Whether a loop body breaks out of this loop (not of a loop nested in it).
    static func containsBreak(_ body: [Stmt]) -> Bool {
        for statement in body {
            switch statement.kind {
            case .break: return true
            case .if(_, let a, let b): if containsBreak(a) || containsBreak(b) { return true }
            case .with(_, let a), .asyncWith(_, let a): if containsBreak(a) { return true }
            case .try(let block), .tryStar(let block):
                if containsBreak(block.body) || containsBreak(block.orelse) || containsBreak(block.finalbody)
                    || block.handlers.contains(where: { containsBreak($0.body) }) { return true }
            case .match(_, let cases): if cases.contains(where: { containsBreak($0.body) }) { return true }
            case .for(_, _, _, let orelse), .asyncFor(_, _, _, let orelse), .while(_, _, let orelse):
                if containsBreak(orelse) { return true }
            default: continue
            }
        }
        return false
    }

    // MARK: Ways out

    /// The cleanups a `return` (all of the function's) or a `break`/`continue` (those inside the
    /// innermost loop) must run first, innermost first.
    func pendingExits(forReturn: Bool) -> [(index: Int, code: [String])] {
        var result: [(Int, [String])] = []
        for (index, exit) in scope.exits.enumerated().reversed() {
            if !forReturn && exit.loopDepth < scope.loopDepth { break }
            result.append((index, exit.code))
        }
        return result
    }

    func writeExits(_ exits: [(index: Int, code: [String])], into writer: inout SwiftWriter) throws {
        for exit in exits {
            for text in exit.code { writer.lines(text) }
        }
    }
}

extension SwiftWriter {
    /// The body one level in, without braces.
    mutating func indented(_ body: (inout SwiftWriter) throws -> Void) rethrows {
        var inner = SwiftWriter()
        try body(&inner)
        for text in inner.lines { line(text.isEmpty ? "" : "    " + text) }
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
