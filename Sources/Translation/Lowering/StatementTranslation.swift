import PythonFrontEnd

extension BodyTranslator {
    func translate(_ statement: Stmt, into writer: inout SwiftWriter) throws {
        let line = statement.range.start.line
        switch statement.kind {
        case .expr(let value):
            try translateExpressionStatement(value, line: line, into: &writer)
        case .assign(let targets, let value):
            try refuseKeptGenerator(value, line: line)
            guard targets.count == 1 else {
                throw refuse("chained assignment", "assign each name on its own line", at: line)
            }
            try translateAssignment(targets[0], value: value, line: line, into: &writer)
        case .annAssign(let target, _, let value, _):
            guard let value else { return }
            try translateAssignment(target, value: value, line: line, into: &writer)
        case .augAssign(let target, let op, let value):
            try translateAugmentedAssignment(target, op, value, line: line, into: &writer)
        case .if(let test, let body, let orelse):
            try translateIf(test, body, orelse, line: line, into: &writer, keyword: "if")
        case .for(let target, let iter, let body, let orelse):
            try translateLoop(orelse, into: &writer) { inner in
                try translateFor(target, iter, body, line: line, into: &inner)
            }
        case .while(let test, let body, let orelse):
            try translateLoop(orelse, into: &writer) { inner in
                let condition = try condition(test)
                loopDepth += 1
                defer { loopDepth -= 1 }
                try inner.block("while \(tryPrefix(condition))\(condition.text)") { loopBody in
                    try translateBlock(body, into: &loopBody)
                }
            }
        case .break:
            if let flag = loopElseFlags.last?.flag {
                loopElseFlags[loopElseFlags.count - 1].breaks = true
                writer.line("\(flag) = false")
            }
            writer.line("break")
        case .continue:
            writer.line("continue")
        case .pass:
            break
        case .return(let value):
            if let value { try refuseKeptGenerator(value, line: line) }
            try translateReturn(value, line: line, into: &writer)
        case .raise(let exc, _):
            try translateRaise(exc, line: line, into: &writer)
        case .try(let block):
            try translateTry(block, line: line, into: &writer)
        case .with(let items, let body):
            try translateWith(items, body, line: line, into: &writer)
        case .import(let names):
            for alias in names { try session.bindImport(module: alias.name, member: nil, as: alias.asname, line: line) }
        case .importFrom(let module, let names, let level):
            guard level == 0, let module else { throw refuse("relative import", "a note has no package around it", at: line) }
            for alias in names {
                guard alias.name != "*" else { throw refuse("from \(module) import *", "import the names you use", at: line) }
                try session.bindImport(module: module, member: alias.name, as: alias.asname, line: line)
            }
        case .global:
            break
        case .functionDef(let def):
            try translateNestedOrTopLevelFunction(def, line: line, into: &writer)
        case .classDef(let def):
            guard isCellBody else { throw refuse("class \(def.name)", "classes inside functions are not translated", at: line) }
            try session.translateClass(def, line: line, cell: cell)
        case .assert(let test, let msg):
            let condition = try condition(test)
            let message = try msg.map { try stringValue($0) }
            markThrow()
            writer.block("guard \(tryPrefix(condition))\(condition.text) else") { inner in
                inner.line("throw PythonError(\"AssertionError\"\(message.map { ", \($0.text)" } ?? ""))")
            }
        case .asyncFunctionDef(let def):
            guard isCellBody else { throw refuse("async def \(def.name)", "functions inside functions are not translated", at: line) }
            try session.translateTopLevelFunction(def, line: line, cell: cell, isAsync: true)
        case .asyncWith(let items, let body):
            try translateAsyncWith(items, body, line: line, into: &writer)
        case .asyncFor:
            throw refuse("async for", "asynchronous iteration is not translated", at: line)
        case .delete(let targets):
            for target in targets { try translateDelete(target, line: line, into: &writer) }
        case .match:
            throw refuse("match", "structural pattern matching is outside the translated surface", at: line)
        case .tryStar:
            throw refuse("except*", "exception groups are outside the translated surface", at: line)
        case .nonlocal:
            throw refuse("nonlocal", "closures that rebind outer names are not translated", at: line)
        }
    }

    // MARK: Expression statements

