import Foundation

/// `format(Decimal, spec)`: the mini-language as CPython applies it to decimals — digits kept
/// exactly, rounding by the current context's mode, `g` (or `G` with capitals) by default.
enum DecimalFormat {
    typealias Number = DecimalNumber

    static func format(_ number: Number, _ specText: String, _ settings: DecimalSettings) throws -> String {
        let spec = try PyFormatting.parse(specText)
        var type = spec.type
        if let given = type, !"eEfFgGn%".contains(given) {
            throw PyException.valueError("invalid format string")
        }
        // 3.11's decimal accepts only ',' as a thousands separator.
        if spec.grouping == "_" || spec.alternate { throw PyException.valueError("invalid format string") }
        if type == nil {
            type = spec.precision == nil ? nil : (settings.capitals == 1 ? "G" : "g")
        }
        var body: String
        if !number.isFinite {
            body = number.isInfinite ? "Infinity" : (number.kind == .signalingNaN ? "sNaN" : "NaN")
            if number.isNaN && !number.coefficient.isZero { body += number.digits }
            if type == "%" { body += "%" }
        } else {
            // The sign stays on for rounding (ceiling and floor depend on it); the text is unsigned.
            body = digitsText(number, type, spec, settings)
        }
        // `z` drops the sign of a value that rounds to zero.
        let roundsToZero = number.isFinite && !body.contains { ("1"..."9").contains($0) }
        let negative = number.negative && !(spec.coerceNegativeZero && roundsToZero)
        let sign = negative ? "-" : (spec.sign == "+" ? "+" : (spec.sign == " " ? " " : ""))
        return pad(sign, body, spec, numeric: number.isFinite)
    }

    /// The unsigned text of a finite value for one presentation type, rounded as its sign directs.
    static func digitsText(_ value: Number, _ type: Character?, _ spec: FormatSpec, _ settings: DecimalSettings) -> String {
        var value = value
        var ignored = DecimalConditions()
        var dotPlace: Int
        let upper = type == "E" || type == "G" || (type == nil && settings.capitals == 1)
        switch type {
        case "%", "f", "F":
            if type == "%" { value.exponent += 2 }
            if let precision = spec.precision {
                value = DecimalArithmetic.quantize(value, to: -precision, settings.rounding, working, &ignored) ?? value
            }
            if value.isZero && value.exponent > 0 { value.exponent = 0 }
            dotPlace = value.exponent + value.digitCount
        case "e", "E":
            if let precision = spec.precision { value = roundedTo(value, digits: precision + 1, settings.rounding) }
            dotPlace = 1
        default:
            if let precision = spec.precision { value = roundedTo(value, digits: max(precision, 1), settings.rounding) }
            let leftDigits = value.exponent + value.digitCount
            dotPlace = value.exponent <= 0 && leftDigits > -6 ? leftDigits : 1
        }
        var digits = value.digits
        if value.exponent > 0 && (type == "f" || type == "F" || type == "%") {
            digits += String(repeating: "0", count: value.exponent)
        }
        if value.isZero, let precision = spec.precision, type == "e" || type == "E" {
            // A zero keeps its exponent and shows `precision` more zero digits, which move the exponent.
            digits = String(repeating: "0", count: precision + 1)
        }
        var integerPart: String, fraction: String
        if dotPlace <= 0 {
            integerPart = "0"
            fraction = String(repeating: "0", count: -dotPlace) + digits
        } else if dotPlace >= digits.count {
            integerPart = digits + String(repeating: "0", count: dotPlace - digits.count)
            fraction = ""
        } else {
            integerPart = String(digits.prefix(dotPlace))
            fraction = String(digits.dropFirst(dotPlace))
        }
        if let precision = spec.precision, type == "e" || type == "E", fraction.count < precision {
            fraction += String(repeating: "0", count: precision - fraction.count)
        }
        if let grouping = spec.grouping { integerPart = grouped(integerPart, grouping) }
        var text = integerPart
        if !fraction.isEmpty || spec.alternate { text += "." + fraction }
        let isScientific = type == "e" || type == "E" || ((type == nil || type == "g" || type == "G" || type == "n") && dotPlace == 1
            && !(value.exponent <= 0 && value.exponent + value.digitCount > -6))
        if isScientific {
            let shown = value.exponent + digits.count - dotPlace
            text += (upper ? "E" : "e") + (shown >= 0 ? "+" : "-") + String(shown.magnitude)
        }
        if type == "%" { text += "%" }
        return text
    }

    static let working: DecimalSettings = {
        var settings = DecimalSettings()
        settings.precision = 999_999_999
        return settings
    }()

    /// The value with at most `digits` significant digits.
    static func roundedTo(_ value: Number, digits: Int, _ mode: DecimalRounding) -> Number {
        if value.isZero {
            return value
        }
        let excess = value.digitCount - digits
        if excess <= 0 { return value }
        var (kept, _) = Number.dropDigits(value.coefficient, excess, negative: value.negative, mode)
        var exponent = value.exponent + excess
        if Number.digitCount(kept) > digits {
            kept = kept.floorDivMod(BigInt(10)).0
            exponent += 1
        }
        return .finite(value.negative, kept, exponent)
    }

    static func grouped(_ digits: String, _ separator: Character) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(separator) }
            result.append(character)
        }
        return result
    }

    /// Fill and alignment: numbers align right by default; `0` pads after the sign.
    static func pad(_ sign: String, _ body: String, _ spec: FormatSpec, numeric: Bool) -> String {
        let width = spec.width
        let length = sign.count + body.count
        if length >= width { return sign + body }
        let room = width - length
        if spec.zeroPad && spec.align == nil && numeric {
            return sign + String(repeating: "0", count: room) + body
        }
        let fill = String(spec.fill ?? " ")
        switch spec.align ?? ">" {
        case "<": return sign + body + String(repeating: fill, count: room)
        case "^": return String(repeating: fill, count: room / 2) + sign + body + String(repeating: fill, count: room - room / 2)
        case "=": return sign + String(repeating: fill, count: room) + body
        default: return String(repeating: fill, count: room) + sign + body
        }
    }
}
