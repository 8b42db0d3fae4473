import Foundation

extension PyObject {
    /// `format(x, spec)`: `__format__` and the format-spec mini-language.
    public func format(_ spec: String = "") throws -> String {
        if case .heap(let object) = storage, object.pyType.isHeapType, let method = object.pyType.overrides("__format__") {
            let result = try method.callBound(self, [PyObject(spec)])
            guard case .str(let text) = result.storage else {
                throw PyException.typeError("__format__ must return a str, not \(result.typeName)")
            }
            return text
        }
        return try PyFormatting.formatBuiltin(self, spec)
    }
}

enum PyFormatting {
    static func parse(_ spec: String) throws -> FormatSpec {
        do { return try FormatSpec(parsing: spec) } catch { throw PyException.valueError("Invalid format specifier '\(spec)'") }
    }

    static func formatBuiltin(_ value: PyObject, _ spec: String) throws -> String {
        let base = value.builtinValue
        switch base.storage {
        case .str(let text):
            if spec.isEmpty { return text }
            let parsed = try parse(spec)
            if let type = parsed.type, type != "s" {
                throw PyException.valueError("Unknown format code '\(type)' for object of type 'str'")
            }
            if parsed.sign == " " { throw PyException.valueError("Space not allowed in string format specifier") }
            if parsed.sign != "-" { throw PyException.valueError("Sign not allowed in string format specifier") }
            if parsed.alternate { throw PyException.valueError("Alternate form (#) not allowed in string format specifier") }
            if parsed.align == "=" { throw PyException.valueError("'=' alignment not allowed in string format specifier") }
            if parsed.grouping != nil { throw PyException.valueError("Cannot specify '\(parsed.grouping!)' with 's'.") }
            return parsed.apply(toText: text)
        case .bool(let flag):
            if spec.isEmpty { return flag ? "True" : "False" }
            return try formatInt(PyObject(flag ? 1 : 0), spec, typeName: "bool")
        case .int, .big:
            if spec.isEmpty { return try base.repr() }
            return try formatInt(base, spec)
        case .float(let number):
            if spec.isEmpty { return FloatRepr.repr(number) }
            let parsed = try parse(spec)
            if let type = parsed.type, !"eEfFgGn%".contains(type) {
                throw PyException.valueError("Unknown format code '\(type)' for object of type 'float'")
            }
            if parsed.alternate && parsed.type == nil && parsed.precision == nil { }
            return parsed.apply(toDouble: number)
        case .heap(let complex as PyComplex):
            return try ComplexArithmetic.format(complex, spec)
        default:
            if spec.isEmpty { return try value.str() }
            throw PyException.typeError("unsupported format string passed to \(value.typeName).__format__")
        }
    }

