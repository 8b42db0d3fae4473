import Testing
@testable import LoomSupport

@Suite struct FloatReprTests {
    @Test func examplesFromThePythonDocs() {
        #expect(1.5.pythonRepr == "1.5")
        #expect(1e16.pythonRepr == "1e+16")
        #expect(1.5e-05.pythonRepr == "1.5e-05")
        #expect((-0.0).pythonRepr == "-0.0")
        #expect(Double.infinity.pythonRepr == "inf")
        #expect(Double.nan.pythonRepr == "nan")
        #expect(100.0.pythonRepr == "100.0")
        #expect(0.0001.pythonRepr == "0.0001")
        #expect(9999999999999998.0.pythonRepr == "9999999999999998.0")
    }

    @Test func reprMatchesCPythonOnThousandsOfDoubles() throws {
        let values = sampleDoubles(count: 4000, seed: 7)
        let expected = try PythonOracle.lines("import struct\nfor x in \(PythonOracle.floatsLiteral(values)): print(repr(x))")
        #expect(expected.count == values.count)
        let actual = values.map(\.pythonRepr)
        for (index, value) in values.enumerated() where actual[index] != expected[index] {
            Issue.record("repr(\(value.bitPattern)): expected \(expected[index]), got \(actual[index])")
        }
    }
}
