/// `abc`: `ABC`, `ABCMeta`, `abstractmethod` and the abstract descriptors. Instantiating a class
/// with abstract methods left raises CPython's TypeError (the runtime's `ABCMeta` computes them).
enum AbcModule {
    static let name = "abc"

    static func build() throws -> PyObject {
        let meta = PyObject(PyClass.abcMeta)
        let abc = try PyObject.makeClass("ABC", keywords: [("metaclass", meta)]) { namespace in
            namespace["__module__"] = "abc"
            namespace["__slots__"] = .tuple([])
        }
        let abstractmethod = PyObject.moduleFunction(name, "abstractmethod", PySignature(["funcobj"])) { arguments in
            try arguments[0].setAttribute("__isabstractmethod__", true)
            return arguments[0]
        }
        func abstractWrapper(_ name: String, _ make: @escaping (PyObject) -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(["callable"])) { arguments in
                try arguments[0].setAttribute("__isabstractmethod__", true)
                return make(arguments[0])
            })
        }
        return buildModule(name, [
            ("ABCMeta", meta),
            ("ABC", abc),
            ("abstractmethod", abstractmethod),
            abstractWrapper("abstractclassmethod") { PyObject(PyMethodWrapper(.classMethod, $0)) },
            abstractWrapper("abstractstaticmethod") { PyObject(PyMethodWrapper(.staticMethod, $0)) },
            abstractWrapper("abstractproperty") { PyObject(PyProperty(getter: $0, setter: .none, deleter: .none, doc: .none)) },
            ("get_cache_token", PyObject.moduleFunction(name, "get_cache_token", PySignature()) { _ in 0 }),
        ])
    }
}
