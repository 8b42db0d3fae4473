import Foundation
import Testing

/// Runs the built `loom` executable as a user would.
func loom(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    let executable = TestVault.repository.appendingPathComponent(".build/debug/loom")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    // One compile cache for the whole test run: the support library is compiled once, not per test.
    var environment = ProcessInfo.processInfo.environment
    environment["LOOM_CACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-cache").path
    process.environment = environment
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

@Suite struct CommandLineTests {
    @Test func buildPrintsWarningsAtTheNoteLinesAndSucceeds() throws {
        let vault = try TestVault(includingSeed: true)
        defer { vault.remove() }
        let result = try loom(["build", "--no-run"], in: vault.root)
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains(": warning: ") } == [
            "notes/threading.md:37:1: warning: picture 'threading_sync_example.png' does not exist (looked for threading_sync_example.png); the page shows a placeholder",
            "notes/threading.md:52:1: warning: picture 'threading_example.png' does not exist (looked for threading_example.png); the page shows a placeholder",
        ])
        #expect(FileManager.default.fileExists(atPath: vault.site.appendingPathComponent("threading.html").path))
    }

    @Test func aMissingNotesFolderIsAClearError() throws {
        let vault = try TestVault()
        defer { vault.remove() }
        let result = try loom(["build", "--notes", "nowhere"], in: vault.root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("'nowhere' is not a folder of notes") || result.stderr.contains("nowhere"))
    }

    @Test func versionAndHelp() throws {
        let vault = try TestVault()
        defer { vault.remove() }
        #expect(try loom(["--version"], in: vault.root).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        #expect(try loom(["--help"], in: vault.root).stdout.contains("build"))
    }
}
