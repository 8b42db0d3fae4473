import LoomCore

/// A note's snippets at a glance: how many ended how, and how long they took.
public struct RunSummary: Sendable {
    public var counts: [SnippetStatus: Int] = [:]
    /// Sum of the Swift medians of the snippets that ran.
    public var swiftSeconds: Double = 0
    /// The snippets compared with CPython, by class.
    public var comparison = ComparisonCounts()

    public init(_ reports: some Collection<SnippetReport>) {
        for report in reports {
            counts[report.status, default: 0] += 1
            swiftSeconds += report.swiftRun?.median ?? 0
            if let kind = report.comparison?.kind { comparison.add(kind) }
        }
    }

    public init() {}

    public mutating func add(_ other: RunSummary) {
        for (status, count) in other.counts { counts[status, default: 0] += count }
        swiftSeconds += other.swiftSeconds
        comparison.add(other.comparison)
    }

    /// `3 ran · 1 not translated`, in a fixed order.
    public var statusText: String {
        SnippetStatus.allCases.compactMap { status in
            guard let count = counts[status], count > 0 else { return nil }
            return "\(count) \(status.label)"
        }.joined(separator: " · ")
    }
}
