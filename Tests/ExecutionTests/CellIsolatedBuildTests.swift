import Foundation
import LoomCore
import Testing
@testable import Execution

/// A note program whose middle cell does not compile still runs its first and last cells.
@Suite struct CellIsolatedBuildTests {
    /// Laid out as the translator lays out a note: one MARK section per cell, then the entry point.
    static let program = #"""
        import LoomSupport

        // MARK: - Snippet 1

        func cell1() { Loom.say("one") }

        // MARK: - Snippet 2

        func helper() -> Int { return "not a number" }

        func cell2() { Loom.say("\(helper())") }

        // MARK: - Snippet 3

        func cell3() { Loom.say("three") }

        @main
        struct Note {
            static func main() {
                let cells: [() -> Void] = [cell1, cell2, cell3]
                for (offset, cell) in cells.enumerated() { Loom.cell(offset + 1, cell) }
            }
        }
        """#

    @Test func theFailingCellIsTakenOutAndTheOthersRun() throws {
        let build = CompiledFixtures.compiler.buildProgramIsolatingCells(mainSource: Self.program, support: CompiledFixtures.support)
        #expect(build.wholeProgramFailure == nil)
        #expect(Set(build.failedCells.keys) == [2])
        let message = try #require(build.failedCells[2]?.first)
        #expect(message.message.contains("cannot convert"))
        let cells = try #require(build.failedSources[2])
        #expect(cells.line(message.line).contains("not a number"))
        #expect(cells.lineInCell(message.line) == 1)
        let program = try #require(build.program)
        let run = NoteProgramRunner.run(NoteProgram(executable: program.executable, cellCount: 3),
                                        options: CellRunOptions(timeLimitPerCell: 20))
        #expect(run.cells[0].stdout == "one\n")
        #expect(run.cells[2].stdout == "three\n")
        #expect(run.cells[1].stdout == "")
    }

    @Test func linesAreLaidAtTheirCellsAndDroppingKeepsEveryOtherLine() {
        let cells = NoteProgramCells(Self.program)
        #expect(cells.cell(containing: 1) == nil)
        #expect(cells.cell(containing: 5) == 1)
        #expect(cells.cell(containing: 9) == 2)
        #expect(cells.cell(containing: 15) == 3)
        #expect(cells.cell(containing: 18) == nil)
        let dropped = cells.dropping([2])
        #expect(!dropped.contains("helper"))
        #expect(dropped.contains("[cell1, { /* snippet 2 did not compile */ }, cell3]"))
        #expect(dropped.contains("func cell3() { Loom.say(\"three\") }"))
        // `cell12` is not `cell1`.
        #expect(NoteProgramCells("// MARK: - Snippet 1\n\nfunc cell1() {}\n@main\nrunCells([cell1, cell12])").dropping([1])
            .hasSuffix("runCells([{ /* snippet 1 did not compile */ }, cell12])"))
    }

    @Test func anErrorOutsideEveryCellFailsTheWholeProgram() {
        let broken = Self.program.replacingOccurrences(of: "let cells: [() -> Void]", with: "let cells: [() -> Int]")
        let build = CompiledFixtures.compiler.buildProgramIsolatingCells(mainSource: broken, support: CompiledFixtures.support)
        #expect(build.program == nil)
        #expect(build.wholeProgramFailure != nil)
    }
}
