/// `collections`: `defaultdict`, `Counter`, `namedtuple`, `deque`, `OrderedDict`, `ChainMap` and
/// `UserDict`/`UserList`, with CPython's reprs and errors.
enum CollectionsModule {
    static let name = "collections"

    static func build() throws -> PyObject {
        let deque = try dequeClass()
        return buildModule(name, [
            ("defaultdict", try defaultdictClass()),
            ("Counter", try counterClass()),
            ("namedtuple", PyObject.moduleFunction(name, "namedtuple", PySignature(["typename", "field_names"], keywordOnly: ["rename", "defaults", "module"],
                keywordDefaults: ["rename": false, "defaults": .none, "module": .none])) { arguments in
                try namedtuple(arguments[0], arguments[1], rename: try arguments[2].truthy(), defaults: arguments[3], module: arguments[4])
            }),
            ("deque", deque),
            ("OrderedDict", try orderedDictClass()),
            ("ChainMap", try chainMapClass()),
            ("UserDict", try userDictClass()),
            ("UserList", try userListClass()),
            ("abc", try CollectionsABCModule.module()),
        ])
    }

    static func storage(_ this: PyObject) throws -> PyDictStorage {
        guard let dict = this.builtinValue.heap as? PyDictStorage else { throw PyException.typeError("descriptor requires a 'dict' object") }
        return dict
    }

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    static func dictBody(_ dict: PyDictStorage) throws -> String {
        "{" + (try dict.entries.map { "\(try $0.0.repr()): \(try $0.1.repr())" }.joined(separator: ", ")) + "}"
    }

    // MARK: defaultdict

    static func defaultdictClass() throws -> PyObject {
        try PyObject.makeClass("defaultdict", bases: [PyObject(PyClass.dict)]) { namespace in
            namespace["__module__"] = "collections"
            namespace["__init__"] = method("__init__", ["default_factory"], defaults: [.none], varargs: "args", varkw: "kwargs") { arguments in
                let this = arguments[0], factory = arguments[1]
                if !factory.isNone && !factory.isCallable { throw PyException.typeError("first argument must be callable or None") }
                try this.setAttribute("default_factory", factory)
                _ = try PyObject(PyClass.dict).attribute("update").call([this] + arguments[2].collect(), keywords: try arguments[3].unpackedKeywords())
                return .none
            }
            namespace["__missing__"] = method("__missing__", ["key"]) { arguments in
                let this = arguments[0], key = arguments[1]
                let factory = try this.attribute("default_factory")
                if factory.isNone { throw PyException.keyError(key) }
                let value = try factory()
                try storage(this).set(key, value)
                return value
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let factory = try this.attribute("default_factory")
                let factoryText = factory.isNone ? "None" : try factory.repr()
                return PyObject("\(this.pyType.name)(\(factoryText), \(try dictBody(try storage(this))))")
            }
            namespace["copy"] = method("copy") { arguments in
                let this = arguments[0]
                return try PyObject(this.pyType)(try this.attribute("default_factory"), PyObject(try storage(this).copy()))
            }
        }
    }

    // MARK: Counter

