import Foundation
import SeededRandom
@testable import LoomSupport

/// One generated Python expression: its source for CPython, and the same computation over the
/// dynamic API.
struct DifferentialCase {
    let python: String
    let evaluate: () throws -> PyObject
}

/// A generated value: a Python literal, and a maker of a fresh `PyObject` for it (fresh, because
/// methods may mutate it).
struct GeneratedValue {
    let python: String
    let make: () throws -> PyObject
}

enum Differential {
    /// `OK repr` or `EX Type: message`, the line both sides print for a case.
    static func outcome(_ body: () throws -> PyObject) -> String {
        do {
            let value = try body()
            return "OK " + (try canonical(value))
        } catch {
            let exception = PyException.caught(error)
            let type = exception.value.pyType.name
            return "EX \(type): " + ((try? exception.value.str()) ?? "?")
        }
    }

    /// `repr`, except that a set holding strings or None is shown sorted: CPython salts string
    /// hashes (and None's hash is its address), so only such sets' order may differ.
    static func canonical(_ value: PyObject) throws -> String {
        switch value.heap {
        case let list as PyList: return "[" + (try list.items.map(canonical).joined(separator: ", ")) + "]"
        case let tuple as PyTupleStorage:
            let parts = try tuple.items.map(canonical)
            return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
        case let dict as PyDictStorage:
            return "{" + (try dict.entries.map { "\(try canonical($0.0)): \(try canonical($0.1))" }.joined(separator: ", ")) + "}"
        case let set as PySetStorage:
            let elements = set.elements
            if elements.isEmpty { return try value.repr() }
            var parts = try elements.map(canonical)
            if elements.contains(where: saltedHash) { parts.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) } }
            let body = "{" + parts.joined(separator: ", ") + "}"
            return set.frozen ? "frozenset(\(body))" : body
        default: return try value.repr()
        }
    }

    static func saltedHash(_ value: PyObject) -> Bool {
        switch value.storage {
        case .str, .none: return true
        default:
            if let tuple = value.heap as? PyTupleStorage { return tuple.items.contains(where: saltedHash) }
            return value.heap is PyBytes
        }
    }

    /// Runs every case in one `python3` process and returns the mismatches, with the counts.
    static func compare(_ cases: [DifferentialCase]) throws -> (checked: Int, mismatches: [String]) {
        var script = "import json, math\nresults = []\ncases = [\n"
        for item in cases { script += "    " + StringLiteralForPython.quote(item.python) + ",\n" }
        script += """
        ]
        def salted(value):
            if isinstance(value, (str, bytes)) or value is None:
                return True
            return isinstance(value, tuple) and any(salted(item) for item in value)
        def canonical(value):
            if type(value) is list:
                return '[' + ', '.join(canonical(item) for item in value) + ']'
            if type(value) is tuple:
                parts = [canonical(item) for item in value]
                return '(' + parts[0] + ',)' if len(parts) == 1 else '(' + ', '.join(parts) + ')'
            if type(value) is dict:
                return '{' + ', '.join(canonical(k) + ': ' + canonical(v) for k, v in value.items()) + '}'
            if type(value) in (set, frozenset) and value:
                parts = [canonical(item) for item in value]
                if any(salted(item) for item in value):
                    parts.sort()
                body = '{' + ', '.join(parts) + '}'
                return body if type(value) is set else 'frozenset(' + body + ')'
            return repr(value)
        for source in cases:
            try:
                value = eval(source)
                line = 'OK ' + canonical(value)
            except Exception as error:
                line = 'EX ' + type(error).__name__ + ': ' + str(error)
            print(json.dumps(line))

        """
        let expected: [String] = try PythonOracle.jsonLines(script)
        var mismatches: [String] = []
        for (index, item) in cases.enumerated() {
            let actual = outcome(item.evaluate)
            let wanted = index < expected.count ? expected[index] : "<missing>"
            if actual != wanted { mismatches.append("\(item.python)\n    CPython: \(wanted)\n    Loom:    \(actual)") }
        }
        return (cases.count, mismatches)
    }
}

enum StringLiteralForPython {
    /// A Python string literal for any text (the case sources themselves).
    static func quote(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "'"
    }
}

/// Random values of every built-in kind, with the edge cases that break implementations.
struct ValueGenerator {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    static let strings = ["", "a", "abc", "Hello World", "it's", "say \"hi\"", "both ' and \"", "tab\tnew\nline",
                          "ünïcödé", "日本語", "emoji 🎉", "  padded  ", "a,b,,c", "123", "-42", "3.14", "MiXeD cAsE",
                          "back\\slash", "x", "hello", "HELLO", "Title Case Words", "snake_case_name", "\u{7}bell",
                          "ß", "İstanbul", "ﬁ", "a b  c", "0", "1_000", " 12 ", "0x1F", "1e3", "inf", "nan", "-0.0", "\u{2028}"]

