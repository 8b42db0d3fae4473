import PythonFrontEnd

/// Comprehensions run at once in a closure of their own (their names are their own scope, as in
/// Python 3); generator expressions are generators, run lazily one `next()` at a time.
extension DynamicLowering {
    func comprehension(_ expression: Expr) throws -> DynamicCode {
        let elements: [Expr], generators: [Comprehension]
        let start: String, result: String
        var add: (_ codes: [DynamicCode]) -> String
        switch expression.kind {
        case .listComp(let elt, let gens):
            (elements, generators) = ([elt], gens)
            (start, result) = ("var items: [PyObject] = []", "return .list(items)")
            add = { "items.append(\($0[0].text))" }
        case .setComp(let elt, let gens):
            (elements, generators) = ([elt], gens)
            (start, result) = ("var items: [PyObject] = []", "return try .set(items)")
            add = { "items.append(\($0[0].text))" }
        case .dictComp(let key, let value, let gens):
            (elements, generators) = ([key, value], gens)
            (start, result) = ("var pairs: [(PyObject, PyObject)] = []", "return try .dict(pairs)")
            add = { "pairs.append((\($0[0].text), \($0[1].text)))" }
        default:
            throw refuse("comprehension", "not a comprehension", at: expression.range.start.line)
        }
        let facts = DynamicScopeFacts.ofComprehension(elements, generators, range: expression.range)
        let comprehensionScope = enter(.comprehension, facts: facts)
        defer { leave() }
        comprehensionScope.temporaries.formUnion(["items", "pairs"])
        var body = SwiftWriter()
        body.line(start)
        declareVariables(into: &body)
        try loops(generators, index: 0, into: &body) { writer in
            let codes = try elements.map { try self.value($0) }
            let throwing = codes.contains { $0.throwing }
            writer.lines((throwing ? "try " : "") + add(codes))
        }
        body.line(result)
        var text = SwiftWriter()
        text.line("{ () throws -> PyObject in")
        text.indented { $0.append(body) }
        text.line("}()")
        return DynamicCode(text.text.trimmingTrailingNewline())
    }

    func generatorExpression(_ element: Expr, _ generators: [Comprehension], range: SourceRange) throws -> DynamicCode {
        let facts = DynamicScopeFacts.ofComprehension([element], generators, range: range)
        let generatorScope = enter(.comprehension, facts: facts)
        defer { leave() }
        generatorScope.generatorName = "generator"
        if generators.count == 1, !generators[0].isAsync, !facts.containsYield {
            return try steppedGeneratorExpression(element, generators[0])
        }
        var body = SwiftWriter()
        declareVariables(into: &body)
        try loops(generators, index: 0, into: &body) { writer in
            let code = try self.value(element)
            writer.lines("try generator.yield(\(code.text))")
        }
        body.line("return .none")
        var text = SwiftWriter()
        text.line("PyObject.generator(\"<genexpr>\") { generator in")
        text.indented { $0.append(body) }
        text.line("}")
        return DynamicCode(text.text.trimmingTrailingNewline(), throwing: false)
    }

    /// `(element for target in iterable if …)`, the common shape: stepped on the consumer's thread
    /// (`PyObject.generatorExpression`), its iterable's iterator taken at once as CPython takes it.
    private func steppedGeneratorExpression(_ element: Expr, _ clause: Comprehension) throws -> DynamicCode {
        let iterable = try value(clause.iter)
        var bindTarget: ((inout SwiftWriter) throws -> Void)? = nil
        let name = try loopTargetName(clause.target, line: clause.target.range.start.line, bind: &bindTarget)
        var body = SwiftWriter()
        declareVariables(into: &body)
        if let bindTarget { try bindTarget(&body) }
        for condition in clause.ifs {
            let test = try self.condition(condition)
            body.line("guard \(tryText(test))\(test.text) else { return nil }")
        }
        let code = try self.value(element)
        body.lines("return \(tryText(code))\(code.text)")
        var text = SwiftWriter()
        text.line("PyObject.generatorExpression(over: \(iterable.text)) { \(name) in")
        text.indented { $0.append(body) }
        text.line("}")
        return DynamicCode(text.text.trimmingTrailingNewline())
    }

    /// One `while let` per `for` clause, its `if`s as `guard … else { continue }`, innermost the body.
    private func loops(_ generators: [Comprehension], index: Int, into writer: inout SwiftWriter,
                       innermost: (inout SwiftWriter) throws -> Void) throws {
        guard index < generators.count else {
            try innermost(&writer)
            return
        }
        let generator = generators[index]
        if generator.isAsync { throw refuse("async for", "asynchronous comprehensions are not translated", at: generator.iter.range.start.line) }
        let iterable = try value(generator.iter)
        let iterator = temporaryName("iterator")
        writer.lines("let \(iterator) = try \(iterable.receiver).iterate()")
        var bindTarget: ((inout SwiftWriter) throws -> Void)? = nil
        let name = try loopTargetName(generator.target, line: generator.target.range.start.line, bind: &bindTarget)
        var body = SwiftWriter()
        if let bindTarget { try bindTarget(&body) }
        for condition in generator.ifs {
            let test = try self.condition(condition)
            body.line("guard \(tryText(test))\(test.text) else { continue }")
        }
        try loops(generators, index: index + 1, into: &body, innermost: innermost)
        writer.block("while let \(name) = try \(iterator).next()") { $0.append(body) }
    }
}
