/// `functools`: `wraps`/`update_wrapper`, `partial`, `reduce`, `lru_cache`/`cache` with
/// `cache_info`/`cache_clear`, `total_ordering`, `singledispatch`, `cached_property`, `cmp_to_key`.
enum FunctoolsModule {
    static let name = "functools"
    static let wrapperAssignments = ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"]

    static func build() throws -> PyObject {
        let updateWrapper = PyObject.moduleFunction(name, "update_wrapper", PySignature(["wrapper", "wrapped", "assigned", "updated"],
            defaults: [.tuple(wrapperAssignments.map { PyObject($0) }), .tuple(["__dict__"])])) { arguments in
            try update(arguments[0], from: arguments[1], assigned: try arguments[2].collect().map { try $0.toString() },
                       updated: try arguments[3].collect().map { try $0.toString() })
        }
        let wraps = PyObject.moduleFunction(name, "wraps", PySignature(["wrapped", "assigned", "updated"],
            defaults: [.tuple(wrapperAssignments.map { PyObject($0) }), .tuple(["__dict__"])])) { arguments in
            let wrapped = arguments[0]
            let assigned = try arguments[1].collect().map { try $0.toString() }
            let updated = try arguments[2].collect().map { try $0.toString() }
            return PyObject.moduleFunction(name, "decorator", PySignature(["wrapper"])) { inner in
                try update(inner[0], from: wrapped, assigned: assigned, updated: updated)
            }
        }
        let partial = try partialClass()
        let lruCache = PyObject.moduleFunction(name, "lru_cache", PySignature(["maxsize", "typed"], defaults: [128, false])) { arguments in
            let given = arguments[0]
            if given.isCallable && !(given.heap is PyClass && false) {
                if case .int = given.storage {} else { return try cached(given, maxsize: 128, typed: try arguments[1].truthy()) }
            }
            var maxsize: Int?
            switch given.storage {
            case .none: maxsize = nil
            case .int(let value): maxsize = max(0, value)
            case .bool(let flag): maxsize = flag ? 1 : 0
            default: throw PyException.typeError("Expected first argument to be an integer, a callable, or None")
            }
            let typed = try arguments[1].truthy()
            return PyObject.moduleFunction(name, "decorating_function", PySignature(["user_function"])) { inner in
                try cached(inner[0], maxsize: maxsize, typed: typed)
            }
        }
        let cache = PyObject.moduleFunction(name, "cache", PySignature(["user_function"])) { arguments in
            try cached(arguments[0], maxsize: nil, typed: false)
        }
        return buildModule(name, [
            ("WRAPPER_ASSIGNMENTS", .tuple(wrapperAssignments.map { PyObject($0) })),
            ("WRAPPER_UPDATES", .tuple(["__dict__"])),
            ("update_wrapper", updateWrapper),
            ("wraps", wraps),
            ("partial", partial),
            ("partialmethod", try partialMethodClass(partial)),
            ("reduce", PyObject.moduleFunction(name, "reduce", PySignature(["function", "iterable", "initial"], defaults: [PyObject(PySentinel.missing)], positionalOnlyCount: 3)) { arguments in
                let function = arguments[0]
                let iterator = try arguments[1].iterate()
                var total: PyObject
                if arguments[2].heap === PySentinel.missing {
                    guard let first = try iterator.next() else {
                        throw PyException.typeError("reduce() of empty iterable with no initial value")
                    }
                    total = first
                } else {
                    total = arguments[2]
                }
                while let item = try iterator.next() { total = try function(total, item) }
                return total
            }),
            ("lru_cache", lruCache),
            ("cache", cache),
            ("total_ordering", PyObject.moduleFunction(name, "total_ordering", PySignature(["cls"])) { arguments in
                try totalOrdering(arguments[0])
            }),
            ("cmp_to_key", PyObject.moduleFunction(name, "cmp_to_key", PySignature(["mycmp"])) { arguments in
                try cmpToKey(arguments[0])
            }),
            ("singledispatch", PyObject.moduleFunction(name, "singledispatch", PySignature(["func"])) { arguments in
                try singledispatch(arguments[0])
            }),
            ("cached_property", try cachedPropertyClass()),
        ])
    }

    /// `update_wrapper`: copies the named attributes that exist, merges `__dict__`, sets `__wrapped__`.
    static func update(_ wrapper: PyObject, from wrapped: PyObject, assigned: [String], updated: [String]) throws -> PyObject {
        for name in assigned {
            guard let value = try wrapped.findAttribute(name) else { continue }
            try wrapper.setAttribute(name, value)
        }
        for name in updated {
            guard let source = try wrapped.findAttribute(name), let pairs = source.builtinValue.heap as? PyDictStorage else { continue }
            if name == "__dict__" {
                for (key, value) in pairs.entries { try wrapper.setAttribute(try key.toString(), value) }
            } else {
                try wrapper.attribute(name).callMethod("update", [source])
            }
        }
        try wrapper.setAttribute("__wrapped__", wrapped)
        return wrapper
    }

