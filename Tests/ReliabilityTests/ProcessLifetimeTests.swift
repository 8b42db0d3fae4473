import Foundation
import Testing

/// No program Loom starts outlives it: killed with SIGKILL or stopped with SIGTERM while a snippet
/// spins, Loom leaves no process behind, in Swift or in CPython.
@Suite(.serialized) struct ProcessLifetimeTests {
    static let spinning = "---\ntitle: Spinning\n---\n# Spin\n\n```py\nprint('spinning')\nwhile True:\n    pass\n```\n"
    /// Refused by the translator (sockets), so only CPython runs it.
    static let spinningInCPython = "---\ntitle: Spinning\n---\n# Spin\n\n```py\nimport socket\nprint('spinning')\nwhile True:\n    pass\n```\n"

    @Test(arguments: [SIGKILL, SIGTERM])
    func loomKilledDuringASwiftSnippetLeavesNoProcess(signal: Int32) throws {
        try expectNothingLeft(note: Self.spinning, arguments: [], signal: signal, program: "main")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap")), arguments: [SIGKILL, SIGTERM])
    func loomKilledDuringACPythonSnippetLeavesNoProcess(signal: Int32) throws {
        try expectNothingLeft(note: Self.spinningInCPython, arguments: ["--python"], signal: signal, program: "python3")
    }

    private func expectNothingLeft(note: String, arguments: [String], signal: Int32, program: String) throws {
        let vault = try ScratchVault(notes: ["spin.md": note], withGoodNotes: false)
        defer { vault.remove() }
        let process = Process()
        process.executableURL = ScratchVault.repository.appendingPathComponent(".build/debug/loom")
        process.arguments = ["run", "notes/spin.md", "--timeout", "120"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LOOM_CACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-cache").path
        process.environment = environment
        process.currentDirectoryURL = vault.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let loomPID = process.processIdentifier
        defer { if process.isRunning { kill(loomPID, SIGKILL) } }

        // Until the snippet spins (the support library may need compiling first).
        let started = Date()
        var spinning: [Int32] = []
        while Date().timeIntervalSince(started) < 300, process.isRunning {
            spinning = RunProcesses.started(byLoom: loomPID).filter { RunProcesses.command(of: $0).hasPrefix(program) }
            if !spinning.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try #require(!spinning.isEmpty, "the snippet never started")
        Thread.sleep(forTimeInterval: 0.3)
        kill(loomPID, signal)
        process.waitUntilExit()

        var left = RunProcesses.started(byLoom: loomPID)
        let killedAt = Date()
        while !left.isEmpty, Date().timeIntervalSince(killedAt) < 5 {
            Thread.sleep(forTimeInterval: 0.05)
            left = RunProcesses.started(byLoom: loomPID)
        }
        #expect(left.isEmpty, "left running: \(left.map { "\($0) \(RunProcesses.command(of: $0))" })")
        for pid in left { kill(pid, SIGKILL) }
    }
}

/// Processes on this machine carrying a run token of the Loom with `pid` (`LOOM_RUN_TOKEN=PID.START-…`).
enum RunProcesses {
    static func started(byLoom pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let candidate = Int32(entry), let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
            else { return nil }
            let marker = Array("LOOM_RUN_TOKEN=\(pid).".utf8)
            let found = environment.split(separator: 0).contains { $0.starts(with: marker) }
            // A zombie has no environment left to read, and is gone as soon as it is reaped.
            return found && !isZombie(candidate) ? candidate : nil
        }
    }

    static func command(of pid: Int32) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
