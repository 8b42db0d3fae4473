import Foundation

/// Builds LoomSupport the way Loom does at run time (one `swiftc` call over its sources, outside
/// SwiftPM), compiles note programs against it and runs them under the run protocol.
enum StandaloneProgram {
    struct Run {
        var stdout: String
        var stderr: String
        var trace: [[String: Any]]
        var status: Int32
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Compiled once per test process: `swiftc -O` of the library takes a while.
    static let library: Result<URL, any Error> = libraryBuild.map(\.directory)

    /// The library's directory and what `swiftc` said while building it.
    static let libraryBuild: Result<(directory: URL, compilerOutput: String), any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-support-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sourceDirectory = packageRoot.appendingPathComponent("Sources/LoomSupport")
        let sources = try FileManager.default.subpathsOfDirectory(atPath: sourceDirectory.path)
            .filter { $0.hasSuffix(".swift") }.sorted().map { sourceDirectory.appendingPathComponent($0).path }
        let output = try run("swiftc", ["-O", "-parse-as-library", "-module-name", "LoomSupport", "-emit-library", "-static",
                           "-emit-module", "-o", directory.appendingPathComponent("libLoomSupport.a").path,
                           "-emit-module-path", directory.appendingPathComponent("LoomSupport.swiftmodule").path]
                + sources, in: directory)
        return (directory, output)
    }

    /// Compiles `source` as a note program (`swiftc -O -I dir -L dir -lLoomSupport main.swift`).
    static func compile(_ source: String) throws -> URL {
        let library = try library.get()
        let directory = library.appendingPathComponent("program-\(UUID().uuidString)")
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
        let traceFile = directory.appendingPathComponent("trace-\(UUID().uuidString).jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec 3>\"$0\"; exec \"$@\"", traceFile.path, binary.path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["LOOM_TRACE_FD"] = "3"
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = UncheckedBox<Data>()
        let errThread = Thread { errData.value = err.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errData.value == nil { usleep(1000) }
        let traceText = (try? String(contentsOf: traceFile, encoding: .utf8)) ?? ""
        let trace = traceText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return Run(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.value!, as: UTF8.self),
                   trace: trace, status: process.terminationStatus)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw CommandFailed(description: "\(tool) failed:\n\(text)") }
        return text
    }
}

final class UncheckedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
