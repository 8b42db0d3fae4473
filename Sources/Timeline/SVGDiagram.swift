import Foundation

/// How an SVG timeline is laid out.
public struct SVGTimelineOptions: Hashable, Sendable {
    /// User units the time axis spans; the SVG scales with its viewBox, so this sets proportions.
    public var plotWidth: Double
    /// Lane names longer than this many characters are cut (the full name stays in a tooltip).
    public var longestLabel: Int
    /// Seconds the time axis spans when longer than the run: give two runs of one snippet the
    /// longer of their durations and their SVGs share one scale, like the text side by side.
    public var timeSpan: Double?

    public init(plotWidth: Double = 640, longestLabel: Int = 36, timeSpan: Double? = nil) {
        self.plotWidth = plotWidth
        self.longestLabel = longestLabel
        self.timeSpan = timeSpan
    }
}

extension TimelineDiagram {
    /// One run as a standalone, scalable SVG for the site: accessible (`role="img"`, `<title>`,
    /// `<desc>`), coloured through CSS custom properties with light and dark defaults, no scripts.
    /// States differ in shape as well as colour, so the diagram reads in greyscale too.
    public static func svg(_ run: TimelineRun, options: SVGTimelineOptions = SVGTimelineOptions()) -> String {
        SVGDiagram(run: run, options: options).markup
    }
}

struct SVGDiagram {
    static let characterWidth = 7.2
    static let rowHeight = 22.0
    static let barHeight = 14.0
    static let margin = 10.0

    let run: TimelineRun
    let options: SVGTimelineOptions
    let model: RunModel
    /// Lane names as shown, cut to `options.longestLabel`.
    let labels: [String]
    let plotX: Double
    let plotWidth: Double
    /// The run's duration, or the longer span asked for so several runs share one scale.
    let axisSpan: Double
    /// Columns about one character wide, for choosing ticks whose labels do not collide.
    let scale: TimeScale

    init(run: TimelineRun, options: SVGTimelineOptions) {
        self.run = run
        self.options = options
        let model = RunModel(events: run.events, wallTime: run.wallTime)
        self.model = model
        labels = model.lanes.map { lane in
            lane.name.count <= options.longestLabel
                ? lane.name : String(lane.name.prefix(max(1, options.longestLabel - 1))) + "…"
        }
        plotX = Self.margin + Double(max(labels.map(TerminalWidth.of).max() ?? 0, 9)) * Self.characterWidth + 12
        plotWidth = options.plotWidth.isFinite ? min(max(100, options.plotWidth), 20_000) : 640
        axisSpan = max(model.duration, options.timeSpan.flatMap { $0.isFinite ? $0 : nil } ?? 0)
        scale = TimeScale(duration: axisSpan, columns: Int(plotWidth / Self.characterWidth))
    }

    private var lanesTop: Double { Self.margin + 52 }

    func x(_ t: Double) -> Double { plotX + min(max(t, 0), scale.end) / scale.end * plotWidth }

    var markup: String {
        let width = plotX + plotWidth + Self.margin + 12
        let legendTop = lanesTop + Double(model.lanes.count) * Self.rowHeight + 10
        let height = legendTop + 24 + Self.margin
        let title = TimelineDiagram.titleLine(run.title, wall: model.duration)
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" class="loom-timeline" role="img" "#
                + #"viewBox="0 0 \#(Self.number(width)) \#(Self.number(height))" "#
                + #"width="\#(Self.number(width))" height="\#(Self.number(height))">"#,
            "<title>\(XMLText.escaped(title))</title>",
            "<desc>\(XMLText.escaped(description))</desc>",
            Self.style,
            #"<text class="title" x="\#(Self.number(Self.margin))" y="\#(Self.number(Self.margin + 12))">"#
                + "\(XMLText.escaped(title))</text>",
        ]
        parts += axis
        for (index, lane) in model.lanes.enumerated() {
            parts += self.lane(lane, label: labels[index], top: lanesTop + Double(index) * Self.rowHeight)
        }
        parts += legend(top: legendTop)
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// Lanes and wall time in words, for screen readers and for anyone the picture does not reach.
    var description: String {
        let summary = TraceSummary(model: model)
        var sentences = [
            "Timeline of \(summary.lanes.count) lane\(summary.lanes.count == 1 ? "" : "s") over "
                + "\(SecondsFormat.wall(summary.duration)) of wall time."
        ]
        let shown = 12
        for lane in summary.lanes.prefix(shown) {
            let parts = [
                ("slept", lane.sleeping), ("waited", lane.waiting), ("was off CPU", lane.offCPU),
                ("worked", lane.working),
            ].filter { $0.1 >= 0.0005 }.map { "\($0.0) \(SecondsFormat.wall($0.1))" }
            let life = "from \(SecondsFormat.wall(lane.started))"
                + (lane.ended.map { " to \(SecondsFormat.wall($0))" } ?? " to the end")
            sentences.append("\(lane.name), \(life): \(parts.isEmpty ? "no measurable time" : parts.joined(separator: ", ")).")
        }
        if summary.lanes.count > shown {
            sentences.append("\(summary.lanes.count - shown) more lanes are not described.")
        }
        sentences.append("At most \(summary.maxConcurrentSleepers) sleep\(summary.maxConcurrentSleepers == 1 ? "" : "s") overlapped.")
        if !summary.cpuMeasured { sentences.append("CPU use was not measured.") }
        return sentences.joined(separator: " ")
    }

