import PythonFrontEnd

/// Gradual typing over a note's cells. Every cell is tried statically first; a cell the static
/// translator refuses, for anything but a construct outside the surface, is lowered over
/// `PyObject` instead. Names shared between cells keep one Swift type: a static cell that reads
/// or rebinds a name a dynamic cell binds becomes dynamic too, and so does a static cell whose
/// value a dynamic cell needs but cannot convert (a function, a class), until nothing changes.
enum GradualTyping {
    /// What a cell does with module-level names.
    struct CellNames {
        var binds: Set<String> = []
        var importBinds: Set<String> = []
        var definitions: Set<String> = []
        /// Read at module level before the cell binds them (or never bound by it), or read by a
        /// function or class body.
        var freeReads: Set<String> = []
        var nestedReads: Set<String> = []
        /// Changed in place (`xs.append(…)`, `d[k] = v`): a converted copy would not see it.
        var mutates: Set<String> = []
    }

    static func names(_ body: [Stmt]) -> CellNames {
        let facts = DynamicScopeFacts.of(body)
        var result = CellNames()
        result.binds = Set(facts.bound).union(facts.nestedGlobalStores)
        for statement in body {
            switch statement.kind {
            case .functionDef(let def), .asyncFunctionDef(let def): result.definitions.insert(def.name)
            case .classDef(let def): result.definitions.insert(def.name)
            case .import(let names):
                for alias in names { result.importBinds.insert(alias.asname ?? String(alias.name.split(separator: ".").first ?? "")) }
            case .importFrom(_, let names, _):
                for alias in names { result.importBinds.insert(alias.asname ?? alias.name) }
            default: break
            }
        }
        for (name, positions) in facts.loads {
            let firstStore = facts.stores[name]?.map(\.position).min()
            if let firstStore, let firstLoad = positions.min(), firstLoad > firstStore { continue }
            result.freeReads.insert(name)
        }
        result.nestedReads = facts.nestedLoads
        result.freeReads.formUnion(facts.nestedLoads)
        DynamicSyntax.forEachExpression(in: body) { expression in
            switch expression.kind {
            case .call(let function, _, _):
                if case .attribute(let object, let method, _) = function.kind, case .name(let id, _) = object.kind,
                   mutatingMethods.contains(method) { result.mutates.insert(id) }
            case .subscript(let object, _, let ctx) where ctx != .load:
                if case .name(let id, _) = object.kind { result.mutates.insert(id) }
            case .attribute(let object, _, let ctx) where ctx != .load:
                if case .name(let id, _) = object.kind { result.mutates.insert(id) }
            default: break
            }
        }
        return result
    }

    static let mutatingMethods: Set<String> = [
        "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "add", "update",
        "discard", "setdefault", "popitem", "appendleft", "popleft", "difference_update", "intersection_update",
    ]

    /// Whether dropping the statement loses only the names it binds (a `def`, a `class`, an import).
    static func isDroppable(_ statement: Stmt) -> Bool {
        switch statement.kind {
        case .functionDef, .asyncFunctionDef, .classDef, .import, .importFrom: true
        default: false
        }
    }