    private func translateExpressionStatement(_ value: Expr, line: Int, into writer: inout SwiftWriter) throws {
        if case .call(let function, let args, _) = value.kind, let qualified = try? qualifiedName(function),
           qualified == "sys.exit" {
            let code = try args.first.map { try expression($0) }
            markThrow()
            if let code, code.type == .str {
                writer.line("throw SystemExit(\(code.text))")
            } else {
                writer.line("throw SystemExit(\(code?.text ?? ""))")
            }
            return
        }
        if case .constant(.string) = value.kind { return }  // a docstring
        let code = try expression(value)
        if case .coroutine = code.type {
            throw refuse("coroutine", "a coroutine that is never awaited never runs", at: line)
        }
        let discards = code.type != .none && (code.type != .unknown || state.isFinal) && !isDiscardable(value)
        writer.line((discards ? "_ = " : "") + tryPrefix(code) + code.text)
    }

    /// Calls whose result Swift lets a statement drop: the note's own functions are
    /// `@discardableResult`, as are the support library's `submit` and `cancel`.
    private func isDiscardable(_ value: Expr) -> Bool {
        guard case .call(let function, _, _) = value.kind else { return false }
        if case .name(let id, _) = function.kind, case .function? = session.bindings[id] { return true }
        if case .attribute(let receiver, let attr, _) = function.kind {
            if ["submit", "acquire", "wait", "cancel", "apply_async", "create_task", "run"].contains(attr) { return true }
            if let type = try? expression(receiver).type, case .instance = type { return true }
        }
        return false
    }

    // MARK: Assignment

    func translateAssignment(_ target: Expr, value: Expr, line: Int, into writer: inout SwiftWriter) throws {
        switch target.kind {
        case .name(let id, _):
            var code = try expression(value)
            try assignName(id, code: &code, line: line, into: &writer)
        case .tuple(let elts, _), .list(let elts, _):
            try translateUnpacking(elts, value: value, line: line, into: &writer)
        case .subscript(let container, let slice, _):
            if case .subscript = container.kind {
                // `d[a][b] = v` changes a copy in Swift: a nested container is a value there.
                throw refuse("item assignment", "assigning into a container inside a container", at: line)
            }
            let receiver = try expression(container)
            let code = try expression(value)
            switch receiver.type {
            case .list(let element):
                let index = try indexExpression(slice, count: receiver.text)
                let converted = try coerce(code, to: element, line: line)
                writer.line(tryPrefix(mergeThrowing(index, converted)) + "\(receiver.text)[\(index.text)] = \(converted.text)")
            case .dict(let key, let element):
                if !key.isKnown || !element.isKnown || PyType.join(element, code.type) == .number {
                    observeContainer(container, .dict(try expression(slice).type, code.type), line: line)
                }
                let keyCode = try coerce(expression(slice), to: key, line: line)
                let converted = try coerce(code, to: element, line: line)
                writer.line(tryPrefix(mergeThrowing(keyCode, converted)) + "\(receiver.text)[\(keyCode.text)] = \(converted.text)")
            case .unknown where !state.isFinal:
                break
            default:
                throw refuse("item assignment", "cannot assign items of a \(receiver.type.pythonName)", at: line)
            }
        case .attribute(let object, let attr, _):
            let receiver = try expression(object)
            var code = try expression(value)
            if case .instance(let className) = receiver.type, attr == "daemon", state.classes[className]?.isThread == true {
                writer.line("\(receiver.text).daemon = \(code.text)")
            } else if case .instance(let className) = receiver.type {
                let declared = state.classes[className]?.fieldTypes[attr] ?? .unknown
                // A field set to an int in `__init__` and to a float elsewhere holds a `PyNumber`.
                if isInitializer, case .name("self", _) = object.kind {
                    state.observeField(class: className, field: attr, code.type, line: line)
                } else if declared != .unknown, PyType.join(declared, code.type) == .number {
                    state.observeField(class: className, field: attr, code.type, line: line)
                }
                let fieldType = state.classes[className]?.fieldTypes[attr] ?? .unknown
                if fieldType == .unknown && state.isFinal {
                    throw refuse("\(receiver.text).\(attr)", "fields are declared by `self.\(attr) = …` in `__init__`", at: line)
                }
                code = try coerce(code, to: fieldType, line: line)
                writer.line(tryPrefix(code) + "\(receiver.text).\(SwiftNames.identifier(attr)) = \(code.text)")
            } else if receiver.type == .thread && attr == "daemon" {
                writer.line("\(receiver.text).daemon = \(code.text)")
            } else if receiver.type == .thread && attr == "name" {
                throw refuse("\(attr) assignment", "name a thread when creating it", at: line)
            } else if !state.isFinal {
                return
            } else {
                throw refuse("\(attr) assignment", "cannot set attributes of a \(receiver.type.pythonName)", at: line)
            }
        default:
            throw refuse("assignment", "this kind of target is not translated", at: line)
        }
    }