    private var axis: [String] {
        let ticks = AxisTicks(scale: scale)
        let baseline = lanesTop - 6
        var parts = [#"<g class="axis">"#]
        parts.append(#"<text x="\#(Self.number(Self.margin))" y="\#(Self.number(baseline - 10))">"#
            + "time (\(ticks.unit.symbol))</text>")
        parts.append(#"<line x1="\#(Self.number(plotX))" y1="\#(Self.number(baseline))" "#
            + #"x2="\#(Self.number(plotX + plotWidth))" y2="\#(Self.number(baseline))"/>"#)
        for tick in ticks.ticks {
            let tickX = x(tick.seconds)
            parts.append(#"<line x1="\#(Self.number(tickX))" y1="\#(Self.number(baseline - 4))" "#
                + #"x2="\#(Self.number(tickX))" y2="\#(Self.number(baseline))"/>"#)
            parts.append(#"<text x="\#(Self.number(tickX))" y="\#(Self.number(baseline - 10))" "#
                + #"text-anchor="middle">\#(tick.label)</text>"#)
        }
        parts.append("</g>")
        return parts
    }

    private func lane(_ lane: LaneModel, label: String, top: Double) -> [String] {
        let barTop = top + (Self.rowHeight - Self.barHeight) / 2
        var parts = [#"<g class="lane">"#]
        parts.append(#"<text class="name" x="\#(Self.number(Self.margin))" y="\#(Self.number(barTop + 11))">"#
            + "\(XMLText.escaped(label))<title>\(XMLText.escaped(lane.name))</title></text>")
        for piece in drawnPieces(of: lane) {
            parts.append(rect(for: piece, barTop: barTop, tooltip: tooltip(for: piece, in: lane)))
        }
        for span in lane.spans {
            guard let text = span.labels.first(where: { fits($0, from: span.from, to: span.to) }) else { continue }
            let middle = (x(span.from) + x(span.to)) / 2
            parts.append(#"<text class="label" x="\#(Self.number(middle))" y="\#(Self.number(barTop + 9))" "#
                + #"text-anchor="middle">\#(XMLText.escaped(text))</text>"#)
        }
        parts.append(boundary(at: x(lane.start), barTop: barTop))
        if lane.endedInTrace {
            parts.append(boundary(at: x(lane.end), barTop: barTop))
        } else {
            let endX = x(lane.end)
            parts.append(#"<path class="running" d="M\#(Self.number(endX)) \#(Self.number(barTop)) "#
                + #"l6 \#(Self.number(Self.barHeight / 2)) l-6 \#(Self.number(Self.barHeight / 2))z">"#
                + "<title>still running when the run ended</title></path>")
        }
        for mark in lane.prints {
            let markX = x(mark.t)
            parts.append(#"<path class="print" d="M\#(Self.number(markX - 4)) \#(Self.number(barTop - 3)) "#
                + #"h8 l-4 6z"><title>\#(SecondsFormat.plain(mark.t)) s: \#(XMLText.escaped(mark.text))</title></path>"#)
        }
        parts.append("</g>")
        return parts
    }

    /// Segments as they can be seen: at half a user unit per step a long trace with thousands of
    /// CPU samples still draws as a few hundred rectangles per lane.
    private func drawnPieces(of lane: LaneModel) -> [LaneSegment] {
        let fine = TimeScale(duration: axisSpan, columns: Int(plotWidth * 2))
        var pieces: [LaneSegment] = []
        for (column, state) in lane.statesByColumn(fine).enumerated() {
            guard let state else { continue }
            let (from, to) = fine.span(ofColumn: column)
            let piece = LaneSegment(from: max(from, lane.start), to: min(to, lane.end), state: state)
            if let last = pieces.last, last.state == state, abs(last.to - from) < fine.secondsPerColumn / 2 {
                pieces[pieces.count - 1].to = piece.to
            } else {
                pieces.append(piece)
            }
        }
        return pieces
    }

    private func fits(_ text: String, from: Double, to: Double) -> Bool {
        Double(text.count) * 6 + 8 <= x(to) - x(from)
    }

    private func tooltip(for segment: LaneSegment, in lane: LaneModel) -> String {
        let what: String
        switch segment.state {
        case .working: what = model.cpuMeasured ? "on CPU" : "working"
        case .offCPU: what = "off CPU"
        case .sleeping: what = "sleeping"
        case .waiting:
            let middle = (segment.from + segment.to) / 2
            let span = lane.spans.first { $0.state == .waiting && $0.from <= middle && middle <= $0.to }
            what = "waiting" + (span?.labels.first.map { " (\($0))" } ?? "")
        }
        return "\(what) \(SecondsFormat.wall(segment.length)), from \(SecondsFormat.plain(segment.from)) s"
    }

    /// Working is a full bar, off CPU a half bar, waiting an outlined bar, sleeping a thin line.
    private func rect(for segment: LaneSegment, barTop: Double, tooltip: String) -> String {
        let (offset, height, name): (Double, Double, String) =
            switch segment.state {
            case .working: (0, Self.barHeight, "working")
            case .offCPU: (Self.barHeight / 2, Self.barHeight / 2, "offcpu")
            case .waiting: (0.5, Self.barHeight - 1, "waiting")
            case .sleeping: (Self.barHeight - 3, 3, "sleeping")
            }
        let left = x(segment.from)
        let width = max(0.5, x(segment.to) - left)
        return #"<rect class="\#(name)" x="\#(Self.number(left))" y="\#(Self.number(barTop + offset))" "#
            + #"width="\#(Self.number(width))" height="\#(Self.number(height))">"#
            + "<title>\(XMLText.escaped(tooltip))</title></rect>"
    }

    private func boundary(at x: Double, barTop: Double) -> String {
        #"<line class="boundary" x1="\#(Self.number(x))" y1="\#(Self.number(barTop - 2))" "#
            + #"x2="\#(Self.number(x))" y2="\#(Self.number(barTop + Self.barHeight + 2))"/>"#
    }

    private func legend(top: Double) -> [String] {
        var parts = [#"<g class="legend">"#]
        var itemX = Self.margin
        let items: [(String, String)] = [
            ("working", model.cpuMeasured ? "on CPU" : "working"), ("offcpu", "off CPU"),
            ("waiting", "waiting"), ("sleeping", "sleeping"), ("print", "printed a line"),
        ].filter { $0.0 != "offcpu" || model.cpuMeasured }
        for (name, text) in items {
            let swatch = name == "print"
                ? #"<path class="print" d="M\#(Self.number(itemX)) \#(Self.number(top + 4)) h8 l-4 6z"/>"#
                : #"<rect class="\#(name)" x="\#(Self.number(itemX))" y="\#(Self.number(top + 2))" "#
                    + #"width="14" height="10"/>"#
            parts.append(swatch)
            parts.append(#"<text x="\#(Self.number(itemX + 18))" y="\#(Self.number(top + 11))">\#(text)</text>"#)
            itemX += 18 + Double(text.count) * Self.characterWidth + 16
        }
        parts.append("</g>")
        return parts
    }

    /// Colours come from custom properties a page can override, with light and dark defaults.
    static let style = """
        <style>
        .loom-timeline { color: var(--loom-text, #1f2328); --working: var(--loom-working, #2f6feb); \
        --offcpu: var(--loom-offcpu, #bf8700); --waiting: var(--loom-waiting, #cf222e); \
        --sleeping: var(--loom-sleeping, #6e7781); --print: var(--loom-print, #1a7f37); }
        @media (prefers-color-scheme: dark) { .loom-timeline { color: var(--loom-text, #e6edf3); \
        --working: var(--loom-working, #58a6ff); --offcpu: var(--loom-offcpu, #d29922); \
        --waiting: var(--loom-waiting, #ff7b72); --sleeping: var(--loom-sleeping, #8b949e); \
        --print: var(--loom-print, #3fb950); } }
        .loom-timeline text { fill: currentColor; font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .loom-timeline .title { font-weight: bold; }
        .loom-timeline .label { font-size: 10px; }
        .loom-timeline .axis line, .loom-timeline .boundary { stroke: currentColor; stroke-width: 1; }
        .loom-timeline .working { fill: var(--working); }
        .loom-timeline .offcpu { fill: var(--offcpu); }
        .loom-timeline .waiting { fill: none; stroke: var(--waiting); stroke-dasharray: 3 2; }
        .loom-timeline .sleeping { fill: var(--sleeping); }
        .loom-timeline .print { fill: var(--print); stroke: currentColor; stroke-width: 0.5; }
        .loom-timeline .running { fill: currentColor; }
        </style>
        """

    /// Coordinates with at most two decimals, without trailing zeros, so goldens are stable.
    static func number(_ value: Double) -> String {
        SecondsFormat.trimmed(PrintfNumber.format("%.2f", value))
    }
}
