/// A Python class: built-in (`int`, `list`, `ValueError` …) or made by a `class` statement.
public final class PyClass: PyHeap, @unchecked Sendable {
    /// What an instance is underneath: built-in types keep their value in Swift storage, and an
    /// instance of a subclass of one carries such a value (`builtinBase`).
    enum Layout { case object, none, bool, int, float, str, bytes, bytearray, list, tuple, dict, set, frozenset,
                  exception, type, function, module, other }

    var name: String
    var qualname: String
    var module: String
    var bases: [PyClass]
    var mro: [PyClass] = []
    var metaclass: PyClass?
    let layout: Layout
    /// Made by a `class` statement (or `type(name, bases, dict)`), not built in.
    let isHeapType: Bool
    /// Built-in types that refuse subclassing (`bool`, `NoneType`, `function` …).
    var isFinal = false
    let lock = PyMutex()
    private var namespace = StringTable()
    /// The method cache, in raw memory (no exclusivity check per access) and searched linearly:
    /// comparing a few short names is cheaper than hashing one.
    private struct MethodCache {
        var epoch = -1
        var names: [String] = []
        var values: [PyObject?] = []
    }
    private let cache: UnsafeMutablePointer<MethodCache> = {
        let cell = UnsafeMutablePointer<MethodCache>.allocate(capacity: 1)
        cell.initialize(to: MethodCache())
        return cell
    }()
    /// Names of abstract methods still unimplemented (ABCMeta classes).
    var abstractMethods: [String] = []
    /// `__slots__` when the class (and every base) declares them without `__dict__`.
    var slots: Set<String>?
    /// The constructor of a built-in type (`int(x)`, `list(xs)`); subclasses use it for their base value.
    var nativeConstructor: (([PyObject], [(String, PyObject)]) throws -> PyObject)?
    var subclassReferences: [WeakClass] = []
    /// Subclasses are kept strongly (classes live as long as the program anyway): a weak reference
    /// would give the class a side table and slow every retain of it.
    struct WeakClass { var value: PyClass? }

    /// Bumped whenever any class's namespace changes, so every method cache refills: simple, and
    /// classes change rarely once a note's definitions have run.
    static var epoch: Int {
        get { epochStorage.pointee }
        set { epochStorage.pointee = newValue }
    }
    /// A raw cell rather than a static var: a static var's every read is an exclusivity check.
    nonisolated(unsafe) private static let epochStorage: UnsafeMutablePointer<Int> = {
        let cell = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        cell.initialize(to: 0)
        return cell
    }()

    init(name: String, qualname: String? = nil, module: String = "builtins", bases: [PyClass], layout: Layout,
         heap: Bool = false, metaclass: PyClass? = nil) {
        self.name = name
        self.qualname = qualname ?? name
        self.module = module
        self.bases = bases
        self.layout = layout
        isHeapType = heap
        self.metaclass = metaclass
        super.init()
        mro = [self] + (bases.count == 1 ? bases[0].mro : [])
    }

    override var pyType: PyClass { metaclass ?? PyClass.type }

    /// A built-in class with one base.
    static func builtin(_ name: String, base: PyClass?, layout: Layout, module: String = "builtins", final: Bool = false) -> PyClass {
        let type = PyClass(name: name, module: module, bases: base.map { [$0] } ?? [], layout: layout)
        type.isFinal = final
        base?.subclassReferences.append(WeakClass(value: type))
        BuiltinInstall.install(type)
        return type
    }

    // MARK: Namespace

    func own(_ name: String) -> PyObject? { lock.locked { namespace[name] } }
    func setOwn(_ name: String, _ value: PyObject?) {
        lock.locked { namespace[name] = value }
        PyClass.epoch &+= 1
    }
    var ownEntries: [(String, PyObject)] { lock.locked { namespace.entries } }

