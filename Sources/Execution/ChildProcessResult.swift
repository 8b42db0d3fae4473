/// How a child process ended.
public enum ChildTermination: Hashable, Sendable {
    case exited(code: Int32)
    /// Killed by a signal it did not cause to be sent by Loom's time limit (a crash, or an outside kill).
    case crashed(signal: Int32)
    /// The time limit ran out and Loom killed the process group.
    case timedOut
    /// The child never ran: `reason` says why (missing executable, no pipes, spawn error).
    case failedToStart(reason: String)
    /// The child ended, but another part of this process reaped it first, so how is unknown.
    case statusLost
}

/// Output of one stream between two cell markers (or the whole stream, when not split).
public struct CapturedOutput: Hashable, Sendable {
    /// The cell whose marker opened this part; nil for output before any marker.
    public var cell: Int?
    /// The text, ending with a `[… N bytes dropped]` line when the cap was reached.
    public var text: String
    public var droppedBytes: Int
    /// Seconds after the spawn at which this part began.
    public var startedAfter: Double
}

/// Everything observed of one child process.
public struct ChildProcessResult: Sendable {
    public var termination: ChildTermination
    /// From just before the spawn until the child was reaped, on the monotonic clock; with resource
    /// limits this includes the shell that sets them (about a millisecond).
    public var wallSeconds: Double
    public var stdout: [CapturedOutput]
    public var stderr: [CapturedOutput]
    /// Raw trace lines from fd 3, without their newlines.
    public var traceLines: [String]
    public var droppedTraceLines: Int
    public var cpuSamples: [ThreadCPUSample]
    /// Monotonic nanoseconds of the spawn, the clock `cpuSamples` use.
    public var spawnedAt: UInt64
    /// The cell that was running when the time limit struck (with cell markers), or nil.
    public var timedOutCell: Int?
    /// Things a user should know about how the run was observed.
    public var notes: [String]

    /// All of stdout as one text (markers removed).
    public var stdoutText: String { stdout.map(\.text).joined() }
    public var stderrText: String { stderr.map(\.text).joined() }
}
