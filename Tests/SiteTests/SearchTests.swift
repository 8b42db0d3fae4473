import Foundation
import LoomCore
import NoteReading
import SeededRandom
import Testing
@testable import Site

private func note(_ text: String, path: String = "a.md") -> Note {
    NoteReader.read(Array(text.utf8), path: path)
}

@Suite struct SearchTokenizerTests {
    @Test(arguments: [
        ("ThreadPoolExecutor", ["threadpoolexecutor", "thread", "pool", "executor"]),
        ("as_completed", ["as_completed", "as", "completed"]),
        ("do_something()", ["do_something", "do", "something"]),
        ("HTTPServer", ["httpserver", "http", "server"]),
        ("parseJSON2Dict", ["parsejson2dict", "parse", "json2", "dict"]),
        ("__init__", ["__init__", "init"]),
        ("_private", ["_private", "private"]),
        ("MAX_WORKERS", ["max_workers", "max", "workers"]),
        ("concurrent.futures.as_completed(results)", ["concurrent", "futures", "as_completed", "as", "completed", "results"]),
        ("Straße façade naïve", ["straße", "façade", "naïve"]),
        ("utf8 x", ["utf8", "x"]),
        ("a-b c+d", ["a", "b", "c", "d"]),
        ("", []),
    ])
    func cutsCodeIdentifiersIntoTheirWords(_ text: String, _ expected: [String]) {
        #expect(SearchTokenizer.tokens(text) == expected)
    }

    @Test func aWordAndItsOnlyPartAreOneToken() {
        #expect(SearchTokenizer.tokens("lock Lock LOCK") == ["lock"])
        #expect(SearchTokenizer.parts("lock").isEmpty)
    }

    /// The byte path (ASCII lines) and the character path (any other line) agree on ASCII words.
    @Test func asciiAndUnicodePathsAgree() {
        var random = SeededGenerator(seed: 16)
        for _ in 0..<2000 {
            let line = generatedLine(&random)
            let unicode = SearchTokenizer.words(line).flatMap { [$0.lowercased()] + SearchTokenizer.parts($0) }
            var seen: Set<String> = []
            #expect(SearchTokenizer.tokens(line) == unicode.filter { seen.insert($0).inserted }, "\(line)")
        }
    }

    /// The browser tokenizes the query with `search.js`; it must cut words as the index did. Run with node
    /// where there is one (the browser check covers it elsewhere).
    @Test(.enabled(if: Self.node != nil)) func theScriptsTokenizerAgreesWithTheIndexs() throws {
        var random = SeededGenerator(seed: 61)
        let lines = (0..<500).map { _ in generatedLine(&random) } + ["ThreadPoolExecutor", "as_completed", "Straße_Groß façadeX", "naïveÉcole"]
        let source = SearchScript.source
        let functions = String(source[source.range(of: "var WORD")!.lowerBound..<source.range(of: "var notes =")!.lowerBound])
        let script = functions + """
        var lines = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        var out = lines.map(function (line) {
          var seen = new Set(), tokens = [];
          words(line).forEach(function (w) { [w.toLowerCase()].concat(parts(w)).forEach(function (t) { if (!seen.has(t)) { seen.add(t); tokens.push(t); } }); });
          return tokens;
        });
        process.stdout.write(JSON.stringify(out));
        """
        let data = try runNode(script, input: try JSONEncoder().encode(lines))
        let fromScript = try JSONDecoder().decode([[String]].self, from: data)
        for (line, tokens) in zip(lines, fromScript) {
            #expect(SearchTokenizer.tokens(line) == tokens, "\(line)")
        }
    }