    /// Finds `name` along the MRO: the method cache, refilled after any class changes.
    func lookup(_ name: String) -> PyObject? {
        let epoch = PyClass.epoch
        let cache = self.cache
        let hit: PyObject?? = lock.locked {
            guard cache.pointee.epoch == epoch else { return nil }
            if let index = cache.pointee.names.firstIndex(of: name) { return .some(cache.pointee.values[index]) }
            return nil
        }
        if let hit { return hit }
        var found: PyObject?
        for type in mro { if let value = type.own(name) { found = value; break } }
        lock.locked {
            if cache.pointee.epoch != epoch || cache.pointee.names.count >= 64 {
                cache.pointee = MethodCache()
                cache.pointee.epoch = epoch
            }
            cache.pointee.names.append(name)
            cache.pointee.values.append(found)
        }
        return found
    }

    /// The class that defines `name`, for `super()` and overriding checks.
    func lookupAfter(_ start: PyClass, _ name: String) -> PyObject? {
        guard let index = mro.firstIndex(where: { $0 === start }) else { return nil }
        for type in mro[(index + 1)...] { if let value = type.own(name) { return value } }
        return nil
    }

    /// Whether `lookup(name)` finds a Python-defined function rather than a built-in's.
    func overrides(_ name: String) -> PyObject? {
        guard isHeapType, let found = lookup(name) else { return nil }
        if found.heap is PyBuiltin { return nil }
        return found
    }

    func isSubclass(of other: PyClass) -> Bool {
        if self === other { return true }
        for type in mro where type === other { return true }
        return false
    }

    var isException: Bool { layout == .exception }

    /// The first built-in class on the MRO: its layout decides the instances' storage.
    var solidBase: PyClass { mro.first { !$0.isHeapType } ?? PyClass.object }

    /// C3 linearization, with CPython's error for inconsistent hierarchies.
    static func linearize(_ type: PyClass, bases: [PyClass]) throws -> [PyClass] {
        var sequences = bases.map(\.mro) + [bases]
        var result = [type]
        while true {
            sequences = sequences.filter { !$0.isEmpty }
            if sequences.isEmpty { return result }
            var candidate: PyClass?
            for sequence in sequences {
                let head = sequence[0]
                if !sequences.contains(where: { $0.dropFirst().contains { $0 === head } }) { candidate = head; break }
            }
            guard let next = candidate else {
                let names = bases.map(\.name).joined(separator: ", ")
                throw PyException.typeError("Cannot create a consistent method resolution\norder (MRO) for bases \(names)")
            }
            result.append(next)
            sequences = sequences.map { $0.first === next ? Array($0.dropFirst()) : $0 }
        }
    }
}

/// An instance of a class made in Python (or of a built-in subclass of `object` without its own storage).
final class PyInstance: PyHeap, @unchecked Sendable {
    var cls: PyClass
    /// `__dict__`.
    let attributes = PyDictStorage()
    /// The built-in value of an instance of a subclass of `list`, `dict`, `int` …
    var builtinBase: PyObject?
    /// A module's Swift value (a thread, a lock, a deque's storage).
    var payload: Any?
    var exception: ExceptionState?

    init(cls: PyClass) {
        self.cls = cls
        if cls.isException { exception = ExceptionState() }
    }
    override var pyType: PyClass { cls }
}

/// What every exception instance carries besides its `__dict__`.
final class ExceptionState: @unchecked Sendable {
    var arguments: [PyObject] = []
    var cause: PyObject = .none
    var context: PyObject = .none
    var suppressContext = false
    var notes: [String] = []
}

/// A module object: `import m` gives one; its attributes are its `__dict__`.
final class PyModule: PyHeap, @unchecked Sendable {
    let name: String
    let attributes = PyDictStorage()
    init(name: String) { self.name = name }
    override var pyType: PyClass { PyClass.module }
}

/// `super()`: `Py.superOf(Dog, this)`.
final class PySuper: PyHeap, @unchecked Sendable {
    let thisClass: PyClass
    let receiver: PyObject
    init(thisClass: PyClass, receiver: PyObject) { self.thisClass = thisClass; self.receiver = receiver }
    override var pyType: PyClass { PyClass.superType }

    var receiverType: PyClass {
        if let type = receiver.heap as? PyClass, type.isSubclass(of: thisClass) { return type }
        return receiver.pyType
    }

