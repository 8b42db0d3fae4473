/// One diagnostic of the Swift compiler, at a position of a source file it was given.
public struct CompilerMessage: Hashable, Sendable, Codable {
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning, note }

    /// The file's name without its folder (`main.swift`), so a later stage can map lines to snippets.
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// Reads `path/main.swift:12:5: error: message` lines out of compiler output; other lines (source
    /// excerpts, carets) are not messages.
    public static func parse(_ output: String) -> [CompilerMessage] {
        output.split(separator: "\n").compactMap { line in
            for severity in [Severity.error, .warning, .note] {
                guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
                let position = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
                guard position.count >= 3, let lineNumber = Int(position[position.count - 2]),
                      let column = Int(position[position.count - 1])
                else { continue }
                let path = position.dropLast(2).joined(separator: ":")
                let file = path.split(separator: "/").last.map(String.init) ?? path
                return CompilerMessage(
                    file: file, line: lineNumber, column: column, severity: severity,
                    message: String(line[marker.upperBound...]))
            }
            return nil
        }
    }
}
