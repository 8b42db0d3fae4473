/// Repairs for what study notes get wrong on the way through Markdown and word processors: bold
/// eating dunder names, curly quotes, invisible spaces, `=` for `==`, a missing `self.` dot.
extension SyntaxRepairs {
    /// Tried on the line the parse failed on, in order; the first that moves the error past the line wins.
    static func noteRepair(_ lines: SourceLines, errorLine line: Int, parses: (String) -> PythonSyntaxError?) -> SyntaxRepair? {
        let text = lines.line(line)
        let candidates: [(String, String, String)?] = [
            invisibleSpaces(lines),
            boldDunders(text),
            curlyQuotes(text),
            assignmentInCondition(text),
            missingSelfDot(text),
        ]
        for candidate in candidates {
            guard let (replacement, message, original) = candidate else { continue }
            var repaired = lines
            if message.hasPrefix("invisible") {
                repaired = SourceLines(replacement)
            } else {
                repaired.replace(line: line, from: 0, to: text.unicodeScalars.count, with: replacement)
            }
            let error = parses(repaired.text)
            guard error == nil || error!.line > line || (message.hasPrefix("invisible") && error!.line != line) else { continue }
            let shownOriginal = message.hasPrefix("invisible") ? original : text.trimmedForDisplay
            let shownReplacement = message.hasPrefix("invisible") ? "spaces" : replacement.trimmedForDisplay
            return SyntaxRepair(line: line, column: 0, original: shownOriginal, replacement: shownReplacement,
                                message: message, repairedLines: repaired)
        }
        return nil
    }

    /// U+00A0 (no-break space) and U+200B/U+FEFF (zero-width) copied in from a web page or a PDF.
    private static func invisibleSpaces(_ lines: SourceLines) -> (String, String, String)? {
        var count = 0
        var result = String.UnicodeScalarView()
        for scalar in lines.text.unicodeScalars {
            switch scalar {
            case "\u{00A0}", "\u{2007}", "\u{202F}": result.append(" "); count += 1
            case "\u{200B}", "\u{FEFF}", "\u{2060}": count += 1
            default: result.append(scalar)
            }
        }
        guard count > 0 else { return nil }
        return (String(result), "invisible characters read as spaces: \(count) no-break or zero-width \(count == 1 ? "space" : "spaces")",
                "\(count) no-break or zero-width \(count == 1 ? "space" : "spaces")")
    }

    /// `def **init**(self)` → `def __init__(self)`: Markdown read `__init__` as bold.
    private static func boldDunders(_ text: String) -> (String, String, String)? {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        var changed = false
        while index < scalars.count {
            if index + 1 < scalars.count, scalars[index] == "*", scalars[index + 1] == "*" {
                var end = index + 2
                while end < scalars.count, scalars[end].properties.isXIDContinue, scalars[end] != "*" { end += 1 }
                if end > index + 2, end + 1 < scalars.count, scalars[end] == "*", scalars[end + 1] == "*",
                   scalars[index + 2].properties.isXIDStart || scalars[index + 2] == "_" {
                    result.append(contentsOf: "__".unicodeScalars)
                    result.append(contentsOf: scalars[(index + 2)..<end])
                    result.append(contentsOf: "__".unicodeScalars)
                    index = end + 2
                    changed = true
                    continue
                }
            }
            result.append(scalars[index])
            index += 1
        }
        guard changed else { return nil }
        return (String(result), "`**name**` read as `__name__`: Markdown took the underscores of a dunder name for bold", text)
    }

    /// `print(“hello”)` → `print("hello")`.
    private static func curlyQuotes(_ text: String) -> (String, String, String)? {
        let map: [Unicode.Scalar: Unicode.Scalar] = ["\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{2018}": "'", "\u{2019}": "'"]
        guard text.unicodeScalars.contains(where: { map[$0] != nil }) else { return nil }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(map[scalar] ?? scalar) }
        return (String(result), "curly quotes read as straight quotes", text)
    }

    /// `if __name__ = "__main__":` → `==`: a condition never assigns with a plain `=`.
    private static func assignmentInCondition(_ text: String) -> (String, String, String)? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        let head = String(String.UnicodeScalarView(scalars[start...]))
        guard ["if ", "elif ", "while "].contains(where: { head.hasPrefix($0) }), head.hasSuffix(":") || head.contains(": ") || head.contains(":#") else { return nil }
        let codeEnd = commentStart(scalars)
        var quote: Unicode.Scalar?
        var depth = 0
        var found: [Int] = []
        var index = start
        while index < codeEnd {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 1 } else if scalar == open { quote = nil }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "(" || scalar == "[" || scalar == "{" {
                depth += 1
            } else if scalar == ")" || scalar == "]" || scalar == "}" {
                depth -= 1
            } else if scalar == "=", depth == 0 {
                let before = index > 0 ? scalars[index - 1] : " "
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                if !"=<>!:+-*/%&|^@".unicodeScalars.contains(before), after != "=" { found.append(index) }
            }
            index += 1
        }
        guard found.count == 1, let position = found.first else { return nil }
        var result = String.UnicodeScalarView(scalars[..<position])
        result.append(contentsOf: "==".unicodeScalars)
        result.append(contentsOf: scalars[(position + 1)...])
        return (String(result), "`=` in a condition read as `==`", text)
    }

    /// `self price = price` → `self.price = price`.
    private static func missingSelfDot(_ text: String) -> (String, String, String)? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        let word = Array("self ".unicodeScalars)
        guard scalars.count > start + word.count, Array(scalars[start..<(start + word.count)]) == word,
              scalars[start + word.count].properties.isXIDStart else { return nil }
        var result = String.UnicodeScalarView(scalars[..<(start + 4)])
        result.append(".")
        result.append(contentsOf: scalars[(start + word.count)...])
        return (String(result), "`self name` read as `self.name`: the attribute's dot was missing", text)
    }
}

private extension String {
    var trimmedForDisplay: String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}
