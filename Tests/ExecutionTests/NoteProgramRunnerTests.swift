import LoomCore
import Testing
@testable import Execution

@Suite struct NoteProgramRunnerTests {
    private func run(_ plan: String, options: CellRunOptions = CellRunOptions(timeLimitPerCell: 10)) -> NoteProgramRun {
        let cells = plan.split(separator: ",").count
        let program = NoteProgram(executable: Fixtures.path("protocol.py"), arguments: [plan], cellCount: cells)
        return NoteProgramRunner.run(program, options: options)
    }

    @Test func cellsGetTheirOwnOutputTraceAndTime() throws {
        let result = run("ok,ok")
        #expect(result.cells.map(\.status) == [.ok, .ok])
        #expect(result.processesStarted == 1)
        let first = try #require(result.cells.first)
        #expect(first.stdout == "cell 1 says ok\n")
        #expect(first.stderr == "")
        #expect(result.cells[1].stdout == "cell 2 says ok\n")
        let traced = first.events.filter { $0.kind != .cpu && !($0.kind == .wait && $0.text == "cpu") }
        #expect(traced.map(\.kind) == [.start, .print, .start, .sleep, .end, .wait, .end])
        #expect(Set(traced.map(\.lane)) == ["MainThread", "Thread-1 (work)"])
        #expect(traced.first { $0.kind == .sleep }?.duration == 0.05)
        let seconds = try #require(first.seconds.first)
        #expect(seconds >= 0.05)
        #expect(first.seconds.count == 1)
        #expect(first.median == seconds)
    }

    @Test func crashInACellIsReportedAndLaterCellsStillRun() {
        let result = run("ok,segv,ok")
        #expect(result.cells.map(\.status) == [.ok, .crashed(signal: "SIGSEGV"), .ok])
        #expect(result.cells[1].signal == "SIGSEGV")
        #expect(result.cells[1].stdout == "cell 2 says segv\n")
        #expect(result.cells[2].stdout == "cell 3 says ok\n")
        #expect(result.processesStarted == 2)
    }

    @Test func hungCellTimesOutKeepsItsPartialOutputAndTheNextCellRuns() {
        let result = run("ok,hang,ok", options: CellRunOptions(timeLimitPerCell: 1, killGrace: 0.1))
        #expect(result.cells.map(\.status) == [.ok, .timeout, .ok])
        #expect(result.cells[1].stdout == "cell 2 says hang\n")
        #expect(result.cells[1].events.contains { $0.kind == .print && $0.text == "cell 2 says hang" })
        #expect(result.processesStarted == 2)
    }

    @Test func pythonErrorEndsOnlyItsCell() {
        let result = run("error,ok")
        #expect(result.cells.map(\.status) == [.runtimeError(exception: "ValueError: bad value"), .ok])
        #expect(result.cells[0].stderr.contains("Traceback"))
        #expect(result.processesStarted == 1)
    }

    @Test func exitInsideACellIsItsStatus() {
        let result = run("exit3,ok")
        #expect(result.cells.map(\.status) == [.exited(code: 3), .ok])
        #expect(result.cells[0].exitStatus == 3)
    }

    @Test func exitAfterAFinishedCellLetsTheRemainingCellsRun() {
        let result = run("sysexit,ok,ok")
        #expect(result.cells.map(\.status) == [.runtimeError(exception: "SystemExit: 3"), .ok, .ok])
        #expect(result.processesStarted == 2)
        #expect(result.diagnostics.contains { $0.severity == .note && $0.message.contains("exited with code 3 after cell 1") })
    }

    @Test func exitAfterTheLastCellIsOnlyANote() {
        let result = run("ok,sysexit")
        #expect(result.cells.map(\.status) == [.ok, .runtimeError(exception: "SystemExit: 3")])
        #expect(result.processesStarted == 1)
    }

    @Test func malformedTraceLinesAreReportedNotFatal() {
        let result = run("garbage,ok")
        #expect(result.cells.map(\.status) == [.ok, .ok])
        let warnings = result.diagnostics.filter { $0.message.contains("trace line") }
        #expect(warnings.count == 4)
        #expect(!result.cells[0].events.contains { $0.lane == "x" })
    }