    static func counterClass() throws -> PyObject {
        let counter = try PyObject.makeClass("Counter", bases: [PyObject(PyClass.dict)]) { namespace in
            namespace["__module__"] = "collections"
            namespace["__init__"] = method("__init__", ["iterable"], defaults: [.none], varkw: "kwds") { arguments in
                try countInto(arguments[0], arguments[1], arguments[2], sign: 1)
                return .none
            }
            namespace["update"] = method("update", ["iterable"], defaults: [.none], varkw: "kwds") { arguments in
                try countInto(arguments[0], arguments[1], arguments[2], sign: 1)
                return .none
            }
            namespace["subtract"] = method("subtract", ["iterable"], defaults: [.none], varkw: "kwds") { arguments in
                try countInto(arguments[0], arguments[1], arguments[2], sign: -1)
                return .none
            }
            namespace["__missing__"] = method("__missing__", ["key"]) { _ in 0 }
            namespace["most_common"] = method("most_common", ["n"], defaults: [.none]) { arguments in
                .list(try mostCommon(arguments[0], arguments[1]))
            }
            namespace["elements"] = method("elements") { arguments in
                var items: [PyObject] = []
                for (key, count) in try storage(arguments[0]).entries {
                    let times = (try? count.toInt()) ?? 0
                    if times > 0 { items += [PyObject](repeating: key, count: times) }
                }
                return try PyObject.list(items).iterate().pythonObject
            }
            namespace["total"] = method("total") { arguments in
                var sum: PyObject = 0
                for (_, count) in try storage(arguments[0]).entries { sum = try sum + count }
                return sum
            }
            namespace["copy"] = method("copy") { arguments in try PyObject(arguments[0].pyType)(arguments[0]) }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let pairs = try mostCommon(this, .none)
                if pairs.isEmpty { return PyObject("\(this.pyType.name)()") }
                let body = try pairs.map { pair -> String in
                    let (key, value) = try pair.unpack2()
                    return "\(try key.repr()): \(try value.repr())"
                }.joined(separator: ", ")
                return PyObject("\(this.pyType.name)({\(body)})")
            }
            func arithmetic(_ name: String, _ combine: @escaping (PyObject, PyObject) throws -> PyObject?, keepSelfOnly: Bool, includeOther: Bool) -> PyObject {
                method(name, ["other"]) { arguments in
                    let this = arguments[0], other = arguments[1]
                    guard other.pyType.isSubclass(of: this.pyType) || this.pyType.isSubclass(of: other.pyType),
                          let otherStorage = other.builtinValue.heap as? PyDictStorage else { return .notImplemented }
                    let result = try PyObject(this.pyType)()
                    let target = try storage(result)
                    for (key, count) in try storage(this).entries {
                        let otherCount = try otherStorage.get(key) ?? 0
                        if let value = try combine(count, otherCount), try value > 0 { try target.set(key, value) }
                    }
                    if includeOther {
                        let mine = try storage(this)
                        for (key, count) in otherStorage.entries where try mine.get(key) == nil {
                            if let value = try combine(0, count), try value > 0 { try target.set(key, value) }
                        }
                    }
                    _ = keepSelfOnly
                    return result
                }
            }
            namespace["__add__"] = arithmetic("__add__", { try $0 + $1 }, keepSelfOnly: false, includeOther: true)
            namespace["__sub__"] = arithmetic("__sub__", { try $0 - $1 }, keepSelfOnly: true, includeOther: false)
            namespace["__or__"] = arithmetic("__or__", { try $0 < $1 ? $1 : $0 }, keepSelfOnly: false, includeOther: true)
            namespace["__and__"] = arithmetic("__and__", { try $0 < $1 ? $0 : $1 }, keepSelfOnly: true, includeOther: false)
            namespace["__pos__"] = method("__pos__") { arguments in
                let result = try PyObject(arguments[0].pyType)()
                for (key, count) in try storage(arguments[0]).entries where try count > 0 { try storage(result).set(key, count) }
                return result
            }
            namespace["__neg__"] = method("__neg__") { arguments in
                let result = try PyObject(arguments[0].pyType)()
                for (key, count) in try storage(arguments[0]).entries where try count < 0 { try storage(result).set(key, try 0 - count) }
                return result
            }
        }
        try counter.setAttribute("fromkeys", PyObject(PyMethodWrapper(.classMethod, PyObject.function("fromkeys", PySignature(["cls", "iterable", "v"], defaults: [.none])) { _ in
            throw PyException.make(PyClass.notImplementedError, "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
        })))
        return counter
    }

    static func countInto(_ this: PyObject, _ iterable: PyObject, _ keywords: PyObject, sign: Int) throws {
        let dict = try storage(this)
        if !iterable.isNone {
            if let mapping = iterable.builtinValue.heap as? PyDictStorage {
                for (key, count) in mapping.entries {
                    let current = try dict.get(key) ?? 0
                    try dict.set(key, sign > 0 ? try current + count : try current - count)
                }
            } else {
                let iterator = try iterable.iterate()
                while let item = try iterator.next() {
                    let current = try dict.get(item) ?? 0
                    try dict.set(item, try current + PyObject(sign))
                }
            }
        }
        for (key, count) in try keywords.unpackedKeywords() {
            let current = try dict.get(PyObject(key)) ?? 0
            try dict.set(PyObject(key), sign > 0 ? try current + count : try current - count)
        }
    }

