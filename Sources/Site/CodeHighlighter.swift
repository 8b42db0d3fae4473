/// Lexical highlighting for the code Loom shows: Python as written (mistakes included) and Swift as translated.
///
/// It never fails: whatever it does not recognise is plain text, so a snippet with syntax errors still shows.
/// It works on the code's UTF-8 bytes and writes each line into one byte buffer: every snippet of a vault
/// passes through here, and scalar arrays and per-token strings made it the site build's hottest code.
public enum CodeHighlighter {
    public enum Language: Sendable {
        case python, swift
    }

    /// Token classes as CSS class names.
    enum TokenClass: String {
        case keyword = "kw", string = "st", comment = "cm", number = "nu", builtin = "bi", decorator = "de", function = "fn"
    }

    /// The code as escaped HTML lines, tokens wrapped in `<span class>`; a token spanning lines is closed and reopened per line.
    public static func highlightedLines(_ code: String, language: Language) -> [String] {
        var code = code
        code.makeContiguousUTF8()
        return code.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = Scanner(bytes: bytes, spec: LanguageSpec.for(language))
            scanner.scan()
            return scanner.lines
        } ?? []
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let spec: LanguageSpec
        var lines: [String] = []
        var current: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, spec: LanguageSpec) {
            self.bytes = bytes
            self.spec = spec
            current.reserveCapacity(256)
        }

        mutating func scan() {
            var index = 0
            var previousWord = ""
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == spec.lineCommentByte {
                    let end = endOfLine(from: index)
                    emit(index..<end, as: .comment)
                    index = end
                } else if spec.blockComments, byte == slash, index + 1 < count, bytes[index + 1] == star {
                    let end = endOfBlockComment(from: index + 2)
                    emit(index..<end, as: .comment)
                    index = end
                } else if spec.blockComments, byte == slash, index + 1 < count, bytes[index + 1] == slash {
                    let end = endOfLine(from: index)
                    emit(index..<end, as: .comment)
                    index = end
                } else if byte == doubleQuote || (byte == singleQuote && spec.singleQuotedStrings) {
                    let end = endOfString(from: index)
                    emit(index..<end, as: .string)
                    index = end
                } else if byte == at, spec.decorators {
                    var end = index + 1
                    while end < count {
                        if bytes[end] == dot { end += 1; continue }
                        let length = identifierLength(at: end)
                        if length == 0 { break }
                        end += length
                    }
                    emit(index..<end, as: .decorator)
                    index = end
                } else if let length = identifierStartLength(at: index) {
                    var end = index + length
                    while end < count {
                        let next = identifierLength(at: end)
                        if next == 0 { break }
                        end += next
                    }
                    // Python string prefixes: f'', rb"", u'' …
                    if spec.singleQuotedStrings, end < count, bytes[end] == singleQuote || bytes[end] == doubleQuote, end - index <= 2,
                       bytes[index..<end].allSatisfy(Self.isStringPrefixLetter) {
                        let stringEnd = endOfString(from: end)
                        emit(index..<stringEnd, as: .string)
                        index = stringEnd
                        continue
                    }
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                    let tokenClass: TokenClass? = spec.keywords.contains(word) ? .keyword
                        : spec.definers.contains(previousWord) ? .function
                        : spec.builtins.contains(word) ? .builtin : nil
                    emit(index..<end, as: tokenClass)
                    previousWord = word
                    index = end
                    continue
                } else if Self.isDigit(byte) {
                    var end = index + 1
                    while end < count {
                        if bytes[end] == dot { end += 1; continue }
                        let length = identifierLength(at: end)
                        if length == 0 { break }
                        end += length
                    }
                    emit(index..<end, as: .number)
                    index = end
                } else {
                    let end = index + Self.scalarLength(leadingByte: byte)
                    emit(index..<min(end, count), as: nil)
                    index = end
                }
                if !(byte == space || byte == tab) { previousWord = "" }
            }
            if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        }

        /// Writes a token, escaped and wrapped per line; a newline ends the line being built.
        private mutating func emit(_ range: Range<Int>, as tokenClass: TokenClass?) {
            var segmentStart = range.lowerBound
            var position = range.lowerBound
            while position < range.upperBound {
                if bytes[position] == newline {
                    wrap(segmentStart..<position, tokenClass)
                    lines.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                    segmentStart = position + 1
                }
                position += 1
            }
            wrap(segmentStart..<range.upperBound, tokenClass)
        }

        private mutating func wrap(_ range: Range<Int>, _ tokenClass: TokenClass?) {
            guard !range.isEmpty else { return }
            guard let tokenClass else {
                HTMLEscaping.appendEscaped(UnsafeBufferPointer(rebasing: bytes[range]), to: &current)
                return
            }
            current.append(contentsOf: Self.spanOpening)
            current.append(contentsOf: tokenClass.rawValue.utf8)
            current.append(contentsOf: Self.spanOpeningEnd)
            HTMLEscaping.appendEscaped(UnsafeBufferPointer(rebasing: bytes[range]), to: &current)
            current.append(contentsOf: Self.spanClosing)
        }

        private static let spanOpening = Array("<span class=\"".utf8)
        private static let spanOpeningEnd = Array("\">".utf8)
        private static let spanClosing = Array("</span>".utf8)

        private func endOfLine(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] != newline { index += 1 }
            return index
        }

        /// End (exclusive) of a string literal starting at a quote; triple quotes may span lines, others end at the line.
        private func endOfString(from start: Int) -> Int {
            let count = bytes.count
            let quote = bytes[start]
            let triple = start + 2 < count && bytes[start + 1] == quote && bytes[start + 2] == quote
            var index = start + (triple ? 3 : 1)
            while index < count {
                let byte = bytes[index]
                // Skipping only the escaped scalar's first byte is enough: the bytes that follow it are never ASCII.
                if byte == backslash { index += 2; continue }
                if !triple, byte == newline { return index }
                if byte == quote {
                    if !triple { return index + 1 }
                    if index + 2 < count, bytes[index + 1] == quote, bytes[index + 2] == quote { return index + 3 }
                }
                index += 1
            }
            return count
        }

        private func endOfBlockComment(from start: Int) -> Int {
            var index = start
            while index + 1 < bytes.count {
                if bytes[index] == star, bytes[index + 1] == slash { return index + 2 }
                index += 1
            }
            return bytes.count
        }

        /// The byte length of the scalar at `index` when it may start an identifier, else nil.
        private func identifierStartLength(at index: Int) -> Int? {
            let byte = bytes[index]
            if byte < 0x80 { return Self.isASCIILetter(byte) || byte == underscore ? 1 : nil }
            let (scalar, length) = decodeScalar(at: index)
            return scalar.properties.isAlphabetic ? length : nil
        }

        /// The byte length of the scalar at `index` when it may continue an identifier, else 0.
        private func identifierLength(at index: Int) -> Int {
            let byte = bytes[index]
            if byte < 0x80 { return Self.isASCIILetter(byte) || byte == underscore || Self.isDigit(byte) ? 1 : 0 }
            let (scalar, length) = decodeScalar(at: index)
            return scalar.properties.isAlphabetic ? length : 0
        }

        private func decodeScalar(at index: Int) -> (Unicode.Scalar, Int) {
            let length = min(Self.scalarLength(leadingByte: bytes[index]), bytes.count - index)
            var iterator = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]).makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
            return ("\u{FFFD}", 1)
        }

        private static func scalarLength(leadingByte byte: UInt8) -> Int {
            byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        }

        private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        private static func isStringPrefixLetter(_ byte: UInt8) -> Bool {
            let lower = byte | 0x20
            return lower == 0x72 || lower == 0x62 || lower == 0x75 || lower == 0x66
        }
    }
}

private let newline = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let slash = UInt8(ascii: "/")
private let star = UInt8(ascii: "*")
private let doubleQuote = UInt8(ascii: "\"")
private let singleQuote = UInt8(ascii: "'")
private let backslash = UInt8(ascii: "\\")
private let at = UInt8(ascii: "@")
private let dot = UInt8(ascii: ".")
private let underscore = UInt8(ascii: "_")
