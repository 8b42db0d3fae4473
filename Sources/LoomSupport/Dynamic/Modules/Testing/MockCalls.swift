/// `unittest.mock`'s records of calls: `call`, the `_Call` values mocks keep in `call_args`,
/// `call_args_list`, `mock_calls` and `method_calls`, the `_CallList` that holds them, and the
/// `sentinel`, `DEFAULT` and `ANY` singletons.
struct RecordedCall {
    /// The name the call's tuple holds (`connection.cursor`); nil for `call` itself.
    var name: String?
    /// The path further attributes extend (`connection.cursor()` after a call); nil for `call` itself.
    var path: String? = nil
    /// The call this one was reached from, for `call_list()`.
    var parent: PyObject? = nil
    var arguments: [PyObject]
    var keywords: [(String, PyObject)]
    /// A `call_args` value: a pair `(args, kwargs)` rather than a triple with the name.
    var isPair: Bool
    /// Made by calling (`call(1)`, a recorded call) rather than by reading an attribute of `call`
    /// (`call.method`), which reprs as its bare path.
    var fromCall: Bool

    var tupleItems: [PyObject] {
        let positional = PyObject.tuple(arguments)
        let named = MockCalls.keywordDict(keywords)
        return isPair ? [positional, named] : [PyObject(name ?? ""), positional, named]
    }
}

enum MockCalls {
    static let moduleName = "unittest.mock"

    static func keywordDict(_ keywords: [(String, PyObject)]) -> PyObject {
        (try? PyObject.dict(keywords.map { (PyObject($0.0), $0.1) })) ?? .none
    }

