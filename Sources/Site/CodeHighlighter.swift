/// Lexical highlighting for the code Loom shows: Python as written (mistakes included) and Swift as translated.
///
/// It never fails: whatever it does not recognise is plain text, so a snippet with syntax errors still shows.
public enum CodeHighlighter {
    public enum Language: Sendable {
        case python, swift
    }

    /// Token classes as CSS class names.
    enum TokenClass: String {
        case keyword = "kw", string = "st", comment = "cm", number = "nu", builtin = "bi", decorator = "de", function = "fn"
    }

    /// The code as escaped HTML lines, tokens wrapped in `<span class>`; a token spanning lines is closed and reopened per line.
    public static func highlightedLines(_ code: String, language: Language) -> [String] {
        var lines: [String] = []
        var current = ""
        let scalars = Array(code.unicodeScalars)
        let spec = LanguageSpec.for(language)
        var index = 0
        var previousWord = ""

        func emit(_ text: ArraySlice<Unicode.Scalar>, as tokenClass: TokenClass?) {
            var segment = ""
            for scalar in text {
                if scalar == "\n" {
                    current += wrap(segment, tokenClass)
                    lines.append(current)
                    current = ""
                    segment = ""
                } else {
                    segment.unicodeScalars.append(scalar)
                }
            }
            current += wrap(segment, tokenClass)
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == spec.lineComment {
                let end = scalars[index...].firstIndex(of: "\n") ?? scalars.count
                emit(scalars[index..<end], as: .comment)
                index = end
            } else if spec.blockComments, scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                let end = endOfBlockComment(scalars, from: index + 2)
                emit(scalars[index..<end], as: .comment)
                index = end
            } else if spec.blockComments, scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "/" {
                let end = scalars[index...].firstIndex(of: "\n") ?? scalars.count
                emit(scalars[index..<end], as: .comment)
                index = end
            } else if scalar == "\"" || (scalar == "'" && spec.singleQuotedStrings) {
                let end = endOfString(scalars, from: index)
                emit(scalars[index..<end], as: .string)
                index = end
            } else if scalar == "@", spec.decorators {
                var end = index + 1
                while end < scalars.count, isIdentifier(scalars[end]) || scalars[end] == "." { end += 1 }
                emit(scalars[index..<end], as: .decorator)
                index = end
            } else if isIdentifierStart(scalar) {
                var end = index + 1
                while end < scalars.count, isIdentifier(scalars[end]) { end += 1 }
                // Python string prefixes: f'', rb"", u'' …
                if spec.singleQuotedStrings, end < scalars.count, scalars[end] == "'" || scalars[end] == "\"", end - index <= 2,
                   String(String.UnicodeScalarView(scalars[index..<end])).lowercased().allSatisfy({ "rbuf".contains($0) }) {
                    let stringEnd = endOfString(scalars, from: end)
                    emit(scalars[index..<stringEnd], as: .string)
                    index = stringEnd
                    continue
                }
                let word = String(String.UnicodeScalarView(scalars[index..<end]))
                let tokenClass: TokenClass? = spec.keywords.contains(word) ? .keyword
                    : spec.definers.contains(previousWord) ? .function
                    : spec.builtins.contains(word) ? .builtin : nil
                emit(scalars[index..<end], as: tokenClass)
                previousWord = word
                index = end
                continue
            } else if isDigit(scalar) {
                var end = index + 1
                while end < scalars.count, isIdentifier(scalars[end]) || scalars[end] == "." { end += 1 }
                emit(scalars[index..<end], as: .number)
                index = end
            } else {
                emit(scalars[index...index], as: nil)
                index += 1
            }
            if !(scalar == " " || scalar == "\t") { previousWord = "" }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func wrap(_ text: String, _ tokenClass: TokenClass?) -> String {
        guard !text.isEmpty else { return "" }
        let escaped = HTMLEscaping.escape(text)
        guard let tokenClass else { return escaped }
        return "<span class=\"\(tokenClass.rawValue)\">\(escaped)</span>"
    }

    /// End (exclusive) of a string literal starting at a quote; triple quotes may span lines, others end at the line.
    private static func endOfString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let quote = scalars[start]
        let triple = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var index = start + (triple ? 3 : 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" { index += 2; continue }
            if !triple, scalar == "\n" { return index }
            if scalar == quote {
                if !triple { return index + 1 }
                if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote { return index + 3 }
            }
            index += 1
        }
        return scalars.count
    }

    private static func endOfBlockComment(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index + 1 < scalars.count {
            if scalars[index] == "*", scalars[index + 1] == "/" { return index + 2 }
            index += 1
        }
        return scalars.count
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }
}
