import Testing
@testable import Translation

/// `*args` and keyword-only parameters: the Swift signatures and calls a reader sees.
@Suite struct VariadicParameterTests {
    private func swift(_ source: String) throws -> String {
        try NoteCells.firstCellSwift(source)
    }

    private func refusal(_ source: String) throws -> Refusal? {
        guard case .refused(let refusal) = try NoteCells.translate(source).cells[0].status else { return nil }
        return refusal
    }

    @Test func starArgsBecomesAVariadicParameterTypedByItsCalls() throws {
        let text = try swift("""
        def total(*numbers):
            print(numbers)
            return sum(numbers)
        print(total(1, 2, 3), total())
        """)
        #expect(text.contains("func total(_ numbers: Int...) -> Int {"))
        #expect(text.contains("print(PyTuple(numbers))"))
        #expect(text.contains("print(total(1, 2, 3), total())"))
    }

    @Test func argumentsAfterStarArgsAreLabelledAndKeepTheirDefaults() throws {
        let text = try swift("""
        def greet(greeting, *names, punctuation="!"):
            for name in names:
                print(greeting, name, punctuation)
        greet("Hi", "Ann", "Bob", punctuation="?")
        """)
        #expect(text.contains(#"func greet(_ greeting: String, _ names: String..., punctuation: String = "!") {"#))
        #expect(text.contains(#"greet("Hi", "Ann", "Bob", punctuation: "?")"#))
    }

    @Test func aCallThatSpreadsASequenceMakesStarArgsAnArray() throws {
        let text = try swift("""
        def average(first, *rest):
            return (first + sum(rest)) / (1 + len(rest))
        scores = [3, 4]
        print(average(1, *scores), average(2, 5, *scores), average(7))
        """)
        #expect(text.contains("func average(_ first: Int, _ rest: [Int]) throws -> Double {"))
        #expect(text.contains("average(1, scores)"))
        #expect(text.contains("average(2, [5] + scores)"))
        #expect(text.contains("average(7, [])"))
    }

    @Test func keywordOnlyParametersWithoutDefaultsAreRequiredLabels() throws {
        let text = try swift("""
        def describe(name, *, loud, level=1):
            print(name, loud, level)
        describe("a", loud=True)
        """)
        #expect(text.contains("func describe(_ name: String, loud: Bool, level: Int = 1) {"))
        #expect(text.contains(#"describe("a", loud: true)"#))
    }

    @Test func collectingKeywordArgumentsRunsDynamically() throws {
        let cell = try NoteCells.translate("""
        print("start")
        def options(**settings):
            print(settings)
        options(a=1)
        """).cells[0]
        #expect(cell.isDynamic)
        #expect(cell.notes.contains { $0.text.contains("def options(**settings) at line 2") })
        #expect(cell.swift.contains(#"PySignature([], varkw: "settings")"#))
    }

    @Test func spreadingIntoNamedParametersRunsDynamically() throws {
        let translation = try NoteCells.translate("""
        def pair(a, b):
            return a + b
        print(pair(1, 2))
        # %%
        values = [1, 2]
        print(pair(*values))
        """)
        // Snippet 2 needs `pair` as a value, so the cascade makes snippet 1 dynamic too.
        #expect(translation.cells.allSatisfy { $0.isDynamic })
        #expect(translation.cells[1].notes.contains { $0.text.contains("pair(*…) at line 6") })
        #expect(translation.cells[1].swift.contains("pair.call(values.unpackedArguments())"))
    }
}
