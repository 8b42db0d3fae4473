import Foundation
import LoomCore

/// The measured parts of a card: output, timings, timeline.
enum RunSections {
    static func output(_ report: SnippetReport, id: String) -> String {
        guard let swift = report.swiftRun else { return "" }
        var html = "<div class=\"output\" id=\"\(id)-output\"><h4>Output</h4>\n"
        if let python = report.pythonRun {
            let verdict = report.comparison?.verdict ?? OutputVerdict.compare(swift: swift.lines.map(\.text), python: python.lines.map(\.text))
            let summary = report.comparison?.summary ?? verdict.summary
            let agrees = report.comparison.map { $0.kind != .different } ?? verdict.agrees
            html += "<p class=\"verdict \(agrees ? "agrees" : "different")\">Swift and CPython: <strong>\(HTMLEscaping.escape(summary))</strong></p>\n"
            if case .different(let onlySwift, let onlyPython) = verdict {
                html += "<pre class=\"difference\">"
                html += onlySwift.map { "<span class=\"only-swift\">+ swift:  \(HTMLEscaping.escape($0))</span>\n" }.joined()
                html += onlyPython.map { "<span class=\"only-python\">- python: \(HTMLEscaping.escape($0))</span>\n" }.joined()
                html += "</pre>\n"
            }
            html += "<div class=\"side-by-side\">" + lines(swift, title: "Swift") + lines(python, title: "CPython") + "</div>\n"
        } else {
            html += lines(swift, title: nil)
        }
        for (name, run) in [("Swift", swift), ("CPython", report.pythonRun)] {
            guard let run, !run.stderr.isEmpty else { continue }
            html += "<details class=\"stderr\"><summary>\(name) standard error</summary><pre>\(HTMLEscaping.escape(run.stderr))</pre></details>\n"
        }
        return html + "</div>\n"
    }

    private static func lines(_ run: RunFigures, title: String?) -> String {
        var html = "<table class=\"lines\">"
        if let title { html += "<caption>\(title)</caption>" }
        html += "<thead><tr><th scope=\"col\">at</th><th scope=\"col\">thread</th><th scope=\"col\">printed</th></tr></thead><tbody>"
        if run.lines.isEmpty { html += "<tr><td colspan=\"3\" class=\"none\">(printed nothing)</td></tr>" }
        for line in run.lines {
            html += "<tr><td class=\"t\">\(SecondsText.short(line.seconds))</td><td class=\"lane\">\(HTMLEscaping.escape(line.lane))</td><td class=\"text\">\(HTMLEscaping.escape(line.text))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    static func timings(_ report: SnippetReport) -> String {
        guard let swift = report.swiftRun, let median = swift.median else { return "" }
        var html = "<div class=\"timings\"><h4>Timings</h4><dl>"
        html += "<dt>Swift</dt><dd>\(figure(swift, median: median))</dd>"
        if let python = report.pythonRun, let pythonMedian = python.median {
            html += "<dt>CPython</dt><dd>\(figure(python, median: pythonMedian))</dd>"
            if median > 0 { html += "<dt>Ratio</dt><dd>CPython takes \(String(format: "%.2f", pythonMedian / median))× Swift’s time</dd>" }
        }
        if report.timeScale != 1 {
            html += "<dt>Time scale</dt><dd>sleeps ran at \(String(format: "%g", report.timeScale))× and times are scaled back: approximate</dd>"
        }
        if let machine = report.machine { html += "<dt>Machine</dt><dd>\(HTMLEscaping.escape(machine))</dd>" }
        if let date = report.measuredOn { html += "<dt>Measured</dt><dd>\(HTMLEscaping.escape(date))</dd>" }
        if let placement = report.placement { html += "<dt>Ran</dt><dd>\(HTMLEscaping.escape(placement))</dd>" }
        return html + "</dl></div>\n"
    }

    private static func figure(_ run: RunFigures, median: Double) -> String {
        var text = "median \(SecondsText.precise(median))"
        if run.seconds.count > 1, let low = run.seconds.min(), let high = run.seconds.max() {
            text += " (\(SecondsText.precise(low))–\(SecondsText.precise(high)), \(run.seconds.count) runs)"
        }
        return text
    }

    static func timeline(_ report: SnippetReport, id: String) -> String {
        guard let timeline = report.timeline else { return "" }
        var html = "<figure class=\"timeline\" id=\"\(id)-timeline\"><h4>What each thread did</h4>\n"
        if let svg = timeline.svg { html += "<div class=\"svg\">\(svg)</div>\n" }
        html += "<pre class=\"ascii\" aria-label=\"Timeline as text\">\(HTMLEscaping.escape(timeline.ascii))</pre>\n"
        html += "<figcaption>\(HTMLEscaping.escape(timeline.caption))</figcaption></figure>\n"
        return html
    }
}

enum SecondsText {
    /// `1.502 s`, `12 ms`: for output timestamps.
    static func short(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.3f s", seconds)
    }

    /// `2.0031 s`: for timings, where the fourth decimal matters.
    static func precise(_ seconds: Double) -> String {
        seconds < 0.01 ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.4f s", seconds)
    }
}
