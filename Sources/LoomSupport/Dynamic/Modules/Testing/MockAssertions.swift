/// What every mock class shares: attribute hooks, the recorded-call properties, `reset_mock`,
/// `configure_mock`, and the `assert_*` methods with CPython 3.11's messages.
extension MockKinds {
    private func property(_ name: String, get: @escaping (MockState, PyObject) throws -> PyObject,
                          set: ((MockState, PyObject, PyObject) throws -> Void)? = nil) -> PyObject {
        let getter = Self.method(name) { arguments in try get(try self.requireState(arguments[0]), arguments[0]) }
        let setter: PyObject = set.map { body in
            Self.method(name, ["value"]) { arguments in
                try body(try self.requireState(arguments[0]), arguments[0], arguments[1])
                return .none
            }
        } ?? .none
        return PyObject(PyProperty(getter: getter, setter: setter, deleter: .none, doc: .none))
    }

    /// `_calls_repr`: the calls seen so far, for the end of a failure message.
    func callsSuffix(_ state: MockState, prefix: String = "Calls") throws -> String {
        let seen = try state.mockCalls.builtinValue.collect()
        if seen.isEmpty { return "" }
        return "\n\(prefix): \(try MockCalls.prettyList(seen))."
    }

    private func assertionError(_ message: String) -> PyException {
        PyException.make(PyClass.exceptionClass(named: "AssertionError"), message)
    }

    private func expectedCall(_ arguments: [PyObject]) throws -> (PyObject, [PyObject], [(String, PyObject)]) {
        let positional = try arguments[1].collect()
        let keywords = try arguments[2].unpackedKeywords()
        let record = calls.make(RecordedCall(name: nil, arguments: positional, keywords: keywords, isPair: true, fromCall: true))
        return (record, positional, keywords)
    }

    private func signature(_ state: MockState, _ record: RecordedCall) throws -> String {
        try MockCalls.signature(Self.shortName(state), record.arguments, record.keywords)
    }

