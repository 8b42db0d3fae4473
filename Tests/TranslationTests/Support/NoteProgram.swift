import Foundation
import ProgramFixtures

/// Compiles translated programs against LoomSupport as Loom compiles it, with warnings as errors, and
/// runs them under the run protocol.
enum NoteProgram {
    struct Run {
        var stdoutByCell: [Int: [String]]
        var trace: [[String: Any]]
        var status: Int32
        var stderr: String
        var stderrByCell: [Int: [String]] { NoteProgram.splitByMarkers(stderr) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The time scale both runs use: sleeps last 5% of their time, readings are scaled back.
    static let timeScale = 0.05

    /// The support library as Loom compiles it: the build's own copy unless a source changed since.
    static let library: Result<URL, any Error> = CompiledSupportLibrary.build.map(\.directory).mapError { $0 as any Error }

    struct CompileError: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }

    /// `swiftc -O -warnings-as-errors -parse-as-library main.swift` against the library; a program
    /// with dynamic cells is held to compiling (as Loom compiles it), not to having no warnings.
    static func compile(_ program: String, warningsAsErrors: Bool = true) throws -> URL {
        let library = try library.get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-note-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let main = directory.appendingPathComponent("main.swift")
        try program.write(to: main, atomically: true, encoding: .utf8)
        let binary = directory.appendingPathComponent("note")
        let result = try Shell.run("swiftc", ["-O"] + (warningsAsErrors ? ["-warnings-as-errors"] : []) + ["-parse-as-library", "-I", library.path,
                                              "-L", library.path, "-lLoomSupport", main.path, "-o", binary.path],
                                   in: directory, allowFailure: true)
        guard result.status == 0 else { throw CompileError(output: result.stderr + result.stdout) }
        return binary
    }

    static func run(_ binary: URL, arguments: [String] = []) throws -> Run {
        let result = ToolRun.run(binary.path, arguments, in: binary.deletingLastPathComponent(),
                                 environment: ["LOOM_TRACE_FD": "3", "LOOM_TIME_SCALE": String(timeScale),
                                               "LOOM_CELL_MARKERS": "1", "SWIFT_BACKTRACE": "enable=no"],
                                 timeout: 120, capturesTrace: true)
        if let failure = result.startFailure { throw Shell.Failure(description: "\(binary.path): \(failure)") }
        let trace = result.traceLines.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return Run(stdoutByCell: splitByMarkers(result.stdout), trace: trace, status: result.status, stderr: result.stderr)
    }

    /// Output lines per cell, split at the `\u{1E}loom-cell K` markers.
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
}

enum Shell {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A tool run to its end or to `timeout` (then killed with everything it started), its output kept.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL, allowFailure: Bool = false,
                    environment: [String: String] = [:], timeout: Double = 600) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = ToolRun.run(tool, arguments, in: directory, environment: environment, timeout: timeout)
        if let failure = result.startFailure { throw Failure(description: "\(tool): \(failure)") }
        if !allowFailure && result.status != 0 {
            throw Failure(description: "\(tool) failed (\(result.timedOut ? "timed out" : "status \(result.status)")):\n\(result.stderr)\(result.stdout)")
        }
        return (result.status, result.stdout, result.stderr)
    }
}
