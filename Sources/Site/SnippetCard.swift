import LoomCore

/// One snippet's card: the Python as written, with the note's line numbers.
enum SnippetCard {
    static func render(_ snippet: Snippet) -> String {
        let lines = snippet.numberedLines
        let first = lines.first?.line ?? snippet.firstCodeLine
        let last = lines.last?.line ?? snippet.firstCodeLine
        var html = "<section class=\"snippet\" id=\"snippet-\(snippet.index)\" aria-labelledby=\"snippet-\(snippet.index)-title\">\n"
        html += "<header><h3 id=\"snippet-\(snippet.index)-title\"><a href=\"#snippet-\(snippet.index)\">Snippet \(snippet.index)</a></h3>"
        html += "<span class=\"where\">Python · lines \(first)–\(last)</span>"
        html += "<span class=\"status not-run\">not run</span></header>\n"
        html += codeBlock(snippet.code, language: .python, firstLine: first, label: "Python, as written in the note")
        html += "</section>\n"
        return html
    }

    static func codeBlock(_ code: String, language: CodeHighlighter.Language, firstLine: Int, label: String) -> String {
        let languageName = language == .python ? "python" : "swift"
        var html = "<pre class=\"code\" aria-label=\"\(HTMLEscaping.escape(label))\"><code class=\"language-\(languageName)\">"
        for (offset, line) in CodeHighlighter.highlightedLines(code, language: language).enumerated() {
            html += "<span class=\"line\" data-line=\"\(firstLine + offset)\">\(line)</span>"
        }
        html += "</code></pre>\n"
        return html
    }
}
