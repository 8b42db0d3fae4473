import Foundation

/// The run protocol's settings, read once from the environment Loom sets for the program.
struct RunSettings: Sendable {
    /// `LOOM_TRACE_FD`: where trace lines go; nil when no trace is wanted.
    var traceDescriptor: Int32?
    /// `LOOM_TIME_SCALE`: every sleep lasts `timeScale` × its time; readings are divided by it.
    var timeScale: Double
    /// `LOOM_CELL_MARKERS`: write `\u{1E}loom-cell K` to both streams as cell K starts.
    var cellMarkers: Bool
    /// `LOOM_OUTPUT_CAP`: bytes per cell per stream before output is dropped.
    var outputCap: Int?

    init(environment: [String: String]) {
        traceDescriptor = environment["LOOM_TRACE_FD"].flatMap { Int32($0) }
        let scale = environment["LOOM_TIME_SCALE"].flatMap { Double($0) } ?? 1
        timeScale = scale > 0 && scale <= 1 ? scale : 1
        cellMarkers = environment["LOOM_CELL_MARKERS"] == "1"
        outputCap = environment["LOOM_OUTPUT_CAP"].flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    static let current = RunSettings(environment: ProcessInfo.processInfo.environment)
}
