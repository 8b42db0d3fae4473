import PythonFrontEnd

/// `match` statements: each `case` pattern becomes a list of tests and bindings on the subject,
/// written as an `if` chain when every test comes before every binding, and otherwise as a
/// labelled `do` per case whose `guard`s leave it as soon as a test fails.
extension DynamicLowering {
    enum PatternStep {
        case test(String)
        case bind(String, String)
        /// Lines that try each alternative of an or-pattern in turn, setting a flag when one matched.
        case alternatives([String], flag: String)
    }

    static let selfMatchingClasses: Set<String> = ["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"]

    /// Returns whether every way through leaves (each case leaves and a last case takes everything).
    func matchStatement(_ subjectExpr: Expr, _ cases: [MatchCase], line: Int, into writer: inout SwiftWriter) throws -> Bool {
        let subjectCode = try value(subjectExpr)
        let subject = temporaryName("subject")
        writer.lines("let \(subject) = \(tryText(subjectCode))\(subjectCode.typed)")
        var compiled: [(steps: [PatternStep], guardCode: DynamicCode?, body: [Stmt])] = []
        for matchCase in cases {
            let steps = try pattern(matchCase.pattern, subject: subject, line: line)
            let guardCode = try matchCase.guardExpr.map { try condition($0) }
            compiled.append((steps, guardCode, matchCase.body))
        }
        let simple = compiled.allSatisfy { entry in
            guard entry.guardCode == nil else { return false }
            var seenBinding = false
            for step in entry.steps {
                switch step {
                case .bind: seenBinding = true
                case .test: if seenBinding { return false }
                case .alternatives: return false
                }
            }
            return true
        }
        if simple {
            var first = true
            var closed = true
            var allLeave = true
            var catchAll = false
            for entry in compiled {
                let tests = entry.steps.compactMap { step -> String? in if case .test(let t) = step { t } else { nil } }
                var body = SwiftWriter()
                for case .bind(let name, let text) in entry.steps {
                    try assignName(name, DynamicCode(text, throwing: text.contains("(")), line: line, into: &body)
                }
                allLeave = try block(entry.body, into: &body) && allLeave
                if tests.isEmpty {
                    catchAll = !first
                    if first {
                        writer.block("do") { $0.append(body) }
                    } else {
                        writer.line("} else {")
                        writer.indented { $0.append(body) }
                        writer.line("}")
                    }
                    closed = true
                    break
                }
                let condition = tests.joined(separator: " && ")
                let needsTry = condition.contains("(") || condition.contains("==")
                writer.line("\(first ? "" : "} else ")if \(needsTry ? "try " : "")\(condition) {")
                writer.indented { $0.append(body) }
                first = false
                closed = false
            }
            if !closed { writer.line("}") }
            return catchAll && allLeave
        }
        let label = temporaryName("match")
        writer.line("\(label): do {")
        for (index, entry) in compiled.enumerated() {
            let caseLabel = temporaryName("matchCase\(index + 1)")
            var body = SwiftWriter()
            for step in entry.steps {
                switch step {
                case .test(let test):
                    body.line("guard \(test.contains("(") || test.contains("==") ? "try " : "")\(test) else { break \(caseLabel) }")
                case .bind(let name, let text):
                    try assignName(name, DynamicCode(text, throwing: text.contains("(")), line: line, into: &body)
                case .alternatives(let lines, let flag):
                    for text in lines { body.line(text) }
                    body.line("guard \(flag) else { break \(caseLabel) }")
                }
            }
            if let guardCode = entry.guardCode {
                body.line("guard \(tryText(guardCode))\(guardCode.text) else { break \(caseLabel) }")
            }
            let leaves = try block(entry.body, into: &body)
            if !leaves { body.line("break \(label)") }
            writer.line("    \(caseLabel): do {")
            writer.indented { $0.indented { $0.append(body) } }
            writer.line("    }")
        }
        writer.line("}")
        return false
    }

