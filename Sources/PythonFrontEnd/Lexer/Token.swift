/// The kinds of token the lexer produces. Hard keywords get their own kind so the parser
/// compares small integers, never strings.
enum TokenKind: UInt8, Sendable {
    case name, number, string, newline, indent, dedent, endMarker
    // Hard keywords.
    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
    case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
    case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
    case kwReturn, kwTry, kwWhile, kwWith, kwYield
    // Operators and delimiters.
    case lpar, rpar, lsqb, rsqb, lbrace, rbrace, colon, comma, semi, plus, minus, star, slash
    case vbar, amper, less, greater, equal, dot, percent, eqEqual, notEqual, lessEqual
    case greaterEqual, tilde, circumflex, leftShift, rightShift, doubleStar, plusEqual
    case minusEqual, starEqual, slashEqual, percentEqual, amperEqual, vbarEqual, circumflexEqual
    case leftShiftEqual, rightShiftEqual, doubleStarEqual, doubleSlash, doubleSlashEqual, at
    case atEqual, rarrow, ellipsis, colonEqual
}

/// One token: byte offsets into the source and the 0-based line/column (in scalars) of the snippet.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
}

enum Keywords {
    static let table: [String: TokenKind] = [
        "False": .kwFalse, "None": .kwNone, "True": .kwTrue, "and": .kwAnd, "as": .kwAs,
        "assert": .kwAssert, "async": .kwAsync, "await": .kwAwait, "break": .kwBreak,
        "class": .kwClass, "continue": .kwContinue, "def": .kwDef, "del": .kwDel, "elif": .kwElif,
        "else": .kwElse, "except": .kwExcept, "finally": .kwFinally, "for": .kwFor, "from": .kwFrom,
        "global": .kwGlobal, "if": .kwIf, "import": .kwImport, "in": .kwIn, "is": .kwIs,
        "lambda": .kwLambda, "nonlocal": .kwNonlocal, "not": .kwNot, "or": .kwOr, "pass": .kwPass,
        "raise": .kwRaise, "return": .kwReturn, "try": .kwTry, "while": .kwWhile, "with": .kwWith,
        "yield": .kwYield,
    ]

    /// Keywords grouped by length, as bytes, so that lookup is a few byte comparisons.
    private static let byLength: [[(bytes: [UInt8], kind: TokenKind)]] = {
        var groups = [[(bytes: [UInt8], kind: TokenKind)]](repeating: [], count: 9)
        for (word, kind) in table { groups[word.utf8.count].append((Array(word.utf8), kind)) }
        return groups
    }()

    /// The keyword kind of an ASCII identifier, without allocating.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenKind? {
        let length = end - start
        guard length >= 2, length <= 8 else { return nil }
        candidates: for candidate in byLength[length] {
            for offset in 0..<length where candidate.bytes[offset] != bytes[start + offset] { continue candidates }
            return candidate.kind
        }
        return nil
    }

    static let names: Set<String> = Set(table.keys)
}
