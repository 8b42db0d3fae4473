import Foundation
import Testing
@testable import LoomCLI
@testable import Execution
import SupportLibrarySources

/// What is running at once inside the gate, checked by every holder as it works.
private final class Occupancy: @unchecked Sendable {
    private let lock = NSLock()
    private var compiles = 0
    private var shared = 0
    private var exclusive = 0
    private(set) var violations: [String] = []
    private(set) var mostCompiles = 0
    private(set) var mostShared = 0

    func enter(_ kind: String) {
        lock.withLock {
            switch kind {
            case "compile": compiles += 1
            case "shared": shared += 1
            default: exclusive += 1
            }
            mostCompiles = max(mostCompiles, compiles)
            mostShared = max(mostShared, shared)
            if exclusive > 1 || (exclusive == 1 && compiles + shared > 0) {
                violations.append("\(kind) entered with \(exclusive) alone, \(compiles) compiles, \(shared) shared")
            }
        }
    }

    func leave(_ kind: String) {
        lock.withLock {
            switch kind {
            case "compile": compiles -= 1
            case "shared": shared -= 1
            default: exclusive -= 1
            }
        }
    }
}

@Suite struct RunGateTests {
    @Test func anExclusiveRunNeverOverlapsAnythingAndCompilesStayWithinTheCores() {
        let gate = RunGate(cores: 2)
        let occupancy = Occupancy()
        let companies = ConcurrentResults<(kind: String, company: RunGate.Company)>(count: 60)
        DispatchQueue.concurrentPerform(iterations: 60) { position in
            let kind = ["compile", "shared", "shared", "alone"][position % 4]
            let work: @Sendable () -> Void = {
                occupancy.enter(kind)
                Thread.sleep(forTimeInterval: 0.002)
                occupancy.leave(kind)
            }
            if kind == "compile" {
                gate.compiling(work)
                companies.set((kind, RunGate.Company(alone: true, besideRuns: 0, besideCompiles: 0)), at: position)
            } else {
                let (_, company) = gate.running(exclusively: kind == "alone", work)
                companies.set((kind, company), at: position)
            }
        }
        #expect(occupancy.violations.isEmpty, "\(occupancy.violations.prefix(3))")
        #expect(occupancy.mostCompiles <= 2)
        for (kind, company) in companies.values where kind == "alone" {
            #expect(company.alone && company.besideRuns == 0 && company.besideCompiles == 0)
        }
    }

    @Test func compilesRunAsBatchWorkSoRunsBesideThemWakeOnTime() throws {
        #if os(Linux)
        let gate = RunGate(cores: 2)
        let stat = gate.compiling {
            ChildProcessRunner.run(ChildProcessRequest(executable: "/bin/cat", arguments: ["/proc/self/stat"], timeLimit: 10, limits: nil)).stdoutText
        }
        // Field 41 of stat is the scheduling policy; the command name (field 2) holds no space here.
        let fields = stat.split(separator: " ")
        #expect(fields.count > 41 && fields[40] == "\(RunGate.batchPolicy)", "\(stat)")
        #expect(fields.count > 19 && fields[18] == "0", "its priority is not lowered: \(stat)")
        #expect(sched_getscheduler(0) != RunGate.batchPolicy, "the caller keeps its policy")
        #endif
    }

    @Test func runsBesideEachOtherKnowIt() {
        let gate = RunGate(cores: 2)
        let started = DispatchSemaphore(value: 0)
        let finish = DispatchSemaphore(value: 0)
        let first = ConcurrentResults<RunGate.Company>(count: 1)
        let thread = Thread {
            let (_, company) = gate.running(exclusively: false) {
                started.signal()
                finish.wait()
            }
            first.set(company, at: 0)
        }
        thread.start()
        started.wait()
        // The first run is still running: the second starts beside it, and a compile beside both.
        let (_, second) = gate.running(exclusively: false) { gate.compiling { () } }
        finish.signal()
        while first.values.isEmpty { Thread.sleep(forTimeInterval: 0.001) }
        #expect(!second.alone && second.besideRuns == 1 && second.besideCompiles == 1)
        #expect(!first.values[0].alone && first.values[0].besideRuns == 1 && first.values[0].besideCompiles == 1)
        let (_, later) = gate.running(exclusively: false) { () }
        #expect(later.alone, "nothing else ran at the time")
    }
}

