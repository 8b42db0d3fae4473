/// `json`'s encoder: CPython 3.11's `_make_iterencode`, chunk for chunk, so a `fp.write` given to
/// `json.dump` sees the same pieces, and `encode` is their concatenation. `encode` of a whole value
/// runs CPython's C encoder there, whose one observable difference is the shorter message for a
/// NaN under `allow_nan=False`; `cStyle` selects it.
struct JsonEncoding {
    var skipKeys = false
    var ensureASCII = true
    var checkCircular = true
    var allowNaN = true
    var sortKeys = false
    var indent: String?
    var itemSeparator = ", "
    var keySeparator = ": "
    var defaultFunction: PyObject = .none
    var cStyle = false

    private var markers: Set<ObjectIdentifier> = []
    private(set) var chunks: [String] = []
    private var depth = 0

    /// The options of a `JSONEncoder` instance, read as its `iterencode` reads them.
    init(encoder: PyObject, oneShot: Bool) throws {
        skipKeys = try encoder.attribute("skipkeys").truthy()
        ensureASCII = try encoder.attribute("ensure_ascii").truthy()
        checkCircular = try encoder.attribute("check_circular").truthy()
        allowNaN = try encoder.attribute("allow_nan").truthy()
        sortKeys = try encoder.attribute("sort_keys").truthy()
        let indentValue = try encoder.attribute("indent")
        if !indentValue.isNone {
            indent = indentValue.isStr ? try indentValue.toString() : try (PyObject(" ") * indentValue).toString()
        }
        itemSeparator = try encoder.attribute("item_separator").toString()
        keySeparator = try encoder.attribute("key_separator").toString()
        defaultFunction = try encoder.attribute("default")
        cStyle = oneShot && indentValue.isNone
    }

