import LoomCore

/// Turns sampled per-thread CPU time into `cpu` and `wait`/`cpu` trace events of one cell's lanes.
enum CPUTraceEvents {
    /// - Parameters:
    ///   - window: monotonic nanoseconds in which the cell ran; samples ending inside it belong to it.
    ///   - laneEvents: the cell's own trace, whose `start` events name each thread's lane by `tid`.
    ///   - timeScale: times are divided by it, like every time of a scaled run.
    static func events(
        from samples: [ThreadCPUSample], window: Range<UInt64>, laneEvents: [TraceEvent], timeScale: Double
    ) -> [TraceEvent] {
        var startsByThread: [Int: [(t: Double, lane: String)]] = [:]
        for event in laneEvents where event.kind == .start {
            if let tid = event.tid { startsByThread[tid, default: []].append((event.t, event.lane)) }
        }
        for tid in startsByThread.keys { startsByThread[tid]!.sort { $0.t < $1.t } }

        var events: [TraceEvent] = []
        // An interval belongs to the cell it ends in; one ending exactly at the cell's start (the sample
        // taken at its marker) is the cell before's.
        for sample in samples where sample.intervalEnd > window.lowerBound && sample.intervalEnd <= window.upperBound {
            guard let starts = startsByThread[sample.tid] else { continue }
            let t = Double(sample.intervalEnd - window.lowerBound) / 1e9 / timeScale
            // A pooled thread runs lane after lane: the sample belongs to the latest lane started on it.
            guard let lane = starts.last(where: { $0.t <= t })?.lane ?? starts.first?.lane else { continue }
            if sample.cpuNanoseconds > 0 {
                events.append(TraceEvent(
                    t: t, lane: lane, kind: .cpu, duration: Double(sample.cpuNanoseconds) / 1e9 / timeScale, tid: sample.tid))
            }
            if let wait = sample.runQueueWaitNanoseconds, wait > 0 {
                events.append(TraceEvent(
                    t: t, lane: lane, kind: .wait, duration: Double(wait) / 1e9 / timeScale, text: "cpu", tid: sample.tid))
            }
        }
        return events
    }
}
