/// `re`: module functions, `re.Pattern`, `re.Match`, `re.error` and `re.RegexFlag`, with
/// CPython 3.11's reprs, messages and compile cache.
enum ReModule {
    static let name = "re"

    /// The module's classes, which its functions and methods create instances of.
    final class Types: @unchecked Sendable {
        var pattern = PyObject.none
        var match = PyObject.none
        var error = PyObject.none
        var flag = PyObject.none
    }

    struct CacheKey: Hashable {
        var scalars: [UInt32]
        var isBytes: Bool
        var flags: Int
    }

    /// `re._cache`: CPython keeps at most 512 compiled patterns.
    static let cache = Locked<[CacheKey: PyObject]>([:])
    static let cacheLimit = 512

    static func build() throws -> PyObject {
        let types = Types()
        types.flag = try flagClass(types)
        types.error = try errorClass()
        types.pattern = try patternClass(types)
        types.match = try matchClass(types)
        func flag(_ value: Int) -> PyObject { makeFlag(types, value) }

        func function(_ name: String, _ parameters: [String], defaults: [PyObject] = [],
                      _ body: @escaping ([PyObject]) throws -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(Self.name, name, PySignature(parameters, defaults: defaults), body))
        }
        func patternMethod(_ method: String, _ patternArgument: PyObject, _ flags: PyObject, _ arguments: [PyObject]) throws -> PyObject {
            try compile(types, patternArgument, flags).attribute(method).call(arguments)
        }
        var members: [(String, PyObject)] = [
            function("compile", ["pattern", "flags"], defaults: [0]) { arguments in try compile(types, arguments[0], arguments[1]) },
            function("search", ["pattern", "string", "flags"], defaults: [0]) { arguments in
                try patternMethod("search", arguments[0], arguments[2], [arguments[1]])
            },
            function("match", ["pattern", "string", "flags"], defaults: [0]) { arguments in
                try patternMethod("match", arguments[0], arguments[2], [arguments[1]])
            },
            function("fullmatch", ["pattern", "string", "flags"], defaults: [0]) { arguments in
                try patternMethod("fullmatch", arguments[0], arguments[2], [arguments[1]])
            },
            function("findall", ["pattern", "string", "flags"], defaults: [0]) { arguments in
                try patternMethod("findall", arguments[0], arguments[2], [arguments[1]])
            },
            function("finditer", ["pattern", "string", "flags"], defaults: [0]) { arguments in
                try patternMethod("finditer", arguments[0], arguments[2], [arguments[1]])
            },
            function("sub", ["pattern", "repl", "string", "count", "flags"], defaults: [0, 0]) { arguments in
                try patternMethod("sub", arguments[0], arguments[4], [arguments[1], arguments[2], arguments[3]])
            },
            function("subn", ["pattern", "repl", "string", "count", "flags"], defaults: [0, 0]) { arguments in
                try patternMethod("subn", arguments[0], arguments[4], [arguments[1], arguments[2], arguments[3]])
            },
            function("split", ["pattern", "string", "maxsplit", "flags"], defaults: [0, 0]) { arguments in
                try patternMethod("split", arguments[0], arguments[3], [arguments[1], arguments[2]])
            },
            function("escape", ["pattern"]) { arguments in try escape(arguments[0]) },
            function("purge", []) { _ in
                cache.withLock { $0.removeAll() }
                return .none
            },
            ("Pattern", types.pattern),
            ("Match", types.match),
            ("error", types.error),
            ("RegexFlag", types.flag),
            ("NOFLAG", flag(0)),
        ]
        let shortNames = ["ASCII": "A", "IGNORECASE": "I", "LOCALE": "L", "UNICODE": "U", "MULTILINE": "M",
                          "DOTALL": "S", "VERBOSE": "X", "TEMPLATE": "T"]
        for (name, value) in RegexFlag.names {
            members.append((name, flag(value)))
            if let short = shortNames[name] { members.append((short, flag(value))) }
        }
        return buildModule(name, members)
    }

    // MARK: compile

    static func compile(_ types: Types, _ pattern: PyObject, _ flagsArgument: PyObject) throws -> PyObject {
        let flags = try flagsArgument.intArgument("flags")
        if isInstance(pattern, types.pattern) {
            if flags != 0 { throw PyException.valueError("cannot process flags argument with a compiled pattern") }
            return pattern
        }
        let source: String, isBytes: Bool
        if case .str(let text) = pattern.builtinValue.storage {
            source = text
            isBytes = false
        } else if let bytes = pattern.builtinValue.heap as? PyBytes {
            source = latin1(bytes.bytes)
            isBytes = true
        } else {
            throw PyException.typeError("first argument must be string or compiled pattern")
        }
        let key = CacheKey(scalars: source.unicodeScalars.map(\.value), isBytes: isBytes, flags: flags)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        var parsed = try reportingSyntax(types, pattern) { try PatternParser.parse(source, flags: flags, bytes: isBytes) }
        if isBytes {
            if parsed.flags & RegexFlag.unicode != 0 { throw PyException.valueError("cannot use UNICODE flag with a bytes pattern") }
            if parsed.flags & RegexFlag.locale != 0 && parsed.flags & RegexFlag.ascii != 0 {
                throw PyException.valueError("ASCII and LOCALE flags are incompatible")
            }
        } else {
            if parsed.flags & RegexFlag.locale != 0 { throw PyException.valueError("cannot use LOCALE flag with a str pattern") }
            if parsed.flags & RegexFlag.ascii == 0 {
                parsed.flags |= RegexFlag.unicode
            } else if parsed.flags & RegexFlag.unicode != 0 {
                throw PyException.valueError("ASCII and UNICODE flags are incompatible")
            }
        }
        if parsed.flags & RegexFlag.debug != 0 {
            throw PyException.make(PyClass.notImplementedError, "re.DEBUG's dump of the compiled pattern is not carried into translated programs")
        }
        let object = try instance(types.pattern, CompiledPattern(source: source, object: pattern, isBytes: isBytes, parsed: parsed))
        cache.withLock { table in
            if table.count >= cacheLimit { table.removeAll() }
            table[key] = object
        }
        return object
    }

    /// A syntax error in a pattern or a replacement template, raised as `re.error` naming it.
    static func reportingSyntax<Result>(_ types: Types, _ source: PyObject, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as RegexSyntaxError {
            if error.isOverflow { throw PyException.overflow(error.message) }
            throw try PyException(raising: try types.error(PyObject(error.message), source, error.position.map { PyObject($0) } ?? .none))
        }
    }

    /// Bytes as the str of the same code points, as `re` reads a bytes pattern.
    static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// A replacement template's text; a str for a str pattern, bytes for a bytes one.
    static func templateText(_ template: PyObject, bytes: Bool) throws -> String {
        if bytes, let value = template.builtinValue.heap as? PyBytes { return latin1(value.bytes) }
        if !bytes, case .str(let text) = template.builtinValue.storage { return text }
        throw PyException.typeError(bytes ? "expected a bytes-like object, \(template.typeName) found" : "expected str instance, \(template.typeName) found")
    }

    static func isInstance(_ value: PyObject, _ type: PyObject) -> Bool {
        guard let cls = type.heap as? PyClass else { return false }
        return value.pyType.isSubclass(of: cls)
    }

    static func instance(_ type: PyObject, _ payload: Any) throws -> PyObject {
        guard let cls = type.heap as? PyClass else { throw PyException.typeError("re class missing") }
        let object = PyInstance(cls: cls)
        object.payload = payload
        return PyObject(object)
    }

    /// `re.escape`: the characters `re` treats as special, and whitespace, get a backslash.
    static func escape(_ pattern: PyObject) throws -> PyObject {
        let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}".unicodeScalars.map(\.value))
        func escaped(_ values: [UInt32]) -> [UInt32] {
            values.flatMap { special.contains($0) ? [92, $0] : [$0] }
        }
        if case .str(let text) = pattern.builtinValue.storage {
            return Subject.make(escaped(text.unicodeScalars.map(\.value))[...], bytes: false)
        }
        guard let bytes = pattern.builtinValue.heap as? PyBytes else {
            throw PyException.typeError("decoding to str: need a bytes-like object, \(pattern.typeName) found")
        }
        return Subject.make(escaped(bytes.bytes.map(UInt32.init))[...], bytes: true)
    }

    // MARK: re.error

    static func errorClass() throws -> PyObject {
        try PyObject.makeClass("error", bases: [PyObject(PyClass.exception)]) { namespace in
            namespace["__module__"] = "re"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "msg", "pattern", "pos"], defaults: [.none, .none])) { arguments in
                let this = arguments[0], message = arguments[1], pattern = arguments[2], pos = arguments[3]
                var text = try message.str()
                var line: PyObject = .none, column: PyObject = .none
                if !pattern.isNone && !pos.isNone {
                    let position = try pos.toInt()
                    text += " at position \(position)"
                    let units: [UInt32]
                    if let bytes = pattern.builtinValue.heap as? PyBytes { units = bytes.bytes.map(UInt32.init) }
                    else { units = try pattern.toString().unicodeScalars.map(\.value) }
                    let before = units.prefix(position)
                    let lineNumber = before.filter { $0 == 10 }.count + 1
                    let lastNewline = before.lastIndex(of: 10) ?? -1
                    line = PyObject(lineNumber)
                    column = PyObject(position - lastNewline)
                    if units.contains(10) { text += " (line \(lineNumber), column \(position - lastNewline))" }
                }
                _ = try PyObject(PyClass.exception).attribute("__init__").call([this, PyObject(text)])
                try this.setAttribute("msg", message)
                try this.setAttribute("pattern", pattern)
                try this.setAttribute("pos", pos)
                try this.setAttribute("lineno", line)
                try this.setAttribute("colno", column)
                return .none
            }
        }
    }

    // MARK: re.RegexFlag

    static func makeFlag(_ types: Types, _ value: Int) -> PyObject {
        guard let cls = types.flag.heap as? PyClass else { return PyObject(value) }
        let object = PyInstance(cls: cls)
        object.builtinBase = PyObject(value)
        return PyObject(object)
    }

    static func flagRepr(_ value: Int) -> String {
        if value == 0 { return "re.NOFLAG" }
        var names: [String] = []
        var rest = value
        for (name, bit) in RegexFlag.names where value & bit != 0 {
            names.append("re." + name)
            rest &= ~bit
        }
        if names.isEmpty { return "re.RegexFlag(\(value))" }
        if rest != 0 { names.append("0x" + String(rest, radix: 16)) }
        return names.joined(separator: "|")
    }

    static func flagClass(_ types: Types) throws -> PyObject {
        let allBits = RegexFlag.names.reduce(0) { $0 | $1.1 }
        func method(_ name: String, _ parameters: [String] = [], _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
            PyObject.function(name, PySignature(["self"] + parameters), body)
        }
        func binary(_ name: String, _ combine: @escaping (Int, Int) -> Int) -> PyObject {
            method(name, ["other"]) { arguments in
                guard case .int(let other) = arguments[1].builtinValue.storage else { return .notImplemented }
                return makeFlag(types, combine(try arguments[0].toInt(), other))
            }
        }
        return try PyObject.makeClass("RegexFlag", bases: [PyObject(PyClass.int)]) { namespace in
            namespace["__module__"] = "re"
            namespace["__repr__"] = method("__repr__") { arguments in PyObject(flagRepr(try arguments[0].toInt())) }
            namespace["__str__"] = method("__str__") { arguments in PyObject(flagRepr(try arguments[0].toInt())) }
            namespace["__format__"] = method("__format__", ["format_spec"]) { arguments in
                let spec = try arguments[1].toString()
                if spec.isEmpty { return PyObject(flagRepr(try arguments[0].toInt())) }
                return PyObject(try PyObject(try arguments[0].toInt()).format(spec))
            }
            namespace["__or__"] = binary("__or__") { $0 | $1 }
            namespace["__ror__"] = binary("__ror__") { $0 | $1 }
            namespace["__and__"] = binary("__and__") { $0 & $1 }
            namespace["__rand__"] = binary("__rand__") { $0 & $1 }
            namespace["__xor__"] = binary("__xor__") { $0 ^ $1 }
            namespace["__rxor__"] = binary("__rxor__") { $0 ^ $1 }
            namespace["__invert__"] = method("__invert__") { arguments in makeFlag(types, allBits & ~(try arguments[0].toInt())) }
        }
    }

    // MARK: re.Pattern

    static func compiled(_ this: PyObject) throws -> CompiledPattern {
        guard let instance = this.heap as? PyInstance, let payload = instance.payload as? CompiledPattern else {
            throw PyException.typeError("descriptor requires a 're.Pattern' object but received a '\(this.typeName)'")
        }
        return payload
    }

    static func property(_ name: String, _ body: @escaping (PyObject) throws -> PyObject) -> PyObject {
        PyObject(PyProperty(getter: PyObject.function(name, PySignature(["self"])) { arguments in try body(arguments[0]) },
                            setter: .none, deleter: .none, doc: .none))
    }

    /// `re.compile('…', re.FLAGS)`: the pattern's repr cut at 200 characters, and the flags
    /// other than the UNICODE every str pattern has.
    static func patternRepr(_ pattern: CompiledPattern) throws -> String {
        let quoted = String(String.UnicodeScalarView(try pattern.object.repr().unicodeScalars.prefix(200)))
        var flags = pattern.flags
        if flags & (RegexFlag.locale | RegexFlag.unicode | RegexFlag.ascii) == RegexFlag.unicode { flags &= ~RegexFlag.unicode }
        guard flags != 0 else { return "re.compile(\(quoted))" }
        let order = [("TEMPLATE", RegexFlag.template), ("IGNORECASE", RegexFlag.ignoreCase), ("LOCALE", RegexFlag.locale),
                     ("MULTILINE", RegexFlag.multiline), ("DOTALL", RegexFlag.dotAll), ("UNICODE", RegexFlag.unicode),
                     ("VERBOSE", RegexFlag.verbose), ("DEBUG", RegexFlag.debug), ("ASCII", RegexFlag.ascii)]
        var names: [String] = []
        for (name, bit) in order where flags & bit != 0 {
            names.append("re." + name)
            flags &= ~bit
        }
        if flags != 0 { names.append("0x" + String(flags, radix: 16)) }
        return "re.compile(\(quoted), \(names.joined(separator: "|")))"
    }

    static func patternClass(_ types: Types) throws -> PyObject {
        func method(_ name: String, _ parameters: [String], defaults: [PyObject] = [],
                    _ body: @escaping (PyObject, CompiledPattern, [PyObject]) throws -> PyObject) -> PyObject {
            PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults)) { arguments in
                try body(arguments[0], try compiled(arguments[0]), Array(arguments.dropFirst()))
            }
        }
        func matching(_ name: String, _ mode: CompiledPattern.Mode) -> PyObject {
            method(name, ["string", "pos", "endpos"], defaults: [0, .none]) { this, pattern, arguments in
                let subject = try Subject(arguments[0], for: pattern)
                let (start, end) = try subject.bounds(arguments[1], arguments[2])
                guard let record = pattern.find(subject, from: start, end: end, mode: mode) else { return .none }
                return try makeMatch(types, this, pattern, subject, record, start, end)
            }
        }
        return try PyObject.makeClass("Pattern") { namespace in
            namespace["__module__"] = "re"
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls"], varargs: "args", varkw: "kwargs")) { _ in
                throw PyException.typeError("cannot create 're.Pattern' instances")
            }
            namespace["pattern"] = property("pattern") { this in try compiled(this).object }
            namespace["flags"] = property("flags") { this in PyObject(try compiled(this).flags) }
            namespace["groups"] = property("groups") { this in PyObject(try compiled(this).groupCount) }
            namespace["groupindex"] = property("groupindex") { this in
                try .dict(try compiled(this).parsed.groupNames.map { (PyObject($0.0), PyObject($0.1)) })
            }
            namespace["search"] = matching("search", .search)
            namespace["match"] = matching("match", .prefix)
            namespace["fullmatch"] = matching("fullmatch", .whole)
            namespace["findall"] = method("findall", ["string", "pos", "endpos"], defaults: [0, .none]) { _, pattern, arguments in
                let subject = try Subject(arguments[0], for: pattern)
                let (start, end) = try subject.bounds(arguments[1], arguments[2])
                var items: [PyObject] = []
                pattern.scan(subject, from: start, end: end) { record in
                    func text(_ group: Int) -> PyObject {
                        let (s, e) = record.span(group)
                        return s >= 0 ? subject.piece(s, e) : subject.piece(0, 0)
                    }
                    switch pattern.groupCount {
                    case 0: items.append(text(0))
                    case 1: items.append(text(1))
                    default: items.append(.tuple((1...pattern.groupCount).map(text)))
                    }
                    return true
                }
                return .list(items)
            }
            namespace["finditer"] = method("finditer", ["string", "pos", "endpos"], defaults: [0, .none]) { this, pattern, arguments in
                let subject = try Subject(arguments[0], for: pattern)
                let (start, end) = try subject.bounds(arguments[1], arguments[2])
                let matcher = PatternMatcher(text: subject.text, end: end, groupCount: pattern.groupCount)
                var position = start, mustAdvance = false, finished = false
                return PyObject.nativeIterator("callable_iterator") {
                    guard !finished, position <= end, let found = matcher.guardedSearch(pattern.parsed.root, from: position, mustAdvance: mustAdvance) else {
                        finished = true
                        return nil
                    }
                    mustAdvance = found.1 == found.0
                    position = found.1
                    return try makeMatch(types, this, pattern, subject, MatchRecord(marks: matcher.marks, lastIndex: matcher.lastIndex), start, end)
                }
            }
            namespace["sub"] = method("sub", ["repl", "string", "count"], defaults: [0]) { this, pattern, arguments in
                try substitute(types, this, pattern, arguments[0], arguments[1], arguments[2]).0
            }
            namespace["subn"] = method("subn", ["repl", "string", "count"], defaults: [0]) { this, pattern, arguments in
                let (text, count) = try substitute(types, this, pattern, arguments[0], arguments[1], arguments[2])
                return .tuple([text, PyObject(count)])
            }
            namespace["split"] = method("split", ["string", "maxsplit"], defaults: [0]) { _, pattern, arguments in
                let subject = try Subject(arguments[0], for: pattern)
                let limit = try arguments[1].intArgument("maxsplit")
                var items: [PyObject] = []
                var last = 0, splits = 0
                if limit >= 0 {
                    pattern.scan(subject, from: 0, end: subject.text.count) { record in
                        let (start, end) = record.span(0)
                        items.append(subject.piece(last, start))
                        if pattern.groupCount > 0 {
                            for group in 1...pattern.groupCount {
                                let (s, e) = record.span(group)
                                items.append(s >= 0 ? subject.piece(s, e) : .none)
                            }
                        }
                        last = end
                        splits += 1
                        return limit == 0 || splits < limit
                    }
                }
                items.append(subject.piece(last, subject.text.count))
                return .list(items)
            }
            namespace["__repr__"] = method("__repr__", []) { _, pattern, _ in PyObject(try patternRepr(pattern)) }
            namespace["__eq__"] = method("__eq__", ["other"]) { _, pattern, arguments in
                guard let other = (arguments[0].heap as? PyInstance)?.payload as? CompiledPattern else { return .notImplemented }
                return PyObject(other.flags == pattern.flags && other.isBytes == pattern.isBytes
                                && other.source.unicodeScalars.elementsEqual(pattern.source.unicodeScalars))
            }
            namespace["__hash__"] = method("__hash__", []) { _, pattern, _ in
                PyObject(try PyObject.tuple([pattern.object, PyObject(pattern.flags)]).hashValue())
            }
            namespace["__copy__"] = method("__copy__", []) { this, _, _ in this }
            namespace["__deepcopy__"] = method("__deepcopy__", ["memo"]) { this, _, _ in this }
        }
    }

    /// `sub`/`subn`: `_sre`'s loop, joining the pieces as `str.join` would (its message for a
    /// replacement function returning something other than a str).
    static func substitute(_ types: Types, _ this: PyObject, _ pattern: CompiledPattern, _ repl: PyObject,
                           _ string: PyObject, _ countArgument: PyObject) throws -> (PyObject, Int) {
        let subject = try Subject(string, for: pattern)
        let limit = try countArgument.intArgument("count")
        var template: [TemplatePiece]?
        var function: PyObject?
        var mismatched: PyObject?
        if repl.isCallable {
            function = repl
        } else {
            let isText: Bool
            if case .str = repl.builtinValue.storage { isText = true } else { isText = false }
            guard isText || repl.builtinValue.heap is PyBytes else {
                throw PyException.typeError("decoding to str: need a bytes-like object, \(repl.typeName) found")
            }
            if isText == pattern.isBytes {
                // CPython joins such a replacement with the pieces of the subject, and the join fails.
                mismatched = repl
            } else {
                let text = try templateText(repl, bytes: pattern.isBytes)
                template = text.unicodeScalars.contains("\\") ? try reportingSyntax(types, repl) { try pattern.template(text) } : [.text(text)]
            }
        }
        var pieces: [PyObject] = []
        var last = 0, count = 0
        if limit >= 0 {
            try pattern.scan(subject, from: 0, end: subject.text.count) { record in
                let (start, end) = record.span(0)
                if last < start { pieces.append(subject.piece(last, start)) }
                if let mismatched {
                    pieces.append(mismatched)
                } else if let template {
                    pieces.append(pattern.expand(template, subject, record))
                } else if let function {
                    let item = try function(try makeMatch(types, this, pattern, subject, record, 0, subject.text.count))
                    if !item.isNone { pieces.append(item) }
                }
                last = end
                count += 1
                return limit == 0 || count < limit
            }
        }
        if last < subject.text.count { pieces.append(subject.piece(last, subject.text.count)) }
        var result: [UInt32] = []
        for (index, piece) in pieces.enumerated() {
            if !pattern.isBytes, case .str(let text) = piece.builtinValue.storage {
                result += text.unicodeScalars.map(\.value)
            } else if pattern.isBytes, let bytes = piece.builtinValue.heap as? PyBytes {
                result += bytes.bytes.map(UInt32.init)
            } else {
                let wanted = pattern.isBytes ? "a bytes-like object" : "str instance"
                throw PyException.typeError("sequence item \(index): expected \(wanted), \(piece.typeName) found")
            }
        }
        return (Subject.make(result[...], bytes: pattern.isBytes), count)
    }
}
