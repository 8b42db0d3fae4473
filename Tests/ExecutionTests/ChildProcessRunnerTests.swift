import Foundation
import Testing
@testable import Execution

@Suite struct ChildProcessRunnerTests {
    @Test func capturesStdoutStderrTraceAndExitCode() {
        let path = Fixtures.path("streams.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, capturesTrace: true))
        #expect(result.termination == .exited(code: 7))
        #expect(result.stdoutText == "out line\n")
        #expect(result.stderrText == "err line\n")
        #expect(result.traceLines == [#"{"trace":1}"#])
    }

    @Test func passesArgumentsAndEnvironmentAndDisablesTheBacktracer() {
        let path = Fixtures.path("args.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: path, arguments: ["a b", "--from", "2"], environment: ["GREETING": "hi"]))
        #expect(result.stdoutText == "a b|--from|2|hi enable=no\n")
    }

    @Test func stdinIsClosedSoReadingReturnsAtOnce() {
        let path = Fixtures.path("stdin.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, timeLimit: 5))
        #expect(result.termination == .exited(code: 0))
        #expect(result.stdoutText == "done\n")
    }

    @Test func noDescriptorOfTheParentLeaksIntoTheChild() {
        let leaked = open("/dev/null", O_RDONLY)  // deliberately without close-on-exec
        defer { close(leaked) }
        let path = Fixtures.path("fds.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, capturesTrace: true))
        // 0-3 are the child's; the one above belongs to `ls` reading the directory.
        let descriptors = result.stdoutText.split(separator: " ").compactMap { Int($0) }
        #expect(!descriptors.contains(Int(leaked)) || leaked <= 4)
        #expect(descriptors.filter { $0 > 3 }.count <= 1)
    }

    @Test func missingExecutableFailsToStartWithAReason() {
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: "/nonexistent/program"))
        guard case .failedToStart(let reason) = result.termination else {
            Issue.record("expected failedToStart, got \(result.termination)")
            return
        }
        #expect(reason.contains("/nonexistent/program"))
    }

    @Test func crashReportsTheSignal() {
        let path = Fixtures.path("segv.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path))
        #expect(result.termination == .crashed(signal: SIGSEGV))
        #expect(signalName(SIGSEGV) == "SIGSEGV")
        #expect(result.stdoutText == "before\n")
    }

    @Test func hangIsKilledWithItsWholeGroup() throws {
        let path = Fixtures.path("hang.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, timeLimit: 0.3, killGrace: 0.1))
        #expect(result.termination == .timedOut)
        #expect(result.wallSeconds < 20)
        let grandchild = try #require(Int32(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Fixtures.isGoneSoon(grandchild))
    }

    @Test func childrenThatWouldOutliveANormalExitAreKilledAndDoNotHoldTheRun() throws {
        let path = Fixtures.path("orphan.sh")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, timeLimit: 10))
        #expect(result.termination == .exited(code: 0))
        #expect(result.wallSeconds < 20)
        let grandchild = try #require(Int32(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Fixtures.isGoneSoon(grandchild))
    }

    @Test func processesThatLeftTheGroupAreFoundAndKilled() throws {
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: Fixtures.path("escape.sh"), timeLimit: 10))
        let escaped = try #require(Int32(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Fixtures.isGoneSoon(escaped))
        #expect(result.notes.contains { $0.contains("left the program's process group") })
    }

