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

extension CellStatus: Codable {
    private enum CodingKeys: String, CodingKey { case status, exception, signal, exitCode, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .status)
        switch name {
        case "ok": self = .ok
        case "runtime-error": self = .runtimeError(exception: try container.decode(String.self, forKey: .exception))
        case "timeout": self = .timeout
        case "crashed": self = .crashed(signal: try container.decode(String.self, forKey: .signal))
        case "exited": self = .exited(code: try container.decode(Int32.self, forKey: .exitCode))
        case "not-run": self = .notRun(reason: try container.decode(String.self, forKey: .reason))
        default:
            throw DecodingError.dataCorruptedError(forKey: .status, in: container, debugDescription: "unknown status \(name)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .status)
        switch self {
        case .ok, .timeout: break
        case .runtimeError(let exception): try container.encode(exception, forKey: .exception)
        case .crashed(let signal): try container.encode(signal, forKey: .signal)
        case .exited(let code): try container.encode(code, forKey: .exitCode)
        case .notRun(let reason): try container.encode(reason, forKey: .reason)
        }
    }
}
