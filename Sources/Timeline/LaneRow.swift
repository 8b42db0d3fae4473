/// One lane drawn into the columns of a text timeline.
struct LaneRow: Hashable, Sendable {
    var label: String
    var cells: [Character]
    /// The row ends in the still-running mark, which the legend then explains.
    var usedStillRunning: Bool
    /// Where each label went, and the columns of the span it names.
    var placedLabels: [PlacedLabel] = []

    struct PlacedLabel: Hashable, Sendable {
        var columns: Range<Int>
        var spanColumns: ClosedRange<Int>
        var fill: Character
    }

    /// Draws `lane` at `scale`: states by which covers most of each column, then start/end and
    /// print marks on top, then labels inside the spans that have room for them.
    init(lane: LaneModel, scale: TimeScale, glyphs: Glyphs) {
        label = TextLayout.printable(lane.name)
        var cells = Self.stateCells(of: lane, scale: scale, glyphs: glyphs)
        var marks = [Character?](repeating: nil, count: scale.columns)

        let firstColumn = scale.column(of: lane.start)
        let lastColumn = max(firstColumn, scale.lastColumn(endingAt: lane.end))
        marks[firstColumn] = glyphs.boundary
        marks[lastColumn] = lane.endedInTrace ? glyphs.boundary : glyphs.stillRunning
        usedStillRunning = !lane.endedInTrace

        for mark in lane.prints {
            let column = scale.column(of: mark.t)
            // A print right at a lane's start or end moves one column inward so both stay visible.
            let place = [column, column + 1, column - 1].first { candidate in
                (firstColumn...lastColumn).contains(candidate)
                    && (marks[candidate] == nil || marks[candidate] == glyphs.print)
            } ?? column
            marks[place] = glyphs.print
        }

        for span in lane.spans where !span.labels.isEmpty {
            let fill = glyphs.glyph(for: span.state)
            let from = scale.column(of: span.from)
            let to = max(from, scale.lastColumn(endingAt: span.to))
            guard let room = Self.longestClearRun(in: from...to, cells: cells, marks: marks, fill: fill),
                  let label = span.labels.first(where: { $0.count + 2 <= room.count })
            else { continue }
            let begin = room.lowerBound + (room.count - label.count) / 2
            for (offset, character) in label.enumerated() {
                marks[begin + offset] = character
            }
            placedLabels.append(PlacedLabel(columns: begin..<(begin + label.count), spanColumns: from...to, fill: fill))
        }

        for (column, mark) in marks.enumerated() {
            if let mark { cells[column] = mark }
        }
        self.cells = cells
    }

    private static func stateCells(of lane: LaneModel, scale: TimeScale, glyphs: Glyphs) -> [Character] {
        lane.statesByColumn(scale).map { $0.map(glyphs.glyph(for:)) ?? glyphs.absent }
    }

    private static func longestClearRun(
        in range: ClosedRange<Int>, cells: [Character], marks: [Character?], fill: Character
    ) -> Range<Int>? {
        var best: Range<Int>?
        var runStart: Int?
        for column in range.lowerBound...(range.upperBound + 1) {
            let clear = column <= range.upperBound && cells[column] == fill && marks[column] == nil
            if clear {
                if runStart == nil { runStart = column }
            } else if let start = runStart {
                if (best?.count ?? 0) < column - start { best = start..<column }
                runStart = nil
            }
        }
        return best
    }
}
