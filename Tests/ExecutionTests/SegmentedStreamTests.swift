import Testing
@testable import Execution

@Suite struct SegmentedStreamTests {
    private func split(_ text: String, chunkSize: Int, cap: Int = 1000) -> [(Int?, String, Int)] {
        var stream = SegmentedStream(capPerSegment: cap, splitsAtMarkers: true, startedAt: 0)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            bytes[start..<end].withUnsafeBufferPointer { stream.append($0, at: UInt64(start)) }
            start = end
        }
        stream.finish()
        return stream.segments.map { ($0.cell, String(decoding: $0.bytes, as: UTF8.self), $0.droppedBytes) }
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func markersAreFoundWhateverTheChunking(chunkSize: Int) {
        let text = "pre\n\u{1E}loom-cell 1\na\nb\n\u{1E}loom-cell 12\nc"
        let segments = split(text, chunkSize: chunkSize)
        #expect(segments.map(\.0) == [nil, 1, 12])
        #expect(segments.map(\.1) == ["pre\n", "a\nb\n", "c"])
    }

    @Test func separatorWithoutAMarkerIsOutput() {
        let text = "\u{1E}loom-cell x\n\u{1E}not a marker\n\u{1E}loom-cell 3 \n\u{1E}\u{1E}"
        let segments = split(text, chunkSize: 4)
        #expect(segments.count == 1)
        #expect(segments[0].1 == text)
    }

    @Test func markerAfterAnUnfinishedLineStillSplits() {
        let segments = split("\u{1E}loom-cell 1\nno newline\u{1E}loom-cell 2\nnext\n", chunkSize: 5)
        #expect(segments.map(\.0) == [nil, 1, 2])
        #expect(segments.map(\.1) == ["", "no newline", "next\n"])
    }

    @Test func unfinishedMarkerAtTheEndIsOutput() {
        let segments = split("a\n\u{1E}loom-cell 3", chunkSize: 5)
        #expect(segments.count == 1)
        #expect(segments[0].1 == "a\n\u{1E}loom-cell 3")
    }

    @Test func capAppliesPerSegmentAndMarkersAreSeenPastIt() {
        let text = "\u{1E}loom-cell 1\n" + String(repeating: "x", count: 50) + "\n\u{1E}loom-cell 2\nshort\n"
        let segments = split(text, chunkSize: 8, cap: 10)
        #expect(segments.map(\.0) == [nil, 1, 2])
        #expect(segments[1].1 == String(repeating: "x", count: 10))
        #expect(segments[1].2 == 41)
        #expect(segments[2].1 == "short\n")
    }

    @Test func droppedBytesShowAsAVisibleLine() {
        let segment = SegmentedStream.Segment(cell: 1, bytes: Array("abc".utf8), droppedBytes: 123_456, startedAt: 0)
        #expect(segment.text == "abc\n[… 123456 bytes dropped]\n")
    }

    @Test func markersThatDoNotMoveForwardAreOutput() {
        let text = "\u{1E}loom-cell 2\na\n\u{1E}loom-cell 2\n\u{1E}loom-cell 1\n"
        let segments = split(text, chunkSize: 3)
        #expect(segments.map(\.0) == [nil, 2])
        #expect(segments[1].1 == "a\n\u{1E}loom-cell 2\n\u{1E}loom-cell 1\n")
    }

    @Test func aFloodOfMarkersCannotGrowTheSegmentsWithoutBound() {
        let text = (1...20_000).map { "\u{1E}loom-cell \($0)\n" }.joined()
        var stream = SegmentedStream(capPerSegment: 10, splitsAtMarkers: true, startedAt: 0)
        Array(text.utf8).withUnsafeBufferPointer { stream.append($0, at: 0) }
        #expect(stream.segments.count == SegmentedStream.mostSegments)
    }

    @Test func capNeverCutsACharacterInTwo() {
        // "é" is 2 bytes, "✓" 3, "🧵" 4: a cap of 6 bytes lands inside the thread emoji.
        let segment = SegmentedStream.Segment(cell: 1, bytes: Array("é✓🧵".utf8.prefix(6)), droppedBytes: 3, startedAt: 0)
        #expect(segment.text == "é✓\n[… 4 bytes dropped]\n")
        let whole = SegmentedStream.Segment(cell: 1, bytes: Array("é✓".utf8), droppedBytes: 1, startedAt: 0)
        #expect(whole.text == "é✓\n[… 1 bytes dropped]\n")
        #expect(SegmentedStream.Segment.completeUTF8Prefix(Array("ab".utf8) + [0xE2, 0x9C]) == Array("ab".utf8)[...])
        #expect(SegmentedStream.Segment.completeUTF8Prefix([]) == [])
    }

    @Test func manyCellsAtTheirCapStillStayWithinTheTotal() {
        var stream = SegmentedStream(capPerSegment: 10, splitsAtMarkers: true, startedAt: 0, totalCap: 25)
        let text = (1...5).map { "\u{1E}loom-cell \($0)\n" + String(repeating: "x", count: 20) }.joined()
        Array(text.utf8).withUnsafeBufferPointer { stream.append($0, at: 0) }
        #expect(stream.segments.dropFirst().map(\.bytes.count) == [10, 10, 5, 0, 0])
        #expect(stream.segments.dropFirst().map(\.droppedBytes) == [10, 10, 15, 20, 20])
    }
}
