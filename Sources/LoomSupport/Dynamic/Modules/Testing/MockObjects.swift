import Foundation

/// What one mock knows about itself: its place in the tree of mocks (for its name and for the calls
/// its ancestors record), its children, how it answers calls, and the calls it has seen.
final class MockState: @unchecked Sendable {
    /// `_mock_name`: the attribute name under its parent, or the `name=` it was given.
    var name: String?
    /// `_mock_parent`: the mock it is an attribute of, for `method_calls`.
    var parent: PyObject?
    /// `_mock_new_name` / `_mock_new_parent`: the link `mock_calls` and the repr follow; `()` for a return value.
    var newName = ""
    var newParent: PyObject?
    var children: [String: PyObject] = [:]
    var deleted: Set<String> = []
    /// nil stands for `DEFAULT`: a child mock is made on first read.
    var returnValue: PyObject?
    var sideEffect: PyObject = .none
    var wraps: PyObject = .none
    /// `_mock_methods`: the names a spec allows.
    var specNames: Set<String>?
    var specClass: PyClass?
    /// `_spec_signature`: a spec that is a function (or a class, through its `__init__`) makes calls
    /// compare by the parameters they bind, so `f(1, 2)` matches `call(a=1, b=2)`.
    var specSignature: PySignature?
    var specSet = false
    var unsafe = false
    var called = false
    var callCount = 0
    var callArgs: PyObject = .none
    var callArgsList: PyObject
    var mockCalls: PyObject
    var methodCalls: PyObject

    init(lists: () throws -> PyObject) rethrows {
        callArgsList = try lists()
        mockCalls = try lists()
        methodCalls = try lists()
    }
}

/// `Mock`, `MagicMock`, `NonCallableMock`, `NonCallableMagicMock` and `PropertyMock`: each instance
/// gets a class of its own (as CPython's mocks do), so configuring a magic method on one mock leaves
/// the others alone; a mock's own state rides on the instance as a Swift payload.
final class MockKinds: @unchecked Sendable {
    let calls: MockCalls.Classes
    private(set) var nonCallable: PyClass!
    private(set) var callable: PyClass!
    private(set) var nonCallableMagic: PyClass!
    private(set) var magic: PyClass!
    private(set) var property: PyClass!
    private var magicProxy: PyClass!
    /// One lock for every mock, as CPython's `NonCallableMock._lock`: children are made once even
    /// when two threads read the same attribute.
    let lock = NSRecursiveLock()

