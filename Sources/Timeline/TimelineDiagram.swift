/// Timelines of snippet runs: what each lane (thread or task) did when.
///
/// Pure functions from a trace to text; nothing here reads, writes or prints.
public enum TimelineDiagram {
    /// One run as a text diagram at most `options.width` columns wide: a title with the wall time,
    /// a time axis, one row per lane, notes on how to read it, and a legend.
    ///
    /// Characters (plain / Unicode): working `=` / `█`, off CPU `~` / `▄`, waiting `-` / `─`,
    /// sleeping `.` / `░`, start and end `|` / `│`, still running at the end `>`, printed a line `*`.
    /// Labels such as `sleep 1.5` or `join` sit inside spans wide enough for them.
    public static func text(_ run: TimelineRun, options: TimelineOptions = TimelineOptions()) -> String {
        drawn([run], options: options)
    }

    /// Two runs of one snippet (say Swift and CPython) on one time scale, one above the other, so
    /// their shapes can be compared at a glance.
    public static func sideBySide(
        _ first: TimelineRun, _ second: TimelineRun, options: TimelineOptions = TimelineOptions()
    ) -> String {
        drawn([first, second], options: options)
    }

    private static func drawn(_ runs: [TimelineRun], options: TimelineOptions) -> String {
        let models = runs.map { RunModel(events: $0.events, wallTime: $0.wallTime) }
        let duration = models.map(\.duration).max() ?? 0
        let width = options.effectiveWidth
        let labelWidth = TextBlock.labelWidth(for: models, duration: duration, options: options)
        let scale = TimeScale(duration: duration, columns: width - labelWidth - 1)

        let blocks = zip(runs, models).map { run, model in
            TextBlock(
                title: TextLayout.printable(titleLine(run.title, wall: model.duration)), model: model, scale: scale,
                labelWidth: labelWidth, options: options)
        }
        var lines: [String] = []
        for block in blocks {
            lines += block.lines + [""]
        }
        if runs.count == 2 {
            lines += TextLayout.wrapped(shapeComparison(runs, models), width: width) + [""]
        }
        lines += Legend.lines(
            glyphs: Glyphs.of(options.style),
            showOffCPU: models.contains(where: \.cpuMeasured) || blocks.contains(where: \.usedOffCPU),
            showStillRunning: blocks.contains(where: \.usedStillRunning),
            width: width)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One sentence on whether two runs had the same concurrency shape: lanes, and sleeps at once.
    static func shapeComparison(_ runs: [TimelineRun], _ models: [RunModel]) -> String {
        let summaries = models.map(TraceSummary.init(model:))
        let shapes = summaries.map { (lanes: $0.lanes.count, sleepers: $0.maxConcurrentSleepers) }
        func lanes(_ count: Int) -> String { count == 1 ? "1 lane" : "\(count) lanes" }
        func sleeps(_ count: Int) -> String { count == 1 ? "1 sleep" : "\(count) sleeps" }
        if shapes[0] == shapes[1] {
            return "Same shape: \(lanes(shapes[0].lanes)), at most \(sleeps(shapes[0].sleepers)) at once in both runs."
        }
        let names = zip(runs, ["first run", "second run"]).map { $0.title.isEmpty ? "the \($1)" : $0.title }
        return "Different shapes: \(names[0]) had \(lanes(shapes[0].lanes)) and at most "
            + "\(sleeps(shapes[0].sleepers)) at once; \(names[1]) had \(lanes(shapes[1].lanes)) and at most "
            + "\(sleeps(shapes[1].sleepers)) at once."
    }

    /// `snippet 2 · Swift · 1.51 s wall`.
    static func titleLine(_ title: String, wall: Double) -> String {
        let wallText = "\(SecondsFormat.wall(wall)) wall"
        return title.isEmpty ? wallText : "\(title) · \(wallText)"
    }
}

/// What each character of a text timeline means.
enum Legend {
    static func lines(glyphs: Glyphs, showOffCPU: Bool, showStillRunning: Bool, width: Int) -> [String] {
        var items = [
            "\(glyphs.working) working",
            "\(glyphs.sleeping) sleeping",
            "\(glyphs.waiting) waiting (join, result, lock...)",
        ]
        if showOffCPU { items.append("\(glyphs.offCPU) off CPU (runnable or idle)") }
        items.append("\(glyphs.boundary) start/end")
        if showStillRunning { items.append("\(glyphs.stillRunning) still running at the end") }
        items.append("\(glyphs.print) printed a line")
        return TextLayout.flowed(items, width: width)
    }
}
