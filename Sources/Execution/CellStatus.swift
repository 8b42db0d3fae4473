/// How one cell of a note program ended; every cell of a run gets exactly one.
public enum CellStatus: Hashable, Sendable {
    case ok
    /// A Python-level exception escaped the cell; the program went on with the next cell.
    case runtimeError(exception: String)
    /// The cell ran past its time limit and its process group was killed.
    case timeout
    /// The process died of a signal while this cell ran (`SIGSEGV`, `SIGILL`, `SIGTRAP` from `fatalError` …).
    case crashed(signal: String)
    /// The process exited with this code while this cell ran.
    case exited(code: Int32)
    /// The cell never began; `reason` says why.
    case notRun(reason: String)

    public var isSuccess: Bool { self == .ok }

    /// The protocol's name for the status: `ok`, `runtime-error`, `timeout`, `crashed`, `exited`, `not-run`.
    public var name: String {
        switch self {
        case .ok: "ok"
        case .runtimeError: "runtime-error"
        case .timeout: "timeout"
        case .crashed: "crashed"
        case .exited: "exited"
        case .notRun: "not-run"
        }
    }
}

extension CellStatus {
    /// What goes with the name: the exception text, signal name, exit code or reason; nil for ok and timeout.
    public var detail: String? {
        switch self {
        case .ok, .timeout: nil
        case .runtimeError(let exception): exception
        case .crashed(let signal): signal
        case .exited(let code): "\(code)"
        case .notRun(let reason): reason
        }
    }

    /// The inverse of `name` and `detail`, as a record stores them; nil for names Loom does not know.
    public init?(name: String, detail: String?) {
        switch (name, detail) {
        case ("ok", _): self = .ok
        case ("timeout", _): self = .timeout
        case ("runtime-error", let detail?): self = .runtimeError(exception: detail)
        case ("crashed", let detail?): self = .crashed(signal: detail)
        case ("exited", let detail?):
            guard let code = Int32(detail) else { return nil }
            self = .exited(code: code)
        case ("not-run", let detail?): self = .notRun(reason: detail)
        default: return nil
        }
    }
}