    // MARK: partial

    static func partialClass() throws -> PyObject {
        try PyObject.makeClass("partial") { namespace in
            namespace["__module__"] = "functools"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "func"], varargs: "args", varkw: "keywords", positionalOnlyCount: 2)) { arguments in
                let this = arguments[0]
                var function = arguments[1], bound = try arguments[2].collect()
                let keywords = try PyObject.dict([])
                guard function.isCallable else { throw PyException.typeError("the first argument must be callable") }
                // A partial of a partial flattens, as CPython's does.
                if function.pyType === this.pyType, let inner = try? function.attribute("func") {
                    bound = try function.attribute("args").collect() + bound
                    _ = try keywords.callMethod("update", [try function.attribute("keywords")])
                    function = inner
                }
                _ = try keywords.callMethod("update", [arguments[3]])
                try this.setAttribute("func", function)
                try this.setAttribute("args", .tuple(bound))
                try this.setAttribute("keywords", keywords)
                return .none
            }
            namespace["__call__"] = PyObject.function("__call__", PySignature(["self"], varargs: "args", varkw: "keywords")) { arguments in
                let this = arguments[0]
                let bound = try this.attribute("args").collect() + arguments[1].collect()
                var keywords = try this.attribute("keywords").unpackedKeywords()
                for (key, value) in try arguments[2].unpackedKeywords() {
                    if let index = keywords.firstIndex(where: { $0.0 == key }) { keywords[index].1 = value } else { keywords.append((key, value)) }
                }
                return try this.attribute("func").call(bound, keywords: keywords)
            }
            namespace["__repr__"] = PyObject.function("__repr__", PySignature(["self"])) { arguments in
                let this = arguments[0]
                var parts = [try this.attribute("func").repr()]
                parts += try this.attribute("args").collect().map { try $0.repr() }
                parts += try this.attribute("keywords").unpackedKeywords().map { "\($0.0)=\(try $0.1.repr())" }
                let typeName = this.pyType.isHeapType && this.pyType.name != "partial" ? this.pyType.name : "functools.partial"
                return PyObject("\(typeName)(\(parts.joined(separator: ", ")))")
            }
        }
    }

    static func partialMethodClass(_ partial: PyObject) throws -> PyObject {
        try PyObject.makeClass("partialmethod") { namespace in
            namespace["__module__"] = "functools"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "func"], varargs: "args", varkw: "keywords", positionalOnlyCount: 2)) { arguments in
                try arguments[0].setAttribute("func", arguments[1])
                try arguments[0].setAttribute("args", arguments[2])
                try arguments[0].setAttribute("keywords", arguments[3])
                return .none
            }
            namespace["__get__"] = PyObject.function("__get__", PySignature(["self", "obj", "cls"], defaults: [.none])) { arguments in
                let this = arguments[0], instance = arguments[1]
                let function = try this.attribute("func")
                if instance.isNone { return this }
                let bound = [instance] + (try this.attribute("args").collect())
                return try partial.call([function] + bound, keywords: try this.attribute("keywords").unpackedKeywords())
            }
        }
    }

    // MARK: lru_cache

    final class CacheState: @unchecked Sendable {
        let lock = PyMutex()
        var table = PyDictStorage()
        var order: [PyObject] = []
        var hits = 0, misses = 0
    }

    static func cached(_ function: PyObject, maxsize: Int?, typed: Bool) throws -> PyObject {
        guard function.isCallable else { throw PyException.typeError("the first argument must be callable") }
        let state = CacheState()
        let infoType = try requireModule("collections").attribute("namedtuple")(
            "CacheInfo", .list(["hits", "misses", "maxsize", "currsize"]))
        let wrapper = PyObject.function(try function.attribute("__name__").toString(), PySignature([], varargs: "args", varkw: "kwds")) { arguments in
            var parts = try arguments[0].collect()
            let keywords = try arguments[1].unpackedKeywords()
            if !keywords.isEmpty {
                parts.append(PyObject(PySentinel.keywordMark))
                for (key, value) in keywords { parts += [PyObject(key), value] }
            }
            if typed { parts += try arguments[0].collect().map { PyObject($0.pyType) } }
            let key = parts.count == 1 && (parts[0].isStr || { if case .int = parts[0].storage { true } else { false } }()) ? parts[0] : PyObject.tuple(parts)
            if maxsize == 0 {
                state.lock.locked { state.misses += 1 }
                return try function.call(try arguments[0].collect(), keywords: keywords)
            }
            if let hit = try state.lock.locked({ try state.table.get(key) }) {
                try state.lock.locked {
                    state.hits += 1
                    if maxsize != nil, let index = try state.order.firstIndex(where: { try $0 == key }) {
                        state.order.append(state.order.remove(at: index))
                    }
                }
                return hit
            }
            let result = try function.call(try arguments[0].collect(), keywords: keywords)
            try state.lock.locked {
                state.misses += 1
                if try state.table.get(key) == nil {
                    try state.table.set(key, result)
                    if let maxsize {
                        state.order.append(key)
                        if state.order.count > maxsize { _ = try state.table.remove(state.order.removeFirst()) }
                    }
                }
            }
            return result
        }
        _ = try update(wrapper, from: function, assigned: wrapperAssignments, updated: ["__dict__"])
        try wrapper.setAttribute("cache_info", PyObject.function("cache_info", PySignature()) { _ in
            let (hits, misses, size) = state.lock.locked { (state.hits, state.misses, state.table.count) }
            return try infoType(PyObject(hits), PyObject(misses), maxsize.map { PyObject($0) } ?? .none, PyObject(size))
        })
        try wrapper.setAttribute("cache_clear", PyObject.function("cache_clear", PySignature()) { _ in
            state.lock.locked {
                state.table = PyDictStorage()
                state.order = []
                state.hits = 0
                state.misses = 0
            }
            return .none
        })
        try wrapper.setAttribute("cache_parameters", PyObject.function("cache_parameters", PySignature()) { _ in
            try .dict([(PyObject("maxsize"), maxsize.map { PyObject($0) } ?? .none), (PyObject("typed"), PyObject(typed))])
        })
        return wrapper
    }

    // MARK: total_ordering

    static func totalOrdering(_ cls: PyObject) throws -> PyObject {
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("total_ordering needs a class") }
        let operators = ["__lt__", "__le__", "__gt__", "__ge__"]
        let roots = operators.filter { name in
            guard let found = type.lookup(name) else { return false }
            guard let base = PyClass.object.own(name) else { return true }
            return !found.isIdentical(to: base)
        }
        guard let root = roots.max() else {
            throw PyException.valueError("must define at least one ordering operation: < > <= >=")
        }
        // CPython's table: for each root, the three it derives and how.
        typealias Derive = (PyObject, PyObject, PyObject) throws -> PyObject
        func notEqual(_ a: PyObject, _ b: PyObject) throws -> Bool { try a != b }
        func equal(_ a: PyObject, _ b: PyObject) throws -> Bool { try a == b }
        let notResult: Derive = { r, _, _ in PyObject(!(try r.truthy())) }
        let andNotEqual: Derive = { r, a, b in try r.truthy() ? PyObject(try notEqual(a, b)) : r }
        let orEqual: Derive = { r, a, b in try r.truthy() ? r : PyObject(try equal(a, b)) }
        let notAndNotEqual: Derive = { r, a, b in try r.truthy() ? PyObject(false) : PyObject(try notEqual(a, b)) }
        let notOrEqual: Derive = { r, a, b in try r.truthy() ? PyObject(try equal(a, b)) : PyObject(true) }
        let table: [String: [(String, Derive)]] = [
            "__lt__": [("__gt__", notAndNotEqual), ("__le__", orEqual), ("__ge__", notResult)],
            "__le__": [("__ge__", notOrEqual), ("__lt__", andNotEqual), ("__gt__", notResult)],
            "__gt__": [("__lt__", notAndNotEqual), ("__ge__", orEqual), ("__le__", notResult)],
            "__ge__": [("__le__", notOrEqual), ("__gt__", andNotEqual), ("__lt__", notResult)],
        ]
        for (name, derive) in table[root]! where !roots.contains(name) {
            let function = PyObject.function(name, PySignature(["self", "other"])) { arguments in
                let result = try arguments[0].pyType.lookup(root)!.callBound(arguments[0], [arguments[1]])
                if result.isNotImplemented { return result }
                return try derive(result, arguments[0], arguments[1])
            }
            try cls.setAttribute(name, function)
        }
        return cls
    }

    // MARK: cmp_to_key

    static func cmpToKey(_ compare: PyObject) throws -> PyObject {
        try PyObject.makeClass("K") { namespace in
            namespace["__module__"] = "functools"
            namespace["__slots__"] = .list(["obj"])
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "obj"])) { arguments in
                try arguments[0].setAttribute("obj", arguments[1])
                return .none
            }
            let comparisons: [(String, (Int) -> Bool)] = [
                ("__lt__", { $0 < 0 }), ("__gt__", { $0 > 0 }), ("__eq__", { $0 == 0 }),
                ("__le__", { $0 <= 0 }), ("__ge__", { $0 >= 0 }),
            ]
            for (name, test) in comparisons {
                namespace[name] = PyObject.function(name, PySignature(["self", "other"])) { arguments in
                    let result = try compare(try arguments[0].attribute("obj"), try arguments[1].attribute("obj"))
                    return PyObject(test(try (result < 0) ? -1 : (result > 0 ? 1 : 0)))
                }
            }
            namespace["__hash__"] = PyObject.none
        }
    }

    // MARK: singledispatch

    static func singledispatch(_ function: PyObject) throws -> PyObject {
        let registry = try PyObject.dict([(PyObject(PyClass.object), function)])
        func dispatch(_ type: PyClass) throws -> PyObject {
            for candidate in type.mro {
                if let found = try (registry.builtinValue.heap as! PyDictStorage).get(PyObject(candidate)) { return found }
            }
            return function
        }
        let wrapper = PyObject.function(try function.attribute("__name__").toString(), PySignature([], varargs: "args", varkw: "kw")) { arguments in
            let positional = try arguments[0].collect()
            guard let first = positional.first else {
                let name = (try? function.attribute("__name__").toString()) ?? "singledispatch function"
                throw PyException.typeError("\(name) requires at least 1 positional argument")
            }
            return try dispatch(first.pyType).call(positional, keywords: try arguments[1].unpackedKeywords())
        }
        let register = PyObject.function("register", PySignature(["cls", "func"], defaults: [.none])) { arguments in
            let given = arguments[0]
            if given.heap is PyClass {
                if arguments[1].isNone {
                    return PyObject.function("register", PySignature(["func"])) { inner in
                        try registry.setItem(given, inner[0])
                        return inner[0]
                    }
                }
                try registry.setItem(given, arguments[1])
                return arguments[1]
            }
            // `@f.register` on a function: the first parameter's annotation names the class.
            let annotations = (try? given.attribute("__annotations__").collect()) ?? []
            guard let firstName = annotations.first,
                  let annotated = try? given.attribute("__annotations__").item(firstName), annotated.heap is PyClass else {
                throw PyException.typeError("Invalid first argument to `register()`: \(try given.repr()). Use either `@register(some_class)` or plain `@register` on an annotated function.")
            }
            try registry.setItem(annotated, given)
            return given
        }
        _ = try update(wrapper, from: function, assigned: wrapperAssignments, updated: ["__dict__"])
        try wrapper.setAttribute("register", register)
        try wrapper.setAttribute("registry", registry)
        try wrapper.setAttribute("dispatch", PyObject.function("dispatch", PySignature(["cls"])) { arguments in
            guard let type = arguments[0].heap as? PyClass else { throw PyException.typeError("dispatch needs a class") }
            return try dispatch(type)
        })
        return wrapper
    }

    // MARK: cached_property

    static func cachedPropertyClass() throws -> PyObject {
        try PyObject.makeClass("cached_property") { namespace in
            namespace["__module__"] = "functools"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "func"])) { arguments in
                let this = arguments[0]
                try this.setAttribute("func", arguments[1])
                try this.setAttribute("attrname", .none)
                try this.setAttribute("__doc__", (try? arguments[1].attribute("__doc__")) ?? .none)
                return .none
            }
            namespace["__set_name__"] = PyObject.function("__set_name__", PySignature(["self", "owner", "name"])) { arguments in
                let this = arguments[0]
                let current = try this.attribute("attrname")
                if current.isNone {
                    try this.setAttribute("attrname", arguments[2])
                } else if try current != arguments[2] {
                    throw PyException.typeError("Cannot assign the same cached_property to two different names (\(try current.repr()) and \(try arguments[2].repr())).")
                }
                return .none
            }
            namespace["__get__"] = PyObject.function("__get__", PySignature(["self", "instance", "owner"], defaults: [.none])) { arguments in
                let this = arguments[0], instance = arguments[1]
                if instance.isNone { return this }
                let name = try this.attribute("attrname")
                if name.isNone {
                    throw PyException.typeError("Cannot use cached_property instance without calling __set_name__ on it.")
                }
                guard let dict = try instance.findAttribute("__dict__") else {
                    throw PyException.typeError("No '__dict__' attribute on \(try instance.pyType.name.pyObject.repr()) instance to cache \(try name.repr()) property.")
                }
                if let value = try (dict.builtinValue.heap as? PyDictStorage)?.get(name) { return value }
                let value = try this.attribute("func")(instance)
                try dict.setItem(name, value)
                return value
            }
        }
    }
}

/// Markers no Python value equals: a missing argument, the keyword separator of a cache key.
final class PySentinel: PyHeap, @unchecked Sendable {
    static let missing = PySentinel()
    static let keywordMark = PySentinel()
}
