import Foundation
import ProgramFixtures

/// Compiles programs written over the dynamic object model against LoomSupport as Loom compiles
/// it, runs them under the run protocol (cell markers, trace on descriptor 3, time scale) and runs
/// the same cells' Python under `python3`, so each cell's output can be compared with CPython's.
enum DynamicProgram {
    /// Read-only once made; the trace's JSON objects are not `Sendable` to the compiler.
    struct Run: @unchecked Sendable {
        var stdoutByCell: [Int: [String]]
        var stderr: String
        var trace: [[String: Any]]
        var status: Int32

        /// The trace lines of one cell.
        func events(ofCell cell: Int) -> [[String: Any]] { trace.filter { ($0["cell"] as? Int) == cell } }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The support library as Loom compiles it: the build's own copy unless a source changed since.
    static let library: Result<URL, any Error> = CompiledSupportLibrary.build.map(\.directory).mapError { $0 as any Error }

    /// A program of one cell per body: `func cellK() throws { body }`, after `prelude`.
    static func source(cells: [String], prelude: String = helpers) -> String {
        var text = "import LoomSupport\nimport Foundation\n\n" + prelude + "\n"
        for (index, body) in cells.enumerated() {
            text += "func cell\(index + 1)() throws {\n\(body)\n}\n\n"
        }
        let names = (1...max(1, cells.count)).map { "cell\($0)" }.joined(separator: ", ")
        text += "@main struct Note { static func main() { runCells([\(names)]) } }\n"
        return text
    }

    static func compile(_ program: String) throws -> URL {
        let library = try library.get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-dynamic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let main = directory.appendingPathComponent("main.swift")
        try program.write(to: main, atomically: true, encoding: .utf8)
        let binary = directory.appendingPathComponent("note")
        try run("swiftc", ["-Onone", "-parse-as-library", "-I", library.path, "-L", library.path, "-lLoomSupport", main.path,
                           "-o", binary.path], in: directory, timeout: 900)
        return binary
    }

    static func execute(_ binary: URL, timeScale: Double) throws -> Run {
        let directory = binary.deletingLastPathComponent()
        let trace = directory.appendingPathComponent("trace-\(UUID().uuidString).jsonl")
        let result = try run("/bin/sh", ["-c", "exec 3>\"$0\"; exec \"$@\"", trace.path, binary.path], in: directory,
                             environment: ["LOOM_TRACE_FD": "3", "LOOM_TIME_SCALE": String(timeScale), "LOOM_CELL_MARKERS": "1",
                                           "SWIFT_BACKTRACE": "enable=no"],
                             timeout: 300, allowFailure: true)
        let lines = ((try? String(contentsOf: trace, encoding: .utf8)) ?? "").split(separator: "\n")
        let events = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        return Run(stdoutByCell: splitByMarkers(result.stdout), stderr: result.stderr, trace: events, status: result.status)
    }

    /// Runs each cell's Python in a `python3` of its own (in `__main__`, so pools can pickle its
    /// functions), printing the same markers the Swift program prints. One process per cell: a
    /// `fork` (multiprocessing) while an earlier cell's threads live can deadlock CPython's child.
    static func python(cells: [String]) throws -> [Int: [String]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var output: [Int: [String]] = [:]
        for (index, cell) in cells.enumerated() {
            let file = directory.appendingPathComponent("cell\(index + 1).py")
            try pythonScript(cells: [cell], first: index + 1).write(to: file, atomically: true, encoding: .utf8)
            let result = try run("python3", [file.path], in: directory, timeout: 120, allowFailure: true)
            output.merge(splitByMarkers(result.stdout)) { _, new in new }
        }
        return output
    }

    static func pythonScript(cells: [String], first: Int = 1) -> String {
        var script = "import sys\n"
        for (offset, cell) in cells.enumerated() {
            let number = first + offset
            script += "print('\\x1eloom-cell \(number)', flush=True)\n"
            script += "exec(compile(\(pythonLiteral(cell)), '<cell \(number)>', 'exec'), globals())\n"
            script += "sys.stdout.flush()\n"
        }
        return script
    }

    static func pythonLiteral(_ text: String) -> String {
        "'" + text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\\": return "\\\\"
            case "'": return "\\'"
            case "\n": return "\\n"
            default: return scalar.value < 0x20 ? String(format: "\\x%02x", scalar.value) : String(scalar)
            }
        }.joined() + "'"
    }

    static func splitByMarkers(_ text: String) -> [Int: [String]] {
        var cells: [Int: [String]] = [:]
        var current = 0
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix("\u{1E}loom-cell "), let number = Int(line.dropFirst("\u{1E}loom-cell ".count)) {
                current = number
                cells[number] = []
            } else {
                cells[current, default: []].append(line)
            }
        }
        return cells
    }

    /// Addresses and thread idents differ between runs and between the two implementations.
    static func masked(_ line: String) -> String {
        var text = line
        for (pattern, replacement) in [("0x[0-9a-f]+", "0x…"), ("\\b1[0-9]{11,}\\b", "<ident>")] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    timeout: Double, allowFailure: Bool = false) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = ToolRun.run(tool, arguments, in: directory, environment: environment, timeout: timeout)
        if let failure = result.startFailure { throw Failure(description: "\(tool): \(failure)") }
        if result.status != 0 && !allowFailure {
            throw Failure(description: "\(tool) exited \(result.timedOut ? "at its time limit" : "\(result.status)"):\n\(result.stderr)\n\(result.stdout)")
        }
        return (result.status, result.stdout, result.stderr)
    }

    /// What every test program's cells may use: short spellings for a cell written by hand over
    /// the dynamic API, as the dynamic lowering writes it at greater length.
    static let helpers = #"""
    func imp(_ name: String) throws -> PyObject { try Py.importModule(name) }
    func pr(_ items: PyObject...) throws { try Py.print.call(items) }
    func def(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
             _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(parameters, defaults: defaults, varargs: varargs), body)
    }
    func adef(_ name: String, _ parameters: [String] = [],
              _ body: @escaping ([PyObject], PyGeneratorHandle) throws -> PyObject) -> PyObject {
        PyObject.coroutineFunction(name, PySignature(parameters), body)
    }
    func kw(_ function: PyObject, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        try function.call(arguments, keywords: keywords)
    }
    func kw(_ function: PyObject, _ keywords: [(String, PyObject)]) throws -> PyObject {
        try function.call([], keywords: keywords)
    }
    /// `try: body except BaseException as e: print(type(e).__name__ + ':', e)`.
    func catching(_ body: () throws -> Void) throws {
        do { try body() } catch {
            let caught = PyException.caught(error)
            try pr(PyObject(try Py.type(caught.value).attribute("__name__").toString() + ":"), caught.value)
        }
    }
    func s(_ text: String) -> PyObject { PyObject(text) }
    func tup(_ items: PyObject...) -> PyObject { .tuple(items) }
    func sorted(_ value: PyObject) throws -> PyObject { try Py.sorted(value) }
    """#
}
