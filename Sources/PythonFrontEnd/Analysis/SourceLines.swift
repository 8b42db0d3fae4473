/// A snippet's code as editable lines; columns are 0-based Unicode scalar offsets, as the
/// parser reports them.
struct SourceLines {
    var lines: [String]

    init(_ code: String) {
        lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    var text: String { lines.joined(separator: "\n") }

    /// The text of 1-based `line`, or "" past the end.
    func line(_ line: Int) -> String {
        line >= 1 && line <= lines.count ? lines[line - 1] : ""
    }

    /// Replaces scalars `from..<to` of 1-based `line` with `replacement`.
    mutating func replace(line: Int, from: Int, to: Int, with replacement: String) {
        guard line >= 1, line <= lines.count else { return }
        let scalars = Array(lines[line - 1].unicodeScalars)
        let lower = min(max(0, from), scalars.count)
        let upper = min(max(lower, to), scalars.count)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[..<lower])
        result.append(contentsOf: replacement.unicodeScalars)
        result.append(contentsOf: scalars[upper...])
        lines[line - 1] = String(result)
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