    static func formatInt(_ value: PyObject, _ spec: String, typeName: String = "int") throws -> String {
        let parsed = try parse(spec)
        if let type = parsed.type, !"bcdoxXneEfFgG%".contains(type) {
            throw PyException.valueError("Unknown format code '\(type)' for object of type '\(typeName)'")
        }
        if parsed.precision != nil && (parsed.type == nil || "bcdoxXn".contains(parsed.type!)) {
            throw PyException.valueError("Precision not allowed in integer format specifier")
        }
        if parsed.type == "c" {
            if parsed.sign != "-" { throw PyException.valueError("Sign not allowed with integer format specifier 'c'") }
            let code = try value.toInt()
            guard (0...0x10FFFF).contains(code) else { throw PyException.overflow("%c arg not in range(0x110000)") }
        }
        if parsed.grouping == "," && parsed.type != nil && "bcoxXn".contains(parsed.type!) {
            throw PyException.valueError("Cannot specify ',' with '\(parsed.type!)'.")
        }
        if case .int(let small) = value.storage { return parsed.apply(toInt: small) }
        guard let big = value.bigValue else { return try value.repr() }
        if let type = parsed.type, "eEfFgG%".contains(type) {
            guard let double = big.toDouble() else { throw PyException.overflow("int too large to convert to float") }
            return parsed.apply(toDouble: double)
        }
        // Past 64 bits: lay out the digits here, then pad as a string would be.
        let radix: Int, prefix: String
        switch parsed.type {
        case "b": radix = 2; prefix = "0b"
        case "o": radix = 8; prefix = "0o"
        case "x": radix = 16; prefix = "0x"
        case "X": radix = 16; prefix = "0X"
        default: radix = 10; prefix = ""
        }
        var digits = BigInt(negative: false, limbs: big.limbs).toString(radix: radix, uppercase: parsed.type == "X")
        if let separator = parsed.grouping {
            let size = radix == 10 ? 3 : 4
            var grouped: [Character] = []
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % size == 0 { grouped.append(separator) }
                grouped.append(digit)
            }
            digits = String(grouped)
        }
        let sign = big.negative ? "-" : (parsed.sign == "+" ? "+" : (parsed.sign == " " ? " " : ""))
        let head = sign + (parsed.alternate ? prefix : "")
        let fill = parsed.fill ?? (parsed.zeroPad ? "0" : " ")
        let align = parsed.align ?? (parsed.zeroPad ? "=" : ">")
        let missing = parsed.width - head.count - digits.count
        if missing <= 0 { return head + digits }
        let padding = String(repeating: fill, count: missing)
        switch align {
        case "<": return head + digits + padding
        case "^": return String(repeating: fill, count: missing / 2) + head + digits + String(repeating: fill, count: missing - missing / 2)
        case "=": return head + padding + digits
        default: return padding + head + digits
        }
    }

    // MARK: str.format

    static func format(_ template: String, _ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> String {
        var out = ""
        var automatic = 0
        var usedManual = false, usedAutomatic = false
        let chars = Array(template)
        var index = 0
        while index < chars.count {
            let character = chars[index]
            if character == "{" {
                if index + 1 < chars.count && chars[index + 1] == "{" { out.append("{"); index += 2; continue }
                var depth = 1
                var end = index + 1
                while end < chars.count && depth > 0 {
                    if chars[end] == "{" { depth += 1 } else if chars[end] == "}" { depth -= 1 }
                    if depth > 0 { end += 1 }
                }
                guard end < chars.count else { throw PyException.valueError("Single '{' encountered in format string") }
                let field = String(chars[(index + 1)..<end])
                out += try replaceField(field, arguments, keywords, &automatic, &usedManual, &usedAutomatic)
                index = end + 1
            } else if character == "}" {
                if index + 1 < chars.count && chars[index + 1] == "}" { out.append("}"); index += 2; continue }
                throw PyException.valueError("Single '}' encountered in format string")
            } else {
                out.append(character)
                index += 1
            }
        }
        return out
    }

    private static func replaceField(_ field: String, _ arguments: [PyObject], _ keywords: [(String, PyObject)],
                                     _ automatic: inout Int, _ usedManual: inout Bool, _ usedAutomatic: inout Bool) throws -> String {
        var name = field
        var spec = ""
        var conversion: Character?
        if let colon = firstTopLevel(field, ":") {
            name = String(field[..<colon])
            spec = String(field[field.index(after: colon)...])
        }
        if let bang = name.firstIndex(of: "!") {
            let rest = name[name.index(after: bang)...]
            guard rest.count == 1 else { throw PyException.valueError("expected ':' after conversion specifier") }
            conversion = rest.first
            name = String(name[..<bang])
        }
        if spec.contains("{") {
            spec = try format(spec, arguments, keywords)
        }
        // The first part names an argument; the rest are `.attr` and `[key]` lookups.
        var head = name
        var rest = Substring("")
        if let split = name.firstIndex(where: { $0 == "." || $0 == "[" }) {
            head = String(name[..<split])
            rest = name[split...]
        }
        var value: PyObject
        if head.isEmpty {
            if usedManual { throw PyException.valueError("cannot switch from manual field specification to automatic field numbering") }
            usedAutomatic = true
            guard automatic < arguments.count else {
                throw PyException.indexError("Replacement index \(automatic) out of range for positional args tuple")
            }
            value = arguments[automatic]
            automatic += 1
        } else if let number = Int(head) {
            if usedAutomatic { throw PyException.valueError("cannot switch from automatic field numbering to manual field specification") }
            usedManual = true
            guard number < arguments.count else {
                throw PyException.indexError("Replacement index \(number) out of range for positional args tuple")
            }
            value = arguments[number]
        } else {
            guard let found = keywords.last(where: { $0.0 == head }) else { throw PyException.keyError(PyObject(head)) }
            value = found.1
        }
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                value = try value.attribute(String(rest[..<end]))
                rest = rest[end...]
            } else if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { throw PyException.valueError("Missing ']' in format string") }
                let key = String(rest[rest.index(after: rest.startIndex)..<close])
                value = try value.item(Int(key).map { PyObject($0) } ?? PyObject(key))
                rest = rest[rest.index(after: close)...]
            } else {
                throw PyException.valueError("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        switch conversion {
        case "r": value = PyObject(try value.repr())
        case "s": value = PyObject(try value.str())
        case "a": value = PyObject(Py.asciiEscaped(try value.repr()))
        case nil: break
        case let other?: throw PyException.valueError("Unknown conversion specifier \(other)")
        }
        return try value.format(spec)
    }

    private static func firstTopLevel(_ text: String, _ target: Character) -> String.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "[" { depth += 1 } else if character == "]" { depth -= 1 } else if character == target && depth == 0 { return index }
            index = text.index(after: index)
        }
        return nil
    }
}

