import Foundation

/// What one run of the `loom` executable did.
struct LoomResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Whether it outlived its bound and was killed: a hang, whatever the status says.
    var hung: Bool
}

/// Runs the built `loom` as a user would, killing it if it outlives `bound` seconds.
///
/// Output goes to files rather than pipes so that a flood of output can never block the child or the test.
/// The bound is generous: it catches hangs and never judges speed.
func loom(_ arguments: [String], in directory: URL, bound: TimeInterval = 120) throws -> LoomResult {
    let process = Process()
    process.executableURL = ScratchVault.repository.appendingPathComponent(".build/debug/loom")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    // One compile cache for every test target: the support library is compiled once.
    environment["LOOM_CACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-cache").path
    process.environment = environment
    process.currentDirectoryURL = directory
    let outURL = directory.appendingPathComponent(".loom-test-stdout-\(UUID().uuidString)")
    let errURL = directory.appendingPathComponent(".loom-test-stderr-\(UUID().uuidString)")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        process.waitUntilExit()
        finished.signal()
    }
    var hung = false
    if finished.wait(timeout: .now() + bound) == .timedOut {
        hung = true
        kill(process.processIdentifier, SIGKILL)
        finished.wait()
    }
    try out.close()
    try err.close()
    let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
    return LoomResult(status: process.terminationStatus, stdout: stdout, stderr: stderr, hung: hung)
}
