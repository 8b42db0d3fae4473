import Testing
@testable import LoomSupport
import SeededRandom

@Suite struct TextFormattingTests {
    @Test func percentFormattingMatchesCPython() throws {
        let cases: [(String, String, [any PythonPrintable])] = [
            ("%s %d %.2f %r", "('a', 3, 2.345, 'it')", ["a", 3, 2.345, "it"]),
            ("%5d|%-5d|%05d|%+d", "(42, 42, 42, 42)", [42, 42, 42, 42]),
            ("%x %X %#x %o %#o", "(255, 255, 255, 8, 8)", [255, 255, 255, 8, 8]),
            ("%e %E %g %G", "(12345.678, 0.000123, 1e20, 1e-7)", [12345.678, 0.000123, 1e20, 1e-7]),
            ("%10.3s|%-6s|", "('abcdef', 'ab')", ["abcdef", "ab"]),
            ("%d%% done, %s", "(50, None)", [50, Optional<Int>.none]),
            ("%c%c", "(65, 'z')", [65, "z"]),
            ("%s and %s", "(True, [1, 'x'])", [true, [1, 2]]),
            ("%.0f %.1f %f", "(2.5, 0.05, 1/3)", [2.5, 0.05, 1.0 / 3]),
            ("%d", "(3.99,)", [3.99]),
        ]
        let script = cases.map { "print(\(StringLiteral.python($0.0)) % \($0.1))" }.joined(separator: "\n")
        var expected = try PythonOracle.lines(script)
        // The Swift side formats `[1, 2]` (a Swift array has one element type).
        expected[7] = expected[7].replacingOccurrences(of: "[1, 'x']", with: "[1, 2]")
        let actual = cases.map { $0.0.percentFormat($0.2) }
        #expect(actual == expected)
    }

    @Test func namedPercentFormatting() {
        #expect("%(name)s is %(age)d".percentFormat(named: ["name": "Ann", "age": 7]) == "Ann is 7")
    }

    @Test func braceFormattingMatchesCPython() throws {
        let cases: [(String, String, [any PythonPrintable])] = [
            ("{} {:>5}", "('a', 3)", ["a", 3]),
            ("{1} {0} {1}", "('x', 'y')", ["x", "y"]),
            ("{!r:>8}|{:^9.3f}|{:,}", "('hi', 3.14159, 1234567)", ["hi", 3.14159, 1234567]),
            ("{{literal}} {:08.3e}", "(-12.5,)", [-12.5]),
            ("{} {} {}", "(True, None, 1e16)", [true, Optional<Int>.none, 1e16]),
            ("[{:{}.{}f}]", "(3.14159, 10, 3)", [3.14159, 10, 3]),
            ("[{0:>{1}}] [{0!r:^{1}}]", "('ab', 8)", ["ab", 8]),
        ]
        let script = cases.map { "print(\(StringLiteral.python($0.0)).format(*\($0.1)))" }.joined(separator: "\n")
        let expected = try PythonOracle.lines(script)
        let actual = cases.map { $0.0.format($0.2) }
        #expect(actual == expected)
        #expect("{name}: {score:.1f}".format(named: ["name": "Bo", "score": 9.25]) == "Bo: 9.2")
    }
}

extension String {
    /// Test convenience: formats with an array of arguments.
    func percentFormat(_ args: [any PythonPrintable]) -> String {
        PercentFormatter(template: self, args: args, named: [:]).render()
    }
    func format(_ args: [any PythonPrintable]) -> String {
        BraceFormatter(template: self, args: args, named: [:]).render()
    }
}

@Suite struct PercentFormatDifferentialTests {
    /// Random conversions with every flag, width and precision, on ints, floats and strings;
    /// CPython decides which are valid and what each prints.
    @Test func randomConversionsMatchCPython() throws {
        var generator = SeededGenerator(seed: 29)
        func pick(_ options: [String]) -> String { options[Int(generator.next() % UInt64(options.count))] }
        let templates = (0..<300).map { _ in
            "%" + pick(["", "", "-", "+", " ", "0", "#", "-+", "0+", "#0", "- "]) + pick(["", "", "1", "6", "12"])
                + pick(["", "", ".0", ".1", ".3", ".8"]) + pick(["d", "i", "x", "X", "o", "e", "E", "f", "F", "g", "G", "s", "r"])
        }
        let values: [any PythonPrintable] = [0, 7, -42, 123456, 3.0, -0.5, 1234.5678, 1e-7, 2.5e15, "hi", "it's"]
        let literals = ["0", "7", "-42", "123456", "3.0", "-0.5", "1234.5678", "1e-7", "2.5e15", "'hi'", "\"it's\""]
        let script = """
            import json
            templates = \(try PythonOracle.stringsLiteral(templates))
            for v in [\(literals.joined(separator: ", "))]:
                for t in templates:
                    try:
                        print(json.dumps('[' + t % (v,) + ']'))
                    except Exception:
                        print('null')
            """
        let expected = try PythonOracle.jsonLines(script, as: String?.self)
        #expect(expected.count == values.count * templates.count)
        var compared = 0
        for (row, value) in values.enumerated() {
            for (column, template) in templates.enumerated() {
                guard let want = expected[row * templates.count + column] else { continue }
                compared += 1
                let got = "[" + template.percentFormat([value]) + "]"
                if got != want { Issue.record("'\(template)' % \(value.pythonRepr): expected \(want), got \(got)") }
            }
        }
        #expect(compared > 2000)
    }
}
