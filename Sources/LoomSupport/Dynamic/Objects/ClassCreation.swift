extension PyObject {
    /// `class Name(bases…, **keywords): body` — the body runs at once over the namespace.
    public static func makeClass(_ name: String, bases: [PyObject] = [], keywords: [(String, PyObject)] = [],
                                 _ body: (PyNamespace) throws -> Void) throws -> PyObject {
        var keywords = keywords
        var explicitMeta: PyObject?
        if let index = keywords.firstIndex(where: { $0.0 == "metaclass" }) { explicitMeta = keywords.remove(at: index).1 }
        var baseClasses: [PyClass] = []
        for base in bases {
            if let type = base.heap as? PyClass { baseClasses.append(type); continue }
            if let entries = try base.findAttribute("__mro_entries__") {
                for entry in try entries(PyObject.tuple(bases)).collect() {
                    guard let type = entry.heap as? PyClass else { throw PyException.typeError("bases must be types") }
                    baseClasses.append(type)
                }
                continue
            }
            throw PyException.typeError("bases must be types")
        }
        let namespace = PyNamespace()
        namespace["__module__"] = "__main__"
        namespace["__qualname__"] = PyObject(name)
        try body(namespace)
        var meta: PyObject = explicitMeta ?? PyObject(PyClass.type)
        if let metaClass = meta.heap as? PyClass {
            meta = PyObject(try PyClass.winningMetaclass(metaClass, baseClasses))
        }
        if let metaClass = meta.heap as? PyClass, !metaClass.isHeapType || (metaClass.overrides("__new__") == nil && metaClass.overrides("__call__") == nil && metaClass.overrides("__init__") == nil) {
            return PyObject(try PyClass.create(metaclass: metaClass, name: name, bases: baseClasses, namespace: namespace.table, keywords: keywords))
        }
        let dict = PyDictStorage()
        for (key, value) in namespace.table.entries { try dict.set(PyObject(key), value) }
        return try meta.call([PyObject(name), .tuple(baseClasses.map { PyObject($0) }), PyObject(dict)], keywords: keywords)
    }
}

extension PyClass {
    static func winningMetaclass(_ start: PyClass, _ bases: [PyClass]) throws -> PyClass {
        var winner = start
        for base in bases {
            let candidate = base.pyType
            if winner.isSubclass(of: candidate) { continue }
            if candidate.isSubclass(of: winner) { winner = candidate; continue }
            throw PyException.typeError("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases")
        }
        return winner
    }

    /// `type.__new__(metaclass, name, bases, namespace)`.
    static func create(metaclass: PyClass, name: String, bases givenBases: [PyClass], namespace: StringTable,
                       keywords: [(String, PyObject)]) throws -> PyClass {
        let bases = givenBases.isEmpty ? [PyClass.object] : givenBases
        for base in bases where base.isFinal {
            throw PyException.typeError("type '\(base.name)' is not an acceptable base type")
        }
        var seen: [PyClass] = []
        for base in bases {
            if seen.contains(where: { $0 === base }) { throw PyException.typeError("duplicate base class \(base.name)") }
            seen.append(base)
        }
        // The instance layout: the most derived built-in base other than object.
        var layoutBase = PyClass.object
        for base in bases {
            let solid = base.solidBase
            if solid.isSubclass(of: layoutBase) { layoutBase = solid }
            else if !layoutBase.isSubclass(of: solid) {
                throw PyException.typeError("multiple bases have instance lay-out conflict")
            }
        }
        let qualname = (namespace["__qualname__"].flatMap { try? $0.toString() }) ?? name
        let module = (namespace["__module__"].flatMap { try? $0.toString() }) ?? "__main__"
        let type = PyClass(name: name, qualname: qualname, module: module, bases: bases, layout: layoutBase.layout,
                           heap: true, metaclass: metaclass === PyClass.type ? nil : metaclass)
        type.mro = try linearize(type, bases: bases)
        type.nativeConstructor = layoutBase.nativeConstructor
        for base in bases { base.lock.locked { base.subclassReferences.append(WeakClass(value: type)) } }
        for (key, var value) in namespace.entries {
            if key == "__qualname__" { continue }
            if let function = value.heap as? PyFunction {
                if function.qualname == function.name { function.qualname = "\(qualname).\(function.name)" }
                if key == "__new__" { value = PyObject(PyMethodWrapper(.staticMethod, value)) }
                if key == "__init_subclass__" || key == "__class_getitem__" { value = PyObject(PyMethodWrapper(.classMethod, value)) }
            }
            if let property = value.heap as? PyProperty, property.name == nil { property.name = key }
            type.setOwn(key, value)
        }
        if type.own("__doc__") == nil { type.setOwn("__doc__", PyObject.none) }
        // Defining __eq__ without __hash__ makes instances unhashable, as in CPython.
        if namespace["__eq__"] != nil && namespace["__hash__"] == nil { type.setOwn("__hash__", PyObject.none) }
        if let slotsValue = namespace["__slots__"] {
            var names: [String]
            if case .str(let single) = slotsValue.storage { names = [single] } else { names = try slotsValue.collect().map { try $0.toString() } }
            var allowed = Set(names)
            var everyBaseSlotted = true
            for base in type.mro.dropFirst() where base !== PyClass.object {
                if base.isHeapType { if let baseSlots = base.slots { allowed.formUnion(baseSlots) } else { everyBaseSlotted = false } }
            }
            if !names.contains("__dict__") && everyBaseSlotted && layoutBase === PyClass.object { type.slots = allowed }
        }
        if metaclass.isSubclass(of: PyClass.abcMeta) { try type.computeAbstractMethods() }
        // `__set_name__`, then the parent's `__init_subclass__`, as type.__new__ does.
        for (key, value) in namespace.entries {
            if case .heap(let object) = value.storage, let instance = object as? PyInstance, let hook = instance.cls.lookup("__set_name__") {
                _ = try hook.callBound(value, [PyObject(type), PyObject(key)])
            }
        }
        if let hook = type.lookupAfter(type, "__init_subclass__") {
            let bound = try PyObject.bindToClass(hook, type)
            _ = try bound.call([], keywords: keywords)
        }
        return type
    }

