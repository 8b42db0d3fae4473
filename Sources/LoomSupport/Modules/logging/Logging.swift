#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A level of Python's `logging`: `logging.DEBUG` is `.debug`.
public struct LogLevel: RawRepresentable, Comparable, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let notSet = LogLevel(rawValue: 0)
    public static let debug = LogLevel(rawValue: 10)
    public static let info = LogLevel(rawValue: 20)
    public static let warning = LogLevel(rawValue: 30)
    public static let error = LogLevel(rawValue: 40)
    public static let critical = LogLevel(rawValue: 50)

    public var name: String {
        switch rawValue {
        case 0: "NOTSET"
        case 10: "DEBUG"
        case 20: "INFO"
        case 30: "WARNING"
        case 40: "ERROR"
        case 50: "CRITICAL"
        default: "Level \(rawValue)"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Python's `logging` module: the root logger's stderr handler, its format and level, and named
/// loggers that defer to it. `logging.info("x %s", y)` is `Logging.info("x %s", y)`.
public enum Logging {
    struct Configuration {
        var configured = false
        var format = "%(levelname)s:%(name)s:%(message)s"
        var dateFormat: String?
        var rootLevel = LogLevel.warning
        var levels: [String: LogLevel] = [:]
        /// Where records go: stderr, as CPython's default handler writes; tests collect them.
        var capture: [String]?
    }

    static let configuration = Locked(Configuration())
    /// `logging`'s import time, the origin of `%(relativeCreated)d`.
    private static let loadTime = time()

    /// `logging.basicConfig(...)`: does nothing once the root logger has its handler, as in Python.
    public static func basicConfig(format: String? = nil, level: LogLevel? = nil, datefmt: String? = nil) {
        _ = loadTime
        configuration.withLock { config in
            guard !config.configured else { return }
            config.configured = true
            if let format { config.format = format }
            if let level { config.rootLevel = level }
            config.dateFormat = datefmt
        }
    }

    /// `logging.getLogger(name)`; no name is the root logger.
    public static func getLogger(_ name: String? = nil) -> PythonLogger { PythonLogger(name: name ?? "root") }

    public static func debug(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { root.log(.debug, message, args, location) }
    public static func info(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { root.log(.info, message, args, location) }
    public static func warning(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { root.log(.warning, message, args, location) }
    public static func error(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { root.log(.error, message, args, location) }
    public static func critical(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { root.log(.critical, message, args, location) }

    private static let root = PythonLogger(name: "root")

    static func emit(level: LogLevel, loggerName: String, message: String, location: SourceLine?) {
        _ = loadTime
        let (format, dateFormat) = configuration.withLock { config in
            // A root call with no handler configures the default one, as `logging.info` does.
            config.configured = true
            return (config.format, config.dateFormat)
        }
        let created = time()
        let milliseconds = Int((created - created.rounded(.down)) * 1000)
        var fields: [String: any PythonPrintable] = [
            "name": loggerName, "levelname": level.name, "levelno": level.rawValue, "message": message,
            "msg": message, "threadName": Lane.currentThreadName, "process": OS.getpid(),
            "thread": currentThreadIdent, "created": created, "msecs": Double(milliseconds),
            "relativeCreated": (created - loadTime) * 1000, "processName": "MainProcess",
        ]
        let pathname = SourcePositions.pathname(ofCell: location?.cell ?? SourcePositions.runningCell)
        let (filename, module) = SourcePositions.fileAndModule(pathname)
        fields["pathname"] = pathname
        fields["filename"] = filename
        fields["module"] = module
        fields["lineno"] = location?.line ?? 0
        fields["funcName"] = location?.function ?? "<module>"
        if format.contains("%(asctime)") {
            fields["asctime"] = dateFormat.map { strftime(created, $0) }
                ?? strftime(created, "%Y-%m-%d %H:%M:%S") + "," + milliseconds.pythonFormat("03d")
        }
        let record = format.percentFormat(named: fields)
        let captured = configuration.withLock { config -> Bool in
            config.capture?.append(record)
            return config.capture != nil
        }
        if !captured { Output.write(record + "\n", to: .stderr) }
    }

    /// `threading.get_ident()`: the pthread handle as an integer.
    static var currentThreadIdent: Int {
        #if os(Linux)
        return Int(bitPattern: UInt(pthread_self()))
        #else
        return Int(bitPattern: pthread_self())
        #endif
    }

    static func strftime(_ seconds: Double, _ format: String) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 256)
        let length = Glibc_or_Darwin_strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func effectiveLevel(of name: String) -> LogLevel {
        configuration.withLock { config in
            var candidate = name
            while true {
                if let level = config.levels[candidate], level != .notSet { return level }
                guard let dot = candidate.lastIndex(of: ".") else { break }
                candidate = String(candidate[..<dot])
            }
            return config.rootLevel
        }
    }
}

/// `logging.Logger`: its own level or, unset, the nearest dotted parent's, then the root's.
public struct PythonLogger: Sendable {
    public let name: String

    /// `logger.setLevel(level)`.
    public func setLevel(_ level: LogLevel) {
        Logging.configuration.withLock { config in
            if name == "root" { config.rootLevel = level } else { config.levels[name] = level }
        }
    }

    /// `logger.isEnabledFor(level)`.
    public func isEnabledFor(_ level: LogLevel) -> Bool { level >= Logging.effectiveLevel(of: name) }

    func log(_ level: LogLevel, _ message: String, _ args: [any PythonPrintable], _ location: SourceLine?) {
        guard isEnabledFor(level) else { return }
        let text = args.isEmpty ? message : PercentFormatter(template: message, args: args, named: [:]).render()
        Logging.emit(level: level, loggerName: name, message: text, location: location)
    }

    public func debug(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { log(.debug, message, args, location) }
    public func info(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { log(.info, message, args, location) }
    public func warning(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { log(.warning, message, args, location) }
    public func error(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { log(.error, message, args, location) }
    public func critical(_ message: String, _ args: any PythonPrintable..., from location: SourceLine? = nil) { log(.critical, message, args, location) }
}

private func Glibc_or_Darwin_strftime(
    _ buffer: UnsafeMutablePointer<CChar>, _ size: Int, _ format: String, _ parts: UnsafePointer<tm>
) -> Int {
    #if canImport(Glibc)
    return Glibc.strftime(buffer, size, format, parts)
    #else
    return Darwin.strftime(buffer, size, format, parts)
    #endif
}
