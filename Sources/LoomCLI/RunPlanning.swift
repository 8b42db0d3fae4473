import Execution
import Foundation
import PythonFrontEnd

/// How one note's program is compiled and run: alone or beside other notes, `-O` or `-Onone`.
///
/// A note runs alone when one of its snippets is CPU-bound (its figures change when anything else runs),
/// is marked timing-sensitive, or `--jobs 1` asks for it. Whether a snippet is CPU-bound is learnt from
/// its last recorded trace (on-CPU time against wall time); a snippet with no trace yet is judged from its
/// Python, and a judgement that the run then contradicts is corrected by running the note again alone.
struct RunPlan: Hashable, Sendable {
    /// Snippets (by index) expected to keep a processor busy.
    var cpuBound: Set<Int>
    var timingSensitive: Set<Int>
    var everythingAlone: Bool

    var alone: Bool { everythingAlone || !cpuBound.isEmpty || !timingSensitive.isEmpty }
    /// A program none of whose snippets is timed by its own CPU work is compiled `-Onone`, three times
    /// faster; its sleeps, waits and the support library it calls (always `-O`) are what its figures measure.
    var optimization: String { cpuBound.isEmpty ? "-Onone" : "-O" }

    static func plan(
        note: String, cells: [CellAnalysis], previous: RunRecord?, timingSensitive: Set<Int>, everythingAlone: Bool
    ) -> RunPlan {
        let recorded = previous?.notes.first { $0.note == note }?.snippets ?? []
        var cpuBound: Set<Int> = []
        for cell in cells {
            let index = cell.snippet.index
            if let last = recorded.first(where: { $0.index == index }), let known = Self.wasCPUBound(last) {
                if known { cpuBound.insert(index) }
            } else if CPUDemandGuess.looksCPUBound(cell.repairedSource) {
                cpuBound.insert(index)
            }
        }
        return RunPlan(cpuBound: cpuBound, timingSensitive: timingSensitive, everythingAlone: everythingAlone)
    }

    /// What the recorded run says, nil when it says nothing (it did not run).
    static func wasCPUBound(_ record: SnippetRecord) -> Bool? {
        if let placement = record.placement { return placement.cpuBound }
        guard let swift = record.swift, !swift.seconds.isEmpty else { return nil }
        return CPUDemand.isCPUBound(events: swift.events, seconds: swift.median, timeScale: record.timeScale ?? 1)
    }
}

/// A first guess, from the Python alone, at whether a snippet that has never run keeps a processor busy:
/// a `while` loop in a snippet that neither sleeps nor waits, a `range` of ten thousand or more, or a loop
/// in a snippet that writes a number of ten thousand or more (`count(5_000_000)` of a looping `count`).
/// A wrong guess costs little: a guessed-busy note only runs alone, and a busy one guessed idle is found
/// out by its trace and run again alone.
enum CPUDemandGuess {
    static let largeRange = 10_000

    static func looksCPUBound(_ source: String) -> Bool {
        let code: [Substring] = source.split(separator: "\n").map { line in
            guard let comment = line.firstIndex(of: "#") else { return line }
            return line[..<comment]
        }
        let waits = ["sleep(", ".join(", ".wait(", ".result(", ".get(", "await ", "as_completed("]
        let waitsSomewhere = code.contains { line in waits.contains { line.contains($0) } }
        let hasWhile = code.contains { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("while ") }
        if hasWhile && !waitsSomewhere { return true }
        if code.contains(where: { line in rangeBounds(in: line).contains { $0 >= largeRange } }) { return true }
        let loops = hasWhile || code.contains { line in line.contains("for ") && line.contains(" in ") }
        return loops && !waitsSomewhere && code.contains { line in largeLiterals(in: line).contains { $0 >= largeRange } }
    }

    /// Integer literals on the line (`5_000_000`, `10**6` counts as 10 and 6; `1e6` is read whole).
    static func largeLiterals(in line: Substring) -> [Int] {
        var values: [Int] = []
        var current = ""
        var inName = false
        for character in line + " " {
            if !inName, character.isNumber || (!current.isEmpty && (character == "_" || character == "e" || character == "E")) {
                current.append(character)
                continue
            }
            if let value = literalValue(current) { values.append(value) }
            current = ""
            // Digits inside a name (`x1000000`) are not a number.
            inName = character.isLetter || character == "_" || (inName && character.isNumber)
        }
        return values
    }

    /// The integer literals among the arguments of every `range(…)` on the line: `10_000`, `10**6`, `1e6`.
    static func rangeBounds(in line: Substring) -> [Int] {
        var bounds: [Int] = []
        var rest = line[...]
        while let call = rest.range(of: "range(") {
            let arguments: Substring = rest[call.upperBound...].prefix { $0 != ")" }
            for argument in arguments.split(separator: ",") {
                if let value = literalValue(argument.trimmingCharacters(in: .whitespaces)) { bounds.append(value) }
            }
            rest = rest[call.upperBound...]
        }
        return bounds
    }

    static func literalValue(_ text: String) -> Int? {
        let plain = text.replacingOccurrences(of: "_", with: "")
        if let value = Int(plain) { return value }
        if let power = plain.range(of: "**"), let base = Int(plain[..<power.lowerBound]), let exponent = Int(plain[power.upperBound...]),
           exponent >= 0, exponent < 19 {
            return Int(pow(Double(base), Double(exponent)).clamped(to: -9e18...9e18))
        }
        if plain.contains("e") || plain.contains("E"), let value = Double(plain), value.isFinite, abs(value) < 9e18 { return Int(value) }
        return nil
    }
}

private extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
