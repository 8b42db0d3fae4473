import Testing
@testable import LoomCore

@Suite struct OutputRuleTests {
    @Test func linesSplitByRacingPrintsAgreeByContent() {
        let swift = ["Done Sleeping", "Done Sleeping", "all done"]
        let python = ["Done SleepingDone Sleeping", "", "all done"]
        #expect(OutputVerdict.compare(swift: swift, python: python) == .sameContentSplitDifferently)
        #expect(OutputVerdict.compare(swift: swift, python: python, orderIsARace: false) != .sameContentSplitDifferently)
    }

    @Test func aLineMissingIsNotTheSameContent() {
        let verdict = OutputVerdict.compare(swift: ["Done Sleeping", "Done Sleeping"], python: ["Done Sleeping", ""])
        #expect(!verdict.agrees)
    }

    @Test func anotherOrderAgreesOnlyWhereTheOrderIsARace() {
        #expect(OutputVerdict.compare(swift: ["b", "a"], python: ["a", "b"], orderIsARace: true) == .sameLinesInAnotherOrder)
        #expect(!OutputVerdict.compare(swift: ["b", "a"], python: ["a", "b"], orderIsARace: false).agrees)
    }

    @Test func clockNumbersAreMaskedInAnotherOrderToo() {
        let swift = ["worker 2 took 0.51 s", "worker 1 took 1.00 s"]
        let python = ["worker 1 took 1.002 s", "worker 2 took 0.503 s"]
        #expect(OutputVerdict.compare(swift: swift, python: python) == .sameLinesInAnotherOrder)
        // Integers are not clock readings: 5 against 6 stays a difference.
        #expect(!OutputVerdict.compare(swift: ["slept 5"], python: ["slept 6"]).agrees)
    }

    @Test func theSummaryNamesTheRule() {
        #expect(OutputVerdict.sameLinesInAnotherOrder.summary.contains("multiset"))
        #expect(OutputVerdict.sameContentSplitDifferently.summary.contains("by content"))
        #expect(OutputVerdict.sameApartFromNumbers.summary.contains("masked"))
    }
}

@Suite struct SnippetComparisonTests {
    typealias Side = SnippetComparison.Side

    @Test func classes() {
        let ok = Side(status: "ok", lines: ["hi"])
        #expect(SnippetComparison.classify(snippetStatus: .ok, swift: ok, python: ok).kind == .same)
        #expect(SnippetComparison.classify(snippetStatus: .ok, swift: ok, python: Side(status: "ok", lines: ["ho"])).kind == .different)
        let raisedValue = Side(status: "runtime-error", exception: "ValueError: bad", lines: [])
        let raisedValueToo = Side(status: "runtime-error", exception: "ValueError: other words", lines: [])
        let raisedKey = Side(status: "runtime-error", exception: "KeyError: 'k'", lines: [])
        #expect(SnippetComparison.classify(snippetStatus: .runtimeError, swift: raisedValue, python: raisedValueToo).kind == .sameException)
        #expect(SnippetComparison.classify(snippetStatus: .runtimeError, swift: raisedValue, python: raisedKey).kind == .different)
        #expect(SnippetComparison.classify(snippetStatus: .ok, swift: ok, python: raisedKey).kind == .different)
        #expect(SnippetComparison.classify(snippetStatus: .refused, swift: nil, python: ok).kind == .refused)
        #expect(SnippetComparison.classify(snippetStatus: .compileError, swift: nil, python: ok).kind == .refused)
        let missing = Side(status: "runtime-error", exception: "ModuleNotFoundError: No module named 'pandas'", lines: [])
        #expect(SnippetComparison.classify(snippetStatus: .refused, swift: nil, python: missing).kind == .cpythonFailed)
        #expect(SnippetComparison.classify(snippetStatus: .ok, swift: ok, python: Side(status: "timeout", lines: [])).kind == .cpythonFailed)
        #expect(SnippetComparison.classify(snippetStatus: .syntaxError, swift: nil, python: nil).kind == .cpythonFailed)
    }

    @Test func multisetOnlyWhereAThreadRan() {
        let swift = Side(status: "ok", lines: ["b", "a"], laneCount: 1)
        #expect(SnippetComparison.classify(snippetStatus: .ok, swift: swift, python: Side(status: "ok", lines: ["a", "b"], laneCount: 1)).kind == .different)
        #expect(SnippetComparison.classify(snippetStatus: .ok, swift: swift, python: Side(status: "ok", lines: ["a", "b"], laneCount: 3)).kind == .same)
    }

    @Test func countsAndTheirSentence() {
        var counts = ComparisonCounts()
        for kind in [SnippetComparison.Kind.same, .same, .different, .sameException, .refused, .cpythonFailed] { counts.add(kind) }
        #expect(counts.total == 6)
        #expect(counts.sentence == "Against CPython, of 6 snippets: 2 printed what CPython printed · 1 differ · 1 raised the same exception · 1 Loom refused or could not compile · 1 CPython itself could not run")
    }
}
