/// `copy`: `copy` and `deepcopy` (with a memo, so shared and cyclic references are kept), honouring
/// `__copy__` and `__deepcopy__`.
enum CopyModule {
    static let name = "copy"

    static func shallow(_ value: PyObject) throws -> PyObject {
        guard let object = value.heap else { return value }
        switch object {
        case let list as PyList: return .list(list.items)
        case let dict as PyDictStorage: return PyObject(dict.copy())
        case let set as PySetStorage: return set.frozen ? value : PyObject(set.copy(frozen: false))
        case let instance as PyInstance:
            if let method = instance.cls.lookup("__copy__") { return try method.callBound(value, []) }
            if instance.exception != nil { return value }
            let copy = PyInstance(cls: instance.cls)
            if let base = instance.builtinBase { copy.builtinBase = try shallow(base) }
            for (key, item) in instance.attributes.entries { try copy.attributes.set(key, item) }
            copy.payload = instance.payload
            return PyObject(copy)
        default:
            return value
        }
    }

    static func deep(_ value: PyObject, memo: inout [ObjectIdentifier: PyObject]) throws -> PyObject {
        guard let object = value.heap else { return value }
        let key = ObjectIdentifier(object)
        if let done = memo[key] { return done }
        switch object {
        case let list as PyList:
            let copy = PyList([])
            let result = PyObject(copy)
            memo[key] = result
            for item in list.items { copy.append(try deep(item, memo: &memo)) }
            return result
        case let tuple as PyTupleStorage:
            let items = try tuple.items.map { try deep($0, memo: &memo) }
            if zip(items, tuple.items).allSatisfy({ $0.0.isIdentical(to: $0.1) }) { return value }
            return .tuple(items)
        case let dict as PyDictStorage:
            let copy = PyDictStorage()
            let result = PyObject(copy)
            memo[key] = result
            for (k, v) in dict.entries { try copy.set(try deep(k, memo: &memo), try deep(v, memo: &memo)) }
            return result
        case let set as PySetStorage:
            let copy = PySetStorage(frozen: set.frozen)
            for item in set.elements { try copy.add(try deep(item, memo: &memo)) }
            let result = PyObject(copy)
            memo[key] = result
            return result
        case let instance as PyInstance:
            if let method = instance.cls.lookup("__deepcopy__") {
                let memoDict = try PyObject.dict([])
                let result = try method.callBound(value, [memoDict])
                memo[key] = result
                return result
            }
            if instance.exception != nil || instance.cls.lookup("_member_map_") != nil { return value }
            let copy = PyInstance(cls: instance.cls)
            let result = PyObject(copy)
            memo[key] = result
            if let base = instance.builtinBase { copy.builtinBase = try deep(base, memo: &memo) }
            for (k, item) in instance.attributes.entries { try copy.attributes.set(k, try deep(item, memo: &memo)) }
            copy.payload = instance.payload
            return result
        default:
            return value
        }
    }

    static func build() throws -> PyObject {
        let error = try PyObject.makeClass("Error", bases: [PyObject(PyClass.exception)]) { namespace in namespace["__module__"] = "copy" }
        return buildModule(name, [
            ("copy", PyObject.moduleFunction(name, "copy", PySignature(["x"])) { arguments in try shallow(arguments[0]) }),
            ("deepcopy", PyObject.moduleFunction(name, "deepcopy", PySignature(["x", "memo"], defaults: [.none])) { arguments in
                var memo: [ObjectIdentifier: PyObject] = [:]
                return try deep(arguments[0], memo: &memo)
            }),
            ("Error", error), ("error", error),
        ])
    }
}

extension PyObject {
    static func copyModuleDeepcopy(_ value: PyObject) throws -> PyObject {
        var memo: [ObjectIdentifier: PyObject] = [:]
        return try CopyModule.deep(value, memo: &memo)
    }
}
