import Foundation
import Testing
@testable import LoomSupport

/// Classes, descriptors, dunders, exceptions and generators written over the API, each expected
/// value being what CPython 3.11 prints for the Python in the comment above it.
@Suite struct ObjectModelTests {
    func raised(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no exception" } catch { return PyException.caught(error).exceptionLine }
    }
    func def(_ name: String, _ parameters: [String], _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(parameters), body)
    }
    func emptyClass(_ name: String, _ bases: [PyObject] = []) throws -> PyObject {
        try PyObject.makeClass(name, bases: bases) { _ in }
    }

    // class A: pass; class B(A): pass; class C(A, B): pass
    @Test func inconsistentHierarchyIsRefusedWithCPythonsMessage() throws {
        let a = try emptyClass("A"), b = try emptyClass("B", [a])
        #expect(raised { try emptyClass("C", [a, b]) } == "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases A, B")
        // Diamond: D(B, C) with B(A), C(A) → D, B, C, A, object
        let c = try emptyClass("C", [a])
        let d = try emptyClass("D", [b, c])
        #expect(try d.attribute("__mro__").repr() == "(<class '__main__.D'>, <class '__main__.B'>, <class '__main__.C'>, <class '__main__.A'>, <class 'object'>)")
    }

    @Test func propertiesClassAndStaticMethodsAndSlots() throws {
        let point = try PyObject.makeClass("P") { ns in
            ns["count"] = 0
            ns["x"] = try Py.property(self.def("x", ["self"]) { _ in 1 })
            ns["size"] = try Py.property(self.def("size", ["self"]) { a in try a[0].attribute("_size") })
                .callMethod("setter", [self.def("size", ["self", "v"]) { a in
                    if try a[1] < 0 { throw try PyException(raising: Py.ValueError("negative")) }
                    try a[0].setAttribute("_size", a[1]); return .none
                }])
            ns["make"] = try Py.classmethod(self.def("make", ["cls"]) { a in
                try a[0].setAttribute("count", try a[0].attribute("count") + 1)
                return try a[0]()
            })
            ns["twice"] = try Py.staticmethod(self.def("twice", ["v"]) { a in try a[0] * 2 })
        }
        let p = try point.callMethod("make")
        #expect(try point.attribute("count").repr() == "1")
        #expect(try p.twice(21).repr() == "42")
        #expect(raised { try p.setAttribute("x", 2) } == "AttributeError: property 'x' of 'P' object has no setter")
        #expect(raised { try p.deleteAttribute("x") } == "AttributeError: property 'x' of 'P' object has no deleter")
        try p.setAttribute("size", 3)
        #expect(try p.size.repr() == "3")
        #expect(raised { try p.setAttribute("size", -1) } == "ValueError: negative")
        let slotted = try PyObject.makeClass("S") { ns in ns["__slots__"] = .tuple(["a"]) }
        #expect(raised { try slotted().setAttribute("b", 1) } == "AttributeError: 'S' object has no attribute 'b'")
        #expect(try slotted().repr().hasPrefix("<__main__.S object at 0x"))
    }

    // class V: __add__ returns NotImplemented, __radd__ returns 'radd'
    @Test func reflectedOperatorsFollowCPythonsOrder() throws {
        let v = try PyObject.makeClass("V") { ns in
            ns["__add__"] = self.def("__add__", ["self", "o"]) { _ in .notImplemented }
            ns["__radd__"] = self.def("__radd__", ["self", "o"]) { _ in "radd" }
            ns["__iadd__"] = self.def("__iadd__", ["self", "o"]) { _ in "iadd" }
        }
        #expect(try (PyObject(1) + v()).repr() == "'radd'")
        #expect(raised { try v() + 1 } == "TypeError: unsupported operand type(s) for +: 'V' and 'int'")
        #expect(try v().inPlace(.add, 1).repr() == "'iadd'")
        #expect(raised { try v() - 1 } == "TypeError: unsupported operand type(s) for -: 'V' and 'int'")
        // __eq__ without __hash__ makes instances unhashable.
        let e = try PyObject.makeClass("E") { ns in ns["__eq__"] = self.def("__eq__", ["s", "o"]) { _ in true } }
        #expect(raised { try e().hashValue() } == "TypeError: unhashable type: 'E'")
        #expect(try e() == 5)
    }

    // class Sh: __lt__ by n, __repr__; sorted, max, reflected >
    @Test func comparisonDundersDriveSortingAndReflection() throws {
        let shape = try PyObject.makeClass("Sh") { ns in
            ns["__init__"] = self.def("__init__", ["s", "n"]) { a in try a[0].setAttribute("n", a[1]); return .none }
            ns["__lt__"] = self.def("__lt__", ["s", "o"]) { a in PyObject(try a[0].attribute("n") < a[1].attribute("n")) }
            ns["__repr__"] = self.def("__repr__", ["s"]) { a in PyObject("Sh(\(try a[0].attribute("n").repr()))") }
        }
        #expect(try Py.sorted(PyObject.list([shape(3), shape(1), shape(2)])).repr() == "[Sh(1), Sh(2), Sh(3)]")
        #expect(try Py.max(shape(3), shape(5)).repr() == "Sh(5)")
        #expect(try shape(1) > shape(0))
    }

    @Test func containerProtocolsOnInstances() throws {
        let deck = try PyObject.makeClass("Deck") { ns in
            ns["__init__"] = self.def("__init__", ["s"]) { a in try a[0].setAttribute("cards", ["A", "K", "Q"]); return .none }
            ns["__len__"] = self.def("__len__", ["s"]) { a in try Py.len(a[0].attribute("cards")) }
            ns["__getitem__"] = self.def("__getitem__", ["s", "i"]) { a in try a[0].attribute("cards").item(a[1]) }
            ns["__call__"] = self.def("__call__", ["s", "x"]) { a in try a[1] * 2 }
        }
        let d = try deck()
        #expect(try Py.list(d).repr() == "['A', 'K', 'Q']")
        #expect(try d.contains("K"))
        #expect(try d.truthy())
        #expect(try d(21).repr() == "42")
        #expect(try Py.list(Py.reversed(d)).repr() == "['Q', 'K', 'A']")
        // class M(dict): __missing__ returns k*2; class L(list)
        let missing = try PyObject.makeClass("M", bases: [Py.dict]) { ns in
            ns["__missing__"] = self.def("__missing__", ["s", "k"]) { a in try a[1] * 2 }
        }
        #expect(try missing().item("ab").repr() == "'abab'")
        #expect(try missing.call([], keywords: [("a", 1)]).repr() == "{'a': 1}")
        let listClass = try emptyClass("L", [Py.list])
        let l = try listClass([1, 2])
        try l.append(3)
        #expect(try "\(l.repr()) \(Py.len(l).repr()) \(Py.isinstance(l, Py.list).repr())" == "[1, 2, 3] 3 True")
    }

    @Test func attributeHooks() throws {
        let proxy = try PyObject.makeClass("Proxy") { ns in
            ns["__getattr__"] = self.def("__getattr__", ["s", "name"]) { a in PyObject("missing " + (try a[1].str())) }
            ns["__setattr__"] = self.def("__setattr__", ["s", "name", "v"]) { a in
                try Py.object.attribute("__setattr__")(a[0], a[1], try a[2] * 10)
            }
        }
        let p = try proxy()
        try p.setAttribute("x", 4)
        #expect(try p.x.repr() == "40")
        #expect(try p.y.repr() == "'missing y'")
        #expect(try Py.getattr(p, "z").repr() == "'missing z'")
        #expect(try Py.hasattr(Py.int, "fly").repr() == "False")
    }

    // class Base: __init_subclass__ prints; class D(Base, flag=1); class F(flag=1)
    @Test func classCreationHooksMetaclassesAndAbstractClasses() throws {
        var seen: [String] = []
        let base = try PyObject.makeClass("Base") { ns in
            ns["__init_subclass__"] = PyObject.function("__init_subclass__", PySignature(["cls"], varkw: "kw")) { a in
                seen.append(try "\(a[0].attribute("__name__").str()) \(a[1].repr())")
                return .none
            }
        }
        _ = try PyObject.makeClass("D", bases: [base], keywords: [("flag", 1)]) { _ in }
        #expect(seen == ["D {'flag': 1}"])
        #expect(raised { try PyObject.makeClass("F", keywords: [("flag", 1)]) { _ in } } == "TypeError: F.__init_subclass__() takes no keyword arguments")
        let made = try Py.type("X", PyObject.tuple([base]), try PyObject.dict([("y", 5)]))
        #expect(try made.y.repr() == "5")
        #expect(try Py.type(made).repr() == "<class 'type'>")
        let shape = try PyObject.makeClass("Shape", bases: [PyABC.ABC]) { ns in
            ns["area"] = try PyABC.abstractmethod(self.def("area", ["self"]) { _ in .none })
            ns["name"] = self.def("name", ["self"]) { _ in "shape" }
        }
        #expect(raised { try shape() } == "TypeError: Can't instantiate abstract class Shape with abstract method area")
        let square = try PyObject.makeClass("Square", bases: [shape]) { ns in
            ns["area"] = self.def("area", ["self"]) { _ in 4 }
        }
        #expect(try square().area().repr() == "4")
        // A descriptor class with __set_name__ and __get__.
        let field = try PyObject.makeClass("Field") { ns in
            ns["__set_name__"] = self.def("__set_name__", ["s", "owner", "name"]) { a in try a[0].setAttribute("name", a[2]); return .none }
            ns["__get__"] = self.def("__get__", ["s", "obj", "owner"]) { a in PyObject("field " + (try a[0].attribute("name").str())) }
        }
        let record = try PyObject.makeClass("Record") { ns in ns["title"] = try field() }
        #expect(try record().title.repr() == "'field title'")
    }

    @Test func exceptionsChainAndPrint() throws {
        #expect(try "\(Py.ValueError("a", 1).str()) \(Py.ValueError("a", 1).repr()) \(Py.KeyError("k").repr()) \(Py.KeyError("k").str())" == "('a', 1) ValueError('a', 1) KeyError('k') 'k'")
        let appError = try PyObject.makeClass("AppError", bases: [Py.Exception]) { ns in
            ns["__init__"] = self.def("__init__", ["self", "msg", "code"]) { a in
                try Py.superOf(Py.Exception, a[0]).callMethod("__init__", [a[1]])
                try a[0].setAttribute("code", a[2])
                return .none
            }
        }
        var caught: PyException?
        do {
            do { _ = try PyObject(1) / 0 } catch {
                let zero = PyException.caught(error)
                throw try PyException(raising: appError("failed", 7), cause: zero.value)
            }
        } catch { caught = PyException.caught(error) }
        let error = try #require(caught)
        #expect(try error.matches(.tuple([Py.KeyError, appError])))
        #expect(error.exceptionLine == "AppError: failed")
        #expect(try error.value.code.repr() == "7")
        #expect(try error.cause.repr() == "ZeroDivisionError('division by zero')")
        #expect(try error.value.attribute("__suppress_context__").repr() == "True")
        let traceback = tracebackText(error, cell: 2)
        #expect(traceback.contains("ZeroDivisionError: division by zero\n\nThe above exception was the direct cause of the following exception:\n\nTraceback"))
        // Implicit chaining inside an except block.
        var handled: PyException?
        do {
            do { _ = try PyObject.dict([]).item("k") } catch {
                let first = PyException.caught(error)
                try first.handling { throw try PyException(raising: Py.RuntimeError("second")) }
            }
        } catch { handled = PyException.caught(error) }
        #expect(try handled?.context.repr() == "KeyError('k')")
        #expect(tracebackText(handled!, cell: 1).contains("During handling of the above exception, another exception occurred"))
    }

    @Test func argumentBinding() throws {
        // def f(a, b=2, /, c=3, *args, k, m=5, **kw)
        let f = PyObject.function("f", PySignature(["a", "b", "c"], defaults: [2, 3], varargs: "args", keywordOnly: ["k", "m"],
                                                   keywordDefaults: ["m": 5], varkw: "kw", positionalOnlyCount: 2)) { a in .tuple(a) }
        #expect(try f.call([1, 9, 8, 7], keywords: [("k", 4), ("z", 0)]).repr() == "(1, 9, 8, (7,), 4, 5, {'z': 0})")
        #expect(try f.call([1], keywords: [("k", 4), ("b", 6)]).repr() == "(1, 2, 3, (), 4, 5, {'b': 6})")
        #expect(raised { try f(1) } == "TypeError: f() missing 1 required keyword-only argument: 'k'")
        let g = PyObject.function("g", PySignature(["a", "b", "c"], keywordOnly: ["k"])) { _ in .none }
        #expect(raised { try g() } == "TypeError: g() missing 3 required positional arguments: 'a', 'b', and 'c'")
        #expect(raised { try g.call([1, 2, 3, 4], keywords: [("k", 1)]) } == "TypeError: g() takes 3 positional arguments but 4 positional arguments (and 1 keyword-only argument) were given")
        #expect(raised { try g.call([1, 2, 3], keywords: [("a", 1), ("k", 1)]) } == "TypeError: g() got multiple values for argument 'a'")
        let h = PyObject.function("h", PySignature(["a"], positionalOnlyCount: 1)) { _ in .none }
        #expect(raised { try h.call([], keywords: [("a", 1)]) } == "TypeError: h() got some positional-only arguments passed as keyword arguments: 'a'")
        let method = try PyObject.makeClass("D") { ns in ns["m"] = self.def("m", ["self", "x"]) { _ in .none } }
        #expect(raised { try method().m() } == "TypeError: D.m() missing 1 required positional argument: 'x'")
        #expect(raised { try method(1) } == "TypeError: D() takes no arguments")
    }

    @Test func generatorsSendThrowCloseAndDelegate() throws {
        var log: [String] = []
        let g = PyObject.function("g", PySignature()) { _ in
            PyObject.generator("g") { gen in
                defer { log.append("cleanup") }
                let x = try gen.yield(1)
                log.append("got \(try x.str())")
                try gen.yield(2)
                return .none
            }
        }
        let it = try g()
        #expect(try Py.next(it).repr() == "1")
        #expect(try it.send("hi").repr() == "2")
        try it.close()
        #expect(log == ["got hi", "cleanup"])
        let second = try g()
        _ = try Py.next(second)
        #expect(raised { try second.throw(Py.ValueError("boom")) } == "ValueError: boom")
        let inner = PyObject.generator("inner") { gen in try gen.yield(1); return "ret" }
        let outer = PyObject.generator("outer") { gen in
            let result = try gen.yieldFrom(inner)
            try gen.yield(result)
            return .none
        }
        #expect(try Py.list(outer).repr() == "[1, 'ret']")
        // An infinite generator read lazily.
        let naturals = PyObject.generator("naturals") { gen in
            var n: PyObject = 0
            while true { try gen.yield(n); n = try n + 1 }
        }
        #expect(try Py.list(Py.zip(naturals, "abc")).repr() == "[(0, 'a'), (1, 'b'), (2, 'c')]")
        #expect(try naturals.repr().hasPrefix("<generator object naturals at 0x"))
    }

    // def deep(n): return deep(n + 1)
    @Test func deepRecursionRaisesRecursionError() throws {
        var deep: PyObject = .none
        deep = def("deep", ["n"]) { a in try deep(a[0] + 1) }
        let message = raised { try runWithLargeStack { try deep(0) } }
        #expect(message == "RecursionError: maximum recursion depth exceeded")
    }

    // The body runs on a thread of its own; it must be released before the caller goes on, or the
    // debug runtime traps ("closure argument was escaped"), which once crashed the suite at random.
    @Test func aBodyRunOnALargeStackIsReleasedBeforeTheCallerGoesOn() throws {
        var total = 0
        for round in 0..<2000 { total += try runWithLargeStack { round } }
        #expect(total == 1999 * 2000 / 2)
        #expect(throws: PyException.self) { try runWithLargeStack { throw PyException.valueError("inside") } }
    }

    @Test func containersSurviveMutationFromManyThreads() throws {
        let shared: PyObject = []
        let counts = try PyObject.dict([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<2000 {
                _ = try? shared.append(PyObject(index))
                try? counts.setItem(PyObject(index % 50), PyObject(worker))
                if index % 500 == 0 { _ = try? shared.repr().count }
            }
        }
        #expect(try Py.len(shared).repr() == "16000")
        #expect(try Py.len(counts).repr() == "50")
    }
}
