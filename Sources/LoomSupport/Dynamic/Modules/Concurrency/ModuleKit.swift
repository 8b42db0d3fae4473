import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What the concurrency modules share: short spellings for a module's functions, methods and
// exception classes over the dynamic object model, and the conversions between the static
// library's conventions (nil timeouts, `PythonError`s) and Python's.

/// A module-level function: `name(parameters…)`.
func moduleFunction(
    _ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
    keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:], varkw: String? = nil,
    _ body: @escaping ([PyObject]) throws -> PyObject
) -> PyObject {
    PyObject.function(name, PySignature(parameters, defaults: defaults, varargs: varargs, keywordOnly: keywordOnly,
                                        keywordDefaults: keywordDefaults, varkw: varkw), body)
}

/// A method of a module's class: `self` comes first in the body's arguments.
func method(
    _ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
    keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:], varkw: String? = nil,
    _ body: @escaping ([PyObject]) throws -> PyObject
) -> PyObject {
    PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs,
                                        keywordOnly: keywordOnly, keywordDefaults: keywordDefaults, varkw: varkw), body)
}

/// A read-only (or, with `set`, writable) property of a module's class.
func property(
    _ name: String, get: @escaping (PyObject) throws -> PyObject, set: ((PyObject, PyObject) throws -> Void)? = nil
) throws -> PyObject {
    let getter = method(name) { arguments in try get(arguments[0]) }
    guard let set else { return try Py.property(getter) }
    let setter = method(name, ["value"]) { arguments in
        try set(arguments[0], arguments[1])
        return .none
    }
    return try Py.property(getter, setter)
}

/// A class of a module, named as CPython names it (`__module__` decides the repr,
/// `<class '_queue.Empty'>`, and the traceback's last line).
func moduleClass(
    _ name: String, module: String, bases: [PyObject] = [], _ body: (PyNamespace) throws -> Void = { _ in }
) throws -> PyObject {
    try PyObject.makeClass(name, bases: bases, keywords: []) { namespace in
        namespace["__module__"] = PyObject(module)
        try body(namespace)
    }
}

/// The exception `cls(message)` raised: `throw pythonError(Py.RuntimeError, "…")`.
func pythonError(_ cls: PyObject, _ message: String? = nil) -> any Error {
    do {
        let value = try message.map { try cls(PyObject($0)) } ?? cls()
        return try PyException(raising: value)
    } catch {
        return error
    }
}

/// A timeout argument: `None` waits forever (nil), numbers are seconds.
func seconds(_ value: PyObject) throws -> Double? {
    if value.isNone { return nil }
    return try value.toDouble()
}

/// `threading.get_ident()`: the calling thread's `pthread_t` as a number, as CPython reports it.
func currentThreadIdent() -> Int { threadIdent(pthread_self()) }

func threadIdent(_ thread: pthread_t) -> Int {
    #if canImport(Glibc)
    return Int(bitPattern: UInt(thread))
    #else
    return Int(bitPattern: UnsafeMutableRawPointer(thread))
    #endif
}

/// `0x7f…` as CPython prints an object's address in default reprs.
func addressText(_ object: PyObject) throws -> String {
    if let heap = object.heap { return hexAddress(heap) }
    return "0x" + String(UInt(bitPattern: try Py.id(object).toInt()), radix: 16)
}

/// The static library reports some failures as `PythonError`s named as CPython prints them;
/// dynamic code must catch them as instances of the modules' classes.
func pythonException(fromStatic error: any Error) -> any Error {
    guard let error = error as? PythonError else { return error }
    let message = error.message.isEmpty ? nil : error.message
    switch error.type {
    case "TimeoutError": return pythonError(Py.TimeoutError, message)
    case "queue.Full": return pythonError(ConcurrencyClasses.queueFull, message)
    case "_queue.Empty": return pythonError(ConcurrencyClasses.queueEmpty, message)
    case "threading.BrokenBarrierError": return pythonError(ConcurrencyClasses.brokenBarrierError, message)
    case "concurrent.futures._base.CancelledError": return pythonError(ConcurrencyClasses.futuresCancelledError, message)
    default: return error
    }
}

/// Runs a static call, raising its failures as the dynamic modules' exceptions.
func bridged<Value>(_ body: () throws -> Value) throws -> Value {
    do { return try body() } catch { throw pythonException(fromStatic: error) }
}

/// Exception classes more than one module raises (`multiprocessing` raises `queue.Empty`,
/// `concurrent.futures` and `asyncio` share `TimeoutError`), made once.
enum ConcurrencyClasses {
    static let queueEmpty = makeOnce { try moduleClass("Empty", module: "_queue", bases: [Py.Exception]) }
    static let queueFull = makeOnce { try moduleClass("Full", module: "queue", bases: [Py.Exception]) }
    static let brokenBarrierError = makeOnce {
        try moduleClass("BrokenBarrierError", module: "threading", bases: [Py.RuntimeError])
    }
    static let futuresError = makeOnce { try moduleClass("Error", module: "concurrent.futures._base", bases: [Py.Exception]) }
    static let futuresCancelledError = makeOnce {
        try moduleClass("CancelledError", module: "concurrent.futures._base", bases: [futuresError])
    }
    static let invalidStateError = makeOnce {
        try moduleClass("InvalidStateError", module: "concurrent.futures._base", bases: [futuresError])
    }
    static let brokenExecutor = makeOnce {
        try moduleClass("BrokenExecutor", module: "concurrent.futures._base", bases: [Py.RuntimeError])
    }

    private static func makeOnce(_ make: () throws -> PyObject) -> PyObject {
        do { return try make() } catch { fatalError("building a concurrency exception class failed: \(error)") }
    }
}

/// An iterator whose `__next__` is a Swift closure (nil is the end): `as_completed`, `map`'s
/// results. It runs on the consuming thread, so the waits it makes are traced in that lane.
final class NativeIteratorState: @unchecked Sendable {
    let next: () throws -> PyObject?
    private var exhausted = false
    private let lock = NSLock()

    init(_ next: @escaping () throws -> PyObject?) { self.next = next }

    func advance() throws -> PyObject? {
        if lock.withLock({ exhausted }) { return nil }
        guard let value = try next() else {
            lock.withLock { exhausted = true }
            return nil
        }
        return value
    }
}

enum NativeIterator {
    static let type: PyObject = {
        do {
            return try moduleClass("generator", module: "builtins") { namespace in
                namespace["__iter__"] = method("__iter__") { arguments in arguments[0] }
                namespace["__next__"] = method("__next__") { arguments in
                    guard let value = try arguments[0].nativePayload(as: NativeIteratorState.self).advance() else {
                        throw pythonError(Py.StopIteration)
                    }
                    return value
                }
                // What `yield from` and `await` call to resume a delegate; the value sent is unused.
                namespace["send"] = method("send", ["value"]) { arguments in
                    guard let value = try arguments[0].nativePayload(as: NativeIteratorState.self).advance() else {
                        throw pythonError(Py.StopIteration)
                    }
                    return value
                }
            }
        } catch {
            fatalError("building the native iterator class failed: \(error)")
        }
    }()

    static func make(_ next: @escaping () throws -> PyObject?) throws -> PyObject {
        let object = try newInstance(type)
        object.setNativePayload(NativeIteratorState(next))
        return object
    }
}

/// `object.__new__(cls)`: an instance whose `__init__` has not run, for objects the modules
/// make themselves and give a payload (a future of a pool, a task).
func newInstance(_ cls: PyObject) throws -> PyObject {
    try Py.object.attribute("__new__")(cls)
}
