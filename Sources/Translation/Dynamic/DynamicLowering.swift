import PythonFrontEnd

/// What the rest of the note is, as a dynamic cell sees it.
struct DynamicEnvironment {
    /// Module globals bound by dynamic cells: Python name → Swift file-scope variable.
    var globals: [String: String] = [:]
    /// Names static cells bind that dynamic cells may read: Python name → a `PyObject` expression
    /// (`PyObject(count)`, `Py.importModule("time")`) and whether it throws.
    var staticValues: [String: (text: String, throwing: Bool)] = [:]
    /// Names bound only by refused cells, and the snippet that binds them.
    var refusedNames: [String: (cell: Int, reason: String)] = [:]
    /// Module-level names of each dynamic cell that no other cell and no function reads: they
    /// live inside the cell's function, as a static cell's do.
    var cellLocal: [Int: Set<String>] = [:]
}

/// How one Python name of a scope is held in Swift.
enum DynamicStorage: Equatable {
    /// `let name = value` where its one assignment is.
    case letAtStore
    /// `var name: PyObject = .none`, declared where the scope starts.
    case variable
    /// `var name: PyObject? = nil`: read somewhere before it is first assigned (or after `del`),
    /// so a read checks, raising UnboundLocalError (NameError at module level) as CPython does.
    case unboundable
    /// Bound by its `for` loop (or `except … as`) only and read only inside it:
    /// `while let name = try iterator.next()`.
    case loopBinding
    /// Never read: each assignment evaluates the value and drops it.
    case discarded
    /// A parameter, bound from the call's arguments.
    case parameter(mutable: Bool)
    /// A class body's name: `namespace["name"]`.
    case namespace
}

/// One Python scope being lowered: a cell, a function, a lambda, a comprehension or a class body.
final class LoweringScope {
    enum Kind { case cell, function, lambda, comprehension, classBody }
    let kind: Kind
    let facts: DynamicScopeFacts
    var storage: [String: DynamicStorage] = [:]
    var swiftNames: [String: String] = [:]
    /// Temporaries written so far in this Swift function, so each is declared once.
    var temporaries: Set<String> = []
    var generatorName: String?
    var coroutineName: String?
    /// For a method: the class object and the Swift name of its first parameter, for `super()`.
    var methodClass: String?
    var firstParameter: String?
    /// Statements that must run on every way out (`finally`, `with`'s `__exit__`), innermost last,
    /// with the loop depth they were entered at.
    var exits: [(code: [String], loopDepth: Int)] = []
    var loopDepth = 0
    /// One entry per loop being lowered, innermost last: the flag a `break` sets when the loop
    /// has an `else` that must then be skipped.
    var loopBreakFlags: [String?] = []
    /// The `caught` temporaries of the `except` clauses being lowered, innermost last: a bare
    /// `raise` rethrows the last.
    var handlers: [String] = []
    /// Names whose `let` was written already.
    var declared: Set<String> = []

    init(kind: Kind, facts: DynamicScopeFacts) {
        self.kind = kind
        self.facts = facts
    }

    var isFunctionLike: Bool { kind == .function || kind == .lambda || kind == .comprehension }
}

/// Lowers one cell to Swift over `PyObject`.
final class DynamicLowering {
    let environment: DynamicEnvironment
    let cell: Int
    /// The note line of the cell's first line, from which the lines the program reports count.
    let firstLine: Int
    var scopes: [LoweringScope] = []
    private(set) var notes: [TranslatorNote] = []

    init(environment: DynamicEnvironment, cell: Int, firstLine: Int = 1) {
        self.environment = environment
        self.cell = cell
        self.firstLine = firstLine
    }

    /// A note line as CPython numbers it within the cell.
    func cellLine(_ noteLine: Int) -> Int { max(1, noteLine - firstLine + 1) }

    /// `statements` after the fetch of the running thread's line slot they store to, when they
    /// store to it. Each body that may run on a thread of its own (a cell, a function, a generator)
    /// fetches its own, so no thread writes another's.
    static func withLineSlot(_ statements: SwiftWriter) -> SwiftWriter {
        guard statements.text.contains("frameLine.pointee") else { return statements }
        var body = SwiftWriter()
        body.line("let frameLine = Py.lineSlot()")
        body.append(statements)
        return body
    }

