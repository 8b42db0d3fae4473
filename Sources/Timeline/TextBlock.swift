/// One run drawn as text at a given scale: title, axis, one row per lane (or per folded run of
/// lanes) and the notes that say how to read it.
struct TextBlock {
    var lines: [String]
    var usedOffCPU: Bool
    var usedStillRunning: Bool

    /// Label columns never take more than this share of the width, so the time axis keeps room.
    static let labelShare = 0.4
    static let narrowestLabelColumn = 10

    /// The label column wide enough for every lane, folded row and the axis unit, within its
    /// share of the width. Folding depends on the columns, so it is estimated at the width names
    /// alone would need.
    static func labelWidth(for models: [RunModel], duration: Double, options: TimelineOptions) -> Int {
        let width = options.effectiveWidth
        let cap = max(narrowestLabelColumn, Int(Double(width - 1) * labelShare))
        let unit = unitLabel(for: TimeScale(duration: duration, columns: 1)).count
        let longestName = models.flatMap(\.lanes).map { TerminalWidth.of(TextLayout.printable($0.name)) }.max() ?? 0
        let firstGuess = max(unit, min(cap, longestName))
        let scale = TimeScale(duration: duration, columns: width - firstGuess - 1)
        let glyphs = Glyphs.of(options.style)
        let longestLabel = models.flatMap { model in
            labelledRows(of: model, scale: scale, glyphs: glyphs, options: options).map { TerminalWidth.of($0.fullLabel) }
        }.max() ?? 0
        return max(unit, min(cap, max(longestName, longestLabel)))
    }

    private struct LabelledRow {
        var row: LaneRow
        var suffix: String
        var fullLabel: String { row.label + suffix }
    }

    private static func labelledRows(
        of model: RunModel, scale: TimeScale, glyphs: Glyphs, options: TimelineOptions
    ) -> [LabelledRow] {
        let rows = model.lanes.map { LaneRow(lane: $0, scale: scale, glyphs: glyphs) }
        guard model.lanes.count > options.foldLanesAbove else {
            return rows.map { LabelledRow(row: $0, suffix: "") }
        }
        let (folded, counts) = Self.folded(rows)
        return zip(folded, counts).map { row, count in
            LabelledRow(row: row, suffix: count > 1 ? " \(glyphs.times)\(count)" : "")
        }
    }

    static func unitLabel(for scale: TimeScale) -> String {
        "time (\(TimeUnit.suiting(scale.end).symbol))"
    }

    init(title: String, model: RunModel, scale: TimeScale, labelWidth: Int, options: TimelineOptions) {
        let glyphs = Glyphs.of(options.style)
        let width = options.effectiveWidth
        let rows = Self.labelledRows(of: model, scale: scale, glyphs: glyphs, options: options)
        usedStillRunning = rows.contains(where: \.row.usedStillRunning)
        usedOffCPU = rows.contains { $0.row.cells.contains(glyphs.offCPU) }
        let labels = LaneLabels.fitted(
            rows.map { ($0.row.label, $0.suffix) }, width: labelWidth, ellipsis: glyphs.ellipsis)

        // A narrow title breaks between its parts (`snippet 2 · Swift`, `1.51 s wall`), not inside them.
        var lines = TextLayout.flowed(title.components(separatedBy: " · "), separator: " · ", width: width)
        lines += Self.axis(scale: scale, labelWidth: labelWidth, glyphs: glyphs)
        for (label, row) in zip(labels, rows) {
            lines.append(TextLayout.padded(label, to: labelWidth) + " " + String(row.row.cells))
        }
        if model.lanes.isEmpty {
            lines.append(TextLayout.padded("(no lanes)", to: labelWidth))
        }
        if model.duration < SecondsFormat.shortestShown {
            lines += TextLayout.wrapped("The run took no measurable time.", width: width)
        }
        if !model.cpuMeasured {
            lines += TextLayout.wrapped(
                "CPU use not measured: \(glyphs.working) means alive and neither sleeping nor waiting.",
                width: width)
        }
        if rows.count < model.lanes.count {
            lines += TextLayout.wrapped(
                "\(model.lanes.count) lanes: consecutive lanes with identical rows share one row"
                    + " (\(glyphs.times)N = N lanes).",
                width: width)
        }
        self.lines = lines.map(TextLayout.trimmingTrailingSpaces)
    }

    /// Consecutive rows that look the same become one row named for the first and last of them.
    private static func folded(_ rows: [LaneRow]) -> ([LaneRow], [Int]) {
        var result: [LaneRow] = []
        var counts: [Int] = []
        var lastNames: [String] = []
        for row in rows {
            if let last = result.last, last.cells == row.cells {
                counts[counts.count - 1] += 1
                lastNames[lastNames.count - 1] = row.label
            } else {
                result.append(row)
                counts.append(1)
                lastNames.append(row.label)
            }
        }
        for index in result.indices where counts[index] > 1 {
            result[index].label = LaneLabels.folded(first: result[index].label, last: lastNames[index])
        }
        return (result, counts)
    }

    /// Two lines: tick labels (with the unit in the label column), then the axis with its ticks.
    private static func axis(scale: TimeScale, labelWidth: Int, glyphs: Glyphs) -> [String] {
        let ticks = AxisTicks(scale: scale)
        var labels = [Character](repeating: " ", count: scale.columns)
        var line = [Character](repeating: glyphs.axisLine, count: scale.columns)
        var freeFrom = 0
        for tick in ticks.ticks {
            line[tick.column] = glyphs.axisTick
            // A label starts at its tick; one that would run off the end ends at its tick instead.
            let fitsAfter = tick.column + tick.label.count <= scale.columns
            let begin = fitsAfter ? tick.column : tick.column + 1 - tick.label.count
            guard begin >= freeFrom else { continue }
            for (offset, character) in tick.label.enumerated() {
                labels[begin + offset] = character
            }
            freeFrom = begin + tick.label.count + 1
        }
        return [
            TextLayout.padded(unitLabel(for: scale), to: labelWidth) + " " + String(labels),
            String(repeating: " ", count: labelWidth) + " " + String(line),
        ]
    }
}