@Suite struct RunPlanTests {
    @Test func theGuessFromPythonFindsLoopsThatKeepAProcessorBusy() {
        let busy = [
            "total = 0\nfor x in range(10_000_000):\n    total += x\n",
            "print(sum(x * x for x in range(10**6)))\n",
            "n = 0\nwhile n < 5:\n    n += 1\n",
            "def spin(n):\n    total = 0\n    for x in range(n):\n        total += x\n    return total\n\nprint(spin(3_000_000))\n",
            "values = [x for x in range(int(1e6))]\n",
        ]
        let idle = [
            "import time\n\ntime.sleep(2)\nprint('done')\n",
            "for t in threads:\n    t.join()\n",
            "import time\nwhile not done.is_set():\n    time.sleep(0.1)\n",
            "for x in range(10):\n    print(x)\n",
            "rounds = 5_000_000\nprint(rounds)\n",
            "# for x in range(10_000_000): a comment\nprint('hi')\n",
            "x1000000 = [1, 2]\nfor v in x1000000:\n    print(v)\n",
        ]
        for source in busy { #expect(CPUDemandGuess.looksCPUBound(source), "\(source)") }
        for source in idle { #expect(!CPUDemandGuess.looksCPUBound(source), "\(source)") }
    }

    @Test func aRecordedTraceOutweighsTheGuessAndDecidesAloneAndOptimisation() {
        func record(index: Int, cpuBound: Bool) -> SnippetRecord {
            var snippet = SnippetRecord(index: index, line: index * 10, contentHash: "h\(index)", status: .ok)
            snippet.placement = RunPlacement(alone: false, besideRuns: 3, besideCompiles: 0, loadAverage: nil, cpuBound: cpuBound, optimization: "-O")
            return snippet
        }
        let previous = RunRecord(
            machine: MachineFacts(cores: 2, operatingSystem: "test", kernel: "test", swiftVersion: nil, pythonVersion: nil),
            date: "2026-01-01T00:00:00Z",
            notes: [NoteRecord(note: "a.md", snippets: [record(index: 1, cpuBound: true), record(index: 2, cpuBound: false)])])
        let recordedBusy = RunPlan.wasCPUBound(previous.notes[0].snippets[0])
        #expect(recordedBusy == true)
        #expect(RunPlan.wasCPUBound(previous.notes[0].snippets[1]) == false)
        let idle = RunPlan(cpuBound: [], timingSensitive: [], everythingAlone: false)
        #expect(!idle.alone && idle.optimization == "-Onone")
        let busy = RunPlan(cpuBound: [1], timingSensitive: [], everythingAlone: false)
        #expect(busy.alone && busy.optimization == "-O")
        let sensitive = RunPlan(cpuBound: [], timingSensitive: [2], everythingAlone: false)
        #expect(sensitive.alone && sensitive.optimization == "-Onone")
        #expect(RunPlan(cpuBound: [], timingSensitive: [], everythingAlone: true).alone)
    }

    @Test func theCardSaysHowTheRunSharedTheMachine() {
        let beside = RunPlacement(alone: false, besideRuns: 5, besideCompiles: 1, loadAverage: [3.1, 2, 1], cpuBound: false, optimization: "-Onone")
        #expect(SnippetReports.describe(beside) == "beside 5 other notes’ runs and 1 compile · machine load 3.10 · compiled -Onone")
        let alone = RunPlacement(alone: true, besideRuns: 0, besideCompiles: 0, loadAverage: nil, cpuBound: true, optimization: "-O")
        #expect(SnippetReports.describe(alone) == "alone · CPU-bound")
        let oneRun = RunPlacement(alone: false, besideRuns: 1, besideCompiles: 0, loadAverage: [0.5], cpuBound: false, optimization: "-O")
        #expect(SnippetReports.describe(oneRun) == "beside 1 other note’s run · machine load 0.50")
    }

    @Test func theBuildsOwnPrebuiltSupportLibraryMatchesTheEmbeddedSources() throws {
        let directory = try #require(SupportLibrarySources.prebuiltDirectory)
        guard case .success(let toolchain) = SwiftToolchain.locate() else {
            Issue.record("swiftc is needed for this test")
            return
        }
        let mismatch = PrebuiltSupportLibrary.mismatch(
            in: directory, sources: SupportLibrarySources.files, toolchainVersion: toolchain.version,
            flags: SwiftCompiler.supportLibraryFlags)
        #expect(mismatch == nil, "the copy Loom's build made would not be used: \(mismatch ?? "")")
    }
}
