import Execution
import Foundation

/// Runs a tool (`swiftc`, `python3`, a compiled note program) for a test, as Loom runs its children:
/// in a process group of its own that is killed whole at the time limit or when the tool ends, so a
/// worker the tool left behind (a multiprocessing manager, a pool process) never outlives the run,
/// and reaped by its own pid.
///
/// Foundation's `Process` was used here before and hung the whole suite: with many children ending
/// at once, `waitUntilExit` sometimes never saw one of them exit (it stayed a zombie, unreaped), and
/// a grandchild holding the output open kept its reader waiting after the deadline.
public enum ToolRun {
    public struct Outcome: Sendable {
        /// The exit code; 128 + the signal for a tool a signal ended; -1 when it timed out or never started.
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Lines the tool wrote on descriptor 3, when asked for.
        public var traceLines: [String]
        public var timedOut: Bool
        /// Why the tool could not be started, if it was not.
        public var startFailure: String?
    }

    /// `tool` is a path, or a name looked up on PATH. The tool sees this process's environment with
    /// `environment` laid over it, and `input` (else nothing) on its standard input.
    public static func run(
        _ tool: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        input: Data? = nil, timeout: Double = 600, capturesTrace: Bool = false
    ) -> Outcome {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        var executable = tool.hasPrefix("/") ? tool : "/usr/bin/env"
        var argv = tool.hasPrefix("/") ? arguments : [tool] + arguments
        var inputFile: URL?
        if let input {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("loom-input-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: file.path, contents: input) else {
                return Outcome(status: -1, stdout: "", stderr: "", traceLines: [], timedOut: false,
                               startFailure: "cannot write its input to \(file.path)")
            }
            inputFile = file
            argv = ["-c", #"exec "$@" < "$0""#, file.path, executable] + argv
            executable = "/bin/sh"
        }
        defer { if let inputFile { try? FileManager.default.removeItem(at: inputFile) } }
        let request = ChildProcessRequest(
            executable: executable,
            arguments: argv,
            environment: merged, workingDirectory: directory?.path, timeLimit: timeout, killGrace: 1,
            outputCap: 64 << 20, capturesTrace: capturesTrace, limits: nil)
        let result = ChildProcessRunner.run(request)
        var outcome = Outcome(
            status: -1, stdout: result.stdoutText, stderr: result.stderrText, traceLines: result.traceLines,
            timedOut: false, startFailure: nil)
        switch result.termination {
        case .exited(let code): outcome.status = code
        case .crashed(let signal): outcome.status = 128 + signal
        case .timedOut: outcome.timedOut = true
        case .failedToStart(let reason): outcome.startFailure = reason
        case .statusLost: outcome.startFailure = "its exit status was taken by another part of the test process"
        }
        return outcome
    }
}
