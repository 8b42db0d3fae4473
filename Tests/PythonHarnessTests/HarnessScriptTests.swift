import Foundation
import Testing
@testable import PythonHarness

@Suite struct HarnessScriptTests {
    @Test(.enabled(if: pythonAvailable)) func scriptCompilesUnderPython3() throws {
        let python = try #require(HarnessRun.python)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("harness.py")
        try PythonHarness.script.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.path)
        process.arguments = ["-c", "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')", script.path]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// The harness is a Python file in the package, linted as Python, and what Loom embeds is that file.
    @Test(.enabled(if: pythonAvailable)) func harnessFileCompilesAndIsWhatLoomEmbeds() throws {
        let python = try #require(HarnessRun.python)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PythonHarness/harness.py")
        #expect(try String(contentsOf: file, encoding: .utf8) == PythonHarness.script)
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("loom-pycache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.path)
        process.arguments = ["-m", "py_compile", file.path]
        process.environment = ["PYTHONPYCACHEPREFIX": cache.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
