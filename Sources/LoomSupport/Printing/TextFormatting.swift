/// `"%s is %d" % (name, age)` → `"%s is %d".percentFormat(name, age)`;
/// `"{} {:>5}".format(a, b)` → `"{} {:>5}".format(a, b)`.
extension String {
    /// Python's `%` operator on strings: `%s %r %d %i %u %f %F %e %E %g %G %x %X %o %c %%`, with
    /// flags `-+ 0#`, width, precision and `%(name)s` keys from `named`.
    public func percentFormat(_ args: any PythonPrintable..., named: [String: any PythonPrintable] = [:]) -> String {
        PercentFormatter(template: self, args: args, named: named).render()
    }

    /// Python's `str.format`: `{}`, `{0}`, `{name}`, conversions `!s !r`, and a format spec after `:`.
    public func format(_ args: any PythonPrintable..., named: [String: any PythonPrintable] = [:]) -> String {
        BraceFormatter(template: self, args: args, named: named).render()
    }
}

struct PercentFormatter {
    let template: String
    let args: [any PythonPrintable]
    let named: [String: any PythonPrintable]

    func render() -> String {
        let chars = Array(template)
        var out = ""
        var i = 0
        var nextArg = 0
        while i < chars.count {
            guard chars[i] == "%" else { out.append(chars[i]); i += 1; continue }
            i += 1
            guard i < chars.count else { fatalError("ValueError: incomplete format") }
            var value: (any PythonPrintable)?
            if chars[i] == "(" {
                let close = chars[i...].firstIndex(of: ")") ?? chars.count
                let key = String(chars[(i + 1)..<close])
                value = named[key]
                if value == nil { fatalError("KeyError: '\(key)'") }
                i = close + 1
            }
            var flags = ""
            while i < chars.count, "-+ 0#".contains(chars[i]) { flags.append(chars[i]); i += 1 }
            var width = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { width.append(chars[i]); i += 1 }
            var precision: String?
            if i < chars.count, chars[i] == "." {
                i += 1
                var digits = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                precision = digits.isEmpty ? "0" : digits
            }
            guard i < chars.count else { fatalError("ValueError: incomplete format") }
            let conversion = chars[i]
            i += 1
            if conversion == "%" { out.append("%"); continue }
            if value == nil {
                guard nextArg < args.count else { fatalError("TypeError: not enough arguments for format string") }
                value = args[nextArg]
                nextArg += 1
            }
            out += convert(value!, conversion, flags: flags, width: width, precision: precision)
        }
        if nextArg < args.count && named.isEmpty {
            fatalError("TypeError: not all arguments converted during string formatting")
        }
        return out
    }

    /// Each `%` conversion is the equivalent format spec: `%-5d` is `<5d`, `%05.1f` is `05.1f`.
    private func convert(_ value: any PythonPrintable, _ conversion: Character, flags: String, width: String,
                         precision: String?) -> String {
        var spec = ""
        if flags.contains("-") { spec += "<" } else if "sra".contains(conversion) { spec += ">" }
        if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
        if flags.contains("#") { spec += "#" }
        if flags.contains("0") && !flags.contains("-") && "diouxXeEfFgG".contains(conversion) { spec += "0" }
        spec += width
        switch conversion {
        case "s", "r", "a":
            let text = conversion == "s" ? value.pythonStr : value.pythonRepr
            return text.pythonFormat(spec + (precision.map { "." + $0 } ?? ""))
        case "d", "i", "u", "x", "X", "o":
            return integerConversion(integer(value), conversion, flags: flags, width: Int(width) ?? 0,
                                     precision: precision.flatMap { Int($0) })
        case "c":
            if let text = value as? String { return text.pythonFormat(spec) }
            return FormatSpec.parseOrTrap(spec + "c").apply(toInt: integer(value))
        case "e", "E", "f", "F", "g", "G":
            return FormatSpec.parseOrTrap(spec + "." + (precision ?? "6") + String(conversion))
                .apply(toDouble: real(value))
        default:
            fatalError("ValueError: unsupported format character '\(conversion)'")
        }
    }

