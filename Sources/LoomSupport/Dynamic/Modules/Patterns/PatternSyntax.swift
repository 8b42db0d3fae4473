/// Python's regular-expression syntax, parsed as CPython 3.11's `re._parser` does: the same
/// tokens, the same error messages at the same positions, flags resolved per node so the matcher
/// needs no flag state.
enum RegexFlag {
    static let template = 1, ignoreCase = 2, locale = 4, multiline = 8, dotAll = 16, unicode = 32
    static let verbose = 64, debug = 128, ascii = 256
    static let typeFlags = ascii | locale | unicode
    static let globalFlags = debug | template
    static let inline: [Unicode.Scalar: Int] = ["i": ignoreCase, "L": locale, "m": multiline, "s": dotAll,
                                                "x": verbose, "a": ascii, "t": template, "u": unicode]
    /// Definition order of `re.RegexFlag`, which its repr follows.
    static let names: [(String, Int)] = [("ASCII", ascii), ("IGNORECASE", ignoreCase), ("LOCALE", locale),
        ("UNICODE", unicode), ("MULTILINE", multiline), ("DOTALL", dotAll), ("VERBOSE", verbose),
        ("TEMPLATE", template), ("DEBUG", debug)]
}

/// `re.error`'s message and position before it becomes a Python exception.
struct RegexSyntaxError: Error {
    var message: String
    var position: Int?
    /// CPython raises a few overflows as OverflowError rather than `re.error`.
    var isOverflow = false
}

/// How a literal or set compares letters.
enum CaseMode: Equatable {
    case exact, unicode, ascii
}

enum RegexCategory: Equatable {
    case digit, word, space
}

enum SetItem: Equatable {
    case scalar(UInt32)
    case range(UInt32, UInt32)
    case category(RegexCategory, negated: Bool, ascii: Bool)
}

enum RegexAnchor: Equatable {
    case lineStart(multiline: Bool)
    case lineEnd(multiline: Bool)
    case stringStart, stringEnd
    case boundary(ascii: Bool), nonBoundary(ascii: Bool)
}

enum RepeatKind {
    case greedy, lazy, possessive
}

indirect enum RegexNode {
    case literal(UInt32, CaseMode)
    case notLiteral(UInt32, CaseMode)
    case any(dotAll: Bool)
    case set([SetItem], negated: Bool, CaseMode)
    case sequence([RegexNode])
    case branch([RegexNode])
    case group(Int, RegexNode)
    case repetition(RegexNode, min: Int, max: Int, RepeatKind)
    case atomic(RegexNode)
    case backreference(Int, CaseMode)
    case lookahead(RegexNode, negated: Bool)
    case lookbehind(RegexNode, negated: Bool, width: Int)
    case anchor(RegexAnchor)
    case conditional(Int, yes: RegexNode, no: RegexNode)

    /// CPython's `MAXREPEAT`, which also stands for "no upper bound".
    static let unbounded = 4_294_967_295

    var isSingleScalar: Bool {
        switch self {
        case .literal, .notLiteral, .any, .set: true
        default: false
        }
    }
}

/// A parsed pattern: its tree, group count, names and the flags it ended with (inline ones added).
struct ParsedPattern {
    var root: RegexNode
    var groupCount: Int
    var groupNames: [(String, Int)]
    var flags: Int
}

/// One token of CPython's tokenizer: a character, or a backslash and the character after it.
struct PatternToken: Equatable {
    var scalar: Unicode.Scalar
    var escaped: Bool
    var length: Int { escaped ? 2 : 1 }
    var text: String { escaped ? "\\" + String(scalar) : String(scalar) }
    func isPlain(_ character: Unicode.Scalar) -> Bool { !escaped && scalar == character }
    func isPlain(among characters: String) -> Bool { !escaped && characters.unicodeScalars.contains(scalar) }
}

struct PatternTokenizer {
    let scalars: [Unicode.Scalar]
    var index = 0
    var next: PatternToken?

    init(_ scalars: [Unicode.Scalar]) throws {
        self.scalars = scalars
        try advance()
    }

    mutating func advance() throws {
        var position = index
        guard position < scalars.count else { next = nil; return }
        if scalars[position] == "\\" {
            position += 1
            guard position < scalars.count else {
                throw RegexSyntaxError(message: "bad escape (end of pattern)", position: scalars.count - 1)
            }
            next = PatternToken(scalar: scalars[position], escaped: true)
        } else {
            next = PatternToken(scalar: scalars[position], escaped: false)
        }
        index = position + 1
    }