    func attribute(_ name: String) throws -> PyObject? {
        let start = receiverType
        guard let found = start.lookupAfter(thisClass, name) else {
            if name == "__class__" { return PyObject(PyClass.superType) }
            return nil
        }
        if receiver.heap is PyClass && receiver.heap === start {
            return try PyObject.bindToClass(found, start)
        }
        return try PyObject.bindDescriptor(found, instance: receiver, owner: start)
    }
}

/// A class body's namespace while it runs: `namespace["x"] = 1`, then read back.
public final class PyNamespace: @unchecked Sendable {
    var table = StringTable()
    init() {}
    public subscript(name: String) -> PyObject? {
        get { table[name] }
        set { table[name] = newValue }
    }
}

// MARK: Attribute access

extension PyObject {
    /// `getattr(obj, name)`.
    public func attribute(_ name: String) throws -> PyObject {
        if let value = try findAttribute(name) { return value }
        throw attributeError(name)
    }

    /// Reading through `@dynamicMemberLookup`: `try obj.name`.
    public subscript(dynamicMember name: String) -> PyObject {
        get throws { try attribute(name) }
    }

    func attributeError(_ name: String) -> PyException {
        if let module = heap as? PyModule {
            return PyException.make(PyClass.attributeError, "module '\(module.name)' has no attribute '\(name)'")
        }
        if let type = heap as? PyClass {
            return PyException.make(PyClass.attributeError, "type object '\(type.name)' has no attribute '\(name)'")
        }
        return PyException.make(PyClass.attributeError, "'\(typeName)' object has no attribute '\(name)'")
    }

    /// `getattr(obj, name, None)` without raising AttributeError.
    func findAttribute(_ name: String) throws -> PyObject? {
        guard case .heap(let object) = storage else {
            if name == "__class__" { return PyObject(pyType) }
            if let special = try scalarAttribute(name) { return special }
            guard let found = pyType.lookup(name) else { return nil }
            return try PyObject.bindDescriptor(found, instance: self, owner: pyType)
        }
        switch object {
        case let instance as PyInstance:
            return try instanceAttribute(instance, name)
        case let type as PyClass:
            return try type.classAttribute(name)
        case let module as PyModule:
            if let value = module.attributes.get(string: name) { return value }
            if name == "__dict__" { return PyObject(module.attributes) }
            if name == "__name__" { return PyObject(module.name) }
            if name == "__class__" { return PyObject(PyClass.module) }
            if let hook = module.attributes.get(string: "__getattr__") {
                do { return try hook(PyObject(name)) } catch let error as PyException where error.isInstance(of: PyClass.attributeError) { return nil }
            }
            return nil
        case let superObject as PySuper:
            return try superObject.attribute(name)
        default:
            if let special = try heapSpecialAttribute(object, name) { return special }
            guard let found = object.pyType.lookup(name) else { return nil }
            return try PyObject.bindDescriptor(found, instance: self, owner: object.pyType)
        }
    }

    private func instanceAttribute(_ instance: PyInstance, _ name: String) throws -> PyObject? {
        let type = instance.cls
        if type.isHeapType, let custom = type.overrides("__getattribute__") {
            do { return try custom.callBound(self, [PyObject(name)]) } catch let error as PyException where error.isInstance(of: PyClass.attributeError) {
                if let hook = type.overrides("__getattr__") { return try hook.callBound(self, [PyObject(name)]) }
                throw error
            }
        }
        if let value = try genericInstanceAttribute(instance, name) { return value }
        if type.isHeapType, let hook = type.overrides("__getattr__") { return try hook.callBound(self, [PyObject(name)]) }
        return nil
    }

    /// `object.__getattribute__`: data descriptors, then `__dict__`, then other class attributes.
    func genericInstanceAttribute(_ instance: PyInstance, _ name: String) throws -> PyObject? {
        let type = instance.cls
        let descriptor = type.lookup(name)
        if let descriptor, PyObject.isDataDescriptor(descriptor) {
            return try PyObject.bindDescriptor(descriptor, instance: self, owner: type)
        }
        if let value = instance.attributes.get(string: name) { return value }
        if name.hasPrefix("__") {
            switch name {
            case "__class__": return PyObject(type)
            case "__dict__": return PyObject(instance.attributes)
            default: break
            }
            if let state = instance.exception, let value = exceptionAttribute(state, name) { return value }
        } else if let state = instance.exception {
            if name == "args" { return .tuple(state.arguments) }
            if let value = exceptionAttribute(state, name) { return value }
        }
        if let descriptor { return try PyObject.bindDescriptor(descriptor, instance: self, owner: type) }
        return nil
    }

