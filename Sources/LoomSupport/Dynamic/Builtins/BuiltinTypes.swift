extension PyClass {
    /// Installs a method of a built-in class: `body(self, arguments, keywords)`.
    func method(_ name: String, _ body: @escaping (PyObject, [PyObject], [(String, PyObject)]) throws -> PyObject) {
        let builtin = PyBuiltin(name: name, isMethod: true) { arguments, keywords in
            guard let receiver = arguments.first else {
                throw PyException.typeError("unbound method \(self.name).\(name)() needs an argument")
            }
            return try body(receiver, Array(arguments.dropFirst()), keywords)
        }
        builtin.owner = self
        setOwn(name, PyObject(builtin))
    }

    /// A method taking only positional arguments, checked against `arity`.
    func method(_ name: String, arity: ClosedRange<Int>, _ body: @escaping (PyObject, [PyObject]) throws -> PyObject) {
        let typeName = self.name
        method(name) { receiver, arguments, keywords in
            if let (key, _) = keywords.first {
                throw PyException.typeError("\(typeName).\(name)() takes no keyword arguments" + (key.isEmpty ? "" : ""))
            }
            if !arity.contains(arguments.count) {
                let qualified = arity.lowerBound == arity.upperBound && arity.lowerBound <= 1 ? "\(typeName).\(name)" : name
                throw PyException.typeError(Self.arityMessage(qualified, arity, arguments.count))
            }
            return try body(receiver, arguments)
        }
    }

    static func arityMessage(_ name: String, _ arity: ClosedRange<Int>, _ count: Int) -> String {
        if arity.lowerBound == arity.upperBound {
            switch arity.lowerBound {
            case 0: return "\(name)() takes no arguments (\(count) given)"
            case 1: return "\(name)() takes exactly one argument (\(count) given)"
            default: return "\(name) expected \(arity.lowerBound) arguments, got \(count)"
            }
        }
        if count < arity.lowerBound {
            return "\(name) expected at least \(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s"), got \(count)"
        }
        return "\(name) expected at most \(arity.upperBound) argument\(arity.upperBound == 1 ? "" : "s"), got \(count)"
    }

    static let object: PyClass = {
        let type = PyClass(name: "object", bases: [], layout: .object)
        type.mro = [type]
        BuiltinInstall.install(type)
        return type
    }()
    static let type: PyClass = builtin("type", base: object, layout: .type)
    static let int: PyClass = builtin("int", base: object, layout: .int)
    static let bool: PyClass = builtin("bool", base: int, layout: .bool, final: true)
    static let float: PyClass = builtin("float", base: object, layout: .float)
    static let complex: PyClass = builtin("complex", base: object, layout: .other)
    static let str: PyClass = builtin("str", base: object, layout: .str)
    static let bytes: PyClass = builtin("bytes", base: object, layout: .bytes)
    static let bytearray: PyClass = builtin("bytearray", base: object, layout: .bytearray)
    static let list: PyClass = builtin("list", base: object, layout: .list)
    static let tuple: PyClass = builtin("tuple", base: object, layout: .tuple)
    static let dict: PyClass = builtin("dict", base: object, layout: .dict)
    static let set: PyClass = builtin("set", base: object, layout: .set)
    static let frozenset: PyClass = builtin("frozenset", base: object, layout: .frozenset)
    static let noneType: PyClass = builtin("NoneType", base: object, layout: .none, final: true)
    static let notImplementedType: PyClass = builtin("NotImplementedType", base: object, layout: .other, final: true)
    static let ellipsisType: PyClass = builtin("ellipsis", base: object, layout: .other, final: true)
    static let function: PyClass = builtin("function", base: object, layout: .function, final: true)
    static let builtinFunction: PyClass = builtin("builtin_function_or_method", base: object, layout: .function, final: true)
    static let methodDescriptor: PyClass = builtin("method_descriptor", base: object, layout: .function, final: true)
    static let method: PyClass = builtin("method", base: object, layout: .function, final: true)
    static let classmethod: PyClass = builtin("classmethod", base: object, layout: .other)
    static let staticmethod: PyClass = builtin("staticmethod", base: object, layout: .other)
    static let property: PyClass = builtin("property", base: object, layout: .other)
    static let slice: PyClass = builtin("slice", base: object, layout: .other, final: true)
    static let range: PyClass = builtin("range", base: object, layout: .other, final: true)
    static let module: PyClass = builtin("module", base: object, layout: .module)
    static let superType: PyClass = builtin("super", base: object, layout: .other)
    static let generator: PyClass = builtin("generator", base: object, layout: .other, final: true)
    static let coroutine: PyClass = builtin("coroutine", base: object, layout: .other, final: true)
    static let genericAlias: PyClass = builtin("GenericAlias", base: object, layout: .other, module: "types")
    /// `abc.ABCMeta`, built in so that `PyClass.create` can compute abstract methods; the `abc`
    /// module exports it.
    static let abcMeta: PyClass = builtin("ABCMeta", base: type, layout: .type, module: "abc")

    private static let iteratorTypes = Locked<[String: PyClass]>([:])
    /// The class of a built-in iterator (`list_iterator`, `zip`, `map` …), made on first use.
    static func iteratorType(_ name: String) -> PyClass {
        iteratorTypes.withLock { table in
            if let type = table[name] { return type }
            let type = builtin(name, base: object, layout: .other, final: true)
            type.method("__iter__", arity: 0...0) { this, _ in this }
            type.method("__next__", arity: 0...0) { this, _ in
                guard let iterator = this.heap as? PyNativeIterator else { return .none }
                guard let value = try iterator.nextValue() else { throw PyException.stopIteration() }
                return value
            }
            table[name] = type
            return type
        }
    }

}

/// A built-in iterator: its class names what it iterates (`list_iterator`).
final class PyNativeIterator: PyHeap, @unchecked Sendable {
    let type: PyClass
    let lock = PyMutex()
    private let step: () throws -> PyObject?
    /// The repr of iterators CPython shows the state of (`count(5)`, `repeat('a', 2)`).
    let describe: (() throws -> String)?
    private var finished = false
    init(_ typeName: String, describe: (() throws -> String)? = nil, _ step: @escaping () throws -> PyObject?) {
        type = PyClass.iteratorType(typeName)
        self.step = step
        self.describe = describe
    }
    override var pyType: PyClass { type }
    func nextValue() throws -> PyObject? {
        if finished { return nil }
        let value = try step()
        if value == nil { finished = true }
        return value
    }
}

/// `list[int]` and the like: prints as written, calls the origin.
final class PyGenericAlias: PyHeap, @unchecked Sendable {
    let origin: PyObject
    let arguments: [PyObject]
    init(origin: PyObject, arguments: [PyObject]) { self.origin = origin; self.arguments = arguments }
    override var pyType: PyClass { PyClass.genericAlias }
}
