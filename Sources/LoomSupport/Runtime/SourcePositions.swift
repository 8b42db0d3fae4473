#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation

/// One thread's innermost Python frame: how deep the calls go, the line running and the function
/// it belongs to (nil at a cell's top level).
struct FrameSlot {
    var depth = 0
    var line = 0
    /// An unretained `PyFunction`: the call that set it holds the function until it returns.
    var function: UnsafeMutableRawPointer?
}

/// The running thread's `FrameSlot`, in raw memory: a class's stored property would cost an
/// exclusivity check on every call and every statement.
enum PythonFrame {
    private final class Storage {
        let slot: UnsafeMutablePointer<FrameSlot> = {
            let slot = UnsafeMutablePointer<FrameSlot>.allocate(capacity: 1)
            slot.initialize(to: FrameSlot())
            return slot
        }()
        deinit { slot.deallocate() }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if os(Linux)
            guard let pointer else { return }
            #endif
            Unmanaged<Storage>.fromOpaque(pointer).release()
        }
        return key
    }()

    static var current: UnsafeMutablePointer<FrameSlot> {
        if let pointer = pthread_getspecific(key) { return Unmanaged<Storage>.fromOpaque(pointer).takeUnretainedValue().slot }
        let storage = Storage()
        pthread_setspecific(key, Unmanaged.passRetained(storage).toOpaque())
        return storage.slot
    }
}

extension Py {
    /// The line, numbered within its snippet, that the thread now runs: set as a lambda starts.
    public static func line(_ number: Int) {
        PythonFrame.current.pointee.line = number
    }

    /// The running thread's line, for a body of dynamic code to store each statement's line to:
    /// fetched once per body, so a statement costs one store.
    public static func lineSlot() -> UnsafeMutablePointer<Int> {
        let slot = UnsafeMutableRawPointer(PythonFrame.current)
        return (slot + MemoryLayout<FrameSlot>.offset(of: \FrameSlot.line)!).assumingMemoryBound(to: Int.self)
    }
}

/// Where the running Python code is, as a `LogRecord` names it. CPython compiles each cell as its
/// own file, `NOTE:FIRSTLINE` (Loom's CPython harness names it so), and numbers lines within it;
/// the program reads the note's path and each cell's first note line from the run protocol's
/// environment, so moving a snippet down the note does not change the program.
public enum SourcePositions {
    /// The cell whose code is running at top level; set as each cell starts.
    nonisolated(unsafe) static var runningCell = 0

    /// `LOOM_SOURCE_FILE`: the note's path as Loom names it in diagnostics.
    static let sourceFile: String? = ProcessInfo.processInfo.environment["LOOM_SOURCE_FILE"]

    /// `LOOM_CELL_LINES`: `1:12,2:40,…`, each cell's first note line.
    static let cellFirstLines: [Int: Int] = {
        var lines: [Int: Int] = [:]
        for entry in (ProcessInfo.processInfo.environment["LOOM_CELL_LINES"] ?? "").split(separator: ",") {
            let parts = entry.split(separator: ":")
            if parts.count == 2, let cell = Int(parts[0]), let line = Int(parts[1]) { lines[cell] = line }
        }
        return lines
    }()

    /// A cell's file name as CPython's harness compiles it; `<cell K>` when Loom named none (a
    /// program run by hand).
    static func pathname(ofCell cell: Int) -> String {
        guard let sourceFile, let firstLine = cellFirstLines[cell] else { return "<cell \(cell)>" }
        return "\(sourceFile):\(firstLine)"
    }

    /// What logging's `findCaller` gives: the file, line and function of the innermost Python frame.
    static var caller: (pathname: String, line: Int, function: String) {
        let slot = PythonFrame.current.pointee
        guard let raw = slot.function else { return (pathname(ofCell: runningCell), slot.line, "<module>") }
        let function = Unmanaged<PyFunction>.fromOpaque(raw).takeUnretainedValue()
        return (pathname(ofCell: function.definingCell), slot.line, function.name)
    }

    /// `os.path.basename` and the module name logging derives from a path.
    static func fileAndModule(_ pathname: String) -> (filename: String, module: String) {
        let filename = pathname.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? pathname
        // `os.path.splitext`: the extension starts at the last dot that is not leading.
        let trimmed = filename.drop { $0 == "." }
        guard let dot = trimmed.lastIndex(of: ".") else { return (filename, filename) }
        return (filename, String(filename[..<dot]))
    }
}

/// Where a statically translated logging call is: the translator knows its line, function and cell.
public struct SourceLine: Sendable {
    public let line: Int
    public let function: String
    public let cell: Int

    public init(_ line: Int, _ function: String, cell: Int) {
        self.line = line
        self.function = function
        self.cell = cell
    }
}