    private func exceptionAttribute(_ state: ExceptionState, _ name: String) -> PyObject? {
        switch name {
        case "args": return .tuple(state.arguments)
        case "__cause__": return state.cause
        case "__context__": return state.context
        case "__suppress_context__": return PyObject(state.suppressContext)
        case "__traceback__": return PyObject.none
        case "__notes__": return state.notes.isEmpty ? Optional<PyObject>.none : .list(state.notes.map { PyObject($0) })
        case "value" where pyType.isSubclass(of: PyClass.stopIteration):
            return state.arguments.first ?? PyObject.none
        case "code" where pyType.isSubclass(of: PyClass.systemExit):
            return state.arguments.count == 1 ? state.arguments[0] : (state.arguments.isEmpty ? .none : .tuple(state.arguments))
        default: return nil
        }
    }

    static func isDataDescriptor(_ value: PyObject) -> Bool {
        guard case .heap(let object) = value.storage else { return false }
        if object is PyProperty { return true }
        if let instance = object as? PyInstance {
            return instance.cls.lookup("__set__") != nil || instance.cls.lookup("__delete__") != nil
        }
        return false
    }

    /// What a class attribute gives when read through an instance.
    static func bindDescriptor(_ found: PyObject, instance: PyObject, owner: PyClass) throws -> PyObject {
        guard case .heap(let object) = found.storage else { return found }
        switch object {
        case is PyFunction:
            return PyObject(PyBoundMethod(function: found, receiver: instance))
        case let builtin as PyBuiltin where builtin.isMethod:
            return PyObject(PyBoundMethod(function: found, receiver: instance))
        case let wrapper as PyMethodWrapper:
            if wrapper.kind == .staticMethod { return wrapper.function }
            return PyObject(PyBoundMethod(function: wrapper.function, receiver: PyObject(owner)))
        case let property as PyProperty:
            if property.getter.isNone { throw PyException.make(PyClass.attributeError, "property \(property.name.map { "'\($0)' " } ?? "")of '\(owner.name)' object has no getter") }
            return try property.getter(instance)
        case let descriptor as PyInstance:
            if let get = descriptor.cls.lookup("__get__") {
                return try get.callBound(found, [instance, PyObject(owner)])
            }
            return found
        default:
            return found
        }
    }

    /// What a class attribute gives when read through the class.
    static func bindToClass(_ found: PyObject, _ type: PyClass) throws -> PyObject {
        guard case .heap(let object) = found.storage else { return found }
        switch object {
        case let wrapper as PyMethodWrapper:
            if wrapper.kind == .staticMethod { return wrapper.function }
            return PyObject(PyBoundMethod(function: wrapper.function, receiver: PyObject(type)))
        case let descriptor as PyInstance:
            if let get = descriptor.cls.lookup("__get__") { return try get.callBound(found, [.none, PyObject(type)]) }
            return found
        case let builtin as PyBuiltin where builtin.isMethod && builtin.name == "__subclasshook__":
            return found
        default:
            return found
        }
    }

    private func scalarAttribute(_ name: String) throws -> PyObject? {
        switch (storage, name) {
        case (.int, "real"), (.big, "real"), (.int, "numerator"), (.big, "numerator"): return self
        case (.bool(let b), "real"), (.bool(let b), "numerator"): return PyObject(b ? 1 : 0)
        case (.int, "imag"), (.big, "imag"), (.bool, "imag"): return PyObject(0)
        case (.int, "denominator"), (.big, "denominator"), (.bool, "denominator"): return PyObject(1)
        case (.float, "real"): return self
        case (.float, "imag"): return PyObject(0.0)
        case (_, "__doc__"): return pyType.own("__doc__") ?? PyObject.none
        default: return nil
        }
    }

