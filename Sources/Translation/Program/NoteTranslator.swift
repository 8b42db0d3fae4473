import PythonFrontEnd

/// Carries a note's Python cells into one Swift program that prints what CPython prints and keeps
/// CPython's concurrency shape, linking the support library for what Swift lacks.
public enum NoteTranslator {
    /// How many inference passes may run before the last, writing one.
    static let maximumPasses = 8

    /// Translates the cells of a note as the front end analysed them (repairs applied); a snippet
    /// with a syntax error left is refused, and so are the later ones that need its names.
    public static func translate(_ session: SessionAnalysis) -> NoteTranslation {
        translate(session.cells.map { cell in
            if let module = cell.module {
                return CellSource(index: cell.snippet.index, module: module, firstLine: cell.snippet.firstCodeLine)
            }
            let error = cell.diagnostics.first { $0.severity == .error }
            return CellSource(
                index: cell.snippet.index, module: Module(body: []),
                refusal: Refusal(construct: "snippet", reason: "it has a syntax error: \(error?.message ?? "unparsable")",
                                 line: error?.location.line ?? cell.snippet.firstCodeLine),
                unparsedNames: cell.definedNames)
        })
    }

    public static func translate(_ sources: [CellSource]) -> NoteTranslation {
        GradualTyping.translate(sources)
    }

    /// The static translator's passes over `cells`; file-scope names are decided over
    /// `analysisCells` (the note as written, dynamic cells included).
    static func translateStatically(_ cells: [CellSource], analysisCells: [CellSource]) -> TranslationSession {
        let cells = cells.map { source in
            var cell = source
            cell.module.body = NamedLambdas.asDefinitions(source.module.body)
            return cell
        }
        let state = NoteState()
        state.fileScope = fileScopeNames(analysisCells.map { source in
            var cell = source
            cell.module.body = NamedLambdas.asDefinitions(source.module.body)
            return cell
        })
        let session = TranslationSession(cells: cells, state: state)
        for _ in 0..<maximumPasses {
            state.changed = false
            session.runPass()
            if !state.changed { break }
        }
        state.isFinal = true
        session.runPass()
        return session
    }

    /// Cell-level names that another cell or a function reads: they become file-scope state.
    static func fileScopeNames(_ cells: [CellSource]) -> Set<String> {
        let analyses = cells.map { NameOccurrences.of($0.module.body) }
        var functionLoads: Set<String> = []
        var globalsDeclared: Set<String> = []
        for cell in cells {
            forEachFunction(in: cell.module.body) { def in
                let inner = NameOccurrences.of(def.body)
                functionLoads.formUnion(inner.loads)
                globalsDeclared.formUnion(inner.declaredGlobal)
            }
        }
        var result: Set<String> = []
        for (index, analysis) in analyses.enumerated() {
            let stored = Set(analysis.occurrences.filter { $0.kind == NameOccurrences.Occurrence.Kind.store }.map { $0.name })
            let definitions = Set(cells[index].module.body.compactMap { statement -> String? in
                switch statement.kind {
                case .functionDef(let def), .asyncFunctionDef(let def): def.name
                case .classDef(let def): def.name
                default: nil
                }
            })
            let importNames = Set(cells[index].module.body.flatMap { statement -> [String] in
                switch statement.kind {
                case .import(let names): names.map { $0.asname ?? String($0.name.split(separator: ".").first ?? "") }
                case .importFrom(_, let names, _): names.map { $0.asname ?? $0.name }
                default: []
                }
            })
            let literalConstants = literalConstantNames(cells[index].module.body)
            for name in stored.subtracting(definitions).subtracting(importNames) {
                // A local `let n = 25` lets Swift fold `if n > 20` and warn that the `else` never
                // runs; file-scope state is not folded, and is what a module global is anyway.
                if literalConstants.contains(name) { result.insert(name) }
                // A later cell that binds the name again before using it has its own variable.
                let usedElsewhere = analyses.enumerated().contains { other in
                    other.offset != index && other.element.loads.contains(name)
                        && !other.element.occurrences.contains { $0.name == name && $0.kind == NameOccurrences.Occurrence.Kind.store }
                }
                if usedElsewhere || functionLoads.contains(name) || globalsDeclared.contains(name) { result.insert(name) }
            }
        }
        return result
    }

    /// Cell-level names bound once, to a number or a boolean literal.
    static func literalConstantNames(_ body: [Stmt]) -> Set<String> {
        var counts: [String: Int] = [:]
        var literal: Set<String> = []
        for occurrence in NameOccurrences.of(body).occurrences where occurrence.kind != .load {
            counts[occurrence.name, default: 0] += 1
        }
        for statement in body {
            guard case .assign(let targets, let value) = statement.kind, targets.count == 1,
                  case .name(let id, _) = targets[0].kind else { continue }
            var constant = value
            if case .unaryOp(.uSub, let operand) = value.kind { constant = operand }
            switch constant.kind {
            case .constant(.int), .constant(.float), .constant(.bool): literal.insert(id)
            default: continue
            }
        }
        return literal.filter { counts[$0] == 1 }
    }

    static func forEachFunction(in body: [Stmt], _ visit: (FunctionDef) -> Void) {
        for statement in body {
            switch statement.kind {
            case .functionDef(let def), .asyncFunctionDef(let def):
                visit(def)
                forEachFunction(in: def.body, visit)
            case .classDef(let def):
                forEachFunction(in: def.body, visit)
            case .if(_, let a, let b):
                forEachFunction(in: a, visit)
                forEachFunction(in: b, visit)
            default:
                continue
            }
        }
    }

    static func assemble(_ cells: [CellSource], _ outputs: [TranslationSession.CellOutput], dynamic: Set<Int> = [],
                         prelude: [String] = []) -> NoteTranslation {
        var program = SwiftWriter()
        program.line("import Foundation")
        program.line("import LoomSupport")
        if !prelude.isEmpty {
            program.blank()
            for text in prelude { program.line(text) }
        }
        var translations: [CellTranslation] = []
        var entries: [String] = []
        for (cell, output) in zip(cells, outputs) {
            if let refusal = output.refusal {
                translations.append(CellTranslation(index: cell.index, status: .refused(refusal), swift: "", notes: output.notes))
                entries.append("{}, // snippet \(cell.index) was not translated")
                continue
            }
            var page = SwiftWriter()
            if !output.fileScope.lines.isEmpty {
                page.append(output.fileScope)
            }
            for definition in output.definitions {
                page.blank()
                page.append(definition)
            }
            page.blank()
            page.block("func cell\(cell.index)() throws") { $0.append(output.body) }
            program.blank()
            program.line("// MARK: - Snippet \(cell.index)")
            program.blank()
            program.append(page)
            translations.append(CellTranslation(index: cell.index, status: .translated, swift: page.text, notes: output.notes,
                                                isDynamic: dynamic.contains(cell.index)))
            entries.append("cell\(cell.index)")
        }
        program.blank()
        program.line("@main")
        program.block("struct Note") { note in
            note.block("static func main()") { main in
                if entries.count <= 3 && !entries.contains(where: { $0.hasPrefix("{") }) {
                    main.line("runCells([\(entries.joined(separator: ", "))])")
                } else {
                    main.line("runCells([")
                    for entry in entries { main.line("    " + (entry.hasPrefix("{") ? entry : entry + ",")) }
                    main.line("])")
                }
            }
        }
        return NoteTranslation(program: program.text, cells: translations)
    }
}
