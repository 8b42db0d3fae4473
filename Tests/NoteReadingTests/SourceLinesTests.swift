import SeededRandom
import Testing
@testable import NoteReading

@Suite struct SourceLinesTests {
    @Test func linesAreTheLinesTheScannerFinds() {
        // The index keeps only line starts; the scanner is the plain definition (`\n`, `\r\n`, a lone `\r`).
        let alphabet: [UInt8] = Array("ab \n\n\r".utf8)
        var random = SeededGenerator(seed: 3)
        for length in 0..<300 {
            let bytes = (0..<(length % 40)).map { _ in alphabet.randomElement(using: &random)! }
            var expected: [ArraySlice<UInt8>] = []
            let scanner = LineScanner(bytes: bytes, from: 0)
            while let line = scanner.next() { expected.append(bytes[line.content]) }
            let lines = SourceLines(bytes)
            for number in 1...(expected.count + 1) {
                let wanted = number <= expected.count ? expected[number - 1] : []
                #expect(Array(lines[number]) == Array(wanted), "line \(number) of \(bytes)")
            }
            #expect(lines[0].isEmpty)
        }
    }

    @Test func columnsCountScalarsAndTheCursorMovesOn() {
        let lines = SourceLines(Array("é [[a]] 漢 [[a]]\n[x] [x]\n".utf8))
        var cursor = SourceLines.Cursor()
        #expect(lines.column(of: "[[a]]", onLine: 1, cursor: &cursor) == 3)
        #expect(lines.column(of: "[[a]]", onLine: 1, cursor: &cursor) == 11)
        #expect(lines.column(of: "[[a]]", onLine: 1, cursor: &cursor) == nil)
        #expect(lines.column(of: "[", onLine: 2, cursor: &cursor) == 1)
        #expect(lines.column(of: "[", onLine: 2, cursor: &cursor) == 5)
        #expect(lines.column(of: "[", onLine: 3, cursor: &cursor) == nil)
        #expect(lines.column(of: "[", onLine: 0, cursor: &cursor) == nil)
    }

    @Test func whatMayHoldALink() {
        let lines = SourceLines(Array("plain prose\nwith: a colon\n&amp;\n<x>\na [b]\nhttp\n".utf8))
        #expect(!lines.mayHoldLinks(onLines: 1...1))
        #expect(lines.mayHoldLinks(onLines: 1...2))
        #expect(lines.mayHoldLinks(onLines: 3...3))
        #expect(lines.mayHoldLinks(onLines: 4...4))
        #expect(lines.mayHoldLinks(onLines: 5...5))
        #expect(!lines.mayHoldLinks(onLines: 6...6))
        #expect(!lines.mayHoldLinks(onLines: 9...9))
    }
}
