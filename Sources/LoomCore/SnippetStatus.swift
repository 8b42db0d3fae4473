/// How a snippet's run ended: exactly one per snippet.
public enum SnippetStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case ok
    case refused
    case syntaxError = "syntax-error"
    case compileError = "compile-error"
    case runtimeError = "runtime-error"
    case timeout
    case crashed
    /// A Python-tagged block that is not a program: pasted output, a shell session, pseudo-code, a tree.
    case notCode = "not-code"
    /// The note asks for the snippet not to run (`# loom: skip`, `{.python .skip}`).
    case skipped
    /// Not run yet, or rendered with `--no-run` and no record to show.
    case notRun = "not-run"

    /// Words for a reader.
    public var label: String {
        switch self {
        case .ok: "ran"
        case .refused: "not translated"
        case .syntaxError: "syntax error"
        case .compileError: "did not compile"
        case .runtimeError: "raised an error"
        case .timeout: "timed out"
        case .crashed: "crashed"
        case .notCode: "not code"
        case .skipped: "skipped"
        case .notRun: "not run"
        }
    }
}
