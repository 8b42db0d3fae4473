import Testing
@testable import Translation

/// Runs a generated note through CPython and its translation, one test per batch: every snippet must
/// be translated and print what CPython prints.
enum GeneratedNoteCheck {
    /// `label`: the batch's `family-seed-count`, which `note` turns back into the note's text.
    static func check(_ label: String, note: (_ family: String, _ seed: UInt64, _ count: Int) -> String) throws {
        let parts = label.split(separator: "-")
        let text = note(String(parts[0]), UInt64(parts[1])!, Int(parts[2])!)
        let run = try Differential.run(text)
        #expect(run.compileError == nil, "\(label) does not compile:\n\(run.compileError ?? "")")
        var agreed = 0
        for cell in run.cells {
            guard case .translated = cell.status else {
                Issue.record("\(label) snippet \(cell.index) was refused: \(cell.status)")
                continue
            }
            let code = NoteCells.split(text)[cell.index - 1].code
            #expect(cell.outputMatches, "\(label) snippet \(cell.index)\n\(code)\npython: \(cell.python)\nswift:  \(cell.swift)")
            if cell.outputMatches { agreed += 1 }
        }
        print("generated \(label): \(agreed)/\(run.cells.count) snippets agree with CPython")
    }
}
