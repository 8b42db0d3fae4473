import LoomCore

/// Decides, for a Python-tagged block that does not parse, whether it is something other than a
/// program. Conservative: each rule needs a sign no program shows, at the line the parse failed on
/// or on most of the block, so that a real mistake is still reported as one.
enum NotCodeClassifier {
    /// `errorLine` is snippet-local (1-based); `earlier` are the note's earlier blocks, nearest last.
    static func classify(_ snippet: Snippet, errorLine: Int, earlier: [Snippet]) -> NotCode? {
        var lines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let content = lines.enumerated().filter { !$0.element.allSatisfy(\.isWhitespace) }
        guard !content.isEmpty else { return nil }
        let failing = errorLine >= 1 && errorLine <= lines.count ? lines[errorLine - 1] : content[0].element
        let failingTrimmed = failing.drop { $0 == " " || $0 == "\t" }
        let noteLine = snippet.firstCodeLine + errorLine - 1

        let treeLines = content.filter { isTreeLine($0.element) }
        if treeLines.count >= 2 || (treeLines.count == 1 && content.count <= 2) {
            return NotCode(kind: .directoryTree, reason: "it draws folders and files (`├──`/`└──` at line \(snippet.firstCodeLine + treeLines[0].offset))")
        }
        if let header = content.first(where: { $0.element.contains("Traceback (most recent call last):") || isTracebackFrame($0.element) }) {
            return NotCode(kind: .traceback, reason: "it is a traceback (line \(snippet.firstCodeLine + header.offset))")
        }
        if content.allSatisfy({ isExceptionLine($0.element) }) {
            return NotCode(kind: .traceback, reason: "it is the last line of a traceback (line \(snippet.firstCodeLine + content[0].offset))")
        }
        if let command = shellCommand(failingTrimmed) {
            return NotCode(kind: .shellSession, reason: "line \(noteLine) is a command for a shell (`\(command)`)")
        }
        if failingTrimmed.hasPrefix("<!") || failingTrimmed.lowercased().hasPrefix("<html") {
            return NotCode(kind: .pseudoCode, reason: "line \(noteLine) is HTML, not Python")
        }
        if failingTrimmed.contains("{%") || failingTrimmed.contains("{{") && failingTrimmed.contains("}}") && !failingTrimmed.contains("f\"") && !failingTrimmed.contains("f'") {
            return NotCode(kind: .pseudoCode, reason: "line \(noteLine) is template markup (`{% … %}`), not Python")
        }
        if let reason = pastedOutput(content.map(\.element), earlier: earlier, firstLine: snippet.firstCodeLine + content[0].offset) {
            return NotCode(kind: .pastedOutput, reason: reason)
        }
        if let placeholder = placeholder(in: failingTrimmed) {
            return NotCode(kind: .pseudoCode, reason: "line \(noteLine) has a placeholder (`\(placeholder)`) where code belongs")
        }
        if isElidedLine(failingTrimmed) {
            return NotCode(kind: .pseudoCode, reason: "line \(noteLine) leaves code out with `...`")
        }
        return nil
    }

    static func isTreeLine(_ line: String) -> Bool {
        line.contains("├──") || line.contains("└──") || line.contains("├─") || line.contains("└─")
            || line.contains("|-- ") || line.contains("`-- ")
    }

    static func isTracebackFrame(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        return trimmed.hasPrefix("File \"") && trimmed.contains("\", line ")
    }

    /// `ValueError: message`, `KeyboardInterrupt`, `asyncio.exceptions.TimeoutError`.
    static func isExceptionLine(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        let name = trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        guard let last = name.split(separator: ".").last, last.first?.isUppercase == true else { return false }
        let isExceptionName = ["Error", "Exception", "Warning", "Interrupt", "Exit", "Iteration"].contains { last.hasSuffix($0) }
        let rest = trimmed.dropFirst(name.count)
        return isExceptionName && (rest.isEmpty || rest.hasPrefix(": "))
    }

    private static let shellWords: Set<String> = [
        "pip", "pip3", "python", "python3", "py", "conda", "poetry", "pipenv", "brew", "apt", "apt-get", "sudo",
        "cd", "ls", "mkdir", "export", "source", "docker", "git", "curl", "wget", "uvicorn", "flask", "pytest",
        "npm", "uv", "chmod", "echo", "cat", "rm", "mv", "cp", "kubectl", "airflow", "spark-submit", "dbt",
    ]

