import LoomCore
import Testing
@testable import Timeline

/// Golden diagrams for the shapes runs take beyond the note's snippets.
@Suite struct ShapeDiagramTests {
    @Test func poolWithAnIdleWorker() throws {
        try Golden.check(TimelineDiagram.text(ShapeTraces.poolOfSixWithFiveTasks()), named: "pool-6-workers-5-tasks.txt")
    }

    @Test func resultsPrintInCompletionOrderOnAMillisecondAxis() throws {
        let text = TimelineDiagram.text(ShapeTraces.asCompleted())
        try Golden.check(text, named: "as-completed.txt")
        #expect(text.contains("time (ms)"))
    }

    @Test func cpuBoundLanesWithACoreEach() throws {
        let text = TimelineDiagram.text(ShapeTraces.cpuBound(lanes: 2, cores: 2, title: "cpu-bound · Swift"))
        try Golden.check(text, named: "cpu-bound-parallel.txt")
        #expect(!text.contains("CPU use not measured"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("Thread-") }
        #expect(rows.count == 2 && rows.allSatisfy { !$0.contains("~") })
    }

    @Test func cpuBoundLanesQueuedForCPU() throws {
        let text = TimelineDiagram.text(ShapeTraces.cpuBound(lanes: 4, cores: 2, title: "cpu-bound · Swift"))
        try Golden.check(text, named: "cpu-bound-oversubscribed.txt")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("Thread-") }
        #expect(rows.count == 4 && rows.allSatisfy { $0.contains("~") && $0.contains("=") })
    }

    @Test func lanesThatUsedLittleCPUAreDrawnOffCPU() throws {
        let text = TimelineDiagram.text(ShapeTraces.gilBound())
        try Golden.check(text, named: "cpu-bound-gil.txt")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("Thread-") }
        #expect(rows.allSatisfy { !$0.contains("=") && $0.contains("~") })
    }

    @Test func zeroLengthRun() throws {
        let text = TimelineDiagram.text(ShapeTraces.zeroLength())
        try Golden.check(text, named: "zero-length.txt")
        #expect(text.hasPrefix("snippet 4 · Swift · 0 s wall\n"))
        #expect(text.contains("The run took no measurable time."))
    }

    @Test func extremeRunsFitTheNarrowestWidth() {
        for run in [ShapeTraces.zeroLength(), ShapeTraces.hoursLong(), ShapeTraces.manyLanes(), ShapeTraces.longNames()] {
            for style in TimelineOptions.Style.allCases {
                let text = TimelineDiagram.text(run, options: TimelineOptions(width: 24, style: style))
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= 24 }, "\(text)")
            }
        }
    }

    @Test func hostileTracesDrawWithoutTrappingOrBreakingTheGrid() {
        let events = [
            TraceEvent(t: 0, lane: "Main\nThread\u{1E}", kind: .start),
            TraceEvent(t: 1e300, lane: "Main\nThread\u{1E}", kind: .print, text: "far away"),
            TraceEvent(t: 5, lane: "", kind: .sleep, duration: .greatestFiniteMagnitude),
            TraceEvent(t: -3, lane: "", kind: .wait, duration: .nan, text: nil),
            TraceEvent(t: .infinity, lane: "ghost", kind: .end),
            TraceEvent(t: 2, lane: "T", kind: .cpu, duration: -1),
        ]
        for width in [1, 24, 80, Int.max] {
            let text = TimelineDiagram.text(
                TimelineRun(title: "odd\ttitle", events: events, wallTime: .infinity), options: TimelineOptions(width: width))
            let lines = text.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= min(max(width, TimelineOptions.minimumWidth), TimelineOptions.maximumWidth) })
            if width >= 80 { #expect(lines.contains { $0.hasPrefix("Main?Thread?") }) }
            #expect(!text.contains("ghost"))
        }
        let svg = TimelineDiagram.svg(
            TimelineRun(title: "odd", events: events), options: SVGTimelineOptions(plotWidth: .infinity, timeSpan: .nan))
        #expect(svg.hasPrefix("<svg"))
    }

    @Test func hoursLongRun() throws {
        let text = TimelineDiagram.text(ShapeTraces.hoursLong())
        try Golden.check(text, named: "hours-long.txt")
        #expect(text.contains("time (h)"))
        #expect(text.contains("> still running at the end"))
    }

    @Test func sixtyFourLanesFoldIdenticalRows() throws {
        let text = TimelineDiagram.text(ShapeTraces.manyLanes())
        try Golden.check(text, named: "lanes-64.txt")
        #expect(text.contains("Thread-3..64 (worker) x62"))
        // Sixty-four threads and the main thread.
        #expect(text.contains("65 lanes: consecutive lanes with identical rows share one row"))
    }

    @Test func tenLanesAreNeverFolded() {
        let text = TimelineDiagram.text(SeedTraces.tenThreads())
        for index in 1...10 {
            #expect(text.contains("Thread-\(index) (do_something) "))
        }
        #expect(!text.contains(" x10"))
    }

    @Test func longNamesAreCutVisiblyAndStayDistinct() throws {
        let text = TimelineDiagram.text(ShapeTraces.longNames())
        try Golden.check(text, named: "long-names.txt")
        let labels = text.split(separator: "\n").dropFirst(3).prefix(4).map { $0.prefix(31) }
        #expect(Set(labels).count == 4)
        #expect(labels.filter { $0.contains("~") }.count == 3)
    }

    @Test func narrowAndWideDiagrams() throws {
        try Golden.check(
            TimelineDiagram.text(SeedTraces.tenThreads(), options: TimelineOptions(width: 40)),
            named: "snippet2-width40.txt")
        try Golden.check(
            TimelineDiagram.text(SeedTraces.threadPools(), options: TimelineOptions(width: 40)),
            named: "snippet3-width40.txt")
        try Golden.check(
            TimelineDiagram.text(SeedTraces.threadPools(), options: TimelineOptions(width: 160)),
            named: "snippet3-width160.txt")
    }

    @Test func unicodeStyle() throws {
        let options = TimelineOptions(style: .unicode)
        try Golden.check(TimelineDiagram.text(SeedTraces.tenThreads(), options: options), named: "snippet2-unicode.txt")
        try Golden.check(
            TimelineDiagram.text(ShapeTraces.cpuBound(lanes: 4, cores: 2, title: "cpu-bound · Swift"), options: options),
            named: "cpu-bound-oversubscribed-unicode.txt")
        try Golden.check(
            TimelineDiagram.text(ShapeTraces.manyLanes(), options: TimelineOptions(width: 60, style: .unicode)),
            named: "lanes-64-unicode-width60.txt")
    }
}
