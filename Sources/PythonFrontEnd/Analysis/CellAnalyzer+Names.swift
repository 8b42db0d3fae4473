import LoomCore

/// Names bound nowhere in the session.
extension CellAnalyzer {
    /// Warns about names bound nowhere in the session; where exactly one bound name is one edit
    /// away (and both are long enough for that to be telling), reads the name as that one.
    mutating func checkNames(_ module: Module) -> Module {
        let collector = names(of: module)
        if collector.hasStarImport || session.hasStarImport { return module }
        let boundHere = Set(collector.bindings.map(\.name))
        let bound = boundHere.union(session.moduleNames)
        var edits: [Edit] = []
        var warned = Set<String>()
        // A name read at module level before the cell first binds it raises NameError there, as an
        // unbound one does: with exactly one name bound before it spelt like it, that one was meant.
        for use in collector.uses where use.isModuleLevel && boundHere.contains(use.name) && !session.moduleNames.contains(use.name)
            && !PythonBuiltins.names.contains(use.name) {
            guard let firstBinding = collector.bindings.first(where: { $0.name == use.name }), use.position < firstBinding.position,
                  !collector.bindings.contains(where: { $0.name == use.name && !$0.isModuleLevel }) else { continue }
            let boundBefore = Set(collector.bindings.filter { $0.position < use.position }.map(\.name)).union(session.moduleNames)
            let close = boundBefore.filter { closeSpelling(use.name, $0) }
            guard close.count == 1, let candidate = close.first, use.name.count >= 4 else { continue }
            let start = local(use.position)
            let message = "repaired: `\(use.name)` is used before it is bound; read as `\(candidate)`, the one name bound before it spelt like it"
            edits.append(Edit(line: start.line, from: start.column, to: start.column + use.name.unicodeScalars.count,
                              replacement: candidate,
                              diagnostic: Diagnostic(.warning, at: location(use.position), message,
                                                     fix: Diagnostic.Fix(original: use.name, replacement: candidate))))
        }
        for use in collector.uses where !bound.contains(use.name) && !PythonBuiltins.names.contains(use.name) {
            let close = bound.filter { closeSpelling(use.name, $0) }
            if !use.isModuleLevel {
                guard warned.insert(use.name).inserted else { continue }
                deferredUses.append(DeferredUse(occurrence: use, diagnostics: unknownNameDiagnostics(use, close: close)))
                continue
            }
            if close.count == 1, let candidate = close.first, use.name.count >= 4,
               EditDistance.distance(use.name, candidate) == 1 || Self.isPluralPair(use.name, candidate),
               !PythonBuiltins.names.contains(where: { EditDistance.isWithin(1, use.name, $0) }) {
                let start = local(use.position)
                let message = "repaired: `\(use.name)` is not defined; read as `\(candidate)`, the one bound name spelt like it"
                edits.append(Edit(line: start.line, from: start.column, to: start.column + use.name.unicodeScalars.count,
                                  replacement: candidate,
                                  diagnostic: Diagnostic(.warning, at: location(use.position), message,
                                                         fix: Diagnostic.Fix(original: use.name, replacement: candidate))))
                continue
            }
            guard warned.insert(use.name).inserted else { continue }
            diagnostics += unknownNameDiagnostics(use, close: close)
        }
        return apply(edits, to: module)
    }

    /// `process` and `processes`, `item` and `items`: one is the other with a plural ending.
    static func isPluralPair(_ a: String, _ b: String) -> Bool {
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.count >= 4 && (long == short + "s" || long == short + "es")
    }

    func unknownNameDiagnostics(_ use: NameOccurrence, close: Set<String>) -> [Diagnostic] {
        var result = [Diagnostic(.warning, at: location(use.position), "`\(use.name)` is not defined in this snippet or an earlier one")]
        if close.count == 1, let candidate = close.first {
            result.append(Diagnostic(.note, at: location(use.position), "did you mean `\(candidate)`?"))
        }
        return result
    }

    func closeSpelling(_ used: String, _ bound: String) -> Bool {
        guard EditDistance.isWithin(2, used, bound) else { return false }
        let distance = EditDistance.distance(used, bound)
        return distance >= 1 && distance <= (min(used.count, bound.count) >= 6 ? 2 : 1)
    }
}
