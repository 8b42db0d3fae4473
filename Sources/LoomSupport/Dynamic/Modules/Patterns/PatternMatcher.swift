import Foundation

/// A backtracking matcher over code points with the semantics of CPython's `_sre`: leftmost match,
/// alternatives in order, greedy and lazy repeats that stop iterating on an empty iteration,
/// captures kept from the last iteration that set them, and positions counted in code points.
/// Each step hands the rest of the match to a continuation, so backtracking is returning false.
final class PatternMatcher {
    let text: [UInt32]
    /// `endpos`: nothing at or after it is seen, and `$` and `\Z` match there.
    let end: Int
    var marks: [Int]
    var lastIndex = -1

    init(text: [UInt32], end: Int, groupCount: Int) {
        self.text = text
        self.end = end
        marks = Array(repeating: -1, count: 2 * (groupCount + 1))
    }

    /// The end of a match starting exactly at `start`, or nil. `mustAdvance` refuses an empty
    /// match (the one just found ended here); `whole` requires the match to reach `end`.
    func match(_ root: RegexNode, at start: Int, mustAdvance: Bool = false, whole: Bool = false) -> Int? {
        for index in marks.indices { marks[index] = -1 }
        lastIndex = -1
        var found: Int?
        _ = run(root, start) { position in
            if whole && position != end { return false }
            if mustAdvance && position == start { return false }
            found = position
            return true
        }
        if let found {
            marks[0] = start
            marks[1] = found
        }
        return found
    }

    /// The first match starting at or after `start`, as (start, end).
    func search(_ root: RegexNode, from start: Int, mustAdvance: Bool = false) -> (Int, Int)? {
        guard start <= end else { return nil }
        let first = Self.leadingScalar(root)
        var position = start
        while position <= end {
            if let first, position < end, text[position] != first {
                position += 1
                continue
            }
            if let found = match(root, at: position, mustAdvance: mustAdvance && position == start) {
                return (position, found)
            }
            if first != nil && position >= end { break }
            position += 1
        }
        return nil
    }

    /// Repeats of more than one character recurse once per iteration; over a long text they could
    /// exhaust a 2 MiB thread stack, so such searches run on a thread with a large one.
    static func recursesPerIteration(_ node: RegexNode) -> Bool {
        switch node {
        case .literal, .notLiteral, .any, .set, .backreference, .anchor: return false
        case .sequence(let items), .branch(let items): return items.contains(where: recursesPerIteration)
        case .group(_, let body), .atomic(let body), .lookahead(let body, _), .lookbehind(let body, _, _):
            return recursesPerIteration(body)
        case .repetition(let body, _, let max, _): return (!body.isSingleScalar && max > 64) || recursesPerIteration(body)
        case .conditional(_, let yes, let no): return recursesPerIteration(yes) || recursesPerIteration(no)
        }
    }

    static let longText = 512

    func onAdequateStack<Result>(_ root: RegexNode, from start: Int, _ body: () -> Result) -> Result {
        guard end - start > Self.longText, Self.recursesPerIteration(root) else { return body() }
        return (try? runWithLargeStack(body)) ?? body()
    }

    /// `search` on a stack deep enough for the pattern and text.
    func guardedSearch(_ root: RegexNode, from start: Int, mustAdvance: Bool = false) -> (Int, Int)? {
        onAdequateStack(root, from: start) { self.search(root, from: start, mustAdvance: mustAdvance) }
    }

    func guardedMatch(_ root: RegexNode, at start: Int, whole: Bool = false) -> Int? {
        onAdequateStack(root, from: start) { self.match(root, at: start, whole: whole) }
    }

    /// A scalar every match must start with, to skip start positions that cannot match.
    static func leadingScalar(_ node: RegexNode) -> UInt32? {
        switch node {
        case .literal(let scalar, .exact): return scalar
        case .sequence(let items): return items.first.flatMap(leadingScalar)
        case .group(_, let body), .atomic(let body): return leadingScalar(body)
        case .repetition(let body, let min, _, _) where min > 0: return leadingScalar(body)
        default: return nil
        }
    }

    // MARK: Nodes

