/// `case` patterns as CPython generates them: a pattern that always matches must be guarded or last
/// (else the cases after it are unreachable), a name is captured once per pattern, alternatives
/// capture the same names, and mapping keys and class attributes are not repeated.
extension CompilerChecks {
    struct PatternContext {
        var stores: [String] = []
        var allowsIrrefutable: Bool
    }

    mutating func match(_ cases: [MatchCase]) throws {
        // A last `case _:` is generated without its pattern.
        let hasDefault = cases.count > 1 && Self.isWildcard(cases[cases.count - 1].pattern)
        for (offset, matchCase) in cases.enumerated() {
            let isLast = offset == cases.count - 1
            if !(hasDefault && isLast) {
                var context = PatternContext(allowsIrrefutable: matchCase.guardExpr != nil || isLast)
                try pattern(matchCase.pattern, &context)
            }
            if let guardExpr = matchCase.guardExpr { try expression(guardExpr) }
            try statements(matchCase.body)
        }
    }

    static func isWildcard(_ pattern: Pattern) -> Bool {
        if case .matchAs(nil, nil) = pattern.kind { return true }
        return false
    }

    func patternError(_ message: String) -> CompileError {
        CompileError(message, at: patternPosition)
    }

    mutating func pattern(_ pattern: Pattern, _ context: inout PatternContext) throws {
        patternPosition = pattern.range.start
        switch pattern.kind {
        case .matchValue(let value):
            try expression(value)
        case .matchSingleton:
            break
        case .matchSequence(let patterns):
            if patterns.filter({ if case .matchStar = $0.kind { true } else { false } }).count > 1 {
                throw patternError("multiple starred names in sequence pattern")
            }
            // Wildcards are generated only when the sequence is unpacked whole: not when every item is a
            // wildcard, nor when a `*_` lets the items be reached by index.
            let starIsWildcard = patterns.contains { $0.kind == .matchStar(name: nil) }
            if patterns.allSatisfy({ Self.isWildcard($0) || $0.kind == .matchStar(name: nil) }) { break }
            for inner in patterns {
                if starIsWildcard && (Self.isWildcard(inner) || inner.kind == .matchStar(name: nil)) { continue }
                try subpattern(inner, &context)
            }
        case .matchMapping(let keys, let patterns, let rest):
            var seen = Set<String>()
            for key in keys {
                guard let (identity, repr) = Self.mappingKey(key) else { continue }
                if !seen.insert(identity).inserted { throw patternError("mapping pattern checks duplicate key (\(repr))") }
            }
            for inner in patterns { try subpattern(inner, &context) }
            try capture(rest, &context)
        case .matchClass(let cls, let patterns, let attributes, let attributePatterns):
            for (offset, attribute) in attributes.enumerated() {
                patternPosition = attributePatterns[offset].range.start
                try store(attribute, at: patternPosition)
                if let repeated = attributes.indices.dropFirst(offset + 1).first(where: { attributes[$0] == attribute }) {
                    patternPosition = attributePatterns[repeated].range.start
                    throw patternError("attribute name repeated in class pattern: \(attribute)")
                }
            }
            patternPosition = pattern.range.start
            try expression(cls)
            for inner in patterns where !Self.isWildcard(inner) { try subpattern(inner, &context) }
            for inner in attributePatterns where !Self.isWildcard(inner) { try subpattern(inner, &context) }
        case .matchStar(let name):
            try capture(name, &context)
        case .matchAs(let inner, let name):
            if let inner {
                try self.pattern(inner, &context)
            } else if !context.allowsIrrefutable {
                if let name { throw patternError("name capture '\(name)' makes remaining patterns unreachable") }
                throw patternError("wildcard makes remaining patterns unreachable")
            }
            try capture(name, &context)
        case .matchOr(let alternatives):
            let outer = context
            var control: [String]?
            for (offset, alternative) in alternatives.enumerated() {
                context.stores = []
                context.allowsIrrefutable = offset == alternatives.count - 1 && outer.allowsIrrefutable
                try self.pattern(alternative, &context)
                if let control {
                    if context.stores.count != control.count || !control.allSatisfy(context.stores.contains) {
                        throw patternError("alternative patterns bind different names")
                    }
                } else {
                    control = context.stores
                }
            }
            context = outer
            for name in control ?? [] { try capture(name, &context) }
        }
    }

    /// Inside a sequence, mapping or class pattern, an irrefutable pattern hides nothing.
    mutating func subpattern(_ pattern: Pattern, _ context: inout PatternContext) throws {
        let allowsIrrefutable = context.allowsIrrefutable
        context.allowsIrrefutable = true
        try self.pattern(pattern, &context)
        context.allowsIrrefutable = allowsIrrefutable
    }

    mutating func capture(_ name: String?, _ context: inout PatternContext) throws {
        guard let name else { return }
        try store(name, at: patternPosition)
        if context.stores.contains(name) { throw patternError("multiple assignments to name '\(name)' in pattern") }
        context.stores.append(name)
    }

    /// A literal key as Python compares it (`1`, `1.0` and `True` are one key) and its `repr`; nil for
    /// keys compared by value at run time (attribute lookups) or too rare to fold (complex sums).
    static func mappingKey(_ key: Expr) -> (identity: String, repr: String)? {
        switch key.kind {
        case .constant(let value):
            return identity(of: value, negated: false).map { ($0, PythonRepr.constant(value)) }
        case .unaryOp(.uSub, let operand):
            guard case .constant(let value) = operand.kind else { return nil }
            // Folded before code generation: `-0` is the integer 0.
            let repr = value == .int(0) ? "0" : "-" + PythonRepr.constant(value)
            return identity(of: value, negated: true).map { ($0, repr) }
        default:
            return nil
        }
    }

    private static func identity(of value: ConstantValue, negated: Bool) -> String? {
        let sign = negated ? -1.0 : 1.0
        switch value {
        case .none: return "None"
        case .ellipsis: return "..."
        case .bool(let flag): return number(sign * (flag ? 1 : 0))
        case .int(let integer): return "n\(negated ? -integer : integer)"
        case .bigInt(let digits): return "n\(negated ? "-" : "")\(digits)"
        case .float(let real): return number(sign * real)
        case .imaginary(let imaginary): return imaginary == 0 ? "n0" : "j\(sign * imaginary)"
        case .string(let text, _): return "s\(text)"
        case .surrogateString(let codePoints, _): return "s\(codePoints)"
        case .bytes(let bytes): return "b\(bytes)"
        }
    }

    /// Integral floats equal the integers they hold.
    private static func number(_ real: Double) -> String {
        if real == real.rounded(), abs(real) < 9.0e15 { return "n\(Int(real))" }
        return "f\(real)"
    }
}
