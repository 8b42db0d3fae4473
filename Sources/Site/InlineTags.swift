import NoteReading

/// Dendron's `#tag` in prose: a `#` at the start of a word, then a letter, then letters, digits, `_`, `-`,
/// `.` or `/` (a trailing `.`, `-` or `/` ends the sentence, not the tag). Found in the rendered prose's
/// text, never inside code, a link or a tag's attributes, and never in an entity (`&#39;`).
enum InlineTags {
    struct Found: Equatable {
        /// Byte offsets of `#tag` in the HTML.
        var range: Range<Int>
        var tag: String
    }

    /// Every note's tags: the front matter's, then the prose's, each once, in that order.
    static func tags(of note: Note) -> [String] {
        var seen: Set<String> = []
        var tags: [String] = []
        for tag in note.frontMatter?.tags ?? [] where seen.insert(tag).inserted { tags.append(tag) }
        for piece in note.body {
            guard case .html(let html) = piece, html.utf8.contains(UInt8(ascii: "#")) else { continue }
            for found in find(in: html) where seen.insert(found.tag).inserted { tags.append(found.tag) }
        }
        return tags
    }

    static func find(in html: String) -> [Found] {
        let bytes = Array(html.utf8)
        var found: [Found] = []
        var position = 0
        // Inside `<code>`, `<pre>` or `<a>`, text is not prose.
        var skipping = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "<") {
                let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1
                let tag = bytes[position...end]
                if starts(tag, "<code") || starts(tag, "<pre") || starts(tag, "<a ") || starts(tag, "<a>") { skipping += 1 }
                if starts(tag, "</code") || starts(tag, "</pre") || starts(tag, "</a>") { skipping = max(0, skipping - 1) }
                position = end + 1
                continue
            }
            defer { position += 1 }
            guard byte == UInt8(ascii: "#"), skipping == 0, position + 1 < bytes.count, isLetter(bytes[position + 1]) else { continue }
            if position > 0 {
                let previous = bytes[position - 1]
                guard previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\n") || previous == UInt8(ascii: "\t")
                        || previous == UInt8(ascii: "(") || previous == UInt8(ascii: ">") else { continue }
            }
            var end = position + 1
            while end < bytes.count, isTagByte(bytes[end]) { end += 1 }
            while end > position + 2, [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/")].contains(bytes[end - 1]) { end -= 1 }
            found.append(Found(range: position..<end, tag: String(decoding: bytes[(position + 1)..<end], as: UTF8.self)))
            position = end - 1
        }
        return found
    }

    /// `html` with each `#tag` a link to its page.
    static func linked(_ html: String, pages: [String: String]) -> String {
        guard html.utf8.contains(UInt8(ascii: "#")) else { return html }
        let found = find(in: html)
        guard !found.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        var last = 0
        for tag in found {
            output += bytes[last..<tag.range.lowerBound]
            let text = String(decoding: bytes[tag.range], as: UTF8.self)
            if let page = pages[tag.tag] {
                output += Array("<a class=\"tag\" href=\"\(page)\">\(text)</a>".utf8)
            } else {
                output += Array(text.utf8)
            }
            last = tag.range.upperBound
        }
        output += bytes[last...]
        return String(decoding: output, as: UTF8.self)
    }

    private static func starts(_ tag: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        tag.count >= prefix.utf8.count && zip(tag, prefix.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 || $0 == $1 }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }
}
