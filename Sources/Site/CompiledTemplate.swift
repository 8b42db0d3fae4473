/// A Mustache template split once into static text and slots, for the subset Loom's pages use: `{{name}}`,
/// `{{{name}}}`, sections `{{#name}}`, inverted sections `{{^name}}`, over strings, numbers, booleans,
/// dictionaries and arrays.
///
/// Rendering every page through the Mustache library's reflection showed as a large share of a site build.
/// This renders the same text as the library for that subset; any other template or value makes `render`
/// return nil, and the caller uses the library instead.
struct CompiledTemplate: Sendable {
    private indirect enum Part: Sendable {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, inverted: Bool, [Part])
    }

    private let parts: [Part]

    /// nil when the template uses anything outside the subset.
    init?(_ template: String) {
        guard let parts = Self.parse(Array(template.utf8)) else { return nil }
        self.parts = parts
    }

    /// nil when a value lies outside the subset.
    func render(_ context: [String: Any]) -> String? {
        renderBytes(context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The rendered text as UTF-8, for a caller that writes it out: making a `String` of a whole page
    /// validates every byte again.
    func renderBytes(_ context: [String: Any]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        var stack: [Any] = [context]
        guard Self.render(parts, stack: &stack, into: &output) else { return nil }
        return output
    }

    // MARK: Rendering

    private static func render(_ parts: [Part], stack: inout [Any], into output: inout [UInt8]) -> Bool {
        for part in parts {
            switch part {
            case .text(let text):
                output.append(contentsOf: text.utf8)
            case .variable(let name, let escaped):
                guard let found = lookUp(name, in: stack) else { return false }
                guard let value = found else { continue }
                guard let text = plainText(of: value) else { return false }
                if escaped { appendMustacheEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            case .section(let name, let inverted, let children):
                guard let found = lookUp(name, in: stack) else { return false }
                let value = found
                if inverted {
                    let empty: Bool
                    switch value {
                    case .none: empty = true
                    case .some(let bool as Bool): empty = !bool
                    case .some(let array as [Any]): empty = array.isEmpty
                    case .some: empty = false
                    }
                    if empty {
                        // The library pushes an empty sequence: it holds no names, so lookups go past it.
                        guard render(children, stack: &stack, into: &output) else { return false }
                    }
                    continue
                }
                switch value {
                case .none:
                    continue
                case .some(let bool as Bool):
                    if bool, !render(children, stack: &stack, into: &output) { return false }
                case .some(let array as [Any]):
                    for element in array {
                        stack.append(element)
                        defer { stack.removeLast() }
                        guard render(children, stack: &stack, into: &output) else { return false }
                    }
                case .some(let object):
                    stack.append(object)
                    defer { stack.removeLast() }
                    guard render(children, stack: &stack, into: &output) else { return false }
                }
            }
        }
        return true
    }

    /// `.some(nil)`: no object holds the name. nil: an object the subset cannot look into.
    private static func lookUp(_ name: String, in stack: [Any]) -> Any?? {
        for object in stack.reversed() {
            switch object {
            case let dictionary as [String: Any]:
                if let value = dictionary[name] { return .some(value) }
            case is String, is Bool, is Int, is Int64, is [Any]:
                continue
            default:
                return nil
            }
        }
        return .some(nil)
    }

    private static func plainText(of value: Any) -> String? {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        case let number as Int64: String(number)
        case let bool as Bool: String(bool)
        default: nil
        }
    }

    /// The library's escaping, which works on characters: a quote carrying a combining mark is one character
    /// it does not escape. ASCII text, the common case, is escaped on bytes.
    private static func appendMustacheEscaped(_ text: String, to output: inout [UInt8]) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var text = text
            text.withUTF8 { HTMLEscaping.appendEscaped($0, to: &output) }
            return
        }
        for character in text {
            switch character {
            case "<": output.append(contentsOf: "&lt;".utf8)
            case ">": output.append(contentsOf: "&gt;".utf8)
            case "&": output.append(contentsOf: "&amp;".utf8)
            case "\"": output.append(contentsOf: "&quot;".utf8)
            case "'": output.append(contentsOf: "&#39;".utf8)
            default: output.append(contentsOf: character.utf8)
            }
        }
    }

    // MARK: Parsing

    private enum Tag {
        case variable(String, escaped: Bool)
        case open(String, inverted: Bool)
        case close(String)
    }

    private static func parse(_ bytes: [UInt8]) -> [Part]? {
        // Open sections: their name and the parts gathered so far; the bottom entry is the template itself.
        var levels: [(name: String, inverted: Bool, parts: [Part])] = [("", false, [])]
        var text: [UInt8] = []
        var position = 0
        let open: [UInt8] = Array("{{".utf8)

        func flushText() {
            if !text.isEmpty { levels[levels.count - 1].parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }

        while position < bytes.count {
            guard bytes[position...].starts(with: open) else {
                text.append(bytes[position])
                position += 1
                continue
            }
            guard let (tag, end) = readTag(bytes, at: position) else { return nil }
            switch tag {
            case .variable(let name, let escaped):
                flushText()
                levels[levels.count - 1].parts.append(.variable(name, escaped: escaped))
                position = end
            case .open, .close:
                // A section tag alone on its line takes the whole line with it, as the Mustache spec says.
                var after = end
                if let lineEnd = standaloneLineEnd(bytes, tagStart: position, tagEnd: end) {
                    while let last = text.last, last == 0x20 || last == 0x09 { text.removeLast() }
                    after = lineEnd
                }
                flushText()
                position = after
                if case .open(let name, let inverted) = tag {
                    levels.append((name, inverted, []))
                } else if case .close(let name) = tag {
                    guard levels.count > 1, levels[levels.count - 1].name == name else { return nil }
                    let finished = levels.removeLast()
                    levels[levels.count - 1].parts.append(.section(finished.name, inverted: finished.inverted, finished.parts))
                }
            }
        }
        flushText()
        guard levels.count == 1 else { return nil }
        return levels[0].parts
    }

    /// The tag at `start` and where it ends; nil for anything outside the subset.
    private static func readTag(_ bytes: [UInt8], at start: Int) -> (Tag, Int)? {
        let triple = start + 2 < bytes.count && bytes[start + 2] == UInt8(ascii: "{")
        let closing: [UInt8] = Array((triple ? "}}}" : "}}").utf8)
        let contentStart = start + (triple ? 3 : 2)
        var end = contentStart
        while end < bytes.count, !bytes[end...].starts(with: closing) { end += 1 }
        guard end < bytes.count else { return nil }
        var content = String(decoding: bytes[contentStart..<end], as: UTF8.self).trimmingSpacesAndTabs()
        let after = end + closing.count
        if triple {
            guard isPlainName(content) else { return nil }
            return (.variable(content, escaped: false), after)
        }
        let sigil = content.first
        if sigil == "#" || sigil == "^" || sigil == "/" {
            content = String(content.dropFirst()).trimmingSpacesAndTabs()
            guard isPlainName(content) else { return nil }
            switch sigil {
            case "#": return (.open(content, inverted: false), after)
            case "^": return (.open(content, inverted: true), after)
            default: return (.close(content), after)
            }
        }
        guard isPlainName(content) else { return nil }
        return (.variable(content, escaped: true), after)
    }

    /// Letters, digits, `_` and `-`: no dotted names, no `.`, no transforms, no other tag kinds.
    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
        }
    }

    /// Where the line after a standalone tag ends (past its newline), or nil when the tag shares its line.
    private static func standaloneLineEnd(_ bytes: [UInt8], tagStart: Int, tagEnd: Int) -> Int? {
        // Before the tag on its line: only spaces and tabs, back to a newline or the template's start.
        var before = tagStart - 1
        while before >= 0, bytes[before] == 0x20 || bytes[before] == 0x09 { before -= 1 }
        guard before < 0 || bytes[before] == 0x0A else { return nil }
        var after = tagEnd
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        if after == bytes.count { return after }
        if bytes[after] == 0x0A { return after + 1 }
        if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A { return after + 2 }
        return nil
    }
}

private extension String {
    func trimmingSpacesAndTabs() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
