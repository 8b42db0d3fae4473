/// `textwrap`: `TextWrapper` with every option of CPython 3.11's, `wrap`, `fill`, `shorten`,
/// `dedent` and `indent`. Words are split as CPython's `wordsep_re` splits them (runs of
/// whitespace; em-dashes between words; words, broken after a hyphen only between letters), by a
/// matcher written for that one pattern.
enum TextwrapModule {
    static let name = "textwrap"
    typealias Chunk = [Unicode.Scalar]

    // MARK: Character classes of the pattern

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\u{0B}" || c == "\u{0C}" || c == "\r"
    }

    /// `\w`: what `str.isalnum` accepts, and `_`.
    static func isWord(_ c: Unicode.Scalar) -> Bool {
        if c == "_" { return true }
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return c.properties.numericType != nil
        }
    }

    /// `[^\d\W]`: a word character that is not a decimal digit.
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        isWord(c) && c.properties.generalCategory != .decimalNumber
    }

    /// `[\w!"'&.,?]`.
    static func isWordPunctuation(_ c: Unicode.Scalar) -> Bool {
        isWord(c) || "!\"'&.,?".unicodeScalars.contains(c)
    }

    // MARK: Splitting

    /// `(?=-{2,}\w)` at `index`.
    static func emDashFollows(_ s: Chunk, _ index: Int) -> Bool {
        var end = index
        while end < s.count && s[end] == "-" { end += 1 }
        return end - index >= 2 && end < s.count && isWord(s[end])
    }

    /// The end of `wordsep_re`'s match at `start`: whitespace, an em-dash, or a word.
    static func matchEnd(_ s: Chunk, _ start: Int) -> Int {
        func at(_ index: Int) -> Unicode.Scalar? { index >= 0 && index < s.count ? s[index] : nil }
        func letter(_ index: Int) -> Bool { at(index).map(isLetter) ?? false }
        if isSpace(s[start]) {
            var end = start
            while end < s.count && isSpace(s[end]) { end += 1 }
            return end
        }
        if let previous = at(start - 1), isWordPunctuation(previous), emDashFollows(s, start) {
            var end = start
            while s[end] == "-" { end += 1 }
            return end
        }
        var index = start + 1
        while true {
            if at(index) == "-" {
                let behind = (letter(index - 2) && letter(index - 1))
                    || (letter(index - 3) && at(index - 2) == "-" && letter(index - 1))
                let ahead = letter(index + 1) && (letter(index + 2) || (at(index + 2) == "-" && letter(index + 3)))
                if behind && ahead { return index + 1 }
            }
            if index == s.count || isSpace(s[index]) { return index }
            if isWordPunctuation(s[index - 1]) && emDashFollows(s, index) { return index }
            index += 1
        }
    }

    static func split(_ text: Chunk, hyphens: Bool) -> [Chunk] {
        var chunks: [Chunk] = []
        var start = 0
        while start < text.count {
            let end: Int
            if hyphens {
                end = matchEnd(text, start)
            } else {
                let space = isSpace(text[start])
                var index = start
                while index < text.count && isSpace(text[index]) == space { index += 1 }
                end = index
            }
            chunks.append(Array(text[start..<end]))
            start = end
        }
        return chunks
    }

    static func isBlank(_ chunk: Chunk) throws -> Bool {
        var text = ""
        text.unicodeScalars.append(contentsOf: chunk)
        return try !PyObject(text).callMethod("strip").truthy()
    }

    static func string(_ chunk: Chunk) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: chunk)
        return text
    }

    // MARK: Wrapping

    struct Options {
        var width = 70
        var initialIndent: Chunk = []
        var subsequentIndent: Chunk = []
        var expandTabs = true
        var replaceWhitespace = true
        var fixSentenceEndings = false
        var breakLongWords = true
        var dropWhitespace = true
        var breakOnHyphens = true
        var tabsize: PyObject = 8
        var maxLines: Int?
        var placeholder: Chunk = Array(" [...]".unicodeScalars)

        init(_ wrapper: PyObject) throws {
            func chunk(_ name: String) throws -> Chunk { Array(try wrapper.attribute(name).toString().unicodeScalars) }
            width = try wrapper.attribute("width").toInt()
            initialIndent = try chunk("initial_indent")
            subsequentIndent = try chunk("subsequent_indent")
            expandTabs = try wrapper.attribute("expand_tabs").truthy()
            replaceWhitespace = try wrapper.attribute("replace_whitespace").truthy()
            fixSentenceEndings = try wrapper.attribute("fix_sentence_endings").truthy()
            breakLongWords = try wrapper.attribute("break_long_words").truthy()
            dropWhitespace = try wrapper.attribute("drop_whitespace").truthy()
            // CPython tests `break_on_hyphens is True`: any other value splits at whitespace only.
            breakOnHyphens = try wrapper.attribute("break_on_hyphens").isIdentical(to: .True)
            tabsize = try wrapper.attribute("tabsize")
            let lines = try wrapper.attribute("max_lines")
            maxLines = lines.isNone ? nil : try lines.toInt()
            placeholder = try chunk("placeholder")
        }
    }

    static func chunks(_ text: PyObject, _ options: Options) throws -> [Chunk] {
        var munged = text
        if options.expandTabs { munged = try munged.callMethod("expandtabs", [options.tabsize]) }
        var scalars = Array(try munged.toString().unicodeScalars)
        if options.replaceWhitespace {
            scalars = scalars.map { isSpace($0) ? " " : $0 }
        }
        var chunks = split(scalars, hyphens: options.breakOnHyphens)
        if options.fixSentenceEndings {
            var index = 0
            while index < chunks.count - 1 {
                if chunks[index + 1] == [" "] && endsSentence(chunks[index]) {
                    chunks[index + 1] = [" ", " "]
                    index += 2
                } else {
                    index += 1
                }
            }
        }
        return chunks
    }

    /// `sentence_end_re`: a lowercase letter, `.`, `!` or `?`, and perhaps a closing quote.
    static func endsSentence(_ chunk: Chunk) -> Bool {
        var end = chunk.count
        if end > 0 && (chunk[end - 1] == "\"" || chunk[end - 1] == "'") { end -= 1 }
        guard end >= 2 else { return false }
        let punctuation = chunk[end - 1], letter = chunk[end - 2]
        return (punctuation == "." || punctuation == "!" || punctuation == "?") && letter >= "a" && letter <= "z"
    }

    static func handleLongWord(_ reversed: inout [Chunk], _ line: inout [Chunk], _ length: Int, _ width: Int, _ options: Options) {
        let spaceLeft = width < 1 ? 1 : width - length
        if options.breakLongWords {
            var end = spaceLeft
            let chunk = reversed[reversed.count - 1]
            if options.breakOnHyphens && chunk.count > spaceLeft {
                let window = chunk.prefix(max(0, spaceLeft))
                if let hyphen = window.lastIndex(of: "-"), hyphen > 0, chunk[..<hyphen].contains(where: { $0 != "-" }) {
                    end = hyphen + 1
                }
            }
            let cut = min(max(0, end), chunk.count)
            line.append(Array(chunk[..<cut]))
            reversed[reversed.count - 1] = Array(chunk[cut...])
        } else if line.isEmpty {
            line.append(reversed.removeLast())
        }
    }

    static func wrapChunks(_ given: [Chunk], _ options: Options) throws -> [String] {
        var lines: [Chunk] = []
        if options.width <= 0 { throw PyException.valueError("invalid width \(options.width) (must be > 0)") }
        let placeholderTrimmed = Array(options.placeholder.drop { isLeadingSpace($0) })
        if let maxLines = options.maxLines {
            let indent = maxLines > 1 ? options.subsequentIndent : options.initialIndent
            if indent.count + placeholderTrimmed.count > options.width {
                throw PyException.valueError("placeholder too large for max width")
            }
        }
        var chunks = Array(given.reversed())
        while !chunks.isEmpty {
            var line: [Chunk] = []
            var length = 0
            let indent = lines.isEmpty ? options.initialIndent : options.subsequentIndent
            let width = options.width - indent.count
            if options.dropWhitespace, try isBlank(chunks[chunks.count - 1]), !lines.isEmpty {
                chunks.removeLast()
            }
            while let next = chunks.last, length + next.count <= width {
                line.append(chunks.removeLast())
                length += next.count
            }
            if let next = chunks.last, next.count > width {
                handleLongWord(&chunks, &line, length, width, options)
                length = line.reduce(0) { $0 + $1.count }
            }
            if options.dropWhitespace, let last = line.last, try isBlank(last) {
                length -= last.count
                line.removeLast()
            }
            guard !line.isEmpty else { continue }
            let fits: Bool
            if let maxLines = options.maxLines {
                let restIsBlank = try chunks.isEmpty || (options.dropWhitespace && chunks.count == 1 && isBlank(chunks[0]))
                fits = lines.count + 1 < maxLines || (restIsBlank && length <= width)
            } else {
                fits = true
            }
            if fits {
                lines.append(indent + line.joined())
                continue
            }
            var placed = false
            while let last = line.last {
                if try !isBlank(last) && length + options.placeholder.count <= width {
                    line.append(options.placeholder)
                    lines.append(indent + line.joined())
                    placed = true
                    break
                }
                length -= last.count
                line.removeLast()
            }
            if !placed {
                if let previous = lines.last {
                    let trimmed = try Array(PyObject(string(previous)).callMethod("rstrip").toString().unicodeScalars)
                    if trimmed.count + options.placeholder.count <= options.width {
                        lines[lines.count - 1] = trimmed + options.placeholder
                        break
                    }
                }
                lines.append(indent + placeholderTrimmed)
            }
            break
        }
        return lines.map(string)
    }

    static func isLeadingSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    static func wrap(_ wrapper: PyObject, _ text: PyObject) throws -> [String] {
        let options = try Options(wrapper)
        return try wrapChunks(try chunks(text, options), options)
    }

    // MARK: dedent and indent

    static func dedent(_ text: String) -> String {
        // Lines end at "\n" alone, as the `re.MULTILINE` anchors CPython uses see them ("\r" stays in the line).
        var lines = Array(text.unicodeScalars).split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        func isTabOrSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
        for index in lines.indices where !lines[index].isEmpty && lines[index].allSatisfy(isTabOrSpace) {
            lines[index] = []
        }
        var margin: Chunk?
        for line in lines {
            let indent = Array(line.prefix { isTabOrSpace($0) })
            guard indent.count < line.count else { continue }
            guard let current = margin else {
                margin = indent
                continue
            }
            if indent.starts(with: current) { continue }
            if current.starts(with: indent) {
                margin = indent
                continue
            }
            var common = 0
            while common < current.count && common < indent.count && current[common] == indent[common] { common += 1 }
            margin = Array(current.prefix(common))
        }
        if let margin, !margin.isEmpty {
            for index in lines.indices where lines[index].starts(with: margin) {
                lines[index].removeFirst(margin.count)
            }
        }
        return lines.map(string).joined(separator: "\n")
    }

    // MARK: The module

    static let wrapperOptions = ["width", "initial_indent", "subsequent_indent", "expand_tabs", "replace_whitespace",
                                 "fix_sentence_endings", "break_long_words", "drop_whitespace", "break_on_hyphens", "tabsize"]

    static func wrapperClass() throws -> PyObject {
        try PyObject.makeClass("TextWrapper") { namespace in
            namespace["__module__"] = "textwrap"
            namespace["__init__"] = PyObject.function("__init__", PySignature(
                ["self"] + wrapperOptions, defaults: [70, "", "", true, true, false, true, true, true, 8],
                keywordOnly: ["max_lines", "placeholder"], keywordDefaults: ["max_lines": .none, "placeholder": " [...]"])) { arguments in
                let this = arguments[0]
                for (offset, option) in (wrapperOptions + ["max_lines", "placeholder"]).enumerated() {
                    try this.setAttribute(option, arguments[1 + offset])
                }
                return .none
            }
            namespace["wrap"] = PyObject.function("wrap", PySignature(["self", "text"])) { arguments in
                .list(try wrap(arguments[0], arguments[1]).map { PyObject($0) })
            }
            namespace["fill"] = PyObject.function("fill", PySignature(["self", "text"])) { arguments in
                PyObject(try arguments[0].callMethod("wrap", [arguments[1]]).collect().map { try $0.toString() }.joined(separator: "\n"))
            }
        }
    }

    static func build() throws -> PyObject {
        let wrapper = try wrapperClass()
        func keywords(_ dict: PyObject) throws -> [(String, PyObject)] { try JsonModule.keywords(dict) }
        return buildModule(name, [
            ("TextWrapper", wrapper),
            ("wrap", PyObject.moduleFunction(name, "wrap", PySignature(["text", "width"], defaults: [70], varkw: "kwargs")) { arguments in
                try wrapper.call([], keywords: [("width", arguments[1])] + keywords(arguments[2])).callMethod("wrap", [arguments[0]])
            }),
            ("fill", PyObject.moduleFunction(name, "fill", PySignature(["text", "width"], defaults: [70], varkw: "kwargs")) { arguments in
                try wrapper.call([], keywords: [("width", arguments[1])] + keywords(arguments[2])).callMethod("fill", [arguments[0]])
            }),
            ("shorten", PyObject.moduleFunction(name, "shorten", PySignature(["text", "width"], varkw: "kwargs")) { arguments in
                let instance = try wrapper.call([], keywords: [("width", arguments[1]), ("max_lines", 1)] + keywords(arguments[2]))
                let words = try arguments[0].callMethod("strip").callMethod("split")
                return try instance.callMethod("fill", [try PyObject(" ").callMethod("join", [words])])
            }),
            ("dedent", PyObject.moduleFunction(name, "dedent", PySignature(["text"])) { arguments in
                PyObject(dedent(try arguments[0].toString()))
            }),
            ("indent", PyObject.moduleFunction(name, "indent", PySignature(["text", "prefix", "predicate"], defaults: [.none])) { arguments in
                let prefix = try arguments[1].toString(), predicate = arguments[2]
                var out = ""
                for line in try arguments[0].callMethod("splitlines", [true]).collect() {
                    let keep = try (predicate.isNone ? line.callMethod("strip") : predicate(line)).truthy()
                    let text = try line.toString()
                    out += keep ? prefix + text : text
                }
                return PyObject(out)
            }),
        ])
    }
}
