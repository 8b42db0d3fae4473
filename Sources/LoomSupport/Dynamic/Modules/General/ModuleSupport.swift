/// What the general modules share: functions that carry their module's name, native iterators,
/// and the refusal of what a translated program may not touch.
extension PyObject {
    /// A module's function with Python's argument binding (CPython's messages for missing or
    /// unexpected arguments) and `__module__` set to the module.
    static func moduleFunction(_ module: String, _ name: String, _ signature: PySignature = PySignature(),
                               _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        let function = PyFunction(name: name, signature: signature, body: body)
        function.module = module
        return PyObject(function)
    }

    /// A lazy iterator whose class is named `typeName` (`itertools.count` …).
    static func nativeIterator(_ typeName: String, describe: (() throws -> String)? = nil,
                               _ step: @escaping () throws -> PyObject?) -> PyObject {
        PyObject(PyNativeIterator(typeName, describe: describe, step))
    }

    /// `iter(x)`'s next item, or nil at the end.
    func nextItem() throws -> PyObject? {
        try iterate().next()
    }

    /// The value of an `int` argument, with CPython's TypeError for anything else.
    func intArgument(_ function: String) throws -> Int {
        switch builtinValue.storage {
        case .int(let value): return value
        case .bool(let flag): return flag ? 1 : 0
        default: return try indexValue().toInt()
        }
    }

    var isFloat: Bool { if case .float = builtinValue.storage { true } else { false } }
    var isStr: Bool { if case .str = builtinValue.storage { true } else { false } }
}

/// Anything a module does with files, the network, processes, the terminal or the environment.
enum OutsideSurface {
    static func error(_ qualified: String, _ what: String) -> PyException {
        PyException.make(PyClass.exceptionClass(named: "PermissionError"),
                         "\(qualified) \(what), which is outside what a translated program may touch")
    }

    /// A function that raises `error` when called.
    static func refusal(_ module: String, _ name: String, _ what: String) -> PyObject {
        PyObject.nativeFunction(name, module: module) { _, _ in throw error("\(module).\(name)", what) }
    }
}

/// A module object from its members, with `__name__`.
func buildModule(_ name: String, _ members: [(String, PyObject)]) -> PyObject {
    PyObject.module(name, members)
}

/// Another module a module is built on (`typing` on `collections`), through the one import cache.
func requireModule(_ name: String) throws -> PyObject {
    try Py.importModule(name)
}
