import LoomCore

/// One lane of a run, resolved from its events into contiguous segments.
struct LaneModel: Hashable, Sendable {
    var name: String
    var start: Double
    var end: Double
    /// The trace said the lane ended; otherwise it was still alive when the run ended.
    var endedInTrace: Bool
    /// Contiguous, in time order, covering `start...end`.
    var segments: [LaneSegment]
    var prints: [PrintMark]
    var spans: [LabelledSpan]
}

struct PrintMark: Hashable, Sendable {
    var t: Double
    var text: String
}

/// A trace resolved into lanes, the shared ground of every renderer and of the summary.
struct RunModel: Hashable, Sendable {
    var lanes: [LaneModel]
    /// Seconds from the run's start to its end (wall time or last event, whichever is later).
    var duration: Double
    /// The trace carries `cpu` samples, so "working" means on CPU.
    var cpuMeasured: Bool

    static let mainThread = "MainThread"
    /// A working stretch that used less CPU than this share of its time is drawn as off CPU.
    static let onCPUShare = 0.5

    init(events rawEvents: [TraceEvent], wallTime: Double?) {
        let events = rawEvents.compactMap(Self.sanitized)
        let lastEvent = events.map(\.t).max() ?? 0
        let wall = wallTime.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? 0
        duration = max(lastEvent, wall)
        cpuMeasured = events.contains { $0.kind == .cpu }

        var eventsByLane: [String: [TraceEvent]] = [:]
        // Lanes in the order their threads started: the `start` event where there is one (a sampled
        // wait for CPU can reach back before it), else the earliest moment the lane was seen alive.
        var firstSeen: [String: (t: Double, index: Int)] = [:]
        var started: Set<String> = []
        for (index, event) in events.enumerated() {
            eventsByLane[event.lane, default: []].append(event)
            if event.kind == .start, !started.contains(event.lane) {
                started.insert(event.lane)
                firstSeen[event.lane] = (event.t, firstSeen[event.lane]?.index ?? index)
                continue
            }
            guard !started.contains(event.lane) else { continue }
            let seenAt = Self.beginning(of: event)
            if let known = firstSeen[event.lane] {
                firstSeen[event.lane] = (min(known.t, seenAt), known.index)
            } else {
                firstSeen[event.lane] = (seenAt, index)
            }
        }
        let order = firstSeen.keys.sorted { lhs, rhs in
            if (lhs == Self.mainThread) != (rhs == Self.mainThread) { return lhs == Self.mainThread }
            let (l, r) = (firstSeen[lhs]!, firstSeen[rhs]!)
            return (l.t, l.index) < (r.t, r.index)
        }
        let runEnd = duration
        let measured = cpuMeasured
        lanes = order.map { LaneModel(name: $0, events: eventsByLane[$0] ?? [], runEnd: runEnd, cpuMeasured: measured) }
    }

    /// Drops events no timeline can place (non-finite times) and clamps the rest into the run.
    private static func sanitized(_ event: TraceEvent) -> TraceEvent? {
        guard event.t.isFinite else { return nil }
        var event = event
        event.t = max(0, event.t)
        if let duration = event.duration {
            event.duration = duration.isFinite ? max(0, duration) : nil
        }
        return event
    }

    /// When an event shows its lane was already alive: a wait is reported when it ends.
    static func beginning(of event: TraceEvent) -> Double {
        event.kind == .wait ? max(0, event.t - (event.duration ?? 0)) : event.t
    }
}

