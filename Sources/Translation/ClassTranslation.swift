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
        let bases = def.bases.filter { if case .name("object", _) = $0.kind { false } else { true } }
        guard bases.isEmpty, def.keywords.isEmpty else {
            throw Refusal(construct: "class \(def.name)(…)", reason: "inheritance is not translated", line: line)
        }
        guard def.decoratorList.isEmpty else {
            throw Refusal(construct: "@\(def.name)", reason: "class decorators (dataclasses) are not translated", line: line)
        }
        registerClass(def, line: line, cell: cell)
        bindings[def.name] = .class(def.name)
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
                    members.append(try functionText(key))
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
        try writer.block("final class \(info.swiftName): PythonPrintable") { body in
            for field in current.fieldOrder {
                let type = current.fieldTypes[field] ?? .unknown
                guard let swift = type.swift, type != .number else {
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
            } else {
                body.blank()
                body.line("init() {}")
            }
            for member in members {
                body.blank()
                body.append(member)
            }
            body.blank()
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