    var scope: LoweringScope { scopes[scopes.count - 1] }

    func refuse(_ construct: String, _ reason: String, at line: Int) -> Refusal {
        Refusal(construct: construct, reason: reason, line: line)
    }

    func note(_ text: String, at line: Int) {
        let note = TranslatorNote(line: line, text: text)
        if !notes.contains(note) { notes.append(note) }
    }

    // MARK: Scopes

    /// Enters a scope, deciding each local's storage; `parameters` are bound from the call.
    func enter(_ kind: LoweringScope.Kind, facts: DynamicScopeFacts, parameters: [String] = [], mutableParameters: Bool = true) -> LoweringScope {
        let scope = LoweringScope(kind: kind, facts: facts)
        let localNames: [String]
        if kind == .cell { localNames = Array(environment.cellLocal[cell] ?? []).sorted() } else { localNames = facts.localNames }
        var taken = Set(localNames.map(DynamicIdentifiers.local))
        for name in localNames {
            // A walrus in a comprehension binds in the enclosing function.
            if kind == .comprehension && facts.walrusTargets.contains(name) { continue }
            scope.swiftNames[name] = DynamicIdentifiers.local(name)
            if kind == .classBody {
                scope.storage[name] = .namespace
                continue
            }
            if parameters.contains(name) {
                let reassigned = (facts.stores[name]?.count ?? 0) > 1 || facts.nestedRebinds.contains(name)
                scope.storage[name] = .parameter(mutable: reassigned && mutableParameters)
                continue
            }
            scope.storage[name] = storage(for: name, facts: facts)
        }
        // Temporaries must not hide a Python name of the scope or an enclosing one.
        for outer in scopes { taken.formUnion(outer.swiftNames.values) }
        taken.formUnion(facts.allReads.map(DynamicIdentifiers.local))
        scope.temporaries = taken
        scopes.append(scope)
        return scope
    }

    func leave() { scopes.removeLast() }

    private func storage(for name: String, facts: DynamicScopeFacts) -> DynamicStorage {
        let stores = facts.stores[name] ?? []
        let loads = facts.loads[name] ?? []
        if facts.deleted.contains(name) { return .unboundable }
        if let firstStore = stores.map(\.position).min(), let firstLoad = loads.min(), firstLoad < firstStore,
           !stores.contains(where: { $0.construct.map { firstLoad >= $0.start && firstLoad < $0.end } ?? false }) {
            return .unboundable
        }
        if facts.nestedRebinds.contains(name) { return .variable }
        if !facts.isRead(name) { return .discarded }
        let nestedReads = facts.nestedScopeStarts.filter { $0.reads.contains(name) }.map(\.position)
        if stores.count == 1, let store = stores.first {
            if store.isTopLevelWhole && !store.isAugmented && !(loads + nestedReads).contains(where: { $0 < store.end }) {
                return .letAtStore
            }
            if let loop = store.construct, nestedReads.isEmpty,
               loads.allSatisfy({ $0 >= loop.start && $0 < loop.end }) {
                return .loopBinding
            }
        }
        return .variable
    }

    /// A fresh Swift name for a temporary of the current Swift function.
    func temporaryName(_ base: String) -> String {
        var candidate = base
        var counter = 2
        while scope.temporaries.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        scope.temporaries.insert(candidate)
        return candidate
    }

    /// `var` declarations for the scope's names that are assigned in more than one place.
    func declareVariables(into writer: inout SwiftWriter) {
        for name in scope.facts.bound where scope.storage[name] == .variable {
            writer.line("var \(scope.swiftNames[name]!): PyObject = .none")
        }
        for name in scope.facts.bound where scope.storage[name] == .unboundable {
            writer.line("var \(scope.swiftNames[name]!): PyObject? = nil")
        }
        if scope.kind == .cell {
            for name in (environment.cellLocal[cell] ?? []).sorted() where scope.storage[name] == .variable && !scope.facts.bound.contains(name) {
                writer.line("var \(scope.swiftNames[name]!): PyObject = .none")
            }
        }
    }

    // MARK: Names

    enum Resolved {
        case local(LoweringScope, String)
        case global(String)
        case namespace(String)
        case value(DynamicCode)
    }

