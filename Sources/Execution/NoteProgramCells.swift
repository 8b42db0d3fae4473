/// A note program as the translator assembles it: one `// MARK: - Snippet N` section per cell,
/// then the `@main` type whose `runCells([...])` lists the cells. Knows which cell a compiler
/// message's line falls in, and takes failing cells out so the rest compile.
public struct NoteProgramCells: Sendable {
    public let source: String
    private let lines: [Substring]
    /// 0-based line of each cell's MARK, in order.
    private let sections: [(cell: Int, start: Int)]
    /// 0-based line of `@main`, or the line count.
    private let mainLine: Int

    public init(_ source: String) {
        self.source = source
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var sections: [(Int, Int)] = []
        var main = lines.count
        for (offset, line) in lines.enumerated() {
            if line.hasPrefix("// MARK: - Snippet "), let cell = Int(line.dropFirst("// MARK: - Snippet ".count)) {
                sections.append((cell, offset))
            } else if line.hasPrefix("@main"), main == lines.count {
                main = offset
            }
        }
        self.sections = sections
        mainLine = main
    }

    /// The cell whose section holds 1-based `line`; nil for the imports and the entry point.
    public func cell(containing line: Int) -> Int? {
        let offset = line - 1
        guard offset < mainLine else { return nil }
        return sections.last { $0.start <= offset }?.cell
    }

    /// The text of 1-based `line`.
    public func line(_ line: Int) -> String {
        line >= 1 && line <= lines.count ? String(lines[line - 1]) : ""
    }

    /// 1-based line within the cell's own Swift (as the card shows it) of a program line.
    public func lineInCell(_ line: Int) -> Int? {
        guard let cell = cell(containing: line), let section = sections.first(where: { $0.cell == cell }) else { return nil }
        // The section is the MARK, a blank line, then the cell's page.
        return line - 1 - (section.start + 2) + 1
    }

    /// Error messages grouped by the cell they fall in; those outside every cell under nil's key `0`.
    public func errorsByCell(_ messages: [CompilerMessage]) -> [Int: [CompilerMessage]] {
        var result: [Int: [CompilerMessage]] = [:]
        for message in messages where message.severity == .error && message.file == "main.swift" {
            result[cell(containing: message.line) ?? 0, default: []].append(message)
        }
        return result
    }

    /// The program without the sections of `cells`, each of their entries in `runCells` replaced by
    /// a cell that does nothing (Loom reports it as not compiled); every other line stays as it was.
    public func dropping(_ cells: Set<Int>) -> String {
        var kept: [Substring] = []
        var dropping = false
        for (offset, line) in lines.enumerated() {
            if offset >= mainLine {
                dropping = false
            } else if let section = sections.first(where: { $0.start == offset }) {
                dropping = cells.contains(section.cell)
            }
            if dropping { continue }
            if offset > mainLine {
                kept.append(Substring(replacingEntries(of: cells, in: line)))
            } else {
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n")
    }

    private func replacingEntries(of cells: Set<Int>, in line: Substring) -> String {
        var result = ""
        var rest = line[...]
        while let range = rest.range(of: "cell") {
            result += rest[..<range.lowerBound]
            let digits = rest[range.upperBound...].prefix { $0.isNumber }
            let before = range.lowerBound > line.startIndex ? line[line.index(before: range.lowerBound)] : " "
            let after = rest[range.upperBound...].dropFirst(digits.count).first ?? " "
            if let cell = Int(digits), cells.contains(cell), !(before.isLetter || before.isNumber || before == "_"),
               !(after.isLetter || after.isNumber || after == "_") {
                result += "{ /* snippet \(cell) did not compile */ }"
            } else {
                result += "cell" + digits
            }
            rest = rest[range.upperBound...].dropFirst(digits.count)
        }
        return result + rest
    }
}

extension SwiftCompiler {
    /// A note program's build where a compile error in one cell's section costs only that cell.
    public struct CellIsolatedBuild: Sendable {
        /// The program that compiled (with the failing cells taken out), if any did.
        public var program: CompiledProgram?
        /// Each cell taken out, with the compiler's errors in its section (program lines as compiled then).
        public var failedCells: [Int: [CompilerMessage]]
        /// The source of the failing build each cell was taken out of, to read its lines.
        public var failedSources: [Int: NoteProgramCells]
        /// A failure no cell can be blamed for (the compiler crashed or timed out, an error outside every cell).
        public var wholeProgramFailure: Failure?
    }

    /// Builds `mainSource`; while the compiler rejects it with errors inside cells' sections, takes
    /// those cells out and builds the rest again, so that every other cell still runs.
    public func buildProgramIsolatingCells(mainSource: String, support: SupportLibrary) -> CellIsolatedBuild {
        var source = mainSource
        var build = CellIsolatedBuild(program: nil, failedCells: [:], failedSources: [:], wholeProgramFailure: nil)
        while true {
            switch buildProgram(mainSource: source, support: support) {
            case .success(let program):
                build.program = program
                return build
            case .failure(let failure):
                let cells = NoteProgramCells(source)
                let byCell = cells.errorsByCell(failure.messages)
                let failing = Set(byCell.keys.filter { $0 != 0 && build.failedCells[$0] == nil })
                guard failure.reason == nil, !failure.timedOut, byCell[0] == nil, !failing.isEmpty else {
                    build.wholeProgramFailure = failure
                    return build
                }
                for cell in failing {
                    build.failedCells[cell] = byCell[cell]
                    build.failedSources[cell] = cells
                }
                source = cells.dropping(failing)
            }
        }
    }
}
