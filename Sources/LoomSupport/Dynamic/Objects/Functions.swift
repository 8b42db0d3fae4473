#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `def`'s parameter list. The runtime binds each call's arguments to it as CPython does and
/// hands the body one array: the positional parameters, then the `*args` tuple (when declared),
/// then the keyword-only parameters, then the `**kwargs` dict (when declared).
public struct PySignature: @unchecked Sendable {
    public var positional: [String]
    public var defaults: [PyObject]
    public var varargs: String?
    public var keywordOnly: [String]
    public var keywordDefaults: [String: PyObject]
    public var varkw: String?
    public var positionalOnlyCount: Int

    public init(_ positional: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:], varkw: String? = nil,
                positionalOnlyCount: Int = 0) {
        self.positional = positional
        self.defaults = defaults
        self.varargs = varargs
        self.keywordOnly = keywordOnly
        self.keywordDefaults = keywordDefaults
        self.varkw = varkw
        self.positionalOnlyCount = positionalOnlyCount
    }

    var isSimple: Bool { varargs == nil && keywordOnly.isEmpty && varkw == nil }
    var slotCount: Int { positional.count + (varargs == nil ? 0 : 1) + keywordOnly.count + (varkw == nil ? 0 : 1) }

    /// Binds `arguments` and `keywords`; `name` is the qualified name CPython's messages use.
    func bind(_ arguments: [PyObject], _ keywords: [(String, PyObject)], name: String) throws -> [PyObject] {
        let positionalCount = positional.count
        if keywords.isEmpty && isSimple && arguments.count == positionalCount { return arguments }
        var slots = [PyObject?](repeating: nil, count: positionalCount)
        let given = min(arguments.count, positionalCount)
        for index in 0..<given { slots[index] = arguments[index] }
        var extra: [PyObject] = []
        if arguments.count > positionalCount {
            if varargs == nil {
                let keywordOnlyGiven = keywords.filter { keywordOnly.contains($0.0) }.count
                throw PyException.typeError(tooManyPositional(given: arguments.count, keywordOnlyGiven: keywordOnlyGiven, name: name))
            }
            extra = Array(arguments[positionalCount...])
        }
        var keywordOnlySlots = [PyObject?](repeating: nil, count: keywordOnly.count)
        var extraKeywords: [(String, PyObject)] = []
        var positionalOnlyAsKeyword: [String] = []
        for (key, value) in keywords {
            if let index = positional.firstIndex(of: key) {
                if index < positionalOnlyCount {
                    if varkw != nil { extraKeywords.append((key, value)) } else { positionalOnlyAsKeyword.append(key) }
                    continue
                }
                if slots[index] != nil { throw PyException.typeError("\(name)() got multiple values for argument '\(key)'") }
                slots[index] = value
            } else if let index = keywordOnly.firstIndex(of: key) {
                keywordOnlySlots[index] = value
            } else if varkw != nil {
                if extraKeywords.contains(where: { $0.0 == key }) {
                    throw PyException.typeError("\(name)() got multiple values for keyword argument '\(key)'")
                }
                extraKeywords.append((key, value))
            } else {
                throw PyException.typeError("\(name)() got an unexpected keyword argument '\(key)'")
            }
        }
        if !positionalOnlyAsKeyword.isEmpty {
            throw PyException.typeError("\(name)() got some positional-only arguments passed as keyword arguments: '\(positionalOnlyAsKeyword.joined(separator: ", "))'")
        }
        let firstDefault = positionalCount - defaults.count
        var missing: [String] = []
        for index in 0..<positionalCount where slots[index] == nil {
            if index >= firstDefault { slots[index] = defaults[index - firstDefault] } else { missing.append(positional[index]) }
        }
        if !missing.isEmpty {
            throw PyException.typeError("\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(Self.nameList(missing))")
        }
        var missingKeywordOnly: [String] = []
        for (index, key) in keywordOnly.enumerated() where keywordOnlySlots[index] == nil {
            if let value = keywordDefaults[key] { keywordOnlySlots[index] = value } else { missingKeywordOnly.append(key) }
        }
        if !missingKeywordOnly.isEmpty {
            throw PyException.typeError("\(name)() missing \(missingKeywordOnly.count) required keyword-only argument\(missingKeywordOnly.count == 1 ? "" : "s"): \(Self.nameList(missingKeywordOnly))")
        }
        var bound = slots.map { $0! }
        if varargs != nil { bound.append(.tuple(extra)) }
        bound.append(contentsOf: keywordOnlySlots.map { $0! })
        if varkw != nil {
            let dict = PyDictStorage()
            for (key, value) in extraKeywords { try dict.set(PyObject(key), value) }
            bound.append(PyObject(dict))
        }
        return bound
    }

    private func tooManyPositional(given: Int, keywordOnlyGiven: Int, name: String) -> String {
        let required = positional.count - defaults.count
        let takes: String
        if defaults.isEmpty {
            takes = "\(positional.count) positional argument\(positional.count == 1 ? "" : "s")"
        } else {
            takes = "from \(required) to \(positional.count) positional arguments"
        }
        if keywordOnlyGiven > 0 {
            return "\(name)() takes \(takes) but \(given) positional argument\(given == 1 ? "" : "s") (and \(keywordOnlyGiven) keyword-only argument\(keywordOnlyGiven == 1 ? "" : "s")) were given"
        }
        return "\(name)() takes \(takes) but \(given) \(given == 1 ? "was" : "were") given"
    }

    static func nameList(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        switch quoted.count {
        case 1: return quoted[0]
        case 2: return "\(quoted[0]) and \(quoted[1])"
        default: return quoted.dropLast().joined(separator: ", ") + ", and " + quoted.last!
        }
    }
}

