import PythonFrontEnd

/// `threading`'s locks, conditions, semaphores, events and barriers, `queue.Queue`, and the
/// `multiprocessing` surface carried to threads.
extension BodyTranslator {
    static let syncClasses: [String: String] = [
        "threading.Lock": "Lock", "threading.RLock": "RLock", "threading.Condition": "Condition",
        "threading.Semaphore": "Semaphore", "threading.BoundedSemaphore": "BoundedSemaphore",
        "threading.Event": "Event", "threading.Barrier": "Barrier",
        "multiprocessing.Lock": "Lock", "multiprocessing.RLock": "RLock", "multiprocessing.Event": "Event",
        "multiprocessing.Semaphore": "Semaphore", "multiprocessing.Condition": "Condition",
        "multiprocessing.Barrier": "Barrier", "multiprocessing.BoundedSemaphore": "BoundedSemaphore",
    ]

    /// Constructors and functions of `threading`, `queue` and `multiprocessing`; nil when `qualified` is none of them.
    func synchronisationCall(_ qualified: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code? {
        func argument(_ index: Int, _ name: String) throws -> Code? {
            if index < args.count { return try expression(args[index]) }
            return try keyword(name, in: keywords).map { try expression($0) }
        }
        if let swiftClass = Self.syncClasses[qualified] {
            if qualified.hasPrefix("multiprocessing.") {
                note("multiprocessing.\(swiftClass) is threading's: the processes became threads", at: line)
            }
            var arguments: [String] = []
            switch swiftClass {
            case "Semaphore", "BoundedSemaphore":
                if let value = try argument(0, "value") { arguments.append(value.text) }
            case "Barrier":
                guard let parties = try argument(0, "parties") else { throw refuse("Barrier()", "a barrier needs its number of parties", at: line) }
                arguments.append(parties.text)
                if let timeout = try keyword("timeout", in: keywords).map({ try expression($0) }) { arguments.append("timeout: \(seconds(timeout))") }
            case "Condition":
                if let lock = try argument(0, "lock") { arguments.append(lock.text) }
            default:
                break
            }
            // Foundation has a `Semaphore` of its own on some platforms.
            let spelled = swiftClass == "Semaphore" ? "LoomSupport.Semaphore" : swiftClass
            return Code("\(spelled)(\(arguments.joined(separator: ", ")))", .sync(swiftClass))
        }
        switch qualified {
        case "queue.Queue", "multiprocessing.Queue":
            if qualified.hasPrefix("multiprocessing.") {
                note("multiprocessing.Queue is queue.Queue: the processes became threads", at: line)
            }
            var code = Code("Queue(\(try argument(0, "maxsize").map { "maxsize: \($0.text)" } ?? ""))", .queue(.unknown))
            code.isEmptyLiteral = true
            return code
        case "multiprocessing.Process":
            note("multiprocessing.Process runs as a thread named Process-N: Swift has no GIL, so threads run in parallel as processes do", at: line)
            let thread = try threadCreation(args, keywords, line: line)
            let body = thread.text.drop { $0 != "{" }
            var labels: [String] = []
            if let name = keyword("name", in: keywords) { labels.append("name: \(try expression(name).text)") }
            if let daemon = keyword("daemon", in: keywords) { labels.append("daemon: \(try expression(daemon).text)") }
            let arguments = labels.isEmpty ? "" : "(\(labels.joined(separator: ", ")))"
            return Code("PythonProcess\(arguments) \(body)", .process)
        case "multiprocessing.Pool":
            note("multiprocessing.Pool runs its workers as threads (ForkPoolWorker-N): Swift has no GIL, so they run in parallel as processes do", at: line)
            guard let processes = try argument(0, "processes") else { return Code("ProcessPool()", .processPool) }
            return Code("ProcessPool(processes: \(processes.text))", .processPool)
        case "multiprocessing.current_process":
            return Code("PythonThread", .module("currentThread"))
        default:
            return nil
        }
    }

    func synchronisationMethod(_ receiver: Code, _ method: String, _ args: [Expr], _ codes: [Code], _ keywords: [Keyword],
                               receiverExpr: Expr?, line: Int) throws -> Code? {
        let target = receiver.operand(Precedence.atom)
        let throwing = receiver.throwing || codes.contains { $0.throwing }
        func labelled(_ names: [(python: String, swift: String)]) throws -> String {
            var parts: [String] = []
            for (index, name) in names.enumerated() {
                if index < codes.count {
                    parts.append("\(name.swift): \(name.swift == "timeout" ? seconds(codes[index]) : codes[index].text)")
                } else if let value = keyword(name.python, in: keywords) {
                    let code = try expression(value)
                    parts.append("\(name.swift): \(name.swift == "timeout" ? seconds(code) : code.text)")
                }
            }
            return parts.joined(separator: ", ")
        }
        switch (receiver.type, method) {
        case (.sync, "acquire"):
            return Code("\(target).acquire(\(try labelled([("blocking", "blocking"), ("timeout", "timeout")])))", .bool, throwing: throwing)
        case (.sync, "release"):
            return Code("\(target).release(\(codes.map(\.text).joined()))", .none, throwing: throwing)
        case (.sync("Lock"), "locked"), (.sync("Semaphore"), "locked"):
            return Code("\(target).locked", .bool, throwing: throwing)
        case (.sync("Condition"), "wait"):
            return Code("\(target).wait(\(try labelled([("timeout", "timeout")])))", .bool, throwing: throwing)
        case (.sync("Condition"), "wait_for"):
            guard let predicate = args.first else { throw refuse("wait_for()", "wait_for needs a predicate", at: line) }
            let (closure, _) = try self.closure(predicate, elementTypes: [], names: [], line: line)
            let timeout = try keyword("timeout", in: keywords).map { ", timeout: \(seconds(try expression($0)))" } ?? ""
            return Code("\(target).wait(for: \(closure.replacingOccurrences(of: "{  in ", with: "{ "))\(timeout))", .bool, throwing: throwing)
        case (.sync("Condition"), "notify"):
            return Code("\(target).notify(\(codes.map(\.text).joined()))", .none, throwing: throwing)
        case (.sync("Condition"), "notify_all"), (.sync("Condition"), "notifyAll"):
            return Code("\(target).notifyAll()", .none, throwing: throwing)
        case (.sync("Event"), "set"), (.sync("Event"), "clear"):
            return Code("\(target).\(method)()", .none, throwing: throwing)
        case (.sync("Event"), "is_set"):
            return Code("\(target).isSet", .bool, throwing: throwing)
        case (.sync("Event"), "wait"):
            return Code("\(target).wait(\(try labelled([("timeout", "timeout")])))", .bool, throwing: throwing)
        case (.sync("Barrier"), "wait"):
            return Code("\(target).wait(\(try labelled([("timeout", "timeout")])))", .int, throwing: true)
        case (.sync("Barrier"), "abort"):
            return Code("\(target).abort()", .none, throwing: throwing)
        case (.queue(let element), "put"), (.queue(let element), "put_nowait"):
            guard let item = codes.first else { throw refuse("put()", "put needs an item", at: line) }
            if !element.isKnown { observeContainer(receiverExpr, .queue(item.type), line: line) }
            let converted = try coerce(item, to: element, line: line)
            let name = method == "put" ? "put" : "putNowait"
            let options = method == "put" ? try labelled([("item", "_"), ("block", "block"), ("timeout", "timeout")]).split(separator: ",").dropFirst().joined(separator: ",") : ""
            return Code("\(target).\(name)(\(converted.text)\(options.isEmpty ? "" : "," + options))", .none, throwing: true)
        case (.queue(let element), "get"):
            return Code("\(target).get(\(try labelled([("block", "block"), ("timeout", "timeout")])))", element, throwing: true)
        case (.queue(let element), "get_nowait"):
            return Code("\(target).getNowait()", element, throwing: true)
        case (.queue, "task_done"):
            return Code("\(target).taskDone()", .none, throwing: throwing)
        case (.queue, "join"):
            return Code("\(target).join()", .none, throwing: throwing)
        case (.queue, "qsize"):
            return Code("\(target).qsize", .int, throwing: throwing)
        case (.queue, "empty"), (.queue, "full"):
            return Code("\(target).\(method)", .bool, throwing: throwing)
        case (.process, "start"):
            return Code("\(target).start()", .none, throwing: throwing)
        case (.process, "join"):
            return Code("\(target).join(\(try labelled([("timeout", "timeout")])))", .none, throwing: throwing)
        case (.process, "is_alive"):
            return Code("\(target).isAlive", .bool, throwing: throwing)
        case (.processPool, "map"), (.processPool, "imap"), (.processPool, "imap_unordered"):
            guard args.count == 2 else { throw refuse("pool.\(method)", "map one function over one sequence", at: line) }
            let items = codes[1]
            let (closure, value) = try self.closure(args[0], elementTypes: [items.type.iterationElement], line: line)
            let swiftMethod = ["map": "map", "imap": "imap", "imap_unordered": "imapUnordered"][method]!
            let type: PyType = method == "map" ? .list(value.type) : .orderedResults(value.type)
            return Code("\(target).\(swiftMethod)(\(items.text)) \(closure)", type, throwing: throwing || method == "map")
        case (.processPool, "apply_async"), (.processPool, "apply"):
            guard let function = args.first else { throw refuse("apply_async()", "apply_async needs a function", at: line) }
            var arguments: [Expr] = []
            if args.count > 1 {
                switch args[1].kind {
                case .tuple(let elts, _), .list(let elts, _): arguments = elts
                default: throw refuse("apply_async(args)", "give the arguments as a literal tuple", at: line)
                }
            }
            let call = try deferredCall(function, arguments, [], line: line)
            let body = "{ \(call.throwing ? "try " : "")\(call.text) }"
            if method == "apply" { return Code("\(target).apply \(body)", call.type, throwing: true) }
            return Code("\(target).applyAsync \(body)", .future(call.type))
        case (.processPool, "close"), (.processPool, "terminate"), (.processPool, "join"):
            return Code("\(target).\(method)()", .none, throwing: throwing)
        case (.future(let value), "get"):
            let timeout = codes.first.map { "timeout: \(seconds($0))" } ?? ""
            return Code("\(target).result(\(timeout))", value, throwing: true)
        case (.future, "ready"):
            return Code("\(target).done", .bool, throwing: throwing)
        default:
            return nil
        }
    }

    /// `with lock:` (any lock, condition or semaphore) as `withLock`; a body that leaves the
    /// enclosing function or loop holds the lock with `acquire` and a `defer`ed `release` instead.
    func translateLockedBlock(_ lock: Code, _ body: [Stmt], line: Int, into writer: inout SwiftWriter) throws {
        var inner = SwiftWriter()
        let before = throwSites
        try translateBlock(body, into: &inner)
        if Self.leavesBlock(body) {
            writer.line("do {")
            writer.line("    \(lock.operand(Precedence.atom)).acquire()")
            writer.line("    defer { \(lock.operand(Precedence.atom)).release() }")
            writer.append(indented: inner)
            writer.line("}")
            return
        }
        let throwsInside = throwSites != before
        writer.line("\(throwsInside ? "try " : "")\(lock.operand(Precedence.atom)).withLock {")
        writer.append(indented: inner)
        writer.line("}")
    }

    static func leavesBlock(_ body: [Stmt]) -> Bool {
        body.contains { statement in
            switch statement.kind {
            case .return, .break, .continue: true
            case .if(_, let a, let b): leavesBlock(a) || leavesBlock(b)
            case .with(_, let a): leavesBlock(a)
            case .try(let block): leavesBlock(block.body) || leavesBlock(block.finalbody) || block.handlers.contains { leavesBlock($0.body) }
            default: false
            }
        }
    }
}