    func run(_ node: RegexNode, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        switch node {
        case .literal, .notLiteral, .any, .set:
            return position < end && accepts(node, text[position]) && next(position + 1)
        case .sequence(let items):
            return runSequence(items, 0, position, next)
        case .branch(let options):
            for option in options where run(option, position, next) { return true }
            return false
        case .group(let id, let body):
            return run(body, position) { after in
                let oldStart = marks[2 * id], oldEnd = marks[2 * id + 1], oldLast = lastIndex
                marks[2 * id] = position
                marks[2 * id + 1] = after
                lastIndex = id
                if next(after) { return true }
                marks[2 * id] = oldStart
                marks[2 * id + 1] = oldEnd
                lastIndex = oldLast
                return false
            }
        case .repetition(let body, let min, let max, let kind):
            if body.isSingleScalar { return repeatScalar(body, min, max, kind, position, next) }
            switch kind {
            case .greedy: return greedy(body, min, max, 0, position, next)
            case .lazy: return lazy(body, min, max, 0, position, next)
            case .possessive: return atomic(.repetition(body, min: min, max: max, .greedy), position, next)
            }
        case .atomic(let body):
            return atomic(body, position, next)
        case .backreference(let id, let mode):
            let start = marks[2 * id], stop = marks[2 * id + 1]
            guard start >= 0, stop >= 0 else { return false }
            let length = stop - start
            guard position + length <= end else { return false }
            for offset in 0..<length where !CaseFolding.equal(text[start + offset], text[position + offset], mode) { return false }
            return next(position + length)
        case .lookahead(let body, let negated):
            return look(body, from: position, at: position, negated: negated, next)
        case .lookbehind(let body, let negated, let width):
            return look(body, from: position - width, at: position, negated: negated, next)
        case .anchor(let anchor):
            return holds(anchor, position) && next(position)
        case .conditional(let id, let yes, let no):
            let participated = marks[2 * id] >= 0 && marks[2 * id + 1] >= 0
            return run(participated ? yes : no, position, next)
        }
    }

    func runSequence(_ items: [RegexNode], _ index: Int, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        if index == items.count { return next(position) }
        return run(items[index], position) { after in runSequence(items, index + 1, after, next) }
    }

    /// After an iteration, `_sre` tries another only if the iteration consumed something.
    func greedy(_ body: RegexNode, _ min: Int, _ max: Int, _ count: Int, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        if count < max {
            let matched = run(body, position) { after in
                let done = count + 1
                if done < min { return greedy(body, min, max, done, after, next) }
                if after == position { return next(after) }
                return greedy(body, min, max, done, after, next)
            }
            if matched { return true }
        }
        return count >= min && next(position)
    }

    func lazy(_ body: RegexNode, _ min: Int, _ max: Int, _ count: Int, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        if count >= min && next(position) { return true }
        if count >= max { return false }
        return run(body, position) { after in
            let done = count + 1
            if done >= min && after == position { return next(after) }
            return lazy(body, min, max, done, after, next)
        }
    }

    /// A repeat of one scalar, counted in a loop rather than by recursion.
    func repeatScalar(_ body: RegexNode, _ min: Int, _ max: Int, _ kind: RepeatKind, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        let limit = Swift.min(max, end - position)
        switch kind {
        case .greedy, .possessive:
            var count = 0
            while count < limit && accepts(body, text[position + count]) { count += 1 }
            if count < min { return false }
            if kind == .possessive { return next(position + count) }
            while count >= min {
                if next(position + count) { return true }
                count -= 1
            }
            return false
        case .lazy:
            var count = 0
            while count < min {
                guard count < limit, accepts(body, text[position + count]) else { return false }
                count += 1
            }
            while true {
                if next(position + count) { return true }
                guard count < limit, accepts(body, text[position + count]) else { return false }
                count += 1
            }
        }
    }

    /// The body's first match only; what it captured stays unless the rest fails.
    func atomic(_ body: RegexNode, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        let saved = marks, savedLast = lastIndex
        var stop: Int?
        _ = run(body, position) { after in
            stop = after
            return true
        }
        guard let stop else { return false }
        if next(stop) { return true }
        marks = saved
        lastIndex = savedLast
        return false
    }

    func look(_ body: RegexNode, from start: Int, at position: Int, negated: Bool, _ next: (Int) -> Bool) -> Bool {
        let saved = marks, savedLast = lastIndex
        let behind = start != position
        let found = start >= 0 && run(body, start) { after in !behind || after == position }
        if negated {
            if found {
                marks = saved
                lastIndex = savedLast
                return false
            }
            return next(position)
        }
        guard found else { return false }
        if next(position) { return true }
        marks = saved
        lastIndex = savedLast
        return false
    }

