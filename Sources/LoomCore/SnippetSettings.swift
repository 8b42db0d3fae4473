/// What a note asks of one snippet, from its fence (`{.python .skip timeout=5}`) or a first line
/// `# loom: skip`, `# loom: timeout=5 raises=ValueError timing-sensitive`.
public struct SnippetSettings: Hashable, Sendable, Codable {
    /// Shown, never translated or run.
    public var skip: Bool
    /// Seconds this snippet may run, in place of `--timeout`.
    public var timeout: Double?
    /// The snippet is meant to end with an exception: `""` for any, else the exception's name.
    public var expectedException: String?
    /// Its figures mean something only when nothing else runs beside it.
    public var timingSensitive: Bool

    public init(skip: Bool = false, timeout: Double? = nil, expectedException: String? = nil, timingSensitive: Bool = false) {
        self.skip = skip
        self.timeout = timeout
        self.expectedException = expectedException
        self.timingSensitive = timingSensitive
    }

    public var isDefault: Bool { self == SnippetSettings() }

    /// Words for the card: `skipped · time limit 5 s · expected to raise ValueError · timing-sensitive`.
    public var summary: [String] {
        var parts: [String] = []
        if skip { parts.append("skipped by the note") }
        if let timeout { parts.append("time limit \(Self.seconds(timeout)) s") }
        if let expectedException { parts.append(expectedException.isEmpty ? "expected to raise" : "expected to raise \(expectedException)") }
        if timingSensitive { parts.append("timing-sensitive: runs alone") }
        return parts
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
