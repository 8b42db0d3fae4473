import LoomCore

/// Reads what a note asks of a snippet: words of the fence's info string after the language
/// (`py skip`, `{.python .skip timeout=5}`) and `# loom: …` comment lines at the top of the code.
enum SnippetSettingsReader {
    struct Result {
        var settings = SnippetSettings()
        /// Words Loom does not know, with the note line they are on.
        var problems: [(line: Int, message: String)] = []
    }

    static func read(infoString: String, fenceLine: Int, code: String, firstCodeLine: Int) -> Result {
        var result = Result()
        var info = Substring(infoString)
        if info.hasPrefix("{") {
            info = info.dropFirst()
            if let close = info.lastIndex(of: "}") { info = info[..<close] }
        }
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).dropFirst()
        for word in words {
            var word = word
            if word.hasPrefix(".") { word = word.dropFirst() }
            // A fence may carry attributes for other tools (`title="x"`, `.numberLines`): only Loom's words count.
            _ = apply(word, to: &result.settings)
        }
        var line = firstCodeLine
        for text in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("#") else { break }
            let comment = trimmed.dropFirst().drop { $0 == " " }
            guard comment.lowercased().hasPrefix("loom:") else { break }
            for word in comment.dropFirst(5).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
                if !apply(word, to: &result.settings) {
                    result.problems.append((line, "unknown snippet setting `\(word)`; Loom knows skip, timeout=SECONDS, raises[=ErrorName], timing-sensitive"))
                }
            }
            line += 1
        }
        return result
    }

    /// True when the word is one of Loom's.
    private static func apply(_ word: Substring, to settings: inout SnippetSettings) -> Bool {
        let parts = word.split(separator: "=", maxSplits: 1)
        let key = parts.first.map { $0.lowercased() } ?? ""
        let value = parts.count > 1 ? String(parts[1]).trimmingQuotes : nil
        switch key {
        case "skip" where value == nil:
            settings.skip = true
        case "timeout":
            guard let value, let seconds = Double(value.hasSuffix("s") ? String(value.dropLast()) : value), seconds > 0 else { return false }
            settings.timeout = seconds
        case "raises":
            settings.expectedException = value ?? ""
        case "timing-sensitive" where value == nil, "timing_sensitive" where value == nil:
            settings.timingSensitive = true
        default:
            return false
        }
        return true
    }
}

private extension String {
    var trimmingQuotes: String {
        var text = Substring(self)
        while let first = text.first, first == "\"" || first == "'" { text = text.dropFirst() }
        while let last = text.last, last == "\"" || last == "'" { text = text.dropLast() }
        return String(text)
    }
}
