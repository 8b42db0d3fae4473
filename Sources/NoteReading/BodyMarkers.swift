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
        var rest = html[...]
        while let start = rest.range(of: prefix) {
            guard let end = rest[start.upperBound...].range(of: "-->") else { break }
            let marker = rest[start.upperBound..<end.lowerBound]
            let parts = marker.split(separator: ":")
            guard parts.count == 2, let index = Int(parts[1]) else { break }
            if start.lowerBound > rest.startIndex { pieces.append(.html(String(rest[..<start.lowerBound]))) }
            switch parts[0] {
            case "snippet": pieces.append(.snippet(index))
            case "image": pieces.append(.image(index))
            default: pieces.append(.wikiLink(index))
            }
            rest = rest[end.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.html(String(rest))) }
        return pieces
    }
}
