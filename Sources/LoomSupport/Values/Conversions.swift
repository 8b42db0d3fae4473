/// `int(text)` with CPython's rules: surrounding whitespace, a sign, and `_` between digits are
/// allowed; anything else raises `ValueError` with CPython's message.
public func int(_ text: String) throws -> Int {
    let trimmed = text.strip()
    var digits = Substring(trimmed)
    var negative = false
    if let sign = digits.first, sign == "+" || sign == "-" {
        negative = sign == "-"
        digits = digits.dropFirst()
    }
    let valid = !digits.isEmpty && digits.first != "_" && digits.last != "_" && !digits.contains("__")
        && digits.allSatisfy { $0 == "_" || ($0.isASCII && $0.isNumber) }
    guard valid, let magnitude = Int(digits.filter { $0 != "_" }) else {
        throw PythonError.valueError("invalid literal for int() with base 10: \(text.pythonRepr)")
    }
    return negative ? -magnitude : magnitude
}

/// `int(x)` of a float: truncates toward zero, as CPython does.
public func int(_ value: Double) throws -> Int {
    guard value.isFinite else {
        throw PythonError(value.isNaN ? "ValueError" : "OverflowError",
                          value.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
    }
    guard let truncated = Int(exactly: value.rounded(.towardZero)) else {
        throw PythonError("OverflowError", "\(value.pythonRepr) does not fit a 64-bit int")
    }
    return truncated
}

/// `float(text)`: decimal and exponent forms, `inf`/`infinity`/`nan` in any case, with
/// whitespace and `_` between digits as CPython allows.
public func float(_ text: String) throws -> Double {
    let trimmed = text.strip()
    var body = Substring(trimmed)
    var sign = 1.0
    if let first = body.first, first == "+" || first == "-" {
        sign = first == "-" ? -1 : 1
        body = body.dropFirst()
    }
    switch body.lowercased() {
    case "inf", "infinity": return sign * .infinity
    case "nan": return .nan
    default: break
    }
    let underscoresValid = !body.contains("__") && body.first != "_" && body.last != "_"
        && !body.contains("_.") && !body.contains("._") && !body.lowercased().contains("_e") && !body.lowercased().contains("e_")
    let allowed = body.allSatisfy { ($0.isASCII && $0.isNumber) || "._eE+-".contains($0) }
    let startsWithDigitOrPoint = body.first.map { $0 == "." || ($0.isASCII && $0.isNumber) } ?? false
    guard underscoresValid, allowed, startsWithDigitOrPoint, let value = Double(String(body.filter { $0 != "_" })) else {
        throw PythonError.valueError("could not convert string to float: \(text.pythonRepr)")
    }
    return sign * value
}