    /// The magic methods a `MagicMock` supports, as CPython 3.11's `_magics`.
    static let magicNames: [String] = {
        let numeric = ["add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "lshift", "rshift", "and", "xor", "or", "pow"]
        var names = ["lt", "gt", "le", "ge", "eq", "ne", "getitem", "setitem", "delitem", "len", "contains", "iter", "hash",
                     "str", "sizeof", "enter", "exit", "divmod", "rdivmod", "neg", "pos", "abs", "invert", "complex", "int",
                     "float", "index", "round", "trunc", "floor", "ceil", "bool", "next", "fspath", "aiter"]
        for name in numeric { names += [name, "r" + name, "i" + name] }
        return names.map { "__\($0)__" }
    }()
    static let magicNameSet = Set(magicNames)
    /// Names that are magic in CPython's sense but a mock never configures itself.
    static let unsupportedMagics: Set<String> = ["__getattr__", "__setattr__", "__init__", "__new__", "__prepare__",
                                                  "__instancecheck__", "__subclasscheck__", "__del__"]
    static let propertyNames: Set<String> = ["return_value", "side_effect", "called", "call_count", "call_args",
                                             "call_args_list", "mock_calls", "method_calls"]

    init(calls: MockCalls.Classes) throws {
        self.calls = calls
        magicProxy = try makeMagicProxy()
        nonCallable = try makeNonCallable()
        callable = try makeCallable()
        nonCallableMagic = try makeMagicKind("NonCallableMagicMock", base: nonCallable)
        magic = try makeMagicKind("MagicMock", base: callable)
        property = try makePropertyMock()
    }

    // MARK: State

    static func state(_ value: PyObject) -> MockState? {
        (value.heap as? PyInstance)?.payload as? MockState
    }

    func requireState(_ value: PyObject) throws -> MockState {
        guard let state = Self.state(value) else { throw PyException.typeError("descriptor requires a mock instance") }
        return state
    }

    func isMagic(_ value: PyObject) -> Bool {
        value.pyType.isSubclass(of: magic) || value.pyType.isSubclass(of: nonCallableMagic)
    }

    /// `_extract_mock_name`: the dotted path from the root, `()` joined without a dot.
    static func fullName(_ state: MockState) -> String {
        var pieces = [state.newName]
        var dot = state.newName == "()" ? "" : "."
        var last = state
        var ancestor = state.newParent.flatMap(Self.state)
        while let current = ancestor {
            last = current
            pieces.append(current.newName + dot)
            dot = current.newName == "()" ? "" : "."
            ancestor = current.newParent.flatMap(Self.state)
        }
        pieces.reverse()
        var first = last.name ?? ""
        if first.isEmpty { first = "mock" }
        if pieces.count > 1 && pieces[1] != "()" && pieces[1] != "()." { first += "." }
        pieces[0] = first
        return pieces.joined()
    }

    static func shortName(_ state: MockState) -> String {
        guard let name = state.name, !name.isEmpty else { return "mock" }
        return name
    }

    func repr(_ value: PyObject) throws -> String {
        let state = try requireState(value)
        let name = Self.fullName(state)
        var text = "<\(value.pyType.name)"
        if name != "mock" && name != "mock." { text += " name=\(try PyObject(name).repr())" }
        if let specClass = state.specClass { text += " \(state.specSet ? "spec_set" : "spec")=\(try PyObject(specClass.name).repr())" }
        return text + " id='\(value.heap!.address)'>"
    }

    // MARK: Making mocks

    /// A new instance of `cls` with a class of its own, as `NonCallableMock.__new__` makes.
    func newInstance(_ cls: PyClass) throws -> PyObject {
        var namespace = StringTable()
        namespace["__module__"] = PyObject(cls.module)
        namespace["__qualname__"] = PyObject(cls.qualname)
        namespace["__doc__"] = cls.lookup("__doc__") ?? PyObject.none
        let own = try PyClass.create(metaclass: PyClass.type, name: cls.name, bases: [cls], namespace: namespace, keywords: [])
        return PyObject(PyInstance(cls: own))
    }

    /// The class a child of `value` is made from: `_get_child_mock`.
    func childClass(of value: PyObject) -> PyClass {
        let type = value.pyType
        if type.isSubclass(of: property) { return magic }
        if type.isSubclass(of: nonCallableMagic) { return magic }
        if !type.isSubclass(of: callable) { return callable }
        // The mock's own class is the first on its MRO; the class it was made from comes next.
        return type.mro.count > 1 ? type.mro[1] : type
    }

    func child(of parent: PyObject, attribute: String?, newName: String, wraps: PyObject = .none) throws -> PyObject {
        var keywords: [(String, PyObject)] = [("_new_name", PyObject(newName)), ("_new_parent", parent)]
        if let attribute { keywords += [("parent", parent), ("name", PyObject(attribute))] }
        if !wraps.isNone { keywords.append(("wraps", wraps)) }
        return try PyObject(childClass(of: parent)).call([], keywords: keywords)
    }

    /// `_check_and_set_parent`: a mock assigned as an attribute or return value joins the tree unless
    /// it already has a name or a place, or would become its own ancestor.
    func adopt(_ value: PyObject, by parent: PyObject, name: String?, newName: String) -> Bool {
        guard let state = Self.state(value) else { return false }
        if (state.name?.isEmpty == false) || !state.newName.isEmpty || state.parent != nil || state.newParent != nil { return false }
        var ancestor: PyObject? = parent
        while let current = ancestor {
            if current.isIdentical(to: value) { return false }
            ancestor = Self.state(current)?.newParent
        }
        state.newParent = parent
        state.newName = newName
        if let name {
            state.parent = parent
            state.name = name
        }
        return true
    }

    func returnValue(of value: PyObject) throws -> PyObject {
        let state = try requireState(value)
        lock.lock()
        defer { lock.unlock() }
        if let existing = state.returnValue { return existing }
        let made = try child(of: value, attribute: nil, newName: "()")
        state.returnValue = made
        return made
    }

    /// `_try_iter`: an iterable side effect becomes an iterator; exceptions and callables stay.
    func sideEffectValue(_ value: PyObject) throws -> PyObject {
        if value.isNone || Self.isException(value) || value.isCallable { return value }
        return (try? value.callMethod("__iter__")) ?? value
    }

    static func isException(_ value: PyObject) -> Bool {
        if let type = value.heap as? PyClass { return type.isException }
        return value.pyType.isException
    }

    // MARK: Attributes

    func attribute(_ value: PyObject, _ name: String) throws -> PyObject {
        let state = try requireState(value)
        if name == "_mock_methods" || name == "_mock_unsafe" { throw PyException.make(PyClass.attributeError, name) }
        let isDunder = name.count > 4 && name.hasPrefix("__") && name.hasSuffix("__")
        if let allowed = state.specNames {
            if !allowed.contains(name) || Self.magicNameSet.contains(name) {
                throw PyException.make(PyClass.attributeError, "Mock object has no attribute \(try PyObject(name).repr())")
            }
        } else if isDunder {
            throw PyException.make(PyClass.attributeError, name)
        }
        if !state.unsafe && (state.specNames == nil || !(state.specNames!.contains(name))) {
            if ["assert", "assret", "asert", "aseert", "assrt"].contains(where: { name.hasPrefix($0) }) {
                let quoted = try PyObject(name).repr()
                throw PyException.make(PyClass.attributeError, "\(quoted) is not a valid assertion. Use a spec for the mock if \(quoted) is meant to be an attribute.")
            }
        }
        lock.lock()
        defer { lock.unlock() }
        if state.deleted.contains(name) { throw PyException.make(PyClass.attributeError, name) }
        if let existing = state.children[name] { return existing }
        let wrapped = state.wraps.isNone ? PyObject.none : try state.wraps.attribute(name)
        let made = try child(of: value, attribute: name, newName: name, wraps: wrapped)
        state.children[name] = made
        return made
    }

    func setAttribute(_ value: PyObject, _ name: String, _ newValue: PyObject) throws {
        let state = try requireState(value)
        guard let instance = value.heap as? PyInstance else { return }
        if Self.propertyNames.contains(name) || name.hasPrefix("_mock_") {
            try value.genericSetAttribute(instance, name, newValue)
            return
        }
        if state.specSet, let allowed = state.specNames, !allowed.contains(name), instance.attributes.get(string: name) == nil {
            throw PyException.make(PyClass.attributeError, "Mock object has no attribute '\(name)'")
        }
        if Self.unsupportedMagics.contains(name) {
            throw PyException.make(PyClass.attributeError, "Attempting to set unsupported magic method \(try PyObject(name).repr()).")
        }
        let isDunder = name.count > 4 && name.hasPrefix("__") && name.hasSuffix("__")
        if isDunder && name != "__class__" && name != "__doc__" && name != "__dict__" && name != "__module__" {
            if let allowed = state.specNames, !allowed.contains(name) {
                throw PyException.make(PyClass.attributeError, "Mock object has no attribute '\(name)'")
            }
            if Self.state(newValue) != nil {
                _ = adopt(newValue, by: value, name: nil, newName: name)
                lock.withLock { state.children[name] = newValue; state.deleted.remove(name) }
                instance.cls.setOwn(name, PyObject(proxyInstance(name)))
            } else {
                // A plain function takes the mock as its first argument, as a method would.
                instance.cls.setOwn(name, newValue)
            }
            return
        }
        if adopt(newValue, by: value, name: name, newName: name) {
            lock.withLock { state.children[name] = newValue }
        }
        lock.withLock { _ = state.deleted.remove(name) }
        try value.genericSetAttribute(instance, name, newValue)
    }

    func deleteAttribute(_ value: PyObject, _ name: String) throws {
        let state = try requireState(value)
        guard let instance = value.heap as? PyInstance else { return }
        if instance.cls.own(name) != nil && name.hasPrefix("__") {
            instance.cls.setOwn(name, nil)
        }
        let hadOwn = instance.attributes.get(string: name) != nil
        if hadOwn {
            try instance.attributes.remove(PyObject(name))
        } else if state.deleted.contains(name) {
            throw PyException.make(PyClass.attributeError, name)
        }
        lock.withLock {
            state.children[name] = nil
            state.deleted.insert(name)
        }
    }

    // MARK: Calls

    /// `_increment_mock_call`: the call is recorded on the mock and, with its path, on every ancestor.
    func record(_ value: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws {
        let state = try requireState(value)
        lock.lock()
        defer { lock.unlock() }
        state.called = true
        state.callCount += 1
        let pair = calls.make(RecordedCall(name: nil, arguments: arguments, keywords: keywords, isPair: true, fromCall: true))
        state.callArgs = pair
        try append(pair, to: state.callArgsList)
        try append(calls.make(RecordedCall(name: "", arguments: arguments, keywords: keywords, isPair: false, fromCall: true)), to: state.mockCalls)

        var recordsMethodCalls = state.parent != nil
        var methodCallName = state.name ?? ""
        var mockCallName = state.newName
        var isACall = mockCallName == "()"
        var ancestor = state.newParent
        while let current = ancestor, let ancestorState = Self.state(current) {
            if recordsMethodCalls {
                try append(calls.make(RecordedCall(name: methodCallName, arguments: arguments, keywords: keywords, isPair: false, fromCall: true)),
                           to: ancestorState.methodCalls)
                recordsMethodCalls = ancestorState.parent != nil
                if recordsMethodCalls { methodCallName = (ancestorState.name ?? "") + "." + methodCallName }
            }
            try append(calls.make(RecordedCall(name: mockCallName, arguments: arguments, keywords: keywords, isPair: false, fromCall: true)),
                       to: ancestorState.mockCalls)
            if !ancestorState.newName.isEmpty {
                let dot = isACall ? "" : "."
                isACall = ancestorState.newName == "()"
                mockCallName = ancestorState.newName + dot + mockCallName
            }
            ancestor = ancestorState.newParent
        }
    }

    private func append(_ item: PyObject, to list: PyObject) throws {
        guard let storage = list.builtinValue.heap as? PyList else { return }
        storage.append(item)
    }

    /// `_execute_mock_call`: the side effect (an exception, the next item of an iterator, or a
    /// function), then the return value, then the wrapped object.
    func respond(_ value: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        let state = try requireState(value)
        let effect = state.sideEffect
        if !effect.isNone {
            if Self.isException(effect) { throw try PyException(raising: effect) }
            let result: PyObject
            if !effect.isCallable {
                guard let next = try PyObject.nextOf(effect) else { throw PyException.stopIteration() }
                if Self.isException(next) { throw try PyException(raising: next) }
                result = next
            } else {
                result = try effect.call(arguments, keywords: keywords)
            }
            if !result.isIdentical(to: calls.defaultSentinel) { return result }
        }
        if state.returnValue == nil && !state.wraps.isNone {
            return try state.wraps.call(arguments, keywords: keywords)
        }
        return try returnValue(of: value)
    }

    func call(_ value: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        try record(value, arguments, keywords)
        return try respond(value, arguments, keywords)
    }

    // MARK: Magic methods

    private func proxyInstance(_ name: String) -> PyInstance {
        let instance = PyInstance(cls: magicProxy)
        instance.payload = name
        return instance
    }

    /// The child mock standing for magic method `name` of `value`, made and configured on first use
    /// with CPython's defaults (`len` 0, `iter` empty, `bool` True, `str` the mock's repr …).
    func magicChild(_ value: PyObject, _ name: String) throws -> PyObject {
        let state = try requireState(value)
        lock.lock()
        defer { lock.unlock() }
        if let existing = state.children[name] { return existing }
        if state.deleted.contains(name) || !isMagic(value) {
            throw PyException.make(PyClass.attributeError, name)
        }
        if let allowed = state.specNames, !allowed.contains(name) {
            throw PyException.make(PyClass.attributeError, "Mock object has no attribute '\(name)'")
        }
        let made = try PyObject(magic).call([], keywords: [("name", PyObject(name)), ("_new_name", PyObject(name)), ("_new_parent", value)])
        let madeState = try requireState(made)
        switch name {
        case "__lt__", "__gt__", "__le__", "__ge__": madeState.returnValue = .notImplemented
        case "__int__", "__index__": madeState.returnValue = PyObject(1)
        case "__contains__", "__exit__": madeState.returnValue = false
        case "__len__": madeState.returnValue = PyObject(0)
        case "__complex__": madeState.returnValue = .complex(1, 0)
        case "__float__": madeState.returnValue = PyObject(1.0)
        case "__bool__": madeState.returnValue = true
        case "__hash__": madeState.returnValue = PyObject(value.heap!.address >> 4)
        case "__str__": madeState.returnValue = PyObject(try repr(value))
        case "__sizeof__": madeState.returnValue = PyObject(48)
        case "__fspath__": madeState.returnValue = PyObject("\(value.pyType.name)/\(Self.fullName(state))/\(value.heap!.address)")
        case "__eq__":
            madeState.sideEffect = PyObject.function("__eq__", PySignature(["other"])) { arguments in
                if let fixed = madeState.returnValue, !fixed.isIdentical(to: self.calls.defaultSentinel) { return fixed }
                return value.isIdentical(to: arguments[0]) ? true : .notImplemented
            }
        case "__ne__":
            madeState.sideEffect = PyObject.function("__ne__", PySignature(["other"])) { arguments in
                if madeState.returnValue != nil { return self.calls.defaultSentinel }
                return value.isIdentical(to: arguments[0]) ? false : .notImplemented
            }
        case "__iter__":
            madeState.sideEffect = PyObject.function("__iter__", PySignature()) { _ in
                guard let items = madeState.returnValue else { return try Py.iter(PyObject.list([])) }
                return try Py.iter(items)
            }
        default: break
        }
        state.children[name] = made
        return made
    }

    private func makeMagicProxy() throws -> PyClass {
        let cls = try PyObject.makeClass("_MagicProxy") { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            namespace["__get__"] = Self.method("__get__", ["obj", "_type"], defaults: [.none]) { arguments in
                guard !arguments[1].isNone, let name = (arguments[0].heap as? PyInstance)?.payload as? String else { return arguments[0] }
                return try self.magicChild(arguments[1], name)
            }
            namespace["__call__"] = Self.method("__call__", ["receiver"], varargs: "args", varkw: "kwargs") { arguments in
                guard let name = (arguments[0].heap as? PyInstance)?.payload as? String else { return .none }
                let handler = try self.magicChild(arguments[1], name)
                return try handler.call(try arguments[2].collect(), keywords: try arguments[3].unpackedKeywords())
            }
        }
        return cls.heap as! PyClass
    }

    private func makeMagicKind(_ name: String, base: PyClass) throws -> PyClass {
        let cls = try PyObject.makeClass(name, bases: [PyObject(base)]) { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            for magicName in Self.magicNames { namespace[magicName] = PyObject(self.proxyInstance(magicName)) }
        }
        return cls.heap as! PyClass
    }

    // MARK: The classes

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs, varkw: varkw), body)
    }

    static let nonCallableParameters = ["spec", "wraps", "name", "spec_set", "parent", "_spec_state", "_new_name", "_new_parent",
                                        "_spec_as_instance", "_eat_self", "unsafe"]
    static let callableParameters = ["spec", "side_effect", "return_value", "wraps", "name", "spec_set", "parent", "_spec_state",
                                     "_new_name", "_new_parent"]

    /// `NonCallableMock.__init__` and `CallableMixin.__init__`, from their bound arguments.
    func initialize(_ value: PyObject, _ arguments: [String: PyObject], keywords: [(String, PyObject)]) throws {
        guard let instance = value.heap as? PyInstance else { return }
        let state = try MockState { try calls.emptyList() }
        instance.payload = state
        var keywords = keywords
        var unsafe = arguments["unsafe"] ?? false
        if let index = keywords.firstIndex(where: { $0.0 == "unsafe" }) { unsafe = keywords.remove(at: index).1 }
        state.unsafe = try unsafe.truthy()
        state.name = arguments["name"].flatMap { $0.isNone ? nil : try? $0.toString() }
        if let parent = arguments["parent"], !parent.isNone { state.parent = parent }
        state.newName = arguments["_new_name"].flatMap { $0.isNone ? nil : try? $0.toString() } ?? ""
        if let newParent = arguments["_new_parent"], !newParent.isNone { state.newParent = newParent }
        state.wraps = arguments["wraps"] ?? .none
        var spec = arguments["spec"] ?? .none
        let specSet = arguments["spec_set"] ?? .none
        if !specSet.isNone { spec = specSet; state.specSet = true }
        try addSpec(state, spec)
        // Given to the constructor, a return value does not join the tree (CPython stores it
        // without `_check_and_set_parent`); assigned later, it does.
        if let returned = arguments["return_value"], !returned.isIdentical(to: calls.defaultSentinel) {
            state.returnValue = returned
        }
        if let effect = arguments["side_effect"] { state.sideEffect = try sideEffectValue(effect) }
        if !keywords.isEmpty { try configure(value, keywords) }
    }

    func addSpec(_ state: MockState, _ spec: PyObject) throws {
        state.specSignature = Self.callSignature(of: spec)
        guard !spec.isNone else { state.specNames = nil; state.specClass = nil; return }
        if spec.heap is PyList || spec.heap is PyTupleStorage {
            state.specNames = Set(try spec.collect().map { try $0.toString() })
            state.specClass = nil
            return
        }
        state.specClass = (spec.heap as? PyClass) ?? spec.pyType
        state.specNames = Set(try PyObject.directory(spec))
    }

    /// The signature a call to `spec` binds to: a Python function's own, a class's `__init__`
    /// without `self`; nil for anything else (its calls compare as written).
    static func callSignature(of spec: PyObject) -> PySignature? {
        if let function = spec.heap as? PyFunction { return function.signature }
        guard let type = spec.heap as? PyClass, let initializer = type.lookup("__init__")?.heap as? PyFunction else { return nil }
        var signature = initializer.signature
        guard !signature.positional.isEmpty else { return nil }
        signature.positional.removeFirst()
        signature.positionalOnlyCount = max(0, signature.positionalOnlyCount - 1)
        return signature
    }

    /// `configure_mock(**kwargs)`: dotted names configure children, shallowest first.
    func configure(_ value: PyObject, _ keywords: [(String, PyObject)]) throws {
        let ordered = keywords.enumerated().sorted { left, right in
            let leftDots = left.element.0.filter { $0 == "." }.count, rightDots = right.element.0.filter { $0 == "." }.count
            return leftDots == rightDots ? left.offset < right.offset : leftDots < rightDots
        }
        for (_, (key, setting)) in ordered {
            var path = key.split(separator: ".").map(String.init)
            let final = path.removeLast()
            var target = value
            for step in path { target = try target.attribute(step) }
            try target.setAttribute(final, setting)
        }
    }

    private func bind(_ names: [String], _ arguments: [PyObject]) -> [String: PyObject] {
        var bound: [String: PyObject] = [:]
        for (index, name) in names.enumerated() where index + 1 < arguments.count { bound[name] = arguments[index + 1] }
        return bound
    }

    private func makeNonCallable() throws -> PyClass {
        let defaults: [PyObject] = [.none, .none, .none, .none, .none, .none, "", .none, false, .none, false]
        let cls = try PyObject.makeClass("NonCallableMock") { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls"], varargs: "args", varkw: "kwargs")) { arguments in
                guard let cls = arguments[0].heap as? PyClass else { throw PyException.typeError("NonCallableMock.__new__(X): X is not a type object") }
                return try self.newInstance(cls)
            }
            namespace["__init__"] = Self.method("__init__", Self.nonCallableParameters, defaults: defaults, varkw: "kwargs") { arguments in
                let bound = self.bind(Self.nonCallableParameters, arguments)
                var keywords = try arguments[Self.nonCallableParameters.count + 1].unpackedKeywords()
                var extra = bound
                for name in ["return_value", "side_effect"] {
                    if let index = keywords.firstIndex(where: { $0.0 == name }) { extra[name] = keywords.remove(at: index).1 }
                }
                try self.initialize(arguments[0], extra, keywords: keywords)
                return .none
            }
            self.installCommon(namespace)
        }
        return cls.heap as! PyClass
    }

    private func makeCallable() throws -> PyClass {
        let defaults: [PyObject] = [.none, .none, calls.defaultSentinel, .none, .none, .none, .none, .none, "", .none]
        let cls = try PyObject.makeClass("Mock", bases: [PyObject(nonCallable)]) { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            namespace["__init__"] = Self.method("__init__", Self.callableParameters, defaults: defaults, varkw: "kwargs") { arguments in
                let bound = self.bind(Self.callableParameters, arguments)
                try self.initialize(arguments[0], bound, keywords: try arguments[Self.callableParameters.count + 1].unpackedKeywords())
                return .none
            }
            namespace["__call__"] = Self.method("__call__", varargs: "args", varkw: "kwargs") { arguments in
                try self.call(arguments[0], try arguments[1].collect(), try arguments[2].unpackedKeywords())
            }
        }
        return cls.heap as! PyClass
    }

    private func makePropertyMock() throws -> PyClass {
        let cls = try PyObject.makeClass("PropertyMock", bases: [PyObject(callable)]) { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            namespace["__get__"] = Self.method("__get__", ["obj", "obj_type"], defaults: [.none]) { arguments in
                try self.call(arguments[0], [], [])
            }
            namespace["__set__"] = Self.method("__set__", ["obj", "val"]) { arguments in
                _ = try self.call(arguments[0], [arguments[2]], [])
                return .none
            }
        }
        return cls.heap as! PyClass
    }
}
