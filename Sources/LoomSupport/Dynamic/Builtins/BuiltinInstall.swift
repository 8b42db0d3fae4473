import Foundation

/// The methods and constructors of the built-in classes, installed when each class is first used.
enum BuiltinInstall {
    static func install(_ type: PyClass) {
        switch type.name {
        case "object": installObject(type)
        case "type": installType(type)
        case "int": installInt(type)
        case "bool": type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("bool", arguments, keywords).requireCount(0...1)
            return PyObject(try arguments.first?.truthy() ?? false)
        }
        case "float": installFloat(type)
        case "complex": ComplexMethods.install(type)
        case "str": StringMethods.install(type)
        case "bytes", "bytearray": BytesMethods.install(type)
        case "list": ListMethods.install(type)
        case "tuple": TupleMethods.install(type)
        case "dict": DictMethods.install(type)
        case "set", "frozenset": SetMethods.install(type)
        case "range": installRange(type)
        case "slice": installSlice(type)
        case "property": installProperty(type)
        case "classmethod", "staticmethod": installMethodWrapper(type)
        case "super": type.nativeConstructor = { arguments, keywords in
            if !keywords.isEmpty { throw PyException.typeError("super() takes no keyword arguments") }
            switch arguments.count {
            case 2: return try Py.superOf(arguments[0], arguments[1])
            case 0: throw PyException.make(PyClass.runtimeError, "super(): no arguments; the translation passes the class and instance (Py.superOf)")
            default: throw PyException.typeError("super() takes 2 arguments here (the one-argument, unbound form is not carried), \(arguments.count) given")
            }
        }
        case "generator", "coroutine": GeneratorMethods.install(type)
        case "NoneType": type.nativeConstructor = { _, _ in .none }
        case "function", "builtin_function_or_method", "method":
            type.method("__get__") { this, arguments, _ in
                guard let instance = arguments.first, !instance.isNone else { return this }
                return PyObject(PyBoundMethod(function: this, receiver: instance))
            }
        case "ABCMeta":
            type.method("register", arity: 1...1) { this, arguments in try PyABC.register(arguments[0], with: this) }
        default: break
        }
    }

    // MARK: object and type

    static func installObject(_ type: PyClass) {
        type.method("__init__") { _, _, _ in .none }
        type.method("__repr__") { this, _, _ in
            guard let object = this.heap else { return PyObject(try this.repr()) }
            return PyObject(this.defaultRepr(object))
        }
        type.method("__str__") { this, _, _ in
            if let instance = this.heap as? PyInstance, let method = instance.cls.lookup("__repr__") {
                return try method.callBound(this, [])
            }
            return PyObject(try this.repr())
        }
        type.method("__eq__", arity: 1...1) { this, arguments in this.isIdentical(to: arguments[0]) ? .True : .notImplemented }
        type.method("__ne__", arity: 1...1) { this, arguments in
            if let instance = this.heap as? PyInstance, let eq = instance.cls.overrides("__eq__") {
                let result = try eq.callBound(this, [arguments[0]])
                return result.isNotImplemented ? result : PyObject(!(try result.truthy()))
            }
            return this.isIdentical(to: arguments[0]) ? .False : .notImplemented
        }
        for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
            type.method(name, arity: 1...1) { _, _ in .notImplemented }
        }
        type.method("__hash__", arity: 0...0) { this, _ in PyObject((this.heap?.address ?? 0) >> 4) }
        type.method("__setattr__", arity: 2...2) { this, arguments in
            guard let instance = this.heap as? PyInstance else { try this.setAttribute(try arguments[0].toString(), arguments[1]); return .none }
            try this.genericSetAttribute(instance, try arguments[0].toString(), arguments[1])
            return .none
        }
        type.method("__getattribute__", arity: 1...1) { this, arguments in
            let name = try arguments[0].toString()
            guard let instance = this.heap as? PyInstance else { return try this.attribute(name) }
            guard let value = try this.genericInstanceAttribute(instance, name) else { throw this.attributeError(name) }
            return value
        }
        type.method("__delattr__", arity: 1...1) { this, arguments in
            guard let instance = this.heap as? PyInstance else { try this.deleteAttribute(try arguments[0].toString()); return .none }
            try this.genericDeleteAttribute(instance, try arguments[0].toString())
            return .none
        }
        type.method("__format__", arity: 1...1) { this, arguments in
            let spec = try arguments[0].toString()
            if !spec.isEmpty {
                throw PyException.typeError("unsupported format string passed to \(this.typeName).__format__")
            }
            return PyObject(try this.str())
        }
        type.method("__dir__", arity: 0...0) { this, _ in .list(try PyObject.directory(this).map { PyObject($0) }) }
        type.method("__reduce_ex__") { _, _, _ in .none }
        // Implicit classmethods of object.
        let initSubclass = PyObject.builtin("__init_subclass__") { arguments, keywords in
            if let (key, _) = keywords.first {
                let owner = (arguments.first?.heap as? PyClass)?.name ?? "object"
                _ = key
                throw PyException.typeError("\(owner).__init_subclass__() takes no keyword arguments")
            }
            return .none
        }
        type.setOwn("__init_subclass__", PyObject(PyMethodWrapper(.classMethod, initSubclass)))
        let newMethod = PyObject.builtin("__new__") { arguments, keywords in
            guard let cls = arguments.first?.heap as? PyClass else {
                throw PyException.typeError("object.__new__(X): X is not a type object (\(arguments.first?.typeName ?? "NoneType"))")
            }
            return try cls.defaultNew(Array(arguments.dropFirst()), keywords, checkExcess: false)
        }
        type.setOwn("__new__", PyObject(PyMethodWrapper(.staticMethod, newMethod)))
        let subclassHook = PyObject.builtin("__subclasshook__") { _, _ in .notImplemented }
        type.setOwn("__subclasshook__", PyObject(PyMethodWrapper(.classMethod, subclassHook)))
        type.setOwn("__doc__", "The base class of the class hierarchy.")
        type.nativeConstructor = { arguments, keywords in
            if !arguments.isEmpty || !keywords.isEmpty { throw PyException.typeError("object() takes no arguments") }
            let instance = PyInstance(cls: PyClass.object)
            return PyObject(instance)
        }
    }

    static func installType(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            if arguments.count == 1 && keywords.isEmpty { return PyObject(arguments[0].pyType) }
            return try PyClass.type.defaultNew(arguments, keywords, checkExcess: false)
        }
        type.method("mro", arity: 0...0) { this, _ in
            .list(((this.heap as? PyClass)?.mro ?? []).map { PyObject($0) })
        }
        type.method("__subclasses__", arity: 0...0) { this, _ in
            guard let cls = this.heap as? PyClass else { return .list([]) }
            return .list(cls.lock.locked { cls.subclassReferences.compactMap { $0.value.map { PyObject($0) } } })
        }
        type.method("__instancecheck__", arity: 1...1) { this, arguments in PyObject(try Py.isInstance(arguments[0], this)) }
        type.method("__subclasscheck__", arity: 1...1) { this, arguments in
            guard let sub = arguments[0].heap as? PyClass else { throw PyException.typeError("issubclass() arg 1 must be a class") }
            return PyObject(try Py.isSubclass(sub, this))
        }
        type.method("__repr__", arity: 0...0) { this, _ in
            guard let cls = this.heap as? PyClass else { return PyObject(try this.repr()) }
            return PyObject(cls.module == "builtins" ? "<class '\(cls.qualname)'>" : "<class '\(cls.module).\(cls.qualname)'>")
        }
        type.method("__call__") { this, arguments, keywords in
            guard let cls = this.heap as? PyClass else { throw PyException.typeError("not a type") }
            // type.__call__ as reached from a metaclass's own __call__ through super().
            if !cls.abstractMethods.isEmpty {
                throw PyException.typeError("Can't instantiate abstract class \(cls.name) with abstract method\(cls.abstractMethods.count == 1 ? "" : "s") \(cls.abstractMethods.joined(separator: ", "))")
            }
            let saved = cls.metaclass
            cls.metaclass = nil
            defer { cls.metaclass = saved }
            return try cls.instantiate(arguments, keywords)
        }
        let newMethod = PyObject.builtin("__new__") { arguments, keywords in
            guard let meta = arguments.first?.heap as? PyClass else { throw PyException.typeError("type.__new__(X): X is not a type object") }
            return try meta.defaultNew(Array(arguments.dropFirst()), keywords, checkExcess: false)
        }
        type.setOwn("__new__", PyObject(PyMethodWrapper(.staticMethod, newMethod)))
        type.method("__init__") { _, _, _ in .none }
        let prepare = PyObject.builtin("__prepare__") { _, _ in try .dict([]) }
        type.setOwn("__prepare__", PyObject(PyMethodWrapper(.classMethod, prepare)))
    }

    // MARK: Numbers

    static func installInt(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            var args = BuiltinArguments("int", arguments, keywords)
            let baseKeyword = args.take("base")
            try args.requireCount(0...2)
            let base = try (arguments.count > 1 ? arguments[1] : baseKeyword).map { try $0.toInt() }
            guard let value = arguments.first else { return PyObject(0) }
            return try IntParsing.construct(value, base: base)
        }
        NumberMethods.installInt(type)
    }

    static func installFloat(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("float", arguments, keywords).requireCount(0...1)
            guard let value = arguments.first else { return PyObject(0.0) }
            return try IntParsing.float(value)
        }
        NumberMethods.installFloat(type)
    }

    // MARK: range, slice

    static func installRange(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("range", arguments, keywords).requireCount(1...3)
            func bound(_ value: PyObject) throws -> Int {
                guard let index = try? value.indexValue() else {
                    throw PyException.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
                }
                return try index.toInt()
            }
            let values = try arguments.map(bound)
            let start = values.count == 1 ? 0 : values[0]
            let stop = values.count == 1 ? values[0] : values[1]
            let step = values.count == 3 ? values[2] : 1
            if step == 0 { throw PyException.valueError("range() arg 3 must not be zero") }
            return PyObject(PyRange(start: start, stop: stop, step: step))
        }
        type.method("index", arity: 1...1) { this, arguments in
            guard let range = this.heap as? PyRange, case .int(let value) = arguments[0].storage, try this.contains(arguments[0]) else {
                throw PyException.valueError("\(try arguments[0].repr()) is not in range")
            }
            return PyObject((value - range.start) / range.step)
        }
        type.method("count", arity: 1...1) { this, arguments in PyObject(try this.contains(arguments[0]) ? 1 : 0) }
        type.method("__len__", arity: 0...0) { this, _ in PyObject(try this.length()) }
        type.method("__iter__", arity: 0...0) { this, _ in try this.iterate().pythonObject }
        type.method("__getitem__", arity: 1...1) { this, arguments in try this.item(arguments[0]) }
        type.method("__contains__", arity: 1...1) { this, arguments in PyObject(try this.contains(arguments[0])) }
        type.method("__reversed__", arity: 0...0) { this, _ in
            guard let range = this.heap as? PyRange else { return .none }
            let last = range.start + (range.count - 1) * range.step
            return try PyIterator(.range(current: last, stop: range.start - range.step, step: -range.step)).pythonObject
        }
    }

    static func installSlice(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("slice", arguments, keywords).requireCount(1...3)
            if arguments.count == 1 { return .slice(nil, arguments[0]) }
            return .slice(arguments[0], arguments[1], arguments.count == 3 ? arguments[2] : PyObject?.none)
        }
        type.method("indices", arity: 1...1) { this, arguments in
            guard let slice = this.heap as? PySlice else { return .none }
            let (start, stop, step) = try slice.indices(try arguments[0].toInt())
            return .tuple([PyObject(start), PyObject(stop), PyObject(step)])
        }
    }

    // MARK: Descriptors

    static func installProperty(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            var args = BuiltinArguments("property", arguments, keywords)
            let fget = args.take("fget") ?? args[0] ?? .none
            let fset = args.take("fset") ?? args[1] ?? .none
            let fdel = args.take("fdel") ?? args[2] ?? .none
            let doc = args.take("doc") ?? args[3] ?? .none
            try args.rejectKeywords()
            return PyObject(PyProperty(getter: fget, setter: fset, deleter: fdel, doc: doc))
        }
        func copy(_ this: PyObject, getter: PyObject? = nil, setter: PyObject? = nil, deleter: PyObject? = nil) -> PyObject {
            guard let property = this.heap as? PyProperty else { return this }
            let made = PyProperty(getter: getter ?? property.getter, setter: setter ?? property.setter,
                                  deleter: deleter ?? property.deleter, doc: property.doc)
            made.name = property.name
            return PyObject(made)
        }
        type.method("getter", arity: 1...1) { this, arguments in copy(this, getter: arguments[0]) }
        type.method("setter", arity: 1...1) { this, arguments in copy(this, setter: arguments[0]) }
        type.method("deleter", arity: 1...1) { this, arguments in copy(this, deleter: arguments[0]) }
        type.method("__get__", arity: 1...2) { this, arguments in
            guard let property = this.heap as? PyProperty else { return this }
            if arguments[0].isNone { return this }
            return try property.getter(arguments[0])
        }
        type.method("__set__", arity: 2...2) { this, arguments in
            guard let property = this.heap as? PyProperty, !property.setter.isNone else {
                throw PyException.make(PyClass.attributeError, "can't set attribute")
            }
            return try property.setter(arguments[0], arguments[1])
        }
        type.method("__set_name__", arity: 2...2) { this, arguments in
            (this.heap as? PyProperty)?.name = try arguments[1].toString()
            return .none
        }
    }

    static func installMethodWrapper(_ type: PyClass) {
        let kind: PyMethodWrapper.Kind = type.name == "classmethod" ? .classMethod : .staticMethod
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments(type.name, arguments, keywords).requireCount(1...1)
            return PyObject(PyMethodWrapper(kind, arguments[0]))
        }
        type.method("__get__", arity: 1...2) { this, arguments in
            guard let wrapper = this.heap as? PyMethodWrapper else { return this }
            if wrapper.kind == .staticMethod { return wrapper.function }
            let owner = arguments.count > 1 && !arguments[1].isNone ? arguments[1] : PyObject(arguments[0].pyType)
            return PyObject(PyBoundMethod(function: wrapper.function, receiver: owner))
        }
    }
}

extension PyObject {
    /// `dir(x)`: sorted attribute names of the object, its class and the class's bases.
    static func directory(_ value: PyObject) throws -> [String] {
        var names = Set<String>()
        if let instance = value.heap as? PyInstance {
            for key in instance.attributes.keys { if case .str(let name) = key.storage { names.insert(name) } }
        }
        if let module = value.heap as? PyModule {
            for key in module.attributes.keys { if case .str(let name) = key.storage { names.insert(name) } }
            return names.sorted()
        }
        let type = (value.heap as? PyClass) ?? value.pyType
        for cls in type.mro { for (name, _) in cls.ownEntries { names.insert(name) } }
        if value.heap is PyInstance || value.heap is PyClass { names.formUnion(["__class__", "__dict__", "__module__", "__doc__"]) }
        return names.sorted()
    }
}
