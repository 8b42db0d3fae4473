/// `json`'s scanner: CPython 3.11's C scanner (`_json.c`), whose positions and messages are what
/// `JSONDecodeError` reports. Positions count code points, as Python's string indices do.
struct JsonScanner {
    let text: [Unicode.Scalar]
    /// The document as given, for the error's `doc`.
    let document: PyObject
    var objectHook: PyObject = .none
    var objectPairsHook: PyObject = .none
    var parseFloat: PyObject = .none
    var parseInt: PyObject = .none
    var parseConstant: PyObject = .none
    var strict = true
    private var depth = 0

    init(_ document: PyObject) throws {
        self.document = document
        text = Array(try document.builtinValue.toString().unicodeScalars)
    }

    /// The options of a `JSONDecoder` instance, read as its scanner reads them.
    init(_ document: PyObject, decoder: PyObject) throws {
        try self.init(document)
        objectHook = try decoder.attribute("object_hook")
        objectPairsHook = try decoder.attribute("object_pairs_hook")
        parseFloat = try decoder.attribute("parse_float")
        parseInt = try decoder.attribute("parse_int")
        parseConstant = try decoder.attribute("parse_constant")
        strict = try decoder.attribute("strict").truthy()
    }

    /// The position where parsing stopped without finding a value (CPython's `StopIteration`).
    struct NoValue: Error { let position: Int }

    func error(_ message: String, _ position: Int) -> any Error {
        do {
            return try PyException(raising: try JsonModule.decodeError.call([PyObject(message), document, PyObject(position)]))
        } catch {
            return error
        }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    func skipWhitespace(_ start: Int) -> Int {
        var index = start
        while index < text.count && Self.isWhitespace(text[index]) { index += 1 }
        return index
    }

    func matches(_ word: String, at index: Int) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard index + scalars.count <= text.count else { return false }
        return Array(text[index..<(index + scalars.count)]) == scalars
    }

    // MARK: Values

    /// `scan_once`: the value starting at `index` and the position after it.
    mutating func value(at index: Int) throws -> (PyObject, Int) {
        guard index < text.count else { throw NoValue(position: index) }
        switch text[index] {
        case "\"":
            let (string, end) = try string(startingAfter: index + 1)
            return (PyObject(string), end)
        case "{":
            return try nested(" while decoding a JSON object from a unicode string") { try $0.object(at: index + 1) }
        case "[":
            return try nested(" while decoding a JSON array from a unicode string") { try $0.array(at: index + 1) }
        case "n" where matches("null", at: index): return (.none, index + 4)
        case "t" where matches("true", at: index): return (.True, index + 4)
        case "f" where matches("false", at: index): return (.False, index + 5)
        case "N" where matches("NaN", at: index): return (try constant("NaN"), index + 3)
        case "I" where matches("Infinity", at: index): return (try constant("Infinity"), index + 8)
        case "-" where matches("-Infinity", at: index): return (try constant("-Infinity"), index + 9)
        default: return try number(at: index)
        }
    }

    private mutating func nested(_ what: String, _ body: (inout JsonScanner) throws -> (PyObject, Int)) throws -> (PyObject, Int) {
        depth += 1
        defer { depth -= 1 }
        if depth > CallDepth.limit {
            throw PyException.make(PyClass.recursionError, "maximum recursion depth exceeded" + what)
        }
        return try body(&self)
    }

    func constant(_ name: String) throws -> PyObject {
        if parseConstant.isNone {
            switch name {
            case "NaN": return PyObject(Double.nan)
            case "Infinity": return PyObject(Double.infinity)
            default: return PyObject(-Double.infinity)
            }
        }
        return try parseConstant(PyObject(name))
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

    func number(at start: Int) throws -> (PyObject, Int) {
        var index = start
        let last = text.count - 1
        if text[index] == "-" {
            index += 1
            if index > last { throw NoValue(position: start) }
        }
        if text[index] >= "1" && text[index] <= "9" {
            index += 1
            while index <= last && Self.isDigit(text[index]) { index += 1 }
        } else if text[index] == "0" {
            index += 1
        } else {
            throw NoValue(position: start)
        }
        var isFloat = false
        if index < last && text[index] == "." && Self.isDigit(text[index + 1]) {
            isFloat = true
            index += 2
            while index <= last && Self.isDigit(text[index]) { index += 1 }
        }
        if index < last && (text[index] == "e" || text[index] == "E") {
            let exponentStart = index
            index += 1
            if index < last && (text[index] == "-" || text[index] == "+") { index += 1 }
            while index <= last && Self.isDigit(text[index]) { index += 1 }
            if Self.isDigit(text[index - 1]) { isFloat = true } else { index = exponentStart }
        }
        var literal = ""
        literal.unicodeScalars.append(contentsOf: text[start..<index])
        let custom = isFloat ? parseFloat : parseInt
        if !custom.isNone && !custom.isIdentical(to: isFloat ? Py.float : Py.int) {
            return (try custom(PyObject(literal)), index)
        }
        if isFloat { return (PyObject(Double(literal) ?? .nan), index) }
        if literal.count < 19, let small = Int(literal) { return (PyObject(small), index) }
        return (PyObject(bigInteger: literal), index)
    }

    // MARK: Strings

    static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }

