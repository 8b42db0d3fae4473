/// A compiled pattern and the searches `re` builds on it: `_sre`'s scanning rules for
/// `findall`/`finditer`/`sub`/`split` (an empty match may follow a non-empty one at the same
/// position, never another empty one), replacement templates, and the matches they produce.
final class CompiledPattern: @unchecked Sendable {
    let source: String
    /// The pattern as given: a str, or bytes (then `source` holds its bytes as Latin-1).
    let object: PyObject
    let isBytes: Bool
    let parsed: ParsedPattern
    var flags: Int { parsed.flags }
    var groupCount: Int { parsed.groupCount }

    init(source: String, object: PyObject, isBytes: Bool, parsed: ParsedPattern) {
        self.source = source
        self.object = object
        self.isBytes = isBytes
        self.parsed = parsed
    }

    func groupNumber(named name: String) -> Int? { parsed.groupNames.first { $0.0 == name }?.1 }
    func groupName(of number: Int) -> String? { parsed.groupNames.first { $0.1 == number }?.0 }
}

/// A str to search, as code points, or bytes, as byte values.
struct Subject {
    let object: PyObject
    let text: [UInt32]
    let isBytes: Bool

    init(_ object: PyObject, for pattern: CompiledPattern) throws {
        self.object = object
        isBytes = pattern.isBytes
        if case .str(let string) = object.builtinValue.storage {
            if pattern.isBytes { throw PyException.typeError("cannot use a bytes pattern on a string-like object") }
            text = string.unicodeScalars.map(\.value)
        } else if let bytes = object.builtinValue.heap as? PyBytes {
            if !pattern.isBytes { throw PyException.typeError("cannot use a string pattern on a bytes-like object") }
            text = bytes.bytes.map(UInt32.init)
        } else {
            throw PyException.typeError("expected string or bytes-like object, got '\(object.typeName)'")
        }
    }

    /// `string[start:end]`, a str or bytes like the subject.
    func piece(_ start: Int, _ end: Int) -> PyObject { Subject.make(text[start..<end], bytes: isBytes) }

    static func make(_ values: ArraySlice<UInt32>, bytes: Bool) -> PyObject {
        bytes ? .bytes(values.map { UInt8(truncatingIfNeeded: $0) }) : PyObject(string(values))
    }

    /// `pos`/`endpos` clamped into the string, as `_sre` does.
    func bounds(_ pos: PyObject, _ endpos: PyObject) throws -> (Int, Int) {
        func clamp(_ value: Int) -> Int { Swift.max(0, Swift.min(value, text.count)) }
        return (clamp(try pos.intArgument("pos")), endpos.isNone ? text.count : clamp(try endpos.intArgument("endpos")))
    }

    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return String(view)
    }
}

/// One match's groups, as positions in code points.
struct MatchRecord {
    let marks: [Int]
    let lastIndex: Int

    func span(_ group: Int) -> (Int, Int) {
        let start = marks[2 * group], end = marks[2 * group + 1]
        return start >= 0 && end >= 0 ? (start, end) : (-1, -1)
    }
}

extension CompiledPattern {
    enum Mode { case search, prefix, whole }

    func find(_ subject: Subject, from start: Int, end: Int, mode: Mode, mustAdvance: Bool = false) -> MatchRecord? {
        guard start <= end else { return nil }
        let matcher = PatternMatcher(text: subject.text, end: end, groupCount: groupCount)
        switch mode {
        case .search:
            guard matcher.guardedSearch(parsed.root, from: start, mustAdvance: mustAdvance) != nil else { return nil }
        case .prefix:
            guard matcher.guardedMatch(parsed.root, at: start) != nil else { return nil }
        case .whole:
            guard matcher.guardedMatch(parsed.root, at: start, whole: true) != nil else { return nil }
        }
        return MatchRecord(marks: matcher.marks, lastIndex: matcher.lastIndex)
    }

