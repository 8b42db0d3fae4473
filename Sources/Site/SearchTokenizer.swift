/// How search cuts text into the words it finds: the same rules here (the index, at build time) and in
/// `search.js` (the query, in the browser), so that a query finds exactly what the index holds.
///
/// A word is a run of letters, digits and `_`. Code identifiers are words made of words, and a reader may
/// type either: `ThreadPoolExecutor` is found as `threadpoolexecutor`, `thread`, `pool` and `executor`;
/// `as_completed` as itself, `as` and `completed`; `HTTPServer` as `httpserver`, `http` and `server`.
/// Everything is lower case; a word's parts are indexed beside the whole word, never instead of it.
public enum SearchTokenizer {
    /// The distinct tokens of `text`, in order of first appearance: each word, then its parts.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var seen: Set<String> = []
        forEachToken(in: text) { token in if seen.insert(token).inserted { tokens.append(token) } }
        return tokens
    }

    /// Calls `body` with each token of `text` in order, repeats included: what `tokens` gives before its
    /// repeats are dropped, without the set that drops them (the index keeps one per line on its own).
    public static func forEachToken(in text: String, _ body: (String) -> Void) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            asciiTokens(text, body)
            return
        }
        for word in words(text) {
            let whole = word.lowercased()
            body(whole)
            for part in parts(word) where part != whole { body(part) }
        }
    }

    /// The words of `text`: runs of letters, digits and `_`.
    public static func words(_ text: String) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if isWordCharacter(character) {
                if start == nil { start = index }
            } else if let wordStart = start {
                words.append(text[wordStart..<index])
                start = nil
            }
            index = text.index(after: index)
        }
        if let wordStart = start { words.append(text[wordStart..<text.endIndex]) }
        return words
    }

    /// The lower-cased parts of a compound word, or none when the word is one part: cut at `_`, where a
    /// lower-case letter or digit meets an upper-case one (`doSomething`), and before the last capital of a
    /// run of capitals followed by a lower-case letter (`HTTPServer` → `HTTP`, `Server`).
    public static func parts(_ word: Substring) -> [String] {
        let characters = Array(word)
        var parts: [String] = []
        var current = ""
        func cut() {
            if !current.isEmpty { parts.append(current.lowercased()) }
            current = ""
        }
        for (position, character) in characters.enumerated() {
            if character == "_" {
                cut()
                continue
            }
            if character.isUppercase, position > 0 {
                let previous = characters[position - 1]
                let nextIsLower = position + 1 < characters.count && characters[position + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { cut() }
            }
            current.append(character)
        }
        cut()
        if parts.count == 1, parts[0] == word.lowercased() { return [] }
        return parts
    }

    /// `tokens` for ASCII text, on bytes: every line of every note of a vault passes through here.
    private static func asciiTokens(_ text: String, _ found: (String) -> Void) {
        var word: [UInt8] = []
        var lower: [UInt8] = []
        func isWordByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func lowered(_ bytes: ArraySlice<UInt8>) -> String {
            lower.removeAll(keepingCapacity: true)
            for byte in bytes { lower.append(isUpper(byte) ? byte | 0x20 : byte) }
            return String(decoding: lower, as: UTF8.self)
        }
        func finishWord() {
            guard !word.isEmpty else { return }
            found(lowered(word[...]))
            // A part as long as the word is the word itself: nothing more to say.
            var partStart = 0
            func part(_ range: Range<Int>) {
                if range.count < word.count { found(lowered(word[range])) }
            }
            for position in word.indices {
                let byte = word[position]
                if byte == UInt8(ascii: "_") {
                    if position > partStart { part(partStart..<position) }
                    partStart = position + 1
                    continue
                }
                guard isUpper(byte), position > partStart else { continue }
                let previous = word[position - 1]
                let nextIsLower = position + 1 < word.count && isLower(word[position + 1])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) {
                    part(partStart..<position)
                    partStart = position
                }
            }
            if partStart < word.count { part(partStart..<word.count) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            if isWordByte(byte) { word.append(byte) } else { finishWord() }
        }
        finishWord()
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }
}
