import Foundation
import LoomCore

/// The timings report: one row per snippet of the vault, linked to its card.
public struct ReportPage: Sendable {
    public static let fileName = "timings.html"

    public let vault: VaultIndex
    public let theme: Theme

    public init(vault: VaultIndex, theme: Theme) {
        self.vault = vault
        self.theme = theme
    }

    /// `reports` by note name, then snippet index; `recordFile` is the run record's name in the site, if it holds one.
    public func render(reports: [String: [Int: SnippetReport]], recordFile: String?) -> String {
        var rows = ""
        var count = 0
        var differing = ""
        for entry in vault.entries {
            for report in (reports[entry.name] ?? [:]).values.sorted(by: { $0.snippet.index < $1.snippet.index }) {
                // Snippets whose output differs from CPython's come first: they are what needs work.
                if report.comparison?.kind == .different { differing += row(entry, report) } else { rows += row(entry, report) }
                count += 1
            }
        }
        rows = differing + rows
        var html = "<section class=\"report\"><h1>Timings</h1>\n"
        html += "<p class=\"summary\">\(count) \(count == 1 ? "snippet" : "snippets") in \(vault.entries.count) \(vault.entries.count == 1 ? "note" : "notes"). "
        html += "Swift and CPython medians over the recorded repeats; the ratio is CPython’s time over Swift’s."
        if let recordFile { html += " Every figure is in the run record, <a href=\"\(HTMLEscaping.urlPath(recordFile))\" download>\(HTMLEscaping.escape(recordFile))</a>." }
        html += "</p>\n<div class=\"table-scroll\"><table class=\"timings-table\"><thead><tr>"
        for heading in ["Note", "Snippet", "Line", "Status", "Swift", "CPython", "Ratio", "Output", "Measured"] {
            html += "<th scope=\"col\">\(heading)</th>"
        }
        html += "</tr></thead><tbody>\n\(rows)</tbody></table></div></section>\n"
        return theme.render(
            ["pageTitle": "Timings", "root": "", "breadcrumbs": [["label": "Timings"]], "content": html],
            template: "layout"
        )
    }

    private func row(_ entry: VaultIndex.Entry, _ report: SnippetReport) -> String {
        let swift = report.swiftRun?.median
        let python = report.pythonRun?.median
        let verdict = report.comparison?.summary ?? report.swiftRun.flatMap { swiftRun in
            report.pythonRun.map { OutputVerdict.compare(swift: swiftRun.lines.map(\.text), python: $0.lines.map(\.text)).summary }
        }
        var cells = "<td><a href=\"\(entry.page)\">\(HTMLEscaping.escape(entry.title))</a></td>"
        cells += "<td><a href=\"\(entry.page)#snippet-\(report.snippet.index)\">\(report.snippet.index)</a></td>"
        cells += "<td class=\"number\">\(report.snippet.fenceLine)</td>"
        cells += "<td><span class=\"status \(report.status.rawValue)\">\(HTMLEscaping.escape(report.status.label))</span></td>"
        cells += "<td class=\"number\">\(swift.map(SecondsText.precise) ?? "–")</td>"
        cells += "<td class=\"number\">\(python.map(SecondsText.precise) ?? "–")</td>"
        let ratio = swift.flatMap { s in python.map { s > 0 ? String(format: "%.2f×", $0 / s) : "–" } } ?? "–"
        cells += "<td class=\"number\">\(ratio)</td>"
        cells += "<td class=\"comparison \(report.comparison?.kind.rawValue ?? "none")\">\(HTMLEscaping.escape(verdict ?? "–"))</td>"
        var measured = report.measuredOn ?? "–"
        if report.timeScale != 1 { measured += String(format: " (at %g×)", report.timeScale) }
        cells += "<td>\(HTMLEscaping.escape(measured))</td>"
        return "<tr>\(cells)</tr>\n"
    }
}
