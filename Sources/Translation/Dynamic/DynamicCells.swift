import PythonFrontEnd

/// One cell lowered over `PyObject`: its file-scope variables, the body of its `cellN()`, and the
/// translator's notes.
struct DynamicCellOutput {
    var fileScope = SwiftWriter()
    var body = SwiftWriter()
    var notes: [TranslatorNote] = []
}

extension DynamicLowering {
    /// Lowers the cell's statements; `declaring` are the globals whose `var` this cell's page holds.
    func lowerCell(_ body: [Stmt], declaring: [String]) throws -> DynamicCellOutput {
        var output = DynamicCellOutput()
        for name in declaring {
            guard let swift = environment.globals[name] else { continue }
            let initial = DynamicBuiltins.names.contains(name) ? "Py.\(name)" : ".none"
            output.fileScope.line("nonisolated(unsafe) var \(swift): PyObject = \(initial)")
        }
        let facts = DynamicScopeFacts.of(body)
        _ = enter(.cell, facts: facts)
        defer { leave() }
        var writer = SwiftWriter()
        declareVariables(into: &writer)
        try block(body, into: &writer)
        output.body = Self.withLineSlot(writer)
        output.notes = notes
        return output
    }
}

extension DynamicSurface {
    /// The first construct outside the surface in a statement (nested bodies included), by the
    /// names it calls and the modules it imports; the static and dynamic sides agree on these.
    static func outsideConstruct(in statement: Stmt, moduleAliases: [String: String]) -> Refusal? {
        var found: Refusal?
        func check(_ body: [Stmt]) {
            for statement in body where found == nil {
                let line = statement.range.start.line
                switch statement.kind {
                case .import(let names):
                    for alias in names where found == nil {
                        do { try checkModule(alias.name, line: line) } catch let refusal as Refusal { found = refusal } catch {}
                    }
                case .importFrom(let module?, let names, 0):
                    if module == "__future__" { break }
                    do {
                        try checkModule(module, line: line)
                        for alias in names { try checkMember(module, alias.name, line: line) }
                    } catch let refusal as Refusal { found = refusal } catch {}
                default:
                    break
                }
            }
            DynamicSyntax.forEachExpression(in: body) { expression in
                guard found == nil else { return }
                let line = expression.range.start.line
                switch expression.kind {
                case .call(let function, _, _):
                    if case .name(let id, _) = function.kind, let reason = DynamicBuiltins.refused[id], id != "locals", id != "globals" {
                        found = Refusal(construct: id, reason: reason, line: line)
                    }
                case .attribute(let object, let attr, _):
                    if case .name(let id, _) = object.kind, let module = moduleAliases[id],
                       let reason = outsideMembers["\(module).\(attr)"], !reason.isEmpty {
                        found = Refusal(construct: "\(module).\(attr)", reason: reason, line: line)
                    }
                default:
                    break
                }
            }
        }
        check([statement])
        return found
    }

    /// Module names each alias stands for (`import os as o` → `o: os`), across a note.
    static func moduleAliases(_ cells: [[Stmt]]) -> [String: String] {
        var aliases: [String: String] = [:]
        func visit(_ body: [Stmt]) {
            for statement in body {
                if case .import(let names) = statement.kind {
                    for alias in names {
                        if let asname = alias.asname { aliases[asname] = alias.name } else {
                            let root = String(alias.name.split(separator: ".").first ?? "")
                            aliases[root] = root
                        }
                    }
                }
                for block in DynamicSyntax.blocks(of: statement) { visit(block) }
            }
        }
        for body in cells { visit(body) }
        return aliases
    }
}
