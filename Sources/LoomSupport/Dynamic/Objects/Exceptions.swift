#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raised Python exception: `throw try PyException(raising: Py.ValueError("bad value"))`.
public struct PyException: Error, @unchecked Sendable, CustomStringConvertible {
    /// The exception instance.
    public let value: PyObject

    init(instance: PyObject) { value = instance }

    /// `raise value` (an exception instance or class); `raise value from cause` when `cause` is given
    /// (`.none` for `from None`).
    public init(raising value: PyObject, cause: PyObject? = nil) throws {
        var instance = value
        if let type = value.heap as? PyClass {
            guard type.isException else { throw PyException.typeError("exceptions must derive from BaseException") }
            instance = try value.call([])
        }
        guard let state = (instance.heap as? PyInstance)?.exception else {
            throw PyException.typeError("exceptions must derive from BaseException")
        }
        if let cause {
            var causeInstance = cause
            if let type = cause.heap as? PyClass {
                guard type.isException else { throw PyException.typeError("exception causes must derive from BaseException") }
                causeInstance = try cause.call([])
            } else if !cause.isNone && (cause.heap as? PyInstance)?.exception == nil {
                throw PyException.typeError("exception causes must derive from BaseException")
            }
            state.cause = causeInstance
            state.suppressContext = true
        }
        if let handled = HandledExceptions.current, !handled.value.isIdentical(to: instance), state.context.isNone {
            state.context = handled.value
        }
        self.value = instance
    }

    /// Any error a cell can see, as a Python exception: a `PyException` itself, the static
    /// library's `PythonError` (its class found by name) and `SystemExit`.
    public static func caught(_ error: any Error) -> PyException {
        switch error {
        case let python as PyException: return python
        case let python as PythonError:
            let type = PyClass.exceptionClass(named: python.type)
            return make(type, python.message.isEmpty ? [] : [PyObject(python.message)])
        case let exit as SystemExit:
            if let message = exit.message { return make(PyClass.systemExit, [PyObject(message)]) }
            return make(PyClass.systemExit, [PyObject(exit.code)])
        case let spec as FormatSpec.ParseError:
            return make(PyClass.valueError, "Invalid format specifier '\(spec.spec)'")
        default:
            return make(PyClass.runtimeError, String(describing: error))
        }
    }

    /// Whether the exception is an instance of a class or of any class in a tuple (`except (A, B)`).
    public func matches(_ classes: PyObject) throws -> Bool {
        if let type = classes.heap as? PyClass {
            guard type.isException else { throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed") }
            return value.pyType.isSubclass(of: type)
        }
        if let tuple = classes.heap as? PyTupleStorage {
            for item in tuple.items where try matches(item) { return true }
            return false
        }
        throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed")
    }

    func isInstance(of type: PyClass) -> Bool { value.pyType.isSubclass(of: type) }

    /// Runs an `except` block's body with this exception as the one being handled, so an exception
    /// raised inside gets it as `__context__` (CPython's implicit chaining).
    public func handling<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = HandledExceptions.current
        HandledExceptions.current = self
        defer { HandledExceptions.current = previous }
        return try body()
    }

    public var cause: PyObject { state?.cause ?? .none }
    public var context: PyObject { state?.context ?? .none }
    var state: ExceptionState? { (value.heap as? PyInstance)?.exception }

    /// The traceback's last line: `ValueError: bad value`, `KeyError: 'x'`, or the bare name.
    public var exceptionLine: String {
        let type = value.pyType
        let name = type.module == "builtins" || type.module == "__main__" ? type.qualname : "\(type.module).\(type.qualname)"
        let text = (try? value.str()) ?? "<exception str() failed>"
        return text.isEmpty ? name : "\(name): \(text)"
    }

    /// The chain of causes and contexts CPython prints before the last exception.
    var chainText: String {
        var text = ""
        if let state {
            if !state.cause.isNone {
                text += PyException(instance: state.cause).chainText + PyException(instance: state.cause).frameText
                text += "\nThe above exception was the direct cause of the following exception:\n\n"
            } else if !state.context.isNone && !state.suppressContext {
                text += PyException(instance: state.context).chainText + PyException(instance: state.context).frameText
                text += "\nDuring handling of the above exception, another exception occurred:\n\n"
            }
        }
        return text
    }

    private var frameText: String { "Traceback (most recent call last):\n  File \"<cell>\", in <module>\n\(exceptionLine)\n" }

    public var description: String { exceptionLine }

    /// Whether this is `SystemExit`, which ends the program rather than the cell.
    var systemExit: SystemExit? {
        guard value.pyType.isSubclass(of: PyClass.systemExit), let state else { return nil }
        guard let code = state.arguments.first, state.arguments.count == 1 else { return SystemExit(0) }
        switch code.storage {
        case .none: return SystemExit(0)
        case .int(let number): return SystemExit(number)
        case .bool(let flag): return SystemExit(flag ? 1 : 0)
        default: return SystemExit((try? code.str()) ?? "")
        }
    }

