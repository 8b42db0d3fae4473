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
            var pythonRun: Run?
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

    /// An annotation the code contradicts (values declared `str`, stored as lists) makes static Swift
    /// that does not compile: the snippet is translated over PyObject instead and runs, and says so.
    @Test func aSnippetWhoseStaticSwiftDoesNotCompileRunsDynamically() throws {
        let note = """
        ---
        title: annotations
        ---
        ```py
        from typing import Dict, List

        class Notes:
            def __init__(self) -> None:
                self.by_topic: Dict[str, str] = {}

            def add(self, topic: str, text: str) -> None:
                if topic not in self.by_topic:
                    self.by_topic[topic] = []
                self.by_topic[topic].append(text)

            def get(self, topic: str) -> List[str]:
                return self.by_topic.get(topic, [])

        notes = Notes()
        notes.add("swift", "optionals")
        notes.add("swift", "actors")
        print(notes.get("swift"), notes.get("go"))
        ```

        ```py
        print(len(notes.get("swift")))
        ```

        """
        let vault = try TestVault(notes: ["annotations.md": note])
        defer { vault.remove() }
        let result = try loom(["run", "notes/annotations.md", "--json", "--time-scale", "0.05"], in: vault.root)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        #expect(output.snippets.map(\.status) == ["ok", "ok"])
        #expect(output.snippets[0].swiftRun?.stdout == "['optionals', 'actors'] []\n")
        #expect(output.snippets[1].swiftRun?.stdout == "2\n")
        #expect(output.snippets[0].swift?.contains("PyObject") == true)
    }

    @Test func logRecordsNameTheSnippetLineAndFunctionAsCPythonDoes() throws {
        let note = """
        ---
        title: records
        ---
        Prose above the snippets, so note lines and snippet lines differ.

        ```py
        import logging
        logging.basicConfig(format="%(filename)s %(lineno)d %(funcName)s %(message)s")

        def check(value):
            if value < 0:
                logging.warning("negative: %d", value)

        check(-1)
        logging.warning("top")
        ```

        ```py
        import logging, os, sys
        out = logging.getLogger("out")
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(module)s:%(lineno)d %(funcName)s pid=%(process)d %(message)s"))
        out.addHandler(handler)

        class Job:
            def start(self):
                out.warning("starting")

        Job().start()
        print(os.getpid() > 0)
        ```

        """
        let vault = try TestVault(notes: ["records.md": note])
        defer { vault.remove() }
        let run = try loom(["run", "notes/records.md", "--json", "--python", "--time-scale", "0.05"], in: vault.root)
        let output = try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8))
        #expect(output.snippets[0].swiftRun?.stderr == "records.md:7 6 check negative: -1\nrecords.md:7 9 <module> top\n")
        #expect(output.snippets[0].swiftRun?.stderr == output.snippets[0].pythonRun?.stderr)
        let second = output.snippets[1].swiftRun?.stdout ?? ""
        #expect(second.hasPrefix("records:9 start pid="), "\(second)")
        #expect(second.hasSuffix(" starting\nTrue\n"), "\(second)")

        // Against CPython the process IDs differ by nature; the rest must be the same.
        let build = try loom(["build", "--python", "--time-scale", "0.05"], in: vault.root)
        #expect(build.stderr.contains("of 2 snippets: 2 printed what CPython printed"), "\(build.stderr)")
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

    private struct Record: Decodable {
        struct Note: Decodable { var note: String; var snippets: [Snippet] }
        struct Snippet: Decodable { var index: Int; var status: String; var placement: RunPlacementJSON? }
        struct RunPlacementJSON: Decodable {
            var alone: Bool
            var besideRuns: Int
            var besideCompiles: Int
            var loadAverage: [Double]?
            var cpuBound: Bool
            var optimization: String
        }
        var notes: [Note]
    }

    @Test func busyNotesRunAloneOptimisedAndSleepingOnesBesideOthers() throws {
        let sleeping = { (n: Int) in "# Sleeps \(n)\n\n```python\nimport time\n\ntime.sleep(0.3)\nprint('slept \(n)')\n```\n" }
        // Nothing in the loop's snippet says how long it runs: only its trace can tell.
        let hidden = """
            # Busy

            ```python
            rounds = 3_000_000
            ```

            ```python
            def spin(n):
                total = 0
                for x in range(n):
                    total = (total + x * x) % 7919
                return total

            print(spin(rounds))
            ```

            """
        let vault = try TestVault(notes: ["a.md": sleeping(1), "b.md": sleeping(2), "busy.md": hidden])
        defer { vault.remove() }
        let built = try loom(["build", "--time-scale", "0.1"], in: vault.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("busy.md · snippet 2 kept a processor busy; running the note again alone"))
        let record = try JSONDecoder().decode(Record.self, from: Data(try vault.page("runs.json").utf8))
        let placements = Dictionary(uniqueKeysWithValues: record.notes.flatMap { note in
            note.snippets.map { ("\(note.note)#\($0.index)", $0.placement) }
        })
        let busy = try #require(placements["busy.md#2"] ?? nil)
        #expect(busy.alone && busy.cpuBound && busy.optimization == "-O")
        #expect(busy.loadAverage?.count == 3)
        for key in ["a.md#1", "b.md#1"] {
            let placement = try #require(placements[key] ?? nil)
            #expect(!placement.cpuBound && placement.optimization == "-Onone", "\(key)")
        }
        #expect(try vault.page("busy.html").contains("<dt>Ran</dt><dd>alone · machine load"))

        // What the trace taught stands: nothing changed, so nothing runs again.
        let again = try loom(["build", "--time-scale", "0.1"], in: vault.root)
        #expect(!again.stderr.contains("has not run before") && !again.stderr.contains("again alone"), "\(again.stderr)")

        let serial = try loom(["build", "--time-scale", "0.1", "--rerun", "--jobs", "1"], in: vault.root)
        #expect(serial.status == 0)
        let serialRecord = try JSONDecoder().decode(Record.self, from: Data(try vault.page("runs.json").utf8))
        #expect(serialRecord.notes.flatMap(\.snippets).allSatisfy { $0.placement?.alone == true }, "--jobs 1 runs everything alone")
    }
}
