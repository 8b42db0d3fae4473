import LoomCore

/// Builds synthetic, deterministic traces the way the run protocol writes them.
struct TraceBuilder {
    private(set) var events: [TraceEvent] = []
    private var nextTID = 4242

    mutating func start(_ lane: String, at t: Double) {
        events.append(TraceEvent(t: t, lane: lane, kind: .start, tid: nextTID))
        nextTID += 1
    }

    mutating func end(_ lane: String, at t: Double) {
        events.append(TraceEvent(t: t, lane: lane, kind: .end))
    }

    /// A sleep is written when it begins.
    mutating func sleep(_ lane: String, at t: Double, for duration: Double) {
        events.append(TraceEvent(t: t, lane: lane, kind: .sleep, duration: duration))
    }

    /// A wait is written when it ends, with how long it lasted.
    mutating func wait(_ lane: String, from: Double, to: Double, on text: String) {
        events.append(TraceEvent(t: to, lane: lane, kind: .wait, duration: to - from, text: text))
    }

    mutating func print(_ lane: String, at t: Double, _ text: String) {
        events.append(TraceEvent(t: t, lane: lane, kind: .print, text: text))
    }

    /// CPU seconds the lane used in the sampling interval that ends at `t`.
    mutating func cpu(_ lane: String, at t: Double, used: Double) {
        events.append(TraceEvent(t: t, lane: lane, kind: .cpu, duration: used))
    }
}