    var tell: Int { index - (next?.length ?? 0) }

    mutating func match(_ character: Unicode.Scalar) throws -> Bool {
        guard let next, next.isPlain(character) else { return false }
        try advance()
        return true
    }

    mutating func get() throws -> PatternToken? {
        let this = next
        try advance()
        return this
    }

    mutating func seek(_ position: Int) throws {
        index = position
        try advance()
    }

    /// Up to `limit` plain characters from `allowed`.
    mutating func getWhile(_ limit: Int, _ allowed: (Unicode.Scalar) -> Bool) throws -> String {
        var result = ""
        for _ in 0..<limit {
            guard let next, !next.escaped, allowed(next.scalar) else { break }
            result.unicodeScalars.append(next.scalar)
            try advance()
        }
        return result
    }

    mutating func getUntil(_ terminator: Unicode.Scalar, _ name: String) throws -> String {
        var result = ""
        var length = 0
        while true {
            let this = next
            try advance()
            guard let this else {
                if length == 0 { throw error("missing " + name) }
                throw error("missing \(terminator), unterminated name", offset: length)
            }
            if this.isPlain(terminator) {
                if length == 0 { throw error("missing " + name, offset: 1) }
                break
            }
            result += this.text
            length += this.length
        }
        return result
    }

    func error(_ message: String, offset: Int = 0) -> RegexSyntaxError {
        RegexSyntaxError(message: message, position: tell - offset)
    }
}

func isPythonIdentifier(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
    return text.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
}

/// Python's `repr` of a str, for messages that quote a name.
func pythonQuoted(_ text: String) -> String {
    (try? PyObject(text).repr()) ?? "'\(text)'"
}

struct PatternParser {
    var source: PatternTokenizer
    var flags: Int
    /// A bytes pattern: classes and case folding are ASCII's, and `\u`, `\U`, `\N` are not escapes.
    var isBytes = false
    var groupWidths: [(Int, Int)?] = [nil]
    var groupNames: [(String, Int)] = []
    var lookbehindGroups: Int?
    var groupReferencePositions: [Int: Int] = [:]

    static let maxGroups = 1_073_741_823
    static let maxWidth = Int.max

    var groups: Int { groupWidths.count }

    static func parse(_ pattern: String, flags: Int, bytes: Bool = false) throws -> ParsedPattern {
        var parser = PatternParser(source: try PatternTokenizer(Array(pattern.unicodeScalars)), flags: flags, isBytes: bytes)
        let root = try parser.parseAlternation(verbose: flags & RegexFlag.verbose != 0, nested: 0, added: 0, removed: 0)
        if parser.source.next != nil { throw parser.source.error("unbalanced parenthesis") }
        for (group, position) in parser.groupReferencePositions where group >= parser.groups {
            throw RegexSyntaxError(message: "invalid group reference \(group)", position: position)
        }
        return ParsedPattern(root: root.node, groupCount: parser.groups - 1, groupNames: parser.groupNames, flags: parser.flags)
    }

    // MARK: Flags in effect

    func effective(_ added: Int, _ removed: Int) -> Int { (flags | added) & ~removed }

    func caseMode(_ flags: Int) -> CaseMode {
        guard flags & RegexFlag.ignoreCase != 0 else { return .exact }
        return flags & RegexFlag.ascii != 0 || isBytes ? .ascii : .unicode
    }

    // MARK: Groups

    mutating func openGroup(_ name: String?) throws -> Int {
        let id = groups
        groupWidths.append(nil)
        if groups > Self.maxGroups { throw RegexSyntaxError(message: "too many groups") }
        if let name {
            if let previous = groupNames.first(where: { $0.0 == name })?.1 {
                throw RegexSyntaxError(message: "redefinition of group name \(pythonQuoted(name)) as group \(id); was group \(previous)")
            }
            groupNames.append((name, id))
        }
        return id
    }

    func checkGroup(_ id: Int) -> Bool { id < groups && groupWidths[id] != nil }

    func checkLookbehindGroup(_ id: Int) throws {
        guard let lookbehindGroups else { return }
        if !checkGroup(id) { throw source.error("cannot refer to an open group") }
        if id >= lookbehindGroups { throw source.error("cannot refer to group defined in the same lookbehind subpattern") }
    }

