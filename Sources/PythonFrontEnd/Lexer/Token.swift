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

    var isKeyword: Bool { rawValue >= TokenKind.kwFalse.rawValue && rawValue <= TokenKind.kwYield.rawValue }
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

    /// The keyword kind of an ASCII identifier, without allocating a String for non-keywords.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenKind? {
        let length = end - start
        guard length >= 2, length <= 8 else { return nil }
        let first = bytes[start]
        // Every keyword starts with one of these letters; most identifiers are rejected here.
        switch first {
        case UInt8(ascii: "F"), UInt8(ascii: "N"), UInt8(ascii: "T"), UInt8(ascii: "a"), UInt8(ascii: "b"),
            UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "g"),
            UInt8(ascii: "i"), UInt8(ascii: "l"), UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "p"),
            UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "w"), UInt8(ascii: "y"):
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return table[text]
        default:
            return nil
        }
    }

    static let names: Set<String> = Set(table.keys)
}
