import Testing
@testable import Translation

/// `name = lambda …` is translated as the `def` it stands for.
@Suite struct NamedLambdaTests {
    private func swift(_ source: String) throws -> String {
        try NoteCells.firstCellSwift(source)
    }

    @Test func aNamedLambdaIsAFunctionTypedByItsCalls() throws {
        let text = try swift("""
        add = lambda a, b=1: a + b
        print(add(2), add(2, 5))
        """)
        #expect(text.contains("func add(_ a: Int, b: Int = 1) -> Int {\n    return a + b\n}"))
        #expect(text.contains("print(add(2), add(2, b: 5))"))
    }

    @Test func aSortKeyLambdaIsAppliedToBothSidesOfTheComparison() throws {
        let text = try swift("""
        pairs = [("b", 2), ("a", 3)]
        print(sorted(pairs, key=lambda pair: pair[1]))
        """)
        #expect(text.contains("pairs.sorted { a, b in a.1 < b.1 }"))
    }
}