    /// A shell prompt (`$ `, `% `, `> `) or notebook escape (`!pip`, `%fs`) before a command, or an
    /// installer's command line on its own (`pip install x`).
    static func shellCommand(_ line: Substring) -> String? {
        var text = line
        for prompt in ["$ ", "% ", "> ", "!"] where text.hasPrefix(prompt) {
            text = text.dropFirst(prompt.count).drop { $0 == " " }
            let word = String(text.prefix { !$0.isWhitespace })
            if prompt == "$ " || prompt == "% " || shellWords.contains(word) { return String(line) }
            return nil
        }
        if text.hasPrefix("%"), text.dropFirst().first?.isLetter == true { return String(line) }
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, let first = words.first else { return nil }
        let second = words[1]
        switch first {
        case "pip", "pip3", "conda", "poetry", "pipenv", "brew", "apt-get", "npm":
            if ["install", "add", "uninstall", "freeze", "list", "show"].contains(second) { return String(line) }
        case "python", "python3":
            if second == "-m" || second.hasSuffix(".py") || second.hasPrefix("-") { return String(line) }
        case "sudo", "cd", "export", "docker", "kubectl", "git", "curl", "wget", "uvicorn", "pytest", "mkdir":
            return String(line)
        default:
            break
        }
        return nil
    }

    /// `<API_NAME>`, `<your token>`: angle brackets around a name, where Python has no such syntax.
    static func placeholder(in line: Substring) -> String? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "<" {
                let previous = scalars[..<index].last { $0 != " " }
                // After an operand `<` is a comparison; a placeholder stands where an operand goes.
                let afterOperand = previous.map { $0.properties.isXIDContinue || $0 == ")" || $0 == "]" || $0 == "\"" || $0 == "'" } ?? false
                var end = index + 1
                while end < scalars.count, scalars[end].properties.isXIDContinue || scalars[end] == " " || scalars[end] == "-" || scalars[end] == "." {
                    end += 1
                }
                if !afterOperand, end < scalars.count, scalars[end] == ">", end > index + 1,
                   scalars[index + 1].properties.isXIDStart {
                    return String(String.UnicodeScalarView(scalars[index...end]))
                }
            }
            index += 1
        }
        return nil
    }

    /// `def f(...):`, `Formatter(. . .)`, `...see above...`: `...` standing for code left out.
    static func isElidedLine(_ line: Substring) -> Bool {
        line.contains("(...)") || line.contains(". . .") || line.contains("(...,") || line.contains(", ...)")
            || line.contains("...") && line.split(separator: " ").contains { $0.hasPrefix("...") && $0.count > 3 || $0.hasSuffix("...") && $0.count > 3 && !$0.hasPrefix("...") }
            || line == "..." || line.hasPrefix("def ...")
    }

    /// The block reads as what an earlier block printed: most of its lines carry the literal text of
    /// an earlier block's `print` (or logging) calls, or the block says it is output.
    static func pastedOutput(_ lines: [String], earlier: [Snippet], firstLine: Int) -> String? {
        if let first = lines.first?.drop(while: { $0 == " " || $0 == "#" }).lowercased(),
           ["output:", "output", "out:", "[out]:", "result:", "results:"].contains(where: { first.hasPrefix($0) }),
           first.count < 12 || first.hasPrefix("output:") {
            return "it says it is output (line \(firstLine))"
        }
        guard let previous = earlier.last else { return nil }
        let pieces = printedPieces(previous.code)
        guard !pieces.isEmpty else { return nil }
        let matching = lines.filter { line in pieces.contains { line.contains($0) } }
        guard matching.count * 2 >= lines.count, !matching.isEmpty else { return nil }
        return "it reads as what the block at line \(previous.fenceLine) prints (\(matching.count) of \(lines.count) lines carry its text)"
    }

    /// Literal text inside `print(…)` and logging calls, cut at f-string fields and `%` formats;
    /// only pieces of four or more characters with a letter, so that punctuation matches nothing.
    static func printedPieces(_ code: String) -> Set<String> {
        var pieces: Set<String> = []
        for line in code.split(separator: "\n") where line.contains("print(") || line.contains(".info(") || line.contains(".warning(")
            || line.contains(".error(") || line.contains(".debug(") || line.contains("write(") {
            var quote: Character?
            var current = ""
            var depth = 0
            func flush() {
                let piece = current.trimmingSpaces
                if piece.count >= 4, piece.contains(where: \.isLetter) { pieces.insert(piece) }
                current = ""
            }
            for character in line {
                if let open = quote {
                    if character == open && depth == 0 { flush(); quote = nil; continue }
                    if character == "{" { depth += 1; flush(); continue }
                    if character == "}" { depth = max(0, depth - 1); continue }
                    if depth == 0 { current.append(character) }
                    if current.hasSuffix("%s") || current.hasSuffix("%d") || current.hasSuffix("%r") {
                        current.removeLast(2)
                        flush()
                    }
                } else if character == "\"" || character == "'" {
                    quote = character
                    current = ""
                }
            }
        }
        return pieces
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
