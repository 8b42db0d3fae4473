/// Why a Python-tagged block that does not parse is not a program at all.
public struct NotCode: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// What an earlier block printed, pasted under it.
        case pastedOutput = "pasted-output"
        /// A traceback, pasted.
        case traceback
        /// Commands for a shell (`$ python app.py`, `pip install …`).
        case shellSession = "shell-session"
        /// An outline with `...` bodies or `<placeholder>` names.
        case pseudoCode = "pseudo-code"
        /// A drawing of folders and files (`├──`, `└──`).
        case directoryTree = "directory-tree"

        public var label: String {
            switch self {
            case .pastedOutput: "pasted output"
            case .traceback: "a pasted traceback"
            case .shellSession: "a shell session"
            case .pseudoCode: "pseudo-code"
            case .directoryTree: "a directory tree"
            }
        }
    }

    public var kind: Kind
    /// One sentence: what gave it away, with the note line.
    public var reason: String

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
