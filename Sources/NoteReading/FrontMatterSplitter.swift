/// Where the front matter block sits in a note, found on raw bytes so that every line keeps its number.
struct FrontMatterBlock {
    /// The YAML between the two `---` lines.
    var yaml: String
    /// Note line of the first YAML line.
    var firstYAMLLine: Int
    /// Lines 1 through this one belong to the block, fences included.
    var lastLine: Int
}

enum FrontMatterSplitter {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Finds a front matter block opened by `---` on the note's first line.
    ///
    /// Returns nil when the note has none; `unclosed` when the opening fence has no closing `---` or `...`.
    static func find(in bytes: [UInt8]) -> Result {
        var start = 0
        if bytes.starts(with: byteOrderMark) { start = 3 }
        let lines = LineScanner(bytes: bytes, from: start)
        guard let first = lines.next(), isFence(bytes[first.content], allowingDots: false) else {
            return .none
        }
        var yamlStart: Int?
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            if yamlStart == nil { yamlStart = line.content.lowerBound }
            if isFence(bytes[line.content], allowingDots: true) {
                let yamlBytes = bytes[(yamlStart ?? line.content.lowerBound)..<line.content.lowerBound]
                return .found(FrontMatterBlock(
                    yaml: String(decoding: yamlBytes, as: UTF8.self),
                    firstYAMLLine: 2,
                    lastLine: lineNumber
                ))
            }
        }
        return .unclosed
    }

    enum Result {
        case none
        case unclosed
        case found(FrontMatterBlock)
    }

    private static func isFence(_ line: ArraySlice<UInt8>, allowingDots: Bool) -> Bool {
        var trimmed = line[...]
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            trimmed = trimmed.dropLast()
        }
        if trimmed.elementsEqual("---".utf8) { return true }
        return allowingDots && trimmed.elementsEqual("...".utf8)
    }

    /// What cmark reads in place of lines 1 through `lastLine` (their endings alone, so cmark's line numbers
    /// are the file's) and the offset where the rest of the note starts.
    static func lineEndings(through lastLine: Int, of bytes: [UInt8]) -> (endings: [UInt8], rest: Int) {
        var endings: [UInt8] = []
        let lines = LineScanner(bytes: bytes, from: 0)
        var number = 0
        while number < lastLine, let line = lines.next() {
            number += 1
            endings.append(contentsOf: bytes[line.content.upperBound..<line.end])
            if number == lastLine { return (endings, line.end) }
        }
        return (endings, bytes.count)
    }
}

/// Walks lines the way CommonMark counts them: `\n`, `\r\n` and a lone `\r` each end a line.
final class LineScanner {
    struct Line {
        /// The line's text, without its ending.
        var content: Range<Int>
        /// Index after the line ending.
        var end: Int
    }

    private let bytes: [UInt8]
    private var position: Int

    init(bytes: [UInt8], from start: Int) {
        self.bytes = bytes
        self.position = start
    }

    func next() -> Line? {
        guard position < bytes.count else { return nil }
        let start = position
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
            index += 1
        }
        var end = index
        if end < bytes.count {
            end += (bytes[end] == UInt8(ascii: "\r") && end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "\n")) ? 2 : 1
        }
        position = end
        return Line(content: start..<index, end: end)
    }
}