    /// ABCMeta: the abstract methods defined here and those inherited still unimplemented.
    func computeAbstractMethods() throws {
        var names: [String] = []
        for (key, value) in ownEntries where try PyObject.isAbstract(value) { names.append(key) }
        for base in bases {
            for key in base.abstractMethods where !names.contains(key) {
                if let value = lookup(key), try PyObject.isAbstract(value) { names.append(key) }
            }
        }
        abstractMethods = names.sorted()
    }

    /// `Class(args…)`: `__new__`, then `__init__` when `__new__` returned an instance.
    func instantiate(_ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        if let meta = metaclass, meta.isHeapType, let custom = meta.overrides("__call__") {
            return try custom.callBound(PyObject(self), arguments, keywords)
        }
        if !isHeapType, let constructor = nativeConstructor, self !== PyClass.type || arguments.count == 1 {
            return try constructor(arguments, keywords)
        }
        if !abstractMethods.isEmpty {
            let count = abstractMethods.count
            throw PyException.typeError("Can't instantiate abstract class \(name) with abstract method\(count == 1 ? "" : "s") \(abstractMethods.joined(separator: ", "))")
        }
        let instance: PyObject
        let newMethod = lookup("__new__")
        let customNew = newMethod.flatMap { ($0.heap as? PyMethodWrapper)?.function.heap is PyFunction ? $0 : Optional<PyObject>.none }
        if let customNew, let wrapper = customNew.heap as? PyMethodWrapper {
            instance = try wrapper.function.call([PyObject(self)] + arguments, keywords: keywords)
        } else {
            instance = try defaultNew(arguments, keywords, checkExcess: true)
        }
        guard instance.pyType.isSubclass(of: self) else { return instance }
        if let initMethod = instance.pyType.lookup("__init__") {
            let result: PyObject
            if let builtin = initMethod.heap as? PyBuiltin {
                result = try builtin.body([instance] + arguments, keywords)
            } else {
                result = try initMethod.callBound(instance, arguments, keywords)
            }
            if !result.isNone {
                throw PyException.typeError("__init__() should return None, not '\(result.typeName)'")
            }
        }
        return instance
    }

    /// `object.__new__(cls)` and the built-in bases' `__new__`.
    func defaultNew(_ arguments: [PyObject], _ keywords: [(String, PyObject)], checkExcess: Bool) throws -> PyObject {
        if layout == .type {
            guard arguments.count == 3 || arguments.count == 1 else { throw PyException.typeError("type() takes 1 or 3 arguments") }
            if arguments.count == 1 { return PyObject(arguments[0].pyType) }
            let className = try arguments[0].toString()
            let bases = try arguments[1].collect().map { base -> PyClass in
                guard let type = base.heap as? PyClass else { throw PyException.typeError("bases must be types") }
                return type
            }
            var table = StringTable()
            guard let dict = arguments[2].builtinValue.heap as? PyDictStorage else {
                throw PyException.typeError("type.__new__() argument 3 must be dict, not \(arguments[2].typeName)")
            }
            for (key, value) in dict.entries { table[try key.toString()] = value }
            let meta = try PyClass.winningMetaclass(self, bases)
            return PyObject(try PyClass.create(metaclass: meta, name: className, bases: bases, namespace: table, keywords: keywords))
        }
        if checkExcess && (!arguments.isEmpty || !keywords.isEmpty) && layout == .object {
            let initMethod = lookup("__init__")
            if initMethod.map({ $0.heap is PyBuiltin }) ?? true {
                throw PyException.typeError("\(name)() takes no arguments")
            }
        }
        let instance = PyInstance(cls: self)
        switch layout {
        case .exception:
            instance.exception?.arguments = arguments
        case .list:
            instance.builtinBase = .list([])
        case .dict:
            instance.builtinBase = PyObject(PyDictStorage())
        case .set:
            instance.builtinBase = PyObject(PySetStorage(frozen: false))
        case .int, .float, .str, .tuple, .frozenset, .bytes:
            if let constructor = solidBase.nativeConstructor {
                instance.builtinBase = try constructor(arguments, keywords)
            }
        default:
            break
        }
        return PyObject(instance)
    }
}
