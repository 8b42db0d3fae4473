import Foundation
import PythonFrontEnd
import Testing
@testable import Translation

/// Test notes written as Python files whose cells are separated by `# %%` lines (the format
/// editors use for notebooks), each cell parsed at its true line in the file.
enum NoteCells {
    struct Cell {
        var index: Int
        var firstLine: Int
        var code: String
        /// `# compare: multiset` (CPython's own order is not deterministic) and other directives.
        var directives: Set<String>
    }

    static func split(_ text: String) -> [Cell] {
        var cells: [Cell] = []
        var current: [String] = []
        var firstLine = 1
        var directives: Set<String> = []
        let lines = text.components(separatedBy: "\n")
        func flush() {
            let code = current.joined(separator: "\n")
            if !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                cells.append(Cell(index: cells.count + 1, firstLine: firstLine, code: code + "\n", directives: directives))
            }
        }
        for (offset, line) in lines.enumerated() {
            if line.hasPrefix("# %%") {
                flush()
                current = []
                firstLine = offset + 2
                directives = Set(line.dropFirst(4).split(separator: " ").map(String.init))
            } else {
                current.append(line)
            }
        }
        flush()
        return cells
    }

    static func sources(_ cells: [Cell]) throws -> [CellSource] {
        try cells.map { cell in
            CellSource(index: cell.index, module: try PythonParser.parse(cell.code, firstLine: cell.firstLine), firstLine: cell.firstLine)
        }
    }

    static func translate(_ text: String) throws -> NoteTranslation {
        NoteTranslator.translate(try sources(split(text)))
    }

    /// The Swift of the first cell, recording a test issue (and giving "") when it was refused.
    static func firstCellSwift(_ text: String) throws -> String {
        let translation = try translate(text)
        guard case .translated = translation.cells[0].status else {
            Issue.record("refused: \(translation.cells[0].status)")
            return ""
        }
        return translation.cells[0].swift
    }
}
