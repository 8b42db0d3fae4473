import PythonFrontEnd

/// One pass over a note's cells, in note order; the translator runs passes until the types it
/// infers stop changing, then one last pass that writes the program.
final class TranslationSession {
    struct CellOutput {
        var fileScope = SwiftWriter()
        var definitions: [SwiftWriter] = []
        var body = SwiftWriter()
        var notes: [TranslatorNote] = []
        var refusal: Refusal?
    }

    let cells: [CellSource]
    let state: NoteState
    var bindings: [String: Binding] = [:]
    var refusedNames: [String: Int] = [:]
    var outputs: [CellOutput] = []
    private var currentOutput = 0
    var currentOutputIndex: Int { currentOutput }
    /// The cell whose code first assigns each file-scope name: its page declares it.
    private var fileScopeOwner: [String: Int] = [:]
    private var declaredFileScope: Set<String> = []

    init(cells: [CellSource], state: NoteState) {
        self.cells = cells
        self.state = state
    }

    func addNote(_ note: TranslatorNote, cell: Int) {
        guard outputs.indices.contains(currentOutput), !outputs[currentOutput].notes.contains(note) else { return }
        outputs[currentOutput].notes.append(note)
    }

    // MARK: Passes

    func runPass() {
        bindings = [:]
        refusedNames = [:]
        outputs = []
        declaredFileScope = []
        assignSwiftNames()
        for (position, cell) in cells.enumerated() {
            outputs.append(CellOutput())
            currentOutput = position
            let savedBindings = bindings
            do {
                if let refusal = cell.refusal { throw refusal }
                try translateCell(cell)
                for name in cell.namesBoundElsewhere where refusedNames[name] == nil {
                    refusedNames[name] = cell.index
                    bindings[name] = nil
                }
            } catch let refusal as Refusal {
                bindings = savedBindings
                outputs[position] = CellOutput()
                outputs[position].refusal = refusal
                for name in Self.boundNames(cell.module.body) + cell.unparsedNames where refusedNames[name] == nil {
                    refusedNames[name] = cell.index
                    if bindings[name] != nil { bindings[name] = nil }
                }
            } catch {
                outputs[position].refusal = Refusal(construct: "snippet", reason: "\(error)", line: cell.module.body.first?.range.start.line ?? 0)
            }
        }
    }

    private func translateCell(_ cell: CellSource) throws {
        let body = cell.module.body
        for statement in body {
            switch statement.kind {
            case .functionDef(let def):
                registerFunction(def, line: statement.range.start.line, cell: cell.index, owner: nil)
                bindings[def.name] = .function(Self.key(def.name, statement.range.start.line))
            case .asyncFunctionDef(let def):
                registerFunction(def, line: statement.range.start.line, cell: cell.index, owner: nil, isAsync: true)
                bindings[def.name] = .function(Self.key(def.name, statement.range.start.line))
            case .classDef(let def):
                registerClass(def, line: statement.range.start.line, cell: cell.index)
                bindings[def.name] = .class(def.name)
            default:
                break
            }
        }
        let translator = BodyTranslator(
            session: self, scopeKey: "cell \(cell.index)", body: body, excluding: state.fileScope,
            functionKey: nil, ownerClass: nil, cell: cell.index)
        var writer = SwiftWriter()
        try translator.translateBlock(body, into: &writer)
        try declareFileScope(assignedIn: body, cell: cell.index, line: body.first?.range.start.line ?? 0)
        outputs[currentOutput].body = writer
    }

    /// `nonisolated(unsafe) var` for the cell's names other cells or functions use: Python's module
    /// globals are shared by every thread, as these are.
    private func declareFileScope(assignedIn body: [Stmt], cell: Int, line: Int) throws {
        let stored = Self.boundNames(body).filter { state.fileScope.contains($0) }
        for name in stored where !declaredFileScope.contains(name) {
            if let owner = fileScopeOwner[name], owner != cell { continue }
            fileScopeOwner[name] = cell
            declaredFileScope.insert(name)
            let type = state.fileScopeTypes[name] ?? .unknown
            guard let swiftType = type.swift else {
                if state.isFinal {
                    if case .function = type { continue }
                    if case .module = type { continue }
                    if type == .unknown { continue }
                    throw Refusal(construct: name, reason: "cannot tell the type of `\(name)`", line: line)
                }
                continue
            }
            let initial = type.swiftDefaultValue.map { " = \($0)" } ?? "!"
            outputs[currentOutput].fileScope.line("nonisolated(unsafe) var \(SwiftNames.identifier(name)): \(swiftType)\(initial)")
        }
    }

    // MARK: Imports

    func bindImport(module: String, member: String?, as alias: String?, line: Int) throws {
        let root = String(module.split(separator: ".").first ?? "")
        guard SupportedModules.all.contains(module) else {
            let reason = SupportedModules.refusalReasons[root] ?? SupportedModules.refusalReasons[module]
                ?? "`\(module)` is outside the translated surface (only the standard library's time, threading, concurrent.futures, os, sys and math are)"
            throw Refusal(construct: "import \(module)", reason: reason, line: line)
        }
        if module == "multiprocessing" || module == "concurrent.futures" && member == "ProcessPoolExecutor" {
            addNote(TranslatorNote(line: line, text: "processes become threads: Swift has no GIL, so threads already run in parallel"), cell: cells[currentOutput].index)
        }
        if let member {
            bindings[alias ?? member] = .imported("\(module).\(member)")
        } else if let alias {
            bindings[alias] = .imported(module)
        } else {
            bindings[root] = .imported(root)
        }
    }

