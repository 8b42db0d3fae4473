/// `unittest.mock.patch`, `patch.object` and `patch.dict`: replace an attribute (or a dict's items)
/// for the length of a `with` block, a decorated function or test class, or between `start()` and
/// `stop()`, and put the original back after.
final class AttributePatch: @unchecked Sendable {
    enum Target {
        case path(String)
        case object(PyObject)
    }

    let target: Target
    let attribute: String
    /// The replacement; `DEFAULT` makes a `MagicMock` named after the attribute.
    let replacement: PyObject
    let spec: PyObject
    let specSet: PyObject
    let autospec: PyObject
    let newCallable: PyObject
    let create: Bool
    let keywords: [(String, PyObject)]

    private var patched: PyObject?
    private var original: PyObject?
    private var wasLocal = false

    init(target: Target, attribute: String, replacement: PyObject, spec: PyObject, specSet: PyObject, autospec: PyObject,
         newCallable: PyObject, create: Bool, keywords: [(String, PyObject)]) {
        self.target = target
        self.attribute = attribute
        self.replacement = replacement
        self.spec = spec
        self.specSet = specSet
        self.autospec = autospec
        self.newCallable = newCallable
        self.create = create
        self.keywords = keywords
    }

    func copy() -> AttributePatch {
        AttributePatch(target: target, attribute: attribute, replacement: replacement, spec: spec, specSet: specSet,
                       autospec: autospec, newCallable: newCallable, create: create, keywords: keywords)
    }

    /// Whether the decorated function receives the made mock as an extra argument.
    func passesReplacement(_ kinds: MockKinds) -> Bool { replacement.isIdentical(to: kinds.calls.defaultSentinel) }

    /// `pkgutil.resolve_name` as patch uses it: the first name is a module, each later one an
    /// attribute or, failing that, a submodule.
    static func resolve(_ path: String) throws -> PyObject {
        var names = path.split(separator: ".").map(String.init)
        guard !names.isEmpty else { throw PyException.typeError("Need a valid target to patch. You supplied: \(try PyObject(path).repr())") }
        let first = names.removeFirst()
        if first == "__main__" {
            throw PyException.make(PyClass.exceptionClass(named: "PermissionError"),
                                   "patching the note's own names through '__main__' is not carried: its globals are Swift variables; patch.object(the_class, 'name') patches a class")
        }
        var imported = first
        var value = try Py.importModule(first)
        for name in names {
            imported += "." + name
            if let found = try value.findAttribute(name) { value = found } else { value = try Py.importModule(imported) }
        }
        return value
    }

    private func resolvedTarget() throws -> PyObject {
        switch target {
        case .path(let path): return try Self.resolve(path)
        case .object(let object): return object
        }
    }

    /// The attribute as stored on the target itself, and whether it was stored there rather than inherited.
    private static func original(of target: PyObject, _ name: String) throws -> (PyObject?, Bool) {
        switch target.heap {
        case let module as PyModule:
            if let value = module.attributes.get(string: name) { return (value, true) }
        case let type as PyClass:
            if let value = type.own(name) { return (value, true) }
        case let instance as PyInstance:
            if let value = instance.attributes.get(string: name) { return (value, true) }
        default:
            break
        }
        return (try target.findAttribute(name), false)
    }

    func enter(_ kinds: MockKinds) throws -> PyObject {
        let object = try resolvedTarget()
        let (found, local) = try Self.original(of: object, attribute)
        if found == nil && !create {
            throw PyException.make(PyClass.attributeError, "\(try object.str()) does not have the attribute \(try PyObject(attribute).repr())")
        }
        var made = replacement
        if replacement.isIdentical(to: kinds.calls.defaultSentinel) {
            made = try makeReplacement(kinds, original: found)
        } else if !keywords.isEmpty {
            throw PyException.typeError("Can't pass kwargs to a mock we aren't creating")
        }
        original = found
        wasLocal = local
        patched = object
        try object.setAttribute(attribute, made)
        return made
    }

