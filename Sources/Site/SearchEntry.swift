import LoomCore
import NoteReading

/// What search knows of one note: its title, headings, prose and snippet code, line by line, each line with
/// the place on the page it links to (the heading above it, or the snippet's card), and the note's tokens.
///
/// An entry depends on the note alone (and the page it has), never on another note: a wiki link counts as
/// the words written in it, and a note reference's embedded text belongs to the note it comes from. That is
/// what lets a rebuild keep the entries of notes it did not read.
public struct SearchEntry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case title = "t", heading = "h", prose = "p", code = "c", otherCode = "o"
    }

    /// Where a line links to: the page's top, a heading or a snippet card.
    public struct Place: Sendable, Equatable {
        public var kind: Kind
        /// The element id on the page; empty for the page's top.
        public var anchor: String
        /// What a result calls it: the heading's text, "Snippet 3".
        public var label: String
    }

    public struct Line: Sendable, Equatable {
        public var place: Int
        public var kind: Kind
        public var text: String
    }

    public var path: String
    public var page: String
    public var title: String
    public var places: [Place]
    public var lines: [Line]

    /// Lines are cut to this many characters for display; their tokens come from the whole line.
    public static let shownLength = 240

    public init(note: Note, page: String) {
        path = note.path
        self.page = page
        title = note.title
        var collector = Collector(title: note.title)
        for piece in note.body {
            switch piece {
            case .html(let html):
                collector.add(html: html)
            case .snippet(let index):
                guard let snippet = note.snippets.first(where: { $0.index == index }) else { continue }
                collector.add(snippet: snippet)
            case .image(let position):
                if position < note.images.count { collector.addText(note.images[position].altText) }
            case .wikiLink(let position):
                if position < note.wikiLinks.count {
                    let link = note.wikiLinks[position]
                    collector.addText(link.label ?? link.target)
                }
            }
        }
        collector.endLine()
        places = collector.places
        lines = collector.lines
    }

    /// Each token of the entry with the lines it is on, in order of first appearance.
    public var tokens: [(token: String, lines: [Int])] {
        var order: [String] = []
        var positionByToken: [String: Int] = [:]
        var linesOfToken: [[Int]] = []
        for (position, line) in lines.enumerated() {
            SearchTokenizer.forEachToken(in: line.text) { token in
                // One lookup per token; lines come in order, so a repeat on this line is the list's last.
                if let known = positionByToken[token] {
                    if linesOfToken[known].last != position { linesOfToken[known].append(position) }
                } else {
                    positionByToken[token] = order.count
                    order.append(token)
                    linesOfToken.append([position])
                }
            }
        }
        return zip(order, linesOfToken).map { ($0, $1) }
    }

    /// The entry as one line of an index script: `loomSearch.add(KEY,[path,page,title,places,lines,tokens]);`.
    /// Places are flat triples (kind, anchor, label), lines flat pairs (place, text), tokens flat pairs
    /// (token, line numbers): arrays, not objects, since a token such as `__proto__` would be taken for
    /// something else as an object's key.
    public func scriptLine(key: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(lines.reduce(256) { $0 + $1.text.utf8.count + 16 } * 2)
        output.append(contentsOf: "loomSearch.add(".utf8)
        JavaScriptString.append(key, to: &output)
        output.append(contentsOf: ",[".utf8)
        for field in [path, page, title] {
            JavaScriptString.append(field, to: &output)
            output.append(UInt8(ascii: ","))
        }
        output.append(UInt8(ascii: "["))
        for (position, place) in places.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JavaScriptString.append(place.kind.rawValue, to: &output)
            output.append(UInt8(ascii: ","))
            JavaScriptString.append(place.anchor, to: &output)
            output.append(UInt8(ascii: ","))
            JavaScriptString.append(place.label, to: &output)
        }
        output.append(contentsOf: "],[".utf8)
        for (position, line) in lines.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            Self.appendNumber(line.place, to: &output)
            output.append(UInt8(ascii: ","))
            JavaScriptString.append(line.kind.rawValue, to: &output)
            output.append(UInt8(ascii: ","))
            JavaScriptString.append(Self.shown(line.text), to: &output)
        }
        output.append(contentsOf: "],[".utf8)
        for (position, entry) in tokens.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JavaScriptString.append(entry.token, to: &output)
            output.append(contentsOf: ",[".utf8)
            for (offset, number) in entry.lines.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendNumber(number, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        }
        output.append(contentsOf: "]]);\n".utf8)
        return output
    }

    /// A non-negative number in decimal, without making a String of it (there is one per token and line).
    static func appendNumber(_ number: Int, to output: inout [UInt8]) {
        if number < 10 { return output.append(UInt8(ascii: "0") + UInt8(number)) }
        appendNumber(number / 10, to: &output)
        output.append(UInt8(ascii: "0") + UInt8(number % 10))
    }

    static func shown(_ text: String) -> String {
        guard text.utf8.count > shownLength, text.count > shownLength else { return text }
        return String(text.prefix(shownLength)) + "…"
    }

    /// Collects lines from the rendered body: text between tags, entities decoded, a line per source line.
    private struct Collector {
        var places: [Place]
        var lines: [Line]
        private var current = ""
        private var place = 0
        /// The place prose under the current heading links to.
        private var sectionPlace = 0
        private var kind = Kind.prose

        init(title: String) {
            places = [Place(kind: .title, anchor: "", label: title)]
            lines = [Line(place: 0, kind: .title, text: title)]
        }

        mutating func addText(_ text: String) { current += text }

        mutating func endLine() {
            let text = current.trimmingCharacters(in: " \t\r")
            if !text.isEmpty {
                lines.append(Line(place: place, kind: kind, text: text))
                if kind == .heading, places[place].label.isEmpty { places[place].label = text }
            }
            current = ""
        }

        mutating func add(snippet: Snippet) {
            endLine()
            places.append(Place(kind: .code, anchor: "snippet-\(snippet.index)", label: "Snippet \(snippet.index)"))
            let cardPlace = places.count - 1
            for codeLine in snippet.code.split(separator: "\n", omittingEmptySubsequences: true) {
                let text = codeLine.trimmingCharacters(in: " \t\r")
                if !text.isEmpty { lines.append(Line(place: cardPlace, kind: .code, text: text)) }
            }
            place = sectionPlace
        }

        mutating func add(html: String) {
            var bytes = Array(html.utf8)[...]
            while let first = bytes.first {
                if first == UInt8(ascii: "<") {
                    guard let close = bytes.firstIndex(of: UInt8(ascii: ">")) else { break }
                    // Inline tags (`<code>`, `<em>`, `<a …>`) change nothing here: no String is made of them.
                    let name = bytes.dropFirst().first == UInt8(ascii: "/") ? bytes.dropFirst(2).first : bytes.dropFirst().first
                    if let name, [UInt8(ascii: "h"), UInt8(ascii: "p"), UInt8(ascii: "b"), UInt8(ascii: "l"), UInt8(ascii: "t")].contains(name) {
                        tag(String(decoding: bytes[bytes.startIndex...close], as: UTF8.self))
                    }
                    bytes = bytes[(close + 1)...]
                } else if first == UInt8(ascii: "\n") {
                    endLine()
                    bytes = bytes.dropFirst()
                } else {
                    let end = bytes.firstIndex { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "\n") } ?? bytes.endIndex
                    current += HTMLEntities.decode(String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self))
                    bytes = bytes[end...]
                }
            }
        }

        private mutating func tag(_ tag: String) {
            if tag.hasPrefix("<h"), let level = tag.dropFirst(2).first, level.isNumber {
                endLine()
                let anchor = Self.attribute("id", of: tag) ?? ""
                places.append(Place(kind: .heading, anchor: anchor, label: ""))
                place = places.count - 1
                sectionPlace = place
                kind = .heading
            } else if tag.hasPrefix("</h"), let level = tag.dropFirst(3).first, level.isNumber {
                endLine()
                kind = .prose
            } else if tag.hasPrefix("<pre") {
                endLine()
                kind = .otherCode
            } else if tag.hasPrefix("</pre") {
                endLine()
                kind = .prose
            } else if tag.hasPrefix("<br") || tag.hasPrefix("</p") || tag.hasPrefix("</li") || tag.hasPrefix("</td") || tag.hasPrefix("</th") {
                endLine()
            }
        }

        private static func attribute(_ name: String, of tag: String) -> String? {
            guard let start = tag.range(of: " \(name)=\"") else { return nil }
            let rest = tag[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return HTMLEntities.decode(String(rest[..<end]))
        }
    }
}

extension StringProtocol {
    /// Without the ASCII characters of `set` at either end, on bytes (they are all ASCII).
    func trimmingCharacters(in set: String) -> String {
        let bytes = Array(utf8)
        let trimmed = Set(set.utf8)
        guard let first = bytes.firstIndex(where: { !trimmed.contains($0) }),
              let last = bytes.lastIndex(where: { !trimmed.contains($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}

/// The few entities cmark writes (`&amp; &lt; &gt; &quot;`) and numeric references, back to text.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let after = rest[ampersand...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                output += "&"
                rest = rest[rest.index(after: ampersand)...]
                continue
            }
            let name = after[after.index(after: after.startIndex)..<semicolon]
            if let decoded = entity(name) {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest[rest.index(after: ampersand)...]
            }
        }
        return output + rest
    }

    private static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}

/// A JavaScript (and JSON) string literal: quotes, backslashes and control characters escaped, and `<` too,
/// so that no line can close a script element wherever the index is put.
enum JavaScriptString {
    static func append(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "\\u003c".utf8)
            case 0..<0x20, 0x7F:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
