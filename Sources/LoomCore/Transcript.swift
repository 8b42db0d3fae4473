/// The output a note writes under its code, to be checked against what the code prints, as `doctest`
/// checks a session transcript.
public struct Transcript: Hashable, Sendable, Codable {
    public enum Style: String, Hashable, Sendable, Codable {
        /// A REPL session: code after `>>> ` and `... `, output on the lines under it.
        case prompts
        /// Plain code with what it printed written after `>>> ` (`print(x)` then `>>> 42`).
        case markedOutput = "marked-output"
        /// Code, then what it printed pasted under it in the same block with no marks.
        case pastedOutput = "pasted-output"
    }

    public var style: Style
    public var examples: [TranscriptExample]

    public init(style: Style, examples: [TranscriptExample]) {
        self.style = style
        self.examples = examples
    }

    public var expectedLineCount: Int { examples.reduce(0) { $0 + $1.expected.count } }
}

/// One source and the output written under it (doctest's `Example`).
public struct TranscriptExample: Hashable, Sendable, Codable {
    public struct Line: Hashable, Sendable, Codable {
        /// Line of the note file.
        public var line: Int
        public var text: String

        public init(line: Int, text: String) {
            self.line = line
            self.text = text
        }
    }

    /// Note line of the example's first source line.
    public var sourceLine: Int
    public var expected: [Line]
    /// `# doctest: +ELLIPSIS` on the source: `...` in the expected output matches any text.
    public var ellipsis: Bool
    /// `# doctest: +NORMALIZE_WHITESPACE`: runs of whitespace compare equal.
    public var normalizeWhitespace: Bool

    public init(sourceLine: Int, expected: [Line], ellipsis: Bool = false, normalizeWhitespace: Bool = false) {
        self.sourceLine = sourceLine
        self.expected = expected
        self.ellipsis = ellipsis
        self.normalizeWhitespace = normalizeWhitespace
    }

    /// The `ErrorName: message` doctest compares when the expected output is a traceback, else nil.
    public var expectedException: String? {
        guard let first = expected.first?.text,
              first.hasPrefix("Traceback (most recent call last):") || first.hasPrefix("Traceback (innermost last):")
        else { return nil }
        // The stack is every indented line after the header; the message starts at the first that is not.
        guard let start = expected.dropFirst().firstIndex(where: { !($0.text.first?.isWhitespace ?? true) }) else { return "" }
        return expected[start...].map(\.text).joined(separator: "\n")
    }
}

/// How the output of one run compares with a transcript.
public struct TranscriptCheck: Hashable, Sendable, Codable {
    public struct ExampleResult: Hashable, Sendable, Codable {
        public var sourceLine: Int
        /// Each expected line with whether it was found in what the run printed.
        public var lines: [LineResult]
        /// What the run printed for this example (or the exception it raised); nil when it was never reached.
        public var actual: [String]?
        public var matched: Bool
    }

    public struct LineResult: Hashable, Sendable, Codable {
        public var line: Int
        public var text: String
        public var matched: Bool
    }

    public var examples: [ExampleResult]

    public var expectedLines: Int { examples.reduce(0) { $0 + $1.lines.count } }
    public var matchedLines: Int { examples.reduce(0) { $0 + $1.lines.filter(\.matched).count } }
    public var allMatched: Bool { examples.allSatisfy(\.matched) }