    private func assignName(_ id: String, code: inout Code, line: Int, into writer: inout SwiftWriter) throws {
        if code.type == .none {
            throw refuse(id, "assigns the result of a call that returns nothing", at: line)
        }
        if parameters[id] != nil {
            throw refuse(id, "reassigns a parameter", at: line)
        }
        if state.fileScope.contains(id) && isCellBody || locals.declaredGlobal.contains(id) {
            state.observeFileScope(id, code.type, line: line)
            let converted = try coerce(code, to: state.fileScopeTypes[id] ?? code.type, line: line)
            writer.line(tryPrefix(converted) + "\(SwiftNames.identifier(id)) = \(converted.text)")
            return
        }
        guard let index = locals.variable(id, in: statementPath) else {
            throw refuse(id, "cannot tell where `\(id)` lives", at: line)
        }
        state.observeLocal(localKey(index), code.type, line: line)
        let variable = locals.variables[index]
        let type = localType(index)
        let converted = try coerce(code, to: type, line: line)
        let prefix = tryPrefix(converted)
        guard variable.isRead else {
            writer.line("_ = " + prefix + converted.text)
            return
        }
        if variable.isDeclaredAtStore && variable.anchor == statementPath.last {
            let mutable = variable.storeCount > 1 || variable.isAugmented || (variable.hasMutatingCall && type.isValueType)
            let keyword = mutable ? "var" : "let"
            let needsAnnotation = code.isEmptyLiteral || code.type != type || (code.isIntegerLiteral && type == .float)
            // `let delays: [PyNumber] = [1, 0.5]` rather than the literal's own `… as [PyNumber]`.
            if converted.precedence == Precedence.casting, let swiftType = type.swift,
               converted.text.hasSuffix(" as \(swiftType)") {
                let literal = converted.text.dropLast(" as \(swiftType)".count)
                writer.line("\(keyword) \(variable.swiftName): \(swiftType) = \(prefix)\(literal)")
            } else if needsAnnotation {
                guard let swiftType = type.swift else {
                    if state.isFinal {
                        throw refuse(id, "cannot tell the type of `\(id)`", at: line)
                    }
                    writer.line("\(keyword) \(variable.swiftName) = \(prefix)\(converted.text)")
                    return
                }
                writer.line("\(keyword) \(variable.swiftName): \(swiftType) = \(prefix)\(converted.text)")
            } else {
                writer.line("\(keyword) \(variable.swiftName) = \(prefix)\(converted.text)")
            }
        } else {
            writer.line("\(variable.swiftName) = \(prefix)\(converted.text)")
        }
    }

    private func translateUnpacking(_ elts: [Expr], value: Expr, line: Int, into writer: inout SwiftWriter) throws {
        let code = try expression(value)
        var elementTypes: [PyType]
        switch code.type {
        case .tuple(let types) where types.count == elts.count: elementTypes = types
        case .unknown: elementTypes = Array(repeating: .unknown, count: elts.count)
        default:
            throw refuse("unpacking", "unpack a tuple of \(elts.count) values (this is a \(code.type.pythonName))", at: line)
        }
        var names: [String] = []
        var declaresAll = true
        var assignsAll = true
        for (element, type) in zip(elts, elementTypes) {
            guard case .name(let id, _) = element.kind else {
                throw refuse("unpacking", "unpack into plain names", at: line)
            }
            if let index = locals.variable(id, in: statementPath), !(state.fileScope.contains(id) && isCellBody) {
                state.observeLocal(localKey(index), type, line: line)
                let variable = locals.variables[index]
                names.append(variable.isRead ? variable.swiftName : "_")
                if variable.isDeclaredAtStore && variable.anchor == statementPath.last {
                    assignsAll = false
                } else {
                    declaresAll = false
                }
            } else {
                state.observeFileScope(id, type, line: line)
                names.append(SwiftNames.identifier(id))
                declaresAll = false
            }
        }
        let pattern = "(" + names.joined(separator: ", ") + ")"
        if declaresAll {
            let mutable = elts.contains { element in
                guard case .name(let id, _) = element.kind, let index = locals.variable(id, in: statementPath) else { return false }
                let variable = locals.variables[index]
                return variable.storeCount > 1 || variable.isAugmented || variable.hasMutatingCall
            }
            writer.line("\(mutable ? "var" : "let") \(pattern) = \(tryPrefix(code))\(code.text)")
        } else if assignsAll {
            writer.line("\(pattern) = \(tryPrefix(code))\(code.text)")
        } else {
            throw refuse("unpacking", "mixes new names with names already bound", at: line)
        }
    }