    /// Where a read or write of `name` goes, by Python's rules: the function's locals, then the
    /// enclosing functions' (class bodies skipped), then module globals, then builtins.
    func resolve(_ name: String, line: Int, forStore: Bool = false) throws -> Resolved {
        var index = scopes.count - 1
        let innermost = scopes[index]
        if innermost.facts.globals.contains(name) { return try resolveGlobal(name, line: line, forStore: forStore) }
        var skipOwn = innermost.facts.nonlocals.contains(name)
        while index >= 0 {
            let candidate = scopes[index]
            defer { index -= 1 }
            if skipOwn { skipOwn = false; continue }
            if candidate.kind == .classBody {
                if candidate === innermost, candidate.storage[name] == .namespace { return .namespace(name) }
                continue
            }
            if candidate.kind == .cell {
                if let swift = candidate.swiftNames[name], candidate.storage[name] != nil { return .local(candidate, swift) }
                break
            }
            if candidate.storage[name] != nil, let swift = candidate.swiftNames[name] {
                return .local(candidate, swift)
            }
            if candidate.facts.globals.contains(name) { break }
        }
        return try resolveGlobal(name, line: line, forStore: forStore)
    }

    private func resolveGlobal(_ name: String, line: Int, forStore: Bool) throws -> Resolved {
        if let swift = environment.globals[name] { return .global(swift) }
        if forStore {
            throw refuse(name, "`\(name)` is bound where the translator did not expect it", at: line)
        }
        if let value = environment.staticValues[name] {
            return .value(DynamicCode(value.text, throwing: value.throwing))
        }
        if let refused = environment.refusedNames[name] {
            if !refused.reason.isEmpty { throw refuse(name, "it was left out of snippet \(refused.cell): \(refused.reason)", at: line) }
            throw refuse(name, "defined in snippet \(refused.cell), which was not translated", at: line)
        }
        if name == "__name__" { return .value(.literal("\"__main__\"", standalone: "PyObject(\"__main__\")")) }
        if DynamicBuiltins.refused[name] != nil {
            throw refuse(name, DynamicBuiltins.refused[name]!, at: line)
        }
        if DynamicBuiltins.names.contains(name) {
            return .value(DynamicCode("Py.\(name)", throwing: false))
        }
        // Python raises NameError only when the read runs.
        return .value(DynamicCode("cellNameError(\(SwiftNames.stringLiteral(name)))"))
    }

    func load(_ name: String, line: Int) throws -> DynamicCode {
        switch try resolve(name, line: line) {
        case .local(let owner, let swift):
            if owner.storage[name] == .discarded {
                return DynamicCode(".none", throwing: false, standalone: "PyObject.none")
            }
            if owner.storage[name] == .unboundable {
                let function = owner.kind == .cell ? "boundGlobal" : "boundLocal"
                return DynamicCode("\(function)(\(swift), \(SwiftNames.stringLiteral(name)))")
            }
            return DynamicCode(swift, throwing: false)
        case .global(let swift): return DynamicCode(swift, throwing: false)
        case .namespace(let name):
            // A class body reads its own names first, then the module's, as CPython's LOAD_NAME.
            let fallback = (try? resolveGlobal(name, line: line, forStore: false)).flatMap { resolved -> DynamicCode? in
                switch resolved {
                case .global(let swift): DynamicCode(swift, throwing: false)
                case .value(let code): code
                default: nil
                }
            } ?? DynamicCode("cellNameError(\(SwiftNames.stringLiteral(name)))")
            return DynamicCode("(namespace[\(SwiftNames.stringLiteral(name))] ?? \(fallback.typed))", throwing: fallback.throwing)
        case .value(let code): return code
        }
    }

    /// The Swift variable a store of `name` writes (for targets that need a variable: walrus,
    /// augmented assignment, unpacking).
    func storeTarget(_ name: String, line: Int) throws -> String {
        switch try resolve(name, line: line, forStore: true) {
        case .local(_, let swift): return swift
        case .global(let swift): return swift
        case .namespace(let name): return "namespace[\(SwiftNames.stringLiteral(name))]"
        case .value: throw refuse(name, "cannot assign `\(name)` here", at: line)
        }
    }

