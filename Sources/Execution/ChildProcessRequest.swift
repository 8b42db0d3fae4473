/// What to run in a child process, and under which bounds.
public struct ChildProcessRequest: Sendable {
    public var executable: String
    public var arguments: [String]
    /// The child's whole environment; `SWIFT_BACKTRACE=enable=no` is always added, because Swift's crash
    /// backtracer would otherwise keep a dead child's pipes open while it symbolicates.
    public var environment: [String: String]
    public var workingDirectory: String?
    /// Seconds before the whole process group is sent SIGTERM. With `splitsAtCellMarkers` the clock
    /// restarts at every cell marker, so the limit is per cell.
    public var timeLimit: Double
    /// Per-cell limits that replace `timeLimit` while that cell's output segment is open.
    public var cellTimeLimits: [Int: Double] = [:]
    /// Seconds between SIGTERM and SIGKILL.
    public var killGrace: Double
    /// Bytes kept per stream (per cell, when split); the rest is read and dropped, never left unread.
    public var outputCap: Int
    /// Open a pipe on fd 3 for trace lines.
    public var capturesTrace: Bool
    /// Bytes of trace lines kept in all.
    public var traceCap: Int
    /// Split stdout and stderr at `\u{1E}loom-cell K` lines.
    public var splitsAtCellMarkers: Bool
    /// nil runs the child with Loom's own limits (the compiler needs them that way).
    public var limits: ResourceLimits?
    /// Seconds between samples of every thread's CPU time; nil samples nothing.
    public var cpuSamplingInterval: Double?
    /// After the run, kill processes that left the child's process group (found by an environment
    /// token). Costs a scan of /proc, about a millisecond.
    public var killsEscapedProcesses: Bool
    /// The executable is a sandbox (bwrap) that runs the program inside namespaces of its own: CPU is
    /// sampled from the program within, its threads named as the program itself names them.
    public var isSandbox: Bool = false

    public init(
        executable: String, arguments: [String] = [], environment: [String: String] = [:],
        workingDirectory: String? = nil, timeLimit: Double = 60, killGrace: Double = 0.2,
        outputCap: Int = 1 << 20, capturesTrace: Bool = false, traceCap: Int = 16 << 20,
        splitsAtCellMarkers: Bool = false, limits: ResourceLimits? = .standard,
        cpuSamplingInterval: Double? = nil, killsEscapedProcesses: Bool = true
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeLimit = timeLimit
        self.killGrace = killGrace
        self.outputCap = outputCap
        self.capturesTrace = capturesTrace
        self.traceCap = traceCap
        self.splitsAtCellMarkers = splitsAtCellMarkers
        self.limits = limits
        self.cpuSamplingInterval = cpuSamplingInterval
        self.killsEscapedProcesses = killsEscapedProcesses
    }
}
