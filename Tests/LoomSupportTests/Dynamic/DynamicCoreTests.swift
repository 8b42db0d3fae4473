import Testing
@testable import LoomSupport

/// Hand-written checks of the dynamic object model: what CPython 3.11 prints for the same code.
@Suite struct DynamicCoreTests {
    func raised(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no exception" } catch { return PyException.caught(error).exceptionLine }
    }

    @Test func integersWidenInsteadOfTrapping() throws {
        #expect(try (PyObject(2) ** 100).repr() == "1267650600228229401496703205376")
        #expect(try (PyObject(Int.max) + 1).repr() == "9223372036854775808")
        #expect(try (PyObject(Int.min) - 1).repr() == "-9223372036854775809")
        #expect(try (PyObject(-7).floorDivide(2)).repr() == "-4")
        #expect(try (PyObject(-7) % 2).repr() == "1")
        #expect(try PyObject(bigInteger: "-123456789012345678901234567891").floorDivide(PyObject(7)).repr() == "-17636684144620811271604938271")
        #expect(try (PyObject(bigInteger: "123456789012345678901234567891") % PyObject(-7)).repr() == "-6")
        #expect(try (PyObject(1) << 70).repr() == "1180591620717411303424")
        #expect(try (-(PyObject(1) << 70) >> 3).repr() == "-147573952589676412928")
        #expect(try (-(PyObject(1) << 70) & PyObject(0xFFFF_FFFF_FFFF)).repr() == "0")
        #expect(try PyObject(bigInteger: "100000000000000000000").hashValue() == 848750603811160107)
    }

    @Test func operatorsRaiseCPythonsTypeErrors() {
        #expect(raised { try PyObject(1) + "a" } == "TypeError: unsupported operand type(s) for +: 'int' and 'str'")
        #expect(raised { try PyObject.list([1]) + .tuple([1]) } == "TypeError: can only concatenate list (not \"tuple\") to list")
        #expect(raised { try PyObject(1) / 0 } == "ZeroDivisionError: division by zero")
        #expect(raised { try PyObject(1) < "a" } == "TypeError: '<' not supported between instances of 'int' and 'str'")
        #expect(raised { try PyObject.dict([]).item("x") } == "KeyError: 'x'")
        #expect(raised { try PyObject.list([]).item(0) } == "IndexError: list index out of range")
    }

    @Test func containersPrintAsCPython() throws {
        let items: PyObject = [1, "a", nil, true, 2.5, .tuple([1]), ["k": [1, 2]]]
        #expect(try items.repr() == "[1, 'a', None, True, 2.5, (1,), {'k': [1, 2]}]")
        #expect(try PyObject.set([3, 1, 2]).repr() == "{1, 2, 3}")
        #expect(try Py.frozenset(PyObject.list([])).repr() == "frozenset()")
        let list: PyObject = [1, 2]
        try list.append(list)
        #expect(try list.repr() == "[1, 2, [...]]")
    }

    @Test func functionsBindArgumentsAsCPython() throws {
        let greet = PyObject.function("greet", PySignature(["name", "greeting"], defaults: ["Hello"])) { arguments in
            PyObject(try "\(arguments[1].str()), \(arguments[0].str())!")
        }
        #expect(try greet("Ada").str() == "Hello, Ada!")
        #expect(try greet.call([], keywords: [("greeting", "Hi"), ("name", "Bo")]).str() == "Hi, Bo!")
        #expect(raised { try greet() } == "TypeError: greet() missing 1 required positional argument: 'name'")
        #expect(raised { try greet(1, 2, 3) } == "TypeError: greet() takes from 1 to 2 positional arguments but 3 were given")
        #expect(raised { try greet.call([1], keywords: [("x", 1)]) } == "TypeError: greet() got an unexpected keyword argument 'x'")
    }

    @Test func classesWithInheritanceAndSuper() throws {
        let animal = try PyObject.makeClass("Animal") { namespace in
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "name"])) { arguments in
                try arguments[0].setAttribute("name", arguments[1])
                return .none
            }
            namespace["speak"] = PyObject.function("speak", PySignature(["self"])) { arguments in
                PyObject(try "\(arguments[0].attribute("name").str()) makes a sound")
            }
        }
        var dog: PyObject = .none
        dog = try PyObject.makeClass("Dog", bases: [animal]) { namespace in
            namespace["speak"] = PyObject.function("speak", PySignature(["self"])) { arguments in
                let base = try Py.superOf(dog, arguments[0]).callMethod("speak")
                return PyObject(try base.str() + " (woof)")
            }
            namespace["__repr__"] = PyObject.function("__repr__", PySignature(["self"])) { arguments in
                PyObject(try "Dog(\(arguments[0].attribute("name").repr()))")
            }
        }
        let rex = try dog("Rex")
        #expect(try rex.speak().str() == "Rex makes a sound (woof)")
        #expect(try rex.repr() == "Dog('Rex')")
        #expect(try Py.isinstance(rex, animal).truthy())
        #expect(raised { try rex.attribute("fly") } == "AttributeError: 'Dog' object has no attribute 'fly'")
        #expect(try Py.type(rex).attribute("__mro__").repr() == "(<class '__main__.Dog'>, <class '__main__.Animal'>, <class 'object'>)")
    }

    @Test func exceptionsConvertAndMatch() throws {
        let error = PyException.caught(PythonError("KeyError", "'x'"))
        #expect(try error.matches(Py.LookupError))
        let raisedError = try PyException(raising: Py.ValueError("bad value"))
        #expect(raisedError.exceptionLine == "ValueError: bad value")
        #expect(try raisedError.value.repr() == "ValueError('bad value')")
    }

    @Test func generatorsRunLazily() throws {
        let countdown = PyObject.function("countdown", PySignature(["n"])) { arguments in
            var n = arguments[0]
            return PyObject.generator("countdown") { generator in
                while try n > 0 { try generator.yield(n); n = try n - 1 }
                return "done"
            }
        }
        #expect(try Py.list(countdown(3)).repr() == "[3, 2, 1]")
        let generator = try countdown(2)
        #expect(try Py.next(generator).repr() == "2")
        #expect(try Py.next(generator).repr() == "1")
        #expect(raised { try Py.next(generator) } == "StopIteration: done")
    }
}
