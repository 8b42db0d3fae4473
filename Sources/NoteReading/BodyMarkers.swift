/// Loom's markers in cmark's output, and how the rendered body is cut at them.
///
/// Markers are HTML comments that only Loom can write: in safe mode cmark omits the note's own raw HTML,
/// and escapes `<` in text, so a note cannot forge one.
enum BodyMarkers {
    private static let prefix = "<!--loom:"

    static func snippet(_ index: Int) -> String { "\(prefix)snippet:\(index)-->" }
    static func image(_ index: Int) -> String { "\(prefix)image:\(index)-->" }
    static func wikiLink(_ index: Int) -> String { "\(prefix)wiki:\(index)-->" }

    /// Cuts cmark's output at Loom's markers, reading it where cmark wrote it: for a large note, each copy of
    /// the whole rendered body was a tenth of the reading time.
    static func split(_ html: UnsafeBufferPointer<UInt8>) -> [BodyPiece] {
        var pieces: [BodyPiece] = []
        func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: html[range]), as: UTF8.self) }
        var pieceStart = 0
        var searchFrom = 0
        while let start = ByteSearch.first("<!--loom:", inBuffer: html, from: searchFrom) {
            guard let end = ByteSearch.first("-->", inBuffer: html, from: start) else { break }
            searchFrom = end + 3
            guard let piece = piece(named: html[(start + 9)..<end]) else { continue }
            if start > pieceStart { pieces.append(.html(string(pieceStart..<start))) }
            pieces.append(piece)
            pieceStart = searchFrom
        }
        if pieceStart < html.count { pieces.append(.html(string(pieceStart..<html.count))) }
        return pieces
    }

    /// `snippet:3`, `image:0` or `wiki:12`; nil for anything else.
    private static func piece(named marker: Slice<UnsafeBufferPointer<UInt8>>) -> BodyPiece? {
        guard let colon = marker.firstIndex(of: UInt8(ascii: ":")), colon > marker.startIndex else { return nil }
        let kind = marker[..<colon]
        guard let index = Int(String(decoding: marker[(colon + 1)...], as: UTF8.self)) else { return nil }
        if kind.elementsEqual("snippet".utf8) { return .snippet(index) }
        if kind.elementsEqual("image".utf8) { return .image(index) }
        return .wikiLink(index)
    }
}