    static func translate(_ sources: [CellSource]) -> NoteTranslation {
        var cells = sources
        let count = cells.count
        let aliases = DynamicSurface.moduleAliases(sources.map(\.module.body))
        var refusedOutright: [Int: Refusal] = [:]
        var droppedNotes: [Int: [TranslatorNote]] = [:]
        var droppedNames: [Int: [String: Refusal]] = [:]
        // Constructs outside the surface: a `def`/`class`/import holding one is left out alone
        // (later code that uses its name is refused); any other statement takes its cell.
        for position in 0..<count where cells[position].refusal == nil {
            var kept: [Stmt] = []
            var firstDropped: Refusal?
            for statement in cells[position].module.body {
                guard let refusal = DynamicSurface.outsideConstruct(in: statement, moduleAliases: aliases) else {
                    kept.append(statement)
                    continue
                }
                guard isDroppable(statement) else {
                    refusedOutright[position] = refusal
                    break
                }
                firstDropped = firstDropped ?? refusal
                for name in TranslationSession.boundNames([statement]) {
                    droppedNames[position, default: [:]][name] = refusal
                    droppedNotes[position, default: []].append(TranslatorNote(
                        line: statement.range.start.line, text: "`\(name)` is left out: \(refusal.message); the rest of the snippet runs"))
                }
            }
            if refusedOutright[position] == nil {
                if kept.isEmpty, let firstDropped { refusedOutright[position] = firstDropped } else { cells[position].module.body = kept }
            }
        }
        var cellNames = cells.map { names($0.module.body) }
        var dynamic: Set<Int> = []
        var why: [Int: String] = [:]
        var failed: [Int: Refusal] = [:]
        for position in 0..<count where cells[position].refusal == nil {
            guard let message = cells[position].staticSwiftFailed else { continue }
            dynamic.insert(position)
            why[position] = "its static Swift did not compile (\(message))"
        }
        var session: TranslationSession!
        var dynamicOutputs: [Int: DynamicCellOutput] = [:]
        var environment = DynamicEnvironment()
        for _ in 0..<(count * 3 + 6) {
            let staticCells = (0..<count).map { position -> CellSource in
                var cell = cells[position]
                if let refusal = refusedOutright[position] ?? failed[position] {
                    cell.refusal = cell.refusal ?? refusal
                    cell.module = sources[position].module
                } else if dynamic.contains(position) {
                    cell.module.body = cell.module.body.filter { if case .import = $0.kind { true } else if case .importFrom = $0.kind { true } else { false } }
                    cell.namesBoundElsewhere = Array(cellNames[position].binds.subtracting(cellNames[position].importBinds)).sorted()
                }
                cell.namesBoundElsewhere += (droppedNames[position] ?? [:]).keys.sorted()
                return cell
            }
            session = NoteTranslator.translateStatically(staticCells, analysisCells: cells)
            var changed = false
            for position in 0..<count where !dynamic.contains(position) && refusedOutright[position] == nil
                && failed[position] == nil && cells[position].refusal == nil {
                if let refusal = session.outputs[position].refusal {
                    dynamic.insert(position)
                    why[position] = "the static translator refused it: \(refusal.construct) at line \(refusal.line) (\(refusal.reason))"
                    changed = true
                }
            }
            if cascade(cellNames: cellNames, dynamic: &dynamic, why: &why, excluded: Set(refusedOutright.keys).union(failed.keys)
                        .union((0..<count).filter { cells[$0].refusal != nil }), session: session, cells: cells) {
                changed = true
            }
            if changed { continue }
            environment = makeEnvironment(cells: cells, cellNames: cellNames, dynamic: dynamic, session: session,
                                          refused: Set(refusedOutright.keys).union(failed.keys).union((0..<count).filter { cells[$0].refusal != nil }),
                                          droppedNames: droppedNames)
            dynamicOutputs = [:]
            var owners: Set<String> = []
            for position in dynamic.sorted() {
                let lowering = DynamicLowering(environment: environment, cell: cells[position].index, firstLine: cells[position].firstLine)
                let declaring = cellNames[position].binds.filter { environment.globals[$0] != nil && !owners.contains($0) }.sorted()
                do {
                    var output = try lowering.lowerCell(cells[position].module.body, declaring: declaring)
                    owners.formUnion(declaring)
                    let dynamicNames = cellNames[position].binds.sorted()
                    let listed = dynamicNames.prefix(8).map { "`\($0)`" }.joined(separator: ", ") + (dynamicNames.count > 8 ? " …" : "")
                    output.notes.insert(TranslatorNote(
                        line: cells[position].module.body.first?.range.start.line ?? 0,
                        text: "dynamic: translated over PyObject, Python's own object model, because \(why[position] ?? "its types are not sure")"
                            + (dynamicNames.isEmpty ? "" : "; dynamic names: \(listed)")), at: 0)
                    dynamicOutputs[position] = output
                } catch let refusal as Refusal {
                    failed[position] = refusal
                    dynamic.remove(position)
                    changed = true
                    break
                } catch {
                    failed[position] = Refusal(construct: "snippet", reason: "\(error)", line: cells[position].module.body.first?.range.start.line ?? 0)
                    dynamic.remove(position)
                    changed = true
                    break
                }
            }
            cellNames = cells.map { names($0.module.body) }
            if !changed { break }
        }
        var outputs = session.outputs
        for position in 0..<count {
            if let output = dynamicOutputs[position] {
                var converted = TranslationSession.CellOutput()
                converted.fileScope = output.fileScope
                converted.body = output.body
                converted.notes = (droppedNotes[position] ?? []) + output.notes
                outputs[position] = converted
            } else {
                if let refusal = failed[position] { outputs[position] = TranslationSession.CellOutput(refusal: refusal) }
                if outputs[position].refusal == nil { outputs[position].notes = (droppedNotes[position] ?? []) + outputs[position].notes }
            }
        }
        let dynamicIndices = Set(dynamicOutputs.keys.map { cells[$0].index })
        return NoteTranslator.assemble(cells, outputs, dynamic: dynamicIndices, prelude: dynamicOutputs.isEmpty ? [] : prelude)
    }

