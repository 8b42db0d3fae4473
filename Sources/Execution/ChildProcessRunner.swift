#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one child process to completion: reads its streams concurrently, enforces the time limit,
/// kills whatever is left of its process group, and reports what happened.
public enum ChildProcessRunner {
    /// Blocks the calling thread until the child and its whole process group are gone.
    public static func run(_ request: ChildProcessRequest) -> ChildProcessResult {
        let spawnedAt = MonotonicClock.nanoseconds()
        guard access(request.executable, X_OK) == 0 else {
            return .failedToStart("cannot execute \(request.executable): \(String(cString: strerror(errno)))", at: spawnedAt)
        }
        guard let stdoutPipe = makePipe(), let stderrPipe = makePipe() else {
            return .failedToStart("could not create pipes: \(String(cString: strerror(errno)))", at: spawnedAt)
        }
        let tracePipe = request.capturesTrace ? makePipe() : nil
        if request.capturesTrace, tracePipe == nil {
            [stdoutPipe.read, stdoutPipe.write, stderrPipe.read, stderrPipe.write].forEach { close($0) }
            return .failedToStart("could not create the trace pipe: \(String(cString: strerror(errno)))", at: spawnedAt)
        }

        var environment = request.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let escapeToken = request.killsEscapedProcesses ? EscapedProcesses.newToken() : nil
        if let escapeToken { environment[EscapedProcesses.variable] = escapeToken }
        let command = request.limits?.wrap(executable: request.executable, arguments: request.arguments)
            ?? (path: request.executable, argv: [request.executable] + request.arguments)

        let pid: pid_t
        do throws(ProcessSpawner.SpawnError) {
            pid = try ProcessSpawner.spawn(
                path: command.path, argv: command.argv, environment: environment,
                workingDirectory: request.workingDirectory,
                stdout: stdoutPipe.write, stderr: stderrPipe.write, trace: tracePipe?.write)
        } catch {
            [stdoutPipe.read, stdoutPipe.write, stderrPipe.read, stderrPipe.write].forEach { close($0) }
            if let tracePipe { close(tracePipe.read); close(tracePipe.write) }
            return .failedToStart(error.message, at: spawnedAt)
        }
        close(stdoutPipe.write)
        close(stderrPipe.write)
        if let tracePipe { close(tracePipe.write) }

        var watch = ChildWatch(
            request: request, pid: pid, spawnedAt: spawnedAt,
            stdoutFD: stdoutPipe.read, stderrFD: stderrPipe.read, traceFD: tracePipe?.read, escapeToken: escapeToken)
        return watch.runToEnd()
    }

    /// The same, off the cooperative thread pool, which must never block on a child.
    public static func run(_ request: ChildProcessRequest) async -> ChildProcessResult {
        await BlockingWork.run { run(request) }
    }
}

extension ChildProcessResult {
    static func failedToStart(_ reason: String, at spawnedAt: UInt64) -> ChildProcessResult {
        ChildProcessResult(
            termination: .failedToStart(reason: reason), wallSeconds: 0, stdout: [], stderr: [],
            traceLines: [], droppedTraceLines: 0, cpuSamples: [], spawnedAt: spawnedAt,
            timedOutCell: nil, notes: [])
    }
}
