import PythonFrontEnd

extension DynamicLowering {
    /// A call: `f(a, b)` through `callAsFunction`, `obj.method(a)` through dynamic member lookup,
    /// and `call`/`callMethod` with the keyword list and spliced `*args`/`**kwargs` otherwise.
    func call(_ function: Expr, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> DynamicCode {
        if case .name("super", _) = function.kind, args.isEmpty, keywords.isEmpty, environment.globals["super"] == nil {
            return try zeroArgumentSuper(line: line)
        }
        let arguments = try argumentList(args)
        let keywordList = try keywordArguments(keywords)
        let plain = arguments.plain != nil && keywordList == nil
        if case .attribute(let object, let attr, _) = function.kind {
            let receiver = try value(object)
            if plain && DynamicIdentifiers.isPlainMember(attr) {
                return DynamicCode("\(receiver.receiver).\(attr)(\(arguments.plain!))")
            }
            let keywordText = keywordList.map { ", keywords: \($0)" } ?? ""
            return DynamicCode("\(receiver.receiver).callMethod(\(SwiftNames.stringLiteral(attr)), \(arguments.spliced)\(keywordText))")
        }
        let callee = try value(function)
        if plain {
            return DynamicCode("\(callee.receiver)(\(arguments.plain!))")
        }
        let keywordText = keywordList.map { ", keywords: \($0)" } ?? ""
        return DynamicCode("\(callee.receiver).call(\(arguments.spliced)\(keywordText))")
    }

    func argumentList(_ args: [Expr]) throws -> Elements {
        try sequenceElements(args)
    }

    /// `[("sep", s)]`, with `+ d.unpackedKeywords()` for each `**d`; nil when there are none.
    func keywordArguments(_ keywords: [Keyword]) throws -> String? {
        guard !keywords.isEmpty else { return nil }
        var groups: [String] = []
        var current: [String] = []
        for keyword in keywords {
            let code = try value(keyword.value)
            if let name = keyword.arg {
                current.append("(\(SwiftNames.stringLiteral(name)), \(code.text))")
            } else {
                if !current.isEmpty { groups.append("[\(current.joined(separator: ", "))]"); current = [] }
                groups.append("\(code.receiver).unpackedKeywords()")
            }
        }
        if !current.isEmpty || groups.isEmpty { groups.append("[\(current.joined(separator: ", "))]") }
        return groups.joined(separator: " + ")
    }

    /// `super()` is `super(__class__, first argument)`: the class whose body defines the method.
    func zeroArgumentSuper(line: Int) throws -> DynamicCode {
        for scope in scopes.reversed() where scope.kind == .function {
            if let owner = scope.methodClass, let first = scope.firstParameter {
                return DynamicCode("Py.superOf(\(owner), \(first))")
            }
        }
        throw refuse("super()", "`super()` outside a method", at: line)
    }
}