extension LaneModel {
    /// - Parameter cpuMeasured: the run's trace has CPU samples, so time neither slept nor waited is
    ///   drawn as working only inside this lane's sampled intervals that show it on CPU; the rest
    ///   (past its last sample, or where it used little CPU) is idle, drawn as off CPU.
    init(name: String, events unsorted: [TraceEvent], runEnd: Double, cpuMeasured: Bool = false) {
        let events = unsorted.sorted { $0.t < $1.t }
        let firstTime = events.map(RunModel.beginning(of:)).min() ?? 0
        let start = events.first { $0.kind == .start }?.t ?? firstTime
        let endEvent = events.last { $0.kind == .end }
        let end = max(start, endEvent?.t ?? runEnd)

        self.name = name
        self.start = start
        self.end = end
        self.endedInTrace = endEvent != nil
        self.prints = events.filter { $0.kind == .print }.map { PrintMark(t: $0.t, text: $0.text ?? "") }

        var blocked: [LabelledSpan] = []
        var cpuWaits: [(from: Double, to: Double)] = []
        for event in events {
            let duration = event.duration ?? 0
            switch event.kind {
            case .sleep:
                let span = (from: max(start, event.t), to: min(end, event.t + duration))
                guard span.to > span.from else { continue }
                let seconds = SecondsFormat.plain(duration)
                blocked.append(LabelledSpan(
                    from: span.from, to: span.to, state: .sleeping, labels: ["sleep \(seconds)", seconds]))
            case .wait:
                let span = (from: max(start, event.t - duration), to: min(end, event.t))
                guard span.to > span.from else { continue }
                let what = (event.text ?? "").split(separator: " ").first.map(String.init) ?? ""
                if what == "cpu" {
                    cpuWaits.append(span)
                } else {
                    blocked.append(LabelledSpan(
                        from: span.from, to: span.to, state: .waiting, labels: what.isEmpty ? [] : [what]))
                }
            case .start, .end, .print, .cpu:
                continue
            }
        }
        self.spans = blocked

        let samples = events.filter { $0.kind == .cpu }.map { (t: min(max($0.t, start), end), cpu: $0.duration ?? 0) }
        let segments = Self.sweep(start: start, end: end, blocked: blocked, cpuWaits: cpuWaits, sampleTimes: samples.map(\.t))
        var measured = Self.applyingCPUShare(to: segments, samples: samples, laneStart: start)
        if cpuMeasured {
            // No sample covers the time after the lane's last one (the sampler reports only threads
            // whose CPU time grew): that time was not seen on CPU, so it is not drawn as work.
            let lastSample = samples.map(\.t).max() ?? start
            for index in measured.indices where measured[index].state == .working && measured[index].from >= lastSample {
                measured[index].state = .offCPU
            }
        }
        self.segments = Self.merged(measured)
    }

    /// Cuts the lane's life at every span edge and sample time and gives each piece the state of
    /// what covers it: a sleep, else a wait, else a wait for CPU, else work. One pass over the
    /// sorted edges, so long traces with many samples stay linear.
    private static func sweep(
        start: Double, end: Double, blocked: [LabelledSpan], cpuWaits: [(from: Double, to: Double)],
        sampleTimes: [Double]
    ) -> [LaneSegment] {
        enum Cover: Int { case sleep, wait, cpuWait }
        var edges: [(t: Double, cover: Cover, delta: Int)] = []
        for span in blocked {
            let cover: Cover = span.state == .sleeping ? .sleep : .wait
            edges += [(span.from, cover, 1), (span.to, cover, -1)]
        }
        for span in cpuWaits { edges += [(span.from, .cpuWait, 1), (span.to, .cpuWait, -1)] }
        edges.sort { $0.t < $1.t }
        let cuts = Array(Set([start, end] + edges.map(\.t) + sampleTimes)).sorted()

        var active = [0, 0, 0]
        var nextEdge = 0
        var segments: [LaneSegment] = []
        segments.reserveCapacity(cuts.count)
        for (from, to) in zip(cuts, cuts.dropFirst()) {
            while nextEdge < edges.count, edges[nextEdge].t <= from {
                active[edges[nextEdge].cover.rawValue] += edges[nextEdge].delta
                nextEdge += 1
            }
            let state: LaneState =
                if active[Cover.sleep.rawValue] > 0 { .sleeping }
                else if active[Cover.wait.rawValue] > 0 { .waiting }
                else if active[Cover.cpuWait.rawValue] > 0 { .offCPU }
                else { .working }
            segments.append(LaneSegment(from: from, to: to, state: state))
        }
        return segments
    }

    /// A `cpu` sample tells how much CPU the lane used since the previous sample; working stretches
    /// in an interval where that is less than half of the time spent working are drawn as off CPU.
    /// Samples are cut points of `segments`, so each segment lies inside one sample interval.
    private static func applyingCPUShare(
        to segments: [LaneSegment], samples: [(t: Double, cpu: Double)], laneStart: Double
    ) -> [LaneSegment] {
        guard !samples.isEmpty else { return segments }
        var result = segments
        var intervalStart = laneStart
        var first = 0
        for sample in samples.sorted(by: { $0.t < $1.t }) where sample.t > intervalStart {
            while first < result.count, result[first].from < intervalStart { first += 1 }
            var last = first
            var workingTime = 0.0
            while last < result.count, result[last].to <= sample.t {
                if result[last].state == .working { workingTime += result[last].length }
                last += 1
            }
            if workingTime > 0, sample.cpu < RunModel.onCPUShare * workingTime {
                for index in first..<last where result[index].state == .working {
                    result[index].state = .offCPU
                }
            }
            intervalStart = sample.t
            first = last
        }
        return result
    }

    private static func merged(_ segments: [LaneSegment]) -> [LaneSegment] {
        var result: [LaneSegment] = []
        for segment in segments {
            if let last = result.last, last.state == segment.state, last.to == segment.from {
                result[result.count - 1].to = segment.to
            } else {
                result.append(segment)
            }
        }
        return result
    }
}
