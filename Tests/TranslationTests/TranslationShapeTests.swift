import Testing
@testable import Translation

@Suite struct TranslationShapeTests {
    @Test func seedProgram() throws {
        let translation = try NoteCells.translate(SeedNote.repaired)
        print(translation.program)
        for cell in translation.cells { print(cell.index, cell.status, cell.notes) }
    }
}