    private func translateAugmentedAssignment(
        _ target: Expr, _ op: BinaryOperator, _ value: Expr, line: Int, into writer: inout SwiftWriter
    ) throws {
        let current = try expression(target)
        let operand = try expression(value)
        let result = try binary(current, op, operand, line: line)
        // `x = 1` then `x += 0.5`: the name holds an int and then a float, so it is a `PyNumber`.
        if case .name(let id, _) = target.kind, current.type.isNumeric, current.type != .bool,
           PyType.join(result.type, current.type) == .number {
            if state.fileScope.contains(id) && isCellBody || locals.declaredGlobal.contains(id) {
                state.observeFileScope(id, result.type, line: line)
            } else if let index = locals.variable(id, in: statementPath) {
                state.observeLocal(localKey(index), result.type, line: line)
            }
        }
        guard PyType.join(result.type, current.type) == current.type || !state.isFinal || current.type == .unknown else {
            throw refuse("\(op) assignment", "turns a \(current.type.pythonName) into a \(result.type.pythonName)", at: line)
        }
        let targetText: String
        switch target.kind {
        case .name(let id, _):
            if state.fileScope.contains(id) && isCellBody || locals.declaredGlobal.contains(id) {
                targetText = SwiftNames.identifier(id)
            } else {
                targetText = current.text
            }
        case .subscript(let container, let slice, _):
            let receiver = try expression(container)
            if case .dict = receiver.type {
                let key = try expression(slice)
                targetText = "\(receiver.text)[\(key.text), default: \(current.type.swiftDefaultValue ?? "0")]"
            } else {
                targetText = current.text
            }
        default:
            targetText = current.text
        }
        let simple: [BinaryOperator: String] = [.add: "+=", .sub: "-=", .mult: "*="]
        if let swiftOperator = simple[op], current.type == operand.type || operand.isIntegerLiteral && current.type == .float
            || current.type == .number && operand.isNumberLiteral,
           current.type != .str || op == .add, !(current.type.isList && op == .mult) {
            writer.line(tryPrefix(operand) + "\(targetText) \(swiftOperator) \(operand.text)")
        } else {
            writer.line(tryPrefix(result) + "\(targetText) = \(result.text)")
        }
    }

    // MARK: Control flow

    private func translateIf(
        _ test: Expr, _ body: [Stmt], _ orelse: [Stmt], line: Int, into writer: inout SwiftWriter, keyword: String
    ) throws {
        if isMainGuard(test) {
            try translateBlock(body, into: &writer)
            return
        }
        let condition = try condition(test)
        writer.line("\(keyword) \(tryPrefix(condition))\(condition.text) {")
        var inner = SwiftWriter()
        try translateBlock(body, into: &inner)
        writer.append(indented: inner)
        if orelse.count == 1, case .if(let elifTest, let elifBody, let elifElse) = orelse[0].kind {
            statementPath.append(orelse[0].range.start)
            defer { statementPath.removeLast() }
            var chained = SwiftWriter()
            try translateIf(elifTest, elifBody, elifElse, line: orelse[0].range.start.line, into: &chained, keyword: "} else if")
            writer.append(chained)
            return
        }
        if !orelse.isEmpty {
            writer.line("} else {")
            var elseWriter = SwiftWriter()
            try translateBlock(orelse, into: &elseWriter)
            writer.append(indented: elseWriter)
        }
        writer.line("}")
    }

    private func isMainGuard(_ test: Expr) -> Bool {
        guard case .compare(let left, let ops, let comparators) = test.kind, ops == [.eq], comparators.count == 1,
              case .name("__name__", _) = left.kind, case .constant(.string("__main__", _)) = comparators[0].kind
        else { return false }
        return true
    }

    private func translateReturn(_ value: Expr?, line: Int, into writer: inout SwiftWriter) throws {
        guard let functionKey else { throw refuse("return", "`return` outside a function", at: line) }
        guard let value else {
            state.observeReturn(function: functionKey, .none, line: line)
            writer.line("return")
            return
        }
        var code = try expression(value)
        state.observeReturn(function: functionKey, code.type, line: line)
        let declared = state.functions[functionKey]?.returnType ?? code.type
        if case .optional = declared, code.type == .none { code = Code("nil", declared) }
        code = try coerce(code, to: declared, line: line)
        writer.line("return " + tryPrefix(code) + code.text)
    }