    /// Helpers of the dynamic cells that the runtime does not provide (yet): they use nothing but
    /// the contract's API.
    static let prelude = [
        "/// Python's NameError for a name no snippet binds, raised when the read runs.",
        "func cellNameError(_ name: String) throws -> PyObject {",
        "    throw try PyException(raising: Py.NameError(PyObject(\"name '\\(name)' is not defined\")))",
        "}",
        "",
        "/// A module global read after `del`, or before any assignment.",
        "func boundGlobal(_ value: PyObject?, _ name: String) throws -> PyObject {",
        "    guard let value else { return try cellNameError(name) }",
        "    return value",
        "}",
        "",
        "/// A local read before its assignment: CPython's UnboundLocalError.",
        "func boundLocal(_ value: PyObject?, _ name: String) throws -> PyObject {",
        "    guard let value else {",
        "        throw try PyException(raising: Py.UnboundLocalError(PyObject(\"cannot access local variable '\\(name)' where it is not associated with a value\")))",
        "    }",
        "    return value",
        "}",
        "",
        "/// `a and b`: `a` when it is false, else `b`, which only then is evaluated.",
        "func pyAnd(_ left: PyObject, _ right: @autoclosure () throws -> PyObject) throws -> PyObject {",
        "    try left.truthy() ? right() : left",
        "}",
        "",
        "/// `a or b`: `a` when it is true, else `b`.",
        "func pyOr(_ left: PyObject, _ right: @autoclosure () throws -> PyObject) throws -> PyObject {",
        "    try left.truthy() ? left : right()",
        "}",
    ]

    /// Names any cell reads from outside (another cell, a function body, a `global`).
    static func sharedNames(_ cellNames: [CellNames]) -> Set<String> {
        var shared: Set<String> = []
        for (position, names) in cellNames.enumerated() {
            shared.formUnion(names.nestedReads)
            for other in cellNames.indices where other != position {
                shared.formUnion(names.freeReads.intersection(cellNames[other].binds))
            }
        }
        return shared
    }

