/// What the highlighter needs to know of a language.
struct LanguageSpec: Sendable {
    var keywords: Set<String>
    var builtins: Set<String>
    /// Words after which a name is being defined (`def f`, `func f`).
    var definers: Set<String>
    var lineComment: Unicode.Scalar?
    var lineCommentByte: UInt8? { lineComment.map { UInt8($0.value) } }
    var blockComments: Bool
    var singleQuotedStrings: Bool
    var decorators: Bool

    static func `for`(_ language: CodeHighlighter.Language) -> LanguageSpec {
        switch language {
        case .python: python
        case .swift: swift
        }
    }

    static let python = LanguageSpec(
        keywords: [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
            "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
        ],
        builtins: [
            "print", "range", "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple", "round", "abs", "min",
            "max", "sum", "sorted", "reversed", "enumerate", "zip", "map", "filter", "any", "all", "isinstance", "super",
            "self", "open", "input", "type", "object", "Exception", "ValueError", "TypeError", "KeyError", "RuntimeError",
        ],
        definers: ["def", "class"],
        lineComment: "#",
        blockComments: false,
        singleQuotedStrings: true,
        decorators: true
    )

    static let swift = LanguageSpec(
        keywords: [
            "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
            "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
            "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
            "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any",
            "await", "async", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "some", "any",
            "final", "mutating", "nonisolated", "actor", "weak", "lazy", "override", "convenience", "required",
        ],
        builtins: [
            "print", "Int", "Double", "String", "Bool", "Array", "Dictionary", "Set", "Optional", "Thread", "Task",
            "DispatchQueue", "DispatchGroup", "OperationQueue", "TaskGroup", "Error", "Void", "Character", "stride",
        ],
        definers: ["func", "class", "struct", "enum", "protocol", "actor"],
        lineComment: nil,
        blockComments: true,
        singleQuotedStrings: false,
        decorators: true
    )
}
