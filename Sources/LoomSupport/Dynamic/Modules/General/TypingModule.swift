/// `typing`: every name of CPython 3.11's module. Hints change nothing at run time; what a note can
/// observe is kept: reprs (`typing.Optional[int]`, `~T`), `Generic[T]` subscription and
/// subclassing, `NamedTuple` and `TypedDict` in both spellings, `cast`, `overload`,
/// `TYPE_CHECKING`, `get_type_hints`, `get_origin`/`get_args`.
enum TypingModule {
    static let name = "typing"

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    /// How typing prints a hint: `int`, `__main__.Foo`, `typing.List[int]`, `~T`, `...`.
    static func hintRepr(_ value: PyObject) throws -> String {
        if value.isNone { return "None" }
        if let type = value.heap as? PyClass {
            return type.module == "builtins" ? type.qualname : "\(type.module).\(type.qualname)"
        }
        if value.heap === PySingleton.ellipsis { return "..." }
        if value.isStr { return "ForwardRef(\(try value.repr()))" }
        if let list = value.heap as? PyList { return "[" + (try list.items.map(hintRepr).joined(separator: ", ")) + "]" }
        if value.heap is PyFunction { return try value.attribute("__qualname__").toString() }
        return try value.repr()
    }

    final class State: @unchecked Sendable {
        var alias: PyObject = .none
        var generic: PyObject = .none
    }
    static let state = State()

    /// An alias: `List[int]`, `Optional[str]`, `Stack[int]` — prints as given, calls its origin.
    static func alias(_ origin: PyObject, _ arguments: [PyObject], repr: String) throws -> PyObject {
        let instance = try state.alias.call([])
        try instance.setAttribute("__origin__", origin)
        try instance.setAttribute("__args__", .tuple(arguments))
        try instance.setAttribute("_repr", PyObject(repr))
        return instance
    }

