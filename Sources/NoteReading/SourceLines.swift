/// The body's lines, for what cmark does not report: whether a fence was closed, where an inline starts.
struct SourceLines {
    private let bytes: [UInt8]
    private var ranges: [Range<Int>] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let scanner = LineScanner(bytes: bytes, from: 0)
        while let line = scanner.next() { ranges.append(line.content) }
    }

    /// Line `number` (1-based) without its ending; empty past the end.
    subscript(number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= ranges.count else { return [] }
        return bytes[ranges[number - 1]]
    }

    /// Where the last search on a line ended, so that many finds on one long line stay linear.
    struct Cursor {
        var line = 0
        var byteOffset = 0
        var column = 1
    }

    /// Column (1-based, in scalars) of the next `needle` on line `number`, searching on from `cursor`
    /// when it is on the same line; the cursor moves past the match's start.
    func column(of needle: String, onLine number: Int, cursor: inout Cursor) -> Int? {
        if cursor.line != number { cursor = Cursor(line: number) }
        let line = self[number]
        let target = Array(needle.utf8)
        guard !target.isEmpty, line.count >= target.count else { return nil }
        var offset = cursor.byteOffset
        var column = cursor.column
        let lastStart = line.count - target.count
        while offset <= lastStart {
            let index = line.startIndex + offset
            if line[index] == target[0], line[index..<(index + target.count)].elementsEqual(target) {
                cursor.byteOffset = offset + 1
                cursor.column = column + 1
                while cursor.byteOffset < line.count, (line[line.startIndex + cursor.byteOffset] & 0xC0) == 0x80 { cursor.byteOffset += 1 }
                return column
            }
            offset += 1
            while offset < line.count, (line[line.startIndex + offset] & 0xC0) == 0x80 { offset += 1 }
            column += 1
        }
        return nil
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
