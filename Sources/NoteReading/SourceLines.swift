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

    /// Column (1-based, in scalars) of the first occurrence of `needle` on a line at or after `fromColumn`.
    func column(of needle: String, onLine number: Int, fromColumn: Int = 1) -> Int? {
        let line = self[number]
        let target = Array(needle.utf8)
        guard !target.isEmpty, line.count >= target.count else { return nil }
        var scalarColumn = 1
        var index = line.startIndex
        while index <= line.endIndex - target.count {
            if scalarColumn >= fromColumn, line[index..<(index + target.count)].elementsEqual(target) {
                return scalarColumn
            }
            if (line[index] & 0xC0) != 0x80 { scalarColumn += 1 }
            index += 1
            while index < line.endIndex, (line[index] & 0xC0) == 0x80 { index += 1 }
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
