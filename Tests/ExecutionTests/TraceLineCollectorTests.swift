import Testing
@testable import Execution

@Suite struct TraceLineCollectorTests {
    private func collect(_ chunks: [String], cap: Int = 1 << 20, longestLine: Int = 64) -> TraceLineCollector {
        var collector = TraceLineCollector(totalCap: cap, longestLine: longestLine)
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBufferPointer { collector.append($0) }
        }
        collector.finish()
        return collector
    }

    @Test func linesAreJoinedAcrossChunks() {
        let collector = collect(["{\"a\"", ":1}\n{\"b\":2", "}\n", "tail"])
        #expect(collector.lines.map { String(decoding: $0, as: UTF8.self) } == [#"{"a":1}"#, #"{"b":2}"#, "tail"])
        #expect(collector.droppedLines == 0)
    }

    @Test func overlongLineIsDroppedWholeAndTheNextSurvives() {
        let collector = collect([String(repeating: "x", count: 50), String(repeating: "y", count: 50) + "\nok\n"])
        #expect(collector.lines.map { String(decoding: $0, as: UTF8.self) } == ["ok"])
        #expect(collector.droppedLines == 1)
    }

    @Test func linesPastTheTotalCapAreCounted() {
        let collector = collect([String(repeating: "abcd\n", count: 10)], cap: 12)
        #expect(collector.lines.count == 3)
        #expect(collector.droppedLines == 7)
    }
}
