/// The text `unittest` puts under a failed container or string comparison: `difflib.ndiff` (its
/// `SequenceMatcher` and `Differ`, CPython 3.11's algorithms, so the same lines are paired and
/// the same `?` guides are drawn) over Unicode scalars, as Python compares strings.
enum UnittestDiff {
    typealias Line = [Unicode.Scalar]

    /// `difflib.ndiff(a, b)`: no line junk, spaces and tabs as character junk.
    static func ndiff(_ a: [String], _ b: [String]) -> [String] {
        let first = a.map { Array($0.unicodeScalars) }, second = b.map { Array($0.unicodeScalars) }
        var output: [Line] = []
        let matcher = SequenceMatcher(first, second)
        for opcode in matcher.opcodes() {
            switch opcode.tag {
            case .replace: fancyReplace(first, opcode.aStart, opcode.aEnd, second, opcode.bStart, opcode.bEnd, into: &output)
            case .delete: dump("-", first, opcode.aStart, opcode.aEnd, into: &output)
            case .insert: dump("+", second, opcode.bStart, opcode.bEnd, into: &output)
            case .equal: dump(" ", first, opcode.aStart, opcode.aEnd, into: &output)
            }
        }
        return output.map { String(String.UnicodeScalarView($0)) }
    }

    private static func isCharacterJunk(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    private static func dump(_ tag: Unicode.Scalar, _ lines: [Line], _ low: Int, _ high: Int, into output: inout [Line]) {
        for index in low..<high { output.append([tag, " "] + lines[index]) }
    }

    private static func plainReplace(_ a: [Line], _ aLow: Int, _ aHigh: Int, _ b: [Line], _ bLow: Int, _ bHigh: Int,
                                     into output: inout [Line]) {
        if bHigh - bLow < aHigh - aLow {
            dump("+", b, bLow, bHigh, into: &output)
            dump("-", a, aLow, aHigh, into: &output)
        } else {
            dump("-", a, aLow, aHigh, into: &output)
            dump("+", b, bLow, bHigh, into: &output)
        }
    }

    /// `Differ._fancy_replace`: the most similar pair of lines (ratio above 0.75) anchors the
    /// block and gets intraline guides; without one, the block is replaced plainly.
    private static func fancyReplace(_ a: [Line], _ aLow: Int, _ aHigh: Int, _ b: [Line], _ bLow: Int, _ bHigh: Int,
                                     into output: inout [Line]) {
        var bestRatio = 0.74
        let cutoff = 0.75
        var bestI = 0, bestJ = 0
        var equalI: Int?, equalJ = 0
        for j in bLow..<bHigh {
            for i in aLow..<aHigh {
                if a[i] == b[j] {
                    if equalI == nil { equalI = i; equalJ = j }
                    continue
                }
                let matcher = SequenceMatcher(a[i], b[j], isJunk: isCharacterJunk)
                if matcher.realQuickRatio() > bestRatio && matcher.quickRatio() > bestRatio && matcher.ratio() > bestRatio {
                    bestRatio = matcher.ratio()
                    bestI = i
                    bestJ = j
                }
            }
        }
        if bestRatio < cutoff {
            guard let equalI else {
                plainReplace(a, aLow, aHigh, b, bLow, bHigh, into: &output)
                return
            }
            bestI = equalI
            bestJ = equalJ
        } else {
            equalI = nil
        }
        fancyHelper(a, aLow, bestI, b, bLow, bestJ, into: &output)
        let aLine = a[bestI], bLine = b[bestJ]
        if equalI == nil {
            var aTags: Line = [], bTags: Line = []
            for opcode in SequenceMatcher(aLine, bLine, isJunk: isCharacterJunk).opcodes() {
                let aCount = opcode.aEnd - opcode.aStart, bCount = opcode.bEnd - opcode.bStart
                switch opcode.tag {
                case .replace:
                    aTags += Array(repeating: "^", count: aCount)
                    bTags += Array(repeating: "^", count: bCount)
                case .delete: aTags += Array(repeating: "-", count: aCount)
                case .insert: bTags += Array(repeating: "+", count: bCount)
                case .equal:
                    aTags += Array(repeating: " ", count: aCount)
                    bTags += Array(repeating: " ", count: bCount)
                }
            }
            guideLines(aLine, bLine, aTags, bTags, into: &output)
        } else {
            output.append([" ", " "] + aLine)
        }
        fancyHelper(a, bestI + 1, aHigh, b, bestJ + 1, bHigh, into: &output)
    }

    private static func fancyHelper(_ a: [Line], _ aLow: Int, _ aHigh: Int, _ b: [Line], _ bLow: Int, _ bHigh: Int,
                                    into output: inout [Line]) {
        if aLow < aHigh {
            if bLow < bHigh { fancyReplace(a, aLow, aHigh, b, bLow, bHigh, into: &output) } else { dump("-", a, aLow, aHigh, into: &output) }
        } else if bLow < bHigh {
            dump("+", b, bLow, bHigh, into: &output)
        }
    }

    /// `Differ._qformat`: each line, then its guide with the line's own whitespace kept where the
    /// guide is blank (so tabs still line up) and trailing whitespace dropped.
    private static func guideLines(_ aLine: Line, _ bLine: Line, _ aTags: Line, _ bTags: Line, into output: inout [Line]) {
        func keepWhitespace(_ line: Line, _ tags: Line) -> Line {
            var kept = zip(line, tags).map { character, tag in tag == " " && character.properties.isWhitespace ? character : tag }
            while let last = kept.last, last.properties.isWhitespace { kept.removeLast() }
            return kept
        }
        let aGuide = keepWhitespace(aLine, aTags), bGuide = keepWhitespace(bLine, bTags)
        output.append(["-", " "] + aLine)
        if !aGuide.isEmpty { output.append(["?", " "] + aGuide + ["\n"]) }
        output.append(["+", " "] + bLine)
        if !bGuide.isEmpty { output.append(["?", " "] + bGuide + ["\n"]) }
    }
}

/// `difflib.SequenceMatcher` without a cache: the longest matching blocks found recursively, with
/// junk elements of `b` only extending a match and, from 200 elements on, elements of `b` that
/// fill more than 1% of it ignored as anchors (`autojunk`).
struct SequenceMatcher<Element: Hashable> {
    enum Tag { case replace, delete, insert, equal }
    struct Opcode { var tag: Tag; var aStart: Int; var aEnd: Int; var bStart: Int; var bEnd: Int }