    @Test func outputPastTheCapIsDroppedAndCounted() {
        let path = Fixtures.path("flood.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, outputCap: 1 << 20))
        #expect(result.termination == .exited(code: 0))
        #expect(result.stdout.first?.droppedBytes == 3_000_000 - (1 << 20))
        #expect(result.stdoutText.hasSuffix("\n[… \(3_000_000 - (1 << 20)) bytes dropped]\n"))
        #expect(result.stderrText == "yyyyyyyyyy\n")
    }

    @Test func hundredMegabytesWithoutANewlineStayWithinTheCap() {
        let path = Fixtures.path("noline.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, outputCap: 4096))
        #expect(result.termination == .exited(code: 0))
        #expect(result.stdout.count == 1)
        #expect(result.stdout.first?.droppedBytes == 100 * (1 << 20) - 4096)
    }

    @Test func floodingBothStreamsAtOnceDoesNotDeadlock() {
        let path = Fixtures.path("both.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, timeLimit: 20, capturesTrace: true))
        #expect(result.termination == .exited(code: 0))
        #expect(result.stdout.first?.droppedBytes == 8_000_000 - (1 << 20))
        #expect(result.stderr.first?.droppedBytes == 8_000_000 - (1 << 20))
        #expect(result.traceLines.count == 2000)
    }

    @Test func childRunsUnderTheRequestedLimitsAndLoomDoesNot() {
        var before = rlimit()
        getrlimit(Int32(RLIMIT_AS.rawValue), &before)
        let limited = ChildProcessRunner.run(ChildProcessRequest(
            executable: Fixtures.path("limits.sh"),
            limits: ResourceLimits(addressSpaceBytes: 3 << 30, stackBytes: 1 << 20, disablesCoreDumps: true)))
        #expect(limited.stdoutText == "3145728\n1024\n0\n")
        var after = rlimit()
        getrlimit(Int32(RLIMIT_AS.rawValue), &after)
        #expect(after.rlim_cur == before.rlim_cur)
    }

    @Test func hugeAllocationFailsInsideTheChild() {
        let path = Fixtures.path("alloc.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path))
        #expect(result.stdoutText == "MemoryError\n")
    }

    @Test func threadBombIsStoppedByTheLimits() throws {
        let path = Fixtures.path("threads.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, timeLimit: 30))
        let started = try #require(Int(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Enough threads for any pool a note starts, far fewer than asked for.
        #expect(started > 500)
        #expect(started < 10_000)
    }

    @Test func cellMarkersSplitBothStreamsAndRestartTheTimeLimit() {
        let path = Fixtures.path("cells.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: path, timeLimit: 1.0, splitsAtCellMarkers: true))
        #expect(result.termination == .exited(code: 0))
        #expect(result.stdout.map(\.cell) == [1, 2, 3])
        #expect(result.stdout.map(\.text) == ["out 1\n", "out 2\n", "out 3\n"])
        #expect(result.stderr.map(\.text) == ["err 1\n", "err 2\n", "err 3\n"])
    }

    @Test func timeLimitNamesTheCellThatWasRunning() {
        let path = Fixtures.path("slowcell.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: path, timeLimit: 0.3, killGrace: 0.1, splitsAtCellMarkers: true))
        #expect(result.termination == .timedOut)
        #expect(result.timedOutCell == 2)
        #expect(result.stdout.last?.text == "second\n")
    }

    @Test func samplesCPUTimeOfABusyThread() {
        let path = Fixtures.path("busy.py")
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, cpuSamplingInterval: 0.01))
        #expect(result.termination == .exited(code: 0))
        let cpu = result.cpuSamples.reduce(0) { $0 + $1.cpuNanoseconds }
        #expect(cpu > 150_000_000)
        #expect(result.cpuSamples.allSatisfy { $0.intervalEnd > $0.intervalStart })
    }

    @Test func samplingSlowsDownWhenAChildHasVeryManyThreads() {
        // Reading 300 threads' counters takes far longer than a tenth of a 1 ms interval.
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: Fixtures.path("crowd.py"), cpuSamplingInterval: 0.001))
        #expect(result.termination == .exited(code: 0))
        #expect(result.notes.contains { $0.hasPrefix("CPU sampling slowed") })
    }

    @Test func concurrentRunsKeepTheirOwnStreams() async {
        let outputs = await withTaskGroup(of: (Int, String, [String]).self) { group in
            for index in 0..<12 {
                group.addTask {
                    let result = await ChildProcessRunner.run(ChildProcessRequest(
                        executable: Fixtures.path("args.sh"), arguments: ["run \(index)"], capturesTrace: true))
                    return (index, result.stdoutText, result.traceLines)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (index, stdout, trace) in outputs {
            #expect(stdout == "run \(index)| enable=no\n")
            #expect(trace.isEmpty)
        }
    }

    @Test func asyncRunGivesTheSameResult() async {
        let path = Fixtures.path("async.sh")
        let result = await ChildProcessRunner.run(ChildProcessRequest(executable: path))
        #expect(result.stdoutText == "async\n")
    }
}
