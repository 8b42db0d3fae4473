import LoomCore

/// A transcript read out of a snippet: what it claims, and its code line for line where the note has
/// it (prompts removed, output lines left blank), so every position still points into the note.
struct TranscriptSource {
    var transcript: Transcript
    var code: String
    /// Columns the prompts took (`>>> ` is four); zero when the code is written without prompts.
    var columnOffset: Int
    /// Snippet-local 1-based line where each example's code begins; one more entry than the examples
    /// when code follows the last output the note wrote.
    var exampleStarts: [Int]
    /// For code with marked output: every stretch of code before a mark calls `print` (or logs).
    var everyChunkPrints = true
}

/// Finds the two ways notes write output under code: a REPL session (`>>> x` then `42`), read as
/// `doctest` reads one, and code followed by `>>> 42` lines saying what it printed.
enum TranscriptReader {
    /// `parses` says whether a candidate code text parses; it decides, for code followed by `>>>`
    /// lines, whether they are a session continuing the code or marks of what the code printed.
    static func read(_ snippet: Snippet, parses: (String) -> Bool = { _ in true }) -> TranscriptSource? {
        var lines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let firstIndex = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        if isPrompt(lines[firstIndex].drop { $0 == " " }, ">>>") { return readSession(lines, snippet: snippet) }
        guard let firstPrompt = lines.firstIndex(where: { isPrompt($0.drop { $0 == " " }, ">>>") }) else {
            return readMarkedOutput(lines, snippet: snippet)
        }
        let marked = readMarkedOutput(lines, snippet: snippet)
        let session = readSession(lines, snippet: snippet, setupEnd: firstPrompt)
        guard let session else { return marked }
        guard let marked else { return session }
        let markedParses = parses(marked.code), sessionParses = parses(session.code)
        if markedParses != sessionParses { return markedParses ? marked : session }
        // Output under a prompt (not code, not another prompt) is what a session looks like.
        let outputUnderPrompt = lines.indices.contains { index in
            index + 1 < lines.count
                && (isPrompt(lines[index].drop { $0 == " " }, ">>>") || isPrompt(lines[index].drop { $0 == " " }, "..."))
                && !lines[index + 1].allSatisfy(\.isWhitespace) && !isPrompt(lines[index + 1].drop { $0 == " " }, ">>>")
                && !isPrompt(lines[index + 1].drop { $0 == " " }, "...")
                && !parses(lines[index + 1].drop { $0 == " " } + "\n")
        }
        return outputUnderPrompt || !marked.everyChunkPrints ? session : marked
    }

    /// `>>>` followed by a space or nothing (doctest's rule), after the line's indentation.
    static func isPrompt(_ text: Substring, _ prompt: String) -> Bool {
        guard text.hasPrefix(prompt) else { return false }
        let rest = text.dropFirst(prompt.count)
        return rest.isEmpty || rest.first == " "
    }

    private static func promptBody(_ text: Substring) -> String {
        String(text.dropFirst(3).dropFirst(text.dropFirst(3).first == " " ? 1 : 0))
    }

    /// Lines before `setupEnd` are code without prompts that the session starts from: it runs, and
    /// what it prints is not checked.
    private static func readSession(_ lines: [String], snippet: Snippet, setupEnd: Int = 0) -> TranscriptSource? {
        var code = [String](repeating: "", count: lines.count)
        var examples: [TranscriptExample] = []
        var starts: [Int] = []
        // Setup lines stay as written (their columns in diagnostics are four off: the price of one offset).
        for index in 0..<setupEnd { code[index] = lines[index] }
        var index = setupEnd
        while index < lines.count {
            let text = lines[index].drop { $0 == " " }
            guard isPrompt(text, ">>>") else { index += 1; continue }
            let start = index
            var source = [promptBody(text)]
            code[index] = source[0]
            index += 1
            while index < lines.count, isPrompt(lines[index].drop { $0 == " " }, "...") {
                let body = promptBody(lines[index].drop { $0 == " " })
                code[index] = body
                source.append(body)
                index += 1
            }
            var expected: [TranscriptExample.Line] = []
            while index < lines.count, !lines[index].allSatisfy(\.isWhitespace), !isPrompt(lines[index].drop { $0 == " " }, ">>>") {
                expected.append(TranscriptExample.Line(line: snippet.firstCodeLine + index, text: lines[index]))
                index += 1
            }
            // A prompt holding only a comment is no example: doctest skips it.
            let isOnlyComments = source.allSatisfy { $0.drop { $0 == " " }.hasPrefix("#") || $0.allSatisfy(\.isWhitespace) }
            if isOnlyComments && expected.isEmpty { continue }
            let directives = source.joined(separator: "\n")
            starts.append(start + 1)
            examples.append(TranscriptExample(
                sourceLine: snippet.firstCodeLine + start, expected: expected,
                ellipsis: directives.contains("+ELLIPSIS"), normalizeWhitespace: directives.contains("+NORMALIZE_WHITESPACE")))
        }
        guard !examples.isEmpty else { return nil }
        return TranscriptSource(transcript: Transcript(style: .prompts, examples: examples),
                                code: code.map { $0 + "\n" }.joined(), columnOffset: 4, exampleStarts: starts)
    }