    /// `_call_matcher`: a call as the spec's signature binds it — each argument under its
    /// parameter's name, the extra positionals and keywords apart — or nil when it does not bind
    /// (CPython's `TypeError`, which matches nothing). Defaults are not filled in, as `bind` does not.
    static func bound(_ signature: PySignature, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject? {
        var named: [(String, PyObject)] = [], extra: [PyObject] = [], extraKeywords: [(String, PyObject)] = []
        for (index, argument) in arguments.enumerated() {
            if index < signature.positional.count { named.append((signature.positional[index], argument)) }
            else if signature.varargs != nil { extra.append(argument) }
            else { return nil }
        }
        for (key, value) in keywords {
            let isPositional = signature.positional.firstIndex(of: key).map { $0 >= signature.positionalOnlyCount } ?? false
            if isPositional || signature.keywordOnly.contains(key) {
                if named.contains(where: { $0.0 == key }) { return nil }
                named.append((key, value))
            } else if signature.varkw != nil {
                extraKeywords.append((key, value))
            } else {
                return nil
            }
        }
        let firstDefault = signature.positional.count - signature.defaults.count
        for (index, parameter) in signature.positional.enumerated() where index < firstDefault {
            if !named.contains(where: { $0.0 == parameter }) { return nil }
        }
        for parameter in signature.keywordOnly where signature.keywordDefaults[parameter] == nil {
            if !named.contains(where: { $0.0 == parameter }) { return nil }
        }
        let sortedNamed = named.sorted { $0.0 < $1.0 }.map { PyObject.tuple([PyObject($0.0), $0.1]) }
        let sortedKeywords = extraKeywords.sorted { $0.0 < $1.0 }.map { PyObject.tuple([PyObject($0.0), $0.1]) }
        return .tuple([.tuple(sortedNamed), .tuple(extra), .tuple(sortedKeywords)])
    }

    /// Whether a recorded call (a `call` pair) is the expected one, by the spec's signature when there is one.
    func callMatches(_ state: MockState, _ seen: PyObject, _ expected: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> Bool {
        guard let signature = state.specSignature, let record = MockCalls.Classes.record(of: seen) else { return try seen.equals(expected) }
        guard let wanted = try Self.bound(signature, arguments, keywords),
              let actual = try Self.bound(signature, record.arguments, record.keywords) else { return false }
        return try actual.equals(wanted)
    }

    func assertCalledWith(_ state: MockState, _ expected: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws {
        let expectedText = try MockCalls.signature(Self.shortName(state), arguments, keywords)
        guard let actual = MockCalls.Classes.record(of: state.callArgs) else {
            throw assertionError("expected call not found.\nExpected: \(expectedText)\n  Actual: not called.")
        }
        if !(try callMatches(state, state.callArgs, expected, arguments, keywords)) {
            throw assertionError("expected call not found.\nExpected: \(expectedText)\n  Actual: \(try signature(state, actual))")
        }
    }

    func installCommon(_ namespace: PyNamespace) {
        namespace["__getattr__"] = Self.method("__getattr__", ["name"]) { arguments in
            try self.attribute(arguments[0], try arguments[1].toString())
        }
        namespace["__setattr__"] = Self.method("__setattr__", ["name", "value"]) { arguments in
            try self.setAttribute(arguments[0], try arguments[1].toString(), arguments[2])
            return .none
        }
        namespace["__delattr__"] = Self.method("__delattr__", ["name"]) { arguments in
            try self.deleteAttribute(arguments[0], try arguments[1].toString())
            return .none
        }
        namespace["__repr__"] = Self.method("__repr__") { arguments in PyObject(try self.repr(arguments[0])) }
        namespace["__class__"] = property("__class__", get: { state, value in
            PyObject(state.specClass ?? value.pyType)
        }, set: { state, _, newValue in
            state.specClass = newValue.heap as? PyClass
        })
        namespace["return_value"] = property("return_value", get: { _, value in try self.returnValue(of: value) }, set: { state, value, newValue in
            state.returnValue = newValue
            _ = self.adopt(newValue, by: value, name: nil, newName: "()")
        })
        namespace["side_effect"] = property("side_effect", get: { state, _ in state.sideEffect }, set: { state, _, newValue in
            state.sideEffect = try self.sideEffectValue(newValue)
        })
        namespace["called"] = property("called", get: { state, _ in PyObject(state.called) }, set: { state, _, newValue in
            state.called = try newValue.truthy()
        })
        namespace["call_count"] = property("call_count", get: { state, _ in PyObject(state.callCount) }, set: { state, _, newValue in
            state.callCount = try newValue.toInt()
        })
        namespace["call_args"] = property("call_args", get: { state, _ in state.callArgs }, set: { state, _, newValue in
            state.callArgs = newValue
        })
        namespace["call_args_list"] = property("call_args_list", get: { state, _ in state.callArgsList }, set: { state, _, newValue in
            state.callArgsList = newValue
        })
        namespace["mock_calls"] = property("mock_calls", get: { state, _ in state.mockCalls }, set: { state, _, newValue in
            state.mockCalls = newValue
        })
        namespace["method_calls"] = property("method_calls", get: { state, _ in state.methodCalls }, set: { state, _, newValue in
            state.methodCalls = newValue
        })

        namespace["assert_called"] = Self.method("assert_called") { arguments in
            let state = try self.requireState(arguments[0])
            if state.callCount == 0 { throw self.assertionError("Expected '\(Self.shortName(state))' to have been called.") }
            return .none
        }
        namespace["assert_called_once"] = Self.method("assert_called_once") { arguments in
            let state = try self.requireState(arguments[0])
            if state.callCount != 1 {
                throw self.assertionError("Expected '\(Self.shortName(state))' to have been called once. Called \(state.callCount) times.\(try self.callsSuffix(state))")
            }
            return .none
        }
        namespace["assert_not_called"] = Self.method("assert_not_called") { arguments in
            let state = try self.requireState(arguments[0])
            if state.callCount != 0 {
                throw self.assertionError("Expected '\(Self.shortName(state))' to not have been called. Called \(state.callCount) times.\(try self.callsSuffix(state))")
            }
            return .none
        }
        namespace["assert_called_with"] = Self.method("assert_called_with", varargs: "args", varkw: "kwargs") { arguments in
            let state = try self.requireState(arguments[0])
            let (expected, positional, keywords) = try self.expectedCall(arguments)
            try self.assertCalledWith(state, expected, positional, keywords)
            return .none
        }
        namespace["assert_called_once_with"] = Self.method("assert_called_once_with", varargs: "args", varkw: "kwargs") { arguments in
            let state = try self.requireState(arguments[0])
            if state.callCount != 1 {
                throw self.assertionError("Expected '\(Self.shortName(state))' to be called once. Called \(state.callCount) times.\(try self.callsSuffix(state))")
            }
            let (expected, positional, keywords) = try self.expectedCall(arguments)
            try self.assertCalledWith(state, expected, positional, keywords)
            return .none
        }
        namespace["assert_any_call"] = Self.method("assert_any_call", varargs: "args", varkw: "kwargs") { arguments in
            let state = try self.requireState(arguments[0])
            let (expected, positional, keywords) = try self.expectedCall(arguments)
            for seen in try state.callArgsList.builtinValue.collect() where try self.callMatches(state, seen, expected, positional, keywords) {
                return .none
            }
            throw self.assertionError("\(try MockCalls.signature(Self.shortName(state), positional, keywords)) call not found")
        }
        namespace["assert_has_calls"] = Self.method("assert_has_calls", ["calls", "any_order"], defaults: [false]) { arguments in
            let state = try self.requireState(arguments[0])
            let expected = try arguments[1].collect()
            let seen = try state.mockCalls.builtinValue.collect()
            if !(try arguments[2].truthy()) {
                if try state.mockCalls.callMethod("__contains__", [.list(expected)]).truthy() { return .none }
                let actual = try self.callsSuffix(state, prefix: "  Actual")
                throw self.assertionError("Calls not found.\nExpected: \(try MockCalls.prettyList(expected))\(actual.hasSuffix(".") ? String(actual.dropLast()) : actual)")
            }
            var remaining = seen
            var notFound: [PyObject] = []
            for wanted in expected {
                if let index = try remaining.firstIndex(where: { try $0.equals(wanted) }) { remaining.remove(at: index) } else { notFound.append(wanted) }
            }
            if !notFound.isEmpty {
                throw self.assertionError("\(try PyObject(Self.shortName(state)).repr()) does not contain all of \(try PyObject.tuple(notFound).repr()) in its call list, found \(try PyObject.list(remaining).repr()) instead")
            }
            return .none
        }
        namespace["reset_mock"] = PyObject.function("reset_mock", PySignature(["self", "visited"], defaults: [.none], keywordOnly: ["return_value", "side_effect"],
                                                                              keywordDefaults: ["return_value": false, "side_effect": false])) { arguments in
            try self.reset(arguments[0], returnValue: try arguments[2].truthy(), sideEffect: try arguments[3].truthy(), visited: [])
            return .none
        }
        namespace["configure_mock"] = Self.method("configure_mock", varkw: "kwargs") { arguments in
            try self.configure(arguments[0], try arguments[1].unpackedKeywords())
            return .none
        }
        namespace["attach_mock"] = Self.method("attach_mock", ["mock", "attribute"]) { arguments in
            guard let inner = Self.state(arguments[1]) else { throw PyException.typeError("attach_mock expects a mock") }
            inner.parent = nil
            inner.newParent = nil
            inner.name = ""
            inner.newName = ""
            try arguments[0].setAttribute(try arguments[2].toString(), arguments[1])
            return .none
        }
        namespace["mock_add_spec"] = Self.method("mock_add_spec", ["spec", "spec_set"], defaults: [false]) { arguments in
            let state = try self.requireState(arguments[0])
            try self.addSpec(state, arguments[1])
            state.specSet = try arguments[2].truthy()
            return .none
        }
    }

    func reset(_ value: PyObject, returnValue: Bool, sideEffect: Bool, visited: [PyObject]) throws {
        guard let state = Self.state(value), !visited.contains(where: { $0.isIdentical(to: value) }) else { return }
        let visited = visited + [value]
        state.called = false
        state.callCount = 0
        state.callArgs = .none
        state.mockCalls = try calls.emptyList()
        state.callArgsList = try calls.emptyList()
        state.methodCalls = try calls.emptyList()
        let existingReturn = state.returnValue
        if returnValue { state.returnValue = nil }
        if sideEffect { state.sideEffect = .none }
        for child in state.children.values { try reset(child, returnValue: returnValue, sideEffect: sideEffect, visited: visited) }
        if let existingReturn, !existingReturn.isIdentical(to: value) { try reset(existingReturn, returnValue: false, sideEffect: false, visited: visited) }
    }
}
