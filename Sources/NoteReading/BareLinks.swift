/// Bare `http(s)://` addresses in prose become links, as readers of notes expect (GitHub and Dendron do the same).
enum BareLinks {
    private static let trailingPunctuation: Set<Character> = [".", ",", ":", ";", "!", "?", "'", "\"", "*", "_", "~"]

    static func split(_ piece: CommonMarkDocument.InlinePiece) -> [CommonMarkDocument.InlinePiece] {
        guard case .text(var text) = piece, text.containsBytes("http") else { return [piece] }
        text.makeContiguousUTF8()
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var pieces: [CommonMarkDocument.InlinePiece] = []
        var pieceStart = 0
        var searchFrom = 0
        while let start = text.utf8Offset(of: "http", from: searchFrom) {
            searchFrom = start + 4
            let rest = bytes[start...]
            guard rest.starts(with: "https://".utf8) || rest.starts(with: "http://".utf8) else { continue }
            var end = start
            while end < bytes.count, !isSpaceOrAngle(bytes[end]) { end += 1 }
            let url = trimmed(string(start..<end))
            guard url.utf8.count > 8 else { continue }
            if start > pieceStart { pieces.append(.text(string(pieceStart..<start))) }
            pieces.append(.link(url))
            pieceStart = start + url.utf8.count
            searchFrom = pieceStart
        }
        guard !pieces.isEmpty else { return [piece] }
        if pieceStart < bytes.count { pieces.append(.text(string(pieceStart..<bytes.count))) }
        return pieces
    }

    private static func isSpaceOrAngle(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "<")
    }

    /// Drops punctuation that ends the sentence rather than the address, and a `)` with no `(` in the address.
    private static func trimmed(_ candidate: String) -> String {
        var url = Substring(candidate)
        while let last = url.last {
            if trailingPunctuation.contains(last) {
                url = url.dropLast()
            } else if last == ")", url.filter({ $0 == "(" }).count < url.filter({ $0 == ")" }).count {
                url = url.dropLast()
            } else {
                break
            }
        }
        return String(url)
    }
}
