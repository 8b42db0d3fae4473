/// Word wrapping and padding for the text lines around a diagram.
enum TextLayout {
    /// `text` broken at spaces into lines of at most `width` columns; a word longer than a line
    /// is broken inside.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for piece in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(piece)
            while TerminalWidth.of(word) > width {
                if !current.isEmpty { lines.append(current); current = "" }
                let head = TerminalWidth.prefix(word, fitting: width)
                let taken = head.isEmpty ? word.prefix(1) : head
                lines.append(String(taken))
                word = String(word.dropFirst(taken.count))
            }
            if current.isEmpty {
                current = word
            } else if TerminalWidth.of(current) + 1 + TerminalWidth.of(word) <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Items joined by `separator`, wrapped between items (an item never splits unless it alone
    /// is wider than a line).
    static func flowed(_ items: [String], separator: String = "   ", width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for item in items {
            if current.isEmpty {
                current = item
            } else if TerminalWidth.of(current) + separator.count + TerminalWidth.of(item) <= width {
                current += separator + item
            } else {
                lines.append(current)
                current = item
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.flatMap { TerminalWidth.of($0) > width ? wrapped($0, width: width) : [$0] }
    }

    /// Control characters (a newline in a thread's name, say) would break the grid; they show as `?`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }

    static func padded(_ text: String, to width: Int) -> String {
        let used = TerminalWidth.of(text)
        return used >= width ? text : text + String(repeating: " ", count: width - used)
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}
