import Testing
@testable import LoomSupport

@Suite struct ArithmeticTests {
    @Test func integerFloorDivisionAndModuloMatchCPython() throws {
        let operands = [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 10, -10, 123456789, -987654321]
        let divisors = operands.filter { $0 != 0 }
        let literal = "[" + operands.map(String.init).joined(separator: ",") + "]"
        let divisorLiteral = "[" + divisors.map(String.init).joined(separator: ",") + "]"
        let expected = try PythonOracle.lines("for a in \(literal):\n for b in \(divisorLiteral): print(a // b, a % b, divmod(a, b))")
        var actual: [String] = []
        for a in operands {
            for b in divisors {
                let (q, r) = try divmod(a, b)
                actual.append("\(try floorDiv(a, b)) \(try mod(a, b)) (\(q), \(r))")
            }
        }
        #expect(actual == expected)
    }

    @Test func floatFloorDivisionAndModuloMatchCPython() throws {
        let operands: [Double] = [-7.5, -3, -0.5, 0, -0.0, 0.5, 2.25, 3, 7.5, 1e10, -1e-3, 0.1]
        let divisors = operands.filter { $0 != 0 }
        let expected = try PythonOracle.lines("""
            import struct
            for a in \(PythonOracle.floatsLiteral(operands)):
                for b in \(PythonOracle.floatsLiteral(divisors)):
                    print(repr(a // b), repr(a % b), repr(divmod(a, b)))
            """)
        var actual: [String] = []
        for a in operands {
            for b in divisors {
                actual.append("\(try floorDiv(a, b).pythonRepr) \(try mod(a, b).pythonRepr) \(repr(try divmod(a, b)))")
            }
        }
        #expect(actual == expected)
    }

    @Test func roundToDigitsMatchesCPython() throws {
        let values = sampleDoubles(count: 400, seed: 23).filter(\.isFinite)
            + [2.675, 0.125, 0.375, 2.5, -2.5, 1.005, 1234.5, 1250, 1350, -0.5, 0.285, Double(bitPattern: 2025)]
        let places = [-3, -2, -1, 0, 1, 2, 3, 5, 10, 17, 400]
        let expected = try PythonOracle.lines("""
            import struct
            for x in \(PythonOracle.floatsLiteral(values)):
                print(' '.join(repr(round(x, n)) for n in \(places)))
            """)
        let actual = values.map { x in places.map { round(x, $0).pythonRepr }.joined(separator: " ") }
        for (index, line) in actual.enumerated() where line != expected[index] {
            Issue.record("round(\(values[index].pythonRepr), n): expected \(expected[index]), got \(line)")
        }
    }

    @Test func roundingIntegersAndPowersMatchCPython() throws {
        let values = [0, 5, 15, 25, 149, 150, 250, -150, -250, 1234, 99999, -5]
        let expected = try PythonOracle.lines("for n in \(values):\n print(round(n, -1), round(n, -2), round(n, 2), 3 ** (abs(n) % 30))")
        let actual = values.map { "\(round($0, -1)) \(round($0, -2)) \(round($0, 2)) \(pow(3, abs($0) % 30))" }
        #expect(actual == expected)
    }

    @Test func plainRoundIsHalfEvenLikePython() {
        #expect(Int((2.5).rounded(.toNearestOrEven)) == 2)
        #expect(Int((3.5).rounded(.toNearestOrEven)) == 4)
        #expect(Int((-0.5).rounded(.toNearestOrEven)) == 0)
    }

    @Test func sumsAddLeftToRight() throws {
        let values = [0.1, 0.2, 0.3, 1e16, 1, -1e16]
        let expected = try PythonOracle.lines("print(repr(sum([0.1, 0.2, 0.3, 1e16, 1, -1e16])), sum([1, 2, 3], 10))")
        #expect(["\(sum(values).pythonRepr) \(sum([1, 2, 3], start: 10))"] == expected)
    }

    @Test func divisionByZeroRaisesCPythonsZeroDivisionErrors() throws {
        let expected = try PythonOracle.lines("""
            for f in [lambda: 1 // 0, lambda: 1 % 0, lambda: divmod(1, 0), lambda: 1 / 0,
                      lambda: 1.0 / 0.0, lambda: 1.0 // 0.0, lambda: 1.0 % 0.0, lambda: divmod(1.0, 0.0)]:
                try:
                    f()
                except ZeroDivisionError as e:
                    print(type(e).__name__, e)
            """)
        let attempts: [() throws -> Void] = [
            { _ = try floorDiv(1, 0) }, { _ = try mod(1, 0) }, { _ = try divmod(1, 0) }, { _ = try divide(1, 0) },
            { _ = try divide(1.0, 0.0) }, { _ = try floorDiv(1.0, 0.0) }, { _ = try mod(1.0, 0.0) },
            { _ = try divmod(1.0, 0.0) },
        ]
        var actual: [String] = []
        for attempt in attempts {
            do {
                try attempt()
                actual.append("no error")
            } catch let error as PythonError {
                actual.append("\(error.type) \(error.message)")
            }
        }
        #expect(actual == expected)
        #expect(try divide(7, 2) == 3.5)
        #expect(try divide(-1.5, 0.5) == -3)
    }

    @Test func listItemsCountNegativeIndexesFromTheEndAndRaiseIndexError() throws {
        let items = [10, 20, 30]
        #expect(try items.item(0) == 10)
        #expect(try items.item(-1) == 30)
        #expect(throws: PythonError.indexError("list index out of range")) { try items.item(3) }
        #expect(throws: PythonError.indexError("list index out of range")) { try items.item(-4) }
    }
}
