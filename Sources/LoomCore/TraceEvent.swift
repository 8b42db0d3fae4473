/// One thing a thread (a lane) of a snippet's run did, on a monotonic clock that starts with the snippet.
///
/// Times are seconds, already scaled back when the run used a time scale, so a scaled run and a real
/// one describe the same timeline.
public struct TraceEvent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The lane began running; `tid` is its kernel thread id where known.
        case start
        /// The lane finished.
        case end
        /// A blocking or async sleep of `duration` seconds began at `t`.
        case sleep
        /// The lane blocked for `duration` seconds on what `text` names: `join Thread-1`, `result`,
        /// `lock`, `queue`, `event`, `condition`, `semaphore`, `barrier`, `gather`, `cpu` (runnable, not running).
        case wait
        /// The lane printed `text` (one line, without its newline).
        case print
        /// The lane used `duration` seconds of CPU time in the sampling interval that ends at `t`.
        case cpu
    }

    /// Seconds since the snippet started.
    public var t: Double
    public var lane: String
    public var kind: Kind
    public var duration: Double?
    public var text: String?
    public var tid: Int?

    public init(t: Double, lane: String, kind: Kind, duration: Double? = nil, text: String? = nil, tid: Int? = nil) {
        self.t = t
        self.lane = lane
        self.kind = kind
        self.duration = duration
        self.text = text
        self.tid = tid
    }
}
