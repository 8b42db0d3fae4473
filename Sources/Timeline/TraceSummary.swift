import LoomCore

/// What each lane of a run did, in totals: the shape of a run's concurrency, for comparing a Swift
/// run with a CPython run of the same snippet without drawing either.
public struct TraceSummary: Hashable, Sendable, Codable {
    public struct Lane: Hashable, Sendable, Codable {
        public var name: String
        /// Seconds from the run's start to the lane's `start` (or its first event).
        public var started: Double
        /// When the trace says the lane ended; `nil` when it was still alive as the run ended.
        public var ended: Double?
        /// Seconds in timed sleeps.
        public var sleeping: Double
        /// Seconds blocked on join, result, lock, queue, event …
        public var waiting: Double
        /// Seconds alive but off CPU: queued for a CPU, or using less than half of it where measured.
        public var offCPU: Double
        /// The rest of the lane's life: on CPU (or, unmeasured, neither sleeping nor waiting).
        public var working: Double
        /// Lines the lane printed.
        public var printedLines: Int
    }

    /// In order of first appearance, `MainThread` first.
    public var lanes: [Lane]
    /// Seconds from the start of the run to its end.
    public var duration: Double
    /// The trace had `cpu` samples, so `working` and `offCPU` come from measurement.
    public var cpuMeasured: Bool
    /// The most sleeps in progress at one moment: ten threads sleeping at once give 10, two
    /// sleeps one after the other give 1.
    public var maxConcurrentSleepers: Int
    /// The most lanes alive at one moment.
    public var maxConcurrentLanes: Int

    public init(events: [TraceEvent], wallTime: Double? = nil) {
        self.init(model: RunModel(events: events, wallTime: wallTime))
    }

    init(model: RunModel) {
        duration = model.duration
        cpuMeasured = model.cpuMeasured
        lanes = model.lanes.map { lane in
            var totals = [LaneState: Double]()
            for segment in lane.segments { totals[segment.state, default: 0] += segment.length }
            return Lane(
                name: lane.name, started: lane.start, ended: lane.endedInTrace ? lane.end : nil,
                sleeping: totals[.sleeping] ?? 0, waiting: totals[.waiting] ?? 0,
                offCPU: totals[.offCPU] ?? 0, working: totals[.working] ?? 0, printedLines: lane.prints.count)
        }
        let sleeps = model.lanes.flatMap { lane in
            lane.segments.filter { $0.state == .sleeping }.map { ($0.from, $0.to) }
        }
        maxConcurrentSleepers = Self.mostOverlapping(sleeps)
        maxConcurrentLanes = Self.mostOverlapping(model.lanes.map { ($0.start, $0.end) })
    }

    public func lane(named name: String) -> Lane? {
        lanes.first { $0.name == name }
    }

    /// Intervals that merely touch (one ends as the next begins) do not overlap.
    private static func mostOverlapping(_ intervals: [(from: Double, to: Double)]) -> Int {
        let changes = intervals.filter { $0.to > $0.from }.flatMap { [($0.from, 1), ($0.to, -1)] }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var current = 0, most = 0
        for (_, change) in changes {
            current += change
            most = max(most, current)
        }
        return most
    }
}
