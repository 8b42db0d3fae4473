import Foundation
@testable import PythonHarness

/// One trace line as the harness writes it.
struct TraceLine: Decodable, Equatable {
    var cell: Int
    var kind: String
    var t: Double
    var lane: String?
    var duration: Double?
    var text: String?
    var tid: Int?
    var exception: String?
}

/// A finished run of the harness over some cells: its streams, trace and exit status.
struct HarnessRun {
    var stdout: String
    var stderr: String
    var trace: [TraceLine]
    var status: Int32

    static let python = PythonHarness.locatePython()

    /// Writes the script and the cells to a fresh directory and runs CPython on them, the way
    /// Loom does, with the trace written to a file.
    init(
        _ cells: [(index: Int, source: String, firstLine: Int, file: String)],
        timeScale: Double? = nil, outputCap: Int? = nil, from: Int? = nil
    ) throws {
        guard let python = Self.python else { throw HarnessTestError.noPython }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("loom-harness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("harness.py")
        let cellsFile = directory.appendingPathComponent("cells.json")
        let tracePath = directory.appendingPathComponent("trace.jsonl").path
        let stdoutPath = directory.appendingPathComponent("stdout").path
        let stderrPath = directory.appendingPathComponent("stderr").path
        try PythonHarness.script.write(to: script, atomically: true, encoding: .utf8)
        try PythonHarness.cellsJSON(cells).write(to: cellsFile, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)

        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/",
            "LOOM_CELL_MARKERS": "1",
            "LOOM_TRACE_PATH": tracePath,
        ]
        if let timeScale { environment["LOOM_TIME_SCALE"] = String(timeScale) }
        if let outputCap { environment["LOOM_OUTPUT_CAP"] = String(outputCap) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.path)
        process.arguments = ["-X", "utf8", "-u", script.path, cellsFile.path] + (from.map { ["--from", String($0)] } ?? [])
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdoutHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let stderrHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        // A hung harness fails its test instead of stalling the suite.
        let deadline = Date(timeIntervalSinceNow: 60)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw HarnessTestError.hung
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()

        status = process.terminationStatus
        stdout = try String(contentsOfFile: stdoutPath, encoding: .utf8)
        stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        let traceText = (try? String(contentsOfFile: tracePath, encoding: .utf8)) ?? ""
        let decoder = JSONDecoder()
        trace = try traceText.split(separator: "\n").map { line in
            try decoder.decode(TraceLine.self, from: Data(line.utf8))
        }
    }

    /// Cells of `source` texts numbered from 1, as one note's snippets.
    static func cells(_ sources: [String], file: String = "note.md") -> [(index: Int, source: String, firstLine: Int, file: String)] {
        sources.enumerated().map { (index: $0.offset + 1, source: $0.element, firstLine: 10 * ($0.offset + 1), file: file) }
    }

    /// What a stream carried for each cell, split at the cell markers: cell number → text.
    static func perCell(_ stream: String) -> [Int: String] {
        var result: [Int: String] = [:]
        for chunk in stream.components(separatedBy: "\u{1E}loom-cell ").dropFirst() {
            guard let newline = chunk.firstIndex(of: "\n"), let number = Int(chunk[..<newline]) else { continue }
            result[number] = String(chunk[chunk.index(after: newline)...])
        }
        return result
    }

    func events(cell: Int, kind: String) -> [TraceLine] {
        trace.filter { $0.cell == cell && $0.kind == kind }
    }
}

enum HarnessTestError: Error { case noPython, hung }

/// Tests that run CPython: skipped where there is none.
let pythonAvailable = HarnessRun.python != nil
