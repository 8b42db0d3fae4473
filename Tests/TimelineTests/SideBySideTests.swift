import LoomCore
import Testing
@testable import Timeline

@Suite struct SideBySideTests {
    @Test func tenThreadsInSwiftAndCPython() throws {
        let text = TimelineDiagram.sideBySide(
            SeedTraces.tenThreads(),
            SeedTraces.tenThreads(stagger: 0.002, title: "snippet 2 · CPython"))
        try Golden.check(text, named: "snippet2-side-by-side.txt")
        let axes = text.split(separator: "\n").filter { $0.hasPrefix("time (s)") }
        #expect(axes.count == 2 && axes[0] == axes[1])
    }

    @Test func cpuBoundSwiftThreadsAgainstCPythonUnderTheGIL() throws {
        let text = TimelineDiagram.sideBySide(
            ShapeTraces.cpuBound(lanes: 2, cores: 2, title: "cpu-bound · Swift"), ShapeTraces.gilBound())
        try Golden.check(text, named: "cpu-bound-side-by-side.txt")
    }

    @Test func theShorterRunIsDrawnOnTheLongerRunsScale() throws {
        let text = TimelineDiagram.sideBySide(SeedTraces.synchronous(), SeedTraces.tenThreads(title: "snippet 2 · Swift"))
        try Golden.check(text, named: "side-by-side-different-lengths.txt")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("MainThread") }
        // Both blocks share one label column and one axis, so the 1.5 s run ends left of the 2 s run.
        #expect(rows.count == 2)
        #expect(rows[1].count < rows[0].count)
    }

    @Test func saysWhetherTheShapesMatch() throws {
        let same = TimelineDiagram.sideBySide(
            SeedTraces.tenThreads(), SeedTraces.tenThreads(stagger: 0.002, title: "snippet 2 · CPython"))
        #expect(same.contains("Same shape: 11 lanes, at most 10 sleeps at once in both runs."))

        let text = TimelineDiagram.sideBySide(
            SeedTraces.threadPoolsOnTwoCores(), SeedTraces.threadPools(title: "snippet 3 · CPython", pools: 1))
        try Golden.check(text, named: "snippet3-serialised-side-by-side.txt")
        #expect(text.contains("Different shapes: snippet 3 · Swift (2-wide pool) had 3 lanes and at most 2"))
    }
}
