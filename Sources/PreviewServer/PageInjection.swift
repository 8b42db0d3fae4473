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

    static func banner(_ problems: [String]) -> String {
        var html = "<aside class=\"loom-serve-problems\" role=\"alert\" style=\"position:sticky;top:0;z-index:10;margin:0;padding:.75rem 1.25rem;background:#fdecec;color:#5c0a0e;border-bottom:3px solid #a3161c;font:15px/1.45 system-ui,sans-serif\">"
        html += "<strong>This note has problems since its last save</strong> (shown by <code>loom serve</code> only):<ul style=\"margin:.3rem 0 0;padding-left:1.2rem\">"
        for problem in problems.prefix(50) { html += "<li><code style=\"white-space:pre-wrap\">\(escape(problem))</code></li>" }
        if problems.count > 50 { html += "<li>… and \(problems.count - 50) more</li>" }
        return html + "</ul></aside>\n"
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
