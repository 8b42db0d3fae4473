/// Dendron's usual front matter — `key: value` lines of the keys Loom knows, values plain or single-quoted,
/// printable ASCII — read without a YAML parser.
///
/// Composing a YAML tree per note was a large share of reading a vault. Anything beyond that simple form
/// (other keys, other quoting, comments, nesting, anything a YAML parser could read differently) returns nil,
/// and the note goes through Yams as before; the two agree on what this reads (tested against each other).
enum SimpleFrontMatter {
    static func read(_ yaml: String) -> FrontMatter? {
        var frontMatter = FrontMatter()
        var seen: Set<Substring> = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { continue }
            guard line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
                  let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            let rest = line[line.index(after: colon)...]
            guard rest.first == " ", seen.insert(key).inserted else { return nil }
            guard let value = scalar(rest.dropFirst()) else { return nil }
            switch key {
            case "id": frontMatter.id = value.text
            case "title": frontMatter.title = value.text
            case "desc": frontMatter.description = value.text
            case "created":
                guard let number = value.number else { return nil }
                frontMatter.created = number
            case "updated":
                guard let number = value.number else { return nil }
                frontMatter.updated = number
            default:
                return nil
            }
        }
        return frontMatter
    }

    private struct Scalar {
        var string: String
        var isPlainNull: Bool
        /// A text key's value: YAML's plain nulls are no value.
        var text: String? { isPlainNull ? nil : string }
        var number: Int64? { Int64(string.replacingOccurrences(of: "_", with: "")) }
    }

    private static func scalar(_ value: Substring) -> Scalar? {
        guard let first = value.first, let last = value.last else { return nil }
        if first == "'" {
            guard value.count >= 2, last == "'" else { return nil }
            let inner = value.dropFirst().dropLast()
            // Inside single quotes only a doubled quote means anything: one quote.
            let pieces = inner.split(separator: "'", omittingEmptySubsequences: false)
            var text = ""
            var index = 0
            while index < pieces.count {
                text += pieces[index]
                if index + 1 < pieces.count {
                    guard pieces[index + 1].isEmpty, index + 2 < pieces.count else { return nil }
                    text += "'"
                    index += 2
                } else {
                    index += 1
                }
            }
            return Scalar(string: text, isPlainNull: false)
        }
        // A plain scalar that no YAML reader could take for anything else.
        guard !"-?:,[]{}#&*!|>'\"%@` ".contains(first), last != " ", last != ":",
              !value.contains(": "), !value.contains(" #") else { return nil }
        let string = String(value)
        return Scalar(string: string, isPlainNull: ["~", "null", "Null", "NULL"].contains(string))
    }
}
