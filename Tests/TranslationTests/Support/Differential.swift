import Foundation
@testable import Translation

/// A note run both ways — CPython, and translated Swift — compared cell by cell.
struct Differential {
    struct CellOutcome {
        var index: Int
        var firstLine: Int
        var directives: Set<String>
        var status: CellStatus
        var python: [String]
        var swift: [String]
        var pythonErrors: [String]
        var swiftErrors: [String]
        var pythonOverlap: Int
        var swiftOverlap: Int

        var isRefused: Bool { if case .refused = status { true } else { false } }

        /// Lines as compared: timing-derived numbers and object addresses masked; sorted when
        /// CPython's own order is not deterministic.
        func comparable(_ lines: [String]) -> [String] {
            var result = lines.map { line -> String in
                var text = line.replacingOccurrences(of: "0x[0-9a-fA-F]+", with: "0x…", options: .regularExpression)
                if directives.contains("mask-times") {
                    text = text.replacingOccurrences(of: "[0-9]+\\.[0-9]+", with: "…", options: .regularExpression)
                }
                return text
            }
            if directives.contains("multiset") { result.sort() }
            return result
        }

        /// Standard output, and for cells marked `stderr` (logging) standard error too.
        var outputMatches: Bool {
            comparable(python) == comparable(swift)
                && (!directives.contains("stderr") || comparable(pythonErrors) == comparable(swiftErrors))
        }
        var shapeMatches: Bool { pythonOverlap == swiftOverlap }
    }

    var translation: NoteTranslation
    var cells: [CellOutcome]
    var compileError: String?

    /// One interpreter for the note, or one per cell for notes marked `fresh` on their first cell:
    /// CPython's fork-based pools can deadlock in a child forked while an earlier pool's threads
    /// hold a lock, which says nothing about the translation.
    static func pythonRun(_ cells: [NoteCells.Cell]) throws -> PythonNote.Run {
        guard cells.first?.directives.contains("fresh") == true else { return try PythonNote.run(cells.map(\.code)) }
        var merged = PythonNote.Run(stdoutByCell: [:], sleeps: [:], stderr: "")
        for cell in cells {
            let run = try PythonNote.run([cell.code], numbers: [cell.index])
            merged.stdoutByCell[cell.index] = run.stdoutByCell[cell.index] ?? []
            merged.sleeps[cell.index] = run.sleeps[cell.index] ?? []
            merged.stderr += run.stderr
        }
        return merged
    }

    static func run(_ text: String) throws -> Differential {
        let cells = NoteCells.split(text)
        let translation = NoteTranslator.translate(try NoteCells.sources(cells))
        let python = try pythonRun(cells)
        var swiftRun: NoteProgram.Run?
        var compileError: String?
        do {
            let dynamic = translation.cells.contains { $0.isDynamic }
            swiftRun = try NoteProgram.run(try NoteProgram.compile(translation.program, warningsAsErrors: !dynamic))
        } catch let error as NoteProgram.CompileError {
            compileError = error.output
        }
        let outcomes = zip(cells, translation.cells).map { cell, translated in
            CellOutcome(
                index: cell.index, firstLine: cell.firstLine, directives: cell.directives, status: translated.status,
                python: python.stdoutByCell[cell.index] ?? [], swift: swiftRun?.stdoutByCell[cell.index] ?? [],
                pythonErrors: python.stderrByCell[cell.index] ?? [], swiftErrors: swiftRun?.stderrByCell[cell.index] ?? [],
                pythonOverlap: ConcurrencyShape.maximumOverlap(python.sleeps[cell.index] ?? []),
                swiftOverlap: ConcurrencyShape.maximumOverlap(ConcurrencyShape.sleeps(inTrace: swiftRun?.trace ?? [], cell: cell.index)))
        }
        return Differential(translation: translation, cells: outcomes, compileError: compileError)
    }
}
