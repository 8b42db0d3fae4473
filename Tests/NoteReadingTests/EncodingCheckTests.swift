import Testing
@testable import NoteReading
import SeededRandom

@Suite struct EncodingCheckTests {
    /// Bytes around every boundary of the well-formed table: overlongs, surrogates, beyond U+10FFFF, truncations.
    static let pieces: [[UInt8]] = [
        [0x41], [0x0A], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0x80],
        [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0x80, 0x80],
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], Array("é😀".utf8),
    ]

    @Test func findsTheSameFirstInvalidByteAsSwiftsParser() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 8)
            let bytes = (0..<length).flatMap { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }
            #expect(EncodingCheck.firstInvalidUTF8(in: bytes) == EncodingCheck.firstInvalidUTF8UsingParser(in: bytes), "\(bytes)")
        }
    }
}
