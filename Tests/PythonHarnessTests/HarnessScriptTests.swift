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
}