/// A function defined in Python (`def`, `lambda`).
final class PyFunction: PyHeap, @unchecked Sendable {
    var name: String
    var qualname: String
    var module = "__main__"
    let signature: PySignature
    /// The argument count a call can pass straight to the body (a signature of plain positional
    /// parameters, no keywords given), or -1: reading it costs no copy of the signature.
    let directArity: Int
    let body: ([PyObject]) throws -> PyObject
    let lock = PyMutex()
    var attributes = StringTable()
    /// Set by `coroutineFunction`: calling returns a coroutine rather than running the body.
    var kind: Kind = .plain
    enum Kind { case plain, coroutine }
    var coroutineBody: (([PyObject], PyGeneratorHandle) throws -> PyObject)?
    /// The snippet whose code this is (CPython's `co_filename`: each cell is compiled apart); 0 for a
    /// function written in Swift, whose calls leave the caller's frame as it is.
    var definingCell = 0

    init(name: String, signature: PySignature, body: @escaping ([PyObject]) throws -> PyObject) {
        self.name = name
        qualname = name
        self.signature = signature
        directArity = signature.isSimple ? signature.positional.count : -1
        self.body = body
    }
    override var pyType: PyClass { PyClass.function }

    func call(_ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        if keywords.isEmpty && arguments.count == directArity {
            return try CallDepth.guarded(self) { try body(arguments) }
        }
        let bound = try signature.bind(arguments, keywords, name: qualname)
        return try CallDepth.guarded(self) { try body(bound) }
    }
}

/// A function implemented in Swift: builtins and the methods of built-in types. `owner` is set
/// for a method descriptor of a built-in class (`list.append`), which binds `self` on access.
final class PyBuiltin: PyHeap, @unchecked Sendable {
    let name: String
    let body: ([PyObject], [(String, PyObject)]) throws -> PyObject
    /// Strong on purpose: a weak reference gives every class a side table, which sends each retain
    /// and release of a class (every `type(x)`) down the runtime's slow path.
    var owner: PyClass?
    var qualname: String { owner.map { "\($0.name).\(name)" } ?? name }
    let isMethod: Bool
    /// A built-in bound to its module or instance, as `print` is bound to `builtins`.
    var module: String = "builtins"

    init(name: String, isMethod: Bool = false, body: @escaping ([PyObject], [(String, PyObject)]) throws -> PyObject) {
        self.name = name
        self.isMethod = isMethod
        self.body = body
    }
    override var pyType: PyClass { isMethod ? PyClass.methodDescriptor : PyClass.builtinFunction }
}

/// A method bound to its receiver: `obj.method` for any callable found on the class.
final class PyBoundMethod: PyHeap, @unchecked Sendable {
    let function: PyObject
    let receiver: PyObject
    init(function: PyObject, receiver: PyObject) { self.function = function; self.receiver = receiver }
    override var pyType: PyClass {
        if let builtin = function.heap as? PyBuiltin, builtin.isMethod { return PyClass.builtinFunction }
        return PyClass.method
    }
}

