import Testing
@testable import LoomSupport

/// `PyNumber` against CPython: every operator over operands that are ints and floats of both
/// signs, zero and fractions, printed by `repr` so an int shown as `2.0` cannot pass.
@Suite struct PythonNumberTests {
    static let operands: [PyNumber] = [0, 1, -1, 2, 7, -7, 0.0, -0.0, 0.5, -2.5, 3.0, 7.5, 1e16, 0.1]

    /// The operands as a Python list literal; every float's repr reads back exactly.
    static var pythonOperands: String { "[" + operands.map(\.pythonRepr).joined(separator: ", ") + "]" }

    /// What a `ZeroDivisionError` prints, so raising cases are compared too.
    func outcome(_ body: () throws -> String) -> String {
        do { return try body() } catch let error as PythonError { return "\(error.type): \(error.message)" } catch { return "\(error)" }
    }

    @Test func arithmeticKeepsIntOrFloatAsCPythonDoes() throws {
        let expected = try PythonOracle.lines("""
            def outcome(f):
                try:
                    return repr(f())
                except ZeroDivisionError as error:
                    return f"ZeroDivisionError: {error}"
            for a in \(Self.pythonOperands):
                for b in \(Self.pythonOperands):
                    print(repr(a + b), repr(a - b), repr(a * b), outcome(lambda: a / b),
                          outcome(lambda: a // b), outcome(lambda: a % b))
            """)
        var actual: [String] = []
        for a in Self.operands {
            for b in Self.operands {
                let parts = [
                    (a + b).pythonRepr, (a - b).pythonRepr, (a * b).pythonRepr,
                    outcome { try divide(a, b).pythonRepr },
                    outcome { try floorDiv(a, b).pythonRepr },
                    outcome { try mod(a, b).pythonRepr },
                ]
                actual.append(parts.joined(separator: " "))
            }
        }
        #expect(actual.count == expected.count)
        for (index, line) in actual.enumerated() where index < expected.count && line != expected[index] {
            let a = Self.operands[index / Self.operands.count], b = Self.operands[index % Self.operands.count]
            Issue.record("\(a.pythonRepr) op \(b.pythonRepr): expected \(expected[index]), got \(line)")
        }
    }

    @Test func comparisonAndEqualityMixKindsAsCPythonDoes() throws {
        let expected = try PythonOracle.lines("""
            for a in \(Self.pythonOperands):
                print(' '.join(f"{a == b:d}{a < b:d}{a <= b:d}{hash(a) == hash(b):d}" for b in \(Self.pythonOperands)))
            """)
        let actual = Self.operands.map { a in
            Self.operands.map { b in
                [a == b, a < b, a <= b, a.hashValue == b.hashValue].map { $0 ? "1" : "0" }.joined()
            }.joined(separator: " ")
        }
        #expect(actual == expected)
    }

    @Test func unaryPowersAndRoundingMatchCPython() throws {
        let expected = try PythonOracle.lines("""
            for a in \(Self.pythonOperands):
                print(repr(-a), repr(abs(a)), repr(a ** 2), repr(2 ** -1), repr(round(a)), repr(round(a, 1)), repr(round(a, -1)))
            """)
        let actual = Self.operands.map { a in
            [(-a).pythonRepr, abs(a).pythonRepr, pow(a, 2).pythonRepr, pow(PyNumber(2), -1).pythonRepr,
             round(a).pythonRepr, round(a, 1).pythonRepr, round(a, -1).pythonRepr].joined(separator: " ")
        }
        #expect(actual == expected)
    }

    @Test func printingAndFormatSpecsFollowEachKind() throws {
        let specs = ["", ">6", ".2f", "05", "+", ".3g", "e"]
        let values: [PyNumber] = [5, -3, 1.5, 0.1, 2.0, 1e16, 123456]
        let expected = try PythonOracle.lines("""
            for x in [\(values.map(\.pythonRepr).joined(separator: ", "))]:
                print(str(x), repr(x), '|'.join(format(x, spec) for spec in \(specs)))
            """)
        let actual = values.map { x in "\(str(x)) \(repr(x)) " + specs.map { x.pythonFormat($0) }.joined(separator: "|") }
        #expect(actual == expected)
    }

    @Test func containersAggregatesAndOrderMatchCPython() throws {
        let mixed: [PyNumber] = [1, 0.5, 2, -3, 2.0]
        let expected = try PythonOracle.lines("""
            mixed = [1, 0.5, 2, -3, 2.0]
            print(mixed)
            print(sum(mixed), sum([1, 2]), sum([]), max(mixed), min(mixed))
            print(sorted(mixed), len(set(mixed)), 2 in mixed, 0.5 in mixed, 3 in mixed)
            """)
        let integers: [PyNumber] = [1, 2]
        let actual = [
            str(mixed),
            "\(sum(mixed)) \(sum(integers)) \(sum([] as [PyNumber])) \(mixed.max()!) \(mixed.min()!)",
            "\(str(mixed.sorted())) \(Set(mixed).count) \(str(mixed.contains(2))) \(str(mixed.contains(0.5))) \(str(mixed.contains(3)))",
        ]
        #expect(actual == expected)
    }

    @Test func literalsKeepTheirKind() {
        let delays: [PyNumber] = [1, 0.5, 2]
        #expect(delays.map(\.isInt) == [true, false, true])
        #expect(PyNumber(3) == .int(3))
        #expect(PyNumber(3.0) == .float(3))
        #expect(PyNumber(1.5).doubleValue == 1.5)
        #expect(PyNumber(2).doubleValue == 2)
    }
}
