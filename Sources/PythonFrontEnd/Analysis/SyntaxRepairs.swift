/// Repairs for lines CPython would refuse, where the intent is plain: a misspelled keyword at the
/// start of a statement, and Python 2's `print x`.
struct SyntaxRepair {
    var line: Int
    var column: Int
    var original: String
    var replacement: String
    var message: String
    var repairedLines: SourceLines
}

enum SyntaxRepairs {
    /// Keywords that begin a statement or clause, where a typo is a likely slip of the fingers.
    static let statementKeywords = [
        "return", "import", "from", "while", "for", "if", "elif", "else", "def", "class", "with", "try",
        "except", "finally", "raise", "pass", "break", "continue", "yield", "assert", "del", "global",
        "nonlocal", "async", "await", "lambda",
    ]

    /// A repair of the statement at 1-based `line` that makes the error there go away, if one is sure.
    /// `knownNames` are names bound in the session: a known name is never taken for a typo.
    static func repair(_ lines: SourceLines, errorLine line: Int, knownNames: Set<String>,
                       parses: (String) -> PythonSyntaxError?) -> SyntaxRepair? {
        if let repair = noteRepair(lines, errorLine: line, parses: parses) { return repair }
        let text = lines.line(line)
        let scalars = Array(text.unicodeScalars)
        var start = 0
        while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        var end = start
        while end < scalars.count, scalars[end].properties.isXIDContinue { end += 1 }
        guard end > start else { return nil }
        let word = lines.slice(line: line, from: start, to: end)
        if word == "print" {
            return printRepair(lines, line: line, wordStart: start, wordEnd: end, parses: parses)
        }
        guard !Keywords.names.contains(word), !knownNames.contains(word) else { return nil }
        let candidates = statementKeywords
            .map { (keyword: $0, distance: EditDistance.distance(word, $0)) }
            .filter { $0.distance >= 1 && ($0.distance == 1 || ($0.distance == 2 && word.count >= 5)) }
            .sorted { $0.distance < $1.distance }
        guard let best = candidates.first?.distance else { return nil }
        let fitting = candidates.filter { $0.distance == best }.compactMap { candidate -> SyntaxRepair? in
            var repaired = lines
            repaired.replace(line: line, from: start, to: end, with: candidate.keyword)
            guard movesPast(line, parses(repaired.text)) else { return nil }
            return SyntaxRepair(line: line, column: start, original: word, replacement: candidate.keyword,
                                message: "misspelled keyword `\(word)` read as `\(candidate.keyword)`",
                                repairedLines: repaired)
        }
        return fitting.count == 1 ? fitting[0] : nil
    }

    /// True when the source parses, or its first error is now on a later line.
    private static func movesPast(_ line: Int, _ error: PythonSyntaxError?) -> Bool {
        guard let error else { return true }
        return error.line > line
    }

    /// `print x, y` → `print(x, y)`; a trailing comma (no newline in Python 2) becomes `end=' '`.
    private static func printRepair(_ lines: SourceLines, line: Int, wordStart: Int, wordEnd: Int,
                                    parses: (String) -> PythonSyntaxError?) -> SyntaxRepair? {
        let text = lines.line(line)
        let scalars = Array(text.unicodeScalars)
        let codeEnd = commentStart(scalars)
        var argumentsStart = wordEnd
        while argumentsStart < codeEnd, scalars[argumentsStart] == " " || scalars[argumentsStart] == "\t" { argumentsStart += 1 }
        var argumentsEnd = codeEnd
        while argumentsEnd > argumentsStart, scalars[argumentsEnd - 1] == " " || scalars[argumentsEnd - 1] == "\t" {
            argumentsEnd -= 1
        }
        guard argumentsEnd > argumentsStart, argumentsStart > wordEnd else { return nil }
        var arguments = lines.slice(line: line, from: argumentsStart, to: argumentsEnd)
        guard !arguments.hasPrefix(">>") else { return nil }
        if arguments.hasSuffix(",") {
            arguments.removeLast()
            arguments += ", end=' '"
        }
        let original = lines.slice(line: line, from: wordStart, to: argumentsEnd)
        let replacement = "print(\(arguments))"
        var repaired = lines
        repaired.replace(line: line, from: wordStart, to: argumentsEnd, with: replacement)
        guard movesPast(line, parses(repaired.text)) else { return nil }
        return SyntaxRepair(line: line, column: wordStart, original: original, replacement: replacement,
                            message: "Python 2 print statement `\(original)` read as `\(replacement)`",
                            repairedLines: repaired)
    }

    /// Where a `#` comment starts on a line (outside quotes), or the line's length.
    static func commentStart(_ scalars: [Unicode.Scalar]) -> Int {
        var quote: Unicode.Scalar?
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 1 } else if scalar == open { quote = nil }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "#" {
                return index
            }
            index += 1
        }
        return scalars.count
    }
}