    /// `name(1, 'a', key=2)`, as CPython's `_format_call_signature`.
    static func signature(_ name: String, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> String {
        var parts = try arguments.map { try $0.repr() }
        for (key, value) in keywords { parts.append("\(key)=\(try value.repr())") }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// `pprint.pformat` of a list whose items have no pretty-printer of their own: one line when it
    /// fits in 80 columns, else one item per line.
    static func prettyList(_ items: [PyObject]) throws -> String {
        let reprs = try items.map { try $0.repr() }
        let oneLine = "[" + reprs.joined(separator: ", ") + "]"
        if oneLine.count <= 80 { return oneLine }
        return "[" + reprs.joined(separator: ",\n ") + "]"
    }

    final class Classes: @unchecked Sendable {
        let call: PyClass
        let callList: PyClass
        let sentinelObject: PyClass
        let any: PyObject
        let sentinel: PyObject
        private let sentinels = Locked<[String: PyObject]>([:])

        init() throws {
            callList = try Self.makeCallListClass()
            call = try Self.makeCallClass(callListClass: callList)
            sentinelObject = try Self.makeSentinelClass()
            any = try Self.makeAny()
            let sentinelClass = try PyObject.makeClass("_Sentinel") { namespace in
                namespace["__module__"] = PyObject(moduleName)
            }
            sentinel = try sentinelClass()
            try installSentinelLookup()
        }

        /// `sentinel.name`: one object per name, for the whole program.
        func sentinel(named name: String) -> PyObject {
            sentinels.withLock { table in
                if let existing = table[name] { return existing }
                let instance = PyInstance(cls: sentinelObject)
                instance.payload = name
                let value = PyObject(instance)
                table[name] = value
                return value
            }
        }

        var defaultSentinel: PyObject { sentinel(named: "DEFAULT") }

        private func installSentinelLookup() throws {
            sentinel.pyType.setOwn("__getattr__", PyObject.function("__getattr__", PySignature(["self", "name"])) { arguments in
                let name = try arguments[1].toString()
                if name == "__bases__" { throw PyException.make(PyClass.attributeError, name) }
                return self.sentinel(named: name)
            })
        }

        func make(_ record: RecordedCall) -> PyObject {
            let instance = PyInstance(cls: call)
            instance.payload = record
            return PyObject(instance)
        }

        /// A fresh, empty `_CallList`.
        func emptyList() throws -> PyObject { try PyObject(callList)() }

        static func record(of value: PyObject) -> RecordedCall? {
            (value.heap as? PyInstance)?.payload as? RecordedCall
        }

        private static func method(_ name: String, _ parameters: [String] = [], varargs: String? = nil, varkw: String? = nil,
                                   _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
            PyObject.function(name, PySignature(["self"] + parameters, varargs: varargs, varkw: varkw), body)
        }

        private static func makeCallClass(callListClass: PyClass) throws -> PyClass {
            let cls = try PyObject.makeClass("_Call") { namespace in
                namespace["__module__"] = PyObject(moduleName)
                namespace["__repr__"] = method("__repr__") { arguments in
                    guard let record = record(of: arguments[0]) else { return "call" }
                    return PyObject(try describe(record))
                }
                namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                    guard let record = record(of: arguments[0]) else { return .notImplemented }
                    return try equal(record, arguments[1])
                }
                namespace["__ne__"] = method("__ne__", ["other"]) { arguments in
                    guard let record = record(of: arguments[0]) else { return .notImplemented }
                    let result = try equal(record, arguments[1])
                    if result.isIdentical(to: .notImplemented) { return result }
                    return PyObject(!(try result.truthy()))
                }
                namespace["__hash__"] = PyObject.none
                namespace["__len__"] = method("__len__") { arguments in
                    PyObject(record(of: arguments[0])?.tupleItems.count ?? 0)
                }
                namespace["__iter__"] = method("__iter__") { arguments in
                    try PyObject.tuple(record(of: arguments[0])?.tupleItems ?? []).callMethod("__iter__")
                }
                namespace["__getitem__"] = method("__getitem__", ["index"]) { arguments in
                    try PyObject.tuple(record(of: arguments[0])?.tupleItems ?? []).item(arguments[1])
                }
                namespace["__getattr__"] = method("__getattr__", ["name"]) { arguments in
                    let attribute = try arguments[1].toString()
                    guard let record = record(of: arguments[0]) else { throw PyException.make(PyClass.attributeError, attribute) }
                    if attribute.hasPrefix("__") && attribute.hasSuffix("__") && attribute.count > 4 {
                        throw PyException.make(PyClass.attributeError, attribute)
                    }
                    let path = record.path.map { "\($0).\(attribute)" } ?? attribute
                    let instance = PyInstance(cls: (arguments[0].heap as! PyInstance).cls)
                    instance.payload = RecordedCall(name: path, path: path, parent: record.path == nil ? nil : arguments[0], arguments: [], keywords: [], isPair: false, fromCall: false)
                    return PyObject(instance)
                }
                namespace["__call__"] = method("__call__", varargs: "args", varkw: "kwargs") { arguments in
                    let record = record(of: arguments[0])
                    let positional = try arguments[1].collect()
                    let keywords = try arguments[2].unpackedKeywords()
                    let instance = PyInstance(cls: (arguments[0].heap as! PyInstance).cls)
                    // `call(1)` records no name; `call.method(1)` records `method`, and goes on from `method()`.
                    let path = record?.path
                    instance.payload = RecordedCall(name: path ?? "", path: path.map { $0 + "()" } ?? "()", parent: path == nil ? nil : arguments[0],
                                                    arguments: positional, keywords: keywords, isPair: false, fromCall: true)
                    return PyObject(instance)
                }
                namespace["args"] = PyObject(PyProperty(getter: method("args") { arguments in
                    .tuple(record(of: arguments[0])?.arguments ?? [])
                }, setter: .none, deleter: .none, doc: .none))
                namespace["kwargs"] = PyObject(PyProperty(getter: method("kwargs") { arguments in
                    keywordDict(record(of: arguments[0])?.keywords ?? [])
                }, setter: .none, deleter: .none, doc: .none))
                namespace["call_list"] = method("call_list") { arguments in
                    var chain: [PyObject] = []
                    var current: PyObject? = arguments[0]
                    while let value = current, let record = record(of: value) {
                        if record.fromCall { chain.append(value) }
                        current = record.parent
                    }
                    let list = try PyObject(callListClass)()
                    for item in chain.reversed() { _ = try list.callMethod("append", [item]) }
                    return list
                }
                namespace["count"] = method("count", ["value"]) { arguments in
                    try PyObject.tuple(record(of: arguments[0])?.tupleItems ?? []).callMethod("count", [arguments[1]])
                }
                namespace["index"] = method("index", ["value"]) { arguments in
                    try PyObject.tuple(record(of: arguments[0])?.tupleItems ?? []).callMethod("index", [arguments[1]])
                }
            }
            return cls.heap as! PyClass
        }

        /// `_Call.__repr__`.
        static func describe(_ record: RecordedCall) throws -> String {
            if !record.fromCall {
                let name = record.path ?? "call"
                return name.hasPrefix("()") ? "call\(name)" : name
            }
            if record.isPair { return try signature("call", record.arguments, record.keywords) }
            var name = record.name ?? ""
            if name.isEmpty { name = "call" } else if name.hasPrefix("()") { name = "call\(name)" } else { name = "call.\(name)" }
            return try signature(name, record.arguments, record.keywords)
        }

        /// `_Call.__eq__`: the other side may be another call, a pair `(args, kwargs)`, a triple with
        /// the name, or shorter tuples; names are compared only when this call has one.
        static func equal(_ record: RecordedCall, _ other: PyObject) throws -> PyObject {
            let otherItems: [PyObject]
            if let otherRecord = Classes.record(of: other) {
                otherItems = otherRecord.tupleItems
            } else if other.heap is PyTupleStorage || other.builtinValue.heap is PyTupleStorage {
                otherItems = try other.collect()
            } else if other.heap is PyList {
                otherItems = try other.collect()
            } else {
                return .notImplemented
            }
            let selfName = record.isPair ? "" : (record.name ?? "")
            var otherName = ""
            var otherArguments: PyObject = .tuple([])
            var otherKeywords: PyObject = keywordDict([])
            switch otherItems.count {
            case 0: break
            case 1:
                let value = otherItems[0]
                if value.builtinValue.heap is PyTupleStorage { otherArguments = value }
                else if value.isStr { otherName = try value.toString() }
                else { otherKeywords = value }
            case 2:
                let first = otherItems[0], second = otherItems[1]
                if first.isStr {
                    otherName = try first.toString()
                    if second.builtinValue.heap is PyTupleStorage { otherArguments = second } else { otherKeywords = second }
                } else {
                    otherArguments = first
                    otherKeywords = second
                }
            case 3:
                otherName = (try? otherItems[0].toString()) ?? ""
                otherArguments = otherItems[1]
                otherKeywords = otherItems[2]
            default:
                return false
            }
            if !selfName.isEmpty && otherName != selfName { return false }
            // The other side first, as CPython orders it, so that `ANY` on either side matches.
            let left = PyObject.tuple([otherArguments, otherKeywords])
            let right = PyObject.tuple([PyObject.tuple(record.arguments), keywordDict(record.keywords)])
            return PyObject(try left.equals(right))
        }

        private static func makeCallListClass() throws -> PyClass {
            let cls = try PyObject.makeClass("_CallList", bases: [PyObject(PyClass.list)]) { namespace in
                namespace["__module__"] = PyObject(moduleName)
                namespace["__repr__"] = method("__repr__") { arguments in
                    PyObject(try prettyList(try arguments[0].builtinValue.collect()))
                }
                // `[call(1), call(2)] in mock.mock_calls`: a list is looked for as a run of calls.
                namespace["__contains__"] = method("__contains__", ["value"]) { arguments in
                    let items = try arguments[0].builtinValue.collect()
                    let value = arguments[1]
                    guard value.heap is PyList else {
                        for item in items where try item.equals(value) { return true }
                        return false
                    }
                    let wanted = try value.collect()
                    if wanted.isEmpty { return true }
                    guard wanted.count <= items.count else { return false }
                    for start in 0...(items.count - wanted.count) {
                        var matches = true
                        for (offset, item) in wanted.enumerated() where !(try items[start + offset].equals(item)) { matches = false; break }
                        if matches { return true }
                    }
                    return false
                }
            }
            return cls.heap as! PyClass
        }

        private static func makeSentinelClass() throws -> PyClass {
            let cls = try PyObject.makeClass("_SentinelObject") { namespace in
                namespace["__module__"] = PyObject(moduleName)
                namespace["__repr__"] = method("__repr__") { arguments in
                    PyObject("sentinel.\(((arguments[0].heap as? PyInstance)?.payload as? String) ?? "")")
                }
                namespace["name"] = PyObject(PyProperty(getter: method("name") { arguments in
                    PyObject(((arguments[0].heap as? PyInstance)?.payload as? String) ?? "")
                }, setter: .none, deleter: .none, doc: .none))
            }
            return cls.heap as! PyClass
        }

        private static func makeAny() throws -> PyObject {
            let cls = try PyObject.makeClass("_ANY") { namespace in
                namespace["__module__"] = PyObject(moduleName)
                namespace["__eq__"] = method("__eq__", ["other"]) { _ in true }
                namespace["__ne__"] = method("__ne__", ["other"]) { _ in false }
                namespace["__hash__"] = PyObject.none
                namespace["__repr__"] = method("__repr__") { _ in "<ANY>" }
            }
            return try cls()
        }
    }
}
