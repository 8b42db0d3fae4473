import Foundation

/// `json`, with `json.decoder` and `json.encoder`: `dumps`/`loads` and the subclassable
/// `JSONEncoder` and `JSONDecoder` as CPython 3.11's, `JSONDecodeError` with its positions.
/// `dump` and `load` take any object with `write` or `read` (`sys.stdout`, a class of the note's);
/// a file is outside the surface, so anything else is refused by name.
enum JsonModule {
    static let name = "json"

    static let decodeError: PyObject = makeOnce {
        try PyObject.makeClass("JSONDecodeError", bases: [PyObject(PyClass.valueError)]) { namespace in
            namespace["__module__"] = "json.decoder"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "msg", "doc", "pos"])) { arguments in
                let this = arguments[0], message = arguments[1], document = arguments[2], position = arguments[3]
                let text = Array(try document.toString().unicodeScalars)
                let pos = try position.toInt()
                let before = text.prefix(max(0, min(pos, text.count)))
                let lineno = before.filter { $0 == "\n" }.count + 1
                let colno = pos - (before.lastIndex(of: "\n") ?? -1)
                let errmsg = "\(try message.str()): line \(lineno) column \(colno) (char \(pos))"
                (this.heap as? PyInstance)?.exception?.arguments = [PyObject(errmsg)]
                try this.setAttribute("msg", message)
                try this.setAttribute("doc", document)
                try this.setAttribute("pos", position)
                try this.setAttribute("lineno", PyObject(lineno))
                try this.setAttribute("colno", PyObject(colno))
                return .none
            }
        }
    }

    static let encoderClass: PyObject = makeOnce { try makeEncoderClass() }
    static let decoderClass: PyObject = makeOnce { try makeDecoderClass() }

    private static func makeOnce(_ make: () throws -> PyObject) -> PyObject {
        do { return try make() } catch { fatalError("building a json class failed: \(error)") }
    }

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [],
                       keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:],
                       _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, keywordOnly: keywordOnly,
                                            keywordDefaults: keywordDefaults), body)
    }

    // MARK: JSONEncoder

    static let encoderOptions = ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys", "indent", "separators", "default"]
    static let encoderDefaults: [String: PyObject] = [
        "skipkeys": false, "ensure_ascii": true, "check_circular": true, "allow_nan": true, "sort_keys": false,
        "indent": .none, "separators": .none, "default": .none,
    ]

    static func chunks(_ encoder: PyObject, _ value: PyObject, oneShot: Bool) throws -> [String] {
        var encoding = try JsonEncoding(encoder: encoder, oneShot: oneShot)
        try encoding.encode(value)
        return encoding.chunks
    }

    static func makeEncoderClass() throws -> PyObject {
        try PyObject.makeClass("JSONEncoder") { namespace in
            namespace["__module__"] = "json.encoder"
            namespace["item_separator"] = ", "
            namespace["key_separator"] = ": "
            namespace["__init__"] = method("__init__", keywordOnly: encoderOptions, keywordDefaults: encoderDefaults) { arguments in
                let this = arguments[0]
                for (offset, option) in ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys", "indent"].enumerated() {
                    try this.setAttribute(option, arguments[1 + offset])
                }
                let separators = arguments[7], fallback = arguments[8]
                if !separators.isNone {
                    let (item, key) = try separators.unpack2()
                    try this.setAttribute("item_separator", item)
                    try this.setAttribute("key_separator", key)
                } else if !arguments[6].isNone {
                    try this.setAttribute("item_separator", ",")
                }
                if !fallback.isNone { try this.setAttribute("default", fallback) }
                return .none
            }
            namespace["default"] = method("default", ["o"]) { arguments in
                throw PyException.typeError("Object of type \(arguments[1].typeName) is not JSON serializable")
            }
            namespace["encode"] = method("encode", ["o"]) { arguments in
                let this = arguments[0], value = arguments[1]
                if value.pyType.isSubclass(of: PyClass.str) {
                    return PyObject(JsonEncoding.quoted(try value.builtinValue.toString(), ascii: try this.attribute("ensure_ascii").truthy()))
                }
                let pieces = try this.callMethod("iterencode", [value], keywords: [("_one_shot", true)])
                if let list = pieces.heap as? PyList { return PyObject(try list.items.map { try $0.toString() }.joined()) }
                return PyObject(try pieces.collect().map { try $0.toString() }.joined())
            }
            namespace["iterencode"] = method("iterencode", ["o", "_one_shot"], defaults: [false]) { arguments in
                let oneShot = try arguments[2].truthy()
                let pieces = try chunks(arguments[0], arguments[1], oneShot: oneShot).map { PyObject($0) }
                // One-shot encoding (what `encode` asks for) is CPython's C encoder, which returns a
                // list; otherwise a lazy iterator of the same chunks.
                if oneShot { return .list(pieces) }
                var index = 0
                return PyObject.nativeIterator("generator") {
                    guard index < pieces.count else { return nil }
                    index += 1
                    return pieces[index - 1]
                }
            }
        }
    }

    // MARK: JSONDecoder

    static func makeDecoderClass() throws -> PyObject {
        try PyObject.makeClass("JSONDecoder") { namespace in
            namespace["__module__"] = "json.decoder"
            let options = ["object_hook", "parse_float", "parse_int", "parse_constant", "strict", "object_pairs_hook"]
            namespace["__init__"] = method("__init__", keywordOnly: options, keywordDefaults: [
                "object_hook": .none, "parse_float": .none, "parse_int": .none, "parse_constant": .none,
                "strict": true, "object_pairs_hook": .none,
            ]) { arguments in
                let this = arguments[0]
                try this.setAttribute("object_hook", arguments[1])
                try this.setAttribute("parse_float", try arguments[2].truthy() ? arguments[2] : Py.float)
                try this.setAttribute("parse_int", try arguments[3].truthy() ? arguments[3] : Py.int)
                try this.setAttribute("parse_constant", arguments[4])
                try this.setAttribute("strict", arguments[5])
                try this.setAttribute("object_pairs_hook", arguments[6])
                return .none
            }
            namespace["decode"] = method("decode", ["s"]) { arguments in
                var scanner = try JsonScanner(try textArgument(arguments[1]), decoder: arguments[0])
                return try scanner.decode()
            }
            namespace["raw_decode"] = method("raw_decode", ["s", "idx"], defaults: [0]) { arguments in
                var scanner = try JsonScanner(try textArgument(arguments[1]), decoder: arguments[0])
                let start = try arguments[2].toInt()
                if start < 0 { throw PyException.valueError("idx cannot be negative") }
                let (value, end) = try scanner.rawDecode(at: start)
                return .tuple([value, PyObject(end)])
            }
        }
    }

    static func textArgument(_ value: PyObject) throws -> PyObject {
        guard value.pyType.isSubclass(of: PyClass.str) else {
            throw PyException.typeError("expected string or bytes-like object, got '\(value.typeName)'")
        }
        return value
    }

    /// `json.detect_encoding` and the decoding `loads` does of bytes.
    static func decodedBytes(_ bytes: [UInt8]) throws -> PyObject {
        func startsWith(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        var encoding: String.Encoding = .utf8
        var body = bytes[...]
        if startsWith([0, 0, 0xFE, 0xFF]) || startsWith([0xFF, 0xFE, 0, 0]) {
            encoding = .utf32
        } else if startsWith([0xFE, 0xFF]) || startsWith([0xFF, 0xFE]) {
            encoding = .utf16
        } else if startsWith([0xEF, 0xBB, 0xBF]) {
            body = bytes.dropFirst(3)
        } else if bytes.count >= 4 {
            if bytes[0] == 0 { encoding = bytes[1] != 0 ? .utf16BigEndian : .utf32BigEndian }
            else if bytes[1] == 0 { encoding = bytes[2] != 0 || bytes[3] != 0 ? .utf16LittleEndian : .utf32LittleEndian }
        } else if bytes.count == 2 {
            if bytes[0] == 0 { encoding = .utf16BigEndian } else if bytes[1] == 0 { encoding = .utf16LittleEndian }
        }
        if encoding == .utf8 { return try PyObject.bytes(Array(body)).callMethod("decode", ["utf-8"]) }
        guard let text = String(bytes: body, encoding: encoding) else {
            throw PyException.make(PyClass.exceptionClass(named: "UnicodeDecodeError"), "'\(encoding)' codec can't decode the bytes")
        }
        return PyObject(text)
    }

    // MARK: The module

    static func keywords(_ dict: PyObject) throws -> [(String, PyObject)] {
        guard let storage = dict.heap as? PyDictStorage else { return [] }
        return try storage.entries.map { (try $0.0.toString(), $0.1) }
    }

    static func encoder(_ arguments: [PyObject]) throws -> PyObject {
        // obj, then skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators,
        // default, sort_keys, **kw (fp comes second for `dump`, and is dropped before this).
        let cls = arguments[5].isNone ? encoderClass : arguments[5]
        var given: [(String, PyObject)] = [
            ("skipkeys", arguments[1]), ("ensure_ascii", arguments[2]), ("check_circular", arguments[3]),
            ("allow_nan", arguments[4]), ("indent", arguments[6]), ("separators", arguments[7]),
            ("default", arguments[8]), ("sort_keys", arguments[9]),
        ]
        given += try keywords(arguments[10])
        return try cls.call([], keywords: given)
    }

    static let dumpOptions = ["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"]
    static let dumpDefaults: [String: PyObject] = [
        "skipkeys": false, "ensure_ascii": true, "check_circular": true, "allow_nan": true, "cls": .none,
        "indent": .none, "separators": .none, "default": .none, "sort_keys": false,
    ]
    static let loadOptions = ["cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook"]
    static let loadDefaults: [String: PyObject] = [
        "cls": .none, "object_hook": .none, "parse_float": .none, "parse_int": .none, "parse_constant": .none,
        "object_pairs_hook": .none,
    ]

    /// `loads(s, *, cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, **kw)`.
    static func loads(_ arguments: [PyObject]) throws -> PyObject {
        var document = arguments[0]
        if document.pyType.isSubclass(of: PyClass.str) {
            if try document.builtinValue.toString().unicodeScalars.first == "\u{FEFF}" {
                throw try PyException(raising: try decodeError.call([PyObject("Unexpected UTF-8 BOM (decode using utf-8-sig)"), document, 0]))
            }
        } else if let bytes = document.builtinValue.heap as? PyBytes {
            document = try decodedBytes(bytes.bytes)
        } else {
            throw PyException.typeError("the JSON object must be str, bytes or bytearray, not \(document.typeName)")
        }
        let cls = arguments[1].isNone ? decoderClass : arguments[1]
        var given: [(String, PyObject)] = []
        for (offset, option) in loadOptions.enumerated().dropFirst() where !arguments[1 + offset].isNone {
            given.append((option, arguments[1 + offset]))
        }
        given += try keywords(arguments[7])
        return try cls.call([], keywords: given).callMethod("decode", [document])
    }

    static func build() throws -> PyObject {
        let decoderModule = buildModule("json.decoder", [
            ("JSONDecoder", decoderClass), ("JSONDecodeError", decodeError),
        ])
        let encoderModule = buildModule("json.encoder", [
            ("JSONEncoder", encoderClass),
            ("encode_basestring", PyObject.moduleFunction("json.encoder", "encode_basestring", PySignature(["s"])) { arguments in
                PyObject(JsonEncoding.quoted(try arguments[0].toString(), ascii: false))
            }),
            ("encode_basestring_ascii", PyObject.moduleFunction("json.encoder", "encode_basestring_ascii", PySignature(["s"])) { arguments in
                PyObject(JsonEncoding.quoted(try arguments[0].toString(), ascii: true))
            }),
            ("INFINITY", PyObject(Double.infinity)),
        ])
        return buildModule(name, [
            ("dumps", PyObject.moduleFunction(name, "dumps", PySignature(["obj"], keywordOnly: dumpOptions, keywordDefaults: dumpDefaults, varkw: "kw")) { arguments in
                try encoder(arguments).callMethod("encode", [arguments[0]])
            }),
            ("dump", PyObject.moduleFunction(name, "dump", PySignature(["obj", "fp"], keywordOnly: dumpOptions, keywordDefaults: dumpDefaults, varkw: "kw")) { arguments in
                let stream = arguments[1]
                guard let write = try stream.findAttribute("write") else {
                    throw OutsideSurface.error("json.dump", "writes to a file")
                }
                var rest = arguments
                rest.remove(at: 1)
                let pieces = try encoder(rest).callMethod("iterencode", [arguments[0]])
                for piece in try pieces.collect() { try write(piece) }
                return .none
            }),
            ("loads", PyObject.moduleFunction(name, "loads", PySignature(["s"], keywordOnly: loadOptions, keywordDefaults: loadDefaults, varkw: "kw")) { arguments in
                try loads(arguments)
            }),
            ("load", PyObject.moduleFunction(name, "load", PySignature(["fp"], keywordOnly: loadOptions, keywordDefaults: loadDefaults, varkw: "kw")) { arguments in
                guard let read = try arguments[0].findAttribute("read") else {
                    throw OutsideSurface.error("json.load", "reads a file")
                }
                var rest = arguments
                rest[0] = try read()
                return try loads(rest)
            }),
            ("JSONDecoder", decoderClass), ("JSONDecodeError", decodeError), ("JSONEncoder", encoderClass),
            ("decoder", decoderModule), ("encoder", encoderModule),
        ])
    }
}
