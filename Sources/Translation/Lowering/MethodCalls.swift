import PythonFrontEnd

extension BodyTranslator {
    func methodCall(_ receiver: Code, _ method: String, _ args: [Expr], _ keywords: [Keyword], line: Int,
                    receiverExpr: Expr? = nil) throws -> Code {
        if receiver.type == .logger, method == "setLevel", let level = args.first {
            return Code("\(receiver.operand(Precedence.atom)).setLevel(\(try logLevel(level, line: line)))", .none)
        }
        // A lambda argument is translated where its method knows the parameters' types.
        let codes = try args.map { argument -> Code in
            if case .lambda = argument.kind { return Code("", .function("lambda")) }
            return try expression(argument)
        }
        let throwing = receiver.throwing || codes.contains { $0.throwing }
        let target = receiver.operand(Precedence.atom)
        func result(_ text: String, _ type: PyType, throws extra: Bool = false) -> Code {
            Code(text, type, throwing: throwing || extra)
        }
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(codes.count) else {
                throw refuse(".\(method)(…)", "\(method) with \(codes.count) arguments", at: line)
            }
        }
        let list = codes.map(\.text).joined(separator: ", ")
        if let code = try synchronisationMethod(receiver, method, args, codes, keywords, receiverExpr: receiverExpr, line: line) {
            return code
        }
        if let code = try loggerMethod(receiver, method, codes, line: line) { return code }
        if let code = try asyncioMethod(receiver, method, args, codes, receiverExpr: receiverExpr, line: line) { return code }
        switch receiver.type {
        case .str:
            switch method {
            case "upper": return result("\(target).uppercased()", .str)
            case "lower": return result("\(target).lowercased()", .str)
            case "strip" where codes.isEmpty: return result("\(target).trimmingCharacters(in: .whitespacesAndNewlines)", .str)
            case "strip": return result("\(target).trimmingCharacters(in: CharacterSet(charactersIn: \(list)))", .str)
            case "title": return result("\(target).capitalized", .str)
            case "split" where codes.isEmpty:
                return result("\(target).split(whereSeparator: \\.isWhitespace).map(String.init)", .list(.str))
            case "split":
                try arity(1...1)
                return result("\(target).components(separatedBy: \(list))", .list(.str))
            case "join":
                try arity(1...1)
                guard codes[0].type.iterationElement == .str || codes[0].type == .unknown else {
                    throw refuse("join", "joining values that are not strings", at: line)
                }
                return result("\(codes[0].operand(Precedence.atom)).joined(separator: \(receiver.text))", .str)
            case "replace":
                try arity(2...2)
                return result("\(target).replacingOccurrences(of: \(codes[0].text), with: \(codes[1].text))", .str)
            case "startswith": return result("\(target).hasPrefix(\(list))", .bool)
            case "endswith": return result("\(target).hasSuffix(\(list))", .bool)
            case "count": return result("\(target).components(separatedBy: \(list)).count - 1", .int)
            case "isdigit": return result("(!\(target).isEmpty && \(target).allSatisfy(\\.isNumber))", .bool)
            case "isalpha": return result("(!\(target).isEmpty && \(target).allSatisfy(\\.isLetter))", .bool)
            case "zfill": return result("\(target).pythonFormat(\"0>\\(\(list))\")", .str)
            case "ljust", "rjust", "center":
                try arity(1...1)
                let align = ["ljust": "<", "rjust": ">", "center": "^"][method]!
                return result("\(target).pythonFormat(\"\(align)\\(\(list))\")", .str)
            case "format":
                let positional = try codes.map { try printable($0, line: line).text }
                let named = try keywords.map { "\(SwiftNames.stringLiteral($0.arg ?? "")): \(try printable(expression($0.value), line: line).text)" }
                let namedText = named.isEmpty ? "" : (positional.isEmpty ? "" : ", ") + "named: [\(named.joined(separator: ", "))]"
                return result("\(target).format(\(positional.joined(separator: ", "))\(namedText))", .str)
            default: break
            }
        case .list(let element):
            switch method {
            case "append":
                try arity(1...1)
                try observeElement(of: receiver, receiverExpr, codes[0].type, line: line)
                return result("\(target).append(\(try coerce(codes[0], to: element, line: line).text))", .none)
            case "extend":
                try arity(1...1)
                if case .list(let added) = codes[0].type { try observeElement(of: receiver, receiverExpr, added, line: line) }
                return result("\(target).append(contentsOf: \(list))", .none)
            case "pop" where codes.isEmpty: return result("\(target).removeLast()", element)
            case "pop":
                if codes[0].text == "0" { return result("\(target).removeFirst()", element) }
                return result("\(target).remove(at: \(list))", element)
            case "insert":
                try arity(2...2)
                return result("\(target).insert(\(codes[1].text), at: \(codes[0].text))", .none)
            case "remove":
                return result("\(target).remove(at: \(target).firstIndex(of: \(list))!)", .none)
            case "index": return result("\(target).firstIndex(of: \(list))!", .int)
            case "count": return result("\(target).filter { $0 == \(list) }.count", .int)
            case "sort":
                if let key = keyword("key", in: keywords) {
                    let (_, a) = try closure(key, elementTypes: [element], names: ["a"], line: line)
                    let (_, b) = try closure(key, elementTypes: [element], names: ["b"], line: line)
                    return result("\(target).sort { a, b in \(a.text) < \(b.text) }", .none)
                }
                if case .constant(.bool(true))? = keyword("reverse", in: keywords)?.kind {
                    return result("\(target).sort(by: >)", .none)
                }
                return result("\(target).sort()", .none)
            case "reverse": return result("\(target).reverse()", .none)
            case "clear": return result("\(target).removeAll()", .none)
            case "copy": return result(receiver.text, receiver.type)
            default: break
            }
        case .dict(let key, let value):
            switch method {
            case "get" where codes.count == 2:
                let valueType = value.isKnown ? value : codes[1].type
                return result("\(target)[\(codes[0].text), default: \(try coerce(codes[1], to: valueType, line: line).text)]", valueType)
            case "get":
                try arity(1...1)
                return result("\(target)[\(codes[0].text)]", .optional(value))
            case "keys": return result("\(target).keys", .list(key))
            case "values": return result("\(target).values", .list(value))
            case "items": return result("\(target).items.map { ($0.key, $0.value) }", .list(.tuple([key, value])))
            case "pop":
                try arity(1...1)
                return result("\(target).removeValue(forKey: \(list))!", value)
            case "setdefault":
                try arity(2...2)
                return result("\(target)[\(codes[0].text), default: \(codes[1].text)]", value)
            case "copy": return result(receiver.text, receiver.type)
            default: break
            }
        case .set(let element):
            switch method {
            case "add":
                try arity(1...1)
                try observeElement(of: receiver, receiverExpr, codes[0].type, line: line)
                return result("\(target).insert(\(try coerce(codes[0], to: element, line: line).text))", .none)
            case "remove": return result("\(target).remove(\(list))!", .none)
            case "discard": return result("\(target).remove(\(list))", .none)
            case "union": return result("\(target).union(\(list))", receiver.type)
            case "intersection": return result("\(target).intersection(\(list))", receiver.type)
            case "difference": return result("\(target).subtracting(\(list))", receiver.type)
            default: break
            }
        case .thread:
            switch method {
            case "start": return result("\(target).start()", .none)
            case "join":
                let timeoutKeyword = try keyword("timeout", in: keywords).map { try expression($0) }
                if let timeout = codes.first ?? timeoutKeyword {
                    return result("\(target).join(timeout: \(seconds(timeout)))", .none)
                }
                return result("\(target).join()", .none)
            case "is_alive": return result("\(target).isAlive", .bool)
            default: break
            }
        case .executor:
            switch method {
            case "submit":
                guard let function = args.first else { throw refuse("submit()", "submit needs a function", at: line) }
                let call = try deferredCall(function, Array(args.dropFirst()), keywords, line: line)
                return result("\(target).submit { \(call.throwing ? "try " : "")\(call.text) }", .future(call.type == .none ? .none : call.type))
            case "map":
                guard args.count == 2 else { throw refuse("executor.map", "map one function over one sequence", at: line) }
                let items = codes[1]
                let (closure, value) = try self.closure(args[0], elementTypes: [items.type.iterationElement], line: line)
                return result("\(target).map(\(items.text)) \(closure)", .orderedResults(value.type))
            case "shutdown":
                var labels: [String] = []
                let waitKeyword = try keyword("wait", in: keywords).map { try expression($0) }
                if let wait = codes.first ?? waitKeyword { labels.append("wait: \(wait.text)") }
                if let cancel = keyword("cancel_futures", in: keywords) { labels.append("cancelFutures: \(try expression(cancel).text)") }
                return result("\(target).shutdown(\(labels.joined(separator: ", ")))", .none)
            default: break
            }
        case .future(let value):
            switch method {
            case "result":
                let timeoutKeyword = try keyword("timeout", in: keywords).map { try expression($0) }
                let timeout = (codes.first ?? timeoutKeyword).map { "timeout: \(seconds($0))" } ?? ""
                return result("\(target).result(\(timeout))", value, throws: true)
            case "done": return result("\(target).done", .bool)
            case "running": return result("\(target).running", .bool)
            case "cancelled": return result("\(target).cancelled", .bool)
            case "cancel": return result("\(target).cancel()", .bool)
            case "exception":
                return result("\(target).exception().map { ($0 as? PythonError)?.message ?? \"\\($0)\" }", .optional(.str), throws: true)
            default: break
            }
        case .instance(let className):
            guard let key = state.classes[className]?.methods[method] else {
                if state.classes[className]?.isThread == true {
                    var thread = receiver
                    thread.type = .thread
                    return try methodCall(thread, method, args, keywords, line: line, receiverExpr: receiverExpr)
                }
                throw refuse(".\(method)()", "\(className) has no method `\(method)`", at: line)
            }
            return try userCall(key, args, keywords, receiver: receiver, line: line)
        case .unknown where !state.isFinal:
            return Code("\(target).\(method)(\(list))", .unknown)
        default:
            break
        }
        throw refuse(".\(method)()", "`\(method)` of a \(receiver.type.pythonName) is not translated", at: line)
    }

    /// A call written as a function and its arguments (`submit(f, x)`), made into the call itself.
    func deferredCall(_ function: Expr, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        if case .name(let id, _) = function.kind, case .function(let key)? = session.bindings[id], parameters[id] == nil {
            return try userCall(key, args, keywords, receiver: nil, line: line)
        }
        if let qualified = try qualifiedName(function) {
            return try moduleCall(qualified, args, keywords, line: line)
        }
        if case .attribute(let object, let attr, _) = function.kind {
            let receiver = try expression(object)
            return try methodCall(receiver, attr, args, keywords, line: line)
        }
        let codes = try args.map { try expression($0) }
        return try callable(function, arguments: codes, line: line)
    }

    /// An empty list or set learns its element type from what is added to it.
    private func observeElement(of receiver: Code, _ receiverExpr: Expr?, _ element: PyType, line: Int) throws {
        switch receiver.type {
        case .list: observeContainer(receiverExpr, .list(element), line: line)
        case .set: observeContainer(receiverExpr, .set(element), line: line)
        default: return
        }
    }

    /// Refines the type of the variable or field an expression names (an empty `[]` or `{}` that
    /// later receives items).
    func observeContainer(_ expr: Expr?, _ type: PyType, line: Int) {
        guard let expr else { return }
        switch expr.kind {
        case .name(let id, _):
            if parameters[id] != nil, let functionKey, let info = state.functions[functionKey],
               let index = info.parameters.firstIndex(where: { $0.arg == id }) {
                state.observeArgument(function: functionKey, index: index, type, line: line)
                return
            }
            if state.fileScope.contains(id) && isCellBody || locals.declaredGlobal.contains(id) {
                state.observeFileScope(id, type, line: line)
            } else if let index = locals.variable(id, in: statementPath) {
                state.observeLocal(localKey(index), type, line: line)
            } else if let enclosing, capturedName(id) != nil {
                enclosing.observeContainer(expr, type, line: line)
            } else if state.fileScope.contains(id) {
                state.observeFileScope(id, type, line: line)
            }
        case .attribute(let object, let attr, _):
            if let owner = try? expression(object), case .instance(let className) = owner.type {
                state.observeField(class: className, field: attr, type, line: line)
            }
        default:
            return
        }
    }

    // MARK: Attributes

    func attribute(_ value: Expr, _ attr: String, line: Int) throws -> Code {
        if let qualified = try qualifiedName(value) {
            switch "\(qualified).\(attr)" {
            case "math.pi": return Code("Double.pi", .float)
            case "logging.DEBUG", "logging.INFO", "logging.WARNING", "logging.ERROR", "logging.CRITICAL":
                return Code("LogLevel" + Self.logLevels[attr]!, .int)
            case "math.e": return Code("M_E", .float)
            case "concurrent.futures.FIRST_COMPLETED", "concurrent.futures.FIRST_EXCEPTION", "concurrent.futures.ALL_COMPLETED":
                return Code(attr, .module(attr))
            case "sys.stdout", "sys.stderr":
                return Code(attr, .module(attr))
            default:
                return moduleConstant("\(qualified).\(attr)") ?? Code("\(qualified).\(attr)", .module("\(qualified).\(attr)"))
            }
        }
        var receiver = try expression(value)
        // A Thread subclass has the thread's own attributes besides its fields.
        if case .instance(let className) = receiver.type, let info = state.classes[className], info.isThread,
           info.fieldTypes[attr] == nil, ["name", "daemon", "native_id"].contains(attr) {
            receiver.type = .thread
        }
        switch (receiver.type, attr) {
        case (.module("currentThread"), "name"), (.module("currentThread"), "getName"):
            return Code("PythonThread.currentName", .str)
        case (.module("mainThread"), "name"):
            return Code("\"MainThread\"", .str)
        case (.thread, "name"): return Code("\(receiver.operand(Precedence.atom)).name", .str, throwing: receiver.throwing)
        case (.thread, "daemon"): return Code("\(receiver.operand(Precedence.atom)).daemon", .bool, throwing: receiver.throwing)
        case (.thread, "native_id"): return Code("\(receiver.operand(Precedence.atom)).nativeID", .optional(.int), throwing: receiver.throwing)
        case (.executor, "_max_workers"): return Code("\(receiver.operand(Precedence.atom)).maxWorkers", .int)
        case (.instance(let className), _):
            guard let type = state.classes[className]?.fieldTypes[attr] else {
                if !state.isFinal { return Code("\(receiver.text).\(SwiftNames.identifier(attr))", .unknown) }
                throw refuse(".\(attr)", "\(className) has no field `\(attr)` set in `__init__`", at: line)
            }
            return Code("\(receiver.operand(Precedence.atom)).\(SwiftNames.identifier(attr))", type, throwing: receiver.throwing)
        case (.unknown, _) where !state.isFinal:
            return Code("\(receiver.text).\(attr)", .unknown)
        default:
            throw refuse(".\(attr)", "`\(attr)` of a \(receiver.type.pythonName) is not translated", at: line)
        }
    }
}
