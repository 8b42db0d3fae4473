import Foundation

/// Python's `str` methods that Swift's `String` has no direct counterpart for, with Python's
/// exact rules (whitespace, padding side on odd widths, title casing).
extension String {
    /// `s.split()`: runs of whitespace separate; leading and trailing whitespace is ignored.
    public func pythonSplit() -> [String] {
        split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// `s.split(sep, maxsplit)`: an explicit separator keeps empty fields.
    public func pythonSplit(_ separator: String, maxsplit: Int = -1) -> [String] {
        precondition(!separator.isEmpty, "ValueError: empty separator")
        var parts: [String] = []
        var rest = Substring(self)
        while maxsplit < 0 || parts.count < maxsplit, let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// `s.strip()`, `s.strip(chars)`.
    public func strip(_ characters: String? = nil) -> String { lstrip(characters).rstrip(characters) }

    /// `s.lstrip()`, `s.lstrip(chars)`.
    public func lstrip(_ characters: String? = nil) -> String {
        let set = characters.map(Set.init)
        return String(drop { set?.contains($0) ?? $0.isWhitespace })
    }

    /// `s.rstrip()`, `s.rstrip(chars)`.
    public func rstrip(_ characters: String? = nil) -> String {
        let set = characters.map(Set.init)
        var result = Substring(self)
        while let last = result.last, set?.contains(last) ?? last.isWhitespace { result.removeLast() }
        return String(result)
    }

    private var pythonLength: Int { unicodeScalars.count }

    /// `s.center(width, fill)`: an odd padding leaves its extra character on the left only when
    /// the width is odd too (CPython: `left = pad / 2 + (pad & width & 1)`).
    public func center(_ width: Int, _ fill: Character = " ") -> String {
        let padding = width - pythonLength
        guard padding > 0 else { return self }
        let left = padding / 2 + (padding & width & 1)
        return String(repeating: fill, count: left) + self + String(repeating: fill, count: padding - left)
    }

    /// `s.ljust(width, fill)`.
    public func ljust(_ width: Int, _ fill: Character = " ") -> String {
        self + String(repeating: fill, count: max(0, width - pythonLength))
    }

    /// `s.rjust(width, fill)`.
    public func rjust(_ width: Int, _ fill: Character = " ") -> String {
        String(repeating: fill, count: max(0, width - pythonLength)) + self
    }

    /// `s.zfill(width)`: zeros after a leading sign.
    public func zfill(_ width: Int) -> String {
        let padding = width - pythonLength
        guard padding > 0 else { return self }
        let zeros = String(repeating: "0", count: padding)
        if let first = first, first == "+" || first == "-" { return String(first) + zeros + dropFirst() }
        return zeros + self
    }

    /// `s.title()`: a letter after a non-letter is uppercased, every other letter lowercased.
    public func title() -> String {
        var result = ""
        var previousIsCased = false
        for character in self {
            result += previousIsCased ? character.lowercased() : character.uppercased()
            previousIsCased = character.isLetter
        }
        return result
    }

    /// `s.capitalize()`: the first character uppercased, the rest lowercased.
    public func capitalize() -> String {
        guard let first else { return self }
        return first.uppercased() + dropFirst().lowercased()
    }

    /// `s.count(sub)`: non-overlapping occurrences.
    public func count(_ substring: String) -> Int {
        if substring.isEmpty { return pythonLength + 1 }
        var count = 0
        var rest = Substring(self)
        while let range = rest.range(of: substring) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// `s * n`.
    public static func * (text: String, count: Int) -> String { String(repeating: text, count: Swift.max(0, count)) }
}
