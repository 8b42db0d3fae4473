/// `string`: the character-class constants, `capwords`, and `Template` (`$name`, `${name}`, `$$`,
/// `substitute` and `safe_substitute` with CPython's errors, `is_valid`, `get_identifiers`;
/// a subclass may change `delimiter`).
enum StringModule {
    static let name = "string"

    static let lowercase = "abcdefghijklmnopqrstuvwxyz"
    static let uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let digits = "0123456789"
    static let punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    static let whitespace = " \t\n\r\u{0B}\u{0C}"

    // MARK: Template

    /// One match of Template's pattern: where the delimiter starts, where the match ends, and
    /// what it is.
    struct Placeholder {
        enum Kind { case escaped, named(String), invalid }
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// `(?a:[_a-z][_a-z0-9]*)` under `re.IGNORECASE`.
    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || (c >= "0" && c <= "9") }

    static func placeholders(_ text: [Unicode.Scalar], delimiter: [Unicode.Scalar]) -> [Placeholder] {
        var found: [Placeholder] = []
        var index = 0
        guard !delimiter.isEmpty else { return [] }
        while index + delimiter.count <= text.count {
            guard Array(text[index..<(index + delimiter.count)]) == delimiter else {
                index += 1
                continue
            }
            let after = index + delimiter.count
            if after + delimiter.count <= text.count && Array(text[after..<(after + delimiter.count)]) == delimiter {
                found.append(Placeholder(start: index, end: after + delimiter.count, kind: .escaped))
            } else if after < text.count && isIdentifierStart(text[after]) {
                var end = after + 1
                while end < text.count && isIdentifierPart(text[end]) { end += 1 }
                found.append(Placeholder(start: index, end: end, kind: .named(string(text[after..<end]))))
            } else if after + 1 < text.count && text[after] == "{" && isIdentifierStart(text[after + 1]) {
                var end = after + 2
                while end < text.count && isIdentifierPart(text[end]) { end += 1 }
                if end < text.count && text[end] == "}" {
                    found.append(Placeholder(start: index, end: end + 1, kind: .named(string(text[(after + 1)..<end]))))
                } else {
                    found.append(Placeholder(start: index, end: after, kind: .invalid))
                }
            } else {
                found.append(Placeholder(start: index, end: after, kind: .invalid))
            }
            index = found[found.count - 1].end
        }
        return found
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// `Template._invalid`: the line and column of the character after the bad delimiter.
    static func invalidPlaceholder(_ text: [Unicode.Scalar], at position: Int) throws -> PyException {
        let lines = try PyObject(string(text[..<position])).callMethod("splitlines", [true]).collect()
        var lineno = 1, colno = 1
        if !lines.isEmpty {
            lineno = lines.count
            colno = position - (try lines.dropLast().reduce(0) { $0 + (try $1.length()) })
        }
        return PyException.valueError("Invalid placeholder in string: line \(lineno), col \(colno)")
    }

    /// `substitute`'s and `safe_substitute`'s mapping: the positional mapping, the keywords, or
    /// both with the keywords first (CPython's `ChainMap`).
    static func lookup(_ mapping: PyObject?, _ keywords: PyObject, _ key: String) throws -> PyObject {
        let name = PyObject(key)
        if let mapping {
            if let dict = keywords.heap as? PyDictStorage, let value = try dict.get(name) { return value }
            return try mapping.item(name)
        }
        return try keywords.item(name)
    }

    static func substitute(_ arguments: [PyObject], safe: Bool) throws -> PyObject {
        let this = arguments[0]
        // Not a conditional expression: its `nil` would be PyObject's own `None`.
        var mapping: PyObject?
        if !arguments[1].isIdentical(to: sentinel) { mapping = arguments[1] }
        let keywords = arguments[2]
        let template = try this.attribute("template")
        let text = Array(try template.toString().unicodeScalars)
        let delimiter = try this.attribute("delimiter").toString()
        var out = ""
        var copied = 0
        for placeholder in placeholders(text, delimiter: Array(delimiter.unicodeScalars)) {
            out += string(text[copied..<placeholder.start])
            copied = placeholder.end
            switch placeholder.kind {
            case .escaped:
                out += delimiter
            case .named(let key):
                do {
                    out += try lookup(mapping, keywords, key).str()
                } catch let error as PyException where safe && error.isInstance(of: PyClass.keyError) {
                    out += string(text[placeholder.start..<placeholder.end])
                }
            case .invalid:
                if !safe { throw try invalidPlaceholder(text, at: placeholder.end) }
                out += string(text[placeholder.start..<placeholder.end])
            }
        }
        out += string(text[copied...])
        return PyObject(out)
    }

    /// The default of `substitute`'s positional mapping, told apart from a mapping given.
    static let sentinel: PyObject = (try? PyObject.dict([])) ?? PyObject.none

    static func templateClass() throws -> PyObject {
        let substitution = PySignature(["self", "mapping"], defaults: [sentinel], varkw: "kws", positionalOnlyCount: 2)
        return try PyObject.makeClass("Template") { namespace in
            namespace["__module__"] = "string"
            namespace["delimiter"] = "$"
            namespace["idpattern"] = "(?a:[_a-z][_a-z0-9]*)"
            namespace["braceidpattern"] = PyObject.none
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "template"])) { arguments in
                try arguments[0].setAttribute("template", arguments[1])
                return .none
            }
            namespace["substitute"] = PyObject.function("substitute", substitution) { arguments in
                try substitute(arguments, safe: false)
            }
            namespace["safe_substitute"] = PyObject.function("safe_substitute", substitution) { arguments in
                try substitute(arguments, safe: true)
            }
            namespace["is_valid"] = PyObject.function("is_valid", PySignature(["self"])) { arguments in
                let text = Array(try arguments[0].attribute("template").toString().unicodeScalars)
                let delimiter = Array(try arguments[0].attribute("delimiter").toString().unicodeScalars)
                return PyObject(!placeholders(text, delimiter: delimiter).contains { if case .invalid = $0.kind { true } else { false } })
            }
            namespace["get_identifiers"] = PyObject.function("get_identifiers", PySignature(["self"])) { arguments in
                let text = Array(try arguments[0].attribute("template").toString().unicodeScalars)
                let delimiter = Array(try arguments[0].attribute("delimiter").toString().unicodeScalars)
                var names: [String] = []
                for placeholder in placeholders(text, delimiter: delimiter) {
                    switch placeholder.kind {
                    case .named(let key): if !names.contains(key) { names.append(key) }
                    case .invalid, .escaped: break
                    }
                }
                return .list(names.map { PyObject($0) })
            }
        }
    }

    static func build() throws -> PyObject {
        buildModule(name, [
            ("ascii_lowercase", PyObject(lowercase)), ("ascii_uppercase", PyObject(uppercase)),
            ("ascii_letters", PyObject(lowercase + uppercase)), ("digits", PyObject(digits)),
            ("hexdigits", PyObject(digits + "abcdefABCDEF")), ("octdigits", "01234567"),
            ("punctuation", PyObject(punctuation)), ("whitespace", PyObject(whitespace)),
            ("printable", PyObject(digits + lowercase + uppercase + punctuation + whitespace)),
            ("capwords", PyObject.moduleFunction(name, "capwords", PySignature(["s", "sep"], defaults: [.none])) { arguments in
                let text = arguments[0], separator = arguments[1]
                let words = try (separator.isNone ? text.callMethod("split") : text.callMethod("split", [separator])).collect()
                let joiner = try separator.truthy() ? separator : PyObject(" ")
                return try joiner.callMethod("join", [.list(try words.map { try $0.callMethod("capitalize") })])
            }),
            ("Template", try templateClass()),
        ])
    }
}
