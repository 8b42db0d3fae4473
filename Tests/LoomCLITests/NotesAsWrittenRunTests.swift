import Foundation
import Testing

/// A note as people write them, run end to end: a session checked against its written output, a
/// snippet whose Swift does not compile between two that run, settings, and a block that is not code.
@Suite(.serialized) struct NotesAsWrittenRunTests {
    static let note = """
        ---
        title: as written
        ---
        ```py
        print("first")
        ```

        ```py
        def shout(words):
            words[0] = words[0].upper()
            return words

        print(shout(["a", "b"]))
        ```

        ```py
        print("third")
        ```

        ```pycon
        >>> total = 2 + 3
        >>> total
        5
        >>> total * 2
        11
        ```

        ```py
        # loom: raises=ZeroDivisionError
        print(1 // 0)
        ```

        ```{.python .skip}
        while True:
            pass
        ```

        ```py
        $ python app.py
        ```

        """

    private struct Output: Decodable {
        struct Snippet: Decodable {
            struct Run: Decodable { var stdout: String }
            struct Check: Decodable {
                struct Example: Decodable {
                    struct Line: Decodable { var line: Int; var text: String; var matched: Bool }
                    var lines: [Line]
                    var actual: [String]?
                    var matched: Bool
                }
                var examples: [Example]
            }
            struct NotCode: Decodable { var kind: String }
            var index: Int
            var status: String
            var statusDetail: String?
            var swiftRun: Run?
            var transcript: Check?
            var notCode: NotCode?
            var diagnostics: [Diagnostic]
        }
        struct Diagnostic: Decodable { var line: Int; var message: String }
        var snippets: [Snippet]
    }

    @Test func everySnippetGetsItsOwnOutcome() throws {
        let vault = try TestVault(notes: ["written.md": Self.note])
        defer { vault.remove() }
        let result = try loom(["run", "notes/written.md", "--json", "--time-scale", "0.05"], in: vault.root)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        let statuses = output.snippets.map(\.status)
        // The middle snippet's Swift does not compile (a parameter assigned through); the first and
        // third still run. Should the translation learn to carry it, it runs too, and the rest holds.
        #expect(statuses[0] == "ok" && statuses[2] == "ok")
        #expect(statuses[1] == "compile-error" || statuses[1] == "ok")
        if statuses[1] == "compile-error" {
            #expect(output.snippets[1].statusDetail?.contains("from Python line 10") == true)
        }
        #expect(output.snippets[0].swiftRun?.stdout == "first\n")
        #expect(output.snippets[2].swiftRun?.stdout == "third\n")

        let session = try #require(output.snippets[3].transcript)
        #expect(session.examples.flatMap(\.lines).map(\.matched) == [true, false])
        #expect(session.examples.last?.actual == ["10"])
        #expect(output.snippets[3].swiftRun?.stdout == "5\n10\n", "the example markers are not part of the output")
        #expect(output.snippets[3].diagnostics.contains { $0.line == 25 && $0.message == "output does not match the note: it wrote `11`, the run printed `10`" })

        #expect(statuses[4] == "ok", "it raised what the note says it raises")
        #expect(statuses[5] == "skipped")
        #expect(statuses[6] == "not-code" && output.snippets[6].notCode?.kind == "shell-session")
    }

    @Test func checkWithRunReportsWhatOnlyARunCanTell() throws {
        let vault = try TestVault(notes: ["written.md": Self.note])
        defer { vault.remove() }
        let result = try loom(["check", "--run", "notes/written.md"], in: vault.root)
        #expect(result.stderr.contains("notes/written.md:25:1: warning: output does not match the note"))
        #expect(result.stderr.contains("notes/written.md:38:1: note: not code: a shell session"))
        if !result.stderr.contains("snippet 2: the Swift did not compile") {
            #expect(!result.stderr.contains("error:"), "the middle snippet compiles now, so nothing is an error")
        } else {
            #expect(result.stderr.contains("notes/written.md:10:1: error: snippet 2: the Swift did not compile"))
        }
        let plain = try loom(["check", "notes/written.md"], in: vault.root)
        #expect(!plain.stderr.contains("output does not match"))
        #expect(plain.stderr.contains("notes/written.md:38:1: note: not code: a shell session"))
    }
}
