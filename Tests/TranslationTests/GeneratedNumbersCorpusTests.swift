import Foundation
import Testing
@testable import Translation

/// Seeded snippets over `decimal` and `fractions` — arithmetic in contexts of varied precision and
/// rounding, mixed-type operands, comparisons, hashes, quantizing and format specs — each run by
/// CPython and by its translation, one program per batch.
@Suite struct GeneratedNumbersCorpusTests {
    typealias Seeded = GeneratedDynamicCorpusTests.Seeded

    static let decimals = ["Decimal('1.10')", "Decimal('-2.5')", "Decimal('0')", "Decimal('-0.00')", "Decimal('1E+3')", "Decimal('0.333')",
                           "Decimal('123456.789')", "Decimal('7')", "Decimal('-0.0625')", "Decimal('9.99')", "Decimal('1e-7')",
                           "Decimal('Infinity')", "Decimal('NaN')", "Decimal('12345678901234567890.5')", "Decimal(0.1)", "Decimal(3)"]
    static let fractions = ["Fraction(1, 3)", "Fraction(-5, 4)", "Fraction(0)", "Fraction(7)", "Fraction('2.5')", "Fraction(22, 7)",
                            "Fraction(-1, 1000)", "Fraction(3, 8)", "Fraction(10**20, 3)"]
    static let plain = ["0", "1", "-3", "7", "2.5", "-0.5", "True", "10**20", "0.1"]
    static let operators = ["+", "-", "*", "/", "//", "%", "<", "==", ">=", "!="]
    static let precisions = ["3", "6", "9", "28", "40"]
    static let roundings = ["ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_DOWN", "ROUND_UP", "ROUND_CEILING", "ROUND_FLOOR",
                            "ROUND_HALF_DOWN", "ROUND_05UP"]

    static func header(_ random: inout Seeded) -> String {
        "from decimal import Decimal, localcontext, \(roundings.joined(separator: ", "))\nfrom fractions import Fraction\nwith localcontext(prec=\(random.pick(precisions)), rounding=\(random.pick(roundings))):\n"
    }

    static func loop(_ pairs: [(String, String)], _ expression: String) -> String {
        """
            for a, b in [\(pairs.map { "(\($0.0), \($0.1))" }.joined(separator: ", "))]:
                try:
                    print(repr(\(expression)))
                except Exception as e:
                    print(type(e).__name__, e)

        """
    }

    static func decimalArithmetic(_ random: inout Seeded) -> String {
        let pairs = (0..<4).map { _ in (random.pick(decimals), random.pick(decimals + plain)) }
        return header(&random) + loop(pairs, "a \(random.pick(operators)) b") + loop(pairs.map { ($0.1, $0.0) }, "a \(random.pick(operators)) b")
    }

    static func fractionArithmetic(_ random: inout Seeded) -> String {
        let pairs = (0..<4).map { _ in (random.pick(fractions), random.pick(fractions + plain)) }
        var text = header(&random) + loop(pairs, "a \(random.pick(operators)) b") + loop(pairs.map { ($0.1, $0.0) }, "a \(random.pick(operators)) b")
        text += loop(pairs, "a ** \(random.pick(["2", "-1", "0", "3", "0.5"]))")
        return text
    }

    static func mixed(_ random: inout Seeded) -> String {
        let pairs = (0..<4).map { _ in (random.pick(decimals + fractions), random.pick(decimals + fractions + plain)) }
        return header(&random) + loop(pairs, "a \(random.pick(["<", "==", "<=", "+", "!="])) b")
            + loop(pairs, "(hash(a) == hash(b)) == (a == b) or a != a")
    }

    static let unaryCalls = [
        "a.quantize(Decimal('0.01'))", "a.quantize(Decimal('1E+1'), rounding=ROUND_HALF_UP)", "a.sqrt()", "round(a)", "round(a, 1)",
        "a.normalize()", "a.to_integral_value()", "+a", "-a", "abs(a)", "str(a)", "a.as_tuple()", "int(a)", "float(a)", "a ** 2",
        "a.exp()", "a.ln()", "a.log10()", "hash(a) == hash(float(a))", "a.adjusted()", "a.to_eng_string()",
    ]

    static func decimalMethods(_ random: inout Seeded) -> String {
        let values = random.sample(decimals, 3)
        let calls = random.sample(unaryCalls, 4)
        var text = header(&random)
        for call in calls { text += loop(values.map { ($0, "None") }, call) }
        return text
    }

    static let specs = ["", ".2f", ",.2f", ">12.3f", "e", ".3e", "g", ".4g", "%", ".1%", "+.1f", "010.2f", "^9", "_.1f", "F"]

    static func formats(_ random: inout Seeded) -> String {
        let values = random.sample(decimals, 3)
        let chosen = random.sample(specs, 4)
        return header(&random) + loop(values.map { ($0, "None") }, "[format(a, s) for s in [\(chosen.map { "'\($0)'" }.joined(separator: ", "))]]")
    }

    static func fractionMethods(_ random: inout Seeded) -> String {
        let values = random.sample(fractions, 3)
        let calls = random.sample(["round(a)", "round(a, 2)", "float(a)", "int(a)", "a.limit_denominator(10)", "str(a)", "hash(a)",
                                   "a.as_integer_ratio()", "abs(a)", "-a", "a.numerator + a.denominator", "Fraction(str(a))",
                                   "Fraction(float(a)) == a", "divmod(a, Fraction(1, 7))"], 4)
        var text = header(&random)
        for call in calls { text += loop(values.map { ($0, "None") }, call) }
        return text
    }

    /// (family, seed, snippets).
    static let batches: [(String, UInt64, Int)] = [
        ("decimal", 71, 30), ("fraction", 72, 20), ("mixed", 73, 20), ("methods", 74, 25), ("formats", 75, 20), ("fractionmethods", 76, 15),
    ]

    static func note(family: String, seed: UInt64, count: Int) -> String {
        var random = Seeded(state: seed)
        var cells: [String] = []
        for _ in 0..<count {
            switch family {
            case "decimal": cells.append(decimalArithmetic(&random))
            case "fraction": cells.append(fractionArithmetic(&random))
            case "mixed": cells.append(mixed(&random))
            case "methods": cells.append(decimalMethods(&random))
            case "formats": cells.append(formats(&random))
            default: cells.append(fractionMethods(&random))
            }
        }
        return cells.map { "# %%\n" + $0 }.joined()
    }

    @Test(arguments: batches.map { "\($0.0)-\($0.1)-\($0.2)" })
    func generatedNote(_ label: String) throws {
        try GeneratedNoteCheck.check(label, note: Self.note(family:seed:count:))
    }
}
