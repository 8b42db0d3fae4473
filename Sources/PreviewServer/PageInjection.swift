import Foundation

/// What a served page gets that the written one does not: the script that reloads it after a rebuild, and
/// the problems its note has now, so that a note broken by the last save shows why on its own page.
enum PageInjection {
    static func problems(for page: String, in status: BuildStatus) -> [String] {
        (status.buildFailure.map { ["The last build failed; this is the last good site. \($0)"] } ?? []) + (status.problemsByPage[page] ?? [])
    }

    /// `page` with the banner (if there are problems) after `<body…>` and the script before `</body>`.
    static func inject(into page: Data, problems: [String], generation: Int) -> Data {
        var bytes = [UInt8](page)
        let script = Array(reloadScript(generation: generation).utf8)
        if let close = lastRange(of: Array("</body>".utf8), in: bytes) {
            bytes.insert(contentsOf: script, at: close)
        } else {
            bytes += script
        }
        if !problems.isEmpty {
            let banner = Array(self.banner(problems).utf8)
            if let open = firstRange(of: Array("<body".utf8), in: bytes),
               let end = bytes[open...].firstIndex(of: UInt8(ascii: ">")) {
                bytes.insert(contentsOf: banner, at: end + 1)
            } else {
                bytes.insert(contentsOf: banner, at: 0)
            }
        }
        return Data(bytes)
    }

    static func reloadScript(generation: Int) -> String {
        """
        <script>/* loom serve: reload after a rebuild */(function(){var g=\(generation);function wait(){fetch("\(PreviewServer.changesPath)?since="+g,{cache:"no-store"}).then(function(r){return r.json()}).then(function(d){if(d.generation>g){location.reload()}else{wait()}}).catch(function(){setTimeout(wait,1000)})}wait()})();</script>

        """
    }

    /// Errors stand open at the top of the page while it scrolls; warnings wait, folded, under them.
    static func banner(_ problems: [String]) -> String {
        let errors = problems.filter { !isWarning($0) }
        let warnings = problems.filter(isWarning)
        let place = errors.isEmpty ? "" : "position:sticky;top:0;z-index:10;"
        let colours = errors.isEmpty ? "background:#fff4e0;color:#4a2d00;border-bottom:3px solid #8a5300" : "background:#fdecec;color:#5c0a0e;border-bottom:3px solid #a3161c"
        var html = "<aside class=\"loom-serve-problems\" role=\"\(errors.isEmpty ? "status" : "alert")\" style=\"\(place)margin:0;padding:.6rem 1.25rem;\(colours);font:15px/1.45 system-ui,sans-serif\">"
        func list(_ lines: [String]) -> String {
            var items = "<ul style=\"margin:.3rem 0 0;padding-left:1.2rem\">"
            for line in lines.prefix(50) { items += "<li><code style=\"white-space:pre-wrap\">\(escape(line))</code></li>" }
            if lines.count > 50 { items += "<li>… and \(lines.count - 50) more</li>" }
            return items + "</ul>"
        }
        if !errors.isEmpty {
            html += "<strong>\(errors.count == 1 ? "An error" : "\(errors.count) errors") in this note since its last save</strong> (shown by <code>loom serve</code> only):" + list(errors)
        }
        if !warnings.isEmpty {
            html += "<details><summary>\(warnings.count) \(warnings.count == 1 ? "warning" : "warnings") in this note</summary>" + list(warnings) + "</details>"
        }
        return html + "</aside>\n"
    }

    private static func isWarning(_ problem: String) -> Bool {
        problem.contains(": warning: ") || problem.contains(": note: ")
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1) where bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