    let a: [Element], b: [Element]
    private var positionsInB: [Element: [Int]] = [:]
    private var junk: Set<Element> = []

    init(_ a: [Element], _ b: [Element], isJunk: ((Element) -> Bool)? = nil) {
        self.a = a
        self.b = b
        for (index, element) in b.enumerated() { positionsInB[element, default: []].append(index) }
        if let isJunk {
            for element in positionsInB.keys where isJunk(element) { junk.insert(element) }
            for element in junk { positionsInB[element] = nil }
        }
        if b.count >= 200 {
            let limit = b.count / 100 + 1
            for (element, positions) in positionsInB where positions.count > limit { positionsInB[element] = nil }
        }
    }

    private func longestMatch(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) -> (i: Int, j: Int, size: Int) {
        var bestI = aLow, bestJ = bLow, bestSize = 0
        var runs: [Int: Int] = [:]
        for i in aLow..<max(aLow, aHigh) {
            var newRuns: [Int: Int] = [:]
            for j in positionsInB[a[i]] ?? [] {
                if j < bLow { continue }
                if j >= bHigh { break }
                let length = (runs[j - 1] ?? 0) + 1
                newRuns[j] = length
                if length > bestSize { bestI = i - length + 1; bestJ = j - length + 1; bestSize = length }
            }
            runs = newRuns
        }
        while bestI > aLow && bestJ > bLow && !junk.contains(b[bestJ - 1]) && a[bestI - 1] == b[bestJ - 1] {
            bestI -= 1; bestJ -= 1; bestSize += 1
        }
        while bestI + bestSize < aHigh && bestJ + bestSize < bHigh && !junk.contains(b[bestJ + bestSize]) && a[bestI + bestSize] == b[bestJ + bestSize] {
            bestSize += 1
        }
        while bestI > aLow && bestJ > bLow && junk.contains(b[bestJ - 1]) && a[bestI - 1] == b[bestJ - 1] {
            bestI -= 1; bestJ -= 1; bestSize += 1
        }
        while bestI + bestSize < aHigh && bestJ + bestSize < bHigh && junk.contains(b[bestJ + bestSize]) && a[bestI + bestSize] == b[bestJ + bestSize] {
            bestSize += 1
        }
        return (bestI, bestJ, bestSize)
    }