    // MARK: Widths (for look-behind)

    func width(_ node: RegexNode) -> (Int, Int) {
        func add(_ a: Int, _ b: Int) -> Int { a > Self.maxWidth - b ? Self.maxWidth : a + b }
        func times(_ a: Int, _ b: Int) -> Int { a != 0 && b > Self.maxWidth / a ? Self.maxWidth : a * b }
        switch node {
        case .literal, .notLiteral, .any, .set: return (1, 1)
        case .sequence(let items):
            return items.reduce((0, 0)) { total, item in let w = width(item); return (add(total.0, w.0), add(total.1, w.1)) }
        case .branch(let options):
            let widths = options.map(width)
            return (widths.map(\.0).min() ?? 0, widths.map(\.1).max() ?? 0)
        case .group(_, let body), .atomic(let body): return width(body)
        case .repetition(let body, let min, let max, _):
            let w = width(body)
            return (times(w.0, min), max == RegexNode.unbounded && w.1 != 0 ? Self.maxWidth : times(w.1, max))
        case .backreference(let id, _): return groupWidths[id] ?? (0, 0)
        case .conditional(_, let yes, let no):
            let a = width(yes), b = width(no)
            return (min(a.0, b.0), max(a.1, b.1))
        case .lookahead, .lookbehind, .anchor: return (0, 0)
        }
    }

    // MARK: Alternation and sequence

    struct Parsed {
        var node: RegexNode
    }

    mutating func parseAlternation(verbose: Bool, nested: Int, added: Int, removed: Int) throws -> Parsed {
        var verbose = verbose
        var items: [RegexNode] = []
        while true {
            items.append(try parseSequence(verbose: verbose, nested: nested + 1, first: nested == 0 && items.isEmpty, added: added, removed: removed))
            if !(try source.match("|")) { break }
            if nested == 0 { verbose = flags & RegexFlag.verbose != 0 }
        }
        return Parsed(node: items.count == 1 ? items[0] : .branch(items))
    }

