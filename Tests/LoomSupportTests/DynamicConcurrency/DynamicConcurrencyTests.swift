import Foundation
import Testing

/// The dynamic `time`, `threading`, `queue`, `concurrent.futures`, `multiprocessing` and `asyncio`
/// against CPython: every case's output line for line (addresses and idents masked), and the
/// timing shape of the classic concurrency snippets through the trace.
@Suite(.serialized) struct DynamicConcurrencyTests {
    static let cases = threadingCases + poolCases + asyncioCases

    /// Both runs of every case, made once: one Swift program of one cell per case (run at real
    /// time: several cases order their output by sleeps), and the same cells under `python3`.
    static let runs: Result<(swift: DynamicProgram.Run, python: [Int: [String]]), any Error> = Result {
        let binary = try DynamicProgram.compile(DynamicProgram.source(cells: cases.map(\.swift)))
        let swift = try DynamicProgram.execute(binary, timeScale: 1)
        let python = try DynamicProgram.python(cells: cases.map(\.python))
        return (swift, python)
    }

    static func compare(_ range: Range<Int>) throws {
        let (swift, python) = try runs.get()
        for index in range {
            let cell = index + 1
            let expected = (python[cell] ?? []).map(DynamicProgram.masked)
            let actual = (swift.stdoutByCell[cell] ?? []).map(DynamicProgram.masked)
            #expect(actual == expected, "\(cases[index].name): Swift printed\n\(actual.joined(separator: "\n"))\nCPython printed\n\(expected.joined(separator: "\n"))\nstderr:\n\(swift.stderr.suffix(2000))")
        }
    }

    @Test func threadingQueueAndTimeMatchCPython() throws {
        try Self.compare(0..<threadingCases.count)
    }

    @Test func poolsMatchCPython() throws {
        try Self.compare(threadingCases.count..<(threadingCases.count + poolCases.count))
    }

    @Test func asyncioMatchesCPython() throws {
        try Self.compare((threadingCases.count + poolCases.count)..<Self.cases.count)
    }

    /// An exception escaping a thread's `run` is reported on stderr as CPython's threading
    /// reports it, and the thread ends without ending the cell.
    @Test func exceptionInAThreadIsReportedAsCPythonReportsIt() throws {
        let (swift, _) = try Self.runs.get()
        #expect(swift.stderr.contains("Exception in thread exploder:\n"))
        #expect(swift.stderr.contains("\nValueError: thread exploded\n"))
    }

    /// Every cell ran to its end: none raised out of the cell, crashed or was cut short.
    @Test func everyCaseRanToItsEnd() throws {
        let (swift, _) = try Self.runs.get()
        #expect(swift.status == 0, "exit status \(swift.status)\n\(swift.stderr.suffix(2000))")
        for cell in 1...Self.cases.count {
            let end = swift.events(ofCell: cell).first { ($0["kind"] as? String) == "cell-end" }
            #expect(end?["text"] as? String == "ok", "\(Self.cases[cell - 1].name): \(end?["exception"] ?? "no cell-end")")
        }
    }
}