/// `"%s and %d" % values`: printf-style formatting with CPython's rules and messages.
enum PercentFormat {
    static func format(_ template: String, _ values: PyObject) throws -> String {
        var arguments: [PyObject]
        var mapping: PyObject?
        if let tuple = values.builtinValue.heap as? PyTupleStorage { arguments = tuple.items } else { arguments = [values] }
        // CPython treats any argument with __getitem__ other than a tuple or str as a mapping.
        if !(values.builtinValue.heap is PyTupleStorage), values.heap != nil, values.pyType.lookup("__getitem__") != nil {
            mapping = values
        }
        var next = 0
        var out = ""
        let chars = Array(template)
        var index = 0
        var usedMapping = false
        while index < chars.count {
            let character = chars[index]
            guard character == "%" else { out.append(character); index += 1; continue }
            index += 1
            guard index < chars.count else { throw PyException.valueError("incomplete format") }
            var key: String?
            if chars[index] == "(" {
                var depth = 1
                var end = index + 1
                while end < chars.count && depth > 0 {
                    if chars[end] == "(" { depth += 1 } else if chars[end] == ")" { depth -= 1 }
                    if depth > 0 { end += 1 }
                }
                guard end < chars.count else { throw PyException.valueError("incomplete format key") }
                key = String(chars[(index + 1)..<end])
                index = end + 1
            }
            var flags = ""
            while index < chars.count, "-+ #0".contains(chars[index]) { flags.append(chars[index]); index += 1 }
            func takeArgument() throws -> PyObject {
                if let key {
                    guard let mapping else { throw PyException.typeError("format requires a mapping") }
                    usedMapping = true
                    return try mapping.item(PyObject(key))
                }
                guard next < arguments.count else { throw PyException.typeError("not enough arguments for format string") }
                next += 1
                return arguments[next - 1]
            }
            var width: Int?
            if index < chars.count, chars[index] == "*" {
                width = try takeArgument().toInt(); index += 1
                if width! < 0 { flags.append("-"); width = -width! }
            } else {
                var digits = ""
                while index < chars.count, chars[index].isASCII, chars[index].isNumber { digits.append(chars[index]); index += 1 }
                width = Int(digits)
            }
            var precision: Int?
            if index < chars.count, chars[index] == "." {
                index += 1
                if index < chars.count, chars[index] == "*" { precision = try takeArgument().toInt(); index += 1 } else {
                    var digits = ""
                    while index < chars.count, chars[index].isASCII, chars[index].isNumber { digits.append(chars[index]); index += 1 }
                    precision = Int(digits) ?? 0
                }
            }
            while index < chars.count, "hlL".contains(chars[index]) { index += 1 }
            guard index < chars.count else { throw PyException.valueError("incomplete format") }
            let conversion = chars[index]
            index += 1
            if conversion == "%" { out.append("%"); continue }
            let value = try takeArgument()
            var body: String
            var numeric = false
            switch conversion {
            case "s": body = try value.str()
            case "r": body = try value.repr()
            case "a": body = Py.asciiEscaped(try value.repr())
            case "d", "i", "u":
                numeric = true
                guard value.isNumber || value.builtinValue.isNumber else {
                    throw PyException.typeError("%\(conversion) format: a real number is required, not \(value.typeName)")
                }
                let integer = value.builtinValue.isIntegral ? try IntParsing.construct(value.builtinValue, base: nil) : try IntParsing.fromDouble(try value.toDouble())
                body = try integer.repr()
                if let precision, body.trimmingCharacters(in: ["-"]).count < precision {
                    let negative = body.hasPrefix("-")
                    let digits = negative ? String(body.dropFirst()) : body
                    body = (negative ? "-" : "") + String(repeating: "0", count: precision - digits.count) + digits
                }
            case "x", "X", "o":
                numeric = true
                guard value.builtinValue.isIntegral else {
                    throw PyException.typeError("%\(conversion) format: an integer is required, not \(value.typeName)")
                }
                var spec = flags.contains("#") ? "#" : ""
                spec.append(conversion)
                body = try PyFormatting.formatInt(value.builtinValue, spec)
            case "e", "E", "f", "F", "g", "G":
                numeric = true
                guard value.isNumber || value.builtinValue.isNumber else {
                    throw PyException.typeError("must be real number, not \(value.typeName)")
                }
                let number = try value.toDouble()
                if !number.isFinite {
                    body = number.isNaN ? "nan" : (number < 0 ? "-inf" : "inf")
                    if conversion.isUppercase { body = body.uppercased() }
                } else {
                    body = CFormat.double(number, "\(flags.contains("#") ? "#" : "").\(precision ?? 6)\(conversion)")
                }
            case "c":
                if case .str(let text) = value.storage, text.unicodeScalars.count == 1 { body = text } else {
                    guard value.builtinValue.isIntegral else { throw PyException.typeError("%c requires int or char") }
                    guard let code = try? value.toInt(), (0...0x10FFFF).contains(code) else { throw PyException.overflow("%c arg not in range(0x110000)") }
                    guard let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: code)) else { throw PyException.overflow("%c arg not in range(0x110000)") }
                    body = String(Character(scalar))
                }
            default:
                throw PyException.valueError("unsupported format character '\(conversion)' (0x\(String(conversion.unicodeScalars.first!.value, radix: 16))) at index \(index - 1)")
            }
            if !numeric, let precision, conversion == "s" || conversion == "r" || conversion == "a" {
                body = String(body.prefix(precision))
            }
            if numeric && !body.hasPrefix("-") {
                if flags.contains("+") { body = "+" + body } else if flags.contains(" ") { body = " " + body }
            }
            if let width, body.count < width {
                let missing = width - body.count
                if flags.contains("-") { body += String(repeating: " ", count: missing) }
                else if flags.contains("0") && numeric && (body.last?.isNumber ?? false || body.last?.isHexDigit ?? false) {
                    let signEnd = body.firstIndex(where: { !"+- ".contains($0) }) ?? body.startIndex
                    var prefixEnd = signEnd
                    if body[signEnd...].hasPrefix("0x") || body[signEnd...].hasPrefix("0X") || body[signEnd...].hasPrefix("0o") {
                        prefixEnd = body.index(signEnd, offsetBy: 2)
                    }
                    body = String(body[..<prefixEnd]) + String(repeating: "0", count: missing) + String(body[prefixEnd...])
                } else { body = String(repeating: " ", count: missing) + body }
            }
            out += body
        }
        if mapping == nil || !usedMapping, next < arguments.count, mapping == nil {
            throw PyException.typeError("not all arguments converted during string formatting")
        }
        return out
    }
}