    private func translateRaise(_ exc: Expr?, line: Int, into writer: inout SwiftWriter) throws {
        markThrow()
        guard let exc else {
            guard let caught = boundScopes.reversed().lazy.compactMap({ $0["__caught__"] }).first else {
                throw refuse("raise", "a bare `raise` outside `except`", at: line)
            }
            writer.line("throw \(caught.text)")
            return
        }
        if case .name(let id, _) = exc.kind {
            if BuiltinNames.exceptions.contains(id) {
                writer.line("throw PythonError(\(SwiftNames.stringLiteral(id)))")
                return
            }
            if let bound = try? resolveName(id, line: line), bound.type == .exception {
                writer.line("throw \(bound.text)")
                return
            }
        }
        guard case .call(let function, let args, _) = exc.kind, case .name(let id, _) = function.kind,
              BuiltinNames.exceptions.contains(id) else {
            throw refuse("raise", "only built-in exceptions are raised in translated code", at: line)
        }
        guard args.count <= 1 else { throw refuse("raise \(id)", "an exception with several arguments", at: line) }
        if id == "KeyError", let key = args.first {
            // `str(KeyError(k))` is `repr(k)`.
            let code = try printable(expression(key), line: line)
            let text: String
            if case .constant(.string(let literal, _)) = key.kind {
                text = SwiftNames.stringLiteral(SwiftNames.pythonRepr(literal))
            } else {
                text = "repr(\(code.text))"
            }
            writer.line("throw PythonError(\"KeyError\", \(text))")
            return
        }
        if let message = try args.first.map({ try stringValue($0) }) {
            writer.line("throw PythonError(\(SwiftNames.stringLiteral(id)), \(tryPrefix(message))\(message.text))")
        } else {
            writer.line("throw PythonError(\(SwiftNames.stringLiteral(id)))")
        }
    }

    /// `del d[k]` (KeyError when missing, as in Python) and `del xs[i]`.
    private func translateDelete(_ target: Expr, line: Int, into writer: inout SwiftWriter) throws {
        guard case .subscript(let container, let slice, _) = target.kind else {
            throw refuse("del", "only deleting a dict's key or a list's item is translated", at: line)
        }
        let receiver = try expression(container)
        switch receiver.type {
        case .dict(let key, _):
            let keyCode = try coerce(expression(slice), to: key, line: line)
            markThrow()
            writer.line("try \(receiver.operand(Precedence.atom)).delete(\(keyCode.text))")
        case .list:
            if case .slice = slice.kind { throw refuse("del", "deleting a slice is not translated", at: line) }
            if case .unaryOp(.uSub, let operand) = slice.kind, case .constant(.int(1)) = operand.kind {
                writer.line("\(receiver.operand(Precedence.atom)).removeLast()")
                return
            }
            let index = try indexExpression(slice, count: receiver.text)
            writer.line(tryPrefix(mergeThrowing(receiver, index)) + "\(receiver.operand(Precedence.atom)).remove(at: \(index.text))")
        case .unknown where !state.isFinal:
            return
        default:
            throw refuse("del", "deleting items of a \(receiver.type.pythonName) is not translated", at: line)
        }
    }

    private func translateNestedOrTopLevelFunction(_ def: FunctionDef, line: Int, into writer: inout SwiftWriter) throws {
        if isCellBody {
            try session.translateTopLevelFunction(def, line: line, cell: cell)
        } else {
            try translateNestedFunction(def, line: line, into: &writer)
        }
    }
}

extension BodyTranslator {
    /// Static Swift makes a generator expression an array, which is right only where it is consumed at
    /// once (`sum(x for x in xs)`). Kept as a value, printed or returned, it is a lazy generator that
    /// prints as one and runs out after one pass: such a cell is left to the dynamic translation.
    func refuseKeptGenerator(_ value: Expr, line: Int) throws {
        if case .generatorExp = value.kind {
            throw refuse("a generator expression kept as a value", "it is a lazy generator, not a list", at: line)
        }
    }
}

extension PyType {
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}

extension SwiftWriter {
    mutating func append(indented other: SwiftWriter) {
        for text in other.lines { line(text.isEmpty ? "" : "    " + text) }
    }
}