    /// Code, then the lines it printed after `>>> `: each run of such lines is the output of the
    /// code since the run before it.
    private static func readMarkedOutput(_ lines: [String], snippet: Snippet) -> TranscriptSource? {
        var code = lines
        var examples: [TranscriptExample] = []
        var starts: [Int] = []
        var chunkStart: Int?
        var expected: [TranscriptExample.Line] = []
        var sawCode = false
        var everyChunkPrints = true
        func close() {
            guard let begin = chunkStart, !expected.isEmpty else { return }
            let chunk = lines[begin..<(expected[0].line - snippet.firstCodeLine)].joined(separator: "\n")
            if !(chunk.contains("print(") || chunk.contains("log") || chunk.contains("pprint")) { everyChunkPrints = false }
            starts.append(begin + 1)
            examples.append(TranscriptExample(sourceLine: snippet.firstCodeLine + begin, expected: expected))
            chunkStart = nil
            expected = []
        }
        for (index, line) in lines.enumerated() {
            let text = line.drop { $0 == " " }
            // `...` before a line in the middle of code is a continuation prompt left in: three
            // spaces keep the line deeper than the one it continues.
            if isPrompt(text, "..."), text.count > 4 {
                let indent = line.count - text.count
                code[index] = String(repeating: " ", count: indent + 3) + text.dropFirst(3)
            }
            if isPrompt(text, ">>>") || (isPrompt(text, ">>") && sawCode) {
                if isPrompt(text, ">>") && !isPrompt(text, ">>>") {
                    guard chunkStart != nil else { return nil }
                    expected.append(TranscriptExample.Line(line: snippet.firstCodeLine + index, text: String(text.dropFirst(3))))
                    code[index] = ""
                    continue
                }
                guard sawCode, chunkStart != nil else { return nil }
                expected.append(TranscriptExample.Line(line: snippet.firstCodeLine + index, text: promptBody(text)))
                code[index] = ""
                continue
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            if !expected.isEmpty { close() }
            if chunkStart == nil { chunkStart = index }
            sawCode = true
        }
        if !expected.isEmpty { close() }
        guard !examples.isEmpty else { return nil }
        // Code after the last written output still runs; what it prints is not checked.
        if let trailing = chunkStart { starts.append(trailing + 1) }
        return TranscriptSource(transcript: Transcript(style: .markedOutput, examples: examples),
                                code: code.map { $0 + "\n" }.joined(), columnOffset: 0, exampleStarts: starts,
                                everyChunkPrints: everyChunkPrints)
    }

    /// Code whose output the note pasted under it in the same block, with no marks: the parse fails
    /// where the output begins, and most of the lines from there on carry the literal text of the
    /// code's own `print` calls. `errorLine` is snippet-local.
    static func readTrailingOutput(_ snippet: Snippet, errorLine: Int) -> TranscriptSource? {
        var lines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard errorLine >= 2, errorLine <= lines.count else { return nil }
        let pieces = NotCodeClassifier.printedPieces(lines[..<(errorLine - 1)].joined(separator: "\n"))
        func carriesPrintedText(_ line: String) -> Bool { pieces.contains { line.contains($0) } }
        var start = errorLine - 1
        while start > 0, !lines[start - 1].allSatisfy(\.isWhitespace), !lines[start - 1].drop(while: { $0 == " " }).hasPrefix("#"),
              carriesPrintedText(lines[start - 1]) {
            start -= 1
        }
        guard start > 0 else { return nil }
        var tail = Array(lines[start...])
        while let last = tail.last, last.allSatisfy(\.isWhitespace) { tail.removeLast() }
        var firstExpected = start
        if let header = tail.first?.drop(while: { $0 == " " || $0 == "#" || $0 == "-" || $0 == ">" }).lowercased()
            .trimmingTrailingSpaces, header.hasPrefix("output") && header.count <= 8 {
            tail.removeFirst()
            firstExpected += 1
        }
        let content = tail.filter { !$0.allSatisfy(\.isWhitespace) }
        // A comment right above saying "output" is the note's word for it; otherwise most lines must
        // carry the code's printed text.
        let announced = start > 0 && lines[start - 1].drop(while: { $0 == " " }).hasPrefix("#")
            && lines[start - 1].lowercased().contains("output")
        guard !content.isEmpty,
              announced || content.filter(carriesPrintedText).count * 2 >= content.count else { return nil }
        let expected = tail.enumerated().map { TranscriptExample.Line(line: snippet.firstCodeLine + firstExpected + $0.offset, text: $0.element) }
        var code = lines
        for index in start..<lines.count { code[index] = "" }
        return TranscriptSource(transcript: Transcript(style: .pastedOutput, examples: [TranscriptExample(sourceLine: snippet.firstCodeLine, expected: expected)]),
                                code: code.map { $0 + "\n" }.joined(), columnOffset: 0, exampleStarts: [1])
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
