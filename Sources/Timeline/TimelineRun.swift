import LoomCore

/// One run of one snippet, as the timeline draws it.
public struct TimelineRun: Hashable, Sendable {
    /// What the run was, shown before the wall time: `snippet 2 · Swift`.
    public var title: String
    /// The trace the run recorded, in any order.
    public var events: [TraceEvent]
    /// The wall time the run stage measured; when absent, the time of the last event.
    public var wallTime: Double?

    public init(title: String, events: [TraceEvent], wallTime: Double? = nil) {
        self.title = title
        self.events = events
        self.wallTime = wallTime
    }
}

/// How a text timeline is laid out.
public struct TimelineOptions: Hashable, Sendable {
    public enum Style: String, Hashable, Sendable, CaseIterable {
        /// Plain ASCII: diff-able, safe in any terminal and `<pre>`.
        case ascii
        /// Unicode block characters, denser and easier to scan.
        case unicode
    }

    /// The narrowest diagram the renderer lays out; smaller widths are raised to this.
    public static let minimumWidth = 24
    /// The widest; larger widths are lowered to this.
    public static let maximumWidth = 2_000

    /// Columns of the whole diagram, lane names included; no line is longer.
    public var width: Int
    public var style: Style
    /// With more lanes than this, consecutive lanes whose rows look the same share one row.
    public var foldLanesAbove: Int

    public init(width: Int = 80, style: Style = .ascii, foldLanesAbove: Int = 16) {
        self.width = width
        self.style = style
        self.foldLanesAbove = foldLanesAbove
    }

    var effectiveWidth: Int { min(max(width, Self.minimumWidth), Self.maximumWidth) }
}
