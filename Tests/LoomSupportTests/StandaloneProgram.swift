import Foundation
import ProgramFixtures

/// Compiles note programs against LoomSupport as Loom compiles it (outside SwiftPM) and runs them
/// under the run protocol.
enum StandaloneProgram {
    struct Run {
        var stdout: String
        var stderr: String
        var trace: [[String: Any]]
        var status: Int32
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The support library as Loom compiles it: the build's own copy unless a source changed since.
    static let library: Result<URL, any Error> = libraryBuild.map(\.directory)

    /// The library's directory and what `swiftc` said while building it.
    static let libraryBuild: Result<(directory: URL, compilerOutput: String), any Error> =
        CompiledSupportLibrary.build.map { ($0.directory, $0.compilerOutput) }.mapError { $0 as any Error }

    /// Compiles `source` as a note program (`swiftc -O -I dir -L dir -lLoomSupport main.swift`).
    static func compile(_ source: String) throws -> URL {
        let library = try library.get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-program-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let main = directory.appendingPathComponent("main.swift")
        try source.write(to: main, atomically: true, encoding: .utf8)
        let binary = directory.appendingPathComponent("note")
        try run("swiftc", ["-O", "-parse-as-library", "-I", library.path, "-L", library.path, "-lLoomSupport",
                           main.path, "-o", binary.path], in: directory)
        return binary
    }

    /// Runs a compiled program with the run protocol's environment and trace descriptor 3.
    static func execute(_ binary: URL, arguments: [String] = [], environment: [String: String] = [:]) throws -> Run {
        let directory = binary.deletingLastPathComponent()
        var merged = ["LOOM_TRACE_FD": "3", "SWIFT_BACKTRACE": "enable=no"]
        for (key, value) in environment { merged[key] = value }
        let result = ToolRun.run(binary.path, arguments, in: directory, environment: merged, timeout: 300, capturesTrace: true)
        if let failure = result.startFailure { throw CommandFailed(description: "\(binary.path): \(failure)") }
        let trace = result.traceLines.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return Run(stdout: result.stdout, stderr: result.stderr, trace: trace, status: result.status)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// A tool's stdout and stderr together; a tool that fails throws with them.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> String {
        let result = ToolRun.run(tool, arguments, in: directory, timeout: 1800)
        let text = result.stdout + result.stderr
        guard result.status == 0 else { throw CommandFailed(description: "\(tool) failed:\n\(result.startFailure ?? "")\(text)") }
        return text
    }
}
