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
        guard access(request.executable, X_OK) == 0 else {
            return .failedToStart("cannot execute \(request.executable): \(String(cString: strerror(errno)))")
        }
        let pipeCount = request.capturesTrace ? 3 : 2
        var pipes: [(read: Int32, write: Int32)] = []
        while pipes.count < pipeCount, let pipe = makePipe() { pipes.append(pipe) }
        guard pipes.count == pipeCount else {
            let reason = "could not create pipes: \(String(cString: strerror(errno)))"
            pipes.forEach { close($0.read); close($0.write) }
            return .failedToStart(reason)
        }
        let (stdoutPipe, stderrPipe) = (pipes[0], pipes[1])
        let tracePipe = request.capturesTrace ? pipes[2] : nil

        var environment = request.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let escapeToken = request.killsEscapedProcesses ? EscapedProcesses.newToken() : nil
        if let escapeToken { environment[EscapedProcesses.variable] = escapeToken }

        // Wall time runs from here: what Loom itself does before the spawn is not the child's.
        let spawnedAt = MonotonicClock.nanoseconds()
        let pid: pid_t
        do throws(ProcessSpawner.SpawnError) {
            pid = try ProcessSpawner.spawn(
                path: request.executable, argv: [request.executable] + request.arguments, environment: environment,
                workingDirectory: request.workingDirectory,
                stdout: stdoutPipe.write, stderr: stderrPipe.write, trace: tracePipe?.write, limits: request.limits)
        } catch {
            pipes.forEach { close($0.read); close($0.write) }
            return .failedToStart(error.message)
        }
        pipes.forEach { close($0.write) }
        LiveProcessGroups.shared.insert(pid)
        defer { LiveProcessGroups.shared.remove(pid) }

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
    static func failedToStart(_ reason: String) -> ChildProcessResult {
        ChildProcessResult(
            termination: .failedToStart(reason: reason), wallSeconds: 0, stdout: [], stderr: [],
            traceLines: [], droppedTraceLines: 0, cpuSamples: [], spawnedAt: MonotonicClock.nanoseconds(),
            timedOutCell: nil, notes: [])
    }
}
