import LoomCore
import Testing
@testable import Timeline
import SeededRandom

/// Properties every text diagram keeps, over deterministic random traces, widths and styles.
@Suite struct TextDiagramPropertyTests {
    static let widths = [1, 24, 25, 31, 40, 57, 80, 113, 160, 217]

    @Test(arguments: TimelineOptions.Style.allCases)
    func noLineIsWiderThanAskedAndEveryLaneHasARow(style: TimelineOptions.Style) throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<120 {
            let run = RandomTraces.run(using: &random)
            let width = Self.widths.randomElement(using: &random)!
            let options = TimelineOptions(width: width, style: style)
            let text = TimelineDiagram.text(run, options: options)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                #expect(TerminalWidth.of(line) <= max(width, TimelineOptions.minimumWidth), "\(line)")
            }
            try expectEveryLaneHasARow(text: text, run: run, options: options)
        }
    }

    @Test func sideBySideKeepsTheWidthAndBothRuns() throws {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<40 {
            let (first, second) = (RandomTraces.run(using: &random), RandomTraces.run(using: &random))
            let width = Self.widths.randomElement(using: &random)!
            let text = TimelineDiagram.sideBySide(first, second, options: TimelineOptions(width: width))
            #expect(text.split(separator: "\n").allSatisfy {
                TerminalWidth.of($0) <= max(width, TimelineOptions.minimumWidth)
            })
            #expect(text.contains(first.title) && text.contains(second.title))
        }
    }

    @Test func labelsStayInsideTheirSpans() {
        var random = SeededGenerator(seed: 3)
        var placed = 0
        for _ in 0..<200 {
            let run = RandomTraces.run(using: &random)
            let model = RunModel(events: run.events, wallTime: run.wallTime)
            let scale = TimeScale(duration: model.duration, columns: Int.random(in: 8...140, using: &random))
            for style in TimelineOptions.Style.allCases {
                for lane in model.lanes {
                    let row = LaneRow(lane: lane, scale: scale, glyphs: Glyphs.of(style))
                    for label in row.placedLabels {
                        placed += 1
                        let before = label.columns.lowerBound - 1, after = label.columns.upperBound
                        #expect(label.spanColumns.contains(before) && label.spanColumns.contains(after))
                        #expect(row.cells[before] == label.fill && row.cells[after] == label.fill)
                    }
                }
            }
        }
        #expect(placed > 100)
    }

    @Test func plainStyleIsASCIIApartFromTheTitleAndUserText() {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<60 {
            let run = RandomTraces.run(using: &random)
            let text = TimelineDiagram.text(run)
            let userText = ["â", "下", "🧵"]
            for line in text.split(separator: "\n").dropFirst() where !userText.contains(where: { line.contains($0) }) {
                #expect(line.allSatisfy { $0.isASCII }, "\(line)")
            }
        }
    }

    /// After the axis come the lanes, in order, each named in full or visibly cut from its name.
    private func expectEveryLaneHasARow(text: String, run: TimelineRun, options: TimelineOptions) throws {
        let model = RunModel(events: run.events, wallTime: run.wallTime)
        guard model.lanes.count <= options.foldLanesAbove else { return }
        let glyphs = Glyphs.of(options.style)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let axisIndex = try #require(lines.firstIndex { $0.first == " " && $0.contains(glyphs.axisTick) })
        let labelWidth = try #require(lines[axisIndex].firstIndex { $0 != " " }).utf16Offset(in: lines[axisIndex]) - 1
        func label(of row: String) -> String {
            String(TerminalWidth.prefix(row, fitting: labelWidth))
        }
        let rows = lines[(axisIndex + 1)...].prefix(model.lanes.count)
        #expect(rows.count == model.lanes.count)
        for (lane, row) in zip(model.lanes, rows) {
            let label = label(of: row).trimmingTrailingSpaces
            if label == lane.name { continue }
            let pieces = label.split(separator: glyphs.ellipsis, maxSplits: 1, omittingEmptySubsequences: false)
            #expect(pieces.count == 2, "\(label) for \(lane.name)")
            #expect(lane.name.hasPrefix(pieces[0]) && lane.name.hasSuffix(pieces.last ?? ""), "\(label) for \(lane.name)")
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var result = Substring(self)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }
}

@Suite struct TextTitleTests {
    @Test func aNarrowTitleBreaksBetweenItsParts() {
        let text = TimelineDiagram.text(SeedTraces.tenThreads(), options: TimelineOptions(width: 24))
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "snippet 2 · Swift")
        #expect(lines[1] == "1.51 s wall")
    }

    @Test func anUntitledRunStillStatesItsWallTime() {
        let text = TimelineDiagram.text(TimelineRun(title: "", events: SeedTraces.synchronous().events))
        #expect(text.hasPrefix("2.00 s wall\n"))
    }
}