    static let node: String? = ["/usr/bin/node", "/usr/local/bin/node", "/opt/homebrew/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs `script` with node, `input` in a file named by its first argument; what it printed.
private func runNode(_ script: String, input: Data) throws -> Data {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("loom-node-\(UUID().uuidString)")
    try input.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("loom-node-\(UUID().uuidString).out")
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(SearchTokenizerTests.node))
    process.arguments = ["-e", script, file.path]
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    try process.run()
    process.waitUntilExit()
    return try Data(contentsOf: output)
}

/// Identifiers in every style notes use, with punctuation between them.
private func generatedLine(_ random: inout SeededGenerator) -> String {
    let pieces = ["thread", "Pool", "EXECUTOR", "as", "_", "__", "completed", "HTTP", "Server", "2", "x", "Do", "something", "json", "ID", "é", "ß", "Ünïcode"]
    let separators = [" ", ".", "(", ")", ", ", "-", "'", "\"", "=", "\t", "/"]
    var line = ""
    for _ in 0..<Int.random(in: 0..<8, using: &random) {
        for _ in 0...Int.random(in: 0..<3, using: &random) { line += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
        line += separators[Int.random(in: 0..<separators.count, using: &random)]
    }
    return line
}

@Suite struct SearchEntryTests {
    static let text = """
    ---
    title: Threads
    ---
    Intro with a [[other.note]] link and `inline_code`.

    ## Using Pools

    Prose under the heading,
    on two lines.

    ```py
    from concurrent.futures import ThreadPoolExecutor, as_completed

    with ThreadPoolExecutor() as pool:
        pass
    ```

    ```sh
    ls -la
    ```

    ### A &amp; B
    Last.
    """

    @Test func linesLinkToTheirHeadingOrCard() throws {
        let entry = SearchEntry(note: note(Self.text, path: "threads.md"), page: "threads.html")
        func place(of text: String) -> SearchEntry.Place? {
            entry.lines.first { $0.text == text }.map { entry.places[$0.place] }
        }
        #expect(entry.lines.first?.text == "Threads" && entry.lines.first?.kind == .title)
        #expect(place(of: "Intro with a other.note link and inline_code.")?.anchor == "")
        #expect(place(of: "Prose under the heading,")?.anchor == "using-pools")
        #expect(place(of: "on two lines.")?.label == "Using Pools")
        let code = try #require(entry.lines.first { $0.text.hasPrefix("from concurrent") })
        #expect(code.kind == .code && entry.places[code.place].anchor == "snippet-1" && entry.places[code.place].label == "Snippet 1")
        #expect(entry.lines.first { $0.text == "ls -la" }?.kind == .otherCode)
        #expect(place(of: "A & B")?.kind == .heading)
        #expect(place(of: "Last.")?.anchor == "a--b")
    }

    @Test func tokensPointAtTheirLines() throws {
        let entry = SearchEntry(note: note(Self.text, path: "threads.md"), page: "threads.html")
        let tokens = Dictionary(uniqueKeysWithValues: entry.tokens.map { ($0.token, $0.lines) })
        let asCompleted = try #require(tokens["as_completed"])
        #expect(asCompleted.map { entry.lines[$0].text } == ["from concurrent.futures import ThreadPoolExecutor, as_completed"])
        #expect(try #require(tokens["executor"]).count == 2)
        #expect(tokens["completed"] == asCompleted)
    }

    @Test func aScriptLineRoundTripsThroughAShard() throws {
        let entry = SearchEntry(note: note(Self.text + "\n</script><script>alert(1)</script> \"quoted\" \\ back\u{1}\n", path: "t\"q.md"), page: "threads.html")
        let line = entry.scriptLine(key: "abc123")
        let text = String(decoding: line, as: UTF8.self)
        #expect(!text.contains("</script>") && !text.contains("\u{1}"))
        #expect(text.hasPrefix("loomSearch.add(\"abc123\",[\"t\\\"q.md\",") && text.hasSuffix("]]);\n"))
        let shard = SearchIndex.shard(lines: [line, SearchEntry(note: note("# Two\n", path: "two.md"), page: "two.html").scriptLine(key: "k2")])
        let parsed = SearchIndex.lines(ofShard: shard)
        #expect(parsed["abc123"] == line && parsed.count == 2)
        // A shard cut short loses its last line, never keeps half of it.
        #expect(SearchIndex.lines(ofShard: Array(shard.dropLast(3))).keys.sorted() == ["abc123"])
    }

    /// The script line is JavaScript that loads: parse it with node where there is one.
    @Test(.enabled(if: SearchTokenizerTests.node != nil)) func aShardIsAScriptThatAddsItsNotes() throws {
        let entry = SearchEntry(note: note(Self.text + "\nweird \u{2028} separators \u{7F}\n", path: "threads.md"), page: "threads.html")
        let shard = SearchIndex.shard(lines: [entry.scriptLine(key: "k")])
        let data = try runNode("globalThis.window = globalThis; eval(require('fs').readFileSync(process.argv[1], 'utf8')); var n = window.loomSearch.notes[0]; process.stdout.write(JSON.stringify([window.loomSearch.notes.length, n[0], n[4].length / 3, n[5].length / 2]))", input: Data(shard))
        let expected = "[1,\"threads.md\",\(entry.lines.count),\(entry.tokens.count)]"
        #expect(String(decoding: data, as: UTF8.self) == expected)
    }
}

@Suite struct DendronConventionTests {
    private func render(_ notes: [Note], page name: String) throws -> (html: String, diagnostics: [Diagnostic]) {
        let vault = VaultIndex(notes: notes)
        let target = try #require(notes.first { $0.name == name })
        let embedded = Dictionary(uniqueKeysWithValues: notes.map { ($0.name, $0) })
        let (bytes, diagnostics) = NotePage(vault: vault, theme: try Theme()).renderBytes(target, images: target.images.map { .missing(vaultPath: $0.url) }, embedded: embedded)
        return (String(decoding: bytes, as: UTF8.self), diagnostics)
    }

    @Test func headingLinksGoToTheHeadingsAnchor() throws {
        let notes = [note("# A\n\nSee [[b#Part Two]], [[the part|b#part-two]] and [[#Local Bit]].\n\n## Local Bit\n", path: "a.md"), note("# B\n\n## Part Two\n", path: "b.md")]
        let page = try render(notes, page: "a").html
        #expect(page.contains("<a class=\"wiki\" href=\"b.html#part-two\">B › Part Two</a>"))
        #expect(page.contains("<a class=\"wiki\" href=\"b.html#part-two\">the part</a>"))
        #expect(page.contains("<a class=\"wiki\" href=\"#local-bit\">Local Bit</a>"))
        #expect(notes[0].wikiLinks.map(\.target) == ["b", "b", ""])
    }

    @Test func noteReferencesEmbedTheNoteOrOneSection() throws {
        let notes = [
            note("# Host\n\n![[guest]]\n\nBetween.\n\n![[guest#Second]]\n\n![[nobody]]\n", path: "host.md"),
            note("# Guest\n\nFirst part.\n\n```py\nprint('in guest')\n```\n\n## Second\n\nSecond part.\n\n### Deeper\n\nStill second.\n\n## Third\n\nThird part.\n", path: "guest.md"),
        ]
        #expect(notes[0].wikiLinks.map(\.isEmbed) == [true, true, true])
        let (page, diagnostics) = try render(notes, page: "host")
        let references = page.components(separatedBy: "<div class=\"note-ref")
        #expect(references.count == 4)
        #expect(references[1].contains("First part.") && references[1].contains("Third part.") && references[1].contains("in guest"))
        #expect(!references[1].contains("snippet-1"), "an embedded snippet is code, not a card with the guest's ids")
        #expect(references[2].contains("Second part.") && references[2].contains("Still second.") && !references[2].contains("Third part.") && !references[2].contains("First part."))
        #expect(references[2].contains("href=\"guest.html#second\""))
        #expect(!references[1].contains(" id=\""), "embedded headings keep no ids of their page")
        #expect(references[3].contains("broken") && references[3].contains("nobody"))
        #expect(!page.contains("!<div"), "the ! belongs to the reference")
        #expect(diagnostics.map(\.message) == ["wiki link to 'nobody' matches no note in the vault"])
    }

    @Test func childrenAreTheNearestNotesBelow() throws {
        let notes = ["lang", "lang.py", "lang.py.basics", "lang.rust.intro", "lang.rust.more", "langs", "other"].map { note("# \($0)\n", path: "\($0).md") }
        let vault = VaultIndex(notes: notes)
        #expect(vault.children(of: "lang").map(\.name) == ["lang.py", "lang.rust.intro", "lang.rust.more"])
        #expect(vault.children(of: "lang.py").map(\.name) == ["lang.py.basics"])
        #expect(vault.children(of: "other").isEmpty)
        let page = try render(notes, page: "lang").html
        #expect(page.contains("<section class=\"children\" aria-label=\"Children\"><h2>Children</h2><ul><li><a href=\"lang.py.html\">lang.py</a></li>"))
        #expect(try !render(notes, page: "other").html.contains("class=\"children\""))
    }

    @Test func tagsFromFrontMatterAndProseLinkToTheirPage() throws {
        let notes = [
            note("---\ntitle: Streams\ntags: spark\n---\n\n#spark\n\nAlso #kafka and #data/lake., not `#code` nor [a #link](x.html) nor a#b.\n", path: "streams.md"),
            note("---\ntitle: Jobs\ntags: [spark, '#batch']\n---\nBody.\n", path: "jobs.md"),
            note("# Kafka\n", path: "tags.kafka.md"),
        ]
        #expect(notes[1].frontMatter?.tags == ["spark", "batch"])
        let vault = VaultIndex(notes: notes)
        #expect(vault.taggedByTag["spark"] == ["jobs", "streams"])
        #expect(vault.generatedTagPages.map(\.tag) == ["batch", "data/lake", "spark"])
        #expect(vault.tagPages["kafka"] == "tags.kafka.html" && vault.entry(named: "tags.kafka") != nil)
        let page = try render(notes, page: "streams").html
        #expect(page.contains("<p class=\"tags\">Tags: <a class=\"tag\" href=\"tags.spark.html\">#spark</a> <a class=\"tag\" href=\"tags.kafka.html\">#kafka</a> <a class=\"tag\" href=\"\(vault.tagPages["data/lake"]!)\">#data/lake</a> </p>"))
        #expect(page.contains("<p><a class=\"tag\" href=\"tags.spark.html\">#spark</a></p>"))
        #expect(page.contains("<code>#code</code>") && page.contains("a #link</a>") && page.contains("a#b."))
        let tagNote = try render(notes, page: "tags.kafka").html
        #expect(tagNote.contains("Notes tagged #kafka") && tagNote.contains("href=\"streams.html\""))
        let tagPage = String(decoding: TagPage(vault: vault, theme: try Theme()).render(tag: "spark"), as: UTF8.self)
        #expect(tagPage.contains("2 notes tagged") && tagPage.contains("href=\"jobs.html\"") && tagPage.contains("href=\"streams.html\""))
    }
}