    /// Integer conversions keep C's meaning of precision (minimum digits), which format specs
    /// lack: `'%.3d' % 5` is `005`. `%#o` writes `0o`, as Python 3 does.
    private func integerConversion(_ value: Int, _ conversion: Character, flags: String, width: Int,
                                   precision: Int?) -> String {
        let radix = conversion == "o" ? 8 : (conversion == "x" || conversion == "X" ? 16 : 10)
        var digits = String(value.magnitude, radix: radix, uppercase: conversion == "X")
        if let precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        var prefix = value < 0 ? "-" : (flags.contains("+") ? "+" : (flags.contains(" ") ? " " : ""))
        if flags.contains("#") && radix != 10 { prefix += "0" + String(conversion == "X" ? "X" : conversion) }
        let missing = width - prefix.count - digits.count
        guard missing > 0 else { return prefix + digits }
        if flags.contains("-") { return prefix + digits + String(repeating: " ", count: missing) }
        if flags.contains("0") { return prefix + String(repeating: "0", count: missing) + digits }
        return String(repeating: " ", count: missing) + prefix + digits
    }

    private func integer(_ value: any PythonPrintable) -> Int {
        switch value {
        case let number as PyNumber: return integer(number.kindValue)
        case let int as Int: return int
        case let bool as Bool: return bool ? 1 : 0
        case let double as Double where double.isFinite:
            guard let truncated = Int(exactly: double.rounded(.towardZero)) else {
                fatalError("OverflowError: \(double.pythonRepr) does not fit a 64-bit int")
            }
            return truncated
        default: fatalError("TypeError: %d format: a real number is required, not \(typeName(value))")
        }
    }

    private func real(_ value: any PythonPrintable) -> Double {
        switch value {
        case let number as PyNumber: return number.doubleValue
        case let double as Double: return double
        case let int as Int: return Double(int)
        case let bool as Bool: return bool ? 1 : 0
        default: fatalError("TypeError: must be real number, not \(typeName(value))")
        }
    }
}

struct BraceFormatter {
    let template: String
    let args: [any PythonPrintable]
    let named: [String: any PythonPrintable]

    func render() -> String {
        let chars = Array(template)
        var out = ""
        var i = 0
        var automatic = 0
        while i < chars.count {
            let char = chars[i]
            if char == "}" {
                guard i + 1 < chars.count, chars[i + 1] == "}" else {
                    fatalError("ValueError: Single '}' encountered in format string")
                }
                out.append("}")
                i += 2
                continue
            }
            guard char == "{" else { out.append(char); i += 1; continue }
            if i + 1 < chars.count, chars[i + 1] == "{" { out.append("{"); i += 2; continue }
            // The field ends at its matching brace: a spec may nest fields, as in `{:{width}}`.
            var depth = 0
            var close = i
            while close < chars.count {
                if chars[close] == "{" { depth += 1 }
                if chars[close] == "}" { depth -= 1; if depth == 0 { break } }
                close += 1
            }
            guard close < chars.count else { fatalError("ValueError: Single '{' encountered in format string") }
            let field = String(chars[(i + 1)..<close])
            i = close + 1
            var name = field
            var spec = ""
            var conversion: Character?
            if let colon = name.firstIndex(of: ":") {
                spec = String(name[name.index(after: colon)...])
                name = String(name[..<colon])
            }

            if let bang = name.firstIndex(of: "!") {
                conversion = name[name.index(after: bang)...].first
                name = String(name[..<bang])
            }
            let value = lookUp(name, automatic: &automatic)
            // Python numbers the field before the fields nested in its spec.
            if spec.contains("{") { spec = nestedFieldsReplaced(in: spec, automatic: &automatic) }
            switch conversion {
            case "r", "a": out += value.pythonRepr.pythonFormat(spec)
            case "s": out += value.pythonStr.pythonFormat(spec)
            default: out += value.pythonFormat(spec)
            }
        }
        return out
    }

    private func lookUp(_ name: String, automatic: inout Int) -> any PythonPrintable {
        if name.isEmpty {
            guard automatic < args.count else {
                fatalError("IndexError: Replacement index \(automatic) out of range for positional args tuple")
            }
            automatic += 1
            return args[automatic - 1]
        }
        if let index = Int(name) {
            guard index < args.count else {
                fatalError("IndexError: Replacement index \(index) out of range for positional args tuple")
            }
            return args[index]
        }
        guard let value = named[name] else { fatalError("KeyError: '\(name)'") }
        return value
    }

    /// `{:{width}.{precision}f}`: each nested field is replaced by `str` of its value.
    private func nestedFieldsReplaced(in spec: String, automatic: inout Int) -> String {
        var out = ""
        var rest = Substring(spec)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            out += lookUp(String(rest[rest.index(after: open)..<close]), automatic: &automatic).pythonStr
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

func typeName(_ value: any PythonPrintable) -> String {
    switch value {
    case is String: return "str"
    case is Int: return "int"
    case is Double: return "float"
    case let number as PyNumber: return number.isInt ? "int" : "float"
    case is Bool: return "bool"
    default: return String(describing: type(of: value))
    }
}