    private func heapSpecialAttribute(_ object: PyHeap, _ name: String) throws -> PyObject? {
        if name == "__class__" { return PyObject(object.pyType) }
        switch object {
        case let complex as PyComplex:
            switch name {
            case "real": return PyObject(complex.real)
            case "imag": return PyObject(complex.imag)
            default: return nil
            }
        case let function as PyFunction:
            if let value = function.lock.locked({ function.attributes[name] }) { return value }
            switch name {
            case "__name__": return PyObject(function.name)
            case "__qualname__": return PyObject(function.qualname)
            case "__module__": return PyObject(function.module)
            case "__doc__": return PyObject.none
            case "__dict__":
                let dict = PyDictStorage()
                for (key, value) in function.lock.locked({ function.attributes.entries }) { try dict.set(PyObject(key), value) }
                return PyObject(dict)
            case "__defaults__":
                return function.signature.defaults.isEmpty ? PyObject.none : .tuple(function.signature.defaults)
            case "__kwdefaults__":
                if function.signature.keywordDefaults.isEmpty { return PyObject.none }
                return try .dict(function.signature.keywordDefaults.map { (PyObject($0.key), $0.value) })
            case "__annotations__": return try .dict([])
            case "__code__": return nil
            default: return nil
            }
        case let builtin as PyBuiltin:
            switch name {
            case "__name__": return PyObject(builtin.name)
            case "__qualname__": return PyObject(builtin.qualname)
            case "__module__": return builtin.isMethod ? Optional<PyObject>.none : PyObject(builtin.module)
            case "__doc__": return PyObject.none
            default: return nil
            }
        case let bound as PyBoundMethod:
            switch name {
            case "__self__": return bound.receiver
            case "__func__": return bound.function
            default: return try bound.function.findAttribute(name)
            }
        case let property as PyProperty:
            switch name {
            case "fget": return property.getter
            case "fset": return property.setter
            case "fdel": return property.deleter
            case "__doc__":
                if !property.doc.isNone { return property.doc }
                return try property.getter.isNone ? PyObject.none : (property.getter.findAttribute("__doc__") ?? PyObject.none)
            case "__isabstractmethod__":
                return PyObject(try PyObject.isAbstract(property.getter))
            default: return nil
            }
        case let wrapper as PyMethodWrapper:
            if let value = wrapper.attributes[name] { return value }
            switch name {
            case "__func__", "__wrapped__": return wrapper.function
            case "__isabstractmethod__": return PyObject(try PyObject.isAbstract(wrapper.function))
            case "__name__", "__qualname__", "__doc__", "__module__": return try wrapper.function.findAttribute(name)
            default: return nil
            }
        case let slice as PySlice:
            switch name {
            case "start": return slice.start
            case "stop": return slice.stop
            case "step": return slice.step
            default: return nil
            }
        case let range as PyRange:
            switch name {
            case "start": return PyObject(range.start)
            case "stop": return PyObject(range.stop)
            case "step": return PyObject(range.step)
            default: return nil
            }
        default:
            return nil
        }
    }

    static func isAbstract(_ value: PyObject) throws -> Bool {
        guard value.heap != nil, let flag = try value.findAttribute("__isabstractmethod__") else { return false }
        return try flag.truthy()
    }

    /// `setattr(obj, name, value)`.
    public func setAttribute(_ name: String, _ value: PyObject) throws {
        guard case .heap(let object) = storage else {
            if pyType.lookup(name) != nil {
                throw PyException.make(PyClass.attributeError, "'\(typeName)' object attribute '\(name)' is read-only")
            }
            throw attributeError(name)
        }
        switch object {
        case let instance as PyInstance:
            if instance.cls.isHeapType, let custom = instance.cls.overrides("__setattr__") {
                _ = try custom.callBound(self, [PyObject(name), value])
                return
            }
            try genericSetAttribute(instance, name, value)
        case let type as PyClass:
            if let meta = type.metaclass, meta.isHeapType, let custom = meta.overrides("__setattr__") {
                _ = try custom.callBound(self, [PyObject(name), value])
                return
            }
            guard type.isHeapType else {
                throw PyException.typeError("cannot set '\(name)' attribute of immutable type '\(type.name)'")
            }
            switch name {
            case "__name__": type.name = try value.toString()
            case "__qualname__": type.qualname = try value.toString()
            case "__module__": type.module = try value.toString(); type.setOwn(name, value)
            default: type.setOwn(name, value)
            }
        case let module as PyModule:
            try module.attributes.set(PyObject(name), value)
        case let function as PyFunction:
            switch name {
            case "__name__": function.name = try value.toString()
            case "__qualname__": function.qualname = try value.toString()
            case "__module__": function.module = (try? value.toString()) ?? function.module
            default: function.lock.locked { function.attributes[name] = value }
            }
        case let wrapper as PyMethodWrapper:
            wrapper.attributes[name] = value
        default:
            throw attributeError(name)
        }
    }