    static func aliasClass() throws -> PyObject {
        try PyObject.makeClass("_GenericAlias") { namespace in
            namespace["__module__"] = "typing"
            namespace["__repr__"] = method("__repr__") { arguments in try arguments[0].attribute("_repr") }
            namespace["__call__"] = method("__call__", varargs: "args", varkw: "kwargs") { arguments in
                let origin = try arguments[0].attribute("__origin__")
                guard origin.heap is PyClass else {
                    throw PyException.typeError("Type \(try arguments[0].attribute("_repr").toString()) cannot be instantiated")
                }
                let result = try origin.call(try arguments[1].collect(), keywords: try arguments[2].unpackedKeywords())
                if result.heap is PyInstance { try? result.setAttribute("__orig_class__", arguments[0]) }
                return result
            }
            namespace["__mro_entries__"] = method("__mro_entries__", ["bases"]) { arguments in
                let origin = try arguments[0].attribute("__origin__")
                if origin.isIdentical(to: state.generic) || origin.heap is PyClass { return .tuple([origin]) }
                throw PyException.typeError("Cannot subclass \(try arguments[0].attribute("_repr").toString())")
            }
            namespace["__getitem__"] = method("__getitem__", ["parameters"]) { arguments in
                let parameters = subscriptArguments(arguments[1])
                let base = try arguments[0].attribute("_repr").toString()
                let head = base.split(separator: "[").first.map(String.init) ?? base
                return try alias(try arguments[0].attribute("__origin__"), parameters, repr: "\(head)[\(try parameters.map(hintRepr).joined(separator: ", "))]")
            }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard let otherRepr = try? arguments[1].attribute("_repr") else { return .notImplemented }
                return PyObject(try arguments[0].attribute("_repr") == otherRepr)
            }
            namespace["__hash__"] = method("__hash__") { arguments in PyObject(try arguments[0].attribute("_repr").hashValue()) }
            namespace["__or__"] = method("__or__", ["other"]) { arguments in try union([arguments[0], arguments[1]]) }
            namespace["__ror__"] = method("__ror__", ["other"]) { arguments in try union([arguments[1], arguments[0]]) }
        }
    }

    static func subscriptArguments(_ value: PyObject) -> [PyObject] {
        if let tuple = value.heap as? PyTupleStorage { return tuple.items }
        return [value]
    }

    /// A special form (`Optional`, `Union`, `ClassVar` …) or a bare generic name (`List`).
    static func form(_ name: String, origin: PyObject = .none, subscriber: ((String, [PyObject]) throws -> PyObject)? = nil) throws -> PyObject {
        let subscribe = subscriber ?? { name, parameters in
            try alias(origin, parameters, repr: "typing.\(name)[\(try parameters.map(hintRepr).joined(separator: ", "))]")
        }
        let cls = try PyObject.makeClass("_SpecialForm") { namespace in
            namespace["__module__"] = "typing"
            namespace["__repr__"] = method("__repr__") { _ in PyObject("typing.\(name)") }
            namespace["__getitem__"] = method("__getitem__", ["parameters"]) { arguments in
                try subscribe(name, subscriptArguments(arguments[1]))
            }
            namespace["__call__"] = method("__call__", varargs: "args", varkw: "kwargs") { arguments in
                if let type = origin.heap as? PyClass {
                    throw PyException.typeError("Type \(name) cannot be instantiated; use \(type.name)() instead")
                }
                throw PyException.typeError("Cannot instantiate typing.\(name)")
            }
            namespace["__mro_entries__"] = method("__mro_entries__", ["bases"]) { _ in
                if origin.heap is PyClass { return .tuple([origin]) }
                throw PyException.typeError("Cannot subclass typing.\(name)")
            }
            namespace["__or__"] = method("__or__", ["other"]) { arguments in try union([arguments[0], arguments[1]]) }
            namespace["__ror__"] = method("__ror__", ["other"]) { arguments in try union([arguments[1], arguments[0]]) }
        }
        let instance = try cls()
        try instance.setAttribute("_name", PyObject(name))
        try instance.setAttribute("__origin__", origin)
        return instance
    }

    /// `Union[...]`: flattened, duplicates dropped, one member is itself, `X | None` is `Optional[X]`.
    static func union(_ members: [PyObject]) throws -> PyObject {
        var flat: [PyObject] = []
        for member in members {
            let value = member.isNone ? PyObject(PyClass.noneType) : member
            if let origin = try? value.attribute("__origin__"), origin.isStr, try origin.toString() == "Union" {
                flat += try value.attribute("__args__").collect()
                continue
            }
            if try !flat.contains(where: { try hintRepr($0) == hintRepr(value) }) { flat.append(value) }
        }
        if flat.count == 1 { return flat[0] }
        let noneType = PyObject(PyClass.noneType)
        if flat.count == 2, let index = flat.firstIndex(where: { $0.isIdentical(to: noneType) }) {
            return try alias("Union", flat, repr: "typing.Optional[\(try hintRepr(flat[1 - index]))]")
        }
        return try alias("Union", flat, repr: "typing.Union[\(try flat.map(hintRepr).joined(separator: ", "))]")
    }

    static func typeVarClass() throws -> PyObject {
        try PyObject.makeClass("TypeVar") { namespace in
            namespace["__module__"] = "typing"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "name"], varargs: "constraints",
                keywordOnly: ["bound", "covariant", "contravariant"], keywordDefaults: ["bound": .none, "covariant": false, "contravariant": false])) { arguments in
                let this = arguments[0]
                try this.setAttribute("__name__", arguments[1])
                try this.setAttribute("__constraints__", arguments[2])
                try this.setAttribute("__bound__", arguments[3])
                try this.setAttribute("__covariant__", arguments[4])
                try this.setAttribute("__contravariant__", arguments[5])
                if try arguments[4].truthy() && arguments[5].truthy() { throw PyException.valueError("Bivariant types are not supported.") }
                if try arguments[2].collect().count == 1 { throw PyException.typeError("A single constraint is not allowed") }
                return .none
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let prefix = try this.attribute("__covariant__").truthy() ? "+" : (try this.attribute("__contravariant__").truthy() ? "-" : "~")
                return PyObject(prefix + (try this.attribute("__name__").toString()))
            }
            namespace["__or__"] = method("__or__", ["other"]) { arguments in try union([arguments[0], arguments[1]]) }
        }
    }

    static func genericClass() throws -> PyObject {
        let generic = try PyObject.makeClass("Generic") { namespace in
            namespace["__module__"] = "typing"
            namespace["__slots__"] = .tuple([])
            namespace["__class_getitem__"] = PyObject.function("__class_getitem__", PySignature(["cls", "params"])) { arguments in
                let cls = arguments[0]
                let parameters = subscriptArguments(arguments[1])
                return try alias(cls, parameters, repr: "\(try hintRepr(cls))[\(try parameters.map(hintRepr).joined(separator: ", "))]")
            }
        }
        return generic
    }

    // MARK: NamedTuple and TypedDict

    static func annotations(_ namespace: PyObject) throws -> [(String, PyObject)] {
        guard let dict = namespace.builtinValue.heap as? PyDictStorage, let annotations = try dict.get(PyObject("__annotations__")),
              let entries = (annotations.builtinValue.heap as? PyDictStorage)?.entries else { return [] }
        return try entries.map { (try $0.0.toString(), $0.1) }
    }

    static func namedTuple(collections: PyObject) throws -> PyObject {
        let namedtuple = try collections.attribute("namedtuple")
        let meta = try PyObject.makeClass("NamedTupleMeta", bases: [PyObject(PyClass.type)]) { namespace in
            namespace["__module__"] = "typing"
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "typename", "bases", "ns"])) { arguments in
                let fields = try annotations(arguments[3])
                let dict = arguments[3].builtinValue.heap as! PyDictStorage
                var defaults: [PyObject] = []
                for (field, _) in fields {
                    if let value = try dict.get(PyObject(field)) { defaults.append(value) } else if !defaults.isEmpty {
                        throw PyException.typeError("Non-default namedtuple field \(field) cannot follow default field\(defaults.count > 1 ? "s" : "") \(fields.filter { (try? dict.get(PyObject($0.0))) != nil }.map(\.0).joined(separator: ", "))")
                    }
                }
                let module = try dict.get(PyObject("__module__")) ?? "__main__"
                let cls = try namedtuple.call([arguments[1], .list(fields.map { PyObject($0.0) })],
                                              keywords: [("defaults", .tuple(defaults)), ("module", module)])
                try cls.setAttribute("__annotations__", try .dict(fields.map { (PyObject($0.0), $0.1) }))
                let reserved: Set<String> = ["__module__", "__qualname__", "__annotations__", "_fields", "_field_defaults", "__new__", "__init__", "__slots__", "__getnewargs__", "_make", "_replace", "_asdict", "_source"]
                for (key, value) in dict.entries {
                    let name = try key.toString()
                    if reserved.contains(name) || fields.contains(where: { $0.0 == name }) { continue }
                    try cls.setAttribute(name, value)
                }
                if let doc = try dict.get(PyObject("__doc__")) { try cls.setAttribute("__doc__", doc) }
                return cls
            }
        }
        let base = try PyObject.makeClass("NamedTuple") { namespace in namespace["__module__"] = "typing" }
        let function = PyObject.moduleFunction(name, "NamedTuple", PySignature(["typename", "fields"], defaults: [.none], varkw: "kwargs")) { arguments in
            var fields: [(PyObject, PyObject)] = []
            if !arguments[1].isNone { fields = try arguments[1].collect().map { try $0.unpack2() } }
            fields += try arguments[2].unpackedKeywords().map { (PyObject($0.0), $0.1) }
            let cls = try namedtuple(arguments[0], .list(fields.map(\.0)))
            try cls.setAttribute("__annotations__", try .dict(fields))
            return cls
        }
        try function.setAttribute("__mro_entries__", PyObject.function("__mro_entries__", PySignature(["bases"])) { _ in
            // The class statement's namespace reaches NamedTupleMeta, which makes the namedtuple.
            let proxy = try PyObject.makeClass("NamedTuple", bases: [base], keywords: [("metaclass", PyObject(PyClass.type))]) { namespace in
                namespace["__module__"] = "typing"
            }
            (proxy.heap as? PyClass)?.metaclass = meta.heap as? PyClass
            return .tuple([proxy])
        })
        return function
    }

    static func typedDict() throws -> PyObject {
        func make(_ name: PyObject, _ fields: [(PyObject, PyObject)], total: Bool, module: PyObject) throws -> PyObject {
            let cls = try PyObject.makeClass(try name.toString(), bases: [PyObject(PyClass.dict)]) { namespace in
                namespace["__module__"] = module
                namespace["__new__"] = PyObject.function("__new__", PySignature(["cls"], varargs: "args", varkw: "kwargs")) { arguments in
                    try PyObject(PyClass.dict).call(try arguments[1].collect(), keywords: try arguments[2].unpackedKeywords())
                }
                namespace["__annotations__"] = try .dict(fields)
                namespace["__total__"] = PyObject(total)
                namespace["__required_keys__"] = try .frozenset(total ? fields.map(\.0) : [])
                namespace["__optional_keys__"] = try .frozenset(total ? [] : fields.map(\.0))
            }
            return cls
        }
        let meta = try PyObject.makeClass("_TypedDictMeta", bases: [PyObject(PyClass.type)]) { namespace in
            namespace["__module__"] = "typing"
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "name", "bases", "ns"], keywordOnly: ["total"], keywordDefaults: ["total": true])) { arguments in
                let fields = try annotations(arguments[3]).map { (PyObject($0.0), $0.1) }
                let dict = arguments[3].builtinValue.heap as! PyDictStorage
                return try make(arguments[1], fields, total: try arguments[4].truthy(), module: try dict.get(PyObject("__module__")) ?? "__main__")
            }
        }
        let function = PyObject.moduleFunction(name, "TypedDict", PySignature(["typename", "fields"], defaults: [.none], keywordOnly: ["total"], keywordDefaults: ["total": true], varkw: "kwargs")) { arguments in
            var fields: [(PyObject, PyObject)] = []
            if let dict = arguments[1].builtinValue.heap as? PyDictStorage { fields = dict.entries }
            fields += try arguments[3].unpackedKeywords().map { (PyObject($0.0), $0.1) }
            return try make(arguments[0], fields, total: try arguments[2].truthy(), module: "__main__")
        }
        try function.setAttribute("__mro_entries__", PyObject.function("__mro_entries__", PySignature(["bases"])) { _ in
            let proxy = try PyObject.makeClass("TypedDict") { namespace in namespace["__module__"] = "typing" }
            (proxy.heap as? PyClass)?.metaclass = meta.heap as? PyClass
            return .tuple([proxy])
        })
        return function
    }

    // MARK: The module

    static func build() throws -> PyObject {
        state.alias = try aliasClass()
        let typeVar = try typeVarClass()
        let generic = try genericClass()
        state.generic = generic
        let collections = try requireModule("collections")
        let abcModule = try collections.attribute("abc")
        var members: [(String, PyObject)] = [
            ("TYPE_CHECKING", false),
            ("TypeVar", typeVar),
            ("Generic", generic),
            ("AnyStr", try typeVar("AnyStr", PyObject(PyClass.bytes), PyObject(PyClass.str))),
        ]
        for simple in ["Any", "NoReturn", "Never", "Self", "LiteralString", "TypeAlias"] {
            let value = try form(simple) { name, _ in throw PyException.typeError("typing.\(name) is not subscriptable") }
            members.append((simple, value))
        }
        for wrapper in ["ClassVar", "Final", "TypeGuard", "Required", "NotRequired", "Unpack", "Concatenate"] {
            members.append((wrapper, try form(wrapper)))
        }
        members.append(("Union", try form("Union") { _, parameters in
            if parameters.isEmpty { throw PyException.typeError("Cannot take a Union of no types.") }
            return try union(parameters)
        }))
        members.append(("Optional", try form("Optional") { _, parameters in
            guard parameters.count == 1 else { throw PyException.typeError("typing.Optional requires a single type.") }
            return try union([parameters[0], .none])
        }))
        members.append(("Literal", try form("Literal") { _, parameters in
            try alias("Literal", parameters, repr: "typing.Literal[\(try parameters.map { try $0.repr() }.joined(separator: ", "))]")
        }))
        members.append(("Annotated", try form("Annotated") { _, parameters in
            guard parameters.count >= 2 else { throw PyException.typeError("Annotated[...] should be used with at least two arguments (a type and an annotation).") }
            return try alias(parameters[0], parameters, repr: "typing.Annotated[\(try hintRepr(parameters[0])), \(try parameters.dropFirst().map { try $0.repr() }.joined(separator: ", "))]")
        }))
        let builtinOrigins: [(String, PyClass)] = [("List", .list), ("Dict", .dict), ("Set", .set), ("FrozenSet", .frozenset), ("Type", .type)]
        for (alias, origin) in builtinOrigins { members.append((alias, try form(alias, origin: PyObject(origin)))) }
        members.append(("Tuple", try form("Tuple", origin: PyObject(PyClass.tuple)) { _, parameters in
            let text = parameters.isEmpty ? "()" : try parameters.map(hintRepr).joined(separator: ", ")
            return try alias(PyObject(PyClass.tuple), parameters, repr: "typing.Tuple[\(text)]")
        }))
        members.append(("Callable", try form("Callable", origin: try abcModule.attribute("Callable")) { _, parameters in
            guard parameters.count == 2 else { throw PyException.typeError("Callable must be used as Callable[[arg, ...], result].") }
            return try alias(try abcModule.attribute("Callable"), parameters, repr: "typing.Callable[\(try hintRepr(parameters[0])), \(try hintRepr(parameters[1]))]")
        }))
        for (alias, origin) in [("DefaultDict", "defaultdict"), ("OrderedDict", "OrderedDict"), ("Counter", "Counter"), ("Deque", "deque"), ("ChainMap", "ChainMap")] {
            members.append((alias, try form(alias, origin: try collections.attribute(origin))))
        }
        let abcAliases = ["AbstractSet": "Set", "ByteString": "ByteString", "Collection": "Collection", "Container": "Container",
                          "Coroutine": "Coroutine", "AsyncGenerator": "AsyncGenerator", "AsyncIterable": "AsyncIterable",
                          "AsyncIterator": "AsyncIterator", "Awaitable": "Awaitable", "Generator": "Generator", "Hashable": "Hashable",
                          "ItemsView": "ItemsView", "Iterable": "Iterable", "Iterator": "Iterator", "KeysView": "KeysView",
                          "Mapping": "Mapping", "MappingView": "MappingView", "MutableMapping": "MutableMapping",
                          "MutableSequence": "MutableSequence", "MutableSet": "MutableSet", "Reversible": "Reversible",
                          "Sequence": "Sequence", "Sized": "Sized", "ValuesView": "ValuesView"]
        for (alias, origin) in abcAliases.sorted(by: { $0.key < $1.key }) {
            members.append((alias, try form(alias, origin: (try? abcModule.attribute(origin)) ?? .none)))
        }
        for name in ["ContextManager", "AsyncContextManager", "Pattern", "Match", "IO", "TextIO", "BinaryIO",
                     "SupportsAbs", "SupportsBytes", "SupportsComplex", "SupportsFloat", "SupportsIndex", "SupportsInt", "SupportsRound"] {
            members.append((name, try form(name)))
        }
        members.append(("Text", PyObject(PyClass.str)))
        let protocolClass = try PyObject.makeClass("Protocol", bases: [generic]) { namespace in
            namespace["__module__"] = "typing"
            namespace["__slots__"] = .tuple([])
            namespace["_is_protocol"] = true
        }
        members.append(("Protocol", protocolClass))
        members.append(("NamedTuple", try namedTuple(collections: collections)))
        members.append(("TypedDict", try typedDict()))
        members.append(("ForwardRef", try PyObject.makeClass("ForwardRef") { namespace in
            namespace["__module__"] = "typing"
            namespace["__init__"] = method("__init__", ["arg"]) { arguments in try arguments[0].setAttribute("__forward_arg__", arguments[1]); return .none }
            namespace["__repr__"] = method("__repr__") { arguments in PyObject("ForwardRef(\(try arguments[0].attribute("__forward_arg__").repr()))") }
        }))
        members.append(("NewType", try PyObject.makeClass("NewType") { namespace in
            namespace["__module__"] = "typing"
            namespace["__init__"] = method("__init__", ["name", "tp"]) { arguments in
                try arguments[0].setAttribute("__name__", arguments[1])
                try arguments[0].setAttribute("__qualname__", arguments[1])
                try arguments[0].setAttribute("__supertype__", arguments[2])
                return .none
            }
            namespace["__call__"] = method("__call__", ["x"]) { arguments in arguments[1] }
            namespace["__repr__"] = method("__repr__") { arguments in PyObject("__main__.\(try arguments[0].attribute("__name__").toString())") }
        }))
        members.append(("ParamSpec", try PyObject.makeClass("ParamSpec") { namespace in
            namespace["__module__"] = "typing"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "name"], keywordOnly: ["bound", "covariant", "contravariant"],
                keywordDefaults: ["bound": .none, "covariant": false, "contravariant": false])) { arguments in
                try arguments[0].setAttribute("__name__", arguments[1])
                return .none
            }
            namespace["__repr__"] = method("__repr__") { arguments in PyObject("~" + (try arguments[0].attribute("__name__").toString())) }
            namespace["args"] = PyObject(PyProperty(getter: method("args") { arguments in PyObject("\(try arguments[0].attribute("__name__").toString()).args") }, setter: .none, deleter: .none, doc: .none))
            namespace["kwargs"] = PyObject(PyProperty(getter: method("kwargs") { arguments in PyObject("\(try arguments[0].attribute("__name__").toString()).kwargs") }, setter: .none, deleter: .none, doc: .none))
        }))
        members.append(("TypeVarTuple", try PyObject.makeClass("TypeVarTuple") { namespace in
            namespace["__module__"] = "typing"
            namespace["__init__"] = method("__init__", ["name"]) { arguments in try arguments[0].setAttribute("__name__", arguments[1]); return .none }
            namespace["__repr__"] = method("__repr__") { arguments in try arguments[0].attribute("__name__") }
        }))
        members.append(("ParamSpecArgs", try PyObject.makeClass("ParamSpecArgs") { namespace in namespace["__module__"] = "typing" }))
        members.append(("ParamSpecKwargs", try PyObject.makeClass("ParamSpecKwargs") { namespace in namespace["__module__"] = "typing" }))
        members += functions()
        return buildModule(name, members)
    }

    static func functions() -> [(String, PyObject)] {
        let overloads = PyDictStorage()
        func identity(_ name: String) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(["arg"])) { arguments in arguments[0] })
        }
        return [
            ("cast", PyObject.moduleFunction(name, "cast", PySignature(["typ", "val"])) { arguments in arguments[1] }),
            ("assert_type", PyObject.moduleFunction(name, "assert_type", PySignature(["val", "typ"], positionalOnlyCount: 2)) { arguments in arguments[0] }),
            ("reveal_type", PyObject.moduleFunction(name, "reveal_type", PySignature(["obj"])) { arguments in
                Output.write("Runtime type is \(StringRepr.repr(arguments[0].pyType.name))\n", to: .stderr)
                return arguments[0]
            }),
            ("assert_never", PyObject.moduleFunction(name, "assert_never", PySignature(["arg"])) { arguments in
                var text = try arguments[0].repr()
                if text.count > 100 { text = String(text.prefix(100)) + "..." }
                throw PyException.make(PyClass.assertionError, "Expected code to be unreachable, but got: \(text)")
            }),
            ("overload", PyObject.moduleFunction(name, "overload", PySignature(["func"])) { arguments in
                let function = arguments[0]
                let key = PyObject((try? function.attribute("__qualname__").toString()) ?? "")
                let list = try overloads.get(key) ?? .list([])
                try list.callMethod("append", [function])
                try overloads.set(key, list)
                let qualname = (try? function.attribute("__qualname__").toString()) ?? "function"
                let stand_in = PyObject.function(qualname, PySignature([], varargs: "args", varkw: "kwds")) { _ in
                    throw PyException.make(PyClass.notImplementedError, "You should not call an overloaded function. A series of @overload-decorated functions outside a stub module should always be followed by an implementation that is not @overload-ed.")
                }
                _ = try FunctoolsModule.update(stand_in, from: function, assigned: FunctoolsModule.wrapperAssignments, updated: [])
                return stand_in
            }),
            ("get_overloads", PyObject.moduleFunction(name, "get_overloads", PySignature(["func"])) { arguments in
                let key = PyObject((try? arguments[0].attribute("__qualname__").toString()) ?? "")
                return .list(try overloads.get(key)?.collect() ?? [])
            }),
            ("clear_overloads", PyObject.moduleFunction(name, "clear_overloads", PySignature()) { _ in overloads.removeAll(); return .none }),
            ("final", PyObject.moduleFunction(name, "final", PySignature(["f"])) { arguments in
                try? arguments[0].setAttribute("__final__", true)
                return arguments[0]
            }),
            identity("runtime_checkable"), identity("no_type_check"), identity("no_type_check_decorator"),
            ("dataclass_transform", PyObject.moduleFunction(name, "dataclass_transform", PySignature([], varkw: "kwargs")) { _ in
                PyObject.moduleFunction(name, "decorator", PySignature(["cls_or_fn"])) { arguments in arguments[0] }
            }),
            ("get_type_hints", PyObject.moduleFunction(name, "get_type_hints", PySignature(["obj", "globalns", "localns", "include_extras"], defaults: [.none, .none, false])) { arguments in
                let hints = try PyObject.dict([])
                let object = arguments[0]
                if let type = object.heap as? PyClass {
                    for base in type.mro.reversed() {
                        if let own = base.own("__annotations__") {
                            for key in try own.collect() { try hints.setItem(key, try own.item(key)) }
                        }
                    }
                    return hints
                }
                if let own = try object.findAttribute("__annotations__") {
                    for key in try own.collect() {
                        let value = try own.item(key)
                        try hints.setItem(key, value.isNone ? PyObject(PyClass.noneType) : value)
                    }
                }
                return hints
            }),
            ("get_origin", PyObject.moduleFunction(name, "get_origin", PySignature(["tp"])) { arguments in
                guard let origin = try arguments[0].findAttribute("__origin__"), !(arguments[0].heap is PyClass) else { return .none }
                if origin.isStr, try origin.toString() == "Union" { return (try? requireModule("typing").attribute("Union")) ?? origin }
                if origin.isStr, try origin.toString() == "Literal" { return (try? requireModule("typing").attribute("Literal")) ?? origin }
                return origin
            }),
            ("get_args", PyObject.moduleFunction(name, "get_args", PySignature(["tp"])) { arguments in
                guard !(arguments[0].heap is PyClass), let args = try arguments[0].findAttribute("__args__") else { return .tuple([]) }
                return args
            }),
            ("is_typeddict", PyObject.moduleFunction(name, "is_typeddict", PySignature(["tp"])) { arguments in
                PyObject((arguments[0].heap as? PyClass)?.own("__total__") != nil && (arguments[0].heap as? PyClass)?.isSubclass(of: PyClass.dict) == true)
            }),
        ]
    }
}
