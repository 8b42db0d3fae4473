import Testing
@testable import LoomSupport
import SeededRandom

/// Random specs from every part of the grammar; CPython decides which are valid, and every
/// valid one must format the same here.
func randomSpecs(count: Int, seed: UInt64, types: [String]) -> [String] {
    var generator = SeededGenerator(seed: seed)
    func pick(_ options: [String]) -> String { options[Int(generator.next() % UInt64(options.count))] }
    return (0..<count).map { _ in
        pick(["", "", "<", ">", "^", "=", "*<", "*>", "*^", "0=", "-^"])
            + pick(["", "", "+", "-", " "]) + pick(["", "", "", "z"]) + pick(["", "", "#"]) + pick(["", "", "0"])
            + pick(["", "", "1", "5", "8", "12", "20"]) + pick(["", "", ",", "_"])
            + pick(["", "", ".0", ".1", ".2", ".3", ".6", ".10", ".17"]) + pick(types)
    }
}

/// Formats each value with each spec in CPython; returns nil where CPython raises.
func pythonFormats(valuesLiteral: String, specs: [String], imports: String = "") throws -> [[String?]] {
    let script = """
    import struct, json\(imports)
    specs = \(try PythonOracle.stringsLiteral(specs))
    for v in \(valuesLiteral):
        for s in specs:
            try:
                print(json.dumps(format(v, s)))
            except Exception:
                print('null')
    """
    let flat = try PythonOracle.jsonLines(script, as: String?.self)
    return stride(from: 0, to: flat.count, by: specs.count).map { Array(flat[$0..<min($0 + specs.count, flat.count)]) }
}

@Suite struct FormatSpecTests {
    @Test func commonSpecs() {
        #expect(3.14159.pythonFormat(".2f") == "3.14")
        #expect(1234567.891.pythonFormat(",.2f") == "1,234,567.89")
        #expect(42.pythonFormat(">5") == "   42")
        #expect(42.pythonFormat("08b") == "00101010")
        #expect(255.pythonFormat("#x") == "0xff")
        #expect(0.25.pythonFormat(".1%") == "25.0%")
        #expect("ab".pythonFormat("^6") == "  ab  ")
        #expect(true.pythonFormat("") == "True")
        #expect(true.pythonFormat(">5") == "    1")
        #expect(1234.pythonFormat("010,") == "00,001,234")
    }

    @Test func invalidSpecIsRejected() {
        #expect(throws: FormatSpec.ParseError.self) { try FormatSpec(parsing: ".f.") }
        #expect(throws: FormatSpec.ParseError.self) { try FormatSpec(parsing: "5.") }
    }

    @Test func floatsMatchCPython() throws {
        let values = sampleDoubles(count: 60, seed: 3).filter(\.isFinite) + [-0.0, 0.5, 2.5, 1e16, 123.456, -1.005]
        let specs = randomSpecs(count: 120, seed: 11, types: ["", "", "e", "E", "f", "F", "g", "G", "%", "n"])
        let expected = try pythonFormats(valuesLiteral: PythonOracle.floatsLiteral(values), specs: specs)
        #expect(expected.count == values.count)
        var compared = 0
        for (row, value) in values.enumerated() {
            for (column, spec) in specs.enumerated() {
                guard let want = expected[row][column] else { continue }
                compared += 1
                let got = value.pythonFormat(spec)
                if got != want { Issue.record("format(\(value.pythonRepr), '\(spec)'): expected \(want), got \(got)") }
            }
        }
        #expect(compared > 3000)
    }

    @Test func intsMatchCPython() throws {
        var generator = SeededGenerator(seed: 5)
        let values = [0, 1, -1, 7, -42, 255, 1234, -1234567, Int.max, Int.min + 1, 65, 1_000_000]
            + (0..<20).map { _ in Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 60) }
        let specs = randomSpecs(count: 150, seed: 13, types: ["", "", "d", "b", "o", "x", "X", "n", "c", "e", "f", "g", "%"])
        let literal = "[" + values.map(String.init).joined(separator: ",") + "]"
        let expected = try pythonFormats(valuesLiteral: literal, specs: specs)
        var compared = 0
        for (row, value) in values.enumerated() {
            for (column, spec) in specs.enumerated() {
                guard let want = expected[row][column] else { continue }
                // `c` of values beyond Unicode raise in CPython; in range they are characters.
                compared += 1
                let got = value.pythonFormat(spec)
                if got != want { Issue.record("format(\(value), '\(spec)'): expected \(want), got \(got)") }
            }
        }
        #expect(compared > 1000)
    }

    @Test func stringsAndBoolsMatchCPython() throws {
        let strings = ["", "a", "hello", "héllo wörld", "日本"]
        let specs = randomSpecs(count: 150, seed: 17, types: ["", "", "s"])
        let expected = try pythonFormats(valuesLiteral: try PythonOracle.stringsLiteral(strings), specs: specs)
        for (row, value) in strings.enumerated() {
            for (column, spec) in specs.enumerated() {
                guard let want = expected[row][column] else { continue }
                let got = value.pythonFormat(spec)
                if got != want { Issue.record("format('\(value)', '\(spec)'): expected \(want), got \(got)") }
            }
        }
        let boolSpecs = randomSpecs(count: 60, seed: 19, types: ["", "", "d", "x", "f"])
        let boolExpected = try pythonFormats(valuesLiteral: "[True, False]", specs: boolSpecs)
        for (row, value) in [true, false].enumerated() {
            for (column, spec) in boolSpecs.enumerated() {
                guard let want = boolExpected[row][column] else { continue }
                let got = value.pythonFormat(spec)
                if got != want { Issue.record("format(\(value), '\(spec)'): expected \(want), got \(got)") }
            }
        }
    }
}
