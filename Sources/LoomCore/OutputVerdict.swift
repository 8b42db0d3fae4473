/// How the Swift program's output compares with CPython's for the same snippet.
public enum OutputVerdict: Hashable, Sendable, Codable {
    case same
    case sameLinesInAnotherOrder
    /// Equal once measured numbers (times, ids) are masked.
    case sameApartFromNumbers
    /// Lines only one side printed, each with its count.
    case different(onlySwift: [String], onlyPython: [String])

    public static func compare(swift: [String], python: [String]) -> OutputVerdict {
        if swift == python { return .same }
        if swift.sorted() == python.sorted() { return .sameLinesInAnotherOrder }
        if swift.count == python.count, zip(swift, python).allSatisfy(equalApartFromMeasuredNumbers) { return .sameApartFromNumbers }
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

    /// Words for a reader.
    public var summary: String {
        switch self {
        case .same: "same lines"
        case .sameLinesInAnotherOrder: "same lines in another order"
        case .sameApartFromNumbers: "same lines apart from measured numbers"
        case .different: "different"
        }
    }

    /// Equal but for decimal numbers in the same places (times measured on each side); `5` against `5.0` is a difference.
    static func equalApartFromMeasuredNumbers(_ left: String, _ right: String) -> Bool {
        let leftParts = numberSplit(left), rightParts = numberSplit(right)
        guard leftParts.count == rightParts.count else { return false }
        return zip(leftParts, rightParts).allSatisfy { pair in
            switch pair {
            case (.text(let a), .text(let b)): a == b
            case (.number(let a), .number(let b)): a == b || (a.contains(".") && b.contains("."))
            default: false
            }
        }
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
