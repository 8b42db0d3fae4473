/// A Python exception in translated code: `raise ValueError("bad value")` is
/// `throw PythonError("ValueError", "bad value")`; `except ValueError as e:` is
/// `catch let e as PythonError where e.type == "ValueError"`.
public struct PythonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exception class name as CPython prints it (`ValueError`, `_queue.Empty`).
    public var type: String
    /// `str(e)`.
    public var message: String

    public init(_ type: String, _ message: String = "") {
        self.type = type
        self.message = message
    }

    /// The traceback's last line: `ValueError: bad value`, or the bare class name.
    public var description: String { message.isEmpty ? type : "\(type): \(message)" }

    public static func valueError(_ message: String) -> PythonError { PythonError("ValueError", message) }
    public static func runtimeError(_ message: String) -> PythonError { PythonError("RuntimeError", message) }
    public static func typeError(_ message: String) -> PythonError { PythonError("TypeError", message) }
    public static func keyError(_ key: String) -> PythonError { PythonError("KeyError", key) }
    public static func zeroDivision(_ message: String) -> PythonError { PythonError("ZeroDivisionError", message) }
    public static func indexError(_ message: String) -> PythonError { PythonError("IndexError", message) }
    public static func timeoutError(_ message: String = "") -> PythonError { PythonError("TimeoutError", message) }
}

/// `sys.exit(code)`: `throw SystemExit(0)`. It ends the program as a script's `sys.exit` does,
/// after the current cell has been closed; in a thread other than the main one it ends that
/// thread only, silently, as in CPython.
public struct SystemExit: Error, Sendable {
    public var code: Int
    /// `sys.exit("message")` prints the message to stderr and exits with status 1.
    public var message: String?

    public init(_ code: Int = 0) {
        self.code = code
        message = nil
    }

    public init(_ message: String) {
        code = 1
        self.message = message
    }
}

/// The last line of a CPython traceback for any error a cell or thread lets escape.
func exceptionLine(_ error: any Error) -> String {
    if let python = error as? PythonError { return python.description }
    if let dynamic = error as? PyException { return dynamic.exceptionLine }
    return "\(String(describing: type(of: error))): \(error)"
}

/// A traceback in CPython's shape. Swift keeps no Python line numbers, so the frame names the cell.
func tracebackText(_ error: any Error, cell: Int) -> String {
    // A dynamic exception's cause or context is printed first, as CPython chains them.
    let chain = (error as? PyException)?.chainText.replacingOccurrences(of: "<cell>", with: "<cell \(cell)>") ?? ""
    return chain + "Traceback (most recent call last):\n  File \"<cell \(cell)>\", in <module>\n\(exceptionLine(error))\n"
}

/// `print(e)` shows the message; `repr(e)` shows `ValueError('bad value')`.
extension PythonError: PythonPrintable {
    public var pythonStr: String { message }
    public var pythonRepr: String {
        let shortName = type.split(separator: ".").last.map(String.init) ?? type
        return message.isEmpty ? "\(shortName)()" : "\(shortName)(\(message.pythonRepr))"
    }
}
