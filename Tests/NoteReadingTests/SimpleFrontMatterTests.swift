import Testing
@testable import NoteReading
import SeededRandom

/// Whatever the simple reader accepts, Yams must read the same way.
@Suite struct SimpleFrontMatterTests {
    static let keys = ["id", "title", "desc", "created", "updated", "tags", "title ", " title", "'title'"]
    static let values = [
        "Hello", "Foo 12", "a:b", "a: b", "it's", "say \"hi\"", "x # note", "x#y", "~", "null", "Null", "NULL", "nil", "yes",
        "1600000000000", "1_600_000_000", "0x1F", "-5", "- a", "[a, b]", "{a: b}", "a [b] {c}", "&anchor x", "*alias", "!tag x",
        "'quoted'", "'it''s'", "'a' 'b'", "'unclosed", "''", "'a # b'", "'''", "\"double\"", "|", ">", "%x", "@x", "`x`", "...",
        "", " two spaces", "trailing ", "colon:", "é accent", "tab\there", "?q", ",c", "=",
    ]

    @Test func agreesWithYamsWheneverItReadsAtAll() {
        var generator = SeededGenerator(seed: 7)
        var read = 0
        for _ in 0..<4000 {
            let lineCount = Int(generator.next() % 6)
            var lines: [String] = []
            for _ in 0..<lineCount {
                if generator.next() % 10 == 0 { lines.append(""); continue }
                let key = Self.keys[Int(generator.next() % UInt64(Self.keys.count))]
                let value = Self.values[Int(generator.next() % UInt64(Self.values.count))]
                lines.append("\(key): \(value)")
            }
            let yaml = lines.joined(separator: "\n") + (generator.next() % 2 == 0 ? "\n" : "")
            guard let simple = SimpleFrontMatter.read(yaml) else { continue }
            read += 1
            let block = FrontMatterBlock(yaml: yaml, firstYAMLLine: 2, lastLine: lineCount + 2)
            let (expected, diagnostics) = FrontMatterReader.readYAML(block, file: "n.md")
            #expect(diagnostics.isEmpty, "\(yaml.debugDescription)")
            #expect(simple == expected, "\(yaml.debugDescription)")
        }
        #expect(read > 200)
    }

    @Test func dendronFrontMatterIsReadWithoutYams() throws {
        let yaml = "id: 5f2c\ntitle: Threads\ndesc: 'what a thread is, and isn''t'\nupdated: 1693390276992\ncreated: 1_693_390_276_000\n"
        let frontMatter = try #require(SimpleFrontMatter.read(yaml))
        #expect(frontMatter == FrontMatter(id: "5f2c", title: "Threads", description: "what a thread is, and isn't", created: 1_693_390_276_000, updated: 1_693_390_276_992))
        #expect(SimpleFrontMatter.read("title: ~\n")?.title == nil)
        #expect(SimpleFrontMatter.read("tags: [a]\n") == nil)
        #expect(SimpleFrontMatter.read("created: soon\n") == nil)
    }
}

