import PythonFrontEnd

/// The modules a note may import, and what importing them means.
enum SupportedModules {
    static let all: Set<String> = [
        "time", "threading", "concurrent", "concurrent.futures", "os", "sys", "math", "queue", "multiprocessing",
        "random", "logging", "asyncio", "typing", "__future__",
    ]

    static let refusalReasons: [String: String] = [
        "subprocess": "starting processes is outside what a translated program may touch",
        "socket": "the network is outside what a translated program may touch",
        "requests": "the network is outside what a translated program may touch",
        "urllib": "the network is outside what a translated program may touch",
        "shutil": "files are outside what a translated program may touch",
        "pathlib": "files are outside what a translated program may touch",
    ]
}

extension BodyTranslator {
    func moduleCall(_ qualified: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        func argument(_ index: Int, _ name: String) throws -> Code? {
            if index < args.count { return try expression(args[index]) }
            return try keyword(name, in: keywords).map { try expression($0) }
        }
        switch qualified {
        case "time.sleep":
            guard let seconds = try argument(0, "secs") else { throw refuse("time.sleep()", "sleep needs a duration", at: line) }
            guard seconds.type.isNumeric || seconds.type == .unknown && !state.isFinal else { throw refuse("time.sleep", "sleeping a \(seconds.type.pythonName)", at: line) }
            return Code("sleep(\(seconds.text))", .none, throwing: seconds.throwing)
        case "time.perf_counter":
            return Code("perfCounter()", .float)
        case "time.monotonic":
            return Code("monotonic()", .float)
        case "time.time":
            return Code("time()", .float)
        case "os.getpid":
            return Code("OS.getpid()", .int)
        case "os.cpu_count", "multiprocessing.cpu_count":
            return Code("OS.cpuCount()", .int)
        case "math.sqrt", "math.floor", "math.ceil", "math.fabs":
            guard let value = try argument(0, "x") else { throw refuse(qualified, "needs an argument", at: line) }
            let x = try coerce(value, to: .float, line: line)
            switch qualified {
            case "math.sqrt": return Code("squareRoot(\(x.text))", .float, throwing: true)
            case "math.fabs": return Code("abs(\(x.text))", .float, throwing: x.throwing)
            case "math.floor": return Code("Int(\(x.operand(Precedence.atom)).rounded(.down))", .int, throwing: x.throwing)
            default: return Code("Int(\(x.operand(Precedence.atom)).rounded(.up))", .int, throwing: x.throwing)
            }
        case "threading.Thread":
            return try threadCreation(args, keywords, line: line)
        case "threading.current_thread", "threading.currentThread", "threading.main_thread":
            return Code("PythonThread", .module(qualified == "threading.main_thread" ? "mainThread" : "currentThread"))
        case "threading.active_count":
            return Code("PythonThread.activeCount", .int)
        case "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor":
            if qualified.hasSuffix("ProcessPoolExecutor") {
                note("ProcessPoolExecutor runs on threads: Swift has no GIL, so threads already run Python's processes' work in parallel", at: line)
            }
            if let prefix = keyword("thread_name_prefix", in: keywords) {
                _ = prefix
                throw refuse("thread_name_prefix", "name prefixes are not translated", at: line)
            }
            guard let workers = try argument(0, "max_workers") else {
                // A process pool is as wide as the machine; a thread pool, four wider.
                if qualified.hasSuffix("ProcessPoolExecutor") { return Code("ThreadPoolExecutor(maxWorkers: OS.cpuCount())", .executor) }
                return Code("ThreadPoolExecutor()", .executor)
            }
            return Code("ThreadPoolExecutor(maxWorkers: \(workers.text))", .executor, throwing: workers.throwing)
        case "concurrent.futures.as_completed":
            guard let futures = try argument(0, "fs") else { throw refuse("as_completed", "needs futures", at: line) }
            guard case .list(.future(let value)) = futures.type else {
                if !state.isFinal { return Code("asCompleted(\(futures.text))", .list(.unknown)) }
                throw refuse("as_completed", "as_completed over a \(futures.type.pythonName)", at: line)
            }
            let timeout = try keyword("timeout", in: keywords).map { try expression($0) }
            let timeoutText = timeout.map { ", timeout: \(seconds($0))" } ?? ""
            return Code("asCompleted(\(futures.text)\(timeoutText))", .list(.future(value)), throwing: futures.throwing)
        case "concurrent.futures.wait":
            guard let futures = try argument(0, "fs") else { throw refuse("wait", "needs futures", at: line) }
            var labels: [String] = []
            if let timeout = try argument(1, "timeout") { labels.append("timeout: \(timeout.text)") }
            if let when = keyword("return_when", in: keywords), let name = try qualifiedName(when) {
                let cases = ["FIRST_COMPLETED": ".firstCompleted", "FIRST_EXCEPTION": ".firstException", "ALL_COMPLETED": ".allCompleted"]
                guard let swiftCase = cases[String(name.split(separator: ".").last ?? "")] else {
                    throw refuse("return_when", "unknown return_when", at: line)
                }
                labels.append("returnWhen: \(swiftCase)")
            }
            return Code("wait(\(([futures.text] + labels).joined(separator: ", ")))", .tuple([.set(futures.type.iterationElement), .set(futures.type.iterationElement)]),
                        throwing: futures.throwing)
        case "sys.exit":
            throw refuse("sys.exit", "sys.exit is translated only as a statement of its own", at: line)
        default:
            if let code = try synchronisationCall(qualified, args, keywords, line: line) { return code }
            if let code = try randomOrLoggingCall(qualified, args, keywords, line: line) { return code }
            if let code = try asyncioCall(qualified, args, keywords, line: line) { return code }
            if let code = try typingCall(qualified, args, keywords, line: line) { return code }
            let root = String(qualified.split(separator: ".").first ?? "")
            if root == "os" || root == "sys" {
                throw refuse(qualified, "only os.getpid, os.cpu_count and sys.exit are translated; the rest reaches outside the program", at: line)
            }
            throw refuse(qualified, "\(qualified) is outside the translated surface", at: line)
        }
    }

