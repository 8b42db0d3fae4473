import Foundation

/// How the Swift program's output compares with CPython's for the same snippet, and by which rule.
///
/// Rules, tried in order: line by line; line by line with clock-derived numbers (decimals in the same
/// places) masked; and, only where CPython's own order is a race (more than one thread, process or
/// task ran), the lines as a multiset, then the text by content: CPython's threads can split one
/// another's lines (`Done SleepingDone Sleeping`), so the lines of one side tile the other's text.
public enum OutputVerdict: Hashable, Sendable, Codable {
    case same
    case sameLinesInAnotherOrder
    /// Equal once measured numbers (times) and object addresses are masked.
    case sameApartFromNumbers
    /// The same printed pieces, split into lines differently by prints of racing threads.
    case sameContentSplitDifferently
    /// Lines only one side printed, each with its count.
    case different(onlySwift: [String], onlyPython: [String])

    /// `processIDs`: each run's own process ID, which a line may print (`os.getpid()`, logging's
    /// `%(process)d`); the two are taken as equal where they face each other, like two addresses.
    public static func compare(swift: [String], python: [String], orderIsARace: Bool = true,
                               processIDs: (swift: Int, python: Int)? = nil) -> OutputVerdict {
        if swift == python { return .same }
        if swift.count == python.count,
           zip(swift, python).allSatisfy({ equalApartFromMeasuredNumbers($0, $1, processIDs: processIDs) }) {
            return .sameApartFromNumbers
        }
        if orderIsARace {
            if swift.map(masked).sorted() == python.map(masked).sorted() { return .sameLinesInAnotherOrder }
            if tiles(pieces: swift.map(masked), text: python.map(masked)) || tiles(pieces: python.map(masked), text: swift.map(masked)) {
                return .sameContentSplitDifferently
            }
        }
        var remaining: [String: Int] = [:]
        for line in python { remaining[line, default: 0] += 1 }
        var onlySwift: [String] = []
        for line in swift {
            if let count = remaining[line], count > 0 { remaining[line] = count - 1 } else { onlySwift.append(line) }
        }
        var extra = remaining
        let onlyPython = python.filter { line in
            guard let count = extra[line], count > 0 else { return false }
            extra[line] = count - 1
            return true
        }
        return .different(onlySwift: onlySwift, onlyPython: onlyPython)
    }

    /// Words for a reader, naming the rule that applied.
    public var summary: String {
        switch self {
        case .same: "same lines"
        case .sameLinesInAnotherOrder: "same lines in another order (compared as a multiset: CPython's threads race)"
        case .sameApartFromNumbers: "same lines apart from measured numbers (clock-derived numbers, object addresses and process IDs masked)"
        case .sameContentSplitDifferently: "same text, split into lines differently (compared by content: CPython's threads' prints interleave)"
        case .different: "different"
        }
    }

    /// The rule's name in the run record.
    public var ruleName: String {
        switch self {
        case .same: "same"
        case .sameLinesInAnotherOrder: "same-lines-in-another-order"
        case .sameApartFromNumbers: "same-apart-from-numbers"
        case .sameContentSplitDifferently: "same-content-split-differently"
        case .different: "different"
        }
    }

    public var agrees: Bool {
        if case .different = self { return false }
        return true
    }

    /// A line with every decimal number (a measured time), address and clock reading masked.
    static func masked(_ line: String) -> String {
        numberSplit(withoutAddresses(line)).map { part in
            switch part {
            case .text(let text): String(text)
            case .number(let number): number.contains(".") ? "#" : String(number)
            }
        }.joined()
    }

    /// Whether every line of `pieces` is used exactly once to make up `text`'s lines joined, in any
    /// order: each piece is cut out of the text where it first occurs, and nothing may be left.
    static func tiles(pieces: [String], text: [String]) -> Bool {
        var rest = text.joined()
        guard pieces.reduce(0, { $0 + $1.count }) == rest.count else { return false }
        // Longest first, so a short piece does not cut into a longer one that contains it.
        for piece in pieces.sorted(by: { $0.count > $1.count }) where !piece.isEmpty {
            guard let range = rest.firstRange(of: piece) else { return false }
            rest.removeSubrange(range)
        }
        return rest.isEmpty
    }

    /// Equal but for decimal numbers in the same places (times measured on each side), object
    /// addresses (`at 0x7f…`, a mock's `id='…'`) and each side's process ID facing the other's;
    /// `5` against `5.0` is a difference.
    static func equalApartFromMeasuredNumbers(_ left: String, _ right: String, processIDs: (swift: Int, python: Int)? = nil) -> Bool {
        let leftParts = numberSplit(withoutAddresses(left)), rightParts = numberSplit(withoutAddresses(right))
        guard leftParts.count == rightParts.count else { return false }
        return zip(leftParts, rightParts).allSatisfy { pair in
            switch pair {
            case (.text(let a), .text(let b)): a == b
            case (.number(let a), .number(let b)):
                a == b || (a.contains(".") && b.contains("."))
                    || (processIDs.map { Int(a) == $0.swift && Int(b) == $0.python } ?? false)
            default: false
            }
        }
    }

    /// The line with every object address and clock reading replaced by a placeholder: hexadecimal
    /// addresses of four digits or more, the decimal `id='…'` a mock's repr shows, and a time of day
    /// (`20:12:05`, `time.strftime("%H:%M:%S")` or `datetime.now()`; `20:12:05,191`, logging's
    /// `%(asctime)s`), which the decimal rule cannot see. They differ from run to run. A fixed time of
    /// day printed wrong would pass too, as a wrong decimal in a measured number's place does.
    static func withoutAddresses(_ line: String) -> String {
        var text = line
        if text.contains("0x") || text.contains("id=") {
            text = text.replacingOccurrences(of: #"0x[0-9a-fA-F]{4,}"#, with: "0x…", options: .regularExpression)
            text = text.replacingOccurrences(of: #"id='[0-9]+'"#, with: "id='…'", options: .regularExpression)
        }
        if text.contains(":") {
            text = text.replacingOccurrences(of: #"(?<![0-9])(?<![0-9]:)[0-9]{2}:[0-9]{2}:[0-9]{2}(?:,[0-9]{3}|\.[0-9]{1,9})?(?![0-9]|[:,.][0-9])"#, with: "<clock>", options: .regularExpression)
        }
        return text
    }

    private enum Part { case text(Substring), number(Substring) }

    private static func numberSplit(_ line: String) -> [Part] {
        var parts: [Part] = []
        var index = line.startIndex
        while index < line.endIndex {
            let isDigit = line[index].isASCII && line[index].isNumber
            var end = line.index(after: index)
            while end < line.endIndex {
                let character = line[end]
                let continues = isDigit ? (character.isASCII && (character.isNumber || character == ".")) : !(character.isASCII && character.isNumber)
                if !continues { break }
                end = line.index(after: end)
            }
            parts.append(isDigit ? .number(line[index..<end]) : .text(line[index..<end]))
            index = end
        }
        return parts
    }
}