    /// One round of the cascade; returns whether it made another cell dynamic.
    static func cascade(cellNames: [CellNames], dynamic: inout Set<Int>, why: inout [Int: String], excluded: Set<Int>,
                        session: TranslationSession, cells: [CellSource]) -> Bool {
        var changed = false
        let shared = sharedNames(cellNames)
        var dynamicBinders: [String: Int] = [:]
        for position in dynamic.sorted() {
            for name in cellNames[position].binds.subtracting(cellNames[position].importBinds) where dynamicBinders[name] == nil {
                dynamicBinders[name] = cells[position].index
            }
        }
        for position in cellNames.indices where !dynamic.contains(position) && !excluded.contains(position) {
            let names = cellNames[position]
            if let name = names.freeReads.filter({ dynamicBinders[$0] != nil }).sorted().first {
                dynamic.insert(position)
                why[position] = "it reads `\(name)`, which snippet \(dynamicBinders[name]!) binds dynamically"
                changed = true
                continue
            }
            let rebound = names.binds.subtracting(names.importBinds).filter { dynamicBinders[$0] != nil && (shared.contains($0) || names.definitions.contains($0)) }
            if let name = rebound.sorted().first {
                dynamic.insert(position)
                why[position] = "it binds `\(name)`, which snippet \(dynamicBinders[name]!) binds dynamically"
                changed = true
            }
        }
        // A dynamic cell reading a static value it cannot convert, or changing it in place.
        for position in dynamic.sorted() {
            let names = cellNames[position]
            for name in names.freeReads.sorted() where dynamicBinders[name] == nil {
                let binders = cellNames.indices.filter { $0 != position && !dynamic.contains($0) && !excluded.contains($0)
                    && cellNames[$0].binds.contains(name) && !cellNames[$0].importBinds.contains(name) }
                guard !binders.isEmpty else { continue }
                let convertible = staticValue(name, session: session) != nil
                guard !convertible || names.mutates.contains(name) else { continue }
                for binder in binders where !dynamic.contains(binder) {
                    dynamic.insert(binder)
                    why[binder] = convertible
                        ? "snippet \(cells[position].index) changes `\(name)` in place"
                        : "snippet \(cells[position].index), which is dynamic, uses `\(name)`"
                    changed = true
                }
            }
        }
        return changed
    }

    /// A static name as a `PyObject` expression, when its static type converts.
    static func staticValue(_ name: String, session: TranslationSession) -> (text: String, throwing: Bool)? {
        if case .imported(let qualified)? = session.bindings[name] {
            if SupportedModules.all.contains(qualified) { return ("Py.importModule(\(SwiftNames.stringLiteral(qualified)))", true) }
            if let dot = qualified.lastIndex(of: ".") {
                let module = String(qualified[..<dot]), member = String(qualified[qualified.index(after: dot)...])
                return ("Py.importModule(\(SwiftNames.stringLiteral(module))).\(DynamicLowering.memberAccess(member))", true)
            }
        }
        guard session.state.fileScope.contains(name), let type = session.state.fileScopeTypes[name], isConvertible(type) else { return nil }
        return ("PyObject(\(SwiftNames.identifier(name)))", false)
    }

    static func isConvertible(_ type: PyType) -> Bool {
        switch type {
        case .int, .float, .bool, .str, .number: true
        case .optional(let inner), .list(let inner), .set(let inner): isConvertible(inner)
        case .dict(let key, let value): isConvertible(key) && isConvertible(value)
        default: false
        }
    }

    static func makeEnvironment(cells: [CellSource], cellNames: [CellNames], dynamic: Set<Int>, session: TranslationSession,
                                refused: Set<Int>, droppedNames: [Int: [String: Refusal]]) -> DynamicEnvironment {
        var environment = DynamicEnvironment()
        let shared = sharedNames(cellNames)
        var dynamicBound: Set<String> = []
        for position in dynamic { dynamicBound.formUnion(cellNames[position].binds) }
        for name in dynamicBound where shared.contains(name) {
            environment.globals[name] = DynamicIdentifiers.global(name)
        }
        for position in dynamic {
            environment.cellLocal[cells[position].index] = cellNames[position].binds.filter { environment.globals[$0] == nil }
        }
        var translatedBound: Set<String> = dynamicBound
        for position in cellNames.indices where !dynamic.contains(position) && !refused.contains(position) {
            translatedBound.formUnion(cellNames[position].binds)
            for name in cellNames[position].binds where environment.globals[name] == nil {
                if let value = staticValue(name, session: session) { environment.staticValues[name] = value }
            }
        }
        for position in refused.sorted() {
            let names = TranslationSession.boundNames(cells[position].module.body) + cells[position].unparsedNames
            for name in names where !translatedBound.contains(name) && environment.refusedNames[name] == nil {
                environment.refusedNames[name] = (cells[position].index, "")
            }
        }
        for (position, names) in droppedNames {
            for (name, refusal) in names where !translatedBound.contains(name) || environment.globals[name] == nil {
                environment.refusedNames[name] = (cells[position].index, refusal.message)
                environment.globals[name] = nil
            }
        }
        return environment
    }
}