    mutating func smallInt() -> GeneratedValue {
        let value = below(21) - 10
        return GeneratedValue(python: String(value)) { PyObject(value) }
    }

    mutating func int() -> GeneratedValue {
        switch below(6) {
        case 0, 1: return smallInt()
        case 2:
            let value = Int(Int64(bitPattern: random.next()) >> Int64(below(60)))
            return GeneratedValue(python: String(value)) { PyObject(value) }
        case 3:
            let picks: [Int] = [Int.max, Int.min, Int.max - 1, 1 << 62, -(1 << 62), 255, 256, -256, 1 << 31, 1 << 32]
            let value = picks[below(picks.count)]
            return GeneratedValue(python: String(value)) { PyObject(value) }
        default:
            var digits = String(below(9) + 1)
            for _ in 0..<(below(40) + 10) { digits += String(below(10)) }
            if chance(50) { digits = "-" + digits }
            let text = digits
            return GeneratedValue(python: text) { PyObject(bigInteger: text) }
        }
    }

    mutating func float() -> GeneratedValue {
        let specials: [(String, Double)] = [("float('nan')", .nan), ("float('inf')", .infinity), ("-float('inf')", -.infinity),
                                            ("-0.0", -0.0), ("0.0", 0.0), ("0.1", 0.1), ("2.5", 2.5), ("-1.5", -1.5), ("1e16", 1e16),
                                            ("1e-05", 1e-05), ("3.0", 3.0), ("1e300", 1e300), ("123456.789", 123456.789)]
        if chance(40) {
            let (python, value) = specials[below(specials.count)]
            return GeneratedValue(python: python) { PyObject(value) }
        }
        let value: Double
        switch below(3) {
        case 0: value = Double(below(20001) - 10000) / Double([1, 2, 4, 10, 100, 1000][below(6)])
        case 1: value = Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (chance(50) ? 1 : -1)
        default: value = Double(below(2000) - 1000) * Foundation.pow(10.0, Double(below(40) - 20))
        }
        return GeneratedValue(python: FloatRepr.repr(value)) { PyObject(value) }
    }

    mutating func string() -> GeneratedValue {
        let text = Self.strings[below(Self.strings.count)]
        return GeneratedValue(python: StringRepr.repr(text)) { PyObject(text) }
    }

    mutating func scalar() -> GeneratedValue {
        switch below(10) {
        case 0, 1, 2: return int()
        case 3, 4: return float()
        case 5, 6, 7: return string()
        case 8:
            let flag = chance(50)
            return GeneratedValue(python: flag ? "True" : "False") { PyObject(flag) }
        default:
            return GeneratedValue(python: "None") { .none }
        }
    }

    /// Keys whose hashes CPython does not salt (ints, bools, floats, tuples of them), so set
    /// orders can be compared.
    mutating func hashableNumber() -> GeneratedValue {
        switch below(4) {
        case 0, 1: return smallInt()
        case 2: return int()
        default:
            let value = Double(below(40) - 20) / 2
            return GeneratedValue(python: FloatRepr.repr(value)) { PyObject(value) }
        }
    }

    mutating func value(depth: Int = 0) -> GeneratedValue {
        if depth >= 2 || chance(55) { return scalar() }
        let count = below(5)
        switch below(5) {
        case 0:
            let items = (0..<count).map { _ in value(depth: depth + 1) }
            return GeneratedValue(python: "[" + items.map(\.python).joined(separator: ", ") + "]") { .list(try items.map { try $0.make() }) }
        case 1:
            let items = (0..<count).map { _ in value(depth: depth + 1) }
            let python = items.count == 1 ? "(\(items[0].python),)" : "(" + items.map(\.python).joined(separator: ", ") + ")"
            return GeneratedValue(python: python) { .tuple(try items.map { try $0.make() }) }
        case 2:
            let keys = (0..<count).map { _ in chance(60) ? string() : smallInt() }
            let values = (0..<count).map { _ in value(depth: depth + 1) }
            let python = "{" + zip(keys, values).map { "\($0.python): \($1.python)" }.joined(separator: ", ") + "}"
            return GeneratedValue(python: python) { try .dict(zip(keys, values).map { (try $0.make(), try $1.make()) }) }
        case 3:
            let items = (0..<(count + 1)).map { _ in hashableNumber() }
            return GeneratedValue(python: "set([" + items.map(\.python).joined(separator: ", ") + "])") { try .set(try items.map { try $0.make() }) }
        default:
            let items = (0..<count).map { _ in hashableNumber() }
            return GeneratedValue(python: "frozenset([" + items.map(\.python).joined(separator: ", ") + "])") { try .frozenset(try items.map { try $0.make() }) }
        }
    }

    mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }
}
