/// Repairs for what study notes get wrong on the way through Markdown and word processors: bold
/// eating dunder names, curly quotes, invisible spaces, `=` for `==`, a missing `self.` dot.
extension SyntaxRepairs {
    /// Tried on the line the parse failed on, in order; the first that moves the error past the line wins.
    static func noteRepair(_ lines: SourceLines, errorLine line: Int, parses: (String) -> PythonSyntaxError?) -> SyntaxRepair? {
        let text = lines.line(line)
        let candidates: [(String, String, String)?] = [
            invisibleSpaces(lines),
            indentedAsAWhole(lines.text).map { ($0.text, "the block is indented as a whole by \($0.width) \($0.width == 1 ? "column" : "columns"): read without it", "indented block") },
            boldDunders(text),
            curlyQuotes(text),
            assignmentInCondition(text),
            missingSelfDot(text),
            markdownEscapes(text),
            missingColon(text),
        ]
        for candidate in candidates {
            guard let (replacement, message, original) = candidate else { continue }
            var repaired = lines
            let wholeText = message.hasPrefix("invisible") || message.hasPrefix("the block is indented")
            if wholeText {
                repaired = SourceLines(replacement)
            } else {
                repaired.replace(line: line, from: 0, to: text.unicodeScalars.count, with: replacement)
            }
            let error = parses(repaired.text)
            guard error == nil || error!.line > line || (wholeText && error!.line != line) else { continue }
            let shownOriginal = wholeText ? original : text.trimmedForDisplay
            let shownReplacement = wholeText ? (message.hasPrefix("invisible") ? "spaces" : "dedented block") : replacement.trimmedForDisplay
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
        // Text copied out of a PDF often carries an invisible character and a space before every line.
        let text = indentedAsAWhole(String(result))?.text ?? String(result)
        return (text, "invisible characters read as spaces: \(count) no-break or zero-width \(count == 1 ? "space" : "spaces")",
                "\(count) no-break or zero-width \(count == 1 ? "space" : "spaces")")
    }

    /// A block whose every code line starts with the same indentation (a fence inside a list, code
    /// pasted with its margin): the margin removed. Comment lines with less indentation are left, as
    /// Python ignores where a comment starts.
    static func indentedAsAWhole(_ text: String) -> (text: String, width: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let code = lines.filter { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
        guard let first = code.first else { return nil }
        var margin = first.prefix { $0 == " " || $0 == "\t" }
        for line in code.dropFirst() {
            while !line.hasPrefix(margin) { margin = margin.dropLast() }
        }
        guard !margin.isEmpty else { return nil }
        let dedented = lines.map { line -> Substring in line.hasPrefix(margin) ? line.dropFirst(margin.count) : line.drop { $0 == " " || $0 == "\t" } }
        return (dedented.joined(separator: "\n"), margin.count)
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

    /// `def f(\\*args)` → `def f(*args)`: Markdown's backslash escapes, outside strings, are no Python.
    private static func markdownEscapes(_ text: String) -> (String, String, String)? {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var changed = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" {
                    result.append(scalar)
                    index += 1
                    if index < scalars.count { result.append(scalars[index]) }
                    index += 1
                    continue
                }
                if scalar == open { quote = nil }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "\\", index + 1 < scalars.count, "*_#[]".unicodeScalars.contains(scalars[index + 1]) {
                changed = true
                index += 1
                continue
            }
            result.append(scalar)
            index += 1
        }
        guard changed else { return nil }
        return (String(result), "Markdown's backslash escapes (`\\*`, `\\_`) read as the characters they escape", text)
    }

    /// `def setup()` → `def setup():` at the end of a compound statement's header.
    private static func missingColon(_ text: String) -> (String, String, String)? {
        let scalars = Array(text.unicodeScalars)
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        let keywords = ["def ", "class ", "if ", "elif ", "while ", "for ", "with ", "async def ", "async for ", "async with ", "except ", "else", "try", "finally", "except"]
        guard keywords.contains(where: { trimmed.hasPrefix($0) }) else { return nil }
        var end = commentStart(scalars)
        while end > 0, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        guard end > 0, scalars[end - 1] != ":", scalars[end - 1] != "," , scalars[end - 1] != "\\" else { return nil }
        let bare = String(String.UnicodeScalarView(scalars[..<end])).drop { $0 == " " || $0 == "\t" }
        if ["else", "try", "finally", "except"].contains(where: { bare.hasPrefix($0) }) && !["else", "try", "finally", "except"].contains(String(bare)) && !bare.hasPrefix("except ") { return nil }
        var result = String.UnicodeScalarView(scalars[..<end])
        result.append(":")
        result.append(contentsOf: scalars[end...])
        return (String(result), "the `:` ending a compound statement's first line was missing", text)
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