    /// Largest counts first; equal counts keep insertion order (a stable sort, as CPython's).
    static func mostCommon(_ this: PyObject, _ limit: PyObject) throws -> [PyObject] {
        var entries = try storage(this).entries
        var failure: (any Error)?
        entries = mergeSorted(entries) { a, b in
            do { return try a.1 > b.1 } catch { failure = error; return false }
        }
        if let failure { throw failure }
        var pairs = entries.map { PyObject.tuple([$0.0, $0.1]) }
        if !limit.isNone { pairs = Array(pairs.prefix(max(0, try limit.toInt()))) }
        return pairs
    }

    /// A stable merge sort: Swift's `sort` is not guaranteed stable, Python's is.
    static func mergeSorted<Element>(_ items: [Element], by before: (Element, Element) -> Bool) -> [Element] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = mergeSorted(Array(items[..<middle]), by: before), right = mergeSorted(Array(items[middle...]), by: before)
        var result: [Element] = []
        result.reserveCapacity(items.count)
        var i = 0, j = 0
        while i < left.count && j < right.count {
            if before(right[j], left[i]) { result.append(right[j]); j += 1 } else { result.append(left[i]); i += 1 }
        }
        result += left[i...]
        result += right[j...]
        return result
    }

    // MARK: namedtuple

    static let pythonKeywords: Set<String> = ["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return text.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }

    static func namedtuple(_ typename: PyObject, _ fieldNames: PyObject, rename: Bool, defaults: PyObject, module: PyObject) throws -> PyObject {
        let typeName = try typename.toString()
        var fields: [String]
        if fieldNames.isStr {
            fields = try fieldNames.toString().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        } else {
            fields = try fieldNames.collect().map { try $0.str() }
        }
        if rename {
            var seen: Set<String> = []
            for (index, field) in fields.enumerated() {
                if !isIdentifier(field) || pythonKeywords.contains(field) || field.hasPrefix("_") || seen.contains(field) {
                    fields[index] = "_\(index)"
                }
                seen.insert(field)
            }
        }
        for name in [typeName] + fields {
            if !isIdentifier(name) { throw PyException.valueError("Type names and field names must be valid identifiers: \(try PyObject(name).repr())") }
            if pythonKeywords.contains(name) { throw PyException.valueError("Type names and field names cannot be a keyword: \(try PyObject(name).repr())") }
        }
        var seen: Set<String> = []
        for field in fields {
            if field.hasPrefix("_") && !rename { throw PyException.valueError("Field names cannot start with an underscore: \(try PyObject(field).repr())") }
            if seen.contains(field) { throw PyException.valueError("Encountered duplicate field name: \(try PyObject(field).repr())") }
            seen.insert(field)
        }
        let defaultValues = defaults.isNone ? [] : try defaults.collect()
        if defaultValues.count > fields.count { throw PyException.typeError("Got more default values than field names") }
        let moduleName = module.isNone ? "__main__" : try module.str()
        let fieldTuple = PyObject.tuple(fields.map { PyObject($0) })
        let cls = try PyObject.makeClass(typeName, bases: [PyObject(PyClass.tuple)]) { namespace in
            namespace["__module__"] = PyObject(moduleName)
            namespace["__slots__"] = .tuple([])
            namespace["_fields"] = fieldTuple
            namespace["_field_defaults"] = try .dict(zip(fields.suffix(defaultValues.count), defaultValues).map { (PyObject($0.0), $0.1) })
            namespace["__match_args__"] = fieldTuple
            namespace["__new__"] = PyObject.function("__new__", PySignature(["_cls"] + fields, defaults: defaultValues)) { arguments in
                try makeTuple(arguments[0], Array(arguments.dropFirst()))
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let values = try this.builtinValue.collect()
                let body = try zip(fields, values).map { "\($0.0)=\(try $0.1.repr())" }.joined(separator: ", ")
                return PyObject("\(this.pyType.name)(\(body))")
            }
            namespace["_asdict"] = method("_asdict") { arguments in
                try .dict(zip(fields, try arguments[0].builtinValue.collect()).map { (PyObject($0.0), $0.1) })
            }
            namespace["_replace"] = method("_replace", varkw: "kwds") { arguments in
                let this = arguments[0]
                var values = try this.builtinValue.collect()
                var changes = try arguments[1].unpackedKeywords()
                for (index, field) in fields.enumerated() {
                    if let position = changes.firstIndex(where: { $0.0 == field }) { values[index] = changes.remove(at: position).1 }
                }
                if !changes.isEmpty {
                    throw PyException.valueError("Got unexpected field names: \(try PyObject.list(changes.map { PyObject($0.0) }).repr())")
                }
                return try makeTuple(PyObject(this.pyType), values)
            }
            namespace["__getnewargs__"] = method("__getnewargs__") { arguments in .tuple(try arguments[0].builtinValue.collect()) }
            for (index, field) in fields.enumerated() {
                let getter = PyObject.function(field, PySignature(["self"])) { arguments in
                    try arguments[0].builtinValue.collect()[index]
                }
                let property = PyProperty(getter: getter, setter: .none, deleter: .none, doc: PyObject("Alias for field number \(index)"))
                namespace[field] = PyObject(property)
            }
        }
        try cls.setAttribute("_make", PyObject(PyMethodWrapper(.classMethod, PyObject.function("_make", PySignature(["cls", "iterable"])) { arguments in
            let values = try arguments[1].collect()
            if values.count != fields.count { throw PyException.typeError("Expected \(fields.count) arguments, got \(values.count)") }
            return try makeTuple(arguments[0], values)
        })))
        return cls
    }

    static func makeTuple(_ cls: PyObject, _ values: [PyObject]) throws -> PyObject {
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("namedtuple needs a class") }
        let instance = PyInstance(cls: type)
        instance.builtinBase = .tuple(values)
        return PyObject(instance)
    }

    // MARK: deque

    final class DequeStorage: @unchecked Sendable {
        let lock = PyMutex()
        var items: [PyObject] = []
        var maxlen: Int?

        func append(_ item: PyObject) {
            lock.locked {
                items.append(item)
                if let maxlen, items.count > maxlen { items.removeFirst(items.count - maxlen) }
            }
        }
        func appendLeft(_ item: PyObject) {
            lock.locked {
                items.insert(item, at: 0)
                if let maxlen, items.count > maxlen { items.removeLast(items.count - maxlen) }
            }
        }
        var snapshot: [PyObject] { lock.locked { items } }
    }

    static func deque(_ this: PyObject) throws -> DequeStorage { try this.nativePayload(as: DequeStorage.self) }

    static func dequeClass() throws -> PyObject {
        try PyObject.makeClass("deque") { namespace in
            namespace["__module__"] = "collections"
            namespace["__init__"] = method("__init__", ["iterable", "maxlen"], defaults: [.list([]), .none]) { arguments in
                let this = arguments[0]
                let store = DequeStorage()
                if !arguments[2].isNone {
                    guard case .int(let limit) = arguments[2].storage else { throw PyException.typeError("an integer is required") }
                    if limit < 0 { throw PyException.valueError("maxlen must be non-negative") }
                    store.maxlen = limit
                }
                this.setNativePayload(store)
                for item in try arguments[1].collect() { store.append(item) }
                return .none
            }
            namespace["maxlen"] = PyObject(PyProperty(getter: method("maxlen") { arguments in
                try deque(arguments[0]).maxlen.map { PyObject($0) } ?? .none
            }, setter: .none, deleter: .none, doc: .none))
            namespace["append"] = method("append", ["x"]) { arguments in try deque(arguments[0]).append(arguments[1]); return .none }
            namespace["appendleft"] = method("appendleft", ["x"]) { arguments in try deque(arguments[0]).appendLeft(arguments[1]); return .none }
            namespace["extend"] = method("extend", ["iterable"]) { arguments in
                let store = try deque(arguments[0])
                for item in try arguments[1].collect() { store.append(item) }
                return .none
            }
            namespace["extendleft"] = method("extendleft", ["iterable"]) { arguments in
                let store = try deque(arguments[0])
                for item in try arguments[1].collect() { store.appendLeft(item) }
                return .none
            }
            namespace["pop"] = method("pop") { arguments in
                let store = try deque(arguments[0])
                guard let item = store.lock.locked({ store.items.popLast() }) else { throw PyException.indexError("pop from an empty deque") }
                return item
            }
            namespace["popleft"] = method("popleft") { arguments in
                let store = try deque(arguments[0])
                guard let item = store.lock.locked({ () -> PyObject? in store.items.isEmpty ? Optional<PyObject>.none : store.items.removeFirst() }) else {
                    throw PyException.indexError("pop from an empty deque")
                }
                return item
            }
            namespace["clear"] = method("clear") { arguments in
                let store = try deque(arguments[0])
                store.lock.locked { store.items.removeAll() }
                return .none
            }
            namespace["rotate"] = method("rotate", ["n"], defaults: [1]) { arguments in
                let store = try deque(arguments[0])
                let n = try arguments[1].toInt()
                store.lock.locked {
                    let count = store.items.count
                    guard count > 1 else { return }
                    let shift = ((n % count) + count) % count
                    if shift != 0 { store.items = Array(store.items[(count - shift)...] + store.items[..<(count - shift)]) }
                }
                return .none
            }
            namespace["reverse"] = method("reverse") { arguments in
                let store = try deque(arguments[0])
                store.lock.locked { store.items.reverse() }
                return .none
            }
            namespace["count"] = method("count", ["x"]) { arguments in
                var total = 0
                for item in try deque(arguments[0]).snapshot where try item == arguments[1] { total += 1 }
                return PyObject(total)
            }
            namespace["index"] = method("index", ["x", "start", "stop"], defaults: [0, .none]) { arguments in
                let items = try deque(arguments[0]).snapshot
                let start = max(0, try arguments[2].toInt())
                let stop = arguments[3].isNone ? items.count : min(items.count, try arguments[3].toInt())
                if start < stop { for index in start..<stop where try items[index] == arguments[1] { return PyObject(index) } }
                throw PyException.valueError("\(try arguments[1].repr()) is not in deque")
            }
            namespace["remove"] = method("remove", ["value"]) { arguments in
                let store = try deque(arguments[0])
                for (index, item) in store.snapshot.enumerated() where try item == arguments[1] {
                    store.lock.locked { _ = store.items.remove(at: index) }
                    return .none
                }
                throw PyException.valueError("\(try arguments[1].repr()) is not in deque")
            }
            namespace["insert"] = method("insert", ["i", "x"]) { arguments in
                let store = try deque(arguments[0])
                if let maxlen = store.maxlen, store.snapshot.count >= maxlen { throw PyException.indexError("deque already at its maximum size") }
                var index = try arguments[1].toInt()
                store.lock.locked {
                    if index < 0 { index = max(0, store.items.count + index) }
                    store.items.insert(arguments[2], at: min(index, store.items.count))
                }
                return .none
            }
            namespace["copy"] = method("copy") { arguments in
                let store = try deque(arguments[0])
                return try PyObject(arguments[0].pyType).call([.list(store.snapshot)], keywords: [("maxlen", store.maxlen.map { PyObject($0) } ?? .none)])
            }
            namespace["__len__"] = method("__len__") { arguments in PyObject(try deque(arguments[0]).snapshot.count) }
            namespace["__bool__"] = method("__bool__") { arguments in PyObject(!(try deque(arguments[0]).snapshot.isEmpty)) }
            namespace["__iter__"] = method("__iter__") { arguments in try PyObject.list(try deque(arguments[0]).snapshot).iterate().pythonObject }
            namespace["__reversed__"] = method("__reversed__") { arguments in try PyObject.list(try deque(arguments[0]).snapshot.reversed()).iterate().pythonObject }
            namespace["__contains__"] = method("__contains__", ["x"]) { arguments in
                for item in try deque(arguments[0]).snapshot where try item == arguments[1] { return true }
                return false
            }
            namespace["__getitem__"] = method("__getitem__", ["index"]) { arguments in
                let items = try deque(arguments[0]).snapshot
                let index = try arguments[1].indexValue().toInt()
                let position = index < 0 ? items.count + index : index
                guard items.indices.contains(position) else { throw PyException.indexError("deque index out of range") }
                return items[position]
            }
            namespace["__setitem__"] = method("__setitem__", ["index", "value"]) { arguments in
                let store = try deque(arguments[0])
                let index = try arguments[1].indexValue().toInt()
                try store.lock.locked {
                    let position = index < 0 ? store.items.count + index : index
                    guard store.items.indices.contains(position) else { throw PyException.indexError("deque index out of range") }
                    store.items[position] = arguments[2]
                }
                return .none
            }
            namespace["__delitem__"] = method("__delitem__", ["index"]) { arguments in
                let store = try deque(arguments[0])
                let index = try arguments[1].indexValue().toInt()
                try store.lock.locked {
                    let position = index < 0 ? store.items.count + index : index
                    guard store.items.indices.contains(position) else { throw PyException.indexError("deque index out of range") }
                    store.items.remove(at: position)
                }
                return .none
            }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard let other = try? deque(arguments[1]) else { return .notImplemented }
                return PyObject(try PyObject.list(try deque(arguments[0]).snapshot) == PyObject.list(other.snapshot))
            }
            namespace["__hash__"] = PyObject.none
            namespace["__add__"] = method("__add__", ["other"]) { arguments in
                guard let other = try? deque(arguments[1]) else {
                    throw PyException.typeError("can only concatenate deque (not \"\(arguments[1].typeName)\") to deque")
                }
                let store = try deque(arguments[0])
                return try PyObject(arguments[0].pyType).call([.list(store.snapshot + other.snapshot)], keywords: [("maxlen", store.maxlen.map { PyObject($0) } ?? .none)])
            }
            namespace["__iadd__"] = method("__iadd__", ["other"]) { arguments in
                let store = try deque(arguments[0])
                for item in try arguments[1].collect() { store.append(item) }
                return arguments[0]
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let store = try deque(this)
                let body = try PyObject.list(store.snapshot).repr()
                if let maxlen = store.maxlen { return PyObject("\(this.pyType.name)(\(body), maxlen=\(maxlen))") }
                return PyObject("\(this.pyType.name)(\(body))")
            }
        }
    }

    // MARK: OrderedDict

    static func orderedDictClass() throws -> PyObject {
        try PyObject.makeClass("OrderedDict", bases: [PyObject(PyClass.dict)]) { namespace in
            namespace["__module__"] = "collections"
            namespace["move_to_end"] = method("move_to_end", ["key", "last"], defaults: [true]) { arguments in
                let dict = try storage(arguments[0])
                let key = arguments[1]
                guard let value = try dict.remove(key) else { throw PyException.keyError(key) }
                if try arguments[2].truthy() {
                    try dict.set(key, value)
                } else {
                    let rest = dict.entries
                    dict.removeAll()
                    try dict.set(key, value)
                    for (k, v) in rest { try dict.set(k, v) }
                }
                return .none
            }
            namespace["popitem"] = method("popitem", ["last"], defaults: [true]) { arguments in
                let dict = try storage(arguments[0])
                let entries = dict.entries
                guard let pair = try arguments[1].truthy() ? entries.last : entries.first else {
                    throw PyException.keyError(PyObject("dictionary is empty"))
                }
                _ = try dict.remove(pair.0)
                return .tuple([pair.0, pair.1])
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                let entries = try storage(this).entries
                if entries.isEmpty { return PyObject("\(this.pyType.name)()") }
                let body = try PyObject.list(entries.map { PyObject.tuple([$0.0, $0.1]) }).repr()
                return PyObject("\(this.pyType.name)(\(body))")
            }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                let mine = try storage(arguments[0])
                guard let theirs = arguments[1].builtinValue.heap as? PyDictStorage else { return .notImplemented }
                if arguments[1].pyType.name == "OrderedDict" || arguments[1].pyType.isSubclass(of: arguments[0].pyType) {
                    let a = mine.entries, b = theirs.entries
                    guard a.count == b.count else { return false }
                    for (x, y) in zip(a, b) { if try !(x.0 == y.0) || !(x.1 == y.1) { return false } }
                    return true
                }
                return PyObject(try PyObject(mine) == PyObject(theirs))
            }
            namespace["__hash__"] = PyObject.none
        }
    }

    // MARK: ChainMap

    static func chainMapClass() throws -> PyObject {
        func maps(_ this: PyObject) throws -> [PyObject] { try this.attribute("maps").collect() }
        func lookup(_ this: PyObject, _ key: PyObject) throws -> PyObject? {
            for map in try maps(this) where try map.contains(key) { return try map.item(key) }
            return nil
        }
        func mergedKeys(_ this: PyObject) throws -> [PyObject] {
            let merged = PyDictStorage()
            for map in try maps(this).reversed() { for key in try map.collect() { try merged.set(key, .none) } }
            return merged.entries.map(\.0)
        }
        return try PyObject.makeClass("ChainMap") { namespace in
            namespace["__module__"] = "collections"
            namespace["__init__"] = method("__init__", varargs: "maps") { arguments in
                var given = try arguments[1].collect()
                if given.isEmpty { given = [try .dict([])] }
                try arguments[0].setAttribute("maps", .list(given))
                return .none
            }
            namespace["__getitem__"] = method("__getitem__", ["key"]) { arguments in
                if let value = try lookup(arguments[0], arguments[1]) { return value }
                if let missing = arguments[0].pyType.overrides("__missing__") { return try missing.callBound(arguments[0], [arguments[1]]) }
                throw PyException.keyError(arguments[1])
            }
            namespace["get"] = method("get", ["key", "default"], defaults: [.none]) { arguments in
                try lookup(arguments[0], arguments[1]) ?? arguments[2]
            }
            namespace["__setitem__"] = method("__setitem__", ["key", "value"]) { arguments in
                try maps(arguments[0])[0].setItem(arguments[1], arguments[2])
                return .none
            }
            namespace["__delitem__"] = method("__delitem__", ["key"]) { arguments in
                let first = try maps(arguments[0])[0]
                guard try first.contains(arguments[1]) else {
                    throw PyException.keyError(PyObject("Key not found in the first mapping: \(try arguments[1].repr())"))
                }
                try first.deleteItem(arguments[1])
                return .none
            }
            namespace["__contains__"] = method("__contains__", ["key"]) { arguments in
                for map in try maps(arguments[0]) where try map.contains(arguments[1]) { return true }
                return false
            }
            namespace["__len__"] = method("__len__") { arguments in PyObject(try mergedKeys(arguments[0]).count) }
            namespace["__iter__"] = method("__iter__") { arguments in try PyObject.list(try mergedKeys(arguments[0])).iterate().pythonObject }
            namespace["keys"] = method("keys") { arguments in .list(try mergedKeys(arguments[0])) }
            namespace["values"] = method("values") { arguments in
                .list(try mergedKeys(arguments[0]).map { try lookup(arguments[0], $0) ?? .none })
            }
            namespace["items"] = method("items") { arguments in
                .list(try mergedKeys(arguments[0]).map { PyObject.tuple([$0, try lookup(arguments[0], $0) ?? .none]) })
            }
            namespace["new_child"] = method("new_child", ["m"], defaults: [.none]) { arguments in
                let child = arguments[1].isNone ? try PyObject.dict([]) : arguments[1]
                return try PyObject(arguments[0].pyType).call([child] + maps(arguments[0]))
            }
            namespace["parents"] = PyObject(PyProperty(getter: method("parents") { arguments in
                try PyObject(arguments[0].pyType).call(Array(try maps(arguments[0]).dropFirst()))
            }, setter: .none, deleter: .none, doc: .none))
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("\(arguments[0].pyType.name)(\(try maps(arguments[0]).map { try $0.repr() }.joined(separator: ", ")))")
            }
        }
    }

    // MARK: UserDict, UserList

    static func userDictClass() throws -> PyObject {
        try PyObject.makeClass("UserDict", bases: [PyObject(PyClass.dict)]) { namespace in
            namespace["__module__"] = "collections"
            namespace["data"] = PyObject(PyProperty(getter: method("data") { arguments in arguments[0].builtinValue }, setter: .none, deleter: .none, doc: .none))
        }
    }

    static func userListClass() throws -> PyObject {
        try PyObject.makeClass("UserList", bases: [PyObject(PyClass.list)]) { namespace in
            namespace["__module__"] = "collections"
            namespace["data"] = PyObject(PyProperty(getter: method("data") { arguments in arguments[0].builtinValue }, setter: .none, deleter: .none, doc: .none))
        }
    }
}
