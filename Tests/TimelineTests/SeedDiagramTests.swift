import LoomCore
import Testing
@testable import Timeline

/// The three diagrams the threading note points at.
@Suite struct SeedDiagramTests {
    @Test func synchronousSnippetShowsTwoSleepsOneAfterTheOther() throws {
        let text = TimelineDiagram.text(SeedTraces.synchronous())
        try Golden.check(text, named: "snippet1-synchronous.txt")
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("MainThread") })
        #expect(row.components(separatedBy: "sleep 1").count - 1 == 2)
    }

    @Test func tenThreadsSleepAtOnce() throws {
        let text = TimelineDiagram.text(SeedTraces.tenThreads())
        try Golden.check(text, named: "snippet2-ten-threads.txt")
        #expect(text.hasPrefix("snippet 2 · Swift · 1.51 s wall\n"))
    }

    @Test func threadPoolsPrintAsCompletedThenInMapOrder() throws {
        try Golden.check(TimelineDiagram.text(SeedTraces.threadPools()), named: "snippet3-thread-pools.txt")
    }
}
