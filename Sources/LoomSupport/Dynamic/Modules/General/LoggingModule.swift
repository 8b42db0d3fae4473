#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `logging`: loggers in a dotted hierarchy with levels and propagation, handlers (stream handlers
/// to stderr or stdout), formatters with `%(asctime)s` and the other record fields at real time,
/// `basicConfig`, `LoggerAdapter`, filters, `exception()` and custom levels, as CPython 3.11's.
/// Handlers that write files or reach the network are refused by name.
enum LoggingModule {
    static let name = "logging"
    static let defaultFormat = "%(levelname)s:%(name)s:%(message)s"

    final class State: @unchecked Sendable {
        let lock = PyMutex()
        var levelNames: [Int: String] = [50: "CRITICAL", 40: "ERROR", 30: "WARNING", 20: "INFO", 10: "DEBUG", 0: "NOTSET"]
        var loggers: [String: PyObject] = [:]
        var root: PyObject = .none
        var loggerClass: PyObject = .none
        var recordClass: PyObject = .none
        var formatterClass: PyObject = .none
        var streamHandlerClass: PyObject = .none
        var stdout: PyObject = .none
        var stderr: PyObject = .none
        let startTime = time()
    }
    static let state = State()

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [], varargs: String? = nil,
                       keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:],
                       varkw: String? = nil, _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, varargs: varargs,
                                            keywordOnly: keywordOnly, keywordDefaults: keywordDefaults, varkw: varkw), body)
    }

    static func levelName(_ level: Int) -> String {
        state.lock.locked { state.levelNames[level] } ?? "Level \(level)"
    }

    /// A level given as an int or as a registered name (`"INFO"`).
    static func checkLevel(_ level: PyObject) throws -> Int {
        if case .int(let value) = level.builtinValue.storage { return value }
        if level.isStr {
            let text = try level.toString()
            if let found = state.lock.locked({ state.levelNames.first { $0.value == text }?.key }) { return found }
            throw PyException.valueError("Unknown level: \(try level.repr())")
        }
        throw PyException.typeError("Level not an integer or a valid string: \(try level.repr())")
    }

    static func strftime(_ seconds: Double, _ format: String) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 512)
        #if canImport(Glibc)
        let length = Glibc.strftime(&buffer, buffer.count, format, &parts)
        #else
        let length = Darwin.strftime(&buffer, buffer.count, format, &parts)
        #endif
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: LogRecord

    static func makeRecord(name: PyObject, level: Int, message: PyObject, args: PyObject, excInfo: PyObject, extra: PyObject) throws -> PyObject {
        let caller = SourcePositions.caller
        let record = try state.recordClass(name, PyObject(level), PyObject(caller.pathname), PyObject(caller.line), message, args, excInfo,
                                           PyObject(caller.function))
        if let extras = extra.builtinValue.heap as? PyDictStorage {
            for (key, value) in extras.entries {
                let text = try key.toString()
                if try ["message", "asctime"].contains(text) || record.findAttribute(text) != nil {
                    throw PyException.make(PyClass.exceptionClass(named: "KeyError"), [PyObject("Attempt to overwrite \(try key.repr()) in LogRecord")])
                }
                try record.setAttribute(text, value)
            }
        }
        return record
    }

    static func recordMessage(_ record: PyObject) throws -> String {
        let message = try record.attribute("msg").str()
        let args = try record.attribute("args")
        if let tuple = args.heap as? PyTupleStorage, tuple.items.isEmpty { return message }
        if args.isNone { return message }
        return try (PyObject(message) % args).str()
    }

    /// `LogRecord.__init__`: every attribute a format can name, as CPython's constructor sets them.
    static func fillRecord(_ record: PyObject, _ arguments: [PyObject]) throws {
        let (name, level, pathname, lineno, message, args, excInfo, function, stackInfo) =
            (arguments[0], try arguments[1].toInt(), arguments[2], arguments[3], arguments[4], arguments[5], arguments[6], arguments[7], arguments[8])
        let created = time()
        let path = try pathname.toString()
        let (filename, module) = SourcePositions.fileAndModule(path)
        try record.setAttribute("name", name)
        try record.setAttribute("msg", message)
        // A lone mapping is the named arguments of `%(key)s`, as CPython unwraps it.
        if let tuple = args.heap as? PyTupleStorage, tuple.items.count == 1, tuple.items[0].heap is PyDictStorage,
           try tuple.items[0].length() > 0 {
            try record.setAttribute("args", tuple.items[0])
        } else {
            try record.setAttribute("args", args)
        }
        try record.setAttribute("levelname", PyObject(levelName(level)))
        try record.setAttribute("levelno", PyObject(level))
        try record.setAttribute("pathname", pathname)
        try record.setAttribute("filename", PyObject(filename))
        try record.setAttribute("module", PyObject(module))
        try record.setAttribute("lineno", lineno)
        try record.setAttribute("funcName", function)
        try record.setAttribute("created", PyObject(created))
        try record.setAttribute("msecs", PyObject(((created - created.rounded(.down)) * 1000).rounded(.down)))
        try record.setAttribute("relativeCreated", PyObject((created - state.startTime) * 1000))
        try record.setAttribute("thread", PyObject(Logging.currentThreadIdent))
        try record.setAttribute("threadName", PyObject(Lane.currentThreadName))
        try record.setAttribute("process", PyObject(OS.getpid()))
        try record.setAttribute("processName", "MainProcess")
        try record.setAttribute("exc_info", excInfo)
        try record.setAttribute("exc_text", .none)
        try record.setAttribute("stack_info", stackInfo)
    }

    static func recordClass() throws -> PyObject {
        try PyObject.makeClass("LogRecord") { namespace in
            namespace["__module__"] = "logging"
            namespace["__init__"] = method("__init__", ["name", "level", "pathname", "lineno", "msg", "args", "exc_info", "func", "sinfo"],
                                           defaults: [.none, .none]) { arguments in
                try fillRecord(arguments[0], Array(arguments.dropFirst()))
                return .none
            }
            namespace["getMessage"] = method("getMessage") { arguments in PyObject(try recordMessage(arguments[0])) }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                return PyObject("<LogRecord: \(try this.attribute("name").str()), \(try this.attribute("levelno").str()), \(try this.attribute("pathname").str()), \(try this.attribute("lineno").str()), \"\(try this.attribute("msg").str())\">")
            }
        }
    }

    // MARK: Formatter

    static func formatterClass() throws -> PyObject {
        try PyObject.makeClass("Formatter") { namespace in
            namespace["__module__"] = "logging"
            namespace["default_time_format"] = "%Y-%m-%d %H:%M:%S"
            namespace["default_msec_format"] = "%s,%03d"
            namespace["__init__"] = method("__init__", ["fmt", "datefmt", "style", "validate"], defaults: [.none, .none, "%", true], keywordOnly: ["defaults"], keywordDefaults: ["defaults": .none]) { arguments in
                let this = arguments[0]
                let style = try arguments[3].toString()
                guard ["%", "{", "$"].contains(style) else { throw PyException.valueError("Style must be one of: %,{,$") }
                // A formatter made without a format shows the message alone; basicConfig's default is its own.
                let fmt = arguments[1].isNone ? PyObject(style == "%" ? "%(message)s" : (style == "{" ? "{message}" : "${message}")) : arguments[1]
                try this.setAttribute("_fmt", fmt)
                try this.setAttribute("datefmt", arguments[2])
                try this.setAttribute("_style", PyObject(style))
                try this.setAttribute("_defaults", arguments[5])
                return .none
            }
            namespace["usesTime"] = method("usesTime") { arguments in
                let fmt = try arguments[0].attribute("_fmt").toString()
                let style = try arguments[0].attribute("_style").toString()
                return PyObject(fmt.contains(style == "%" ? "%(asctime)" : (style == "{" ? "{asctime" : "$asctime")) || fmt.contains("${asctime}"))
            }
            namespace["formatTime"] = method("formatTime", ["record", "datefmt"], defaults: [.none]) { arguments in
                let created = try arguments[1].attribute("created").toDouble()
                if !arguments[2].isNone { return PyObject(strftime(created, try arguments[2].toString())) }
                let base = strftime(created, try arguments[0].attribute("default_time_format").toString())
                let msecs = try arguments[1].attribute("msecs").toDouble()
                return try PyObject(try arguments[0].attribute("default_msec_format").toString()) % .tuple([PyObject(base), PyObject(Int(msecs))])
            }
            namespace["formatException"] = method("formatException", ["ei"]) { arguments in
                PyObject(try TracebackModule.formatException(arguments[1]))
            }
            namespace["formatMessage"] = method("formatMessage", ["record"]) { arguments in
                try formatRecord(arguments[0], arguments[1])
            }
            namespace["format"] = method("format", ["record"]) { arguments in
                let this = arguments[0], record = arguments[1]
                try record.setAttribute("message", try record.callMethod("getMessage"))
                if try this.callMethod("usesTime").truthy() {
                    try record.setAttribute("asctime", try this.callMethod("formatTime", [record, try this.attribute("datefmt")]))
                }
                var text = try this.callMethod("formatMessage", [record]).toString()
                let excInfo = try record.attribute("exc_info")
                if try excInfo.truthy() {
                    if try record.attribute("exc_text").isNone {
                        try record.setAttribute("exc_text", try this.callMethod("formatException", [excInfo]))
                    }
                }
                let excText = try record.attribute("exc_text")
                if !excText.isNone, try excText.truthy() {
                    if !text.hasSuffix("\n") { text += "\n" }
                    text += try excText.toString()
                }
                return PyObject(text)
            }
        }
    }

    static func formatRecord(_ formatter: PyObject, _ record: PyObject) throws -> PyObject {
        let fmt = try formatter.attribute("_fmt").toString()
        let style = try formatter.attribute("_style").toString()
        guard let attributes = try record.findAttribute("__dict__") else { return PyObject(fmt) }
        let values = PyObject(((attributes.builtinValue.heap as? PyDictStorage) ?? PyDictStorage()).copy())
        let defaults = try formatter.attribute("_defaults")
        if let extra = defaults.builtinValue.heap as? PyDictStorage {
            for (key, value) in extra.entries where try !values.contains(key) { try values.setItem(key, value) }
        }
        switch style {
        case "{":
            return try PyObject(fmt).callMethod("format_map", [values])
        case "$":
            var text = fmt
            for key in try values.collect() {
                let name = try key.toString()
                let value = try values.item(key).str()
                text = text.replacingOccurrences(of: "${\(name)}", with: value).replacingOccurrences(of: "$\(name)", with: value)
            }
            return PyObject(text)
        default:
            do {
                return try PyObject(fmt) % values
            } catch {
                let caught = PyException.caught(error)
                if caught.isInstance(of: PyClass.keyError) {
                    throw PyException.valueError("Formatting field not found in record: \(try caught.value.str())")
                }
                throw caught
            }
        }
    }

    // MARK: Filterer, Handler

    static func passesFilters(_ this: PyObject, _ record: PyObject) throws -> Bool {
        for filter in try this.attribute("filters").collect() {
            let result = try filter.findAttribute("filter").map { try $0(record) } ?? (try filter(record))
            if try !result.truthy() { return false }
        }
        return true
    }

    static func handlerClass() throws -> PyObject {
        try PyObject.makeClass("Handler") { namespace in
            namespace["__module__"] = "logging"
            namespace["__init__"] = method("__init__", ["level"], defaults: [0]) { arguments in
                let this = arguments[0]
                try this.setAttribute("level", PyObject(try checkLevel(arguments[1])))
                try this.setAttribute("formatter", .none)
                try this.setAttribute("filters", .list([]))
                try this.setAttribute("_name", .none)
                return .none
            }
            namespace["name"] = PyObject(PyProperty(getter: method("name") { arguments in try arguments[0].attribute("_name") },
                setter: method("name", ["value"]) { arguments in try arguments[0].setAttribute("_name", arguments[1]); return .none }, deleter: .none, doc: .none))
            namespace["setLevel"] = method("setLevel", ["level"]) { arguments in
                try arguments[0].setAttribute("level", PyObject(try checkLevel(arguments[1])))
                return .none
            }
            namespace["setFormatter"] = method("setFormatter", ["fmt"]) { arguments in
                try arguments[0].setAttribute("formatter", arguments[1])
                return .none
            }
            namespace["addFilter"] = method("addFilter", ["filter"]) { arguments in
                let filters = try arguments[0].attribute("filters")
                if try !filters.contains(arguments[1]) { try filters.callMethod("append", [arguments[1]]) }
                return .none
            }
            namespace["removeFilter"] = method("removeFilter", ["filter"]) { arguments in
                let filters = try arguments[0].attribute("filters")
                if try filters.contains(arguments[1]) { try filters.callMethod("remove", [arguments[1]]) }
                return .none
            }
            namespace["filter"] = method("filter", ["record"]) { arguments in PyObject(try passesFilters(arguments[0], arguments[1])) }
            namespace["format"] = method("format", ["record"]) { arguments in
                var formatter = try arguments[0].attribute("formatter")
                if formatter.isNone { formatter = try state.formatterClass() }
                return try formatter.callMethod("format", [arguments[1]])
            }
            namespace["handle"] = method("handle", ["record"]) { arguments in
                let passed = try arguments[0].callMethod("filter", [arguments[1]]).truthy()
                if passed { try arguments[0].callMethod("emit", [arguments[1]]) }
                return PyObject(passed)
            }
            namespace["emit"] = method("emit", ["record"]) { _ in
                throw PyException.make(PyClass.notImplementedError, "emit must be implemented by Handler subclasses")
            }
            namespace["flush"] = method("flush") { _ in .none }
            namespace["close"] = method("close") { _ in .none }
            namespace["handleError"] = method("handleError", ["record"]) { _ in .none }
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("<\(arguments[0].pyType.name) (\(levelName(try arguments[0].attribute("level").toInt())))>")
            }
        }
    }

    /// A record that cannot be formatted or written does not stop the program: as CPython's
    /// `Handler.handleError` does, the error is reported on stderr and logging goes on. A handler
    /// class with its own `handleError` gets the record instead.
    static func handleEmitError(_ handler: PyObject, record: PyObject, _ error: PyException) throws {
        guard error.value.pyType.isSubclass(of: PyClass.exceptionClass(named: "Exception")),
              !error.value.pyType.isSubclass(of: PyClass.recursionError) else { throw error }
        if handler.pyType.overrides("handleError") != nil {
            _ = try handler.callMethod("handleError", [record])
            return
        }
        let message = (try? record.attribute("msg").repr()) ?? "?"
        let arguments = (try? record.attribute("args").repr()) ?? "()"
        Output.write("--- Logging error ---\n" + (try TracebackModule.formatException(error.value)) + "\nCall stack:\n  File \"<cell>\", in <module>\n"
                     + "Message: \(message)\nArguments: \(arguments)\n", to: .stderr)
    }

    static func streamHandlerClass(_ handler: PyObject) throws -> PyObject {
        try PyObject.makeClass("StreamHandler", bases: [handler]) { namespace in
            namespace["__module__"] = "logging"
            namespace["terminator"] = "\n"
            namespace["__init__"] = method("__init__", ["stream"], defaults: [.none]) { arguments in
                try handler.attribute("__init__")(arguments[0])
                try arguments[0].setAttribute("stream", arguments[1].isNone ? state.stderr : arguments[1])
                return .none
            }
            namespace["emit"] = method("emit", ["record"]) { arguments in
                let this = arguments[0]
                do {
                    let text = try this.callMethod("format", [arguments[1]]).str() + (try this.attribute("terminator").str())
                    try this.attribute("stream").callMethod("write", [PyObject(text)])
                } catch {
                    try handleEmitError(this, record: arguments[1], PyException.caught(error))
                }
                return .none
            }
            namespace["setStream"] = method("setStream", ["stream"]) { arguments in
                let previous = try arguments[0].attribute("stream")
                if previous.isIdentical(to: arguments[1]) { return .none }
                try arguments[0].setAttribute("stream", arguments[1])
                return previous
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let stream = try arguments[0].attribute("stream")
                let streamName = (try? stream.attribute("name").str()).map { "\($0) " } ?? ""
                return PyObject("<\(arguments[0].pyType.name) \(streamName)(\(levelName(try arguments[0].attribute("level").toInt())))>")
            }
        }
    }

    // MARK: Logger

    static func effectiveLevel(_ logger: PyObject) throws -> Int {
        var current = logger
        while !current.isNone {
            let level = try current.attribute("level").toInt()
            if level != 0 { return level }
            current = try current.attribute("parent")
        }
        return 0
    }

    static func isEnabled(_ logger: PyObject, _ level: Int) throws -> Bool {
        let disabled = try requireModule("logging").attribute("root").attribute("manager_disable")
        if level <= (try disabled.toInt()) { return false }
        if try logger.attribute("disabled").truthy() { return false }
        return level >= (try effectiveLevel(logger))
    }

    /// `Logger.callHandlers`: up the hierarchy while `propagate`; the last-resort handler (level
    /// WARNING, bare message on stderr) when none was found, as CPython's.
    static func callHandlers(_ logger: PyObject, _ record: PyObject) throws {
        var current = logger
        var found = 0
        let level = try record.attribute("levelno").toInt()
        while !current.isNone {
            for handler in try current.attribute("handlers").collect() {
                found += 1
                if level >= (try handler.attribute("level").toInt()) { try handler.callMethod("handle", [record]) }
            }
            if try !current.attribute("propagate").truthy() { break }
            current = try current.attribute("parent")
        }
        if found == 0 && level >= 30 {
            Output.write(try recordMessage(record) + "\n", to: .stderr)
        }
    }

    static func log(_ logger: PyObject, _ level: Int, _ message: PyObject, _ args: PyObject, _ keywords: [(String, PyObject)]) throws {
        guard try isEnabled(logger, level) else { return }
        var excInfo: PyObject = .none
        var extra: PyObject = .none
        for (key, value) in keywords {
            switch key {
            case "exc_info":
                if try value.truthy() {
                    if value.heap is PyTupleStorage { excInfo = value }
                    else if let instance = value.heap as? PyInstance, instance.exception != nil { excInfo = .tuple([PyObject(value.pyType), value, .none]) }
                    else if let handled = HandledExceptions.current { excInfo = .tuple([PyObject(handled.value.pyType), handled.value, .none]) }
                    else { excInfo = .tuple([.none, .none, .none]) }
                }
            case "extra": extra = value
            case "stack_info", "stacklevel": break
            default: throw PyException.typeError("Logger._log() got an unexpected keyword argument '\(key)'")
            }
        }
        var arguments = args
        // `log("%(a)s", {"a": 1})`: a single mapping argument is the mapping.
        if let tuple = args.heap as? PyTupleStorage, tuple.items.count == 1, tuple.items[0].builtinValue.heap is PyDictStorage, try tuple.items[0].truthy() {
            arguments = tuple.items[0]
        }
        let record = try makeRecord(name: try logger.attribute("name"), level: level, message: message, args: arguments, excInfo: excInfo, extra: extra)
        guard try passesFilters(logger, record) else { return }
        try callHandlers(logger, record)
    }

    static func loggerClass() throws -> PyObject {
        let levels: [(String, Int)] = [("debug", 10), ("info", 20), ("warning", 30), ("warn", 30), ("error", 40), ("critical", 50), ("fatal", 50)]
        return try PyObject.makeClass("Logger") { namespace in
            namespace["__module__"] = "logging"
            namespace["__init__"] = method("__init__", ["name", "level"], defaults: [0]) { arguments in
                let this = arguments[0]
                try this.setAttribute("name", arguments[1])
                try this.setAttribute("level", PyObject(try checkLevel(arguments[2])))
                try this.setAttribute("parent", .none)
                try this.setAttribute("propagate", true)
                try this.setAttribute("handlers", .list([]))
                try this.setAttribute("disabled", false)
                try this.setAttribute("filters", .list([]))
                return .none
            }
            for (name, level) in levels {
                namespace[name] = method(name, ["msg"], varargs: "args", varkw: "kwargs") { arguments in
                    try log(arguments[0], level, arguments[1], arguments[2], try arguments[3].unpackedKeywords())
                    return .none
                }
            }
            namespace["exception"] = method("exception", ["msg"], varargs: "args", keywordOnly: ["exc_info"], keywordDefaults: ["exc_info": true], varkw: "kwargs") { arguments in
                try log(arguments[0], 40, arguments[1], arguments[2], [("exc_info", arguments[3])] + (try arguments[4].unpackedKeywords()))
                return .none
            }
            namespace["log"] = method("log", ["level", "msg"], varargs: "args", varkw: "kwargs") { arguments in
                guard case .int(let level) = arguments[1].builtinValue.storage else { throw PyException.typeError("level must be an integer") }
                try log(arguments[0], level, arguments[2], arguments[3], try arguments[4].unpackedKeywords())
                return .none
            }
            namespace["setLevel"] = method("setLevel", ["level"]) { arguments in
                try arguments[0].setAttribute("level", PyObject(try checkLevel(arguments[1])))
                return .none
            }
            namespace["getEffectiveLevel"] = method("getEffectiveLevel") { arguments in PyObject(try effectiveLevel(arguments[0])) }
            namespace["isEnabledFor"] = method("isEnabledFor", ["level"]) { arguments in PyObject(try isEnabled(arguments[0], try arguments[1].toInt())) }
            namespace["addHandler"] = method("addHandler", ["hdlr"]) { arguments in
                let handlers = try arguments[0].attribute("handlers")
                if try !handlers.contains(arguments[1]) { try handlers.callMethod("append", [arguments[1]]) }
                return .none
            }
            namespace["removeHandler"] = method("removeHandler", ["hdlr"]) { arguments in
                let handlers = try arguments[0].attribute("handlers")
                if try handlers.contains(arguments[1]) { try handlers.callMethod("remove", [arguments[1]]) }
                return .none
            }
            namespace["hasHandlers"] = method("hasHandlers") { arguments in
                var current = arguments[0]
                while !current.isNone {
                    if try current.attribute("handlers").truthy() { return true }
                    if try !current.attribute("propagate").truthy() { break }
                    current = try current.attribute("parent")
                }
                return false
            }
            namespace["addFilter"] = method("addFilter", ["filter"]) { arguments in
                try arguments[0].attribute("filters").callMethod("append", [arguments[1]])
                return .none
            }
            namespace["removeFilter"] = method("removeFilter", ["filter"]) { arguments in
                let filters = try arguments[0].attribute("filters")
                if try filters.contains(arguments[1]) { try filters.callMethod("remove", [arguments[1]]) }
                return .none
            }
            namespace["getChild"] = method("getChild", ["suffix"]) { arguments in
                let this = arguments[0]
                let base = try this.attribute("name").toString()
                return try getLogger(PyObject(base == "root" && this.isIdentical(to: state.root) ? try arguments[1].toString() : "\(base).\(try arguments[1].toString())"))
            }
            namespace["handle"] = method("handle", ["record"]) { arguments in
                if try passesFilters(arguments[0], arguments[1]) { try callHandlers(arguments[0], arguments[1]) }
                return .none
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                PyObject("<\(arguments[0].pyType.name) \(try arguments[0].attribute("name").str()) (\(levelName(try effectiveLevel(arguments[0]))))>")
            }
        }
    }

    /// `getLogger(name)`: one logger per name, its parent the nearest existing dotted ancestor;
    /// children made earlier are re-parented under a new intermediate logger.
    static func getLogger(_ given: PyObject) throws -> PyObject {
        if given.isNone { return state.root }
        guard given.isStr else { throw PyException.typeError("A logger name must be a string") }
        let name = try given.toString()
        if name.isEmpty || name == "root" && false { return state.root }
        if let existing = state.lock.locked({ state.loggers[name] }) { return existing }
        let logger = try state.loggerClass(given)
        state.lock.locked { state.loggers[name] = logger }
        var parentName = name
        var parent = state.root
        while let dot = parentName.lastIndex(of: ".") {
            parentName = String(parentName[..<dot])
            if let found = state.lock.locked({ state.loggers[parentName] }) { parent = found; break }
        }
        try logger.setAttribute("parent", parent)
        let others = state.lock.locked { state.loggers }
        for (otherName, other) in others where otherName.hasPrefix(name + ".") {
            let otherParent = try other.attribute("parent")
            let parentText = try otherParent.attribute("name").toString()
            if otherParent.isIdentical(to: state.root) || !parentText.hasPrefix(name) {
                if !otherParent.isIdentical(to: state.root) && parentText.count > name.count { continue }
                try other.setAttribute("parent", logger)
            }
        }
        return logger
    }

    // MARK: The module

    static func build() throws -> PyObject {
        state.recordClass = try recordClass()
        state.formatterClass = try formatterClass()
        state.loggerClass = try loggerClass()
        let handler = try handlerClass()
        let streamHandler = try streamHandlerClass(handler)
        state.streamHandlerClass = streamHandler
        let sys = try requireModule("sys")
        state.stdout = try sys.attribute("stdout")
        state.stderr = try sys.attribute("stderr")
        let root = try PyObject.makeClass("RootLogger", bases: [state.loggerClass]) { namespace in
            namespace["__module__"] = "logging"
        }.call([PyObject("root"), 30])
        try root.setAttribute("manager_disable", 0)
        state.root = root
        let filterClass = try PyObject.makeClass("Filter") { namespace in
            namespace["__module__"] = "logging"
            namespace["__init__"] = method("__init__", ["name"], defaults: [""]) { arguments in
                try arguments[0].setAttribute("name", arguments[1])
                try arguments[0].setAttribute("nlen", PyObject(try arguments[1].toString().count))
                return .none
            }
            namespace["filter"] = method("filter", ["record"]) { arguments in
                let name = try arguments[0].attribute("name").toString()
                if name.isEmpty { return true }
                let recordName = try arguments[1].attribute("name").toString()
                return PyObject(recordName == name || recordName.hasPrefix(name + "."))
            }
        }
        let nullHandler = try PyObject.makeClass("NullHandler", bases: [handler]) { namespace in
            namespace["__module__"] = "logging"
            namespace["emit"] = method("emit", ["record"]) { _ in .none }
            namespace["handle"] = method("handle", ["record"]) { _ in .none }
        }
        let adapter = try PyObject.makeClass("LoggerAdapter") { namespace in
            namespace["__module__"] = "logging"
            namespace["__init__"] = method("__init__", ["logger", "extra"], defaults: [.none]) { arguments in
                try arguments[0].setAttribute("logger", arguments[1])
                try arguments[0].setAttribute("extra", arguments[2])
                return .none
            }
            namespace["process"] = method("process", ["msg", "kwargs"]) { arguments in
                try arguments[2].setItem("extra", try arguments[0].attribute("extra"))
                return .tuple([arguments[1], arguments[2]])
            }
            for (name, level) in [("debug", 10), ("info", 20), ("warning", 30), ("error", 40), ("critical", 50)] {
                namespace[name] = method(name, ["msg"], varargs: "args", varkw: "kwargs") { arguments in
                    let (message, keywords) = try arguments[0].callMethod("process", [arguments[1], arguments[3]]).unpack2()
                    try log(try arguments[0].attribute("logger"), level, message, arguments[2], try keywords.unpackedKeywords())
                    return .none
                }
            }
            namespace["exception"] = method("exception", ["msg"], varargs: "args", varkw: "kwargs") { arguments in
                let (message, keywords) = try arguments[0].callMethod("process", [arguments[1], arguments[3]]).unpack2()
                try log(try arguments[0].attribute("logger"), 40, message, arguments[2], [("exc_info", true)] + (try keywords.unpackedKeywords()))
                return .none
            }
            namespace["log"] = method("log", ["level", "msg"], varargs: "args", varkw: "kwargs") { arguments in
                let (message, keywords) = try arguments[0].callMethod("process", [arguments[2], arguments[4]]).unpack2()
                try log(try arguments[0].attribute("logger"), try arguments[1].toInt(), message, arguments[3], try keywords.unpackedKeywords())
                return .none
            }
            namespace["isEnabledFor"] = method("isEnabledFor", ["level"]) { arguments in
                PyObject(try isEnabled(try arguments[0].attribute("logger"), try arguments[1].toInt()))
            }
            namespace["setLevel"] = method("setLevel", ["level"]) { arguments in
                try arguments[0].attribute("logger").callMethod("setLevel", [arguments[1]])
                return .none
            }
            namespace["getEffectiveLevel"] = method("getEffectiveLevel") { arguments in
                try arguments[0].attribute("logger").callMethod("getEffectiveLevel")
            }
        }
        let basicConfig = PyObject.moduleFunction(name, "basicConfig", PySignature([], keywordOnly: ["format", "datefmt", "style", "level", "stream", "handlers", "force", "filename", "filemode", "encoding", "errors"],
            keywordDefaults: ["format": .none, "datefmt": .none, "style": "%", "level": .none, "stream": .none, "handlers": .none, "force": false, "filename": .none, "filemode": "a", "encoding": .none, "errors": "backslashreplace"])) { arguments in
            let handlers = try root.attribute("handlers")
            if try arguments[6].truthy() { try root.setAttribute("handlers", .list([])) }
            else if try handlers.truthy() { return .none }
            if !arguments[7].isNone { throw OutsideSurface.error("logging.basicConfig(filename=…)", "writes a file") }
            if !arguments[4].isNone && !arguments[5].isNone {
                throw PyException.valueError("'stream' and 'handlers' should not be specified together")
            }
            var installed = arguments[5].isNone ? [] : try arguments[5].collect()
            if installed.isEmpty { installed = [try streamHandler(arguments[4])] }
            let style = try arguments[2].toString()
            let basicFormat = PyObject(style == "{" ? "{levelname}:{name}:{message}" : (style == "$" ? "${levelname}:${name}:${message}" : defaultFormat))
            let formatter = try state.formatterClass(arguments[0].isNone ? basicFormat : arguments[0], arguments[1], arguments[2])
            for handler in installed {
                if try handler.attribute("formatter").isNone { try handler.callMethod("setFormatter", [formatter]) }
                try root.callMethod("addHandler", [handler])
            }
            if !arguments[3].isNone { try root.callMethod("setLevel", [arguments[3]]) }
            return .none
        }
        /// Module-level calls configure the root's default handler first, as CPython's do.
        func rootCall(_ name: String, _ level: Int?) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(level == nil ? ["level", "msg"] : ["msg"], varargs: "args", varkw: "kwargs")) { arguments in
                if try !root.attribute("handlers").truthy() { try basicConfig() }
                if let level {
                    var keywords = try arguments[2].unpackedKeywords()
                    if name == "exception" && !keywords.contains(where: { $0.0 == "exc_info" }) { keywords.append(("exc_info", true)) }
                    try log(root, level, arguments[0], arguments[1], keywords)
                } else {
                    try log(root, try arguments[0].toInt(), arguments[1], arguments[2], try arguments[3].unpackedKeywords())
                }
                return .none
            })
        }
        var members: [(String, PyObject)] = [
            ("CRITICAL", 50), ("FATAL", 50), ("ERROR", 40), ("WARNING", 30), ("WARN", 30), ("INFO", 20), ("DEBUG", 10), ("NOTSET", 0),
            ("root", root), ("Logger", state.loggerClass), ("RootLogger", PyObject(root.pyType)), ("LogRecord", state.recordClass),
            ("Formatter", state.formatterClass), ("Handler", handler), ("StreamHandler", streamHandler),
            ("NullHandler", nullHandler), ("Filter", filterClass), ("LoggerAdapter", adapter), ("basicConfig", basicConfig),
            ("BASIC_FORMAT", PyObject(defaultFormat)),
            ("getLogger", PyObject.moduleFunction(name, "getLogger", PySignature(["name"], defaults: [.none])) { arguments in try getLogger(arguments[0]) }),
            ("getLoggerClass", PyObject.moduleFunction(name, "getLoggerClass", PySignature()) { _ in state.loggerClass }),
            ("setLoggerClass", PyObject.moduleFunction(name, "setLoggerClass", PySignature(["klass"])) { arguments in
                state.loggerClass = arguments[0]
                return .none
            }),
            ("addLevelName", PyObject.moduleFunction(name, "addLevelName", PySignature(["level", "levelName"])) { arguments in
                let level = try arguments[0].toInt(), text = try arguments[1].toString()
                state.lock.locked { state.levelNames[level] = text }
                return .none
            }),
            ("getLevelName", PyObject.moduleFunction(name, "getLevelName", PySignature(["level"])) { arguments in
                if case .int(let level) = arguments[0].builtinValue.storage { return PyObject(levelName(level)) }
                let text = try arguments[0].str()
                if let level = state.lock.locked({ state.levelNames.first { $0.value == text }?.key }) { return PyObject(level) }
                return PyObject("Level \(text)")
            }),
            ("getLevelNamesMapping", PyObject.moduleFunction(name, "getLevelNamesMapping", PySignature()) { _ in
                try .dict(state.lock.locked { state.levelNames }.sorted { $0.key > $1.key }.map { (PyObject($0.value), PyObject($0.key)) })
            }),
            ("disable", PyObject.moduleFunction(name, "disable", PySignature(["level"], defaults: [50])) { arguments in
                try root.setAttribute("manager_disable", PyObject(try checkLevel(arguments[0])))
                return .none
            }),
            ("shutdown", PyObject.moduleFunction(name, "shutdown", PySignature()) { _ in .none }),
            ("captureWarnings", PyObject.moduleFunction(name, "captureWarnings", PySignature(["capture"])) { _ in .none }),
            ("FileHandler", OutsideSurface.refusal(name, "FileHandler", "writes a file")),
            rootCall("debug", 10), rootCall("info", 20), rootCall("warning", 30), rootCall("warn", 30), rootCall("error", 40),
            rootCall("critical", 50), rootCall("fatal", 50), rootCall("exception", 40), rootCall("log", nil),
        ]
        let handlers = buildModule("logging.handlers", [
            ("RotatingFileHandler", OutsideSurface.refusal("logging.handlers", "RotatingFileHandler", "writes a file")),
            ("TimedRotatingFileHandler", OutsideSurface.refusal("logging.handlers", "TimedRotatingFileHandler", "writes a file")),
            ("SocketHandler", OutsideSurface.refusal("logging.handlers", "SocketHandler", "uses the network")),
            ("HTTPHandler", OutsideSurface.refusal("logging.handlers", "HTTPHandler", "uses the network")),
            ("SysLogHandler", OutsideSurface.refusal("logging.handlers", "SysLogHandler", "uses the network")),
            ("SMTPHandler", OutsideSurface.refusal("logging.handlers", "SMTPHandler", "uses the network")),
            ("QueueHandler", streamHandler),
        ])
        members.append(("handlers", handlers))
        members.append(("config", buildModule("logging.config", [
            ("dictConfig", OutsideSurface.refusal("logging.config", "dictConfig", "is not carried into translated programs")),
            ("fileConfig", OutsideSurface.refusal("logging.config", "fileConfig", "reads a file")),
        ])))
        return buildModule(name, members)
    }
}