    /// `name = value` as Swift, declaring a `let` at its one assignment.
    func assignName(_ name: String, _ code: DynamicCode, line: Int, into writer: inout SwiftWriter) throws {
        let text = tryText(code) + code.text
        switch try resolve(name, line: line, forStore: true) {
        case .local(let owner, let swift):
            switch owner.storage[name] {
            case .discarded?:
                if code.throwing || code.text.contains("\n") { writer.lines("_ = \(text)") }
            case .loopBinding?:
                writer.lines("let \(swift)\(code.standalone != nil ? ": PyObject" : "") = \(text)")
            case .letAtStore?:
                if owner.declared.contains(name) {
                    writer.lines("\(swift) = \(text)")
                } else {
                    owner.declared.insert(name)
                    let annotation = code.standalone != nil ? ": PyObject" : ""
                    writer.lines("let \(swift)\(annotation) = \(text)")
                }
            default:
                writer.lines("\(swift) = \(text)")
            }
        case .global(let swift):
            writer.lines("\(swift) = \(text)")
        case .namespace(let name):
            // The namespace holds `PyObject?`: a bare `.none` would store nil, not Python's None.
            let value = code.text.hasPrefix(".") ? code.typed : code.text
            writer.lines("namespace[\(SwiftNames.stringLiteral(name))] = \(tryText(code) + value)")
        case .value:
            throw refuse(name, "cannot assign `\(name)` here", at: line)
        }
    }

    // MARK: Enclosing function facts

    var currentGenerator: String? {
        for scope in scopes.reversed() {
            if scope.kind == .function || scope.kind == .lambda { return scope.generatorName }
            if scope.kind == .comprehension, let generator = scope.generatorName { return generator }
        }
        return nil
    }

    var currentCoroutine: String? {
        for scope in scopes.reversed() where scope.kind == .function || scope.kind == .lambda {
            return scope.coroutineName
        }
        return nil
    }

    /// The function scope whose `return` a statement would leave.
    var functionScope: LoweringScope? {
        scopes.last { $0.kind == .function }
    }
}

/// Python's builtins as the support library's `Py` namespace names them, and the ones that reach
/// outside what a translated program may touch.
enum DynamicBuiltins {
    static let names: Set<String> = [
        "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "bytearray", "bytes", "callable", "chr",
        "classmethod", "complex", "delattr", "dict", "dir", "divmod", "enumerate", "filter", "float", "format",
        "frozenset", "getattr", "hasattr", "hash", "hex", "id", "int", "isinstance", "issubclass", "iter",
        "len", "list", "map", "max", "memoryview", "min", "next", "object", "oct", "ord", "pow", "print",
        "property", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod",
        "str", "sum", "super", "tuple", "type", "vars", "zip", "NotImplemented", "Ellipsis", "exit", "quit",
        "BaseException", "BaseExceptionGroup", "Exception", "ArithmeticError", "AssertionError", "AttributeError",
        "BufferError", "EOFError", "ExceptionGroup", "FloatingPointError", "GeneratorExit", "ImportError",
        "IndexError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
        "NameError", "NotImplementedError", "OSError", "OverflowError", "RecursionError", "ReferenceError",
        "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError", "SystemError", "SystemExit",
        "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
        "ValueError", "ZeroDivisionError", "TimeoutError", "ConnectionError", "FileNotFoundError",
        "FileExistsError", "PermissionError", "IsADirectoryError", "NotADirectoryError", "InterruptedError",
        "ChildProcessError", "ProcessLookupError", "BrokenPipeError", "ConnectionAbortedError",
        "ConnectionRefusedError", "ConnectionResetError", "BlockingIOError", "IOError", "EnvironmentError",
        "Warning", "UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "RuntimeWarning",
        "SyntaxWarning", "FutureWarning", "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning",
        "EncodingWarning",
    ]

    static let refused: [String: String] = [
        "open": "files are outside what a translated program may touch",
        "input": "reading input is outside what a translated program may touch",
        "eval": "evaluating code from a string is outside the translated surface",
        "exec": "executing code from a string is outside the translated surface",
        "compile": "compiling code from a string is outside the translated surface",
        "__import__": "importing by a computed name is outside the translated surface",
        "breakpoint": "the debugger is outside what a translated program may touch",
        "help": "the interactive help is outside the translated surface",
        "locals": "`locals()` is not translated",
        "globals": "`globals()` is not translated",
    ]
}