/// `classmethod(f)`, `staticmethod(f)`.
final class PyMethodWrapper: PyHeap, @unchecked Sendable {
    enum Kind { case classMethod, staticMethod }
    let kind: Kind
    let function: PyObject
    var attributes = StringTable()
    init(_ kind: Kind, _ function: PyObject) { self.kind = kind; self.function = function }
    override var pyType: PyClass { kind == .classMethod ? PyClass.classmethod : PyClass.staticmethod }
}

/// `property(fget, fset, fdel, doc)`.
final class PyProperty: PyHeap, @unchecked Sendable {
    let getter: PyObject, setter: PyObject, deleter: PyObject, doc: PyObject
    var name: String?
    init(getter: PyObject, setter: PyObject, deleter: PyObject, doc: PyObject) {
        self.getter = getter; self.setter = setter; self.deleter = deleter; self.doc = doc
    }
    override var pyType: PyClass { PyClass.property }
}

/// The Python call depth per thread, for `RecursionError` instead of a Swift stack overflow.
enum CallDepth {
    /// `sys.getrecursionlimit()`; `sys.setrecursionlimit` changes it (set before deep calls start, as in
    /// CPython, so an unsynchronised read per call is enough).
    nonisolated(unsafe) static var limit = 1000

    /// A call: one level deeper, and the running function and its line become the call's until it
    /// returns, so a caller's `lineno` survives the callee (what logging's `findCaller` reads).
    @inline(__always) static func guarded(_ function: PyFunction, _ body: () throws -> PyObject) throws -> PyObject {
        let frame = PythonFrame.current
        if frame.pointee.depth >= 1000 {
            throw PyException.make(PyClass.recursionError, "maximum recursion depth exceeded")
        }
        if function.definingCell == 0 {
            frame.pointee.depth += 1
            defer { frame.pointee.depth -= 1 }
            return try body()
        }
        let caller = frame.pointee
        frame.pointee.depth += 1
        frame.pointee.function = Unmanaged.passUnretained(function).toOpaque()
        defer {
            frame.pointee.depth = caller.depth
            frame.pointee.line = caller.line
            frame.pointee.function = caller.function
        }
        return try body()
    }
}

extension PyObject {
    /// `def name(…)`: a function object whose calls bind arguments to `signature`.
    public static func function(_ name: String, _ signature: PySignature = PySignature(),
                                _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject(PyFunction(name: name, signature: signature, body: body))
    }

    /// `def name(…): "doc" …`: a function whose `__doc__` is its docstring.
    public static func function(_ name: String, _ signature: PySignature = PySignature(), doc: String,
                                _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        let function = PyFunction(name: name, signature: signature, body: body)
        function.attributes["__doc__"] = PyObject(doc)
        return PyObject(function)
    }

    /// A translated `def` or `lambda` of snippet `cell`: its calls are frames logging can name.
    public static func function(_ name: String, _ signature: PySignature = PySignature(), cell: Int,
                                _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        let function = PyFunction(name: name, signature: signature, body: body)
        function.definingCell = cell
        return PyObject(function)
    }

    /// A translated `def` with a docstring.
    public static func function(_ name: String, _ signature: PySignature = PySignature(), doc: String, cell: Int,
                                _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        let function = PyFunction(name: name, signature: signature, body: body)
        function.attributes["__doc__"] = PyObject(doc)
        function.definingCell = cell
        return PyObject(function)
    }

    /// A built-in written in Swift, taking its arguments unbound.
    static func builtin(_ name: String, _ body: @escaping ([PyObject], [(String, PyObject)]) throws -> PyObject) -> PyObject {
        PyObject(PyBuiltin(name: name, body: body))
    }

