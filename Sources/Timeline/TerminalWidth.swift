/// Columns text takes in a terminal or a `<pre>`: East Asian wide characters and emoji take two.
///
/// Lane names come from user programs (`threading.Thread(name="下载")`), and the grid only lines
/// up if the label column is measured the way it is displayed.
enum TerminalWidth {
    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    static func of<Text: StringProtocol>(_ text: Text) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The longest beginning of `text` that fits in `width` columns.
    static func prefix(_ text: String, fitting width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            used += of(text[index])
            guard used <= width else { break }
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// The longest ending of `text` that fits in `width` columns.
    static func suffix(_ text: String, fitting width: Int) -> Substring {
        var used = 0
        var start = text.endIndex
        for index in text.indices.reversed() {
            used += of(text[index])
            guard used <= width else { break }
            start = index
        }
        return text[start...]
    }
}
