import Foundation

/// Loom's markers in cmark's output, and how the rendered body is cut at them.
///
/// A marker is the byte 0xFF, a letter for its kind, its index in decimal, and 0xFF again. 0xFF is never part
/// of UTF-8, and cmark (validating its input) replaces every byte that is not UTF-8 with U+FFFD, so no note can
/// put it in cmark's output: only Loom writes it. Being bytes of a text node's literal rather than nodes of
/// their own, markers cost a wiki link no change to the tree's shape.
enum BodyMarkers {
    static let delimiter: UInt8 = 0xFF

    enum Kind {
        case snippet, image, wikiLink

        var letter: UInt8 {
            switch self {
            case .snippet: UInt8(ascii: "s")
            case .image: UInt8(ascii: "i")
            case .wikiLink: UInt8(ascii: "w")
            }
        }
    }

    static func append(_ kind: Kind, _ index: Int, to bytes: inout [UInt8]) {
        bytes.append(delimiter)
        bytes.append(kind.letter)
        bytes.append(contentsOf: String(index).utf8)
        bytes.append(delimiter)
    }

    /// Cuts cmark's output at Loom's markers, reading it where cmark wrote it: for a large note, each copy of
    /// the whole rendered body was a tenth of the reading time.
    static func split(_ html: UnsafeBufferPointer<UInt8>) -> [BodyPiece] {
        var pieces: [BodyPiece] = []
        func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: html[range]), as: UTF8.self) }
        var pieceStart = 0
        var searchFrom = 0
        while let start = firstDelimiter(in: html, from: searchFrom) {
            guard let end = firstDelimiter(in: html, from: start + 1) else { break }
            searchFrom = end + 1
            guard let piece = piece(html[(start + 1)..<end]) else { continue }
            if start > pieceStart { pieces.append(.html(string(pieceStart..<start))) }
            pieces.append(piece)
            pieceStart = searchFrom
        }
        if pieceStart < html.count { pieces.append(.html(string(pieceStart..<html.count))) }
        return pieces
    }

    private static func firstDelimiter(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(delimiter), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The piece a marker's kind letter and index stand for.
    private static func piece(_ marker: Slice<UnsafeBufferPointer<UInt8>>) -> BodyPiece? {
        guard let letter = marker.first, marker.count > 1 else { return nil }
        var index = 0
        for digit in marker.dropFirst() {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            index = index * 10 + Int(digit - UInt8(ascii: "0"))
        }
        switch letter {
        case Kind.snippet.letter: return .snippet(index)
        case Kind.image.letter: return .image(index)
        case Kind.wikiLink.letter: return .wikiLink(index)
        default: return nil
        }
    }
}
