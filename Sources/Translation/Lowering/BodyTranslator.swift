import PythonFrontEnd

/// Translates one body — a cell's statements or a function's — to Swift statements.
final class BodyTranslator {
    let session: TranslationSession
    var state: NoteState { session.state }
    let scopeKey: String
    var locals: LocalVariables
    /// Parameters of the function being translated: Python name → Swift name and type.
    var parameters: [String: Code] = [:]
    /// Names bound by closures (comprehensions, lambdas) and by `for`/`with`/`except`, innermost last.
    var boundScopes: [[String: Code]] = []
    /// The statements enclosing the one being translated, outermost first.
    var statementPath: [Position] = []
    /// The function being translated, by key; nil for a cell.
    let functionKey: String?
    let ownerClass: String?
    let cell: Int
    /// Something in the body throws and no `catch` that takes everything is around it.
    var throwsOutward = false
    /// How many throwing calls and `throw`s were written so far, caught or not.
    var throwSites = 0
    /// The statement being translated awaits somewhere inside: its `try` becomes `try await`.
    var pendingAwait = false
    /// Inside a closure the translator wrote (a comprehension's `map`, a lambda), where no `await` can go.
    var closureDepth = 0
    var catchAllDepth = 0
    /// The exception classes the `except` clauses around the statement catch, innermost last
    /// (`*` for a bare `except:`).
    var caughtAround: [Set<String>] = []
    var loopDepth = 0
    /// Inside a class's `__init__`: `self.x = …` declares field `x`.
    var isInitializer = false
    /// One entry per loop being translated, innermost last: the flag a `break` clears when the
    /// loop has an `else` (nil when it has none), and whether some `break` did.
    var loopElseFlags: [(flag: String?, breaks: Bool)] = []
    var loopFlagsUsed: Set<String> = []
    /// The function this one is nested in, whose names it reads as a closure.
    var enclosing: BodyTranslator?
    /// Bindings that nested functions' names hide while this body is translated.
    var shadowedBindings: [(String, Binding?)] = []

    init(session: TranslationSession, scopeKey: String, body: [Stmt], excluding: Set<String>,
         functionKey: String?, ownerClass: String?, cell: Int) {
        self.session = session
        self.scopeKey = scopeKey
        self.locals = LocalVariables(body, excluding: excluding)
        self.functionKey = functionKey
        self.ownerClass = ownerClass
        self.cell = cell
    }

    var isCellBody: Bool { functionKey == nil }

    func refuse(_ construct: String, _ reason: String, at line: Int) -> Refusal {
        Refusal(construct: construct, reason: reason, line: line)
    }

    func note(_ text: String, at line: Int) {
        session.addNote(TranslatorNote(line: line, text: text), cell: cell)
    }

    // MARK: Names

    func localKey(_ index: Int) -> String { "\(scopeKey)#\(index)" }

    func localType(_ index: Int) -> PyType { state.localTypes[localKey(index)] ?? .unknown }

    /// What a read of `name` is in Swift.
    func resolveName(_ name: String, line: Int) throws -> Code {
        for scope in boundScopes.reversed() {
            if let code = scope[name] { return code }
        }
        if let code = parameters[name] { return code }
        if !locals.declaredGlobal.contains(name), let index = locals.variable(name, in: statementPath) {
            return Code(locals.variables[index].swiftName, localType(index))
        }
        if !locals.declaredGlobal.contains(name), let captured = capturedName(name) { return captured }
        if state.fileScope.contains(name) || locals.declaredGlobal.contains(name) {
            if let type = state.fileScopeTypes[name] {
                return Code(SwiftNames.identifier(name), type)
            }
        }
        switch session.bindings[name] {
        case .function(let key)?:
            return Code(state.functions[key]?.swiftName ?? SwiftNames.identifier(name), .function(key))
        case .class(let className)?:
            return Code(state.classes[className]?.swiftName ?? className, .module("class " + className))
        case .imported(let qualified)?:
            return moduleConstant(qualified) ?? Code(qualified, .module(qualified))
        default:
            break
        }
        if let refusedCell = session.refusedNames[name] {
            throw refuse(name, "defined in snippet \(refusedCell), which was not translated", at: line)
        }
        if state.fileScope.contains(name) {
            return Code(SwiftNames.identifier(name), state.fileScopeTypes[name] ?? .unknown)
        }
        if BuiltinNames.all.contains(name) {
            return Code(name, .module("builtins." + name))
        }
        throw refuse(name, "`\(name)` is not defined before this point", at: line)
    }