    // MARK: Making the runtime's own exceptions

    static func make(_ type: PyClass, _ message: String) -> PyException { make(type, [PyObject(message)]) }

    static func make(_ type: PyClass, _ arguments: [PyObject]) -> PyException {
        let instance = PyInstance(cls: type)
        instance.exception?.arguments = arguments
        let exception = PyException(instance: PyObject(instance))
        if let handled = HandledExceptions.current { instance.exception?.context = handled.value }
        return exception
    }

    static func typeError(_ message: String) -> PyException { make(PyClass.typeError, message) }
    static func valueError(_ message: String) -> PyException { make(PyClass.valueError, message) }
    static func indexError(_ message: String) -> PyException { make(PyClass.indexError, message) }
    static func keyError(_ key: PyObject) -> PyException { make(PyClass.keyError, [key]) }
    static func zeroDivision(_ message: String) -> PyException { make(PyClass.zeroDivisionError, message) }
    static func overflow(_ message: String) -> PyException { make(PyClass.overflowError, message) }
    static func stopIteration(_ value: PyObject? = nil) -> PyException { make(PyClass.stopIteration, value.map { [$0] } ?? []) }
}

/// The exception an `except` block is handling on this thread (for `__context__`).
enum HandledExceptions {
    private final class Box { var value: PyException? }
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if os(Linux)
            guard let pointer else { return }
            #endif
            Unmanaged<Box>.fromOpaque(pointer).release()
        }
        return key
    }()
    private static var box: Box {
        if let pointer = pthread_getspecific(key) { return Unmanaged<Box>.fromOpaque(pointer).takeUnretainedValue() }
        let box = Box()
        pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
        return box
    }
    static var current: PyException? {
        get { pthread_getspecific(key) == nil ? nil : box.value }
        set { box.value = newValue }
    }
}

extension PyClass {
    /// The built-in exception hierarchy of CPython 3.11, by name.
    static let exceptionClasses: [String: PyClass] = {
        var table: [String: PyClass] = [:]
        let base = PyClass.builtin("BaseException", base: PyClass.object, layout: .exception)
        table["BaseException"] = base
        let tree: [(String, String)] = [
            ("SystemExit", "BaseException"), ("KeyboardInterrupt", "BaseException"), ("GeneratorExit", "BaseException"),
            ("Exception", "BaseException"), ("BaseExceptionGroup", "BaseException"),
            ("ArithmeticError", "Exception"), ("FloatingPointError", "ArithmeticError"), ("OverflowError", "ArithmeticError"),
            ("ZeroDivisionError", "ArithmeticError"), ("AssertionError", "Exception"), ("AttributeError", "Exception"),
            ("BufferError", "Exception"), ("EOFError", "Exception"), ("ImportError", "Exception"),
            ("ModuleNotFoundError", "ImportError"), ("LookupError", "Exception"), ("IndexError", "LookupError"),
            ("KeyError", "LookupError"), ("MemoryError", "Exception"), ("NameError", "Exception"),
            ("UnboundLocalError", "NameError"), ("OSError", "Exception"), ("BlockingIOError", "OSError"),
            ("ChildProcessError", "OSError"), ("ConnectionError", "OSError"), ("BrokenPipeError", "ConnectionError"),
            ("ConnectionAbortedError", "ConnectionError"), ("ConnectionRefusedError", "ConnectionError"),
            ("ConnectionResetError", "ConnectionError"), ("FileExistsError", "OSError"), ("FileNotFoundError", "OSError"),
            ("InterruptedError", "OSError"), ("IsADirectoryError", "OSError"), ("NotADirectoryError", "OSError"),
            ("PermissionError", "OSError"), ("ProcessLookupError", "OSError"), ("TimeoutError", "OSError"),
            ("ReferenceError", "Exception"), ("RuntimeError", "Exception"), ("NotImplementedError", "RuntimeError"),
            ("RecursionError", "RuntimeError"), ("StopAsyncIteration", "Exception"), ("StopIteration", "Exception"),
            ("SyntaxError", "Exception"), ("IndentationError", "SyntaxError"), ("TabError", "IndentationError"),
            ("SystemError", "Exception"), ("TypeError", "Exception"), ("ValueError", "Exception"),
            ("UnicodeError", "ValueError"), ("UnicodeDecodeError", "UnicodeError"), ("UnicodeEncodeError", "UnicodeError"),
            ("UnicodeTranslateError", "UnicodeError"), ("Warning", "Exception"), ("BytesWarning", "Warning"),
            ("DeprecationWarning", "Warning"), ("EncodingWarning", "Warning"), ("FutureWarning", "Warning"),
            ("ImportWarning", "Warning"), ("PendingDeprecationWarning", "Warning"), ("ResourceWarning", "Warning"),
            ("RuntimeWarning", "Warning"), ("SyntaxWarning", "Warning"), ("UnicodeWarning", "Warning"),
            ("UserWarning", "Warning"), ("ExceptionGroup", "BaseExceptionGroup"),
        ]
        for (name, parent) in tree {
            table[name] = PyClass.builtin(name, base: table[parent]!, layout: .exception)
        }
        table["EnvironmentError"] = table["OSError"]
        table["IOError"] = table["OSError"]
        ExceptionMethods.install(base)
        return table
    }()

