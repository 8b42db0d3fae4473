import PythonFrontEnd

extension TranslationSession {
    func registerClass(_ def: ClassDef, line: Int, cell: Int) {
        if state.classes[def.name] == nil {
            state.classes[def.name] = ClassInfo(name: def.name, swiftName: SwiftNames.typeName(def.name), def: def, cell: cell)
        }
        for statement in def.body {
            if case .functionDef(let method) = statement.kind {
                registerFunction(method, line: statement.range.start.line, cell: cell, owner: def.name)
                state.classes[def.name]?.methods[method.name] = Self.key("\(def.name).\(method.name)", statement.range.start.line)
            }
        }
    }

    /// `class Account:` as a `final class` whose fields are what `__init__` assigns to `self`,
    /// printing as CPython prints it (its `__str__`/`__repr__`, or `<__main__.Account object at 0x…>`).
    func translateClass(_ def: ClassDef, line: Int, cell: Int) throws {
        var bases = def.bases.filter { if case .name("object", _) = $0.kind { false } else { true } }
        let isThread = bases.count == 1 && isThreadClass(bases[0])
        if isThread { bases.removeAll() }
        guard bases.isEmpty, def.keywords.isEmpty else {
            throw Refusal(construct: "class \(def.name)(…)", reason: "inheritance is translated only from threading.Thread", line: line)
        }
        guard def.decoratorList.isEmpty else {
            throw Refusal(construct: "@\(def.name)", reason: "class decorators (dataclasses) are not translated", line: line)
        }
        registerClass(def, line: line, cell: cell)
        bindings[def.name] = .class(def.name)
        if isThread && state.classes[def.name]?.isThread == false {
            state.classes[def.name]?.isThread = true
            state.changed = true
        }
        guard let info = state.classes[def.name] else { return }
        var members: [SwiftWriter] = []
        var initializer: SwiftWriter?
        var strBody: SwiftWriter?
        var reprBody: SwiftWriter?
        for statement in def.body {
            let statementLine = statement.range.start.line
            switch statement.kind {
            case .functionDef(let method):
                let key = Self.key("\(def.name).\(method.name)", statementLine)
                switch method.name {
                case "__init__":
                    initializer = try functionText(key, isInitializer: true)
                case "__str__", "__repr__":
                    let text = try functionText(key)
                    guard state.functions[key]?.throwsErrors == false else {
                        throw Refusal(construct: method.name, reason: "a \(method.name) that can raise", line: statementLine)
                    }
                    // The method's body becomes a computed property's getter.
                    let inner = SwiftWriter.bodyLines(of: text)
                    if method.name == "__str__" { strBody = inner } else { reprBody = inner }
                default:
                    guard !method.name.hasPrefix("__") else {
                        throw Refusal(construct: method.name, reason: "special methods other than __init__, __str__ and __repr__ are not translated", line: statementLine)
                    }
                    if isThread && ["start", "join", "is_alive"].contains(method.name) {
                        throw Refusal(construct: "def \(method.name)", reason: "a Thread subclass overrides `run` only", line: statementLine)
                    }
                    members.append(try functionText(key, overrides: isThread && method.name == "run"))
                }
            case .expr(let value):
                if case .constant(.string) = value.kind { continue }
                throw Refusal(construct: "class body", reason: "only methods are translated in a class body", line: statementLine)
            case .pass:
                continue
            default:
                throw Refusal(construct: "class attribute", reason: "class-level attributes are not translated; set them in __init__", line: statementLine)
            }
        }
        let current = state.classes[def.name] ?? info
        var writer = SwiftWriter()
        // A thread is shared between threads by nature, as every Python object may be.
        let conformances = isThread ? "PythonThread, PythonPrintable, @unchecked Sendable" : "PythonPrintable"
        try writer.block("final class \(info.swiftName): \(conformances)") { body in
            for field in current.fieldOrder {
                let type = current.fieldTypes[field] ?? .unknown
                guard let swift = type.swift else {
                    if state.isFinal {
                        throw Refusal(construct: "self.\(field)", reason: "cannot tell the type of field `\(field)`", line: line)
                    }
                    continue
                }
                body.line("var \(SwiftNames.identifier(field)): \(swift)")
            }
            if let initializer {
                body.blank()
                body.append(initializer)
            } else if !isThread {
                // A thread subclass without `__init__` inherits `init(name:daemon:)`.
                body.blank()
                body.line("init() {}")
            }
            for member in members {
                if !body.lines.isEmpty { body.blank() }
                body.append(member)
            }
            if !body.lines.isEmpty { body.blank() }
            if let strBody {
                body.block("var pythonStr: String") { $0.append(strBody) }
            }
            if let reprBody {
                body.block("var pythonRepr: String") { $0.append(reprBody) }
            } else {
                body.line("var pythonRepr: String { \"<__main__.\(def.name) object at \\(Unmanaged.passUnretained(self).toOpaque())>\" }")
            }
            body.line("var description: String { pythonStr }")
        }
        outputs[currentOutputIndex].definitions.append(writer)
    }
}

