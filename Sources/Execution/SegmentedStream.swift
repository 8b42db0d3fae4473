/// One output stream of a child, split into segments at cell-marker lines, each segment capped.
///
/// Bytes past a segment's cap are counted and dropped but still scanned for markers, so a cell that
/// floods its output neither grows Loom's memory nor hides the next cell's start.
struct SegmentedStream {
    /// Output between two marker lines; `cell` is nil for what came before the first marker.
    struct Segment {
        var cell: Int?
        var bytes: [UInt8] = []
        var droppedBytes = 0
        /// Monotonic nanoseconds when the marker (or the first byte, for the opening segment) arrived.
        var startedAt: UInt64
    }

    static let recordSeparator: UInt8 = 0x1E
    static let markerBody = Array("loom-cell ".utf8)
    /// A marker line is short; anything longer starting with the separator is ordinary output.
    static let longestMarkerLine = 32
    /// Cells only move forward and a note has far fewer than this many; a child printing marker after
    /// marker must not be able to grow Loom's memory one segment at a time.
    static let mostSegments = 10_000

    let capPerSegment: Int
    /// Bytes kept over all segments: many cells each printing up to their cap must not add up to
    /// gigabytes either.
    let totalCap: Int
    let splitsAtMarkers: Bool
    private(set) var segments: [Segment]
    private var pendingMarker: [UInt8]?
    private var keptBytes = 0

    init(capPerSegment: Int, splitsAtMarkers: Bool, startedAt: UInt64, totalCap: Int = 64 << 20) {
        self.capPerSegment = capPerSegment
        self.totalCap = max(totalCap, capPerSegment)
        self.splitsAtMarkers = splitsAtMarkers
        segments = [Segment(cell: nil, startedAt: startedAt)]
    }

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>, at now: UInt64) {
        guard splitsAtMarkers else {
            appendOutput(chunk[...])
            return
        }
        var index = chunk.startIndex
        while index < chunk.endIndex {
            if pendingMarker != nil {
                index = continueMarker(chunk, from: index, at: now)
                continue
            }
            // A marker may follow output that did not end its line (`print(x, end="")` in the cell
            // before); the separator byte and the exact marker text are what make it one.
            let markerStart = chunk[index...].firstIndex(of: Self.recordSeparator)
            let end = markerStart ?? chunk.endIndex
            appendOutput(chunk[index..<end])
            if let markerStart {
                pendingMarker = []
                index = markerStart
            } else {
                index = end
            }
        }
    }

    /// Ends the stream: a marker cut off by the end of output is plain output after all.
    mutating func finish() {
        if let pending = pendingMarker {
            pendingMarker = nil
            pending.withUnsafeBufferPointer { appendOutput($0[...]) }
        }
    }

    private mutating func continueMarker(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, at now: UInt64) -> Int {
        var index = start
        while index < chunk.endIndex, pendingMarker!.count <= Self.longestMarkerLine {
            let byte = chunk[index]
            pendingMarker!.append(byte)
            index += 1
            if byte == UInt8(ascii: "\n") {
                let line = pendingMarker!
                pendingMarker = nil
                if let cell = Self.cellNumber(inMarkerLine: line), cell > (segments.last!.cell ?? 0),
                   segments.count < Self.mostSegments {
                    segments.append(Segment(cell: cell, startedAt: now))
                } else {
                    line.withUnsafeBufferPointer { appendOutput($0[...]) }
                }
                return index
            }
        }
        if pendingMarker!.count > Self.longestMarkerLine {
            let line = pendingMarker!
            pendingMarker = nil
            line.withUnsafeBufferPointer { appendOutput($0[...]) }
        }
        return index
    }

    /// `\u{1E}loom-cell K\n` → K.
    static func cellNumber(inMarkerLine line: [UInt8]) -> Int? {
        let prefixLength = 1 + markerBody.count
        guard line.count > prefixLength + 1, line.first == recordSeparator, line.last == UInt8(ascii: "\n"),
              Array(line[1..<prefixLength]) == markerBody
        else { return nil }
        let digits = line[prefixLength..<(line.count - 1)]
        guard digits.count <= 9, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private mutating func appendOutput(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        guard !bytes.isEmpty else { return }
        let last = segments.count - 1
        let room = max(0, min(capPerSegment - segments[last].bytes.count, totalCap - keptBytes))
        let kept = min(room, bytes.count)
        if kept > 0 {
            segments[last].bytes.append(contentsOf: bytes.prefix(kept))
            keptBytes += kept
        }
        segments[last].droppedBytes += bytes.count - kept
    }
}

extension SegmentedStream.Segment {
    /// The captured text, with a visible line saying how much was dropped at the cap.
    var text: String {
        guard droppedBytes > 0 else { return String(decoding: bytes, as: UTF8.self) }
        // The cap may have cut a character in two; its first bytes go with the dropped ones.
        let kept = Self.completeUTF8Prefix(bytes)
        var text = String(decoding: kept, as: UTF8.self)
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        return text + "[… \(droppedBytes + bytes.count - kept.count) bytes dropped]\n"
    }

    /// `bytes` without a multi-byte UTF-8 sequence left unfinished at its end.
    static func completeUTF8Prefix(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard !bytes.isEmpty else { return bytes[...] }
        // A sequence is at most 4 bytes: look back for its lead byte.
        for back in 1...min(4, bytes.count) {
            let byte = bytes[bytes.count - back]
            if byte & 0b1100_0000 == 0b1000_0000 { continue }  // continuation byte
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > back ? bytes[..<(bytes.count - back)] : bytes[...]
        }
        return bytes[...]
    }
}