    private static let derivedExceptionClasses = Locked<[String: PyClass]>([:])

    /// The class for a `PythonError`'s type name: a built-in, or (for a dotted name such as
    /// `_queue.Empty`) a subclass of Exception made once with that module and name.
    static func exceptionClass(named name: String) -> PyClass {
        if let builtin = exceptionClasses[name] { return builtin }
        return derivedExceptionClasses.withLock { table in
            if let made = table[name] { return made }
            let parts = name.split(separator: ".")
            let shortName = String(parts.last ?? Substring(name))
            let module = parts.count > 1 ? parts.dropLast().joined(separator: ".") : "builtins"
            let made = PyClass(name: shortName, module: module, bases: [PyClass.exception], layout: .exception, heap: true)
            made.mro = [made] + PyClass.exception.mro
            table[name] = made
            return made
        }
    }

    static let baseException = exceptionClasses["BaseException"]!
    static let exception = exceptionClasses["Exception"]!
    static let typeError = exceptionClasses["TypeError"]!
    static let valueError = exceptionClasses["ValueError"]!
    static let keyError = exceptionClasses["KeyError"]!
    static let indexError = exceptionClasses["IndexError"]!
    static let attributeError = exceptionClasses["AttributeError"]!
    static let nameError = exceptionClasses["NameError"]!
    static let zeroDivisionError = exceptionClasses["ZeroDivisionError"]!
    static let overflowError = exceptionClasses["OverflowError"]!
    static let runtimeError = exceptionClasses["RuntimeError"]!
    static let recursionError = exceptionClasses["RecursionError"]!
    static let notImplementedError = exceptionClasses["NotImplementedError"]!
    static let stopIteration = exceptionClasses["StopIteration"]!
    static let stopAsyncIteration = exceptionClasses["StopAsyncIteration"]!
    static let generatorExit = exceptionClasses["GeneratorExit"]!
    static let systemExit = exceptionClasses["SystemExit"]!
    static let assertionError = exceptionClasses["AssertionError"]!
    static let lookupError = exceptionClasses["LookupError"]!
    static let importError = exceptionClasses["ImportError"]!
    static let moduleNotFoundError = exceptionClasses["ModuleNotFoundError"]!
    static let unboundLocalError = exceptionClasses["UnboundLocalError"]!
}

enum ExceptionMethods {
    static func install(_ base: PyClass) {
        base.nativeConstructor = nil
        base.method("__init__") { this, arguments, _ in
            (this.heap as? PyInstance)?.exception?.arguments = arguments
            return .none
        }
        base.method("__str__") { this, _, _ in PyObject(exceptionStr(this)) }
        base.method("__repr__") { this, _, _ in
            let arguments = (this.heap as? PyInstance)?.exception?.arguments ?? []
            let name = this.pyType.name
            if arguments.count == 1 { return PyObject("\(name)(\(try arguments[0].repr()))") }
            return PyObject(name + (try PyObject.tuple(arguments).repr()).replacingOccurrences(of: ",)", with: ")"))
        }
        base.method("with_traceback") { this, _, _ in this }
        base.method("add_note") { this, arguments, _ in
            guard arguments.count == 1, case .str(let note) = arguments[0].storage else {
                throw PyException.typeError("note must be a str, not '\(arguments.first?.typeName ?? "NoneType")'")
            }
            (this.heap as? PyInstance)?.exception?.notes.append(note)
            return .none
        }
    }

    /// `str(exception)`: nothing, the one argument's `str` (KeyError: its `repr`), or the tuple.
    static func exceptionStr(_ this: PyObject) -> String {
        let arguments = (this.heap as? PyInstance)?.exception?.arguments ?? []
        switch arguments.count {
        case 0: return ""
        case 1:
            if this.pyType.isSubclass(of: PyClass.keyError) { return (try? arguments[0].repr()) ?? "" }
            return (try? arguments[0].str()) ?? ""
        default: return (try? PyObject.tuple(arguments).repr()) ?? ""
        }
    }
}
