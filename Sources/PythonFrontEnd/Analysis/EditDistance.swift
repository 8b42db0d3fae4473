/// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
/// neighbours each cost 1, so `reutrn` is one edit from `return`.
enum EditDistance {
    /// True when `lhs` and `rhs` are at most `limit` edits apart; cheap when their lengths say no.
    static func isWithin(_ limit: Int, _ lhs: String, _ rhs: String) -> Bool {
        abs(lhs.utf8.count - rhs.utf8.count) <= limit * 4 && distance(lhs, rhs) <= limit
    }

    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