    // MARK: Functions

    static func key(_ name: String, _ line: Int) -> String { "\(name)@\(line)" }

    func registerFunction(_ def: FunctionDef, line: Int, cell: Int, owner: String?, isAsync: Bool = false) {
        let key = Self.key(owner.map { "\($0)." } .map { $0 + def.name } ?? def.name, line)
        guard state.functions[key] == nil else { return }
        var info = FunctionInfo(
            key: key, name: def.name, swiftName: SwiftNames.identifier(def.name), def: def, cell: cell, line: line,
            ownerClass: owner, parameterTypes: [])
        info.parameterTypes = Array(repeating: .unknown, count: info.parameters.count)
        // Every asyncio wait can be cancelled, so every coroutine throws.
        info.isAsync = isAsync
        info.throwsErrors = isAsync
        for (index, parameter) in info.parameters.enumerated() {
            if let annotation = parameter.annotation, case .name(let id, _) = annotation.kind {
                let types: [String: PyType] = ["int": .int, "float": .float, "str": .str, "bool": .bool]
                if let type = types[id] { info.parameterTypes[index] = type }
            }
        }
        if let annotation = def.args.vararg?.annotation, case .name(let id, _) = annotation.kind {
            let types: [String: PyType] = ["int": .int, "float": .float, "str": .str, "bool": .bool]
            if let type = types[id] { info.varargType = type }
        }
        if !Self.returnsValue(def.body) { info.returnType = .none }
        state.functions[key] = info
    }

    /// Redefinitions with the same Swift signature get distinct names (`doSomething2`); others overload.
    private func assignSwiftNames() {
        var seen: [String: Int] = [:]
        let ordered = state.functions.values.filter { $0.ownerClass == nil }.sorted { ($0.cell, $0.line) < ($1.cell, $1.line) }
        for info in ordered {
            let base = SwiftNames.identifier(info.name)
            let varargs = info.def.args.vararg == nil ? [] : [(info.varargType.swift ?? "?") + "..."]
            let signature = base + "(" + (info.parameterTypes.map { $0.swift ?? "?" } + varargs).joined(separator: ",") + ")"
            let count = seen[signature, default: 0] + 1
            seen[signature] = count
            state.functions[info.key]?.swiftName = count == 1 ? base : base + String(count)
        }
    }

    static func returnsValue(_ body: [Stmt]) -> Bool {
        for statement in body {
            switch statement.kind {
            case .return(let value?):
                if case .constant(.none) = value.kind { continue }
                return true
            case .if(_, let a, let b), .for(_, _, let a, let b), .while(_, let a, let b):
                if returnsValue(a) || returnsValue(b) { return true }
            case .with(_, let a):
                if returnsValue(a) { return true }
            case .try(let block):
                if returnsValue(block.body) || returnsValue(block.orelse) || returnsValue(block.finalbody)
                    || block.handlers.contains(where: { returnsValue($0.body) }) { return true }
            default:
                continue
            }
        }
        return false
    }

    func translateTopLevelFunction(_ def: FunctionDef, line: Int, cell: Int, isAsync: Bool = false) throws {
        registerFunction(def, line: line, cell: cell, owner: nil, isAsync: isAsync)
        let key = Self.key(def.name, line)
        bindings[def.name] = .function(key)
        let writer = try functionText(key)
        outputs[currentOutput].definitions.append(writer)
    }

