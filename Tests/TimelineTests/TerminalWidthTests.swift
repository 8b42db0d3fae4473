import Testing
@testable import Timeline

@Suite struct TerminalWidthTests {
    @Test(arguments: [("MainThread", 10), ("下载", 4), ("🧵 worker", 9), ("Tâche", 5), ("█░─", 3), ("", 0)])
    func columnsAsATerminalShowsThem(text: String, columns: Int) {
        #expect(TerminalWidth.of(text) == columns)
    }

    @Test func wideCharactersAreNeverSplitAcrossTheLimit() {
        #expect(TerminalWidth.prefix("下载线程", fitting: 5) == "下载")
        #expect(TerminalWidth.suffix("下载线程", fitting: 3) == "程")
        #expect(TerminalWidth.prefix("abc", fitting: 0) == "")
    }

    @Test func wideLaneNamesAreCutToTheirColumnsAndTheGridStaysAligned() {
        let labels = LaneLabels.fitted([("下载线程-1 (获取页面)", ""), ("下载线程-2 (获取页面)", "")], width: 12, ellipsis: "~")
        #expect(labels.allSatisfy { TerminalWidth.of($0) <= 12 })
        #expect(Set(labels).count == 2)

        var trace = TraceBuilder()
        for lane in ["MainThread", "下载线程-1 (获取页面)"] {
            trace.start(lane, at: 0)
            trace.sleep(lane, at: 0, for: 1)
            trace.end(lane, at: 1)
        }
        let text = TimelineDiagram.text(TimelineRun(title: "wide", events: trace.events))
        let rows = text.split(separator: "\n").filter { $0.contains("sleep 1") }
        #expect(rows.count == 2)
        let barStarts = rows.map { row in TerminalWidth.of(row.prefix { $0 != "|" }) }
        #expect(barStarts[0] == barStarts[1])
    }
}