    /// `object.__setattr__`: data descriptors, `__slots__`, then `__dict__`.
    func genericSetAttribute(_ instance: PyInstance, _ name: String, _ value: PyObject) throws {
        let type = instance.cls
        if let descriptor = type.lookup(name), case .heap(let object) = descriptor.storage {
            if let property = object as? PyProperty {
                if property.setter.isNone {
                    throw PyException.make(PyClass.attributeError, "property '\(property.name ?? name)' of '\(type.name)' object has no setter")
                }
                _ = try property.setter(self, value)
                return
            }
            if let descriptorInstance = object as? PyInstance, let set = descriptorInstance.cls.lookup("__set__") {
                _ = try set.callBound(descriptor, [self, value])
                return
            }
        }
        if name == "__class__" {
            guard let newClass = value.heap as? PyClass else {
                throw PyException.typeError("__class__ must be set to a class, not '\(value.typeName)' object")
            }
            instance.cls = newClass
            return
        }
        if let slots = type.slots, !slots.contains(name) {
            throw PyException.make(PyClass.attributeError, "'\(type.name)' object has no attribute '\(name)'")
        }
        if let state = instance.exception {
            switch name {
            case "__cause__": state.cause = value; state.suppressContext = true; return
            case "__context__": state.context = value; return
            case "__suppress_context__": state.suppressContext = try value.truthy(); return
            case "args": state.arguments = try value.collect(); return
            case "__traceback__": return
            default: break
            }
        }
        instance.attributes.set(string: name, value)
    }

    /// `delattr(obj, name)`.
    public func deleteAttribute(_ name: String) throws {
        guard case .heap(let object) = storage else { throw attributeError(name) }
        switch object {
        case let instance as PyInstance:
            if instance.cls.isHeapType, let custom = instance.cls.overrides("__delattr__") {
                _ = try custom.callBound(self, [PyObject(name)])
                return
            }
            try genericDeleteAttribute(instance, name)
        case let type as PyClass:
            guard type.isHeapType, type.own(name) != nil else { throw attributeError(name) }
            type.setOwn(name, nil)
        case let module as PyModule:
            guard try module.attributes.remove(PyObject(name)) != nil else { throw attributeError(name) }
        case let function as PyFunction:
            guard function.lock.locked({ function.attributes[name] }) != nil else { throw attributeError(name) }
            function.lock.locked { function.attributes[name] = nil }
        default:
            throw attributeError(name)
        }
    }

    func genericDeleteAttribute(_ instance: PyInstance, _ name: String) throws {
        if let descriptor = instance.cls.lookup(name), case .heap(let object) = descriptor.storage {
            if let property = object as? PyProperty {
                if property.deleter.isNone {
                    throw PyException.make(PyClass.attributeError, "property '\(property.name ?? name)' of '\(instance.cls.name)' object has no deleter")
                }
                _ = try property.deleter(self)
                return
            }
            if let descriptorInstance = object as? PyInstance, let delete = descriptorInstance.cls.lookup("__delete__") {
                _ = try delete.callBound(descriptor, [self])
                return
            }
        }
        guard try instance.attributes.remove(PyObject(name)) != nil else { throw attributeError(name) }
    }