    private func makeReplacement(_ kinds: MockKinds, original: PyObject?) throws -> PyObject {
        var spec = self.spec, specSet = self.specSet
        if !autospec.isNone {
            // Autospec's shape without its signature checks: the mock allows the original's names only.
            let source = autospec.isIdentical(to: true) ? (original ?? .none) : autospec
            let klass = source.isCallable ? kinds.magic : kinds.nonCallableMagic
            return try PyObject(klass!).call([], keywords: [("spec", source), ("name", PyObject(attribute))] + keywords)
        }
        if spec.isIdentical(to: true) {
            spec = original ?? .none
            if specSet.isIdentical(to: true) { specSet = spec; spec = .none }
        } else if !spec.isNone {
            if specSet.isIdentical(to: true) { specSet = spec; spec = .none }
        } else if specSet.isIdentical(to: true) {
            specSet = original ?? .none
        }
        var klass: PyObject = PyObject(kinds.magic)
        if !newCallable.isNone {
            klass = newCallable
        } else if !spec.isNone || !specSet.isNone {
            let shape = specSet.isNone ? spec : specSet
            let callable = (shape.heap is PyList || shape.heap is PyTupleStorage)
                ? try shape.collect().contains { (try? $0.toString()) == "__call__" }
                : shape.isCallable
            if !callable { klass = PyObject(kinds.nonCallableMagic) }
        }
        var arguments: [(String, PyObject)] = []
        if !spec.isNone { arguments.append(("spec", spec)) }
        if !specSet.isNone { arguments.append(("spec_set", specSet)) }
        if let type = klass.heap as? PyClass, type.isSubclass(of: kinds.nonCallable) { arguments.append(("name", PyObject(attribute))) }
        arguments += keywords
        let made = try klass.call([], keywords: arguments)
        // A patched class's instances follow its spec too.
        if let original, original.heap is PyClass, !(spec.isNone && specSet.isNone), MockKinds.state(made) != nil {
            let instanceKeywords = arguments.filter { $0.0 != "name" } + [("_new_parent", made), ("_new_name", PyObject("()"))]
            let instance = try PyObject(kinds.nonCallableMagic).call([], keywords: instanceKeywords)
            try made.setAttribute("return_value", instance)
        }
        return made
    }

    func exit() throws {
        guard let object = patched else { return }
        patched = nil
        if wasLocal, let original {
            try object.setAttribute(attribute, original)
        } else {
            try object.deleteAttribute(attribute)
            if !create, let original, try object.findAttribute(attribute) == nil {
                try object.setAttribute(attribute, original)
            }
        }
    }
}

/// `patch.dict`: the dict's items saved on entry and put back on exit.
final class DictPatch: @unchecked Sendable {
    let target: PyObject
    let values: [(PyObject, PyObject)]
    let clear: Bool
    private var saved: PyObject?
    private var patched: PyObject?

    init(target: PyObject, values: [(PyObject, PyObject)], clear: Bool) {
        self.target = target
        self.values = values
        self.clear = clear
    }

    func copy() -> DictPatch { DictPatch(target: target, values: values, clear: clear) }

    func enter() throws -> PyObject {
        let dict = target.isStr ? try AttributePatch.resolve(try target.toString()) : target
        saved = try dict.callMethod("copy")
        patched = dict
        if clear { _ = try dict.callMethod("clear") }
        for (key, value) in values { try dict.setItem(key, value) }
        return dict
    }

    func exit() throws {
        guard let dict = patched, let saved else { return }
        patched = nil
        _ = try dict.callMethod("clear")
        _ = try dict.callMethod("update", [saved])
    }
}

