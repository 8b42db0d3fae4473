/// The search index's files: `search.html` (the page), `search.js` (the script) and the index itself,
/// cut into shards `search-index-N.js`, each a script that adds its notes' entries to one global.
///
/// Scripts, not JSON: a page opened from `file://` may load scripts but may not fetch files. Shards, not
/// one file: a rebuild rewrites only the shards whose notes changed, and keeps the others as they are.
/// A shard holds one line per note, in vault order, each line starting with a key that changes whenever the
/// line would, so that a rebuild can reuse the lines of notes it did not read.
public enum SearchIndex {
    public static let pageName = "search.html"
    public static let scriptName = "search.js"

    public static func shardName(_ shard: Int) -> String { "search-index-\(shard).js" }

    /// One shard per 256 notes or part of it.
    public static func shardCount(notes: Int) -> Int { max(1, (notes + 255) / 256) }

    public static let shardHeader = "window.loomSearch=window.loomSearch||{notes:[],add:function(key,note){this.notes.push(note)}};\n"

    /// A shard's file from its lines (each ending in a newline), in the order given.
    public static func shard(lines: [[UInt8]]) -> [UInt8] {
        var bytes = Array(shardHeader.utf8)
        bytes.reserveCapacity(lines.reduce(bytes.count) { $0 + $1.count })
        for line in lines { bytes.append(contentsOf: line) }
        return bytes
    }

    /// A shard's lines by key; lines that are not entries (the header, anything damaged) are left out.
    public static func lines(ofShard bytes: [UInt8]) -> [String: [UInt8]] {
        let prefix = Array("loomSearch.add(\"".utf8)
        var lines: [String: [UInt8]] = [:]
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            // A line cut short (no newline, no closing `);`) is not the line that was written.
            guard end < bytes.count, line.starts(with: prefix), line.suffix(2).elementsEqual(");".utf8) else { continue }
            let keyStart = line.startIndex + prefix.count
            guard let keyEnd = line[keyStart...].firstIndex(of: UInt8(ascii: "\"")) else { continue }
            lines[String(decoding: line[keyStart..<keyEnd], as: UTF8.self)] = Array(bytes[line.startIndex...end])
        }
        return lines
    }
}

/// The search page: a form that works as a link target without JavaScript, and the script that answers it.
public struct SearchPage: Sendable {
    public let theme: Theme

    public init(theme: Theme) { self.theme = theme }

    public func render(shards: Int) -> [UInt8] {
        var content = #"""
        <section class="search-page">
        <h1>Search</h1>
        <form class="search-form" action="search.html" role="search">
        <label for="search-query">Words, names or code</label>
        <input id="search-query" type="search" name="q" autocomplete="off" spellcheck="false" placeholder="as_completed, ThreadPoolExecutor, lock">
        <button type="submit">Search</button>
        </form>
        <p id="search-status" class="search-status" aria-live="polite"></p>
        <ol id="search-results" class="search-results"></ol>
        <noscript><p class="search-status">Search runs in the browser and needs JavaScript; every other page reads fully without it, and <a href="index.html">the index</a> lists every note.</p></noscript>
        </section>

        """#
        for shard in 0..<shards { content += "<script src=\"\(SearchIndex.shardName(shard))\"></script>\n" }
        content += "<script src=\"\(SearchIndex.scriptName)\"></script>\n"
        return theme.renderBytes(["pageTitle": "Search", "root": "", "breadcrumbs": [["label": "Search"]], "content": content], template: "layout")
    }
}
