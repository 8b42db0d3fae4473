import Testing
@testable import LoomSupport

@Suite struct PythonPrintableTests {
    @Test func containersMatchCPython() throws {
        let expected = try PythonOracle.lines("""
            print([1, 2, 3], ['a', "it's"], [[1.5, 2.0], []], [None, 3], (1, 'a'), (1, 2.5, True))
            print({'a': [1], 'b': [1, 2]}, {3, 1, 2}, set(), {}, {'z': None, 'a': 0.1})
            print(str('x'), repr('x'), [True, False], [('a', 1), ('b', 2)])
            """)
        let optionals: [Int?] = [nil, 3]
        var dict: PyDict<String, [Int]> = ["a": [1]]
        dict["b"] = [1, 2]
        dict["a"] = [1]
        let empty: PyDict<String, Int> = [:]
        let ordered: PyDict<String, Double?> = ["z": nil, "a": 0.1]
        let line1 = [[1, 2, 3].pythonStr, ["a", "it's"].pythonStr, [[1.5, 2.0], []].pythonStr, optionals.pythonStr,
                     str((1, "a")), str((1, 2.5, true))].joined(separator: " ")
        let line2 = [dict.pythonStr, Set([3, 1, 2]).pythonStr, Set<Int>().pythonStr, empty.pythonStr,
                     ordered.pythonStr].joined(separator: " ")
        let line3 = [str("x"), repr("x"), [true, false].pythonStr,
                     [PyTuple(("a", 1)), PyTuple(("b", 2))].pythonStr].joined(separator: " ")
        #expect([line1, line2, line3] == expected)
    }

    @Test func interpolationShowsPythonValues() {
        let maybe: Int? = nil
        let some: Double? = 2.5
        let names = ["a", "b"]
        let seconds = 1.5
        let count = 5
        #expect("\(true) \(maybe) \(some) \(names) \(seconds) \(count) \(1e16)" == "True None 2.5 ['a', 'b'] 1.5 5 1e+16")
        #expect("\(seconds, format: ".2f")|\(count, format: ">3")|\(repr: "x")|\((1, "a"))" == "1.50|  5|'x'|(1, 'a')")
        #expect("Finished in \(round(1.23456, 2)) second(s)" == "Finished in 1.23 second(s)")
    }

    @Test func dictionaryKeepsInsertionOrderAndRemoves() {
        var dict: PyDict<String, Int> = [:]
        dict["b"] = 1
        dict["a"] = 2
        dict["c"] = 3
        dict["a"] = nil
        dict["b", default: 0] += 10
        #expect(dict.keys == ["b", "c"])
        #expect(dict.pythonRepr == "{'b': 11, 'c': 3}")
        #expect(dict.count == 2)
    }
}

@Suite struct PyAnyTests {
    @Test func heterogeneousContainersPrintAsCPython() throws {
        let expected = try PythonOracle.lines("""
            row = [1, 'a', 2.5, True, None, [1, 2]]
            print(row, {'k': 1, 'v': 'x'}, f'{row[2]:06.2f}')
            """)
        let row: [PyAny] = [1, "a", 2.5, true, nil, PyAny([1, 2])]
        let dict: PyDict<String, PyAny> = ["k": 1, "v": "x"]
        #expect(["\(row.pythonStr) \(dict.pythonStr) \(row[2], format: "06.2f")"] == expected)
    }
}