    func holds(_ anchor: RegexAnchor, _ position: Int) -> Bool {
        switch anchor {
        case .lineStart(let multiline):
            return position == 0 || (multiline && text[position - 1] == 10)
        case .lineEnd(let multiline):
            if position == end { return true }
            return multiline ? text[position] == 10 : (position + 1 == end && text[position] == 10)
        case .stringStart: return position == 0
        case .stringEnd: return position == end
        case .boundary(let ascii), .nonBoundary(let ascii):
            if end == 0 { return false }
            let before = position > 0 && CharacterClasses.isWord(text[position - 1], ascii: ascii)
            let after = position < end && CharacterClasses.isWord(text[position], ascii: ascii)
            if case .boundary = anchor { return before != after }
            return before == after
        }
    }

    // MARK: Scalars

    func accepts(_ node: RegexNode, _ scalar: UInt32) -> Bool {
        switch node {
        case .literal(let expected, let mode): return CaseFolding.equal(scalar, expected, mode)
        case .notLiteral(let excluded, let mode): return !CaseFolding.equal(scalar, excluded, mode)
        case .any(let dotAll): return dotAll || scalar != 10
        case .set(let items, let negated, let mode): return CharacterClasses.contains(items, scalar, mode) != negated
        default: return false
        }
    }
}

/// A search handed to a thread with a large stack, and its result; the caller waits for it.
/// Python's simple case mappings, as IGNORECASE uses them (ASCII letters only under ASCII).
enum CaseFolding {
    static func lower(_ value: UInt32) -> UInt32 {
        if value < 128 { return (65...90).contains(value) ? value + 32 : value }
        return single(Unicode.Scalar(value)?.properties.lowercaseMapping) ?? value
    }

    static func upper(_ value: UInt32) -> UInt32 {
        if value < 128 { return (97...122).contains(value) ? value - 32 : value }
        return single(Unicode.Scalar(value)?.properties.uppercaseMapping) ?? value
    }

    /// A full mapping that is one scalar is also the simple mapping; longer ones are not.
    static func single(_ mapping: String?) -> UInt32? {
        guard let mapping, mapping.unicodeScalars.count == 1 else { return nil }
        return mapping.unicodeScalars.first?.value
    }

    static func asciiLower(_ value: UInt32) -> UInt32 { (65...90).contains(value) ? value + 32 : value }

    static func equal(_ a: UInt32, _ b: UInt32, _ mode: CaseMode) -> Bool {
        if a == b { return true }
        switch mode {
        case .exact: return false
        case .ascii: return asciiLower(a) == asciiLower(b)
        case .unicode: return lower(a) == lower(b) || upper(a) == upper(b)
        }
    }

    /// The forms IGNORECASE lets a scalar take when it is tested against a set.
    static func variants(_ value: UInt32, _ mode: CaseMode) -> [UInt32] {
        switch mode {
        case .exact: return [value]
        case .ascii:
            let lowered = asciiLower(value)
            return [value, lowered, (97...122).contains(lowered) ? lowered - 32 : lowered]
        case .unicode:
            let lowered = lower(value), uppered = upper(value)
            return [value, lowered, uppered, lower(uppered), upper(lowered)]
        }
    }
}

/// `\d`, `\w`, `\s` as `_sre` defines them: Unicode by default, ASCII under `re.ASCII`.
enum CharacterClasses {
    static func isDigit(_ value: UInt32, ascii: Bool) -> Bool {
        if value < 128 || ascii { return (48...57).contains(value) }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    /// `str.isalnum()` or `_`.
    static func isWord(_ value: UInt32, ascii: Bool) -> Bool {
        if value < 128 || ascii {
            return (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value) || value == 95
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return scalar.properties.numericType != nil
        }
    }

    /// `str.isspace()`.
    static func isSpace(_ value: UInt32, ascii: Bool) -> Bool {
        if ascii { return value == 32 || (9...13).contains(value) }
        switch value {
        case 9...13, 28...32, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func contains(_ items: [SetItem], _ value: UInt32, _ mode: CaseMode) -> Bool {
        for candidate in CaseFolding.variants(value, mode) {
            for item in items {
                switch item {
                case .scalar(let scalar): if candidate == scalar { return true }
                case .range(let low, let high): if candidate >= low && candidate <= high { return true }
                case .category(let category, let negated, let ascii):
                    let inside: Bool
                    switch category {
                    case .digit: inside = isDigit(candidate, ascii: ascii)
                    case .word: inside = isWord(candidate, ascii: ascii)
                    case .space: inside = isSpace(candidate, ascii: ascii)
                    }
                    if inside != negated { return true }
                }
            }
        }
        return false
    }
}
