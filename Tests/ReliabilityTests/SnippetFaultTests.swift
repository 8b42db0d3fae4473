import Foundation
import Testing

/// Snippets that hang, crash or flood, through `loom run --json`: each is stopped and classified, what it
/// printed first is kept, the next snippet still runs, and no process is left behind.
@Suite(.serialized) struct SnippetFaultTests {
    private struct Output: Decodable {
        struct Snippet: Decodable {
            struct Run: Decodable {
                struct Event: Decodable { var kind: String; var text: String? }
                var stdout: String
                var stderr: String
                var events: [Event]
            }
            var index: Int
            var status: String
            var statusDetail: String?
            var swiftRun: Run?
        }
        var snippets: [Snippet]
    }

    /// Runs `note`, marked with a fresh token so that its compiled program can be found afterwards.
    private func run(_ note: String, timeout: Int = 2, expectedStatus: Int32 = 2) throws -> (output: Output, strays: [String]) {
        let token = "probe-\(UUID().uuidString)"
        let vault = try ScratchVault(notes: ["fault.md": "---\ntitle: fault\n---\n```py\nprint('\(token)')\n```\n\n" + note], withGoodNotes: false)
        defer { vault.remove() }
        let result = try loom(["run", "notes/fault.md", "--json", "--timeout", "\(timeout)", "--time-scale", "0.1"], in: vault.root, bound: 600)
        #expect(!result.hung)
        #expect(result.status == expectedStatus, "\(result.stderr.suffix(1500))")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        return (output, Self.processesRunningPrograms(containing: token))
    }

    /// Live processes started from a compiled note program whose source holds `token`.
    static func processesRunningPrograms(containing token: String) -> [String] {
        let programs = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-cache/programs")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: programs.path)) ?? []
        let ours = folders.map { programs.appendingPathComponent($0).path }.filter { folder in
            (try? String(contentsOfFile: folder + "/main.swift", encoding: .utf8))?.contains(token) == true
        }
        guard !ours.isEmpty else { return [] }
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return pids.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let command = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return ours.contains { command.contains($0) } ? "\(pid): \(command)" : nil
        }
    }

    @Test func hangsAreStoppedAtTheirLimitAndTheNextSnippetRuns() throws {
        let (output, strays) = try run("""
        ```py
        import threading
        print('before the loop')
        while True:
            pass
        ```

        ```py
        lock = threading.Lock()
        lock.acquire()
        print('about to deadlock')
        lock.acquire()
        ```

        ```py
        name = input()
        ```

        ```py
        print('the next snippet runs')
        ```
        """)
        let statuses = output.snippets.map(\.status)
        #expect(statuses == ["ok", "timeout", "timeout", "refused", "ok"])
        #expect(output.snippets[1].swiftRun?.stdout == "before the loop\n")
        #expect(output.snippets[1].swiftRun?.events.contains { $0.kind == "print" && $0.text == "before the loop" } == true)
        #expect(output.snippets[2].swiftRun?.stdout == "about to deadlock\n")
        #expect(output.snippets[4].swiftRun?.stdout == "the next snippet runs\n")
        #expect(strays == [])
    }

    @Test func crashesAreClassifiedWithTheirSignalAndKeepWhatWasPrinted() throws {
        let (output, strays) = try run("""
        ```py
        numbers = [1, 2, 3]
        print('printed before the crash')
        print(numbers[10])
        ```

        ```py
        def down(n: int) -> int:
            if n < 0:
                return 0
            return down(n + 1) + 1

        print('recursing')
        print(down(0))
        ```

        ```py
        big = 2 ** 62
        print('overflowing')
        print(big * big * big)
        ```

        ```py
        print('the next snippet runs')
        ```
        """, timeout: 20)
        #expect(output.snippets.map(\.status) == ["ok", "crashed", "crashed", "crashed", "ok"])
        #expect(output.snippets[1].statusDetail?.contains("SIG") == true)
        #expect(output.snippets[2].statusDetail?.contains("SIGSEGV") == true)
        #expect(output.snippets[1].swiftRun?.stdout == "printed before the crash\n")
        #expect(output.snippets[2].swiftRun?.stdout == "recursing\n")
        #expect(output.snippets[3].swiftRun?.stdout == "overflowing\n")
        #expect(output.snippets[4].swiftRun?.stdout == "the next snippet runs\n")
        #expect(strays == [])
    }

    @Test func floodsAreCappedWithAMarker() throws {
        let (output, strays) = try run("""
        ```py
        import sys
        for i in range(60000):
            print('line', i, 'of a flood of output')
        ```

        ```py
        print('x' * 20000000, end='')
        ```

        ```py
        for i in range(100000):
            print('error line', i, file=sys.stderr)
        ```

        ```py
        print('the next snippet runs')
        ```
        """, timeout: 30, expectedStatus: 0)
        #expect(output.snippets.map(\.status) == ["ok", "ok", "ok", "ok", "ok"])
        let flood = output.snippets[1].swiftRun?.stdout ?? ""
        #expect(flood.hasPrefix("line 0 of a flood of output\n"))
        #expect(flood.utf8.count < 1_100_000)
        #expect(flood.contains("bytes dropped]"))
        let unbroken = output.snippets[2].swiftRun?.stdout ?? ""
        #expect(unbroken.utf8.count < 1_100_000 && unbroken.contains("bytes dropped]"))
        let errors = output.snippets[3].swiftRun?.stderr ?? ""
        #expect(errors.hasPrefix("error line 0\n") && errors.utf8.count < 1_100_000 && errors.contains("bytes dropped]"))
        #expect(output.snippets[4].swiftRun?.stdout == "the next snippet runs\n")
        #expect(strays == [])
    }

    @Test func aFloodStoppedAtItsTimeLimitStillShowsItWasCut() throws {
        let (output, strays) = try run("""
        ```py
        for i in range(60000):
            print('line', i, 'of a flood of output')
        while True:
            pass
        ```

        ```py
        print('the next snippet runs')
        ```
        """, timeout: 5)
        #expect(output.snippets.map(\.status) == ["ok", "timeout", "ok"])
        let flood = output.snippets[1].swiftRun?.stdout ?? ""
        #expect(flood.hasPrefix("line 0 of a flood of output\n") && flood.utf8.count < 1_100_000)
        #expect(flood.contains("[output truncated: "), "\(flood.suffix(200))")
        #expect(strays == [])
    }
}
