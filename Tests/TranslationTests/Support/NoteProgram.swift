import Foundation

/// Builds LoomSupport the way Loom does at run time (one `swiftc` call over its sources), compiles
/// translated programs against it with warnings as errors, and runs them under the run protocol.
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

    static let library: Result<URL, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-translation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sourceDirectory = packageRoot.appendingPathComponent("Sources/LoomSupport")
        let sources = try FileManager.default.subpathsOfDirectory(atPath: sourceDirectory.path)
            .filter { $0.hasSuffix(".swift") }.sorted().map { sourceDirectory.appendingPathComponent($0).path }
        try Shell.run("swiftc", ["-O", "-parse-as-library", "-module-name", "LoomSupport", "-emit-library", "-static",
                                 "-emit-module", "-o", directory.appendingPathComponent("libLoomSupport.a").path,
                                 "-emit-module-path", directory.appendingPathComponent("LoomSupport.swiftmodule").path]
                       + sources, in: directory, timeout: 1800)
        return directory
    }

    struct CompileError: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }

    /// `swiftc -O -warnings-as-errors -parse-as-library main.swift` against the library; a program
    /// with dynamic cells is held to compiling (as Loom compiles it), not to having no warnings.
    static func compile(_ program: String, warningsAsErrors: Bool = true) throws -> URL {
        let library = try library.get()
        let directory = library.appendingPathComponent("note-\(UUID().uuidString)")
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
        let directory = binary.deletingLastPathComponent()
        let traceFile = directory.appendingPathComponent("trace-\(UUID().uuidString).jsonl")
        let result = try Shell.run("/bin/sh", ["-c", "exec 3>\"$0\"; exec \"$@\"", traceFile.path, binary.path] + arguments,
                                   in: directory, allowFailure: true,
                                   environment: ["LOOM_TRACE_FD": "3", "LOOM_TIME_SCALE": String(timeScale),
                                                 "LOOM_CELL_MARKERS": "1", "SWIFT_BACKTRACE": "enable=no"],
                                   timeout: 120)
        let traceText = (try? String(contentsOf: traceFile, encoding: .utf8)) ?? ""
        let trace = traceText.split(separator: "\n").compactMap {
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

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL, allowFailure: Bool = false,
                    environment: [String: String] = [:], timeout: Double = 600) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/env")
        process.arguments = tool.hasPrefix("/") ? arguments : [tool] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = directory.appendingPathComponent("out-\(UUID().uuidString)")
        let err = directory.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        // A run that hangs (a deadlock after fork in CPython's multiprocessing, a bug in a
        // translation) is killed rather than blocking the suite; its output so far is kept.
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(-process.processIdentifier, SIGKILL)
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        if !allowFailure && process.terminationStatus != 0 {
            throw Failure(description: "\(tool) failed (\(process.terminationStatus)):\n\(stderr)\(stdout)")
        }
        return (process.terminationStatus, stdout, stderr)
    }
}