    /// Every match from `start`, as `_sre`'s scanner finds them; `body` returns false to stop.
    func scan(_ subject: Subject, from start: Int, end: Int, _ body: (MatchRecord) throws -> Bool) rethrows {
        var position = start
        var mustAdvance = false
        let matcher = PatternMatcher(text: subject.text, end: end, groupCount: groupCount)
        while position <= end, let found = matcher.guardedSearch(parsed.root, from: position, mustAdvance: mustAdvance) {
            if try !body(MatchRecord(marks: matcher.marks, lastIndex: matcher.lastIndex)) { return }
            mustAdvance = found.1 == found.0
            position = found.1
        }
    }
}

// MARK: Replacement templates

/// A parsed `repl` string: literal text and group numbers, as `re._parser.parse_template`.
enum TemplatePiece {
    case text(String)
    case group(Int)
}

extension CompiledPattern {
    func template(_ template: String) throws -> [TemplatePiece] {
        var source = try PatternTokenizer(Array(template.unicodeScalars))
        var pieces: [TemplatePiece] = []
        var literal = ""
        func addGroup(_ index: Int, offset: Int) throws {
            if index > groupCount { throw source.error("invalid group reference \(index)", offset: offset) }
            if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
            pieces.append(.group(index))
        }
        while let this = try source.get() {
            guard this.escaped else { literal.unicodeScalars.append(this.scalar); continue }
            let c = this.scalar
            if c == "g" {
                if !(try source.match("<")) { throw source.error("missing <") }
                let name = try source.getUntil(">", "group name")
                let length = name.unicodeScalars.count
                let index: Int
                if isPythonIdentifier(name) {
                    guard let number = groupNumber(named: name) else {
                        throw PyException.indexError("unknown group name \(pythonQuoted(name))")
                    }
                    index = number
                } else {
                    guard !name.isEmpty, name.unicodeScalars.allSatisfy(PatternParser.isDigit), let number = Int(name) else {
                        throw source.error("bad character in group name \(pythonQuoted(name))", offset: length + 1)
                    }
                    if number >= PatternParser.maxGroups { throw source.error("invalid group reference \(number)", offset: length + 1) }
                    index = number
                }
                try addGroup(index, offset: length + 1)
            } else if c == "0" {
                var digits = "0"
                for _ in 0..<2 {
                    guard let next = source.next, !next.escaped, PatternParser.isOctalDigit(next.scalar) else { break }
                    try source.advance()
                    digits.unicodeScalars.append(next.scalar)
                }
                literal.unicodeScalars.append(Unicode.Scalar(UInt8(UInt32(digits, radix: 8)! & 0xFF)))
            } else if PatternParser.isDigit(c) {
                var digits = String(c)
                var octal = false
                if let next = source.next, !next.escaped, PatternParser.isDigit(next.scalar) {
                    try source.advance()
                    digits.unicodeScalars.append(next.scalar)
                    if PatternParser.isOctalDigit(c), PatternParser.isOctalDigit(next.scalar),
                       let third = source.next, !third.escaped, PatternParser.isOctalDigit(third.scalar) {
                        try source.advance()
                        digits.unicodeScalars.append(third.scalar)
                        octal = true
                        let value = UInt32(digits, radix: 8)!
                        if value > 0o377 { throw source.error("octal escape value \\\(digits) outside of range 0-0o377", offset: 4) }
                        literal.unicodeScalars.append(Unicode.Scalar(value)!)
                    }
                }
                if !octal { try addGroup(Int(digits)!, offset: digits.count) }
            } else if let code = PatternParser.simpleEscapes[c] {
                literal.unicodeScalars.append(Unicode.Scalar(code)!)
            } else if c == "b" {
                literal.unicodeScalars.append("\u{8}")
            } else if PatternParser.isASCIILetter(c) {
                throw source.error("bad escape \\" + String(c), offset: 2)
            } else {
                literal += "\\" + String(c)
            }
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }

    func expand(_ pieces: [TemplatePiece], _ subject: Subject, _ record: MatchRecord) -> PyObject {
        var result: [UInt32] = []
        for piece in pieces {
            switch piece {
            case .text(let text): result += text.unicodeScalars.map(\.value)
            case .group(let index):
                let (start, end) = record.span(index)
                if start >= 0 { result += subject.text[start..<end] }
            }
        }
        return Subject.make(result[...], bytes: subject.isBytes)
    }
}