    // MARK: Scalars

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `encode_basestring_ascii` (every character outside printable ASCII escaped, astral ones as
    /// surrogate pairs) or `encode_basestring` (only `"`, `\` and control characters).
    static func quoted(_ text: String, ascii: Bool) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let value = scalar.value
                if value < 0x20 || (ascii && value > 0x7E) {
                    if value >= 0x10000 {
                        let offset = value - 0x10000
                        out += "\\u" + hex4(0xD800 | (offset >> 10)) + "\\u" + hex4(0xDC00 | (offset & 0x3FF))
                    } else {
                        out += "\\u" + hex4(value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    func string(_ value: PyObject) throws -> String {
        Self.quoted(try value.builtinValue.toString(), ascii: ensureASCII)
    }

    /// `int.__repr__`: an `IntEnum` member is written as its number.
    static func integer(_ value: PyObject) throws -> String {
        switch value.builtinValue.storage {
        case .int(let number): return String(number)
        case .big(let number): return number.toString()
        case .bool(let flag): return flag ? "1" : "0"
        default: return try Py.int(value).repr()
        }
    }

    func float(_ value: PyObject) throws -> String {
        let number = try value.builtinValue.toDouble()
        let text: String
        if number.isNaN { text = "NaN" } else if number == .infinity { text = "Infinity" } else if number == -.infinity { text = "-Infinity" } else {
            return FloatRepr.repr(number)
        }
        if !allowNaN {
            throw PyException.valueError(cStyle ? "Out of range float values are not JSON compliant"
                                                : "Out of range float values are not JSON compliant: " + FloatRepr.repr(number))
        }
        return text
    }

    enum Kind { case string, null, yes, no, integer, float, array, object, other }

    static func kind(_ value: PyObject) -> Kind {
        switch value.storage {
        case .str: return .string
        case .none: return .null
        case .bool(let flag): return flag ? .yes : .no
        case .int, .big: return .integer
        case .float: return .float
        case .heap(let object):
            if object is PyList || object is PyTupleStorage { return .array }
            if object is PyDictStorage { return .object }
            let type = value.pyType
            if type.isSubclass(of: PyClass.str) { return .string }
            if type.isSubclass(of: PyClass.int) { return .integer }
            if type.isSubclass(of: PyClass.float) { return .float }
            if type.isSubclass(of: PyClass.list) || type.isSubclass(of: PyClass.tuple) { return .array }
            if type.isSubclass(of: PyClass.dict) { return .object }
            return .other
        }
    }

    /// The scalar's text, or nil for containers and other objects.
    func scalar(_ value: PyObject, _ kind: Kind) throws -> String? {
        switch kind {
        case .string: return try string(value)
        case .null: return "null"
        case .yes: return "true"
        case .no: return "false"
        case .integer: return try Self.integer(value)
        case .float: return try float(value)
        case .array, .object, .other: return nil
        }
    }

    // MARK: Containers

    private mutating func enter(_ value: PyObject, what: String) throws -> ObjectIdentifier? {
        depth += 1
        if depth > CallDepth.limit {
            throw PyException.make(PyClass.recursionError, "maximum recursion depth exceeded while encoding a JSON \(what)")
        }
        guard checkCircular, let heap = value.heap else { return nil }
        let marker = ObjectIdentifier(heap)
        if markers.contains(marker) { throw PyException.valueError("Circular reference detected") }
        markers.insert(marker)
        return marker
    }

    private mutating func leave(_ marker: ObjectIdentifier?) {
        depth -= 1
        if let marker { markers.remove(marker) }
    }

    static func items(of value: PyObject) throws -> [PyObject] {
        if let list = value.builtinValue.heap as? PyList { return list.items }
        if let tuple = value.builtinValue.heap as? PyTupleStorage { return tuple.items }
        return try value.collect()
    }

    mutating func list(_ value: PyObject, level: Int) throws {
        let items = try Self.items(of: value)
        if items.isEmpty {
            chunks.append("[]")
            return
        }
        let marker = try enter(value, what: "array")
        var level = level
        var buffer = "["
        let separator: String
        var newlineIndent: String?
        if let indent {
            level += 1
            let newline = "\n" + String(repeating: indent, count: level)
            newlineIndent = newline
            separator = itemSeparator + newline
            buffer += newline
        } else {
            separator = itemSeparator
        }
        for (index, item) in items.enumerated() {
            if index > 0 { buffer = separator }
            let kind = Self.kind(item)
            if let text = try scalar(item, kind) {
                chunks.append(buffer + text)
            } else {
                chunks.append(buffer)
                try nested(item, kind, level: level)
            }
        }
        if newlineIndent != nil, let indent {
            level -= 1
            chunks.append("\n" + String(repeating: indent, count: level))
        }
        chunks.append("]")
        leave(marker)
    }

    /// The key as CPython coerces it (floats, booleans, None and ints become strings), or nil
    /// when `skipkeys` drops it.
    func key(_ key: PyObject) throws -> String? {
        switch Self.kind(key) {
        case .string: return try key.builtinValue.toString()
        case .float: return try float(key)
        case .yes: return "true"
        case .no: return "false"
        case .null: return "null"
        case .integer: return try Self.integer(key)
        default:
            if skipKeys { return nil }
            throw PyException.typeError("keys must be str, int, float, bool or None, not \(key.typeName)")
        }
    }

    mutating func dict(_ value: PyObject, level: Int) throws {
        var pairs: [(PyObject, PyObject)]
        if let storage = value.builtinValue.heap as? PyDictStorage, value.pyType.overrides("items") == nil {
            pairs = storage.entries
        } else {
            pairs = try value.callMethod("items").collect().map { try $0.unpack2() }
        }
        if pairs.isEmpty {
            chunks.append("{}")
            return
        }
        let marker = try enter(value, what: "object")
        var level = level
        chunks.append("{")
        let separator: String
        var newlineIndent: String?
        if let indent {
            level += 1
            let newline = "\n" + String(repeating: indent, count: level)
            newlineIndent = newline
            separator = itemSeparator + newline
            chunks.append(newline)
        } else {
            separator = itemSeparator
        }
        if sortKeys {
            let sorted = try Py.sorted(.list(pairs.map { PyObject.tuple([$0.0, $0.1]) })).collect()
            pairs = try sorted.map { try $0.unpack2() }
        }
        var first = true
        for (rawKey, item) in pairs {
            guard let keyText = try key(rawKey) else { continue }
            if first { first = false } else { chunks.append(separator) }
            chunks.append(Self.quoted(keyText, ascii: ensureASCII))
            chunks.append(keySeparator)
            let kind = Self.kind(item)
            if let text = try scalar(item, kind) {
                chunks.append(text)
            } else {
                try nested(item, kind, level: level)
            }
        }
        if newlineIndent != nil, let indent {
            level -= 1
            chunks.append("\n" + String(repeating: indent, count: level))
        }
        chunks.append("}")
        leave(marker)
    }

    private mutating func nested(_ value: PyObject, _ kind: Kind, level: Int) throws {
        switch kind {
        case .array: try list(value, level: level)
        case .object: try dict(value, level: level)
        default: try encode(value, level: level)
        }
    }

    /// `_iterencode`: any value; objects that are not JSON go through `default`.
    mutating func encode(_ value: PyObject, level: Int = 0) throws {
        let kind = Self.kind(value)
        if let text = try scalar(value, kind) {
            chunks.append(text)
            return
        }
        switch kind {
        case .array: try list(value, level: level)
        case .object: try dict(value, level: level)
        default:
            let marker = try enter(value, what: "object")
            let replacement = try defaultFunction(value)
            try encode(replacement, level: level)
            leave(marker)
        }
    }
}
