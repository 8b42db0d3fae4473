/// A fenced Python block of a note, as written.
public struct Snippet: Hashable, Sendable, Codable {
    /// 1-based position among the note's snippets.
    public var index: Int
    /// The info string after the fence, untouched (`py`, `{.python title="x"}` …).
    public var infoString: String
    /// Line of the opening fence in the note file.
    public var fenceLine: Int
    /// Line of the first code line in the note file (what the code's line 1 maps to).
    public var firstCodeLine: Int
    /// Columns the fence was indented by (inside lists, code lines keep this offset).
    public var indent: Int
    /// The code, with the fence's indentation removed; always ends with a newline unless empty.
    public var code: String
    /// The fence was never closed: the block runs to the end of its container.
    public var isUnclosed: Bool
    /// What the note asks of this snippet: skip it, its own time limit, an expected exception …
    public var settings: SnippetSettings

    public init(
        index: Int, infoString: String, fenceLine: Int, firstCodeLine: Int,
        indent: Int = 0, code: String, isUnclosed: Bool = false, settings: SnippetSettings = SnippetSettings()
    ) {
        self.index = index
        self.infoString = infoString
        self.fenceLine = fenceLine
        self.firstCodeLine = firstCodeLine
        self.indent = indent
        self.code = code
        self.isUnclosed = isUnclosed
        self.settings = settings
    }

    /// Lines of the code paired with their line in the note file.
    public var numberedLines: [(line: Int, text: Substring)] {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.enumerated().map { (firstCodeLine + $0.offset, $0.element) }
    }
}