    /// The Swift `func` for a `def`, at file scope or as a method.
    func functionText(_ key: String, isInitializer: Bool = false, overrides: Bool = false,
                      enclosing: BodyTranslator? = nil) throws -> SwiftWriter {
        guard let info = state.functions[key] else { throw Refusal(construct: "def", reason: "unknown function", line: 0) }
        let def = info.def
        guard def.decoratorList.isEmpty else {
            throw Refusal(construct: "@decorator", reason: "decorators are not translated", line: info.line)
        }
        if let name = Self.localReadBeforeAssignment(def) {
            throw Refusal(construct: name, reason: "`\(name)` is read before the function assigns it (UnboundLocalError in Python)", line: info.line)
        }
        if let kwarg = def.args.kwarg {
            throw Refusal(construct: "def \(def.name)(**\(kwarg.arg))", reason: "collecting keyword arguments into a dict is not translated", line: info.line)
        }
        let translator = BodyTranslator(
            session: self, scopeKey: key, body: def.body, excluding: Set(def.args.allParameters.map(\.arg)),
            functionKey: key, ownerClass: info.ownerClass, cell: info.cell)
        translator.isInitializer = isInitializer
        translator.enclosing = enclosing
        defer { translator.restoreShadowedBindings() }
        if let owner = info.ownerClass, let selfName = (def.args.posonlyargs + def.args.args).first?.arg {
            translator.parameters[selfName] = Code("self", .instance(owner))
        }
        var parameterTexts: [String] = []
        var positionalCount = 0
        let vararg = try varargParameter(info, translator)
        var genericNames: [String] = []
        let defaults = info.defaults
        for (index, parameter) in info.parameters.enumerated() {
            var type = info.parameterTypes[index]
            var defaultText = ""
            if let defaultExpr = defaults[index] {
                let code = try translator.expression(defaultExpr)
                if type == .unknown { type = code.type }
                if case .none = code.type {
                    if case .optional = type {} else if type != .none && type != .unknown { type = .optional(type) }
                }
                defaultText = " = " + (try translator.coerce(code, to: type, line: info.line).text)
                if code.type != .none { state.observeArgument(function: key, index: index, code.type, line: info.line) }
            }
            let swiftName = SwiftNames.identifier(parameter.arg)
            translator.parameters[parameter.arg] = Code(swiftName, type)
            if type == .number { genericNames.append(parameter.arg) }
            guard let swiftType = type.swift else {
                if state.isFinal {
                    throw Refusal(construct: "def \(def.name)", reason: "`\(parameter.arg)` gets no type: \(def.name) is never called", line: info.line)
                }
                continue
            }
            let label = info.isLabeled(index) ? "" : "_ "
            if index < info.positionalCount { positionalCount += 1 }
            parameterTexts.append("\(label)\(swiftName): \(swiftType)\(defaultText)")
        }
        if let vararg { parameterTexts.insert(vararg, at: positionalCount) }
        var body = SwiftWriter()
        if isInitializer, let owner = info.ownerClass, state.classes[owner]?.isThread == true {
            body = try threadInitializerBody(def.body, translator, line: info.line)
        } else {
            try translator.translateBlock(def.body, into: &body)
        }
        if translator.throwsOutward { state.markThrows(function: key) }
        let current = state.functions[key]!
        if !genericNames.isEmpty {
            let list = genericNames.map { "`\($0)`" }.joined(separator: ", ")
            addNote(TranslatorNote(line: info.line, text: "`\(def.name)` is called with both ints and floats, so \(list) takes a `PyNumber`: each call prints its argument as Python does"), cell: info.cell)
        }
        var writer = SwiftWriter()
        let throwsText = (current.isAsync ? " async" : "") + (current.throwsErrors ? " throws" : "")
        if isInitializer {
            writer.block("init(\(parameterTexts.joined(separator: ", ")))\(throwsText)") { $0.append(body) }
            return writer
        }
        var returnText = ""
        if current.returnType != .none {
            guard let swift = current.returnType.swift else {
                if state.isFinal {
                    throw Refusal(construct: "def \(def.name)", reason: "cannot tell what \(def.name) returns", line: info.line)
                }
                return writer
            }
            returnText = " -> \(swift)"
            writer.line("@discardableResult")
        }
        let keyword = overrides ? "override func" : "func"
        writer.block("\(keyword) \(current.swiftName)(\(parameterTexts.joined(separator: ", ")))\(throwsText)\(returnText)") { $0.append(body) }
        return writer
    }

    /// `_ args: Int...` (or `_ args: [Int]` when a call spreads a sequence into it), bound in the
    /// body as a list that prints as the tuple Python makes of it.
    private func varargParameter(_ info: FunctionInfo, _ translator: BodyTranslator) throws -> String? {
        guard let vararg = info.def.args.vararg else { return nil }
        let swiftName = SwiftNames.identifier(vararg.arg)
        var code = Code(swiftName, .list(info.varargType))
        code.isArgumentTuple = true
        translator.parameters[vararg.arg] = code
        guard let element = info.varargType.elementSwift else {
            if state.isFinal {
                throw Refusal(construct: "def \(info.def.name)(*\(vararg.arg))", reason: "its arguments are of different types, or it is never called with any", line: info.line)
            }
            return nil
        }
        return "_ \(swiftName): " + (info.varargTakesArray ? "[\(element)]" : "\(element)...")
    }

    /// A local of the function whose first use in the text is a read: Python raises there.
    static func localReadBeforeAssignment(_ def: FunctionDef) -> String? {
        let facts = DynamicScopeFacts.of(def.body, parameters: def.args.allParameters.map(\.arg))
        for name in facts.localNames where !def.args.allParameters.contains(where: { $0.arg == name }) {
            guard let firstStore = facts.stores[name]?.map(\.position).min(), let firstLoad = facts.loads[name]?.min() else { continue }
            let insideConstruct = facts.stores[name]?.contains { $0.construct.map { firstLoad >= $0.start && firstLoad < $0.end } ?? false } ?? false
            if firstLoad < firstStore && !insideConstruct { return name }
        }
        return nil
    }

    // MARK: Names a cell binds

    static func boundNames(_ body: [Stmt]) -> [String] {
        let occurrences = NameOccurrences.of(body)
        var names: [String] = occurrences.definitions
        for occurrence in occurrences.occurrences where occurrence.kind == .store && !names.contains(occurrence.name) {
            names.append(occurrence.name)
        }
        return names
    }
}