    mutating func parseSequence(verbose startVerbose: Bool, nested: Int, first: Bool, added: Int, removed: Int) throws -> RegexNode {
        var verbose = startVerbose
        var items: [RegexNode] = []
        while true {
            guard let this = source.next else { break }
            if this.isPlain(among: "|)") { break }
            try source.advance()
            if verbose {
                if this.isPlain(among: " \t\n\r\u{0B}\u{0C}") { continue }
                if this.isPlain("#") {
                    while let skipped = try source.get(), !skipped.isPlain("\n") {}
                    continue
                }
            }
            let current = effective(added, removed)
            if this.escaped {
                items.append(try escape(this, flags: current))
            } else if !"\\[{()*+?^$|.".unicodeScalars.contains(this.scalar) {
                items.append(.literal(this.scalar.value, caseMode(current)))
            } else if this.scalar == "[" {
                items.append(try characterSet(flags: current))
            } else if "*+?{".unicodeScalars.contains(this.scalar) {
                if try !repeatLast(this, &items) { items.append(.literal(this.scalar.value, caseMode(current))) }
            } else if this.scalar == "." {
                items.append(.any(dotAll: current & RegexFlag.dotAll != 0))
            } else if this.scalar == "(" {
                let start = source.tell - 1
                if let node = try group(start: start, verbose: &verbose, nested: nested, first: first && items.isEmpty,
                                        added: added, removed: removed) {
                    items.append(node)
                }
            } else if this.scalar == "^" {
                items.append(.anchor(.lineStart(multiline: current & RegexFlag.multiline != 0)))
            } else if this.scalar == "$" {
                items.append(.anchor(.lineEnd(multiline: current & RegexFlag.multiline != 0)))
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// A quantifier applied to the last item; false when `{` turns out to be a literal.
    mutating func repeatLast(_ this: PatternToken, _ items: inout [RegexNode]) throws -> Bool {
        let here = source.tell
        var minimum = 0, maximum = RegexNode.unbounded
        switch this.scalar {
        case "?": maximum = 1
        case "*": break
        case "+": minimum = 1
        default:
            if source.next?.isPlain("}") == true { return false }
            let digit: (Unicode.Scalar) -> Bool = { $0.isASCII && $0.properties.numericType == .decimal }
            let low = try source.getWhile(Int.max, digit)
            var high = low
            if try source.match(",") { high = try source.getWhile(Int.max, digit) }
            if !(try source.match("}")) {
                try source.seek(here)
                return false
            }
            if !low.isEmpty {
                guard let value = Int(low), value < RegexNode.unbounded else {
                    throw RegexSyntaxError(message: "the repetition number is too large", isOverflow: true)
                }
                minimum = value
            }
            if !high.isEmpty {
                guard let value = Int(high), value < RegexNode.unbounded else {
                    throw RegexSyntaxError(message: "the repetition number is too large", isOverflow: true)
                }
                maximum = value
                if maximum < minimum { throw source.error("min repeat greater than max repeat", offset: source.tell - here) }
            }
        }
        let offset = source.tell - here + 1
        guard var item = items.last else { throw source.error("nothing to repeat", offset: offset) }
        switch item {
        case .anchor: throw source.error("nothing to repeat", offset: offset)
        case .repetition: throw source.error("multiple repeat", offset: offset)
        default: break
        }
        if case .sequence(let parts) = item, parts.count == 1 { item = parts[0] }
        let kind: RepeatKind = try source.match("?") ? .lazy : try source.match("+") ? .possessive : .greedy
        items[items.count - 1] = .repetition(item, min: minimum, max: maximum, kind)
        return true
    }

    // MARK: Groups and extensions

    /// `(`…`)`; nil for what adds no node (a comment, global flags).
    mutating func group(start: Int, verbose: inout Bool, nested: Int, first: Bool, added: Int, removed: Int) throws -> RegexNode? {
        var capture = true, atomic = false
        var name: String?
        var addFlags = 0, deleteFlags = 0
        if try source.match("?") {
            guard let char = try source.get() else { throw source.error("unexpected end of pattern") }
            if char.isPlain("P") {
                if try source.match("<") {
                    let groupName = try source.getUntil(">", "group name")
                    try checkGroupName(groupName, offset: 1)
                    name = groupName
                } else if try source.match("=") {
                    let groupName = try source.getUntil(")", "group name")
                    try checkGroupName(groupName, offset: 1)
                    let length = groupName.unicodeScalars.count
                    guard let id = groupNames.first(where: { $0.0 == groupName })?.1 else {
                        throw source.error("unknown group name \(pythonQuoted(groupName))", offset: length + 1)
                    }
                    if !checkGroup(id) { throw source.error("cannot refer to an open group", offset: length + 1) }
                    try checkLookbehindGroup(id)
                    return .backreference(id, caseMode(effective(added, removed)))
                } else {
                    guard let next = try source.get() else { throw source.error("unexpected end of pattern") }
                    throw source.error("unknown extension ?P" + next.text, offset: next.length + 2)
                }
            } else if char.isPlain(":") {
                capture = false
            } else if char.isPlain("#") {
                while true {
                    if source.next == nil { throw source.error("missing ), unterminated comment", offset: source.tell - start) }
                    if try source.get()?.isPlain(")") == true { break }
                }
                return nil
            } else if char.isPlain(among: "=!<") {
                var kind = char
                var behind = false
                var outerLookbehind: Int?
                if char.isPlain("<") {
                    guard let next = try source.get() else { throw source.error("unexpected end of pattern") }
                    if !next.isPlain(among: "=!") { throw source.error("unknown extension ?<" + next.text, offset: next.length + 2) }
                    kind = next
                    behind = true
                    outerLookbehind = lookbehindGroups
                    if lookbehindGroups == nil { lookbehindGroups = groups }
                }
                let body = try parseAlternation(verbose: verbose, nested: nested + 1, added: added, removed: removed).node
                if behind && outerLookbehind == nil { lookbehindGroups = nil }
                if !(try source.match(")")) { throw source.error("missing ), unterminated subpattern", offset: source.tell - start) }
                let negated = kind.isPlain("!")
                if behind {
                    let (low, high) = width(body)
                    // CPython checks this when compiling, so the message has no position.
                    guard low == high else { throw RegexSyntaxError(message: "look-behind requires fixed-width pattern") }
                    return .lookbehind(body, negated: negated, width: low)
                }
                return .lookahead(body, negated: negated)
            } else if char.isPlain("(") {
                return try conditional(start: start, verbose: verbose, nested: nested, added: added, removed: removed)
            } else if char.isPlain(">") {
                capture = false
                atomic = true
            } else if !char.escaped && (RegexFlag.inline[char.scalar] != nil || char.scalar == "-") {
                guard let scoped = try inlineFlags(char) else {
                    if !first { throw source.error("global flags not at the start of the expression", offset: source.tell - start) }
                    verbose = flags & RegexFlag.verbose != 0
                    return nil
                }
                (addFlags, deleteFlags) = scoped
                capture = false
            } else {
                throw source.error("unknown extension ?" + char.text, offset: char.length + 1)
            }
        }
        var id: Int?
        if capture {
            do { id = try openGroup(name) } catch let error as RegexSyntaxError {
                throw source.error(error.message, offset: (name?.unicodeScalars.count ?? 0) + 1)
            }
        }
        let subVerbose = (verbose || addFlags & RegexFlag.verbose != 0) && deleteFlags & RegexFlag.verbose == 0
        let body = try parseAlternation(verbose: subVerbose, nested: nested + 1,
                                        added: (added | addFlags) & ~deleteFlags, removed: (removed | deleteFlags) & ~addFlags).node
        if !(try source.match(")")) { throw source.error("missing ), unterminated subpattern", offset: source.tell - start) }
        if let id {
            groupWidths[id] = width(body)
            return .group(id, body)
        }
        if atomic { return .atomic(body) }
        // Wrapped, so that `(?:a*)*` and `(?:^)*` repeat a group rather than a repeat or an anchor.
        return .sequence([body])
    }

    func checkGroupName(_ name: String, offset: Int) throws {
        if !isPythonIdentifier(name) {
            throw source.error("bad character in group name \(pythonQuoted(name))", offset: name.unicodeScalars.count + offset)
        }
    }

    mutating func conditional(start: Int, verbose: Bool, nested: Int, added: Int, removed: Int) throws -> RegexNode {
        let name = try source.getUntil(")", "group name")
        let length = name.unicodeScalars.count
        let id: Int
        if isPythonIdentifier(name) {
            guard let found = groupNames.first(where: { $0.0 == name })?.1 else {
                throw source.error("unknown group name \(pythonQuoted(name))", offset: length + 1)
            }
            id = found
        } else {
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isDigit), let number = Int(name) else {
                throw source.error("bad character in group name \(pythonQuoted(name))", offset: length + 1)
            }
            if number == 0 { throw source.error("bad group number", offset: length + 1) }
            if number >= Self.maxGroups { throw source.error("invalid group reference \(number)", offset: length + 1) }
            if groupReferencePositions[number] == nil { groupReferencePositions[number] = source.tell - length - 1 }
            id = number
        }
        try checkLookbehindGroup(id)
        let yes = try parseSequence(verbose: verbose, nested: nested + 1, first: false, added: added, removed: removed)
        var no: RegexNode = .sequence([])
        if try source.match("|") {
            no = try parseSequence(verbose: verbose, nested: nested + 1, first: false, added: added, removed: removed)
            if source.next?.isPlain("|") == true { throw source.error("conditional backref with more than two branches") }
        }
        if !(try source.match(")")) { throw source.error("missing ), unterminated subpattern", offset: source.tell - start) }
        return .conditional(id, yes: yes, no: no)
    }

    /// `(?aiLmsux)` (global: nil) or `(?flags-flags:…)` (scoped: the flags added and removed).
    mutating func inlineFlags(_ firstChar: PatternToken) throws -> (Int, Int)? {
        var char: PatternToken? = firstChar
        var addFlags = 0, deleteFlags = 0
        func isLetter(_ token: PatternToken) -> Bool { !token.escaped && token.scalar.properties.isAlphabetic }
        if !firstChar.isPlain("-") {
            while true {
                guard let current = char, !current.escaped, let flag = RegexFlag.inline[current.scalar] else { break }
                if current.scalar == "L" && !isBytes { throw source.error("bad inline flags: cannot use 'L' flag with a str pattern") }
                if current.scalar == "u" && isBytes { throw source.error("bad inline flags: cannot use 'u' flag with a bytes pattern") }
                addFlags |= flag
                if flag & RegexFlag.typeFlags != 0 && addFlags & RegexFlag.typeFlags != flag {
                    throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
                }
                char = try source.get()
                guard let next = char else { throw source.error("missing -, : or )") }
                if next.isPlain(among: ")-:") { break }
                if next.escaped || RegexFlag.inline[next.scalar] == nil {
                    throw source.error(isLetter(next) ? "unknown flag" : "missing -, : or )", offset: next.length)
                }
            }
        }
        if char?.isPlain(")") == true {
            flags |= addFlags
            return nil
        }
        if addFlags & RegexFlag.globalFlags != 0 { throw source.error("bad inline flags: cannot turn on global flag", offset: 1) }
        if char?.isPlain("-") == true {
            char = try source.get()
            guard let next = char else { throw source.error("missing flag") }
            if next.escaped || RegexFlag.inline[next.scalar] == nil {
                throw source.error(isLetter(next) ? "unknown flag" : "missing flag", offset: next.length)
            }
            while true {
                guard let current = char, let flag = RegexFlag.inline[current.scalar] else { break }
                if flag & RegexFlag.typeFlags != 0 { throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'") }
                deleteFlags |= flag
                char = try source.get()
                guard let next = char else { throw source.error("missing :") }
                if next.isPlain(":") { break }
                if next.escaped || RegexFlag.inline[next.scalar] == nil {
                    throw source.error(isLetter(next) ? "unknown flag" : "missing :", offset: next.length)
                }
            }
        }
        if deleteFlags & RegexFlag.globalFlags != 0 { throw source.error("bad inline flags: cannot turn off global flag", offset: 1) }
        if addFlags & deleteFlags != 0 { throw source.error("bad inline flags: flag turned on and off", offset: 1) }
        return (addFlags, deleteFlags)
    }

    // MARK: Escapes

    static let simpleEscapes: [Unicode.Scalar: UInt32] = ["a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92]

    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar.properties.isASCIIHexDigit }
    static func isOctalDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."7").contains(scalar) }
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }

    func category(_ scalar: Unicode.Scalar, flags: Int) -> SetItem? {
        let ascii = flags & RegexFlag.ascii != 0 || isBytes
        switch scalar {
        case "d": return .category(.digit, negated: false, ascii: ascii)
        case "D": return .category(.digit, negated: true, ascii: ascii)
        case "w": return .category(.word, negated: false, ascii: ascii)
        case "W": return .category(.word, negated: true, ascii: ascii)
        case "s": return .category(.space, negated: false, ascii: ascii)
        case "S": return .category(.space, negated: true, ascii: ascii)
        default: return nil
        }
    }

    /// `\x..`, `\u....`, `\U........` and `\N{…}`, shared by both kinds of escape; nil for others.
    mutating func codeEscape(_ token: PatternToken) throws -> UInt32? {
        var text = ""
        func hex(_ count: Int) throws -> UInt32 {
            let digits = try source.getWhile(count, Self.isHexDigit)
            text = "\\" + String(token.scalar) + digits
            if digits.unicodeScalars.count != count {
                throw source.error("incomplete escape \(text)", offset: text.unicodeScalars.count)
            }
            guard let value = UInt32(digits, radix: 16) else { throw source.error("bad escape \(text)", offset: text.unicodeScalars.count) }
            return value
        }
        if isBytes && token.scalar != "x" { return nil }
        switch token.scalar {
        case "x": return try hex(2)
        case "u": return try hex(4)
        case "U":
            let value = try hex(8)
            if value > 0x10FFFF { throw source.error("bad escape \(text)", offset: 10) }
            return value
        case "N":
            if !(try source.match("{")) { throw source.error("missing {") }
            let name = try source.getUntil("}", "character name")
            guard let scalar = Self.namedScalar(name) else {
                throw source.error("undefined character name \(pythonQuoted(name))", offset: name.unicodeScalars.count + 4)
            }
            return scalar.value
        default: return nil
        }
    }

