import Foundation

/// `uuid`: the `UUID` class (parsing every spelling CPython accepts, its fields, reprs and
/// ordering), `uuid3`/`uuid5` on MD5/SHA-1, `uuid4` from the system's random source, and the
/// `NAMESPACE_*` constants. `uuid1` and `getnode` read the network card's address, so they are
/// refused by name.
enum UuidModule {
    static let name = "uuid"

    /// 128 bits, most significant byte first.
    struct Value: Hashable, Comparable {
        var bytes: [UInt8]

        static func < (a: Value, b: Value) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

        var hex: String { bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined() }

        var text: String {
            let digits = Array(hex)
            return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
        }

        /// The unsigned value of bytes `range` taken as one big-endian number.
        func field(_ range: Range<Int>) -> PyObject {
            var total = BigInt(0)
            for byte in bytes[range] { total = total.shiftedLeft(8) + BigInt(Int(byte)) }
            return PyObject(total)
        }

        var integer: PyObject { field(0..<16) }

        var variant: String {
            let byte = bytes[8]
            if byte & 0x80 == 0 { return "reserved for NCS compatibility" }
            if byte & 0x40 == 0 { return "specified in RFC 4122" }
            if byte & 0x20 == 0 { return "reserved for Microsoft compatibility" }
            return "reserved for future definition"
        }

        /// The RFC 4122 variant and `version` stamped into the bits that hold them.
        func stamped(_ version: Int) -> Value {
            var copy = self
            copy.bytes[8] = copy.bytes[8] & 0x3f | 0x80
            copy.bytes[6] = copy.bytes[6] & 0x0f | UInt8(version << 4)
            return copy
        }
    }