    func matchingBlocks() -> [(i: Int, j: Int, size: Int)] {
        var queue = [(0, a.count, 0, b.count)]
        var blocks: [(i: Int, j: Int, size: Int)] = []
        while let range = queue.popLast() {
            let (aLow, aHigh, bLow, bHigh) = range
            let match = longestMatch(aLow, aHigh, bLow, bHigh)
            guard match.size > 0 else { continue }
            blocks.append(match)
            if aLow < match.i && bLow < match.j { queue.append((aLow, match.i, bLow, match.j)) }
            if match.i + match.size < aHigh && match.j + match.size < bHigh {
                queue.append((match.i + match.size, aHigh, match.j + match.size, bHigh))
            }
        }
        blocks.sort { ($0.i, $0.j, $0.size) < ($1.i, $1.j, $1.size) }
        var merged: [(i: Int, j: Int, size: Int)] = []
        var current = (i: 0, j: 0, size: 0)
        for block in blocks {
            if current.i + current.size == block.i && current.j + current.size == block.j {
                current.size += block.size
            } else {
                if current.size > 0 { merged.append(current) }
                current = block
            }
        }
        if current.size > 0 { merged.append(current) }
        merged.append((a.count, b.count, 0))
        return merged
    }

    func opcodes() -> [Opcode] {
        var i = 0, j = 0
        var answer: [Opcode] = []
        for block in matchingBlocks() {
            if i < block.i && j < block.j { answer.append(Opcode(tag: .replace, aStart: i, aEnd: block.i, bStart: j, bEnd: block.j)) }
            else if i < block.i { answer.append(Opcode(tag: .delete, aStart: i, aEnd: block.i, bStart: j, bEnd: block.j)) }
            else if j < block.j { answer.append(Opcode(tag: .insert, aStart: i, aEnd: block.i, bStart: j, bEnd: block.j)) }
            i = block.i + block.size
            j = block.j + block.size
            if block.size > 0 { answer.append(Opcode(tag: .equal, aStart: block.i, aEnd: i, bStart: block.j, bEnd: j)) }
        }
        return answer
    }

    private func ratio(matches: Int) -> Double {
        let length = a.count + b.count
        return length == 0 ? 1.0 : 2.0 * Double(matches) / Double(length)
    }

    func ratio() -> Double { ratio(matches: matchingBlocks().reduce(0) { $0 + $1.size }) }

    func quickRatio() -> Double {
        var available: [Element: Int] = [:]
        for element in b { available[element, default: 0] += 1 }
        var matches = 0
        for element in a {
            let count = available[element] ?? 0
            available[element] = count - 1
            if count > 0 { matches += 1 }
        }
        return ratio(matches: matches)
    }

    func realQuickRatio() -> Double { ratio(matches: min(a.count, b.count)) }
}

/// The reprs `unittest` builds its messages from: `safe_repr`, `_common_shorten_repr`, and the
/// part of `pprint.pformat` (width 80, dicts and sets sorted) its container diffs are drawn on.
enum UnittestText {
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// `repr(x)`, or `object.__repr__(x)` when the object's own `__repr__` raises.
    static func safeRepr(_ value: PyObject) -> String {
        if let text = try? value.repr() { return text }
        guard let object = value.heap else { return "<\(value.typeName) object>" }
        return value.defaultRepr(object)
    }

    private static func shorten(_ text: [Unicode.Scalar], _ prefixLength: Int, _ suffixLength: Int) -> [Unicode.Scalar] {
        let skip = text.count - prefixLength - suffixLength
        guard skip > 12 else { return text }
        return Array(text[..<prefixLength]) + Array("[\(skip) chars]".unicodeScalars) + Array(text[(text.count - suffixLength)...])
    }

    /// `unittest.util._common_shorten_repr`: reprs longer than 80 characters lose the middle of
    /// their common prefix and of what follows it, so the difference stays in view.
    static func commonShortenRepr(_ values: [PyObject]) -> [String] {
        let reprs = values.map(safeRepr)
        let scalars = reprs.map { Array($0.unicodeScalars) }
        let longest = scalars.map(\.count).max() ?? 0
        guard longest > 80 else { return reprs }
        var prefixLength = scalars[0].count
        for text in scalars.dropFirst() {
            var shared = 0
            while shared < min(prefixLength, text.count) && text[shared] == scalars[0][shared] { shared += 1 }
            prefixLength = shared
        }
        let prefix = Array(scalars[0][..<prefixLength])
        let commonLength = 80 - (longest - prefixLength + 5 + 12)
        func text(_ scalars: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(scalars)) }
        if commonLength > 5 {
            let shortened = shorten(prefix, 5, commonLength)
            return scalars.map { text(shortened + $0[prefixLength...]) }
        }
        let shortened = shorten(prefix, 5, 5)
        return scalars.map { text(shortened + shorten(Array($0[prefixLength...]), 80 - (5 + 12 + 5 + 12 + 5), 5)) }
    }

