import PythonFrontEnd

/// What a Python name means at a point of the note.
enum Binding: Hashable {
    case function(String)
    case `class`(String)
    /// An imported module (`time`, `concurrent.futures`) or member (`time.sleep`), fully qualified.
    case imported(String)
    case variable
}

/// A `def` of the note, and the types its calls gave it so far.
struct FunctionInfo {
    var key: String
    var name: String
    var swiftName: String
    var def: FunctionDef
    var cell: Int
    var line: Int
    var ownerClass: String?
    /// One entry per parameter (without `self`): the join of every argument seen for it.
    var parameterTypes: [PyType]
    var returnType: PyType = .unknown
    var throwsErrors = false
    var isAsync = false
    /// The element type of `*args`: the join of every extra positional argument seen.
    var varargType: PyType = .unknown
    /// Some call spreads a sequence into `*args` (`f(*xs)`): Swift cannot splat an array into a
    /// variadic parameter, so `*args` becomes an array parameter.
    var varargTakesArray = false

    /// The positional parameters (without `self`), then the keyword-only ones.
    var parameters: [Arg] { positionalParameters + def.args.kwonlyargs }

    var positionalParameters: [Arg] {
        var all = def.args.posonlyargs + def.args.args
        if ownerClass != nil, !all.isEmpty { all.removeFirst() }
        return all
    }

    var positionalCount: Int { positionalParameters.count }

    /// Keyword-only parameters (after `*args` or `*`) are always passed by label.
    func isLabeled(_ index: Int) -> Bool { index >= positionalCount || defaults[index] != nil }

    /// Default expressions aligned with `parameters` (nil: required).
    var defaults: [Expr?] {
        let count = positionalCount
        let given = def.args.defaults
        let positional: [Expr?] = (0..<count).map { index in
            let fromEnd = count - index
            return fromEnd <= given.count ? given[given.count - fromEnd] : nil
        }
        return positional + def.args.kwonlyargs.indices.map { index in
            index < def.args.kwDefaults.count ? def.args.kwDefaults[index] : nil
        }
    }
}

/// A `class` of the note: its fields (from `self.x = …` in `__init__`) and methods.
struct ClassInfo {
    var name: String
    var swiftName: String
    var def: ClassDef
    var cell: Int
    var fieldOrder: [String] = []
    var fieldTypes: [String: PyType] = [:]
    /// Method name → function key.
    var methods: [String: String] = [:]
    /// `class Worker(threading.Thread)`: a `PythonThread` subclass whose `run()` is the thread's work.
    var isThread = false
}

/// What the translator knows about the whole note; it grows over rounds until nothing changes.
final class NoteState {
    var functions: [String: FunctionInfo] = [:]
    var classes: [String: ClassInfo] = [:]
    /// File-scope state: cell-level names used by another cell or by a function.
    var fileScope: Set<String> = []
    var fileScopeTypes: [String: PyType] = [:]
    var localTypes: [String: PyType] = [:]
    var changed = false
    /// The last round: what it writes is the program; unknown types are refusals now.
    var isFinal = false
    /// A type that could not be joined: (key, line, description), reported in the final round.
    var conflicts: [String: (line: Int, message: String)] = [:]

    func observe(_ type: PyType, into slot: inout PyType, key: String, line: Int) {
        guard let joined = PyType.join(slot, type) else {
            conflicts[key] = (line, "holds a \(slot.pythonName) and a \(type.pythonName)")
            return
        }
        if joined != slot {
            slot = joined
            changed = true
        }
    }

    func observeLocal(_ key: String, _ type: PyType, line: Int) {
        var slot = localTypes[key] ?? .unknown
        observe(type, into: &slot, key: key, line: line)
        localTypes[key] = slot
    }

    func observeFileScope(_ name: String, _ type: PyType, line: Int) {
        var slot = fileScopeTypes[name] ?? .unknown
        observe(type, into: &slot, key: "global " + name, line: line)
        fileScopeTypes[name] = slot
    }

    func observeArgument(function key: String, index: Int, _ type: PyType, line: Int) {
        guard var info = functions[key], index < info.parameterTypes.count else { return }
        observe(type, into: &info.parameterTypes[index], key: "\(key) parameter \(index)", line: line)
        functions[key] = info
    }

    func observeReturn(function key: String, _ type: PyType, line: Int) {
        guard var info = functions[key] else { return }
        observe(type, into: &info.returnType, key: "\(key) return", line: line)
        functions[key] = info
    }

    func observeVararg(function key: String, _ type: PyType, line: Int) {
        guard var info = functions[key] else { return }
        observe(type, into: &info.varargType, key: "\(key) *args", line: line)
        functions[key] = info
    }

    func markVarargTakesArray(function key: String) {
        guard var info = functions[key], !info.varargTakesArray else { return }
        info.varargTakesArray = true
        functions[key] = info
        changed = true
    }

    func markThrows(function key: String) {
        guard var info = functions[key], !info.throwsErrors else { return }
        info.throwsErrors = true
        functions[key] = info
        changed = true
    }

    func observeField(class name: String, field: String, _ type: PyType, line: Int) {
        guard var info = classes[name] else { return }
        if info.fieldTypes[field] == nil {
            info.fieldOrder.append(field)
            info.fieldTypes[field] = .unknown
            changed = true
        }
        var slot = info.fieldTypes[field]!
        observe(type, into: &slot, key: "\(name).\(field)", line: line)
        info.fieldTypes[field] = slot
        classes[name] = info
    }
}