    static func parse(_ text: String) throws -> Value {
        var digits = text.replacingOccurrences(of: "urn:", with: "").replacingOccurrences(of: "uuid:", with: "")
        digits = digits.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).replacingOccurrences(of: "-", with: "")
        let characters = Array(digits)
        guard characters.count == 32 else { throw PyException.valueError("badly formed hexadecimal UUID string") }
        guard characters.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
            throw PyException.valueError("invalid literal for int() with base 16: \(PyObject(digits).pythonRepr)")
        }
        return Value(bytes: stride(from: 0, to: 32, by: 2).map { UInt8(String(characters[$0...$0 + 1]), radix: 16)! })
    }

    static func fromInteger(_ value: PyObject) throws -> Value {
        guard let big = value.builtinValue.bigValue, try value >= 0, try value < (try PyObject(1) << PyObject(128)) else {
            throw PyException.valueError("int is out of range (need a 128-bit value)")
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        var remaining = big
        for index in stride(from: 15, through: 0, by: -1) {
            let (quotient, remainder) = remaining.floorDivMod(BigInt(256))
            bytes[index] = UInt8(remainder.asInt ?? 0)
            remaining = quotient
        }
        return Value(bytes: bytes)
    }

    static func byteArgument(_ value: PyObject, _ what: String) throws -> [UInt8] {
        guard let data = value.builtinValue.heap as? PyBytes, data.bytes.count == 16 else {
            throw PyException.valueError("\(what) is not a 16-char string")
        }
        return data.bytes
    }

    static func value(_ object: PyObject) throws -> Value { try DatetimeModule.payload(object, Value.self).unwrap() }

    static func build() throws -> PyObject {
        func property(_ name: String, _ body: @escaping (Value) throws -> PyObject) -> PyObject {
            DatetimeModule.property(name) { try body(try value($0)) }
        }
        let uuidClass = try PyObject.makeClass("UUID") { namespace in
            namespace["__module__"] = PyObject(name)
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "hex", "bytes", "bytes_le", "fields", "int", "version"],
                                                                              defaults: [.none, .none, .none, .none, .none, .none],
                                                                              keywordOnly: ["is_safe"], keywordDefaults: ["is_safe": .none])) { arguments in
                let given = arguments[1...5].filter { !$0.isNone }.count
                guard given == 1 else {
                    throw PyException.typeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given")
                }
                var result: Value
                if !arguments[1].isNone {
                    result = try parse(try arguments[1].toString())
                } else if !arguments[2].isNone {
                    result = Value(bytes: try byteArgument(arguments[2], "bytes"))
                } else if !arguments[3].isNone {
                    let little = try byteArgument(arguments[3], "bytes_le")
                    result = Value(bytes: Array(little[0..<4].reversed()) + Array(little[4..<6].reversed()) + Array(little[6..<8].reversed()) + Array(little[8...]))
                } else if !arguments[4].isNone {
                    let fields = try arguments[4].collect()
                    guard fields.count == 6 else { throw PyException.valueError("fields is not a 6-tuple") }
                    let limits: [(Int, String)] = [(32, "time_low"), (16, "time_mid"), (16, "time_hi_version"), (8, "clock_seq_hi_variant"),
                                                   (8, "clock_seq_low"), (48, "node")]
                    var total: PyObject = 0
                    for (field, (bits, label)) in zip(fields, limits) {
                        guard try field >= 0, try field < (try PyObject(1) << PyObject(bits)) else {
                            throw PyException.valueError("field \(limits.firstIndex { $0.1 == label }! + 1) out of range (need a \(bits)-bit value)")
                        }
                        total = try (total << PyObject(bits)) | field
                    }
                    result = try fromInteger(total)
                } else {
                    result = try fromInteger(arguments[5])
                }
                if !arguments[6].isNone {
                    let version = try arguments[6].toInt()
                    guard (1...5).contains(version) else { throw PyException.valueError("illegal version number") }
                    result = result.stamped(version)
                }
                arguments[0].setNativePayload(result)
                return .none
            }
            namespace["__str__"] = DateClass.method("__str__") { arguments in PyObject(try value(arguments[0]).text) }
            namespace["__repr__"] = DateClass.method("__repr__") { arguments in
                PyObject("\(arguments[0].typeName)(\(PyObject(try value(arguments[0]).text).pythonRepr))")
            }
            namespace["__int__"] = DateClass.method("__int__") { arguments in try value(arguments[0]).integer }
            namespace["__hash__"] = DateClass.method("__hash__") { arguments in PyObject(try value(arguments[0]).integer.hashValue()) }
            namespace["__setattr__"] = DateClass.method("__setattr__", ["name", "value"]) { _ in
                throw PyException.typeError("UUID objects are immutable")
            }
            DatetimeModule.installComparisons(namespace) { this, other, _ in
                guard let theirs = DatetimeModule.payload(other, Value.self) else { return nil }
                return DatetimeModule.threeWay(try value(this), theirs)
            }
            namespace["hex"] = property("hex") { PyObject($0.hex) }
            namespace["int"] = property("int") { $0.integer }
            namespace["urn"] = property("urn") { PyObject("urn:uuid:" + $0.text) }
            namespace["bytes"] = property("bytes") { .bytes($0.bytes) }
            namespace["bytes_le"] = property("bytes_le") { uuid in
                .bytes(Array(uuid.bytes[0..<4].reversed()) + Array(uuid.bytes[4..<6].reversed()) + Array(uuid.bytes[6..<8].reversed()) + Array(uuid.bytes[8...]))
            }
            namespace["variant"] = property("variant") { PyObject($0.variant) }
            namespace["version"] = property("version") { uuid in
                uuid.variant == "specified in RFC 4122" ? PyObject(Int(uuid.bytes[6] >> 4)) : .none
            }
            namespace["time_low"] = property("time_low") { $0.field(0..<4) }
            namespace["time_mid"] = property("time_mid") { $0.field(4..<6) }
            namespace["time_hi_version"] = property("time_hi_version") { $0.field(6..<8) }
            namespace["clock_seq_hi_variant"] = property("clock_seq_hi_variant") { $0.field(8..<9) }
            namespace["clock_seq_low"] = property("clock_seq_low") { $0.field(9..<10) }
            namespace["node"] = property("node") { $0.field(10..<16) }
            namespace["fields"] = property("fields") { uuid in
                .tuple([uuid.field(0..<4), uuid.field(4..<6), uuid.field(6..<8), uuid.field(8..<9), uuid.field(9..<10), uuid.field(10..<16)])
            }
            namespace["clock_seq"] = property("clock_seq") { uuid in
                PyObject((Int(uuid.bytes[8]) & 0x3f) << 8 | Int(uuid.bytes[9]))
            }
            namespace["time"] = property("time") { uuid in
                let high = try uuid.field(6..<8) & PyObject(0x0fff)
                return try (high << PyObject(48)) | (uuid.field(4..<6) << PyObject(32)) | uuid.field(0..<4)
            }
        }
        let uuidType = try DatetimeModule.classOf(uuidClass)
        func make(_ uuid: Value) -> PyObject { DatetimeModule.instance(uuidType, uuid) }
        func named(_ digest: @escaping ([UInt8]) -> [UInt8], version: Int) -> ([PyObject]) throws -> PyObject {
            { arguments in
                let namespaceBytes = try value(arguments[0]).bytes
                guard arguments[1].isStr else { throw PyException.typeError("encoding without a string argument") }
                let nameBytes = Array(try arguments[1].toString().utf8)
                return make(Value(bytes: Array(digest(namespaceBytes + nameBytes).prefix(16))).stamped(version))
            }
        }
        let namespaces: [(String, String)] = [("NAMESPACE_DNS", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), ("NAMESPACE_URL", "6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
                                              ("NAMESPACE_OID", "6ba7b812-9dad-11d1-80b4-00c04fd430c8"), ("NAMESPACE_X500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8")]
        return buildModule(name, try namespaces.map { ($0.0, make(try parse($0.1))) } + [
            ("UUID", uuidClass),
            ("RESERVED_NCS", "reserved for NCS compatibility"),
            ("RFC_4122", "specified in RFC 4122"),
            ("RESERVED_MICROSOFT", "reserved for Microsoft compatibility"),
            ("RESERVED_FUTURE", "reserved for future definition"),
            ("uuid3", PyObject.moduleFunction(name, "uuid3", PySignature(["namespace", "name"]), named(Digests.md5, version: 3))),
            ("uuid5", PyObject.moduleFunction(name, "uuid5", PySignature(["namespace", "name"]), named(Digests.sha1, version: 5))),
            ("uuid4", PyObject.moduleFunction(name, "uuid4", PySignature()) { _ in
                var generator = SystemRandomNumberGenerator()
                return make(Value(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).stamped(4))
            }),
            ("uuid1", OutsideSurface.refusal(name, "uuid1", "reads the network card's hardware address")),
            ("getnode", OutsideSurface.refusal(name, "getnode", "reads the network card's hardware address")),
        ])
    }
}
