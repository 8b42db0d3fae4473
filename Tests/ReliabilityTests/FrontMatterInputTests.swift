import Foundation
import Testing

/// Front matter that is broken, hostile or of the wrong type: a warning at the note, the page still built.
@Suite struct FrontMatterInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var note: String
        /// The start of a diagnostic line that must be printed; nil when the value is taken as it is.
        var diagnostic: String?
        /// Text the page must hold when the value is taken.
        var pageHolds: String? = nil
        var testDescription: String { name }
    }

    /// Nine levels of nine aliases each: 387,420,489 strings if every alias were expanded.
    static let aliasBomb: String = {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            lines.append("a\(level): &a\(level) [" + Array(repeating: previous, count: 9).joined(separator: ", ") + "]")
        }
        return "---\n" + lines.joined(separator: "\n") + "\ntitle: *a9\n---\n# Bomb\n"
    }()

    static let cases: [Case] = [
        Case(name: "broken YAML", note: "---\ntitle: [unclosed\ndesc: fine\n---\n# Heading\n",
             diagnostic: "notes/bad.md:3:"),
        Case(name: "a tab-indented mapping", note: "---\ntitle: x\n\tdesc: y\n---\n# Heading\n",
             diagnostic: "notes/bad.md:"),
        Case(name: "a YAML alias bomb", note: aliasBomb, diagnostic: "notes/bad.md:"),
        // A scalar is text enough: `title: 2024` means the text 2024.
        Case(name: "a number as title", note: "---\ntitle: 42\n---\n# Heading\n", diagnostic: nil, pageHolds: "<title>42"),
        Case(name: "a list as title", note: "---\ntitle: [a, b]\n---\n# Heading\n", diagnostic: "notes/bad.md:2:"),
        Case(name: "a mapping as title", note: "---\ntitle:\n  nested: yes\n---\n# Heading\n", diagnostic: "notes/bad.md:3:"),
        Case(name: "a word as date", note: "---\ntitle: Dated\ncreated: yesterday\n---\n# Heading\n", diagnostic: "notes/bad.md:3:"),
        Case(name: "an ISO date", note: "---\ntitle: Dated\nupdated: 2024-01-31\n---\n# Heading\n", diagnostic: "notes/bad.md:3:"),
        Case(name: "a date too large for any calendar", note: "---\ntitle: Dated\ncreated: 1e400\n---\n# Heading\n", diagnostic: "notes/bad.md:3:"),
        Case(name: "a list as date", note: "---\ntitle: Dated\ncreated: [1, 2]\n---\n# Heading\n", diagnostic: "notes/bad.md:3:"),
    ]

    @Test(arguments: cases) func aWarningAtTheNoteAndThePageStillBuilt(_ bad: Case) throws {
        let vault = try ScratchVault(notes: ["bad.md": bad.note])
        defer { vault.remove() }
        let result = try loom(["build", "--no-run"], in: vault.root, bound: 60)
        #expect(!result.hung, "the build did not finish within 60 s")
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        if let diagnostic = bad.diagnostic {
            let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix(diagnostic) && $0.contains(": warning: ") }
            #expect(!warnings.isEmpty, "\(result.stderr.prefix(2000))")
        }
        if let text = bad.pageHolds { #expect(try vault.page("bad.html").contains(text)) }
        #expect(vault.exists("bad.html"))
        #expect(vault.exists("good.first.html"))
        #expect(vault.exists("good.second.html"))
    }

    @Test func hugeNumbersAndOddDatesNeverCrashTheIndex() throws {
        let notes = [
            "d1.md": "---\ntitle: Far future\ncreated: 9223372036854775807\nupdated: -9223372036854775808\n---\n# x\n",
            "d2.md": "---\ntitle: Fractional\ncreated: 1.5\nupdated: .nan\n---\n# x\n",
            "d3.md": "---\ntitle: Infinite\ncreated: .inf\nupdated: -.inf\n---\n# x\n",
        ]
        let vault = try ScratchVault(notes: notes)
        defer { vault.remove() }
        let result = try loom(["build", "--no-run"], in: vault.root, bound: 60)
        #expect(!result.hung)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        for name in ["d1.html", "d2.html", "d3.html", "index.html"] { #expect(vault.exists(name)) }
    }
}