    /// `obj.name(args…)` with one lookup and no bound-method object.
    @discardableResult
    public func callMethod(_ name: String, _ arguments: [PyObject] = [], keywords: [(String, PyObject)] = []) throws -> PyObject {
        switch storage {
        case .heap(let object):
            if let instance = object as? PyInstance {
                let type = instance.cls
                if !(type.isHeapType && type.overrides("__getattribute__") != nil),
                   instance.attributes.count == 0 || instance.attributes.get(string: name) == nil,
                   let found = type.lookup(name), !PyObject.isDataDescriptor(found) {
                    if let function = found.heap as? PyFunction, function.kind == .plain {
                        return try function.call([self] + arguments, keywords)
                    }
                    if let builtin = found.heap as? PyBuiltin, builtin.isMethod {
                        return try builtin.body([self] + arguments, keywords)
                    }
                }
            } else if !(object is PyClass || object is PyModule || object is PySuper),
                      let found = object.pyType.lookup(name), let builtin = found.heap as? PyBuiltin, builtin.isMethod {
                return try builtin.body([self] + arguments, keywords)
            }
        default:
            if let found = pyType.lookup(name), let builtin = found.heap as? PyBuiltin, builtin.isMethod {
                return try builtin.body([self] + arguments, keywords)
            }
        }
        return try attribute(name).call(arguments, keywords: keywords)
    }

    /// Calls a special method looked up on the type (never the instance), as CPython's slots do.
    /// Returns nil when the type has none.
    func callSpecial(_ name: String, _ arguments: [PyObject]) throws -> PyObject? {
        guard let found = pyType.lookup(name) else { return nil }
        if found.isNone { return nil }
        if case .heap(let object) = found.storage {
            if let function = object as? PyFunction, function.kind == .plain { return try function.call([self] + arguments, []) }
            if let builtin = object as? PyBuiltin, builtin.isMethod { return try builtin.body([self] + arguments, []) }
        }
        return try PyObject.bindDescriptor(found, instance: self, owner: pyType).call(arguments)
    }

    // MARK: Native payloads

    /// Attaches the Swift value an instance of a module's class carries.
    public func setNativePayload(_ value: Any) {
        if let instance = heap as? PyInstance { instance.payload = value }
    }

    /// The Swift value `setNativePayload` attached; TypeError when absent or of another type.
    public func nativePayload<Value>(as type: Value.Type) throws -> Value {
        if let instance = heap as? PyInstance, let value = instance.payload as? Value { return value }
        throw PyException.typeError("'\(typeName)' object is not a \(String(describing: Value.self))")
    }
}

extension PyClass {
    /// Attribute read on a class object.
    func classAttribute(_ name: String) throws -> PyObject? {
        switch name {
        case "__name__": return PyObject(self.name)
        case "__qualname__": return PyObject(qualname)
        case "__module__": return own("__module__") ?? PyObject(module)
        case "__mro__": return .tuple(mro.map { PyObject($0) })
        case "__bases__": return .tuple(bases.map { PyObject($0) })
        case "__base__": return bases.first.map { PyObject($0) } ?? PyObject.none
        case "__class__": return PyObject(pyType)
        case "__dict__":
            let dict = PyDictStorage()
            for (key, value) in ownEntries { try dict.set(PyObject(key), value) }
            return PyObject(dict)
        case "__doc__": return own("__doc__") ?? PyObject.none
        case "__abstractmethods__" where !abstractMethods.isEmpty || (pyType.isSubclass(of: PyClass.abcMeta)):
            return try .frozenset(abstractMethods.map { PyObject($0) })
        default: break
        }
        let meta = pyType
        let metaDescriptor = meta === PyClass.type ? nil : meta.lookup(name)
        if let metaDescriptor, PyObject.isDataDescriptor(metaDescriptor) {
            return try PyObject.bindDescriptor(metaDescriptor, instance: PyObject(self), owner: meta)
        }
        if let found = lookup(name) { return try PyObject.bindToClass(found, self) }
        if let metaFound = metaDescriptor ?? (meta === PyClass.type ? meta.lookup(name) : nil) {
            return try PyObject.bindDescriptor(metaFound, instance: PyObject(self), owner: meta)
        }
        if meta.isHeapType, let hook = meta.overrides("__getattr__") { return try hook.callBound(PyObject(self), [PyObject(name)]) }
        return nil
    }
}