    // MARK: Blocks

    func translateBlock(_ body: [Stmt], into writer: inout SwiftWriter) throws {
        for statement in body {
            statementPath.append(statement.range.start)
            defer { statementPath.removeLast() }
            pendingAwait = false
            do {
                try declareHoisted(before: statement, into: &writer)
                try translate(statement, into: &writer)
            } catch let refusal as Refusal where !state.isFinal {
                // While types are still being inferred, a statement that cannot be translated yet
                // must not hide the calls after it, whose argument types later passes need.
                _ = refusal
            }
        }
    }

    private func declareHoisted(before statement: Stmt, into writer: inout SwiftWriter) throws {
        for index in locals.hoisted(before: statement.range.start) {
            let variable = locals.variables[index]
            guard variable.isRead else { continue }
            let type = localType(index)
            guard let swiftType = type.swift else {
                if state.isFinal {
                    throw refuse(variable.name, "cannot tell the type of `\(variable.name)`", at: statement.range.start.line)
                }
                continue
            }
            let assignedOnce = variable.storeCount == 1 && !variable.isStoredInLoop && !variable.isAugmented
                && !(variable.hasMutatingCall && type.isValueType)
            if assignedOnce {
                writer.line("let \(variable.swiftName): \(swiftType)")
            } else if let value = type.swiftDefaultValue {
                writer.line("var \(variable.swiftName): \(swiftType) = \(value)")
            } else {
                writer.line("var \(variable.swiftName): \(swiftType)!")
            }
        }
    }

    /// `try ` when the expression throws; records that the body throws.
    func tryPrefix(_ code: Code) -> String {
        if code.awaiting || pendingAwait {
            pendingAwait = false
            throwSites += 1
            if catchAllDepth == 0 { throwsOutward = true }
            return "try await "
        }
        guard code.throwing else { return "" }
        throwSites += 1
        if catchAllDepth == 0 { throwsOutward = true }
        return "try "
    }

    /// Whether an enclosing `try` of this body catches `type` (by name, a base class, or everything).
    func catches(_ type: String) -> Bool {
        caughtAround.contains { names in
            names.contains { name in
                name == type || name == "*" || name == "Exception" || name == "BaseException"
                    || BuiltinNames.exceptionFamilies[name]?.contains(type) == true
            }
        }
    }

    func markThrow() {
        throwSites += 1
        if catchAllDepth == 0 { throwsOutward = true }
    }
}

extension PyType {
    /// Swift value semantics: mutating it in place needs a `var`.
    var isValueType: Bool {
        switch self {
        case .list, .dict, .set, .str, .int, .float, .bool, .tuple, .optional, .unknown: true
        default: false
        }
    }
}

/// Python's builtins the translator knows by name.
enum BuiltinNames {
    static let all: Set<String> = [
        "print", "range", "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple", "round",
        "abs", "min", "max", "sum", "sorted", "reversed", "enumerate", "zip", "map", "filter", "any", "all",
        "isinstance", "repr", "format", "divmod", "pow", "type", "input", "open", "eval", "exec", "id",
        "hash", "iter", "next", "chr", "ord", "hex", "bin", "oct",
        "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "ZeroDivisionError",
        "RuntimeError", "TimeoutError", "AttributeError", "NameError", "ArithmeticError",
        "LookupError", "AssertionError", "NotImplementedError", "StopIteration", "OverflowError",
        "KeyboardInterrupt", "SystemExit", "BaseException", "PermissionError", "OSError",
        "FileNotFoundError",
    ]

    /// Built-in exception classes and the ones each catches (its subclasses, by name).
    static let exceptionFamilies: [String: [String]] = [
        "ArithmeticError": ["ArithmeticError", "ZeroDivisionError", "OverflowError"],
        "LookupError": ["LookupError", "KeyError", "IndexError"],
        "OSError": ["OSError", "TimeoutError", "PermissionError", "FileNotFoundError"],
    ]

    static let exceptions: Set<String> = [
        "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "ZeroDivisionError",
        "RuntimeError", "TimeoutError", "AttributeError", "NameError", "ArithmeticError", "LookupError",
        "AssertionError", "NotImplementedError", "OverflowError", "PermissionError", "OSError",
        "FileNotFoundError", "BaseException",
    ]
}
