import LoomCore
import Testing
@testable import Execution

@Suite struct TraceParserTests {
    @Test func protocolLinesBecomeEventsPerCell() {
        let trace = TraceParser.parse([
            #"{"cell":2,"kind":"cell-begin","t":0}"#,
            #"{"cell":2,"kind":"start","lane":"MainThread","t":0.0,"tid":4242}"#,
            #"{"cell":2,"kind":"sleep","lane":"Thread-1 (do_something)","t":0.0012,"duration":1.5}"#,
            #"{"cell":2,"kind":"wait","lane":"MainThread","t":0.0031,"duration":1.4983,"text":"join Thread-1 (do_something)"}"#,
            #"{"cell":2,"kind":"print","lane":"Thread-1 (do_something)","t":1.5019,"text":"Done Sleeping"}"#,
            #"{"cell":2,"kind":"end","lane":"Thread-1 (do_something)","t":1.502}"#,
            #"{"cell":2,"kind":"cell-end","t":1.5041,"text":"ok"}"#,
            #"{"cell":3,"kind":"cell-end","t":0.2,"text":"error","exception":"ValueError: bad value"}"#,
        ])
        #expect(trace.problems.isEmpty)
        #expect(trace.began == [2])
        #expect(trace.ended[2] == ParsedTrace.CellEnd(t: 1.5041, outcome: "ok", exception: nil))
        #expect(trace.ended[3]?.exception == "ValueError: bad value")
        #expect(trace.events[2] == [
            TraceEvent(t: 0, lane: "MainThread", kind: .start, tid: 4242),
            TraceEvent(t: 0.0012, lane: "Thread-1 (do_something)", kind: .sleep, duration: 1.5),
            TraceEvent(t: 0.0031, lane: "MainThread", kind: .wait, duration: 1.4983, text: "join Thread-1 (do_something)"),
            TraceEvent(t: 1.5019, lane: "Thread-1 (do_something)", kind: .print, text: "Done Sleeping"),
            TraceEvent(t: 1.502, lane: "Thread-1 (do_something)", kind: .end),
        ])
    }

    @Test(arguments: [
        "", "{", "[1,2]", "null", #"{"cell":"one","kind":"start","t":0,"lane":"a"}"#,
        #"{"kind":"start","t":0,"lane":"a"}"#, #"{"cell":1,"kind":"start","lane":"a"}"#,
        #"{"cell":1,"kind":"start","t":0}"#, #"{"cell":1,"kind":"jump","t":0,"lane":"a"}"#,
        #"{"cell":1,"kind":"sleep","t":0,"lane":"a","duration":-2}"#,
        #"{"cell":1,"kind":"print","t":1e999,"lane":"a"}"#, "\u{0}\u{1E}binary",
    ])
    func badLinesAreSkippedWithAReason(line: String) {
        let trace = TraceParser.parse([line, #"{"cell":1,"kind":"end","lane":"a","t":1}"#])
        #expect(trace.malformedLineCount == 1)
        #expect(trace.problems.count == 1)
        #expect(trace.events[1] == [TraceEvent(t: 1, lane: "a", kind: .end)])
    }

    @Test func onlyTheFirstProblemsAreListedButAllAreCounted() {
        let trace = TraceParser.parse(Array(repeating: "junk", count: 50))
        #expect(trace.malformedLineCount == 50)
        #expect(trace.problems.count == TraceParser.problemsListed)
    }
}
