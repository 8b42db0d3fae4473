/// Swift source, written line by line at the current indentation (four spaces a level).
struct SwiftWriter {
    private(set) var lines: [String] = []
    private var depth = 0

    mutating func line(_ text: String) {
        lines.append(text.isEmpty ? "" : String(repeating: "    ", count: depth) + text)
    }

    /// Text of several lines (a closure written as an expression), each at the current indentation.
    mutating func lines(_ text: String) {
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) { line(String(part)) }
    }

    mutating func removeLastLine() {
        if !lines.isEmpty { lines.removeLast() }
    }

    mutating func blank() {
        if let last = lines.last, !last.isEmpty { lines.append("") }
    }

    /// `header {`, the body one level in, then `}` (or `footer`).
    mutating func block(_ header: String, footer: String = "}", _ body: (inout SwiftWriter) throws -> Void) rethrows {
        line(header + " {")
        depth += 1
        try body(&self)
        depth -= 1
        line(footer)
    }

    mutating func append(_ other: SwiftWriter) {
        for text in other.lines { line(text) }
    }

    var text: String { lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") }
}
