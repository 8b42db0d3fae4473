/// `collections.abc`: the abstract classes `isinstance` and `issubclass` test against (one-trick
/// classes such as `Iterable` and `Sized` by the methods a class has, as CPython's
/// `__subclasshook__` does; `Sequence` and `Mapping` by inheritance or registration), and the
/// mixin methods a subclass of `Mapping`, `MutableMapping`, `Sequence` or `MutableSequence` gets.
enum CollectionsABCModule {
    static let name = "collections.abc"

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    static func abstract(_ name: String, _ parameters: [String] = []) -> PyObject {
        let function = method(name, parameters) { _ in throw PyException.make(PyClass.notImplementedError, "") }
        try? function.setAttribute("__isabstractmethod__", true)
        return function
    }

    /// CPython's `_check_methods`: every name defined somewhere on the MRO, and not set to None.
    static func hasMethods(_ type: PyClass, _ names: [String]) -> Bool {
        names.allSatisfy { name in
            for base in type.mro { if let value = base.own(name) { return !value.isNone } }
            return builtinCapabilities(type).contains(name)
        }
    }

    /// The protocol methods of built-in types whose behaviour the runtime implements natively.
    static func builtinCapabilities(_ type: PyClass) -> Set<String> {
        let solid = type.solidBase
        let sequence: Set<String> = ["__iter__", "__len__", "__contains__", "__getitem__", "__reversed__", "__hash__"]
        switch solid.layout {
        case .list: return sequence.union(["__setitem__", "__delitem__"]).subtracting(["__hash__"])
        case .tuple, .str, .bytes: return sequence
        case .dict: return ["__iter__", "__len__", "__contains__", "__getitem__", "__setitem__", "__delitem__", "__reversed__"]
        case .set: return ["__iter__", "__len__", "__contains__"]
        case .frozenset: return ["__iter__", "__len__", "__contains__", "__hash__"]
        case .function: return ["__call__", "__hash__"]
        case .type: return ["__call__", "__hash__"]
        case .int, .float, .bool, .none: return ["__hash__"]
        default:
            if solid === PyClass.generator { return ["__iter__", "__next__", "send", "throw", "close", "__hash__"] }
            if solid === PyClass.range { return sequence }
            if solid.name.hasSuffix("iterator") || solid.name == "zip" || solid.name == "map" || solid.name == "filter"
                || solid.name == "enumerate" || solid.name == "reversed" { return ["__iter__", "__next__", "__hash__"] }
            return ["__hash__"]
        }
    }

