/// Loom's markers in cmark's output, and how the rendered body is cut at them.
///
/// Markers are HTML comments that only Loom can write: in safe mode cmark omits the note's own raw HTML,
/// and escapes `<` in text, so a note cannot forge one.
enum BodyMarkers {
    private static let prefix = "<!--loom:"

    static func snippet(_ index: Int) -> String { "\(prefix)snippet:\(index)-->" }
    static func image(_ index: Int) -> String { "\(prefix)image:\(index)-->" }
    static func wikiLink(_ index: Int) -> String { "\(prefix)wiki:\(index)-->" }

    static func split(_ html: String) -> [BodyPiece] {
        var pieces: [BodyPiece] = []
        var html = html
        html.makeContiguousUTF8()
        let bytes = Array(html.utf8)
        var pieceStart = 0
        var searchFrom = 0
        while let start = html.utf8Offset(of: "<!--loom:", from: searchFrom) {
            guard let end = html.utf8Offset(of: "-->", from: start) else { break }
            let marker = String(decoding: bytes[(start + 9)..<end], as: UTF8.self)
            searchFrom = end + 3
            let parts = marker.split(separator: ":")
            guard parts.count == 2, let index = Int(parts[1]) else { continue }
            if start > pieceStart { pieces.append(.html(String(decoding: bytes[pieceStart..<start], as: UTF8.self))) }
            switch parts[0] {
            case "snippet": pieces.append(.snippet(index))
            case "image": pieces.append(.image(index))
            default: pieces.append(.wikiLink(index))
            }
            pieceStart = searchFrom
        }
        if pieceStart < bytes.count { pieces.append(.html(String(decoding: bytes[pieceStart...], as: UTF8.self))) }
        return pieces
    }
}
