/// How one snippet's Swift run compares with its CPython run, in the classes the vault-wide verdict counts.
public struct SnippetComparison: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Both ran and printed the same (by one of the output rules).
        case same
        case different
        /// Both raised the same exception type.
        case sameException = "same-exception"
        /// Loom did not translate it, or the Swift did not compile.
        case refused
        /// CPython itself could not run it: it timed out, crashed, exited, lacks a module, or does not parse.
        case cpythonFailed = "cpython-failed"
    }

    public var kind: Kind
    /// The output rule, when both sides ran to the end.
    public var verdict: OutputVerdict?
    /// Words for the card and the timings page.
    public var summary: String

    public init(kind: Kind, verdict: OutputVerdict? = nil, summary: String) {
        self.kind = kind
        self.verdict = verdict
        self.summary = summary
    }

    /// One side's run, as the comparison needs it.
    public struct Side: Sendable {
        /// `ok`, `runtime-error`, `timeout`, `crashed`, `exited`, `not-run` (the run protocol's names).
        public var status: String
        /// For a runtime error, the exception line (`ValueError: bad value`).
        public var exception: String?
        public var lines: [String]
        /// Lanes that started (threads, processes, tasks): above one, the order of prints may be a race.
        public var laneCount: Int
        /// The run's process ID (its main thread's native ID), when the trace gave it.
        public var processID: Int?

        public init(status: String, exception: String? = nil, lines: [String], laneCount: Int = 1, processID: Int? = nil) {
            self.status = status
            self.exception = exception
            self.lines = lines
            self.laneCount = laneCount
            self.processID = processID
        }
    }

    /// - Parameters:
    ///   - snippetStatus: the snippet's status (the Swift side's, or why it has none).
    ///   - swift: the Swift run, nil when none ran.
    ///   - python: the CPython run, nil when none ran (the snippet does not parse).
    public static func classify(snippetStatus: SnippetStatus, swift: Side?, python: Side?) -> SnippetComparison {
        guard let python else {
            return SnippetComparison(kind: .cpythonFailed, summary: "CPython could not run it: it does not parse")
        }
        switch python.status {
        case "timeout": return SnippetComparison(kind: .cpythonFailed, summary: "CPython could not run it: it ran past its time limit")
        case "crashed": return SnippetComparison(kind: .cpythonFailed, summary: "CPython could not run it: it crashed")
        case "exited": return SnippetComparison(kind: .cpythonFailed, summary: "CPython could not run it: it exited")
        case "not-run": return SnippetComparison(kind: .cpythonFailed, summary: "CPython could not run it")
        default: break
        }
        let pythonType = python.exception.map(exceptionType)
        if let pythonType, ["ModuleNotFoundError", "ImportError"].contains(pythonType) {
            return SnippetComparison(kind: .cpythonFailed, summary: "CPython could not run it: \(python.exception ?? pythonType)")
        }
        if snippetStatus == .refused || snippetStatus == .compileError || snippetStatus == .syntaxError {
            return SnippetComparison(kind: .refused, summary: snippetStatus == .refused ? "not translated by Loom" : "the Swift did not compile")
        }
        guard let swift else {
            return SnippetComparison(kind: .different, summary: "different: only CPython ran it")
        }
        let swiftType = swift.exception.map(exceptionType)
        if swift.status == "runtime-error" || python.status == "runtime-error" {
            if let swiftType, swiftType == pythonType {
                return SnippetComparison(kind: .sameException, summary: "both raised \(swiftType)")
            }
            let swiftPart = swiftType.map { "Swift raised \($0)" } ?? "Swift did not raise"
            let pythonPart = pythonType.map { "CPython raised \($0)" } ?? "CPython did not raise"
            return SnippetComparison(kind: .different, summary: "different: \(swiftPart), \(pythonPart)")
        }
        guard swift.status == "ok" else {
            return SnippetComparison(kind: .different, summary: "different: the Swift program \(swift.status == "timeout" ? "timed out" : "did not finish"), CPython's did")
        }
        let processIDs = swift.processID.flatMap { swiftID in python.processID.map { (swift: swiftID, python: $0) } }
        let verdict = OutputVerdict.compare(swift: swift.lines, python: python.lines,
                                            orderIsARace: python.laneCount > 1 || swift.laneCount > 1, processIDs: processIDs)
        return SnippetComparison(kind: verdict.agrees ? .same : .different, verdict: verdict, summary: verdict.summary)
    }

    /// `ValueError` of `ValueError: bad value`.
    static func exceptionType(_ exception: String) -> String {
        String(exception.prefix { $0 != ":" }.drop { $0 == " " })
    }
}

/// The vault-wide verdict: how many snippets fell in each class.
public struct ComparisonCounts: Hashable, Sendable, Codable {
    public var same = 0
    public var different = 0
    public var sameException = 0
    public var refused = 0
    public var cpythonFailed = 0

    public init() {}

    public mutating func add(_ kind: SnippetComparison.Kind) {
        switch kind {
        case .same: same += 1
        case .different: different += 1
        case .sameException: sameException += 1
        case .refused: refused += 1
        case .cpythonFailed: cpythonFailed += 1
        }
    }

    public mutating func add(_ other: ComparisonCounts) {
        same += other.same
        different += other.different
        sameException += other.sameException
        refused += other.refused
        cpythonFailed += other.cpythonFailed
    }

    public var total: Int { same + different + sameException + refused + cpythonFailed }

    /// `Against CPython: 12 printed what CPython printed · 3 differ · …`.
    public var sentence: String {
        "Against CPython, of \(total) \(total == 1 ? "snippet" : "snippets"): \(same) printed what CPython printed · \(different) differ · "
            + "\(sameException) raised the same exception · \(refused) Loom refused or could not compile · "
            + "\(cpythonFailed) CPython itself could not run"
    }
}
