import LoomCore

/// One snippet's card: the Python as written with what Loom found, the Swift that ran, what came out,
/// how long it took and what the threads did.
enum SnippetCard {
    static func render(_ report: SnippetReport) -> String {
        let snippet = report.snippet
        let id = "snippet-\(snippet.index)"
        let first = snippet.firstCodeLine
        let last = snippet.firstCodeLine + max(lineCount(snippet.code) - 1, 0)
        var html = "<section class=\"snippet status-\(report.status.rawValue)\" id=\"\(id)\" aria-labelledby=\"\(id)-title\">\n"
        html += "<header><h3 id=\"\(id)-title\"><a href=\"#\(id)\">Snippet \(snippet.index)</a></h3>"
        html += "<span class=\"where\">Python · lines \(first)–\(last)</span>"
        html += "<span class=\"status \(report.status.rawValue)\">\(HTMLEscaping.escape(report.status.label))</span></header>\n"
        if let detail = report.statusDetail {
            html += "<p class=\"why\"><strong>\(whyLabel(report.status)):</strong> \(HTMLEscaping.escape(detail))</p>\n"
        }
        if !report.settings.isDefault {
            html += "<p class=\"settings\"><strong>Note settings:</strong> \(HTMLEscaping.escape(report.settings.summary.joined(separator: " · ")))</p>\n"
        }
        html += "<div class=\"sources\">\n"
        html += "<div class=\"source python\"><h4>Python, as written</h4>\n"
        html += codeBlock(snippet.code, language: .python, firstLine: first, label: "Python, as written in the note", diagnostics: report.diagnostics)
        html += "</div>\n"
        if let swift = report.swiftSource {
            html += "<div class=\"source swift\"><h4>Swift, as it ran</h4>\n"
            html += codeBlock(swift, language: .swift, firstLine: 1, label: "Swift translation", diagnostics: [])
            if !report.translatorNotes.isEmpty {
                html += "<ul class=\"translator-notes\">" + report.translatorNotes.map { "<li>\(HTMLEscaping.escape($0))</li>" }.joined() + "</ul>\n"
            }
            html += "</div>\n"
        }
        html += "</div>\n"
        if let transcript = report.transcript { html += transcriptSection(transcript, id: id) }
        html += RunSections.output(report, id: id)
        html += RunSections.timings(report)
        html += RunSections.timeline(report, id: id)
        html += "</section>\n"
        return html
    }

    private static func whyLabel(_ status: SnippetStatus) -> String {
        switch status {
        case .notRun: "Not run"
        case .notCode: "Not code"
        case .skipped: "Skipped"
        default: "Did not run"
        }
    }

    /// The output the note wrote, each line marked as found in the run's output or not, and what
    /// the run printed where an example differs.
    static func transcriptSection(_ check: TranscriptCheck, id: String) -> String {
        var html = "<div class=\"transcript\" id=\"\(id)-transcript\"><h4>Output the note wrote</h4>\n"
        html += "<p class=\"verdict \(check.allMatched ? "agrees" : "different")\">\(check.matchedLines) of \(check.expectedLines) expected \(check.expectedLines == 1 ? "line" : "lines") matched</p>\n"
        html += "<pre class=\"expected\">"
        for example in check.examples {
            for line in example.lines {
                let mark = line.matched ? "✓" : "✗"
                let label = line.matched ? "matched" : "not matched"
                html += "<span class=\"line \(line.matched ? "matched" : "unmatched")\" data-line=\"\(line.line)\" title=\"line \(line.line): \(label)\">"
                html += "<span class=\"mark\" aria-label=\"\(label)\">\(mark)</span> \(HTMLEscaping.escape(line.text))</span>\n"
            }
            if !example.matched {
                if let actual = example.actual {
                    html += "<span class=\"actual\">  the run printed (example at line \(example.sourceLine)):</span>\n"
                    html += actual.map { "<span class=\"actual\">  \(HTMLEscaping.escape($0))</span>\n" }.joined()
                    if actual.isEmpty { html += "<span class=\"actual\">  (nothing)</span>\n" }
                } else {
                    html += "<span class=\"actual\">  the run ended before the example at line \(example.sourceLine)</span>\n"
                }
            }
        }
        return html + "</pre></div>\n"
    }

    /// How many lines `Snippet.numberedLines` gives, counted on bytes: splitting every snippet into
    /// substrings only to read the first and last line numbers was a twentieth of a site build.
    /// As there, `\r\n` is one character and ends no line.
    static func lineCount(_ code: String) -> Int {
        var separators = 0
        var previous: UInt8?
        var endsWithSeparator = false
        for byte in code.utf8 {
            endsWithSeparator = byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")
            if endsWithSeparator { separators += 1 }
            previous = byte
        }
        return previous == nil || endsWithSeparator ? separators : separators + 1
    }

    /// Highlighted code with the note's line numbers; each diagnostic stands under the line it points at.
    static func codeBlock(_ code: String, language: CodeHighlighter.Language, firstLine: Int, label: String, diagnostics: [Diagnostic]) -> String {
        let languageName = language == .python ? "python" : "swift"
        var byLine: [Int: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byLine[diagnostic.location.line, default: []].append(diagnostic) }
        var html = "<pre class=\"code\" aria-label=\"\(HTMLEscaping.escape(label))\"><code class=\"language-\(languageName)\">"
        let highlighted = CodeHighlighter.highlightedLines(code, language: language)
        for (offset, line) in highlighted.enumerated() {
            let number = firstLine + offset
            let marked = byLine[number].map { " marked " + ($0.map(\.severity).max()?.rawValue ?? "") } ?? ""
            html += "<span class=\"line\(marked)\" data-line=\"\(number)\">\(line)</span>"
            for diagnostic in byLine[number] ?? [] { html += annotation(diagnostic) }
        }
        let lastLine = firstLine + highlighted.count - 1
        for diagnostic in diagnostics where diagnostic.location.line > lastLine || diagnostic.location.line < firstLine {
            html += annotation(diagnostic)
        }
        return html + "</code></pre>\n"
    }

    private static func annotation(_ diagnostic: Diagnostic) -> String {
        var html = "<span class=\"annotation \(diagnostic.severity.rawValue)\" role=\"note\">"
        html += "<span class=\"where\">\(diagnostic.location.line):\(diagnostic.location.column) \(diagnostic.severity.rawValue)</span> "
        if let fix = diagnostic.fix {
            html += "<span class=\"repair\"><del>\(HTMLEscaping.escape(fix.original))</del> → <ins>\(HTMLEscaping.escape(fix.replacement))</ins></span> "
        }
        html += HTMLEscaping.escape(diagnostic.message)
        return html + "</span>"
    }
}
