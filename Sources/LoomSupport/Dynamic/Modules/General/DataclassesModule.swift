/// `dataclasses`: `dataclass` (with `init`, `repr`, `eq`, `order`, `frozen`, `unsafe_hash`),
/// `field`, `fields`, `asdict`, `astuple`, `replace`, `is_dataclass`, `__post_init__` and
/// `FrozenInstanceError`, generating the methods CPython generates from the class's annotations.
enum DataclassesModule {
    static let name = "dataclasses"

    final class Registry: @unchecked Sendable {
        var field: PyObject = .none
        var frozenError: PyObject = .none
    }
    static let registry = Registry()
    static let missing = PyObject(PySentinel.missing)

    struct Options {
        var initializer = true, repr = true, eq = true, order = false, unsafeHash = false, frozen = false
        var matchArgs = true, keywordOnly = false
    }

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    static func fieldClass() throws -> PyObject {
        try PyObject.makeClass("Field") { namespace in
            namespace["__module__"] = "dataclasses"
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                func text(_ key: String) throws -> String {
                    let value = try this.attribute(key)
                    return value.heap === PySentinel.missing ? "<dataclasses._MISSING_TYPE object>" : try value.repr()
                }
                return PyObject("Field(name=\(try text("name")),type=\(try TypingModule.hintRepr(try this.attribute("type"))),default=\(try text("default")),default_factory=\(try text("default_factory")),init=\(try text("init")),repr=\(try text("repr")),hash=\(try text("hash")),compare=\(try text("compare")),metadata=\(try text("metadata")),kw_only=\(try text("kw_only")),_field_type=_FIELD)")
            }
        }
    }

    static func makeField(default value: PyObject = missing, factory: PyObject = missing, initializer: PyObject = true,
                          repr: PyObject = true, hash: PyObject = .none, compare: PyObject = true, metadata: PyObject = .none,
                          keywordOnly: PyObject = missing) throws -> PyObject {
        let field = try registry.field()
        try field.setAttribute("name", .none)
        try field.setAttribute("type", .none)
        try field.setAttribute("default", value)
        try field.setAttribute("default_factory", factory)
        try field.setAttribute("init", initializer)
        try field.setAttribute("repr", repr)
        try field.setAttribute("hash", hash)
        try field.setAttribute("compare", compare)
        try field.setAttribute("metadata", metadata.isNone ? try .dict([]) : metadata)
        try field.setAttribute("kw_only", keywordOnly)
        return field
    }

    static func fields(of cls: PyObject) throws -> [PyObject] {
        guard let map = try cls.findAttribute("__dataclass_fields__") else {
            throw PyException.typeError("must be called with a dataclass type or instance")
        }
        return try map.callMethod("values").collect()
    }

    static func fieldName(_ field: PyObject) throws -> String { try field.attribute("name").toString() }

    static func process(_ cls: PyObject, _ options: Options) throws -> PyObject {
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("dataclass() should be called on a class") }
        var ordered: [(String, PyObject)] = []
        for base in type.mro.dropFirst().reversed() {
            if let inherited = base.own("__dataclass_fields__") {
                for field in try inherited.callMethod("values").collect() {
                    let name = try fieldName(field)
                    if let index = ordered.firstIndex(where: { $0.0 == name }) { ordered[index].1 = field } else { ordered.append((name, field)) }
                }
            }
        }
        let annotations = type.own("__annotations__")
        for key in try annotations?.collect() ?? [] {
            let name = try key.toString()
            let hint = try annotations!.item(key)
            let hintText = (try? TypingModule.hintRepr(hint)) ?? ""
            if hintText.hasPrefix("typing.ClassVar") || hintText == "ClassVar" { continue }
            let given = type.own(name)
            let field: PyObject
            if let given, given.pyType === registry.field.heap as? PyClass {
                field = given
            } else {
                field = try makeField(default: given ?? missing)
            }
            try field.setAttribute("name", key)
            try field.setAttribute("type", hint)
            if try field.attribute("kw_only").heap === PySentinel.missing { try field.setAttribute("kw_only", PyObject(options.keywordOnly)) }
            let defaultValue = try field.attribute("default")
            if let storage = defaultValue.heap, storage is PyList || storage is PyDictStorage || (storage as? PySetStorage)?.frozen == false {
                throw PyException.valueError("mutable default \(try defaultValue.pyType.pyObjectRepr()) for field \(name) is not allowed: use default_factory")
            }
            // The class attribute becomes the plain default (or goes, when there is none).
            if defaultValue.heap === PySentinel.missing {
                if given != nil { type.setOwn(name, nil) }
            } else {
                type.setOwn(name, defaultValue)
            }
            if let index = ordered.firstIndex(where: { $0.0 == name }) { ordered[index].1 = field } else { ordered.append((name, field)) }
        }
        let fieldMap = try PyObject.dict(ordered.map { (PyObject($0.0), $0.1) })
        try cls.setAttribute("__dataclass_fields__", fieldMap)
        let params = try PyObject.dict([("init", options.initializer), ("repr", options.repr), ("eq", options.eq),
                                        ("order", options.order), ("unsafe_hash", options.unsafeHash), ("frozen", options.frozen)].map { (PyObject($0.0), PyObject($0.1)) })
        try cls.setAttribute("__dataclass_params__", params)
        let allFields = ordered.map(\.1)
        func flag(_ field: PyObject, _ key: String) throws -> Bool { try field.attribute(key).truthy() }

        if options.initializer && type.own("__init__") == nil {
            let initFields = try allFields.filter { try flag($0, "init") }
            let positional = try initFields.filter { try !flag($0, "kw_only") }
            let keywordOnly = try initFields.filter { try flag($0, "kw_only") }
            var defaults: [PyObject] = []
            for field in positional {
                let value = try field.attribute("default"), factory = try field.attribute("default_factory")
                if value.heap !== PySentinel.missing { defaults.append(value) }
                else if factory.heap !== PySentinel.missing { defaults.append(PyObject(PySentinel.keywordMark)) }
                else if !defaults.isEmpty {
                    throw PyException.typeError("non-default argument '\(try fieldName(field))' follows default argument")
                }
            }
            var keywordDefaults: [String: PyObject] = [:]
            for field in keywordOnly {
                let value = try field.attribute("default"), factory = try field.attribute("default_factory")
                if value.heap !== PySentinel.missing { keywordDefaults[try fieldName(field)] = value }
                else if factory.heap !== PySentinel.missing { keywordDefaults[try fieldName(field)] = PyObject(PySentinel.keywordMark) }
            }
            let names = try positional.map(fieldName), keywordNames = try keywordOnly.map(fieldName)
            let factories = try Dictionary(uniqueKeysWithValues: allFields.map { (try fieldName($0), try $0.attribute("default_factory")) })
            let noInit = try allFields.filter { try !flag($0, "init") }
            let frozen = options.frozen
            let initializer = PyObject.function("__init__", PySignature(["self"] + names, defaults: defaults, keywordOnly: keywordNames, keywordDefaults: keywordDefaults)) { arguments in
                let this = arguments[0]
                for (index, name) in (names + keywordNames).enumerated() {
                    var value = arguments[index + 1]
                    if value.heap === PySentinel.keywordMark, let factory = factories[name] { value = try factory() }
                    try store(this, name, value, frozen: frozen)
                }
                for field in noInit {
                    let name = try fieldName(field)
                    let factory = try field.attribute("default_factory")
                    if factory.heap !== PySentinel.missing { try store(this, name, try factory(), frozen: frozen) }
                }
                if let post = this.pyType.lookup("__post_init__") { _ = try post.callBound(this, []) }
                return .none
            }
            try cls.setAttribute("__init__", initializer)
        }
        let reprFields = try allFields.filter { try flag($0, "repr") }.map(fieldName)
        if options.repr && type.own("__repr__") == nil {
            try cls.setAttribute("__repr__", method("__repr__") { arguments in
                let this = arguments[0]
                let body = try ReprRecursion.guarded(this) {
                    try reprFields.map { "\($0)=\(try this.attribute($0).repr())" }.joined(separator: ", ")
                }
                return PyObject("\(this.pyType.qualname)(\(body))")
            })
        }
        let compareFields = try allFields.filter { try flag($0, "compare") }.map(fieldName)
        func values(_ object: PyObject) throws -> PyObject { .tuple(try compareFields.map { try object.attribute($0) }) }
        if options.eq && type.own("__eq__") == nil {
            try cls.setAttribute("__eq__", method("__eq__", ["other"]) { arguments in
                guard arguments[1].pyType === arguments[0].pyType else { return .notImplemented }
                return PyObject(try values(arguments[0]) == values(arguments[1]))
            })
        }
        if options.order {
            for (name, symbol) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
                if type.own(name) != nil {
                    throw PyException.typeError("Cannot overwrite attribute \(name) in class \(type.name). Consider using functools.total_ordering")
                }
                try cls.setAttribute(name, method(name, ["other"]) { arguments in
                    guard arguments[1].pyType === arguments[0].pyType else { return .notImplemented }
                    let a = try values(arguments[0]), b = try values(arguments[1])
                    switch symbol {
                    case "<": return PyObject(try a < b)
                    case "<=": return PyObject(try a <= b)
                    case ">": return PyObject(try a > b)
                    default: return PyObject(try a >= b)
                    }
                })
            }
        }
        let hashFields = try allFields.filter { field in
            let hash = try field.attribute("hash")
            return hash.isNone ? try flag(field, "compare") : try hash.truthy()
        }.map(fieldName)
        let ownHash = type.own("__hash__") != nil && !(type.own("__hash__")!.isNone)
        if options.unsafeHash || (options.eq && options.frozen) {
            if !ownHash || options.unsafeHash {
                try cls.setAttribute("__hash__", method("__hash__") { arguments in
                    PyObject(try PyObject.tuple(try hashFields.map { try arguments[0].attribute($0) }).hashValue())
                })
            }
        } else if options.eq && !ownHash {
            try cls.setAttribute("__hash__", .none)
        }
        if options.frozen {
            let fieldNames = Set(ordered.map(\.0))
            try cls.setAttribute("__setattr__", method("__setattr__", ["name", "value"]) { arguments in
                let name = try arguments[1].toString()
                if arguments[0].pyType === type || fieldNames.contains(name) {
                    throw try PyException(raising: try registry.frozenError(PyObject("cannot assign to field '\(name)'")))
                }
                try (arguments[0].heap as? PyInstance).map { try arguments[0].genericSetAttribute($0, name, arguments[2]) }
                return .none
            })
            try cls.setAttribute("__delattr__", method("__delattr__", ["name"]) { arguments in
                let name = try arguments[1].toString()
                throw try PyException(raising: try registry.frozenError(PyObject("cannot delete field '\(name)'")))
            })
        }
        if options.matchArgs && type.own("__match_args__") == nil {
            let initFields = try allFields.filter { try flag($0, "init") && !flag($0, "kw_only") }
            try cls.setAttribute("__match_args__", .tuple(try initFields.map { PyObject(try fieldName($0)) }))
        }
        return cls
    }

    /// Frozen instances are written past their own `__setattr__`, as CPython's `object.__setattr__`.
    static func store(_ this: PyObject, _ name: String, _ value: PyObject, frozen: Bool) throws {
        if frozen, let instance = this.heap as? PyInstance {
            try instance.attributes.set(PyObject(name), value)
        } else {
            try this.setAttribute(name, value)
        }
    }

    static func convert(_ value: PyObject, asDict: Bool, factory: PyObject) throws -> PyObject {
        if let type = value.heap as? PyInstance, type.cls.lookup("__dataclass_fields__") != nil {
            let pairs = try fields(of: value).map { field -> (PyObject, PyObject) in
                let name = try fieldName(field)
                return (PyObject(name), try convert(try value.attribute(name), asDict: asDict, factory: factory))
            }
            if asDict { return try factory(.list(pairs.map { PyObject.tuple([$0.0, $0.1]) })) }
            return try factory(.list(pairs.map(\.1)))
        }
        if value.heap is PyList { return .list(try value.collect().map { try convert($0, asDict: asDict, factory: factory) }) }
        if value.heap is PyTupleStorage { return .tuple(try value.collect().map { try convert($0, asDict: asDict, factory: factory) }) }
        if let instance = value.heap as? PyInstance, instance.builtinBase?.heap is PyTupleStorage, instance.cls.lookup("_fields") != nil {
            return try PyObject(instance.cls).call(try value.builtinValue.collect().map { try convert($0, asDict: asDict, factory: factory) })
        }
        if let dict = value.builtinValue.heap as? PyDictStorage {
            return try .dict(try dict.entries.map { (try convert($0.0, asDict: asDict, factory: factory), try convert($0.1, asDict: asDict, factory: factory)) })
        }
        return try PyObject.copyModuleDeepcopy(value)
    }

    static func build() throws -> PyObject {
        registry.field = try fieldClass()
        registry.frozenError = try PyObject.makeClass("FrozenInstanceError", bases: [PyObject(PyClass.attributeError)]) { namespace in
            namespace["__module__"] = "dataclasses"
        }
        let dataclass = PyObject.moduleFunction(name, "dataclass", PySignature(["cls"], defaults: [.none],
            keywordOnly: ["init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots", "weakref_slot"],
            keywordDefaults: ["init": true, "repr": true, "eq": true, "order": false, "unsafe_hash": false, "frozen": false,
                              "match_args": true, "kw_only": false, "slots": false, "weakref_slot": false], positionalOnlyCount: 1)) { arguments in
            var options = Options()
            options.initializer = try arguments[1].truthy()
            options.repr = try arguments[2].truthy()
            options.eq = try arguments[3].truthy()
            options.order = try arguments[4].truthy()
            options.unsafeHash = try arguments[5].truthy()
            options.frozen = try arguments[6].truthy()
            options.matchArgs = try arguments[7].truthy()
            options.keywordOnly = try arguments[8].truthy()
            if options.order && !options.eq { throw PyException.valueError("eq must be true if order is true") }
            let frozenOptions = options
            if arguments[0].isNone {
                return PyObject.moduleFunction(name, "wrap", PySignature(["cls"])) { inner in try process(inner[0], frozenOptions) }
            }
            return try process(arguments[0], options)
        }
        let field = PyObject.moduleFunction(name, "field", PySignature([], keywordOnly: ["default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only"],
            keywordDefaults: ["default": missing, "default_factory": missing, "init": true, "repr": true, "hash": .none, "compare": true, "metadata": .none, "kw_only": missing])) { arguments in
            if arguments[0].heap !== PySentinel.missing && arguments[1].heap !== PySentinel.missing {
                throw PyException.valueError("cannot specify both default and default_factory")
            }
            return try makeField(default: arguments[0], factory: arguments[1], initializer: arguments[2], repr: arguments[3],
                                 hash: arguments[4], compare: arguments[5], metadata: arguments[6], keywordOnly: arguments[7])
        }
        return buildModule(name, [
            ("dataclass", dataclass),
            ("field", field),
            ("Field", registry.field),
            ("MISSING", missing),
            ("FrozenInstanceError", registry.frozenError),
            ("fields", PyObject.moduleFunction(name, "fields", PySignature(["class_or_instance"])) { arguments in
                .tuple(try fields(of: arguments[0]))
            }),
            ("is_dataclass", PyObject.moduleFunction(name, "is_dataclass", PySignature(["obj"])) { arguments in
                PyObject(try arguments[0].findAttribute("__dataclass_fields__") != nil)
            }),
            ("asdict", PyObject.moduleFunction(name, "asdict", PySignature(["obj"], keywordOnly: ["dict_factory"], keywordDefaults: ["dict_factory": PyObject(PyClass.dict)])) { arguments in
                guard let instance = arguments[0].heap as? PyInstance, instance.cls.lookup("__dataclass_fields__") != nil else {
                    throw PyException.typeError("asdict() should be called on dataclass instances")
                }
                return try convert(arguments[0], asDict: true, factory: arguments[1])
            }),
            ("astuple", PyObject.moduleFunction(name, "astuple", PySignature(["obj"], keywordOnly: ["tuple_factory"], keywordDefaults: ["tuple_factory": PyObject(PyClass.tuple)])) { arguments in
                guard let instance = arguments[0].heap as? PyInstance, instance.cls.lookup("__dataclass_fields__") != nil else {
                    throw PyException.typeError("astuple() should be called on dataclass instances")
                }
                return try convert(arguments[0], asDict: false, factory: arguments[1])
            }),
            ("replace", PyObject.moduleFunction(name, "replace", PySignature(["obj"], varkw: "changes", positionalOnlyCount: 1)) { arguments in
                let object = arguments[0]
                guard let instance = object.heap as? PyInstance, instance.cls.lookup("__dataclass_fields__") != nil else {
                    throw PyException.typeError("replace() should be called on dataclass instances")
                }
                var changes = try arguments[1].unpackedKeywords()
                var keywords: [(String, PyObject)] = []
                for field in try fields(of: object) {
                    let name = try fieldName(field)
                    let initable = try field.attribute("init").truthy()
                    if let index = changes.firstIndex(where: { $0.0 == name }) {
                        if !initable { throw PyException.valueError("field \(name) is declared with init=False, it cannot be specified with replace()") }
                        keywords.append(changes.remove(at: index))
                    } else if initable {
                        keywords.append((name, try object.attribute(name)))
                    }
                }
                keywords += changes
                return try PyObject(instance.cls).call([], keywords: keywords)
            }),
        ])
    }
}

/// `repr` of a dataclass that contains itself prints `...`, as CPython's recursive_repr.
enum ReprRecursion {
    static func guarded(_ object: PyObject, _ body: () throws -> String) throws -> String {
        guard let heap = object.heap else { return try body() }
        return try ReprGuard.guarded(heap, recursive: "...", body)
    }
}

extension PyClass {
    func pyObjectRepr() throws -> String { try PyObject(self).repr() }
}
