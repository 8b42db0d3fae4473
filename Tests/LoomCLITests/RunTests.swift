import Foundation
import Testing

/// Compiles and runs real programs: the slowest tests, kept few, at a small time scale.
@Suite(.serialized) struct RunTests {
    private struct Output: Decodable {
        struct Snippet: Decodable {
            struct Run: Decodable {
                struct Event: Decodable { var t: Double; var lane: String?; var kind: String; var duration: Double?; var text: String? }
                var seconds: [Double]
                var median: Double?
                var stdout: String
                var stderr: String
                var events: [Event]
            }
            var index: Int
            var line: Int
            var status: String
            var swift: String?
            var swiftRun: Run?
            var timeline: String?
        }
        var note: String
        var snippets: [Snippet]
    }

    @Test func runJSONGivesStatusesOutputAndTraces() throws {
        let note = """
        ---
        title: run
        ---
        ```py
        import time, threading
        names = ['a', 'b', 'c']
        print(len(names), 2.5, True, None)
        ```

        ```py
        def nap(name):
            time.sleep(1)
            print('woke', name)

        threads = [threading.Thread(target=nap, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ```

        ```py
        raise ValueError('bad value')
        ```

        ```py
        print('still runs', names)
        ```

        """
        let vault = try TestVault(notes: ["run.md": note])
        defer { vault.remove() }
        let result = try loom(["run", "notes/run.md", "--json", "--time-scale", "0.05"], in: vault.root)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        #expect(output.snippets.map(\.status) == ["ok", "ok", "runtime-error", "ok"])
        #expect(output.snippets.map(\.line) == [4, 10, 22, 26])
        #expect(output.snippets[0].swiftRun?.stdout == "3 2.5 True None\n")
        let woke = output.snippets[1].swiftRun?.events.filter { $0.kind == "print" } ?? []
        #expect(Set(woke.compactMap(\.text)) == ["woke a", "woke b", "woke c"])
        let sleeps = output.snippets[1].swiftRun?.events.filter { $0.kind == "sleep" } ?? []
        #expect(sleeps.count == 3)
        // Three one-second sleeps on three threads overlap: the cell takes about one second, not three.
        #expect((output.snippets[1].swiftRun?.median ?? 9) < 2.5)
        #expect(output.snippets[2].swiftRun?.stderr.contains("ValueError: bad value") == true)
        #expect(output.snippets[3].swiftRun?.stdout == "still runs ['a', 'b', 'c']\n")
        #expect(output.snippets[1].timeline?.contains("Thread-1 (nap)") == true)
        #expect(result.status == 2)
    }

    @Test func buildRunsTheSeedOnceAndThenReusesTheRecord() throws {
        let vault = try TestVault(includingSeed: true)
        defer { vault.remove() }
        let first = try loom(["build", "--time-scale", "0.02"], in: vault.root)
        #expect(first.status == 0)
        #expect(first.stderr.contains("snippet 3: it has not run before"))
        let page = try vault.page("threading.html")
        #expect(page.components(separatedBy: "class=\"status ok\"").count == 4)
        #expect(page.contains("id=\"snippet-2-timeline\""))
        #expect(page.contains("<del>reutrn</del> → <ins>return</ins>"))
        let record = try vault.page("runs.json")
        #expect(record.contains("\"contentHash\""))

        let second = try loom(["build", "--time-scale", "0.02"], in: vault.root)
        #expect(second.status == 0)
        #expect(!second.stderr.contains("has not run before"))
        #expect(try vault.page("threading.html") == page)
        #expect(try vault.page("runs.json") == record, "a build that ran nothing leaves the record as it was")

        let rerun = try loom(["build", "--time-scale", "0.02", "--rerun"], in: vault.root)
        #expect(rerun.stderr.contains("snippet 1: a rerun was asked for"))
    }
}