    /// A module's function written in Swift (a builtin whose `__module__` names the module).
    public static func nativeFunction(_ name: String, module: String = "builtins",
                                      _ body: @escaping (_ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject) -> PyObject {
        let builtin = PyBuiltin(name: name, body: body)
        builtin.module = module
        return PyObject(builtin)
    }

    /// `f(a, b)`.
    @discardableResult
    public func callAsFunction(_ arguments: PyObject...) throws -> PyObject { try call(arguments) }

    /// `f(*arguments, **keywords)` with the keywords in call order.
    @discardableResult
    public func call(_ arguments: [PyObject], keywords: [(String, PyObject)] = []) throws -> PyObject {
        guard case .heap(let object) = storage else {
            throw PyException.typeError("'\(typeName)' object is not callable")
        }
        switch object {
        case let function as PyFunction:
            if function.kind == .coroutine { return try PyCoroutineSupport.start(function, arguments, keywords) }
            return try function.call(arguments, keywords)
        case let builtin as PyBuiltin:
            return try builtin.body(arguments, keywords)
        case let bound as PyBoundMethod:
            return try bound.function.callBound(bound.receiver, arguments, keywords)
        case let type as PyClass:
            return try type.instantiate(arguments, keywords)
        case let wrapper as PyMethodWrapper where wrapper.kind == .staticMethod:
            return try wrapper.function.call(arguments, keywords: keywords)
        default:
            if let method = object.pyType.lookup("__call__") {
                return try method.callBound(self, arguments, keywords)
            }
            throw PyException.typeError("'\(typeName)' object is not callable")
        }
    }

    /// Calls a function found on a class with `receiver` as its first argument, without making a
    /// bound method.
    func callBound(_ receiver: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)] = []) throws -> PyObject {
        if case .heap(let object) = storage {
            if let function = object as? PyFunction, function.kind == .plain {
                var all = [receiver]
                all.append(contentsOf: arguments)
                return try function.call(all, keywords)
            }
            if let builtin = object as? PyBuiltin {
                var all = [receiver]
                all.append(contentsOf: arguments)
                return try builtin.body(all, keywords)
            }
        }
        return try call([receiver] + arguments, keywords: keywords)
    }

    /// Whether `callable(x)`.
    var isCallable: Bool {
        guard case .heap(let object) = storage else { return false }
        switch object {
        case is PyFunction, is PyBuiltin, is PyBoundMethod, is PyClass: return true
        default: return object.pyType.lookup("__call__") != nil
        }
    }

    /// `*xs` in a call: the items of any iterable.
    public func unpackedArguments() throws -> [PyObject] { try collect() }

    /// `**d` in a call: a mapping's string keys and values.
    public func unpackedKeywords() throws -> [(String, PyObject)] {
        if let dict = builtinValue.heap as? PyDictStorage {
            return try dict.entries.map { key, value in
                guard case .str(let name) = key.storage else { throw PyException.typeError("keywords must be strings") }
                return (name, value)
            }
        }
        let keys = try callMethod("keys", [])
        return try keys.collect().map { key in
            guard case .str(let name) = key.storage else { throw PyException.typeError("keywords must be strings") }
            return (name, try item(key))
        }
    }
}

/// Reads `keywords` of a built-in by name: `let sep = try args.keyword("sep")`.
struct BuiltinArguments {
    let name: String
    var positional: [PyObject]
    var keywords: [(String, PyObject)]

    init(_ name: String, _ positional: [PyObject], _ keywords: [(String, PyObject)]) {
        self.name = name
        self.positional = positional
        self.keywords = keywords
    }

    /// Takes a keyword argument out (nil when absent).
    mutating func take(_ key: String) -> PyObject? {
        guard let index = keywords.firstIndex(where: { $0.0 == key }) else { return nil }
        return keywords.remove(at: index).1
    }

    func rejectKeywords() throws {
        if let (key, _) = keywords.first {
            throw PyException.typeError("\(name)() got an unexpected keyword argument '\(key)'")
        }
    }

    func requireCount(_ range: ClosedRange<Int>) throws {
        try rejectKeywords()
        let count = positional.count
        if range.contains(count) { return }
        if range.lowerBound == range.upperBound {
            let n = range.lowerBound
            if n == 0 { throw PyException.typeError("\(name)() takes no arguments (\(count) given)") }
            if n == 1 { throw PyException.typeError("\(name)() takes exactly one argument (\(count) given)") }
            throw PyException.typeError("\(name) expected \(n) arguments, got \(count)")
        }
        if count < range.lowerBound {
            throw PyException.typeError("\(name) expected at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s"), got \(count)")
        }
        throw PyException.typeError("\(name) expected at most \(range.upperBound) argument\(range.upperBound == 1 ? "" : "s"), got \(count)")
    }

    subscript(index: Int) -> PyObject? { index < positional.count ? positional[index] : PyObject?.none }
}