    /// `unicodedata.lookup`: names and aliases, without regard to case.
    static func namedScalar(_ name: String) -> Unicode.Scalar? {
        let wanted = name.uppercased()
        for range in [0...0x323AF, 0xE0000...0xE01EF] {
            for value in range {
                guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
                if scalar.properties.name == wanted || scalar.properties.nameAlias == wanted { return scalar }
            }
        }
        return nil
    }

    mutating func escape(_ token: PatternToken, flags: Int) throws -> RegexNode {
        let scalar = token.scalar
        let ascii = flags & RegexFlag.ascii != 0 || isBytes
        switch scalar {
        case "A": return .anchor(.stringStart)
        case "Z": return .anchor(.stringEnd)
        case "b": return .anchor(.boundary(ascii: ascii))
        case "B": return .anchor(.nonBoundary(ascii: ascii))
        default: break
        }
        if let item = category(scalar, flags: flags) { return .set([item], negated: false, .exact) }
        if let code = Self.simpleEscapes[scalar] { return .literal(code, caseMode(flags)) }
        if let code = try codeEscape(token) { return .literal(code, caseMode(flags)) }
        if scalar == "0" {
            let digits = try source.getWhile(2, Self.isOctalDigit)
            return .literal(UInt32(digits.isEmpty ? "0" : digits, radix: 8)!, caseMode(flags))
        }
        if Self.isDigit(scalar) {
            var text = String(scalar)
            if let next = source.next, !next.escaped, Self.isDigit(next.scalar) {
                try source.advance()
                text.unicodeScalars.append(next.scalar)
                if Self.isOctalDigit(scalar), Self.isOctalDigit(next.scalar), let third = source.next, !third.escaped, Self.isOctalDigit(third.scalar) {
                    try source.advance()
                    text.unicodeScalars.append(third.scalar)
                    let value = UInt32(text, radix: 8)!
                    if value > 0o377 { throw source.error("octal escape value \\\(text) outside of range 0-0o377", offset: 4) }
                    return .literal(value, caseMode(flags))
                }
            }
            let group = Int(text)!
            if group < groups {
                if !checkGroup(group) { throw source.error("cannot refer to an open group", offset: text.count + 1) }
                try checkLookbehindGroup(group)
                return .backreference(group, caseMode(flags))
            }
            throw source.error("invalid group reference \(group)", offset: text.count)
        }
        if Self.isASCIILetter(scalar) { throw source.error("bad escape \\" + String(scalar), offset: 2) }
        return .literal(scalar.value, caseMode(flags))
    }