    /// Tests and bindings for one pattern against the subject expression `subject`.
    func pattern(_ pattern: Pattern, subject: String, line: Int) throws -> [PatternStep] {
        switch pattern.kind {
        case .matchValue(let valueExpr):
            let code = try value(valueExpr)
            return [.test("\(subject) == \(code.precedence < .bitwise ? "(\(code.text))" : code.text)")]
        case .matchSingleton(let constant):
            let code = try self.constant(constant, line: line)
            return [.test("\(subject).isIdentical(to: \(code.text))")]
        case .matchAs(let inner, let name):
            var steps = try inner.map { try self.pattern($0, subject: subject, line: line) } ?? []
            if let name { steps.append(.bind(name, subject)) }
            return steps
        case .matchOr(let alternatives):
            var tests: [String] = []
            let compiled = try alternatives.map { try self.pattern($0, subject: subject, line: line) }
            if compiled.contains(where: { $0.contains { if case .test = $0 { false } else { true } } }) {
                // Alternatives that bind names: try each in a labelled block of its own.
                let flag = temporaryName("matched")
                var writer = SwiftWriter()
                writer.line("var \(flag) = false")
                for steps in compiled {
                    let label = temporaryName("alternative")
                    var body = SwiftWriter()
                    for step in steps {
                        switch step {
                        case .test(let test):
                            body.line("guard \(test.contains("(") || test.contains("==") ? "try " : "")\(test) else { break \(label) }")
                        case .bind(let name, let text):
                            try assignName(name, DynamicCode(text, throwing: text.contains("(")), line: line, into: &body)
                        case .alternatives(let lines, let inner):
                            for text in lines { body.line(text) }
                            body.line("guard \(inner) else { break \(label) }")
                        }
                    }
                    body.line("\(flag) = true")
                    writer.line("if !\(flag) {")
                    writer.line("    \(label): do {")
                    writer.indented { $0.indented { $0.append(body) } }
                    writer.line("    }")
                    writer.line("}")
                }
                return [.alternatives(writer.lines, flag: flag)]
            }
            for steps in compiled {
                let parts = steps.compactMap { step -> String? in if case .test(let t) = step { t } else { nil } }
                tests.append(parts.isEmpty ? "true" : parts.count == 1 ? parts[0] : "(\(parts.joined(separator: " && ")))")
            }
            return [.test("(\(tests.joined(separator: " || ")))")]
        case .matchSequence(let patterns):
            var steps: [PatternStep] = [.test("Py.isinstance(\(subject), .tuple([Py.list, Py.tuple, Py.range])).truthy()")]
            let star = patterns.firstIndex { if case .matchStar = $0.kind { true } else { false } }
            if let star {
                steps.append(.test("Py.len(\(subject)) >= \(patterns.count - 1)"))
                for (index, element) in patterns.enumerated() {
                    if index == star {
                        if case .matchStar(let name?) = element.kind {
                            let after = patterns.count - star - 1
                            let slice = after == 0 ? ".slice(\(index), nil)" : ".slice(\(index), -\(after))"
                            steps.append(.bind(name, "Py.list(\(subject).item(\(slice)))"))
                        }
                        continue
                    }
                    let position = index < star ? "\(index)" : "-\(patterns.count - index)"
                    steps += try self.pattern(element, subject: "\(subject).item(\(position))", line: line)
                }
            } else {
                steps.append(.test("Py.len(\(subject)) == \(patterns.count)"))
                for (index, element) in patterns.enumerated() {
                    steps += try self.pattern(element, subject: "\(subject).item(\(index))", line: line)
                }
            }
            return steps
        case .matchMapping(let keys, let patterns, let rest):
            var steps: [PatternStep] = [.test("Py.isinstance(\(subject), Py.dict).truthy()")]
            var keyTexts: [String] = []
            for (key, element) in zip(keys, patterns) {
                let keyCode = try value(key)
                keyTexts.append(keyCode.text)
                steps.append(.test("\(subject).contains(\(keyCode.text))"))
                steps += try self.pattern(element, subject: "\(subject).item(\(keyCode.text))", line: line)
            }
            if let rest {
                let removals = keyTexts.map { "try remaining.deleteItem(\($0))" }.joined(separator: "; ")
                steps.append(.bind(rest, "{ () throws -> PyObject in let remaining = try Py.dict(\(subject)); \(removals); return remaining }()"))
            }
            return steps
        case .matchClass(let cls, let patterns, let kwdAttrs, let kwdPatterns):
            let classCode = try value(cls)
            var steps: [PatternStep] = [.test("Py.isinstance(\(subject), \(classCode.text)).truthy()")]
            var isSelfMatching = false
            if case .name(let id, _) = cls.kind, Self.selfMatchingClasses.contains(id), environment.globals[id] == nil { isSelfMatching = true }
            for (index, element) in patterns.enumerated() {
                if isSelfMatching && index == 0 {
                    steps += try self.pattern(element, subject: subject, line: line)
                } else {
                    let attribute = "\(subject).attribute(\(classCode.receiver).__match_args__.item(\(index)).toString())"
                    steps += try self.pattern(element, subject: attribute, line: line)
                }
            }
            for (attr, element) in zip(kwdAttrs, kwdPatterns) {
                steps.append(.test("Py.hasattr(\(subject), \(SwiftNames.stringLiteral(attr))).truthy()"))
                steps += try self.pattern(element, subject: "\(subject).attribute(\(SwiftNames.stringLiteral(attr)))", line: line)
            }
            return steps
        case .matchStar:
            throw refuse("*", "a star pattern outside a sequence pattern", at: line)
        }
    }
}
