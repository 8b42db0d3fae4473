/// Python names spelled as Swift names: `do_something` is `doSomething`, `_private` keeps its
/// meaning as `private_`, and Swift keywords are escaped.
enum SwiftNames {
    static func identifier(_ python: String) -> String {
        if python == "_" { return "_" }
        let parts = python.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return "value" }
        var result = String(first)
        if result.uppercased() == result && parts.count > 1 {
            // CONSTANT_NAMES stay recognisable as constants: `maxWorkers` from `MAX_WORKERS`.
            result = result.lowercased()
            for part in parts.dropFirst() { result += part.prefix(1).uppercased() + part.dropFirst().lowercased() }
        } else {
            if result.uppercased() == result && result.count > 1 && result.first!.isLetter { result = result.lowercased() }
            for part in parts.dropFirst() { result += part.prefix(1).uppercased() + part.dropFirst() }
        }
        return keywords.contains(result) ? "`\(result)`" : result
    }

    /// Class names are already UpperCamelCase in Python.
    static func typeName(_ python: String) -> String {
        let parts = python.split(separator: "_", omittingEmptySubsequences: true)
        return parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "switch",
        "where", "while", "as", "Any", "catch", "false", "is", "nil", "super", "self", "Self", "throw",
        "throws", "true", "try", "repeat", "some", "any", "await", "async",
    ]

    /// A Python string as a Swift string literal.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Python's `repr` of a string literal known when translating (for `KeyError` messages).
    static func pythonRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case quote: result += "\\" + String(quote)
            default: result.append(character)
            }
        }
        return result + String(quote)
    }

    /// A float literal Swift reads back to the same double.
    static func floatLiteral(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "Double.infinity" : "-Double.infinity" }
        if value.isNaN { return "Double.nan" }
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
