import Foundation

/// The YAML header of a Dendron note.
public struct FrontMatter: Hashable, Sendable {
    public var id: String?
    public var title: String?
    public var description: String?
    /// Epoch milliseconds, as Dendron writes them.
    public var created: Int64?
    public var updated: Int64?
    /// Every other top-level key, its value as text (nested values summarised, never expanded).
    public var extra: [String: String]
    /// Dendron's `tags:`, one tag or a list of them, each without a leading `#`.
    public var tags: [String] = []

    public init(
        id: String? = nil, title: String? = nil, description: String? = nil,
        created: Int64? = nil, updated: Int64? = nil, extra: [String: String] = [:]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.created = created
        self.updated = updated
        self.extra = extra
    }

    public var createdDate: Date? { created.map(Self.date(fromEpochMilliseconds:)) }
    public var updatedDate: Date? { updated.map(Self.date(fromEpochMilliseconds:)) }

    static func date(fromEpochMilliseconds milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
