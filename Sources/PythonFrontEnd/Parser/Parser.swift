import Foundation

/// Recursive-descent parser for Python 3.11 over the lexer's tokens, building the typed AST.
///
/// It stops at the first syntax error, as CPython does. Positions are mapped to the note file as
/// nodes are built: `lineOffset` is added to lines and `columnOffset` to columns.
struct Parser {
    /// Bound on nested expression levels (brackets, unary operators, `not`, lambdas, conditionals),
    /// so that hostile input ends in a diagnostic instead of exhausting the stack.
    static let maxNesting = 1000

    let bytes: UnsafeBufferPointer<UInt8>
    var tokens: [Token]
    var index = 0
    let lineOffset: Int
    let columnOffset: Int
    var nesting = 0

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], lineOffset: Int, columnOffset: Int) {
        self.bytes = bytes
        self.tokens = tokens
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
    }

    // MARK: - Tokens

    var current: Token { tokens[index] }
    var kind: TokenKind { tokens[index].kind }

    func peekKind(_ offset: Int = 1) -> TokenKind {
        let target = index + offset
        return target < tokens.count ? tokens[target].kind : .endMarker
    }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    mutating func accept(_ expected: TokenKind) -> Bool {
        if kind == expected { advance(); return true }
        return false
    }

    mutating func expect(_ expected: TokenKind, _ what: String) throws(PythonSyntaxError) {
        guard kind == expected else { throw errorExpected(what) }
        advance()
    }

    func text(of token: Token) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
        let raw = String(decoding: slice, as: UTF8.self)
        guard token.kind == .name, slice.contains(where: { $0 >= 0x80 }) else { return raw }
        return Identifiers.normalize(raw)
    }

    /// True when the current token is the name `word` (soft keywords: `match`, `case`, `_`).
    func isName(_ word: StaticString) -> Bool {
        let token = current
        guard token.kind == .name, token.end - token.start == word.utf8CodeUnitCount else { return false }
        let wordBytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for offset in 0..<wordBytes.count where bytes[token.start + offset] != wordBytes[offset] { return false }
        return true
    }

    mutating func name(_ what: String = "a name") throws(PythonSyntaxError) -> String {
        guard kind == .name else { throw errorExpected(what) }
        let value = text(of: current)
        advance()
        return value
    }

    // MARK: - Positions

    func position(line: Int, column: Int) -> Position {
        Position(uncheckedLine: line &+ lineOffset, column: column &+ columnOffset &+ 1)
    }

    var startOfCurrent: Position { position(line: current.line, column: current.column) }

    /// End of the last token consumed.
    var endOfPrevious: Position {
        let token = tokens[max(0, index - 1)]
        return position(line: token.endLine, column: token.endColumn)
    }

    func range(from start: Position) -> SourceRange { SourceRange(start: start, end: endOfPrevious) }

    // MARK: - Errors

    func error(_ message: String, at token: Token? = nil) -> PythonSyntaxError {
        let token = token ?? current
        return PythonSyntaxError(message, line: token.line, column: token.column)
    }

    func error(_ message: String, at place: Position) -> PythonSyntaxError {
        PythonSyntaxError(message, line: place.line - lineOffset, column: place.column - columnOffset - 1)
    }

    func errorExpected(_ what: String) -> PythonSyntaxError {
        switch kind {
        case .indent: return PythonSyntaxError(.indentation, "unexpected indent", line: current.line, column: current.column)
        case .endMarker where what != "end of input": return error("expected \(what), found end of input")
        default: return error("invalid syntax: expected \(what), found \(describe(current))")
        }
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .indent: return "an indent"
        case .dedent: return "a dedent"
        case .endMarker: return "end of input"
        case .string: return "a string"
        case .number: return "a number"
        default: return "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self))'"
        }
    }

    mutating func enterNesting() throws(PythonSyntaxError) {
        nesting += 1
        if nesting > Parser.maxNesting { throw error("too many nested expressions") }
    }

    mutating func leaveNesting() { nesting -= 1 }
}

enum Identifiers {
    /// CPython NFKC-normalises identifiers (`ﬁx` is `fix`).
    static func normalize(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping
    }
}
