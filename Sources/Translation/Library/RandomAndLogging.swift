import PythonFrontEnd

/// `random` on the support library's Mersenne Twister (same seed, same numbers as CPython) and
/// `logging` with CPython's record format.
extension BodyTranslator {
    static let logLevels = ["DEBUG": ".debug", "INFO": ".info", "WARNING": ".warning", "ERROR": ".error", "CRITICAL": ".critical"]

    func randomOrLoggingCall(_ qualified: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code? {
        guard qualified.hasPrefix("random.") || qualified.hasPrefix("logging.") else { return nil }
        // The support library's sampling functions take arrays; a range becomes one.
        let codes = try args.map { try expression($0) }.map { $0.type == .range ? Code("Array(\($0.text))", .list(.int)) : $0 }
        let throwing = codes.contains { $0.throwing }
        let list = codes.map(\.text).joined(separator: ", ")
        switch qualified {
        case "random.seed":
            return Code("PythonRandom.seed(\(list))", .none, throwing: throwing)
        case "random.random":
            return Code("PythonRandom.random()", .float)
        case "random.randint", "random.randrange":
            let name = qualified == "random.randint" ? "randint" : "randrange"
            return Code("PythonRandom.\(name)(\(list))", .int, throwing: throwing)
        case "random.uniform", "random.gauss":
            let floats = try codes.map { try coerce($0, to: .float, line: line).text }.joined(separator: ", ")
            return Code("PythonRandom.\(qualified.dropFirst(7))(\(floats))", .float, throwing: throwing)
        case "random.choice":
            guard let items = codes.first else { throw refuse("random.choice()", "choice needs a sequence", at: line) }
            return Code("PythonRandom.choice(\(items.text))", items.type.iterationElement, throwing: throwing)
        case "random.sample":
            guard codes.count == 2 else { throw refuse("random.sample", "sample of a sequence and a count", at: line) }
            return Code("PythonRandom.sample(\(list))", .list(codes[0].type.iterationElement), throwing: throwing)
        case "random.shuffle":
            guard let items = codes.first else { throw refuse("random.shuffle()", "shuffle needs a list", at: line) }
            return Code("PythonRandom.shuffle(&\(items.text))", .none, throwing: throwing)
        case "logging.basicConfig":
            var labels: [String] = []
            if let format = keyword("format", in: keywords) { labels.append("format: \(try expression(format).text)") }
            if let level = keyword("level", in: keywords) { labels.append("level: \(try logLevel(level, line: line))") }
            if let datefmt = keyword("datefmt", in: keywords) { labels.append("datefmt: \(try expression(datefmt).text)") }
            return Code("Logging.basicConfig(\(labels.joined(separator: ", ")))", .none)
        case "logging.getLogger":
            return Code("Logging.getLogger(\(list))", .logger, throwing: throwing)
        case "logging.debug", "logging.info", "logging.warning", "logging.error", "logging.critical":
            let arguments = try codes.map { try printable($0, line: line).text } + [sourceLine(line)]
            return Code("Logging.\(qualified.dropFirst(8))(\(arguments.joined(separator: ", ")))", .none, throwing: throwing)
        default:
            return nil
        }
    }

    /// `from: SourceLine(…)`: the call's line within its snippet and its function, which a record's
    /// `%(lineno)d` and `%(funcName)s` show.
    func sourceLine(_ line: Int) -> String {
        let function = functionKey.flatMap { state.functions[$0]?.def.name } ?? "<module>"
        let firstLine = session.cells.first { $0.index == cell }?.firstLine ?? 1
        return "from: SourceLine(\(max(1, line - firstLine + 1)), \(SwiftNames.stringLiteral(function)), cell: \(cell))"
    }

    func logLevel(_ expr: Expr, line: Int) throws -> String {
        if let qualified = try qualifiedName(expr), let level = Self.logLevels[String(qualified.split(separator: ".").last ?? "")] {
            return level
        }
        throw refuse("level", "give the level as logging.DEBUG, INFO, WARNING, ERROR or CRITICAL", at: line)
    }

    func loggerMethod(_ receiver: Code, _ method: String, _ codes: [Code], line: Int) throws -> Code? {
        guard receiver.type == .logger else { return nil }
        let target = receiver.operand(Precedence.atom)
        switch method {
        case "debug", "info", "warning", "error", "critical":
            let arguments = try codes.map { try printable($0, line: line).text } + [sourceLine(line)]
            return Code("\(target).\(method)(\(arguments.joined(separator: ", ")))", .none, throwing: codes.contains { $0.throwing })
        default:
            return nil
        }
    }
}