    /// Compares each example's output (`outputs[k]` is what example k printed; missing when the run
    /// ended before it) with what the note wrote, by doctest's rules; `exception` is the
    /// `ErrorName: message` that ended the run inside example `raisedIn`.
    public static func check(_ transcript: Transcript, outputs: [Int: [String]], exception: String?, raisedIn: Int?) -> TranscriptCheck {
        var results: [ExampleResult] = []
        for (offset, example) in transcript.examples.enumerated() {
            let reached = outputs[offset] != nil || raisedIn == offset
            guard reached else {
                results.append(ExampleResult(sourceLine: example.sourceLine,
                                             lines: example.expected.map { LineResult(line: $0.line, text: $0.text, matched: false) },
                                             actual: nil, matched: example.expected.isEmpty && raisedIn == nil))
                continue
            }
            if raisedIn == offset, let exception {
                let want = example.expectedException
                let matched = want.map { DoctestComparison.matches(want: $0 + "\n", got: exception + "\n", example: example) } ?? false
                var lines = example.expected.map { LineResult(line: $0.line, text: $0.text, matched: matched) }
                if !matched, want != nil, !lines.isEmpty { lines[0].matched = true }
                results.append(ExampleResult(sourceLine: example.sourceLine, lines: lines,
                                             actual: ["Traceback (most recent call last):", "  ..."] + exception.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                             matched: matched))
                continue
            }
            let got = outputs[offset] ?? []
            let want = example.expected.map(\.text)
            if example.expectedException == nil,
               DoctestComparison.matches(want: DoctestComparison.text(want), got: DoctestComparison.text(got), example: example) {
                results.append(ExampleResult(sourceLine: example.sourceLine,
                                             lines: example.expected.map { LineResult(line: $0.line, text: $0.text, matched: true) },
                                             actual: got, matched: true))
                continue
            }
            let matchedPositions = DoctestComparison.matchedLines(want: want, got: got, example: example)
            results.append(ExampleResult(
                sourceLine: example.sourceLine,
                lines: example.expected.enumerated().map { LineResult(line: $0.element.line, text: $0.element.text, matched: matchedPositions.contains($0.offset)) },
                actual: got, matched: false))
        }
        return TranscriptCheck(examples: results)
    }
}

/// `doctest.OutputChecker.check_output`, for the options Loom reads.
public enum DoctestComparison {
    /// Lines as doctest sees output: each ends with a newline; no lines is the empty text.
    public static func text(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    /// `want` and `got` as doctest holds them: text whose every line ends with a newline.
    public static func matches(want: String, got: String, example: TranscriptExample) -> Bool {
        if want == got { return true }
        let wantBlank = want.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasPrefix("<BLANKLINE>") && line.dropFirst(11).allSatisfy(\.isWhitespace) ? "" : line
        }.joined(separator: "\n")
        let gotBlank = got.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.allSatisfy(\.isWhitespace) ? "" : line
        }.joined(separator: "\n")
        if wantBlank == gotBlank { return true }
        var wantText = wantBlank, gotText = gotBlank
        if example.normalizeWhitespace {
            wantText = wantText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            gotText = gotText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if wantText == gotText { return true }
        }
        if example.ellipsis { return ellipsisMatch(want: wantText, got: gotText) }
        return false
    }

    /// doctest's `_ellipsis_match`: the pieces between `...` appear in order, the first at the start
    /// and the last at the end.
    public static func ellipsisMatch(want: String, got: String) -> Bool {
        guard want.contains("...") else { return want == got }
        let pieces = split(want, on: "...")
        var rest = Substring(got)
        guard let first = pieces.first, let last = pieces.last else { return true }
        guard rest.hasPrefix(first) else { return false }
        rest = rest.dropFirst(first.count)
        guard rest.count >= last.count, rest.hasSuffix(last) else { return false }
        rest = rest.dropLast(last.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = firstEnd(of: piece, in: rest) else { return false }
            rest = rest[found...]
        }
        return true
    }

    private static func split(_ text: String, on separator: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while let end = firstEnd(of: separator, in: rest) {
            pieces.append(String(rest[..<rest.index(end, offsetBy: -separator.count)]))
            rest = rest[end...]
        }
        pieces.append(String(rest))
        return pieces
    }

    /// Where the first occurrence of `needle` in `text` ends.
    private static func firstEnd(of needle: String, in text: Substring) -> String.Index? {
        var start = text.startIndex
        while start < text.endIndex {
            if text[start...].hasPrefix(needle) { return text.index(start, offsetBy: needle.count) }
            start = text.index(after: start)
        }
        return nil
    }

    /// Positions of expected lines found, in order, among the lines printed (a longest common
    /// subsequence, each pair compared by the example's rules): what the card marks as matched.
    public static func matchedLines(want: [String], got: [String], example: TranscriptExample) -> Set<Int> {
        guard !want.isEmpty, !got.isEmpty, want.count * got.count <= 4_000_000 else { return [] }
        let rows = want.count, columns = got.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: columns + 1), count: rows + 1)
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                table[i][j] = matches(want: want[i] + "\n", got: got[j] + "\n", example: example)
                    ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var matched: Set<Int> = []
        var i = 0, j = 0
        while i < rows, j < columns {
            if matches(want: want[i] + "\n", got: got[j] + "\n", example: example), table[i][j] == table[i + 1][j + 1] + 1 {
                matched.insert(i)
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return matched
    }
}
