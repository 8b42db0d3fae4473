/// `unittest.mock`: mocks that make their attributes and return values on first use and record every
/// call, `call` to compare against, `patch` to put them in place, and the `sentinel`/`DEFAULT`/`ANY`
/// singletons.
enum MockModule {
    static func build() throws -> PyObject {
        let calls = try MockCalls.Classes()
        let kinds = try MockKinds(calls: calls)
        let patch = try kinds.makePatch()
        let callObject = calls.make(RecordedCall(name: nil, arguments: [], keywords: [], isPair: false, fromCall: false))
        // The mock's shape from the spec; the original's call signatures are not checked.
        let createAutospec = PyObject.moduleFunction(MockCalls.moduleName, "create_autospec",
                                                     PySignature(["spec", "spec_set", "instance", "_parent", "_name"],
                                                                 defaults: [false, false, .none, .none], varkw: "kwargs")) { arguments in
            let spec = arguments[0]
            var keywords: [(String, PyObject)] = [(try arguments[1].truthy() ? "spec_set" : "spec", spec)]
            if !arguments[4].isNone { keywords.append(("name", arguments[4])) }
            keywords += try arguments[5].unpackedKeywords()
            let asInstance = try arguments[2].truthy()
            let klass: PyClass = (!asInstance && spec.isCallable) ? kinds.magic : kinds.nonCallableMagic
            let made = try PyObject(klass).call([], keywords: keywords)
            if spec.heap is PyClass && !asInstance {
                let instance = try PyObject(kinds.nonCallableMagic).call([], keywords: [(keywords[0].0, spec), ("_new_parent", made), ("_new_name", "()")])
                try made.setAttribute("return_value", instance)
            }
            return made
        }
        return buildModule(MockCalls.moduleName, [
            ("Mock", PyObject(kinds.callable)),
            ("MagicMock", PyObject(kinds.magic)),
            ("NonCallableMock", PyObject(kinds.nonCallable)),
            ("NonCallableMagicMock", PyObject(kinds.nonCallableMagic)),
            ("PropertyMock", PyObject(kinds.property)),
            ("call", callObject),
            ("ANY", calls.any),
            ("DEFAULT", calls.defaultSentinel),
            ("sentinel", calls.sentinel),
            ("patch", patch),
            ("create_autospec", createAutospec),
            ("FILTER_DIR", true),
        ])
    }
}
