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

    @Test func loggingsClockReadingIsNotADifferenceButItsDateIs() {
        #expect(OutputVerdict.compare(swift: ["2026-12-03 20:12:05,507 | INFO | ready"], python: ["2026-12-03 20:12:06,191 | INFO | ready"]) == .sameApartFromNumbers)
        #expect(!OutputVerdict.compare(swift: ["2026-12-03 20:12:05,507 | INFO | ready"], python: ["2026-12-04 20:12:05,507 | INFO | ready"]).agrees)
        #expect(!OutputVerdict.compare(swift: ["12:05:07,1234"], python: ["12:05:07,1000"]).agrees)
    }

    @Test func aTimeOfDayIsAClockReadingButADateIsNot() {
        #expect(OutputVerdict.compare(swift: ["18:39:24: Teller 1 is ready."], python: ["18:39:26: Teller 1 is ready."]) == .sameApartFromNumbers)
        #expect(OutputVerdict.compare(swift: ["now 2026-12-04 18:39:24.118203"], python: ["now 2026-12-04 18:40:01.5"]) == .sameApartFromNumbers)
        #expect(!OutputVerdict.compare(swift: ["18:39:24: Teller 1 is ready."], python: ["18:39:26: Teller 2 is ready."]).agrees)
        #expect(!OutputVerdict.compare(swift: ["on 2026-12-04"], python: ["on 2026-12-05"]).agrees)
        // A ratio or a version with colons is not a time of day.
        #expect(!OutputVerdict.compare(swift: ["1:02:03:04"], python: ["1:02:03:05"]).agrees)
        // Racing threads that print the time: compared as a multiset, clocks masked.
        #expect(OutputVerdict.compare(swift: ["10:00:01 b done", "10:00:00 a done"], python: ["10:00:03 a done", "10:00:04 b done"])
                == .sameLinesInAnotherOrder)
    }

    @Test func eachRunsOwnProcessIDFacingTheOthersIsNotADifference() {
        let ids = (swift: 18163, python: 2)
        #expect(OutputVerdict.compare(swift: ["pid 18163: ready"], python: ["pid 2: ready"], processIDs: ids) == .sameApartFromNumbers)
        // Only where the two face each other: another number equal to one side's ID still counts.
        #expect(!OutputVerdict.compare(swift: ["2 items"], python: ["3 items"], processIDs: ids).agrees)
        #expect(!OutputVerdict.compare(swift: ["18163"], python: ["3"], processIDs: ids).agrees)
        #expect(!OutputVerdict.compare(swift: ["pid 18163"], python: ["pid 2"]).agrees)
    }

    @Test func anIntegerPrintedAsAFloatIsADifference() {
        #expect(OutputVerdict.compare(swift: ["Sleeping 5.0 second(s)..."], python: ["Sleeping 5 second(s)..."]) != .sameApartFromNumbers)
    }

    @Test func objectAddressesAreNotADifference() {
        #expect(OutputVerdict.compare(swift: ["<Mock name='mock.send' id='140220'>"], python: ["<Mock name='mock.send' id='139929621955344'>"]) == .sameApartFromNumbers)
        #expect(OutputVerdict.compare(swift: ["<__main__.Point object at 0x7f00aa10>"], python: ["<__main__.Point object at 0x7fb90f5bcb80>"]) == .sameApartFromNumbers)
        #expect(OutputVerdict.compare(swift: ["<Mock name='a' id='1'>"], python: ["<Mock name='b' id='1'>"]) != .sameApartFromNumbers)
        #expect(OutputVerdict.compare(swift: ["0x1f"], python: ["0x2e"]) != .sameApartFromNumbers)
    }
}
