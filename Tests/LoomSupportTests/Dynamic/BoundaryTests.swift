import Testing
@testable import LoomSupport

/// Where static and dynamic code meet: conversions both ways, the static library's errors as
/// Python exceptions, modules and imports.
@Suite struct BoundaryTests {
    @Test func staticValuesConvert() throws {
        let dict: PyDict<String, [Int]> = ["a": [1, 2]]
        #expect(try PyObject(dict).repr() == "{'a': [1, 2]}")
        let optional: Int? = nil
        #expect(try PyObject([PyObject(optional), PyObject(PyNumber.float(1.5)), PyObject(Set([3]))]).repr() == "[None, 1.5, {3}]")
        #expect(try PyObject(7).toInt() == 7)
        #expect(try PyObject(true).toInt() == 1)
        #expect(try PyObject(2.5).toDouble() == 2.5)
        #expect(try PyObject("x").toString() == "x")
        #expect(throws: PyException.self) { try PyObject(1).toString() }
        #expect(throws: PyException.self) { try (PyObject(2) ** 70).toInt() }
        // description is str(), so static code printing a dynamic value shows Python's text.
        let mixed: PyObject = [1, "a", nil]
        #expect("\(mixed)" == "[1, 'a', None]")
        #expect(mixed.pythonRepr == "[1, 'a', None]")
    }

    @Test func staticErrorsBecomePythonExceptions() throws {
        let queueEmpty = PyException.caught(PythonError("_queue.Empty", ""))
        #expect(queueEmpty.exceptionLine == "_queue.Empty")
        #expect(try queueEmpty.matches(Py.Exception))
        #expect(try PyObject(PyException.caught(PythonError("_queue.Empty")).value.pyType).repr() == "<class '_queue.Empty'>")
        let timeout = PyException.caught(PythonError.timeoutError("slow"))
        #expect(try timeout.matches(Py.OSError))
        let exit = PyException.caught(SystemExit(3))
        #expect(try exit.value.attribute("code").repr() == "3")
        #expect(exit.systemExit?.code == 3)
        #expect(exceptionLine(try PyException(raising: Py.KeyError("k"))) == "KeyError: 'k'")
    }

    @Test func modulesAndImports() throws {
        #expect(throws: PyException.self) { try Py.importModule("no_such_module") }
        let message: String
        do { _ = try Py.importModule("numpy"); message = "" } catch { message = PyException.caught(error).exceptionLine }
        #expect(message == "ModuleNotFoundError: No module named 'numpy'")
        let builtins = try Py.importModule("builtins")
        #expect(try builtins.len("abc").repr() == "3")
        let module = PyObject.module("tools", [("answer", 42), ("double", PyObject.nativeFunction("double", module: "tools") { arguments, _ in try arguments[0] * 2 })])
        #expect(try module.double(21).repr() == "42")
        #expect(try module.attribute("double").attribute("__module__").repr() == "'tools'")
        #expect(try module.repr() == "<module 'tools' (built-in)>")
        var missing = ""
        do { _ = try module.attribute("nope") } catch { missing = PyException.caught(error).exceptionLine }
        #expect(missing == "AttributeError: module 'tools' has no attribute 'nope'")
        let holder = try PyObject.makeClass("Holder") { _ in }
        let instance = try holder()
        instance.setNativePayload([1, 2, 3])
        #expect(try instance.nativePayload(as: [Int].self) == [1, 2, 3])
        #expect(throws: PyException.self) { try instance.nativePayload(as: String.self) }
    }

    @Test func outsideTheSurfaceIsNamed() {
        var message = ""
        do { _ = try Py.input("name? ") } catch { message = PyException.caught(error).exceptionLine }
        #expect(message.contains("input() is outside what Loom runs"))
    }

    @Test func coroutinesStepForAnEventLoop() throws {
        // async def main(): await asyncio.sleep(0); return 'done' — with sleep(0) a bare yield.
        let sleepZero = { PyObject.coroutine("sleep") { coroutine in try coroutine.yield(.none); return .none } }
        let main = PyObject.coroutineFunction("main") { _, coroutine in
            try coroutine.await(sleepZero())
            return "done"
        }
        let coroutine = try main()
        #expect(coroutine.isCoroutine)
        #expect(try coroutine.repr().hasPrefix("<coroutine object main at 0x"))
        guard case .suspended(let awaited) = try coroutine.resumeCoroutine() else { Issue.record("did not suspend"); return }
        #expect(awaited.isNone)
        guard case .finished(let result) = try coroutine.resumeCoroutine() else { Issue.record("did not finish"); return }
        #expect(try result.repr() == "'done'")
        // Cancellation: an exception thrown in at the await point.
        let waiting = try main()
        _ = try waiting.resumeCoroutine()
        #expect(throws: PyException.self) { try waiting.throwIntoCoroutine(try PyException(raising: Py.RuntimeError("cancelled"))) }
    }
}