    /// An escape inside `[...]`: a scalar or a category.
    mutating func classEscape(_ token: PatternToken, flags: Int) throws -> SetItem {
        let scalar = token.scalar
        if scalar == "b" { return .scalar(8) }
        if let code = Self.simpleEscapes[scalar] { return .scalar(code) }
        if let item = category(scalar, flags: flags) { return item }
        if let code = try codeEscape(token) { return .scalar(code) }
        if Self.isOctalDigit(scalar) {
            let digits = String(scalar) + (try source.getWhile(2, Self.isOctalDigit))
            let value = UInt32(digits, radix: 8)!
            if value > 0o377 {
                throw source.error("octal escape value \\\(digits) outside of range 0-0o377", offset: digits.count + 1)
            }
            return .scalar(value)
        }
        if Self.isDigit(scalar) || Self.isASCIILetter(scalar) { throw source.error("bad escape \\" + String(scalar), offset: 2) }
        return .scalar(scalar.value)
    }

    // MARK: Character sets

    mutating func characterSet(flags: Int) throws -> RegexNode {
        let here = source.tell - 1
        var items: [SetItem] = []
        let negated = try source.match("^")
        while true {
            guard let this = try source.get() else { throw source.error("unterminated character set", offset: source.tell - here) }
            if this.isPlain("]") && !items.isEmpty { break }
            let first: SetItem = this.escaped ? try classEscape(this, flags: flags) : .scalar(this.scalar.value)
            if try source.match("-") {
                guard let that = try source.get() else { throw source.error("unterminated character set", offset: source.tell - here) }
                if that.isPlain("]") {
                    items.append(first)
                    items.append(.scalar(UInt32(("-" as Unicode.Scalar).value)))
                    break
                }
                let second: SetItem = that.escaped ? try classEscape(that, flags: flags) : .scalar(that.scalar.value)
                let message = "bad character range \(this.text)-\(that.text)"
                guard case .scalar(let low) = first, case .scalar(let high) = second else {
                    throw source.error(message, offset: this.length + 1 + that.length)
                }
                if high < low { throw source.error(message, offset: this.length + 1 + that.length) }
                items.append(.range(low, high))
            } else {
                items.append(first)
            }
        }
        if items.count == 1, case .scalar(let only) = items[0] {
            return negated ? .notLiteral(only, caseMode(flags)) : .literal(only, caseMode(flags))
        }
        return .set(items, negated: negated, caseMode(flags))
    }
}

