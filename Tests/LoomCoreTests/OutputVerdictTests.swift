import LoomCore
import Testing

@Suite struct OutputVerdictTests {
    @Test func identicalOutputIsTheSame() {
        #expect(OutputVerdict.compare(swift: ["a", "b"], python: ["a", "b"]) == .same)
    }

    @Test func reorderedLinesAreSaidToBeReordered() {
        #expect(OutputVerdict.compare(swift: ["b", "a"], python: ["a", "b"]) == .sameLinesInAnotherOrder)
    }

    @Test func measuredNumbersAreNotADifference() {
        #expect(OutputVerdict.compare(swift: ["Finished in 2.0 second(s)"], python: ["Finished in 2.01 second(s)"]) == .sameApartFromNumbers)
    }

    @Test func differencesListWhatEachSideAlonePrinted() {
        let verdict = OutputVerdict.compare(swift: ["x", "same", "5.0"], python: ["same", "y", "y"])
        #expect(verdict == .different(onlySwift: ["x", "5.0"], onlyPython: ["y", "y"]))
        #expect(verdict.summary == "different")
    }

    @Test func anIntegerPrintedAsAFloatIsADifference() {
        #expect(OutputVerdict.compare(swift: ["Sleeping 5.0 second(s)..."], python: ["Sleeping 5 second(s)..."]) != .sameApartFromNumbers)
    }
}