    // MARK: pprint.pformat

    private enum Layout { case dict, list, tuple, set(frozen: Bool), string }

    /// Which of pprint's layouts a value gets: built-in containers and strings, and subclasses of
    /// them that keep the built-in `__repr__`.
    private static func layout(_ value: PyObject) -> Layout? {
        if value.isStr { return .string }
        guard let object = value.heap else { return nil }
        var storage: PyHeap? = object
        if let instance = object as? PyInstance {
            guard instance.cls.overrides("__repr__") == nil, let base = instance.builtinBase?.heap else { return nil }
            storage = base
        }
        switch storage {
        case is PyDictStorage: return .dict
        case is PyList: return .list
        case is PyTupleStorage: return .tuple
        case let set as PySetStorage: return .set(frozen: set.frozen)
        default: return nil
        }
    }

    /// `sorted(items, key=pprint._safe_key)`: by `<`, and by type name then `id` where `<` raises
    /// TypeError. A merge sort, stable as Python's.
    private static func safeSorted(_ items: [PyObject], key: (PyObject) -> PyObject = { $0 }) throws -> [PyObject] {
        func less(_ x: PyObject, _ y: PyObject) throws -> Bool {
            let left = key(x), right = key(y)
            do {
                return try left.compare(.less, right).truthy()
            } catch let error as PyException where error.isInstance(of: PyClass.typeError) {
                let leftType = try PyObject(left.pyType).str(), rightType = try PyObject(right.pyType).str()
                if leftType != rightType { return leftType.unicodeScalars.lexicographicallyPrecedes(rightType.unicodeScalars) }
                return try Py.id(left).compare(.less, Py.id(right)).truthy()
            }
        }
        func merge(_ part: ArraySlice<PyObject>) throws -> [PyObject] {
            guard part.count > 1 else { return Array(part) }
            let middle = part.startIndex + part.count / 2
            let left = try merge(part[..<middle]), right = try merge(part[middle...])
            var merged: [PyObject] = []
            var i = 0, j = 0
            while i < left.count && j < right.count {
                if try less(right[j], left[i]) { merged.append(right[j]); j += 1 } else { merged.append(left[i]); i += 1 }
            }
            return merged + left[i...] + right[j...]
        }
        return try merge(items[...])
    }

    private static func sortedEntries(_ value: PyObject) throws -> [(PyObject, PyObject)] {
        let pairs = try value.callMethod("items").collect()
        return try safeSorted(pairs) { (try? $0.unpack2().0) ?? $0 }.map { try $0.unpack2() }
    }

    private static func recursion(_ value: PyObject) throws -> String {
        "<Recursion on \(value.typeName) with id=\(try Py.id(value).str())>"
    }

    private static func identity(_ value: PyObject) -> ObjectIdentifier? { value.heap.map { ObjectIdentifier($0) } }

    /// `PrettyPrinter._safe_repr`: a container's one-line form, dicts with sorted keys.
    private static func oneLine(_ value: PyObject, _ context: Set<ObjectIdentifier>) throws -> String {
        guard let kind = layout(value), let id = identity(value) else { return try value.repr() }
        if context.contains(id) { return try recursion(value) }
        var inner = context
        inner.insert(id)
        switch kind {
        case .dict:
            let entries = try sortedEntries(value)
            if entries.isEmpty { return "{}" }
            return "{" + (try entries.map { "\(try oneLine($0.0, inner)): \(try oneLine($0.1, inner))" }.joined(separator: ", ")) + "}"
        case .list:
            return "[" + (try value.collect().map { try oneLine($0, inner) }.joined(separator: ", ")) + "]"
        case .tuple:
            let items = try value.collect()
            let body = try items.map { try oneLine($0, inner) }.joined(separator: ", ")
            return items.count == 1 ? "(\(body),)" : "(\(body))"
        case .set, .string:
            return try value.repr()
        }
    }

    /// `pprint.pformat(value)`.
    static func prettyFormat(_ value: PyObject) throws -> String {
        var output = ""
        try format(value, into: &output, indent: 0, allowance: 0, context: [], level: 0)
        return output
    }

