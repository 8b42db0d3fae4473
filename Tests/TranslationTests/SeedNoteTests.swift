import Testing
@testable import Translation

/// The user's note, end to end: translate, compile with warnings as errors, run, and compare
/// with CPython line for line and sleep-overlap for sleep-overlap.
@Suite struct SeedNoteTests {
    @Test func everySnippetTranslatesCompilesAndPrintsWhatCPythonPrints() throws {
        let run = try Differential.run(SeedNote.repaired)
        #expect(run.compileError == nil, "\(run.compileError ?? "")")
        for cell in run.cells {
            #expect(cell.status == .translated)
            let python = cell.index == 1 ? cell.python.map(maskTime) : cell.python
            let swift = cell.index == 1 ? cell.swift.map(maskTime) : cell.swift
            if cell.index == 2 {
                #expect(python.sorted() == swift.sorted(), "snippet 2")
            } else {
                #expect(python == swift, "snippet \(cell.index)")
            }
            #expect(cell.pythonOverlap == cell.swiftOverlap, "snippet \(cell.index) overlap")
        }
        // The shapes the note is about: two sleeps one after the other, ten threads at once,
        // five pool workers at once (twice).
        #expect(run.cells.map(\.swiftOverlap) == [1, 10, 5])
        #expect(run.cells[2].swift.filter { $0 == "Done Sleeping" }.count == 10)
    }

    @Test func theProgramHasOneFunctionPerSnippetAndHandsThemToTheRunner() throws {
        let translation = try NoteCells.translate(SeedNote.repaired)
        #expect(translation.program.hasPrefix("import Foundation\nimport LoomSupport\n"))
        for index in 1...3 { #expect(translation.program.contains("func cell\(index)() throws {")) }
        #expect(translation.program.contains("runCells([cell1, cell2, cell3])"))
        #expect(translation.cells[2].swift.contains("for f in asCompleted(results)"))
        #expect(translation.cells[1].swift.contains("PythonThread(target: \"do_something\") { doSomething(1.5) }"))
    }

    private func maskTime(_ line: String) -> String {
        line.replacingOccurrences(of: "[0-9]+\\.[0-9]+", with: "…", options: .regularExpression)
    }
}