    /// `scanstring`: the string whose opening quote is just before `start`, and the position after
    /// its closing quote. A lone surrogate escape, which a Swift string cannot hold, becomes U+FFFD.
    func string(startingAfter start: Int) throws -> (String, Int) {
        let begin = start - 1
        var result = String.UnicodeScalarView()
        var end = start
        let length = text.count
        while true {
            var next = end
            var terminator: Unicode.Scalar = "\0"
            while next < length {
                let scalar = text[next]
                if scalar == "\"" || scalar == "\\" {
                    terminator = scalar
                    break
                }
                if scalar.value <= 0x1F && strict { throw error("Invalid control character at", next) }
                next += 1
            }
            if next >= length { throw error("Unterminated string starting at", begin) }
            result.append(contentsOf: text[end..<next])
            next += 1
            if terminator == "\"" {
                end = next
                break
            }
            if next == length { throw error("Unterminated string starting at", begin) }
            let escape = text[next]
            if escape != "u" {
                end = next + 1
                switch escape {
                case "\"", "\\", "/": result.append(escape)
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                default: throw error("Invalid \\escape", end - 2)
                }
                continue
            }
            next += 1
            end = next + 4
            if end >= length { throw error("Invalid \\uXXXX escape", next - 1) }
            var code: UInt32 = 0
            while next < end {
                guard let digit = Self.hexValue(text[next]) else { throw error("Invalid \\uXXXX escape", end - 5) }
                code = code << 4 | digit
                next += 1
            }
            if (0xD800...0xDBFF).contains(code) && end + 6 < length && text[next] == "\\" && text[next + 1] == "u" {
                next += 2
                end += 6
                var low: UInt32 = 0
                while next < end {
                    guard let digit = Self.hexValue(text[next]) else { throw error("Invalid \\uXXXX escape", end - 5) }
                    low = low << 4 | digit
                    next += 1
                }
                if (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                } else {
                    end -= 6
                }
            }
            result.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
        return (String(result), end)
    }

    // MARK: Containers

    mutating func object(at start: Int) throws -> (PyObject, Int) {
        let last = text.count - 1
        var index = skipWhitespace(start)
        let usesPairs = !objectPairsHook.isNone
        let dict = PyDictStorage()
        var pairs: [PyObject] = []
        if index > last || text[index] != "}" {
            while true {
                if index > last || text[index] != "\"" {
                    throw error("Expecting property name enclosed in double quotes", index)
                }
                let (key, afterKey) = try string(startingAfter: index + 1)
                index = skipWhitespace(afterKey)
                if index > last || text[index] != ":" { throw error("Expecting ':' delimiter", index) }
                index = skipWhitespace(index + 1)
                let (item, afterValue) = try value(at: index)
                if usesPairs { pairs.append(.tuple([PyObject(key), item])) } else { try dict.set(PyObject(key), item) }
                index = skipWhitespace(afterValue)
                if index <= last && text[index] == "}" { break }
                if index > last || text[index] != "," { throw error("Expecting ',' delimiter", index) }
                index = skipWhitespace(index + 1)
            }
        }
        if usesPairs { return (try objectPairsHook(.list(pairs)), index + 1) }
        let result = PyObject(dict)
        if !objectHook.isNone { return (try objectHook(result), index + 1) }
        return (result, index + 1)
    }

    mutating func array(at start: Int) throws -> (PyObject, Int) {
        let last = text.count - 1
        var index = skipWhitespace(start)
        var items: [PyObject] = []
        if index > last || text[index] != "]" {
            while true {
                let (item, afterValue) = try value(at: index)
                items.append(item)
                index = skipWhitespace(afterValue)
                if index <= last && text[index] == "]" { break }
                if index > last || text[index] != "," { throw error("Expecting ',' delimiter", index) }
                index = skipWhitespace(index + 1)
            }
        }
        return (.list(items), index + 1)
    }

    /// `raw_decode`: the value at `index` and where it ends.
    mutating func rawDecode(at index: Int) throws -> (PyObject, Int) {
        do {
            return try value(at: index)
        } catch let noValue as NoValue {
            throw error("Expecting value", noValue.position)
        }
    }

    /// `decode`: one value with only whitespace around it.
    mutating func decode() throws -> PyObject {
        let (result, end) = try rawDecode(at: skipWhitespace(0))
        let after = skipWhitespace(end)
        if after != text.count { throw error("Extra data", after) }
        return result
    }
}
