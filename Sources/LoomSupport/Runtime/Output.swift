#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sys.stdout` / `sys.stderr`, the `file:` of `print`.
public enum PythonStream: Sendable, Hashable {
    case stdout
    case stderr

    var descriptor: Int32 { self == .stdout ? 1 : 2 }
}

enum Output {
    /// Writes one `print` call's text with one `write(2)`, within the cell's output cap.
    static func write(_ text: String, to stream: PythonStream) {
        let bytes = text.utf8.count
        let (allowed, firstDropPast) = cellState.withLock { state -> (Bool, Int?) in
            if let cap = RunSettings.current.outputCap, state.writtenBytes[stream, default: 0] + bytes > cap {
                let first = state.droppedBytes[stream, default: 0] == 0
                state.droppedBytes[stream, default: 0] += bytes
                return (false, first ? cap : nil)
            }
            state.writtenBytes[stream, default: 0] += bytes
            return (true, nil)
        }
        if allowed { writeFully(stream.descriptor, text) }
        // Said at once, not only as the cell ends: a cell stopped at its time limit or by a crash
        // never reaches its end, and its output must still show that it was cut.
        if let cap = firstDropPast {
            writeUncapped("[output truncated: past \(cap) bytes, the rest of this cell's output is dropped]\n", to: stream)
        }
    }

    /// Writes past the cap: the cell markers, the truncation notice, tracebacks' last words.
    static func writeUncapped(_ text: String, to stream: PythonStream) {
        writeFully(stream.descriptor, text)
    }

    /// The one line that says how much a cell's stream lost to the cap, written as the cell ends.
    static func writeTruncationNotices() {
        let dropped = cellState.withLock { $0.droppedBytes }
        for stream in [PythonStream.stdout, .stderr] {
            if let count = dropped[stream], count > 0 {
                writeUncapped("[output truncated: \(count) bytes dropped]\n", to: stream)
            }
        }
    }

    /// Output that is printed, also traced line by line with the printing lane.
    static func printAndTrace(_ text: String, to stream: PythonStream) {
        write(text, to: stream)
        guard Trace.isEnabled, stream == .stdout else { return }
        let lane = Lane.current
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { Trace.emit("print", lane: lane, text: String(line)) }
    }
}

/// Python's `print`: `str` of each item, joined by `sep`, followed by `end`; written unbuffered
/// with one `write(2)` (so `flush` changes nothing) and traced line by line.
///
/// It shadows Swift's `print` for every argument list made of `PythonPrintable` values (the
/// overload is more specific than `Any...`); other values still reach `Swift.print`.
public func print(
    _ items: any PythonPrintable..., sep: String = " ", end: String = "\n", flush: Bool = false,
    file: PythonStream = .stdout
) {
    Output.printAndTrace(items.map(\.pythonStr).joined(separator: sep) + end, to: file)
}

/// `print()`: an empty line. Declared on its own because `print()` would otherwise resolve to
/// Swift's `print(_: Any...)`.
public func print() {
    Output.printAndTrace("\n", to: .stdout)
}

// `print((a, b))` prints the tuple's repr, as Python prints a tuple; Swift's `print` would show
// strings in double quotes. (Two separate arguments never match these: Swift does not splat.)
public func print<A: PythonPrintable, B: PythonPrintable>(_ tuple: (A, B), end: String = "\n", file: PythonStream = .stdout) {
    Output.printAndTrace(repr(tuple) + end, to: file)
}

public func print<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable>(
    _ tuple: (A, B, C), end: String = "\n", file: PythonStream = .stdout
) {
    Output.printAndTrace(repr(tuple) + end, to: file)
}

public func print<A: PythonPrintable, B: PythonPrintable, C: PythonPrintable, D: PythonPrintable>(
    _ tuple: (A, B, C, D), end: String = "\n", file: PythonStream = .stdout
) {
    Output.printAndTrace(repr(tuple) + end, to: file)
}