    @Test func programThatDiesBeforeItsFirstCellChargesThatCellAndMovesOn() {
        let program = NoteProgram(executable: Fixtures.path("diesearly.sh"), cellCount: 2)
        let result = NoteProgramRunner.run(program, options: CellRunOptions(timeLimitPerCell: 5))
        #expect(result.cells.map(\.status) == [.crashed(signal: "SIGABRT"), .crashed(signal: "SIGABRT")])
        #expect(result.processesStarted == 2)
    }

    @Test func missingProgramLeavesEveryCellNotRunWithAnError() {
        let program = NoteProgram(executable: "/nonexistent/note-program", cellCount: 2)
        let result = NoteProgramRunner.run(program)
        #expect(result.cells.count == 2)
        #expect(result.cells.allSatisfy { if case .notRun = $0.status { true } else { false } })
        #expect(result.diagnostics.hasErrors)
    }

    @Test func repeatsGiveEverySecondsWithMedianAndRange() throws {
        let result = run("ok", options: CellRunOptions(timeLimitPerCell: 10, repeats: 3))
        let cell = try #require(result.cells.first)
        #expect(cell.seconds.count == 3)
        let median = try #require(cell.median)
        #expect(try #require(cell.min) <= median)
        #expect(median <= (try #require(cell.max)))
        #expect(cell.seconds.sorted()[1] == median)
        #expect(cell.seconds[cell.representativeRepeat - 1] == median)
        #expect(result.processesStarted == 3)
    }

    @Test func timeScaleShortensSleepsAndTimesAreScaledBack() throws {
        let result = run("ok", options: CellRunOptions(timeLimitPerCell: 10, timeScale: 0.1))
        let cell = try #require(result.cells.first)
        let end = try #require(cell.events.last { $0.kind == .end && $0.lane == "Thread-1 (work)" })
        #expect(end.t >= 0.05)
    }

    @Test func busyCellGetsCPUEventsOnItsLane() {
        let result = run("busy", options: CellRunOptions(timeLimitPerCell: 10, cpuSamplingInterval: 0.01))
        let cpu = result.cells[0].events.filter { $0.kind == .cpu }
        #expect(!cpu.isEmpty)
        #expect(cpu.allSatisfy { $0.lane == "MainThread" })
        #expect(cpu.reduce(0) { $0 + ($1.duration ?? 0) } > 0.15)
    }

    @Test func timeScaleOutsideItsRangeIsRefusedWithAnError() throws {
        let result = run("ok", options: CellRunOptions(timeLimitPerCell: 10, timeScale: 0))
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("time scale") })
        #expect(result.cells.map(\.status) == [.ok])
    }

    @Test func outputBeforeTheFirstMarkerBelongsToTheFirstCell() {
        let result = run("prelude,ok")
        #expect(result.cells[0].stdout == "top level\ncell 1 says prelude\n")
        #expect(result.cells[1].stdout == "cell 2 says ok\n")
    }

    @Test func floodingCellIsCappedWithoutTouchingTheNextCell() throws {
        let result = run("flood,ok", options: CellRunOptions(timeLimitPerCell: 10, outputCap: 1000))
        let flooded = result.cells[0].stdout
        #expect(flooded.hasPrefix("cell 1 says flood\nxxx"))
        #expect(flooded.hasSuffix(" bytes dropped]\n"))
        #expect(flooded.utf8.count < 5200)
        #expect(result.cells[1].stdout == "cell 2 says ok\n")
        #expect(result.cells.map(\.status) == [.ok, .ok])
    }

    @Test func cellsTogetherHoldExactlyWhatTheProgramPrintsWhenRunPlainly() {
        let plan = "prelude,ok,error,busy,flood,ok"
        let plain = ChildProcessRunner.run(ChildProcessRequest(
            executable: Fixtures.path("protocol.py"), arguments: [plan], outputCap: 10 << 20))
        let cells = run(plan, options: CellRunOptions(timeLimitPerCell: 10, outputCap: 10 << 20))
        #expect(plain.termination == .exited(code: 0))
        #expect(cells.cells.map(\.stdout).joined() == plain.stdoutText)
        #expect(cells.cells.map(\.stderr).joined() == plain.stderrText)
    }
}