    private static func format(_ value: PyObject, into output: inout String, indent: Int, allowance: Int,
                               context: Set<ObjectIdentifier>, level: Int) throws {
        if let id = identity(value), context.contains(id) {
            output += try recursion(value)
            return
        }
        let text = try oneLine(value, context)
        guard length(text) > 80 - indent - allowance, let kind = layout(value) else {
            output += text
            return
        }
        var inner = context
        if let id = identity(value) { inner.insert(id) }
        let level = level + 1
        switch kind {
        case .dict:
            output += "{"
            let entries = try sortedEntries(value)
            let itemIndent = indent + 1
            for (index, (key, item)) in entries.enumerated() {
                let last = index == entries.count - 1
                let keyText = try oneLine(key, inner)
                output += keyText + ": "
                try format(item, into: &output, indent: itemIndent + length(keyText) + 2, allowance: last ? allowance + 1 : 1,
                           context: inner, level: level)
                if !last { output += ",\n" + String(repeating: " ", count: itemIndent) }
            }
            output += "}"
        case .list:
            output += "["
            try formatItems(try value.collect(), into: &output, indent: indent, allowance: allowance + 1, context: inner, level: level)
            output += "]"
        case .tuple:
            let items = try value.collect()
            let end = items.count == 1 ? ",)" : ")"
            output += "("
            try formatItems(items, into: &output, indent: indent, allowance: allowance + end.count, context: inner, level: level)
            output += end
        case .set(let frozen):
            let items = try value.collect()
            if items.isEmpty {
                output += try value.repr()
                return
            }
            let exact = value.heap is PySetStorage
            let name = frozen ? (exact ? "frozenset" : value.typeName) : value.typeName
            let isPlainSet = exact && !frozen
            output += isPlainSet ? "{" : name + "({"
            let end = isPlainSet ? "}" : "})"
            try formatItems(try safeSorted(items), into: &output, indent: isPlainSet ? indent : indent + length(name) + 1,
                            allowance: allowance + end.count, context: inner, level: level)
            output += end
        case .string:
            try formatString(try value.toString(), into: &output, indent: indent, allowance: allowance, level: level)
        }
    }

    private static func formatItems(_ items: [PyObject], into output: inout String, indent: Int, allowance: Int,
                                    context: Set<ObjectIdentifier>, level: Int) throws {
        let itemIndent = indent + 1
        for (index, item) in items.enumerated() {
            let last = index == items.count - 1
            if index > 0 { output += ",\n" + String(repeating: " ", count: itemIndent) }
            try format(item, into: &output, indent: itemIndent, allowance: last ? allowance : 1, context: context, level: level)
        }
    }

    /// `PrettyPrinter._pprint_str`: a long string as adjacent literals, split at line ends and
    /// then between words.
    private static func formatString(_ text: String, into output: inout String, indent givenIndent: Int, allowance givenAllowance: Int,
                                     level: Int) throws {
        var indent = givenIndent, allowance = givenAllowance
        let lines = try PyObject(text).callMethod("splitlines", [true]).collect().map { try $0.toString() }
        if level == 1 { indent += 1; allowance += 1 }
        let maxWidth = 80 - indent
        var firstMaxWidth = maxWidth
        var chunks: [String] = []
        var lastRepr = ""
        for (lineIndex, line) in lines.enumerated() {
            lastRepr = try PyObject(line).repr()
            let lastLine = lineIndex == lines.count - 1
            if lastLine { firstMaxWidth -= allowance }
            if length(lastRepr) <= firstMaxWidth {
                chunks.append(lastRepr)
                continue
            }
            let parts = wordParts(line)
            var width = maxWidth
            var current = ""
            for (partIndex, part) in parts.enumerated() {
                let candidate = current + part
                if partIndex == parts.count - 1 && lastLine { width -= allowance }
                if length(try PyObject(candidate).repr()) > width {
                    if !current.isEmpty { chunks.append(try PyObject(current).repr()) }
                    current = part
                } else {
                    current = candidate
                }
            }
            if !current.isEmpty { chunks.append(try PyObject(current).repr()) }
        }
        if chunks.count == 1 {
            output += lastRepr
            return
        }
        if level == 1 { output += "(" }
        output += chunks.joined(separator: "\n" + String(repeating: " ", count: indent))
        if level == 1 { output += ")" }
    }

    /// `re.findall(r'\S*\s*', line)` without its empty last match.
    private static func wordParts(_ line: String) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var parts: [String] = []
        var index = 0
        while index < scalars.count {
            let start = index
            while index < scalars.count && !scalars[index].properties.isWhitespace { index += 1 }
            while index < scalars.count && scalars[index].properties.isWhitespace { index += 1 }
            parts.append(String(String.UnicodeScalarView(scalars[start..<index])))
        }
        return parts
    }
}