extension TranslationSession {
    /// `threading.Thread` or `Thread` imported from `threading`.
    func isThreadClass(_ base: Expr) -> Bool {
        switch base.kind {
        case .attribute(let value, "Thread", _):
            if case .name(let id, _) = value.kind, case .imported("threading")? = bindings[id] { return true }
            return false
        case .name(let id, _):
            if case .imported("threading.Thread")? = bindings[id] { return true }
            return false
        default:
            return false
        }
    }
}

extension TranslationSession {
    /// A Thread subclass's `__init__`. Swift sets every field before `super.init`, where Python
    /// calls `super().__init__()` first: the call moves after the last field assignment, which is
    /// the same program as long as nothing before it reads `self`.
    func threadInitializerBody(_ statements: [Stmt], _ translator: BodyTranslator, line: Int) throws -> SwiftWriter {
        let superIndex = statements.firstIndex { Self.superInitCall($0) != nil }
        let lastField = statements.lastIndex { Self.assignedField($0) != nil }
        let split = max(superIndex ?? -1, lastField ?? -1)
        var before: [Stmt] = []
        var after: [Stmt] = []
        for (index, statement) in statements.enumerated() where index != superIndex {
            if index <= split { before.append(statement) } else { after.append(statement) }
        }
        for statement in before {
            let read = Self.assignedField(statement).map { [Stmt(.expr(value: $0), statement.range)] } ?? [statement]
            if NameOccurrences.of(read).loads.contains("self") {
                throw Refusal(construct: "self", reason: "a Thread subclass reads `self` before all its fields are set; set the fields first", line: statement.range.start.line)
            }
        }
        var arguments: [String] = []
        if let superIndex, let call = Self.superInitCall(statements[superIndex]) {
            let superLine = statements[superIndex].range.start.line
            guard call.args.isEmpty else {
                throw Refusal(construct: "super().__init__(…)", reason: "pass a Thread subclass's options by keyword", line: superLine)
            }
            for keyword in call.keywords {
                guard let name = keyword.arg, name == "name" || name == "daemon" else {
                    throw Refusal(construct: "super().__init__(\(keyword.arg ?? "**")=…)", reason: "a Thread subclass does its work in `run`; only name and daemon are passed on", line: superLine)
                }
                let value = try translator.coerce(translator.expression(keyword.value), to: name == "name" ? .str : .bool, line: superLine)
                arguments.append("\(name): \(value.text)")
            }
        }
        var body = SwiftWriter()
        try translator.translateBlock(before, into: &body)
        body.line("super.init(\(arguments.joined(separator: ", ")))")
        try translator.translateBlock(after, into: &body)
        return body
    }

    /// The arguments of `super().__init__(…)`, of the older `super(Worker, self).__init__(…)`, or
    /// of `threading.Thread.__init__(self, …)`.
    static func superInitCall(_ statement: Stmt) -> (args: [Expr], keywords: [Keyword])? {
        guard case .expr(let value) = statement.kind, case .call(let function, let args, let keywords) = value.kind,
              case .attribute(let object, "__init__", _) = function.kind else { return nil }
        switch object.kind {
        case .call(let callee, _, []):
            guard case .name("super", _) = callee.kind else { return nil }
            return (args, keywords)
        case .attribute(_, "Thread", _), .name("Thread", _):
            guard let first = args.first, case .name("self", _) = first.kind else { return nil }
            return (Array(args.dropFirst()), keywords)
        default:
            return nil
        }
    }

    /// The value of `self.field = value`.
    static func assignedField(_ statement: Stmt) -> Expr? {
        guard case .assign(let targets, let value) = statement.kind, targets.count == 1,
              case .attribute(let object, _, _) = targets[0].kind, case .name("self", _) = object.kind else { return nil }
        return value
    }
}

extension SwiftWriter {
    /// The lines between a block's first line and its closing brace, one level less indented.
    static func bodyLines(of block: SwiftWriter) -> SwiftWriter {
        var result = SwiftWriter()
        var lines = block.lines.filter { $0 != "@discardableResult" }
        guard lines.count >= 2 else { return result }
        lines.removeFirst()
        lines.removeLast()
        for text in lines { result.line(text.hasPrefix("    ") ? String(text.dropFirst(4)) : text) }
        return result
    }
}
