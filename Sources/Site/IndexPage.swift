/// The site's front page: every note, in Dendron's hierarchy.
public struct IndexPage: Sendable {
    public let vault: VaultIndex
    public let theme: Theme

    public init(vault: VaultIndex, theme: Theme) {
        self.vault = vault
        self.theme = theme
    }

    /// `runs` holds each note's run summary by note name; notes without one show their snippet count alone.
    public func render(vaultTitle: String, runs: [String: RunSummary] = [:]) -> String {
        let notes = vault.entries.count
        let snippets = vault.entries.reduce(0) { $0 + $1.snippetCount }
        var total = RunSummary()
        for summary in runs.values { total.add(summary) }
        var summary = "\(notes) \(notes == 1 ? "note" : "notes") · \(snippets) Python \(snippets == 1 ? "snippet" : "snippets")"
        if !total.counts.isEmpty {
            summary += " · " + total.statusText + " · " + SecondsText.precise(total.swiftSeconds) + " of Swift runs"
        }
        if total.comparison.total > 0 { summary += " · " + total.comparison.sentence }
        let content = theme.render(
            ["vaultTitle": vaultTitle, "summary": summary, "tree": tree(Hierarchy.build(from: vault.entries), runs: runs),
             "reportPage": ReportPage.fileName],
            template: "index"
        )
        return theme.render(["pageTitle": vaultTitle, "root": "", "breadcrumbs": [Any](), "content": content], template: "layout")
    }

    private func tree(_ nodes: [Hierarchy.Node], runs: [String: RunSummary]) -> String {
        guard !nodes.isEmpty else { return "" }
        var html = "<ul>"
        for node in nodes {
            html += "<li>"
            if let entry = node.entry {
                html += "<a class=\"entry-title\" href=\"\(entry.page)\">\(HTMLEscaping.escape(entry.title))</a>"
                if entry.title != entry.name { html += " <code>\(HTMLEscaping.escape(entry.name))</code>" }
                var meta: [String] = []
                if let description = entry.description { meta.append(HTMLEscaping.escape(description)) }
                if let created = entry.created { meta.append("created " + DisplayDate.string(fromEpochMilliseconds: created)) }
                if let updated = entry.updated { meta.append("updated " + DisplayDate.string(fromEpochMilliseconds: updated)) }
                meta.append(entry.snippetCount == 1 ? "1 snippet" : "\(entry.snippetCount) snippets")
                if let run = runs[entry.name], !run.counts.isEmpty {
                    meta.append(run.statusText)
                    if run.swiftSeconds > 0 { meta.append(SecondsText.precise(run.swiftSeconds)) }
                }
                html += "<span class=\"meta\">\(meta.joined(separator: " · "))</span>"
            } else {
                html += "<span class=\"group\">\(HTMLEscaping.escape(node.segment))</span>"
            }
            html += tree(node.children, runs: runs)
            html += "</li>"
        }
        return html + "</ul>"
    }
}