    /// `threading.Thread(target=f, args=(…), kwargs={…}, name=…, daemon=…)`.
    func threadCreation(_ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code {
        guard args.isEmpty else { throw refuse("Thread(…)", "pass target= and args= by keyword", at: line) }
        guard let target = keyword("target", in: keywords) else {
            throw refuse("Thread()", "a thread without a target (or a Thread subclass) is not translated", at: line)
        }
        var argumentExprs: [Expr] = []
        if let given = keyword("args", in: keywords) {
            switch given.kind {
            case .list(let elts, _), .tuple(let elts, _): argumentExprs = elts
            default: throw refuse("args=", "give the arguments as a literal list or tuple", at: line)
            }
        }
        var keywordArgs: [Keyword] = []
        if let given = keyword("kwargs", in: keywords) {
            guard case .dict(let keys, let values) = given.kind else {
                throw refuse("kwargs=", "give the keyword arguments as a literal dict", at: line)
            }
            for (key, value) in zip(keys, values) {
                guard let key, case .constant(.string(let name, _)) = key.kind else {
                    throw refuse("kwargs=", "keys must be literal strings", at: line)
                }
                keywordArgs.append(Keyword(arg: name, value: value, range: value.range))
            }
        }
        let body: Code
        let targetName: String
        switch target.kind {
        case .attribute(_, let attr, _) where try qualifiedName(target) != nil:
            body = try moduleCall(try qualifiedName(target)!, argumentExprs, keywordArgs, line: line)
            targetName = attr
        case .name(let id, _) where try qualifiedName(target) != nil:
            body = try moduleCall(try qualifiedName(target)!, argumentExprs, keywordArgs, line: line)
            targetName = id
        case .name(let id, _):
            guard case .function(let key)? = session.bindings[id] else {
                throw refuse("Thread(target=\(id))", "the target must be a function of the note", at: line)
            }
            body = try userCall(key, argumentExprs, keywordArgs, receiver: nil, line: line)
            targetName = id
        case .attribute(let object, let attr, _):
            let receiver = try expression(object)
            guard case .instance = receiver.type else { throw refuse("Thread(target=…)", "the target must be a function or method of the note", at: line) }
            body = try methodCall(receiver, attr, argumentExprs, keywordArgs, line: line)
            targetName = attr
        case .lambda:
            body = try callable(target, arguments: [], line: line)
            targetName = "<lambda>"
        default:
            throw refuse("Thread(target=…)", "the target must be a function of the note", at: line)
        }
        var labels = ["target: \(SwiftNames.stringLiteral(targetName))"]
        if let name = keyword("name", in: keywords) { labels.append("name: \(try expression(name).text)") }
        if let daemon = keyword("daemon", in: keywords) { labels.append("daemon: \(try expression(daemon).text)") }
        let statement = (body.throwing ? "try " : "") + body.text
        let discard = body.type != .none && body.type != .unknown ? "_ = " : ""
        return Code("PythonThread(\(labels.joined(separator: ", "))) { \(discard)\(statement) }", .thread)
    }
}
