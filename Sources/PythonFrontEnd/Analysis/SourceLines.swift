/// A snippet's code, editable by line; columns are 0-based Unicode scalar offsets, as the parser
/// reports them. Lines are found on demand (edits are rare, so the common path never splits).
struct SourceLines {
    private(set) var text: String

    init(_ code: String) {
        text = code
    }

    /// The range of 1-based `line` within `text`, without its line break. Breaks are `\n`, `\r\n`
    /// and a lone `\r`, as the lexer counts them.
    private func lineBounds(_ line: Int) -> Range<String.Index>? {
        guard line >= 1 else { return nil }
        var text = text
        let offsets: (Int, Int)? = text.withUTF8 { bytes in
            var start = 0
            var current = 1
            while current < line {
                guard let breakOffset = bytes[start...].firstIndex(where: { $0 == 10 || $0 == 13 }) else { return nil }
                start = breakOffset + 1
                if bytes[breakOffset] == 13, start < bytes.count, bytes[start] == 10 { start += 1 }
                current += 1
            }
            let end = bytes[start...].firstIndex(where: { $0 == 10 || $0 == 13 }) ?? bytes.count
            return (start, end)
        }
        guard let (start, end) = offsets else { return nil }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: end - start)
    }

    /// The text of 1-based `line`, or "" past the end.
    func line(_ line: Int) -> String {
        lineBounds(line).map { String(text[$0]) } ?? ""
    }

    /// Replaces scalars `from..<to` of 1-based `line` with `replacement`.
    mutating func replace(line: Int, from: Int, to: Int, with replacement: String) {
        guard let bounds = lineBounds(line) else { return }
        let scalars = text.unicodeScalars[bounds]
        let lower = scalars.index(scalars.startIndex, offsetBy: min(max(0, from), scalars.count))
        let upper = scalars.index(lower, offsetBy: min(max(0, to - max(0, from)), scalars.distance(from: lower, to: scalars.endIndex)))
        text.replaceSubrange(lower..<upper, with: replacement)
    }

    /// Scalars `from..<to` of 1-based `line`.
    func slice(line: Int, from: Int, to: Int) -> String {
        let scalars = Array(self.line(line).unicodeScalars)
        let lower = min(max(0, from), scalars.count)
        let upper = min(max(lower, to), scalars.count)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result)
    }
}
