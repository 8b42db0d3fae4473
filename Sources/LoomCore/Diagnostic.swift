/// Everything Loom tells a user about a note, from any stage.
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A change Loom made to what later stages see; the note file itself is never written.
    public struct Fix: Hashable, Sendable, Codable {
        public var original: String
        public var replacement: String

        public init(original: String, replacement: String) {
            self.original = original
            self.replacement = replacement
        }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var fix: Fix?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, fix: Fix? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// `file:line:col: severity: message`, the one printed form.
    public var formatted: String {
        "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
