import Foundation
import Testing
@testable import Execution

/// A build stops what an earlier, killed Loom left running, and only that.
@Suite struct LeftoverProcessTests {
    private func sleeper(token: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["30"]
        process.environment = [EscapedProcesses.variable: token]
        try process.run()
        return process
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/environ")))
    func leftoversOfAGoneLoomAreKilledAndChildrenOfALiveOneAreNot() throws {
        // pid_max is at most 2^22: no process has this pid.
        let orphan = try sleeper(token: "99999999.12345-dead-beef-cafe")
        let ours = try sleeper(token: EscapedProcesses.newToken())
        // Another form of token (an older Loom's) does not say whose it is: left alone.
        let unknown = try sleeper(token: "12345678-9abcdef0")
        defer { ours.terminate(); unknown.terminate() }
        Thread.sleep(forTimeInterval: 0.1)
        #expect(EscapedProcesses.killLeftovers() >= 1)
        orphan.waitUntilExit()
        #expect(orphan.terminationReason == .uncaughtSignal && orphan.terminationStatus == SIGKILL)
        #expect(ours.isRunning && unknown.isRunning)
    }

    @Test func aTokenNamesTheLoomThatMadeIt() throws {
        let token = EscapedProcesses.newToken()
        let owner = try #require(token.split(separator: "-").first)
        #expect(EscapedProcesses.identity(of: getpid()) == String(owner))
    }
}