extension MockKinds {
    /// The patcher classes and the `patch` function with its `object`, `dict` and `stopall` members.
    func makePatch() throws -> PyObject {
        let active = Locked<[PyObject]>([])

        func attributePatch(_ value: PyObject) throws -> AttributePatch {
            guard let patch = (value.heap as? PyInstance)?.payload as? AttributePatch else { throw PyException.typeError("not a patcher") }
            return patch
        }
        func dictPatch(_ value: PyObject) throws -> DictPatch {
            guard let patch = (value.heap as? PyInstance)?.payload as? DictPatch else { throw PyException.typeError("not a patcher") }
            return patch
        }

        var attributePatchClass: PyObject = .none
        var dictPatchClass: PyObject = .none

        func wrapPatcher(_ cls: PyObject, _ payload: Any) -> PyObject {
            let instance = PyInstance(cls: cls.heap as! PyClass)
            instance.payload = payload
            return PyObject(instance)
        }

        /// A test class: every `test…` method gets a copy of the patcher, as `decorate_class` does.
        func decorateClass(_ cls: PyObject, copy: () -> PyObject) throws -> PyObject {
            for name in try PyObject.directory(cls) where name.hasPrefix("test") {
                guard let method = try cls.findAttribute(name), method.isCallable else { continue }
                let decorated = try copy().call([method])
                try cls.setAttribute(name, decorated)
            }
            return cls
        }

        /// `decorate_callable`: one wrapper per function, however many patches are stacked on it; the
        /// innermost patch's mock comes first among the extra arguments.
        func decorateFunction(_ function: PyObject, _ patcher: PyObject) throws -> PyObject {
            if let existing = try function.findAttribute("patchings"), existing.heap is PyList {
                _ = try existing.callMethod("append", [patcher])
                return function
            }
            let patchings = PyObject.list([patcher])
            let name = (try? function.attribute("__name__").toString()) ?? "patched"
            let wrapper = PyObject.function(name, PySignature([], varargs: "args", varkw: "kwargs")) { arguments in
                var positional = try arguments[0].collect()
                let keywords = try arguments[1].unpackedKeywords()
                var entered: [() throws -> Void] = []
                defer { for leave in entered.reversed() { try? leave() } }
                for patching in try patchings.collect() {
                    if let patch = (patching.heap as? PyInstance)?.payload as? AttributePatch {
                        let made = try patch.enter(self)
                        entered.append { try patch.exit() }
                        if patch.passesReplacement(self) { positional.append(made) }
                    } else if let patch = (patching.heap as? PyInstance)?.payload as? DictPatch {
                        _ = try patch.enter()
                        entered.append { try patch.exit() }
                    }
                }
                return try function.call(positional, keywords: keywords)
            }
            let updated = try FunctoolsModule.update(wrapper, from: function, assigned: FunctoolsModule.wrapperAssignments, updated: ["__dict__"])
            try updated.setAttribute("patchings", patchings)
            return updated
        }

        attributePatchClass = try PyObject.makeClass("_patch") { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            namespace["__enter__"] = Self.method("__enter__") { arguments in try attributePatch(arguments[0]).enter(self) }
            namespace["__exit__"] = Self.method("__exit__", varargs: "exc_info") { arguments in
                try attributePatch(arguments[0]).exit()
                return false
            }
            namespace["start"] = Self.method("start") { arguments in
                let made = try attributePatch(arguments[0]).enter(self)
                active.withLock { $0.append(arguments[0]) }
                return made
            }
            namespace["stop"] = Self.method("stop") { arguments in
                active.withLock { list in list.removeAll { $0.isIdentical(to: arguments[0]) } }
                try attributePatch(arguments[0]).exit()
                return .none
            }
            namespace["copy"] = Self.method("copy") { arguments in
                wrapPatcher(attributePatchClass, try attributePatch(arguments[0]).copy())
            }
            namespace["attribute"] = PyObject(PyProperty(getter: Self.method("attribute") { arguments in
                PyObject(try attributePatch(arguments[0]).attribute)
            }, setter: .none, deleter: .none, doc: .none))
            namespace["__call__"] = Self.method("__call__", ["func"]) { arguments in
                let patch = try attributePatch(arguments[0])
                if arguments[1].heap is PyClass {
                    return try decorateClass(arguments[1]) { wrapPatcher(attributePatchClass, patch.copy()) }
                }
                return try decorateFunction(arguments[1], arguments[0])
            }
        }
        dictPatchClass = try PyObject.makeClass("_patch_dict") { namespace in
            namespace["__module__"] = PyObject(MockCalls.moduleName)
            namespace["__enter__"] = Self.method("__enter__") { arguments in try dictPatch(arguments[0]).enter() }
            namespace["__exit__"] = Self.method("__exit__", varargs: "exc_info") { arguments in
                try dictPatch(arguments[0]).exit()
                return false
            }
            namespace["start"] = Self.method("start") { arguments in
                active.withLock { $0.append(arguments[0]) }
                return try dictPatch(arguments[0]).enter()
            }
            namespace["stop"] = Self.method("stop") { arguments in
                active.withLock { list in list.removeAll { $0.isIdentical(to: arguments[0]) } }
                try dictPatch(arguments[0]).exit()
                return false
            }
            namespace["__call__"] = Self.method("__call__", ["func"]) { arguments in
                let patch = try dictPatch(arguments[0])
                if arguments[1].heap is PyClass {
                    return try decorateClass(arguments[1]) { wrapPatcher(dictPatchClass, patch.copy()) }
                }
                return try decorateFunction(arguments[1], arguments[0])
            }
        }

        let parameters = ["target", "new", "spec", "create", "spec_set", "autospec", "new_callable"]
        let defaults: [PyObject] = [calls.defaultSentinel, .none, false, .none, .none, .none]
        let patch = PyObject.moduleFunction(MockCalls.moduleName, "patch", PySignature(parameters, defaults: defaults, varkw: "kwargs")) { arguments in
            let path = try arguments[0].toString()
            guard let dot = path.lastIndex(of: ".") else {
                throw PyException.typeError("Need a valid target to patch. You supplied: \(try arguments[0].repr())")
            }
            let patcher = AttributePatch(target: .path(String(path[..<dot])), attribute: String(path[path.index(after: dot)...]),
                                         replacement: arguments[1], spec: arguments[2], specSet: arguments[4], autospec: arguments[5],
                                         newCallable: arguments[6], create: try arguments[3].truthy(), keywords: try arguments[7].unpackedKeywords())
            return wrapPatcher(attributePatchClass, patcher)
        }
        let objectParameters = ["target", "attribute", "new", "spec", "create", "spec_set", "autospec", "new_callable"]
        let patchObject = PyObject.moduleFunction(MockCalls.moduleName, "object", PySignature(objectParameters, defaults: defaults, varkw: "kwargs")) { arguments in
            if arguments[0].isStr {
                throw PyException.typeError("\(try arguments[0].repr()) must be the actual object to be patched, not a str")
            }
            let patcher = AttributePatch(target: .object(arguments[0]), attribute: try arguments[1].toString(), replacement: arguments[2],
                                         spec: arguments[3], specSet: arguments[5], autospec: arguments[6], newCallable: arguments[7],
                                         create: try arguments[4].truthy(), keywords: try arguments[8].unpackedKeywords())
            return wrapPatcher(attributePatchClass, patcher)
        }
        let patchDict = PyObject.moduleFunction(MockCalls.moduleName, "dict", PySignature(["in_dict", "values", "clear"], defaults: [.tuple([]), false], varkw: "kwargs")) { arguments in
            var values: [(PyObject, PyObject)] = []
            let given = arguments[1]
            if given.builtinValue.heap is PyDictStorage {
                for key in try given.collect() { values.append((key, try given.item(key))) }
            } else {
                for pair in try given.collect() {
                    let items = try pair.collect()
                    guard items.count == 2 else { throw PyException.valueError("dictionary update sequence element has length \(items.count); 2 is required") }
                    values.append((items[0], items[1]))
                }
            }
            for (key, value) in try arguments[3].unpackedKeywords() { values.append((PyObject(key), value)) }
            return wrapPatcher(dictPatchClass, DictPatch(target: arguments[0], values: values, clear: try arguments[2].truthy()))
        }
        let stopAll = PyObject.moduleFunction(MockCalls.moduleName, "_stop_all", PySignature()) { _ in
            let running = active.withLock { list -> [PyObject] in
                let all = list
                list.removeAll()
                return all
            }
            for patcher in running.reversed() { _ = try patcher.callMethod("stop") }
            return .none
        }
        try patch.setAttribute("object", patchObject)
        try patch.setAttribute("dict", patchDict)
        try patch.setAttribute("stopall", stopAll)
        try patch.setAttribute("TEST_PREFIX", "test")
        return patch
    }
}