    static func module() throws -> PyObject {
        var members: [(String, PyObject)] = []
        var classes: [String: PyObject] = [:]
        let meta = PyObject(PyClass.abcMeta)
        func define(_ name: String, bases: [String] = [], hook: [String]? = nil, _ body: (PyNamespace) -> Void = { _ in }) throws {
            let cls = try PyObject.makeClass(name, bases: bases.compactMap { classes[$0] }, keywords: [("metaclass", meta)]) { namespace in
                namespace["__module__"] = "collections.abc"
                namespace["__slots__"] = .tuple([])
                body(namespace)
                if let hook {
                    namespace["__subclasshook__"] = PyObject(PyMethodWrapper(.classMethod, PyObject.function("__subclasshook__", PySignature(["cls", "C"])) { arguments in
                        guard let type = arguments[1].heap as? PyClass else { return .notImplemented }
                        return hasMethods(type, hook) ? true : .notImplemented
                    }))
                }
            }
            classes[name] = cls
            members.append((name, cls))
        }
        try define("Hashable", hook: ["__hash__"]) { $0["__hash__"] = abstract("__hash__") }
        try define("Awaitable", hook: ["__await__"]) { $0["__await__"] = abstract("__await__") }
        try define("Coroutine", bases: ["Awaitable"], hook: ["__await__", "send", "throw", "close"])
        try define("AsyncIterable", hook: ["__aiter__"]) { $0["__aiter__"] = abstract("__aiter__") }
        try define("AsyncIterator", bases: ["AsyncIterable"], hook: ["__anext__", "__aiter__"]) { $0["__anext__"] = abstract("__anext__") }
        try define("AsyncGenerator", bases: ["AsyncIterator"], hook: ["__aiter__", "__anext__", "asend", "athrow", "aclose"])
        try define("Iterable", hook: ["__iter__"]) { $0["__iter__"] = abstract("__iter__") }
        try define("Iterator", bases: ["Iterable"], hook: ["__iter__", "__next__"]) { namespace in
            namespace["__next__"] = abstract("__next__")
            namespace["__iter__"] = method("__iter__") { arguments in arguments[0] }
        }
        try define("Reversible", bases: ["Iterable"], hook: ["__reversed__", "__iter__"])
        try define("Generator", bases: ["Iterator"], hook: ["__iter__", "__next__", "send", "throw", "close"])
        try define("Sized", hook: ["__len__"]) { $0["__len__"] = abstract("__len__") }
        try define("Container", hook: ["__contains__"]) { $0["__contains__"] = abstract("__contains__", ["x"]) }
        try define("Collection", bases: ["Sized", "Iterable", "Container"], hook: ["__len__", "__iter__", "__contains__"])
        try define("Callable", hook: ["__call__"]) { $0["__call__"] = abstract("__call__") }
        try define("Set", bases: ["Collection"]) { namespace in
            namespace["isdisjoint"] = method("isdisjoint", ["other"]) { arguments in
                for item in try arguments[1].collect() where try arguments[0].contains(item) { return false }
                return true
            }
            namespace["__le__"] = method("__le__", ["other"]) { arguments in
                for item in try arguments[0].collect() where try !arguments[1].contains(item) { return false }
                return true
            }
            namespace["__ge__"] = method("__ge__", ["other"]) { arguments in
                for item in try arguments[1].collect() where try !arguments[0].contains(item) { return false }
                return true
            }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard try arguments[0].length() == arguments[1].length() else { return false }
                for item in try arguments[0].collect() where try !arguments[1].contains(item) { return false }
                return true
            }
        }
        try define("MutableSet", bases: ["Set"])
        try define("Mapping", bases: ["Collection"]) { namespace in
            namespace["__getitem__"] = abstract("__getitem__", ["key"])
            namespace["get"] = method("get", ["key", "default"], defaults: [.none]) { arguments in
                do { return try arguments[0].item(arguments[1]) } catch {
                    let caught = PyException.caught(error)
                    if caught.isInstance(of: PyClass.keyError) { return arguments[2] }
                    throw caught
                }
            }
            namespace["__contains__"] = method("__contains__", ["key"]) { arguments in
                do { _ = try arguments[0].item(arguments[1]); return true } catch {
                    let caught = PyException.caught(error)
                    if caught.isInstance(of: PyClass.keyError) { return false }
                    throw caught
                }
            }
            namespace["keys"] = method("keys") { arguments in .list(try arguments[0].collect()) }
            namespace["items"] = method("items") { arguments in
                .list(try arguments[0].collect().map { PyObject.tuple([$0, try arguments[0].item($0)]) })
            }
            namespace["values"] = method("values") { arguments in .list(try arguments[0].collect().map { try arguments[0].item($0) }) }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard let mapping = classes["Mapping"], try Py.isInstance(arguments[1], mapping) else { return .notImplemented }
                let mine = try PyObject.dict(try arguments[0].collect().map { ($0, try arguments[0].item($0)) })
                let theirs = try PyObject.dict(try arguments[1].collect().map { ($0, try arguments[1].item($0)) })
                return PyObject(try mine == theirs)
            }
            namespace["__reversed__"] = PyObject.none
        }
        try define("MutableMapping", bases: ["Mapping"]) { namespace in
            namespace["__setitem__"] = abstract("__setitem__", ["key", "value"])
            namespace["__delitem__"] = abstract("__delitem__", ["key"])
            namespace["pop"] = method("pop", ["key", "default"], defaults: [PyObject(PySentinel.missing)]) { arguments in
                do {
                    let value = try arguments[0].item(arguments[1])
                    try arguments[0].deleteItem(arguments[1])
                    return value
                } catch {
                    let caught = PyException.caught(error)
                    if caught.isInstance(of: PyClass.keyError), arguments[2].heap !== PySentinel.missing { return arguments[2] }
                    throw caught
                }
            }
            namespace["popitem"] = method("popitem") { arguments in
                guard let key = try arguments[0].iterate().next() else { throw PyException.keyError(.none) }
                let value = try arguments[0].item(key)
                try arguments[0].deleteItem(key)
                return .tuple([key, value])
            }
            namespace["clear"] = method("clear") { arguments in
                for key in try arguments[0].collect() { try arguments[0].deleteItem(key) }
                return .none
            }
            namespace["update"] = method("update", ["other"], defaults: [.tuple([])], varkw: "kwds") { arguments in
                let this = arguments[0], other = arguments[1]
                if try other.builtinValue.heap is PyDictStorage || other.findAttribute("keys") != nil {
                    for key in try other.callMethod("keys").collect() { try this.setItem(key, try other.item(key)) }
                } else {
                    for pair in try other.collect() { let (key, value) = try pair.unpack2(); try this.setItem(key, value) }
                }
                for (key, value) in try arguments[2].unpackedKeywords() { try this.setItem(PyObject(key), value) }
                return .none
            }
            namespace["setdefault"] = method("setdefault", ["key", "default"], defaults: [.none]) { arguments in
                do { return try arguments[0].item(arguments[1]) } catch {
                    let caught = PyException.caught(error)
                    guard caught.isInstance(of: PyClass.keyError) else { throw caught }
                    try arguments[0].setItem(arguments[1], arguments[2])
                    return arguments[2]
                }
            }
        }
        try define("Sequence", bases: ["Reversible", "Collection"]) { namespace in
            namespace["__getitem__"] = abstract("__getitem__", ["index"])
            namespace["__iter__"] = method("__iter__") { arguments in
                let this = arguments[0]
                var index = 0
                return PyObject.nativeIterator("iterator") {
                    do {
                        let item = try this.item(PyObject(index))
                        index += 1
                        return item
                    } catch {
                        let caught = PyException.caught(error)
                        if caught.isInstance(of: PyClass.indexError) { return nil }
                        throw caught
                    }
                }
            }
            namespace["__contains__"] = method("__contains__", ["value"]) { arguments in
                let iterator = try arguments[0].iterate()
                while let item = try iterator.next() { if try item.isIdentical(to: arguments[1]) || item == arguments[1] { return true } }
                return false
            }
            namespace["__reversed__"] = method("__reversed__") { arguments in
                let this = arguments[0]
                var index = try this.length()
                return PyObject.nativeIterator("reversed") {
                    guard index > 0 else { return nil }
                    index -= 1
                    return try this.item(PyObject(index))
                }
            }
            namespace["index"] = method("index", ["value"]) { arguments in
                var position = 0
                let iterator = try arguments[0].iterate()
                while let item = try iterator.next() {
                    if try item.isIdentical(to: arguments[1]) || item == arguments[1] { return PyObject(position) }
                    position += 1
                }
                throw PyException.valueError("")
            }
            namespace["count"] = method("count", ["value"]) { arguments in
                var total = 0
                for item in try arguments[0].collect() where try item.isIdentical(to: arguments[1]) || item == arguments[1] { total += 1 }
                return PyObject(total)
            }
        }
        try define("MutableSequence", bases: ["Sequence"]) { namespace in
            namespace["append"] = method("append", ["value"]) { arguments in
                try arguments[0].callMethod("insert", [PyObject(try arguments[0].length()), arguments[1]])
                return .none
            }
            namespace["extend"] = method("extend", ["values"]) { arguments in
                for item in try arguments[1].collect() { try arguments[0].callMethod("append", [item]) }
                return .none
            }
            namespace["pop"] = method("pop", ["index"], defaults: [-1]) { arguments in
                let value = try arguments[0].item(arguments[1])
                try arguments[0].deleteItem(arguments[1])
                return value
            }
            namespace["remove"] = method("remove", ["value"]) { arguments in
                try arguments[0].deleteItem(try arguments[0].callMethod("index", [arguments[1]]))
                return .none
            }
            namespace["reverse"] = method("reverse") { arguments in
                let count = try arguments[0].length()
                for index in 0..<(count / 2) {
                    let a = try arguments[0].item(PyObject(index)), b = try arguments[0].item(PyObject(count - 1 - index))
                    try arguments[0].setItem(PyObject(index), b)
                    try arguments[0].setItem(PyObject(count - 1 - index), a)
                }
                return .none
            }
        }
        try define("ByteString", bases: ["Sequence"])
        try define("MappingView", bases: ["Sized"])
        try define("KeysView", bases: ["MappingView", "Set"])
        try define("ItemsView", bases: ["MappingView", "Set"])
        try define("ValuesView", bases: ["MappingView", "Collection"])
        // The built-in containers are registered, as CPython registers them.
        let registrations: [(String, [PyClass])] = [
            ("Sequence", [.list, .tuple, .str, .range, .bytes]), ("MutableSequence", [.list]),
            ("Mapping", [.dict]), ("MutableMapping", [.dict]), ("Set", [.set, .frozenset]), ("MutableSet", [.set]),
            ("ByteString", [.bytes]),
        ]
        for (abc, types) in registrations {
            for type in types { _ = try PyABC.register(PyObject(type), with: classes[abc]!) }
        }
        return buildModule(name, members)
    }
}
