/// Bare `http(s)://` addresses in prose become links, as readers of notes expect (GitHub and Dendron do the same).
enum BareLinks {
    private static let schemes = ["https://", "http://"]
    private static let trailingPunctuation: Set<Character> = [".", ",", ":", ";", "!", "?", "'", "\"", "*", "_", "~"]

    static func split(_ piece: CommonMarkDocument.InlinePiece) -> [CommonMarkDocument.InlinePiece] {
        guard case .text(let text) = piece, text.containsBytes("http") else { return [piece] }
        var pieces: [CommonMarkDocument.InlinePiece] = []
        var rest = text[...]
        while let start = schemes.compactMap({ rest.range(of: $0)?.lowerBound }).min() {
            let candidate = rest[start...].prefix { !$0.isWhitespace && $0 != "<" }
            let url = trimmed(candidate)
            guard url.count > 8 else {
                pieces.append(.text(String(rest[..<candidate.endIndex])))
                rest = rest[candidate.endIndex...]
                continue
            }
            if start > rest.startIndex { pieces.append(.text(String(rest[..<start]))) }
            pieces.append(.link(String(url)))
            rest = rest[url.endIndex...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// Drops punctuation that ends the sentence rather than the address, and a `)` with no `(` in the address.
    private static func trimmed(_ candidate: Substring) -> Substring {
        var url = candidate
        while let last = url.last {
            if trailingPunctuation.contains(last) {
                url = url.dropLast()
            } else if last == ")", url.filter({ $0 == "(" }).count < url.filter({ $0 == ")" }).count {
                url = url.dropLast()
            } else {
                break
            }
        }
        return url
    }
}
