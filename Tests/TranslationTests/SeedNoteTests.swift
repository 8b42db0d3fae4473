import Foundation
import LoomCore
import NoteReading
import PythonFrontEnd
import Testing
@testable import Translation

/// The user's note, end to end: read, repaired by the front end, translated, compiled with
/// warnings as errors, run, and compared with CPython line for line and sleep-overlap for
/// sleep-overlap.
@Suite struct SeedNoteTests {
    static let notePath = NoteProgram.packageRoot.appendingPathComponent("notes/threading.md").path

    static func session() throws -> SessionAnalysis {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: notePath)))
        let note = NoteReader.read(bytes, path: "threading.md")
        return SessionAnalyzer.analyze(snippets: note.snippets, file: "threading.md")
    }

    @Test func everySnippetTranslatesCompilesAndPrintsWhatCPythonPrints() throws {
        let session = try Self.session()
        #expect(session.cells.count == 3)
        let text = session.cells.map(\.repairedSource).joined(separator: "\n# %%\n")
        let run = try Differential.run(text)
        #expect(run.compileError == nil, "\(run.compileError ?? "")")
        for cell in run.cells {
            #expect(cell.status == .translated)
            let python = cell.index == 1 ? cell.python.map(maskTime) : cell.python
            let swift = cell.index == 1 ? cell.swift.map(maskTime) : cell.swift
            switch cell.index {
            case 2:
                #expect(python.sorted() == swift.sorted(), "snippet 2")
            case 3:
                // Five workers start at once: which prints its "Sleeping" line first is a race in
                // CPython too. Each pool prints the same lines, all its starts before any finish.
                for half in [0..<10, 10..<20] {
                    let pythonHalf = Array(python[half.clamped(to: 0..<python.count)])
                    let swiftHalf = Array(swift[half.clamped(to: 0..<swift.count)])
                    #expect(pythonHalf.sorted() == swiftHalf.sorted(), "snippet 3")
                    #expect(swiftHalf.prefix(5).allSatisfy { $0.hasPrefix("Sleeping") }, "snippet 3 starts")
                    #expect(swiftHalf.suffix(5).allSatisfy { $0 == "Done Sleeping" }, "snippet 3 results")
                }
            default:
                #expect(python == swift, "snippet \(cell.index)")
            }
            #expect(cell.pythonOverlap == cell.swiftOverlap, "snippet \(cell.index) overlap")
        }
        // The shapes the note is about: two sleeps one after the other, ten threads at once,
        // five pool workers at once (twice).
        #expect(run.cells.map(\.swiftOverlap) == [1, 10, 5])
        #expect(run.cells[2].swift.filter { $0 == "Done Sleeping" }.count == 10)
        #expect(run.cells[2].swift.prefix(10).filter { $0 == "Done Sleeping" }.count == 5)
    }

    @Test func theProgramHasOneFunctionPerSnippetAndHandsThemToTheRunner() throws {
        let translation = NoteTranslator.translate(try Self.session())
        #expect(translation.program.hasPrefix("import Foundation\nimport LoomSupport\n"))
        for index in 1...3 { #expect(translation.program.contains("func cell\(index)() throws {")) }
        #expect(translation.program.contains("runCells([cell1, cell2, cell3])"))
        #expect(translation.cells[2].swift.contains("for f in asCompleted(results)"))
        #expect(translation.cells[2].swift.contains("executor.map(secs)"))
        #expect(translation.cells[1].swift.contains("PythonThread(target: \"do_something\") { doSomething(1.5) }"))
        // Each cell's page text is a piece of the program, in order.
        let pieces = translation.cells.map(\.swift)
        var cursor = translation.program.startIndex
        for piece in pieces {
            let found = try #require(translation.program.range(of: piece, range: cursor..<translation.program.endIndex))
            cursor = found.upperBound
        }
    }

    @Test func resumingFromTheLastSnippetKeepsEarlierDefinitions() throws {
        let translation = NoteTranslator.translate(try Self.session())
        let binary = try NoteProgram.compile(translation.program)
        let run = try NoteProgram.run(binary, arguments: ["--from", "3"])
        #expect(run.status == 0)
        #expect(run.stdoutByCell.keys.sorted() == [3])
        #expect(run.stdoutByCell[3]?.count == 20)
    }

    private func maskTime(_ line: String) -> String {
        line.replacingOccurrences(of: "[0-9]+\\.[0-9]+", with: "…", options: .regularExpression)
    }
}
