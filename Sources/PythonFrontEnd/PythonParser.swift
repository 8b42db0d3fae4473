/// The front end's parsing entry point.
public enum PythonParser {
    /// Parses Python 3.11 source into a module. Node positions are in the note file: code line 1 is
    /// `firstLine`, and every column is shifted right by `indent`. A thrown error's position is
    /// snippet-local (line 1-based, column 0-based), as CPython reports it.
    public static func parse(_ source: String, firstLine: Int = 1, indent: Int = 0) throws(PythonSyntaxError) -> Module {
        var utf8 = Array(source.utf8)
        return try utf8.withUnsafeMutableBufferPointer { (buffer) throws(PythonSyntaxError) -> Module in
            let bytes = UnsafeBufferPointer(buffer)
            var lexer = Lexer(bytes: bytes)
            let tokens = try lexer.tokenize()
            var parser = Parser(bytes: bytes, tokens: tokens, lineOffset: firstLine - 1, columnOffset: indent)
            return try parser.parseModule()
        }
    }
}
