/// Lane names as they fit the label column: shortened visibly, and still telling lanes apart.
enum LaneLabels {
    /// Each name cut to at most `width` columns (a `suffix` such as ` x64` is kept whole).
    ///
    /// A cut name keeps as much of its beginning as it can while all cut names stay distinct, so
    /// `ThreadPoolExecutor-0_3` becomes `ThreadPo~r-0_3` rather than losing the worker number.
    static func fitted(_ names: [(name: String, suffix: String)], width: Int, ellipsis: Character) -> [String] {
        let available = names.map { max(1, width - TerminalWidth.of($0.suffix)) }
        let needsCut = zip(names, available).map { TerminalWidth.of($0.name) > $1 }
        guard needsCut.contains(true) else { return names.map { $0.name + $0.suffix } }

        func cut(_ name: String, to room: Int, keepingHead head: Int) -> String {
            guard TerminalWidth.of(name) > room else { return name }
            guard room > 1 else { return String(ellipsis) }
            // `Thread-1~` reads better than `Thread-1 ~`: a cut never leaves a space beside the mark.
            var front = TerminalWidth.prefix(name, fitting: min(head, room - 1))
            var back = TerminalWidth.suffix(name, fitting: room - 1 - TerminalWidth.of(front))
            while front.last == " " { front = front.dropLast() }
            while back.first == " " { back = back.dropFirst() }
            return String(front) + String(ellipsis) + String(back)
        }

        let longestRoom = available.max() ?? 1
        let distinct = Set(names.map { $0.name + $0.suffix }).count
        for head in stride(from: longestRoom - 1, through: 0, by: -1) {
            let candidate = zip(names, available).map { cut($0.name, to: $1, keepingHead: head) + $0.suffix }
            if Set(candidate).count == distinct {
                return candidate
            }
        }
        return zip(names, available).map { cut($0.name, to: $1, keepingHead: $1 - 1) + $0.suffix }
    }

    /// One name for a run of lanes: `Thread-3 (work)` … `Thread-66 (work)` → `Thread-3..66 (work)`.
    static func folded(first: String, last: String) -> String {
        guard first != last else { return first }
        let a = Array(first), b = Array(last)
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        // A number is never split: `Thread-10..19`, not `Thread-10..9`.
        while prefix > 0, a[prefix - 1].isNumber,
              (prefix < a.count && a[prefix].isNumber) || (prefix < b.count && b[prefix].isNumber) {
            prefix -= 1
        }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        while suffix > 0, a[a.count - suffix].isNumber,
              (a.count - suffix - 1 >= prefix && a[a.count - suffix - 1].isNumber)
                || (b.count - suffix - 1 >= prefix && b[b.count - suffix - 1].isNumber) {
            suffix -= 1
        }
        let head = String(a[..<prefix])
        let tail = String(a[(a.count - suffix)...])
        let firstMiddle = String(a[prefix..<(a.count - suffix)])
        let lastMiddle = String(b[prefix..<(b.count - suffix)])
        // Only numbering folds into a range; `alpha` … `omega` would read as nonsense.
        func isNumbering(_ text: String) -> Bool {
            text.first?.isNumber == true && text.allSatisfy { $0.isNumber || $0 == "_" || $0 == "." }
        }
        guard isNumbering(firstMiddle), isNumbering(lastMiddle) else { return first + ".." + last }
        return head + firstMiddle + ".." + lastMiddle + tail
    }
}
