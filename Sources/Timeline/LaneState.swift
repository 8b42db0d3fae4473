/// What a lane was doing during a stretch of time, as the diagrams tell it apart.
enum LaneState: Int, Hashable, Sendable, CaseIterable {
    /// Alive and neither sleeping nor waiting; on CPU when CPU use was measured.
    case working
    /// Alive but not on CPU: runnable and queued for a CPU, or idle by the measured CPU share.
    case offCPU
    /// Blocked on another lane or a primitive: join, result, lock, queue, event …
    case waiting
    /// In a timed sleep.
    case sleeping

    /// When states tie for a stretch of a column, the one drawn: a sleep or a wait is what a reader
    /// looks for, so it wins over plain work.
    var drawingPriority: Int {
        switch self {
        case .sleeping: 3
        case .waiting: 2
        case .offCPU: 1
        case .working: 0
        }
    }
}

/// A stretch of a lane's life in one state.
struct LaneSegment: Hashable, Sendable {
    var from: Double
    var to: Double
    var state: LaneState

    var length: Double { to - from }
}

/// A sleep or a wait as the trace reported it, with the words to write inside it.
struct LabelledSpan: Hashable, Sendable {
    var from: Double
    var to: Double
    var state: LaneState
    /// Preferred label first, shorter fallbacks after it.
    var labels: [String]
}
