import Foundation

/// The note's lines, for what cmark does not report: whether a fence was closed, where an inline starts.
///
/// Lines are found as they are asked for, with `memchr`: most of a large note is never asked about.
struct SourceLines {
    private let bytes: [UInt8]
    private let lines: LineIndex

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.lines = LineIndex(bytes)
    }

    /// Line `number` (1-based) without its ending; empty past the end.
    subscript(number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, let range = lines.range(ofLine: number) else { return [] }
        return bytes[range]
    }

    /// Whether these lines hold `[`, `<`, `&` or `:`: every link, image, autolink, wiki link and bare address
    /// needs one of them in its source (an entity could spell any other character).
    func mayHoldLinks(onLines numbers: ClosedRange<Int>) -> Bool {
        guard numbers.lowerBound >= 1 else { return true }
        guard let first = lines.range(ofLine: numbers.lowerBound) else { return false }
        let end = max(lines.range(ofLine: numbers.upperBound)?.upperBound ?? first.upperBound, first.upperBound)
        return bytes.withUnsafeBufferPointer { buffer in
            // One `memchr` per character beats one pass looking for all four: this looks at most of a note's prose.
            let start = buffer.baseAddress! + first.lowerBound
            let count = end - first.lowerBound
            return memchr(start, Int32(UInt8(ascii: "[")), count) != nil || memchr(start, Int32(UInt8(ascii: "<")), count) != nil
                || memchr(start, Int32(UInt8(ascii: "&")), count) != nil || memchr(start, Int32(UInt8(ascii: ":")), count) != nil
        }
    }

    /// Where the last search on a line ended, so that many finds on one long line stay linear.
    struct Cursor {
        var line = 0
        var byteOffset = 0
        var column = 1
    }

    /// Column (1-based, in scalars) of the next `needle` on line `number`, searching on from `cursor`
    /// when it is on the same line; the cursor moves past the match's start. `needle` starts with an ASCII
    /// character, so that every match starts a scalar.
    func column(of needle: String, onLine number: Int, cursor: inout Cursor) -> Int? {
        var needle = needle
        return needle.withUTF8 { column(ofBytes: $0, onLine: number, cursor: &cursor) }
    }

    func column(ofBytes target: UnsafeBufferPointer<UInt8>, onLine number: Int, cursor: inout Cursor) -> Int? {
        if cursor.line != number { cursor = Cursor(line: number) }
        guard number >= 1, let range = lines.range(ofLine: number) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            let line = UnsafeBufferPointer(rebasing: buffer[range])
            guard !target.isEmpty, line.count >= target.count,
                  let match = ByteSearch.first(target, inBuffer: line, from: cursor.byteOffset) else { return nil }
            var column = cursor.column
            for byte in line[cursor.byteOffset..<match] where byte & 0xC0 != 0x80 { column += 1 }
            cursor.byteOffset = match + 1
            while cursor.byteOffset < line.count, line[cursor.byteOffset] & 0xC0 == 0x80 { cursor.byteOffset += 1 }
            cursor.column = column + 1
            return column
        }
    }

    /// Whether the block whose fence opens at `fenceLine`:`fenceColumn` is closed by the fence on `lastLine`.
    func closesFence(openedOn fenceLine: Int, column fenceColumn: Int, byLine lastLine: Int) -> Bool {
        guard lastLine > fenceLine else { return false }
        let opening = self[fenceLine].dropFirst(max(fenceColumn - 1, 0))
        guard let fenceCharacter = opening.first, fenceCharacter == UInt8(ascii: "`") || fenceCharacter == UInt8(ascii: "~") else {
            return false
        }
        let fenceLength = opening.prefix { $0 == fenceCharacter }.count
        let closing = self[lastLine].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") }
        let closingLength = closing.prefix { $0 == fenceCharacter }.count
        let rest = closing.dropFirst(closingLength)
        return closingLength >= fenceLength && rest.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

/// Where each line of a note starts and ends, counted as CommonMark counts them (`\n`, `\r\n`, a lone `\r`).
///
/// Only the starts are kept, in an array sized once: growing an array of ranges line by line cost a large note
/// more (in fresh pages) than finding the lines.
private final class LineIndex {
    private let bytes: [UInt8]
    private var starts: [Int] = []
    private var built = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func range(ofLine number: Int) -> Range<Int>? {
        if !built { build() }
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] : bytes.count
        guard end > start else { return start..<end }
        // Take off the line's ending: the last line may have none.
        if bytes[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        } else if bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return start..<end
    }

    private func build() {
        built = true
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
            if memchr(base, Int32(UInt8(ascii: "\r")), buffer.count) != nil {
                let scanner = LineScanner(bytes: bytes, from: 0)
                while let line = scanner.next() { starts.append(line.content.lowerBound) }
                return
            }
            var count = 1
            var position = base
            var remaining = buffer.count
            while let newline = memchr(position, Int32(UInt8(ascii: "\n")), remaining) {
                let next = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self) + 1)
                remaining -= position.distance(to: next)
                position = next
                if remaining > 0 { count += 1 }
            }
            starts.reserveCapacity(count)
            starts.append(0)
            position = base
            remaining = buffer.count
            while let newline = memchr(position, Int32(UInt8(ascii: "\n")), remaining) {
                let next = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self) + 1)
                remaining -= position.distance(to: next)
                position = next
                if remaining > 0 { starts.append(base.distance(to: next)) }
            }
        }
    }
}
