import Execution
import LoomCore
import PythonFrontEnd

/// Holds a snippet's run to what its note claims: the output written under it (checked as
/// `doctest` checks a transcript) and an exception the note says it raises.
enum NoteClaims {
    /// Judges the Swift run in `record` (markers taken out of its output); returns the mismatches
    /// as diagnostics at the note lines they concern, also kept in the record.
    static func judge(_ cell: CellAnalysis, record: inout SnippetRecord, file: String) -> [Diagnostic] {
        guard let swift = record.swift else { return [] }
        var found: [Diagnostic] = []
        let exception = swift.cellStatus.flatMap { status -> String? in
            if case .runtimeError(let exception) = status { return exception }
            return nil
        }
        if let transcript = cell.transcript {
            let (cleaned, outputs, lastExample) = withoutExampleMarkers(swift)
            record.swift = cleaned
            let raisedIn = exception == nil ? nil : lastExample.map { $0 - 1 }
            let check = TranscriptCheck.check(transcript, outputs: outputs, exception: exception, raisedIn: raisedIn)
            record.transcript = check
            for example in check.examples where !example.matched {
                let line = example.lines.first { !$0.matched }?.line ?? example.sourceLine
                let expected = example.lines.map(\.text).joined(separator: " ⏎ ")
                let actual = example.actual.map { $0.joined(separator: " ⏎ ") }
                let message = actual.map { "output does not match the note: it wrote `\(expected)`, the run printed `\($0)`" }
                    ?? "the run ended before the example at line \(example.sourceLine): the note expects `\(expected)`"
                found.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line), message))
            }
            // A traceback the note expects is the transcript's claim, not a failure.
            if let raisedIn, exception != nil, check.examples.indices.contains(raisedIn),
               transcript.examples[raisedIn].expectedException != nil, check.examples[raisedIn].matched {
                record.status = SnippetStatus.ok.rawValue
                record.statusDetail = nil
            }
        }
        if let expected = cell.snippet.settings.expectedException {
            let location = SourceLocation(file: file, line: cell.snippet.fenceLine)
            if let exception {
                let name = String(exception.prefix { $0 != ":" })
                let shortName = name.split(separator: ".").last.map(String.init) ?? name
                if expected.isEmpty || expected == name || expected == shortName {
                    record.status = SnippetStatus.ok.rawValue
                    record.statusDetail = nil
                } else {
                    record.statusDetail = "it raised \(exception); the note expects \(expected)"
                    found.append(Diagnostic(.warning, at: location, "snippet \(record.index) raised \(name), not the \(expected) the note expects"))
                }
            } else if record.status == SnippetStatus.ok.rawValue {
                found.append(Diagnostic(.warning, at: location,
                                        "snippet \(record.index) finished without the exception the note expects (\(expected.isEmpty ? "raises" : "raises=\(expected)"))"))
            }
        }
        record.diagnostics = (record.diagnostics + found)
        return found
    }

    /// The run with the example markers taken out of its output and print events, the output of
    /// each example (0-based), and the last example (1-based marker number) that began.
    static func withoutExampleMarkers(_ measurement: RunMeasurementRecord) -> (measurement: RunMeasurementRecord, outputs: [Int: [String]], lastExample: Int?) {
        var cleaned = measurement
        var outputs: [Int: [String]] = [:]
        var current: Int?
        var kept: [Substring] = []
        let prefix = "\u{1E}loom-example "
        var lines = measurement.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix(prefix), let example = Int(line.dropFirst(prefix.count)) {
                current = example
                outputs[example - 1] = outputs[example - 1] ?? []
                continue
            }
            kept.append(line)
            if let current { outputs[current - 1, default: []].append(String(line)) }
        }
        cleaned.stdout = kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
        cleaned.events = measurement.events.filter { !($0.kind == .print && ($0.text ?? "").hasPrefix(prefix)) }
        return (cleaned, outputs, current)
    }
}

/// Which Python line a line of translated Swift most likely came from: the translator keeps Python's
/// names and much of its shape, so the snippet line most like it, character for character (longest
/// common subsequence), else the snippet's first line.
enum PythonLineGuess {
    static func line(forSwift swiftLine: String, in snippet: Snippet) -> Int {
        let swift = Array(swiftLine.trimmingSpaces.utf8.prefix(400))
        var best = (line: snippet.firstCodeLine, score: 0.0)
        for (line, text) in snippet.numberedLines {
            let python = Array(String(text).trimmingSpaces.utf8.prefix(400))
            guard !python.isEmpty, !python.starts(with: Array("#".utf8)) else { continue }
            let score = 2 * Double(commonSubsequence(swift, python)) / Double(swift.count + python.count)
            if score > best.score { best = (line, score) }
        }
        return best.line
    }

    private static func commonSubsequence(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return previous[b.count]
    }
}

private extension String {
    var trimmingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
}
