import LoomCore

/// Everything a snippet's card shows, gathered by the command line from the stages' results.
public struct SnippetReport: Sendable {
    public var snippet: Snippet
    public var status: SnippetStatus
    /// One sentence on why the snippet did not run, when it did not.
    public var statusDetail: String?
    /// The front end's findings and repairs, at note lines.
    public var diagnostics: [Diagnostic]
    /// The Swift that ran, exactly.
    public var swiftSource: String?
    /// Why the translation looks as it does (a pool carried to threads, a sleep made non-blocking …).
    public var translatorNotes: [String]
    public var swiftRun: RunFigures?
    public var pythonRun: RunFigures?
    /// 1 for real time; below 1, sleeps were shortened and times are scaled back.
    public var timeScale: Double
    /// Where and when the figures were measured: "2 cores · Debian GNU/Linux 12 · Swift 6.3.1".
    public var machine: String?
    public var measuredOn: String?
    /// How the run shared the machine: "alone · load 0.42", "beside 3 other notes' runs · load 2.10".
    public var placement: String?
    public var timeline: TimelineFigure?
    /// The output the note wrote under the code, line by line, as checked against the run.
    public var transcript: TranscriptCheck?
    /// What the note asked of the snippet (skip, its own time limit, an expected exception …).
    public var settings: SnippetSettings
    /// How the Swift run compares with CPython's, when CPython ran (or could not).
    public var comparison: SnippetComparison?

    public init(
        snippet: Snippet, status: SnippetStatus = .notRun, statusDetail: String? = nil, diagnostics: [Diagnostic] = [],
        swiftSource: String? = nil, translatorNotes: [String] = [], swiftRun: RunFigures? = nil, pythonRun: RunFigures? = nil,
        timeScale: Double = 1, machine: String? = nil, measuredOn: String? = nil, timeline: TimelineFigure? = nil,
        transcript: TranscriptCheck? = nil, settings: SnippetSettings = SnippetSettings(), comparison: SnippetComparison? = nil, placement: String? = nil
    ) {
        self.comparison = comparison
        self.snippet = snippet
        self.status = status
        self.statusDetail = statusDetail
        self.diagnostics = diagnostics
        self.swiftSource = swiftSource
        self.translatorNotes = translatorNotes
        self.swiftRun = swiftRun
        self.pythonRun = pythonRun
        self.timeScale = timeScale
        self.machine = machine
        self.measuredOn = measuredOn
        self.timeline = timeline
        self.transcript = transcript
        self.settings = settings
        self.placement = placement
    }
}

/// One language's run of a snippet, as the card shows it.
public struct RunFigures: Sendable {
    public struct Line: Sendable {
        public var seconds: Double
        public var lane: String
        public var text: String

        public init(seconds: Double, lane: String, text: String) {
            self.seconds = seconds
            self.lane = lane
            self.text = text
        }
    }

    /// Wall seconds of every repeat.
    public var seconds: [Double]
    public var lines: [Line]
    public var stderr: String

    public init(seconds: [Double], lines: [Line], stderr: String = "") {
        self.seconds = seconds
        self.lines = lines
        self.stderr = stderr
    }

    public var median: Double? {
        guard !seconds.isEmpty else { return nil }
        let sorted = seconds.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// A snippet's timeline in both forms: the SVG for the page, the ASCII always beside it.
public struct TimelineFigure: Sendable {
    public var ascii: String
    public var svg: String?
    /// One sentence for readers of the ASCII (what the diagram shows).
    public var caption: String

    public init(ascii: String, svg: String?, caption: String) {
        self.ascii = ascii
        self.svg = svg
        self.caption = caption
    }
}
