import Foundation

/// `int(x, base)` and `float(x)`.
enum IntParsing {
    static func construct(_ value: PyObject, base: Int?) throws -> PyObject {
        if let base {
            guard case .str(let text) = value.builtinValue.storage else {
                if let bytes = value.heap as? PyBytes { return try parse(String(decoding: bytes.bytes, as: UTF8.self), base: base) }
                throw PyException.typeError("int() can't convert non-string with explicit base")
            }
            return try parse(text, base: base)
        }
        switch value.builtinValue.storage {
        case .int, .big: return value.builtinValue
        case .bool(let flag): return PyObject(flag ? 1 : 0)
        case .float(let number): return try fromDouble(number)
        case .str(let text): return try parse(text, base: 10)
        default:
            if let bytes = value.heap as? PyBytes { return try parse(String(decoding: bytes.bytes, as: UTF8.self), base: 10) }
            if let result = try value.callSpecial("__int__", []) { return result }
            if let result = try value.callSpecial("__index__", []) { return result }
            if let result = try value.callSpecial("__trunc__", []) { return result }
            throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName)'")
        }
    }

    static func fromDouble(_ number: Double) throws -> PyObject {
        if number.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
        if number.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
        if number.magnitude < 9.2e18 { return PyObject(Int(number)) }
        return PyObject(BigInt(truncating: number))
    }

    static func parse(_ original: String, base givenBase: Int) throws -> PyObject {
        if givenBase != 0 && !(2...36).contains(givenBase) { throw PyException.valueError("int() base must be >= 2 and <= 36, or 0") }
        func invalid() -> PyException {
            PyException.valueError("invalid literal for int() with base \(givenBase): \(StringRepr.repr(original))")
        }
        var text = Substring(asciiDigits(original).trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if text.hasPrefix("-") { negative = true; text = text.dropFirst() } else if text.hasPrefix("+") { text = text.dropFirst() }
        var base = givenBase
        let lower = text.lowercased()
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        var hadPrefix = false
        for (prefix, prefixBase) in prefixes where lower.hasPrefix(prefix) && (base == 0 || base == prefixBase) {
            base = prefixBase
            text = text.dropFirst(2)
            hadPrefix = true
            if text.hasPrefix("_") { text = text.dropFirst() }
        }
        if base == 0 {
            base = 10
            if text.count > 1 && text.hasPrefix("0") && text.contains(where: { $0 != "0" && $0 != "_" }) { throw invalid() }
        }
        _ = hadPrefix
        guard !text.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__") else { throw invalid() }
        let digits = text.filter { $0 != "_" }
        if digits.count <= 18, let small = Int(digits, radix: base), digits.allSatisfy({ $0.isASCII }) {
            return PyObject(negative ? -small : small)
        }
        guard let big = BigInt(digits: Substring(digits), radix: base, negative: negative) else { throw invalid() }
        return PyObject(big)
    }

    static func float(_ value: PyObject) throws -> PyObject {
        switch value.builtinValue.storage {
        case .float: return value.builtinValue
        case .int, .big, .bool: return PyObject(try value.toDouble())
        case .str(let text): return PyObject(try parseFloat(text))
        default:
            if let result = try value.callSpecial("__float__", []) { return result }
            if let result = try value.callSpecial("__index__", []) { return PyObject(try result.toDouble()) }
            throw PyException.typeError("float() argument must be a string or a real number, not '\(value.typeName)'")
        }
    }

    /// Unicode decimal digits (`١٢٣`) read as ASCII ones, as CPython's int() and float() accept them.
    static func asciiDigits(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value > 127, scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                out.append(Unicode.Scalar(UInt8(48 + Int(value))))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func parseFloat(_ original: String) throws -> Double {
        let text = asciiDigits(original).trimmingCharacters(in: .whitespacesAndNewlines)
        let invalid = PyException.valueError("could not convert string to float: \(StringRepr.repr(original))")
        var body = Substring(text)
        var sign = 1.0
        if body.hasPrefix("-") { sign = -1; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        switch body.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: break
        }
        guard !body.isEmpty, !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__") else { throw invalid }
        let allowed = Set("0123456789.eE+-_")
        guard body.allSatisfy({ allowed.contains($0) }), body.contains(where: { $0.isNumber }) else { throw invalid }
        let cleaned = body.filter { $0 != "_" }
        guard let number = Double(cleaned) else { throw invalid }
        return sign * number
    }
}

enum NumberMethods {
    static func installInt(_ type: PyClass) {
        type.method("bit_length", arity: 0...0) { this, _ in
            guard let big = this.builtinValue.bigValue else { return PyObject(0) }
            return PyObject(big.bitLength)
        }
        type.method("bit_count", arity: 0...0) { this, _ in
            guard let big = this.builtinValue.bigValue else { return PyObject(0) }
            return PyObject(big.limbs.reduce(0) { $0 + $1.nonzeroBitCount })
        }
        type.method("conjugate", arity: 0...0) { this, _ in this.builtinValue.isIntegral ? PyObject(this.builtinValue.bigValue!) : this }
        type.method("is_integer", arity: 0...0) { _, _ in .True }
        type.method("as_integer_ratio", arity: 0...0) { this, _ in .tuple([try IntParsing.construct(this, base: nil), PyObject(1)]) }
        type.method("to_bytes") { this, arguments, keywords in
            var args = BuiltinArguments("to_bytes", arguments, keywords)
            let length = try (args.take("length") ?? args[0] ?? PyObject(1)).toInt()
            let order = try (args.take("byteorder") ?? args[1] ?? PyObject("big")).toString()
            let signed = try args.take("signed")?.truthy() ?? false
            guard let big = this.builtinValue.bigValue else { return .bytes([]) }
            if big.negative && !signed { throw PyException.overflow("can't convert negative int to unsigned") }
            var value = big
            if big.negative { value = big + BigInt(1).shiftedLeft(length * 8) }
            var bytes: [UInt8] = []
            var magnitude = value.limbs
            for _ in 0..<length {
                let (q, r) = BigInt.divideMagnitude(magnitude, by: 256)
                bytes.append(UInt8(r))
                magnitude = q
            }
            if !magnitude.isEmpty || (signed && !big.negative && length > 0 && bytes.last! >= 0x80) {
                throw PyException.overflow("int too big to convert")
            }
            return .bytes(order == "little" ? bytes : bytes.reversed())
        }
        let fromBytes = PyObject.builtin("from_bytes") { arguments, keywords in
            var args = BuiltinArguments("from_bytes", Array(arguments.dropFirst()), keywords)
            let source = args.take("bytes") ?? args[0] ?? .none
            let order = try (args.take("byteorder") ?? args[1] ?? PyObject("big")).toString()
            let signed = try args.take("signed")?.truthy() ?? false
            var bytes = try source.collect().map { UInt8(try $0.toInt()) }
            if order == "little" { bytes.reverse() }
            var value = BigInt(0)
            for byte in bytes { value = value.shiftedLeft(8) + BigInt(Int(byte)) }
            if signed, let first = bytes.first, first >= 0x80 { value = value - BigInt(1).shiftedLeft(bytes.count * 8) }
            return PyObject(value)
        }
        type.setOwn("from_bytes", PyObject(PyMethodWrapper(.classMethod, fromBytes)))
        installNumberDunders(type)
    }

    static func installFloat(_ type: PyClass) {
        type.method("is_integer", arity: 0...0) { this, _ in
            let value = try this.toDouble()
            return PyObject(value.isFinite && value == value.rounded(.towardZero))
        }
        type.method("conjugate", arity: 0...0) { this, _ in PyObject(try this.toDouble()) }
        type.method("hex", arity: 0...0) { this, _ in PyObject(floatHex(try this.toDouble())) }
        type.method("as_integer_ratio", arity: 0...0) { this, _ in
            let value = try this.toDouble()
            if value.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
            if value.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
            var mantissa = value, exponent = 0
            while mantissa != mantissa.rounded(.towardZero) { mantissa *= 2; exponent += 1 }
            var numerator = BigInt(truncating: mantissa)
            var denominator = BigInt(1).shiftedLeft(exponent)
            while exponent > 0, let low = numerator.limbs.first, low & 1 == 0 {
                numerator = numerator.shiftedRight(1); denominator = denominator.shiftedRight(1); exponent -= 1
            }
            return .tuple([PyObject(numerator), PyObject(denominator)])
        }
        let fromHex = PyObject.builtin("fromhex") { arguments, _ in
            let text = try arguments.last?.toString() ?? ""
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw PyException.valueError("invalid hexadecimal floating-point string")
            }
            return PyObject(value)
        }
        type.setOwn("fromhex", PyObject(PyMethodWrapper(.classMethod, fromHex)))
        installNumberDunders(type)
    }

    static func floatHex(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
        let sign = value < 0 ? "-" : ""
        var exponent = Int(value.magnitude.exponent)
        var significand = value.magnitude.significandBitPattern
        var lead = 1
        if value.magnitude < Double.leastNormalMagnitude { lead = 0; exponent = -1022 }
        var hex = String(significand, radix: 16)
        hex = String(repeating: "0", count: 13 - hex.count) + hex
        while hex.hasSuffix("0") && hex.count > 1 { hex.removeLast() }
        significand = 0
        return "\(sign)0x\(lead).\(hex)p\(exponent >= 0 ? "+" : "")\(exponent)"
    }

    /// The arithmetic special methods of int and float, so `super().__add__(x)` and
    /// `int.__add__(a, b)` work.
    static func installNumberDunders(_ type: PyClass) {
        let operators: [PyBinaryOperator] = [.add, .subtract, .multiply, .trueDivide, .floorDivide, .remainder, .power,
                                             .leftShift, .rightShift, .and, .or, .xor]
        for operation in operators {
            type.method(operation.dunder, arity: 1...2) { this, arguments in
                try PyObject.nativeBinary(operation, this.builtinValue, arguments[0].builtinValue) ?? .notImplemented
            }
            type.method(operation.reflected, arity: 1...2) { this, arguments in
                try PyObject.nativeBinary(operation, arguments[0].builtinValue, this.builtinValue) ?? .notImplemented
            }
        }
        let comparisons: [PyCompareOperator] = [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]
        for operation in comparisons {
            type.method(operation.dunder, arity: 1...1) { this, arguments in
                try PyObject.nativeCompare(operation, this.builtinValue, arguments[0].builtinValue) ?? .notImplemented
            }
        }
        type.method("__neg__", arity: 0...0) { this, _ in try -this.builtinValue }
        type.method("__pos__", arity: 0...0) { this, _ in try +this.builtinValue }
        type.method("__abs__", arity: 0...0) { this, _ in try PyBuiltins.absolute(this.builtinValue) }
        type.method("__bool__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.truthy()) }
        type.method("__int__", arity: 0...0) { this, _ in try IntParsing.construct(this.builtinValue, base: nil) }
        type.method("__float__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.toDouble()) }
        type.method("__hash__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.hashValue()) }
        type.method("__repr__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.repr()) }
        type.method("__str__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.repr()) }
        type.method("__format__", arity: 1...1) { this, arguments in
            PyObject(try PyFormatting.formatBuiltin(this.builtinValue, try arguments[0].toString()))
        }
        type.method("__round__", arity: 0...1) { this, arguments in
            try PyBuiltins.round(this.builtinValue, arguments.first ?? .none)
        }
        type.method("__index__", arity: 0...0) { this, _ in try this.builtinValue.indexValue() }
        type.method("__getnewargs__", arity: 0...0) { this, _ in .tuple([this.builtinValue]) }
    }
}
