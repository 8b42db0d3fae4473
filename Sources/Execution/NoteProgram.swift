import LoomCore

/// A compiled note program (or an interpreter with its harness) that speaks the run protocol.
public struct NoteProgram: Hashable, Sendable {
    public var executable: String
    /// Arguments before Loom's own `--from K` (for `python3 harness.py note.py`, the last two).
    public var arguments: [String]
    /// How many cells (snippets) the program holds, numbered from 1.
    public var cellCount: Int

    public init(executable: String, arguments: [String] = [], cellCount: Int) {
        self.executable = executable
        self.arguments = arguments
        self.cellCount = cellCount
    }
}

/// How to run a note program's cells.
public struct CellRunOptions: Hashable, Sendable {
    /// Seconds each cell may run (in real time, before scaling) before its group is killed.
    public var timeLimitPerCell: Double
    /// Cells that have their own limit (a note's `timeout=` setting), in real seconds.
    public var cellTimeLimits: [Int: Double] = [:]
    public var killGrace: Double
    /// Bytes per cell per stream, enforced by the program and again by Loom.
    public var outputCap: Int
    /// `LOOM_TIME_SCALE`: 0 < S ≤ 1; sleeps last S times as long and times are reported scaled back.
    public var timeScale: Double
    /// Times the whole program runs; each cell reports every repeat's seconds.
    public var repeats: Int
    /// Seconds between CPU samples of every thread; nil samples nothing.
    public var cpuSamplingInterval: Double?
    public var limits: ResourceLimits?
    /// More environment for the child (for an interpreter: `PATH`, `PYTHONPATH` …).
    public var environment: [String: String]
    /// Where each cell's diagnostics point (the snippet's fence in the note).
    public var cellLocations: [Int: SourceLocation]
    /// Where diagnostics of cells without a location point.
    public var programLocation: SourceLocation
    /// The executable is a sandbox running the program (see `ChildProcessRequest.isSandbox`).
    public var isSandbox = false

    public init(
        timeLimitPerCell: Double = 60, killGrace: Double = 0.2, outputCap: Int = 1 << 20, timeScale: Double = 1,
        repeats: Int = 1, cpuSamplingInterval: Double? = 0.01, limits: ResourceLimits? = .standard,
        environment: [String: String] = [:], cellLocations: [Int: SourceLocation] = [:],
        programLocation: SourceLocation = SourceLocation(file: "main.swift", line: 1)
    ) {
        self.timeLimitPerCell = timeLimitPerCell
        self.killGrace = killGrace
        self.outputCap = outputCap
        self.timeScale = timeScale
        self.repeats = repeats
        self.cpuSamplingInterval = cpuSamplingInterval
        self.limits = limits
        self.environment = environment
        self.cellLocations = cellLocations
        self.programLocation = programLocation
    }

    func location(ofCell cell: Int) -> SourceLocation {
        cellLocations[cell] ?? programLocation
    }
}

/// One cell in one run of the program.
public struct CellRun: Hashable, Sendable {
    public var cell: Int
    public var status: CellStatus
    /// The cell's own time (its `cell-end`, scaled back) or, without one, the time between its marker
    /// and the next (or the end of the process) as Loom saw it, scaled back; nil if it never began.
    public var seconds: Double?
    public var stdout: String
    public var stderr: String
    /// The cell's trace plus sampled `cpu` and `wait`/`cpu` events, ordered by time.
    public var events: [TraceEvent]

    public init(cell: Int, status: CellStatus, seconds: Double?, stdout: String, stderr: String, events: [TraceEvent]) {
        self.cell = cell
        self.status = status
        self.seconds = seconds
        self.stdout = stdout
        self.stderr = stderr
        self.events = events
    }
}

/// A cell over all repeats.
public struct CellMeasurement: Hashable, Sendable {
    public var cell: Int
    public var status: CellStatus
    /// Seconds of every repeat in which the cell ran, in run order.
    public var seconds: [Double]
    public var median: Double?
    public var min: Double?
    public var max: Double?
    /// Which repeat (from 1) `stdout`, `stderr` and `events` come from: the first failing one if any
    /// failed, otherwise the one whose time is the (lower) median.
    public var representativeRepeat: Int
    public var stdout: String
    public var stderr: String
    public var events: [TraceEvent]
    /// The exit code or signal name of the process that ended while this cell ran, if it ended abnormally.
    public var exitStatus: Int32?
    public var signal: String?

    public init(
        cell: Int, status: CellStatus, seconds: [Double], median: Double?, min: Double?, max: Double?,
        representativeRepeat: Int, stdout: String, stderr: String, events: [TraceEvent],
        exitStatus: Int32? = nil, signal: String? = nil
    ) {
        self.cell = cell
        self.status = status
        self.seconds = seconds
        self.median = median
        self.min = min
        self.max = max
        self.representativeRepeat = representativeRepeat
        self.stdout = stdout
        self.stderr = stderr
        self.events = events
        self.exitStatus = exitStatus
        self.signal = signal
    }
}

/// Everything from running one note program.
public struct NoteProgramRun: Hashable, Sendable {
    public var cells: [CellMeasurement]
    public var diagnostics: [Diagnostic]
    /// Child processes started in all (more than `repeats` when cells crashed or timed out).
    public var processesStarted: Int
}
