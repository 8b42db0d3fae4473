import Foundation

extension PyObject {
    /// A module object with these attributes, in order.
    public static func module(_ name: String, _ attributes: [(String, PyObject)]) -> PyObject {
        let module = PyModule(name: name)
        try? module.attributes.set("__name__", PyObject(name))
        for (key, value) in attributes {
            if let function = value.heap as? PyFunction, function.module == "__main__" { function.module = name }
            if let builtin = value.heap as? PyBuiltin, builtin.module == "builtins" { builtin.module = name }
            try? module.attributes.set(PyObject(key), value)
        }
        return PyObject(module)
    }
}

extension Py {
    private static let moduleCache = Locked<[String: PyObject]>([:])
    /// Serializes first imports: a module is built once even when two threads import it at once.
    private static let importLock = NSRecursiveLock()

    /// `import name`: the module built by `generalModuleBuilders` or `concurrencyModuleBuilders`,
    /// built on first import and cached. `ModuleNotFoundError` for any other name.
    public static func importModule(_ name: String) throws -> PyObject {
        if let cached = moduleCache.withLock({ $0[name] }) { return cached }
        importLock.lock()
        defer { importLock.unlock() }
        if let cached = moduleCache.withLock({ $0[name] }) { return cached }
        let module: PyObject
        if name == "builtins" {
            module = builtinsModule
        } else if let builder = generalModuleBuilders[name] ?? concurrencyModuleBuilders[name] {
            module = try builder()
        } else {
            throw PyException.make(PyClass.moduleNotFoundError, "No module named '\(name)'")
        }
        moduleCache.withLock { $0[name] = module }
        return module
    }

    /// The `builtins` module: every builtin by name.
    public static var builtinsModule: PyObject {
        var entries: [(String, PyObject)] = [
            ("object", object), ("type", type), ("int", int), ("bool", bool), ("float", float), ("complex", complex),
            ("str", str), ("bytes", bytes), ("bytearray", bytearray), ("list", list), ("tuple", tuple), ("dict", dict),
            ("set", set), ("frozenset", frozenset), ("slice", slice), ("range", range), ("property", property),
            ("classmethod", classmethod), ("staticmethod", staticmethod), ("super", `super`),
            ("NotImplemented", NotImplemented), ("Ellipsis", Ellipsis), ("None", None),
            ("print", print), ("len", len), ("repr", repr), ("ascii", ascii), ("isinstance", isinstance),
            ("issubclass", issubclass), ("callable", callable), ("id", id), ("hash", hash), ("iter", iter),
            ("next", next), ("getattr", getattr), ("setattr", setattr), ("delattr", delattr), ("hasattr", hasattr),
            ("abs", abs), ("all", all), ("any", any), ("bin", bin), ("oct", oct), ("hex", hex), ("chr", chr),
            ("ord", ord), ("divmod", divmod), ("pow", pow), ("round", round), ("sum", sum), ("min", min),
            ("max", max), ("sorted", sorted), ("reversed", reversed), ("enumerate", enumerate), ("zip", zip),
            ("map", map), ("filter", filter), ("format", format), ("vars", vars), ("dir", dir),
            ("globals", globals), ("locals", locals), ("input", input), ("open", open), ("eval", eval),
            ("exec", exec), ("compile", compile), ("breakpoint", breakpoint), ("help", help), ("exit", exit), ("quit", quit),
        ]
        for (name, type) in PyClass.exceptionClasses.sorted(by: { $0.key < $1.key }) { entries.append((name, PyObject(type))) }
        return PyObject.module("builtins", entries)
    }
}
