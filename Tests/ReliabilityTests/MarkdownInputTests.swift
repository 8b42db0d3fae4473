import Foundation
import Testing

/// One bad note beside good ones, built end to end with `loom build --no-run`: the build succeeds, the
/// good notes are all there, and whatever is wrong is named at its line and column in the note.
@Suite struct MarkdownInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// A diagnostic line that must be printed, `notes/bad.md:line:col: severity: …` up to its message.
        var diagnostic: String? = nil
        /// Text the bad note's page must hold (its title, or a snippet card).
        var pageHolds: [String] = []
        /// How many snippet cards the page must show.
        var snippetCards: Int? = nil
        var testDescription: String { name }
    }

    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }
    static let header = text("---\ntitle: Bad note\n---\n")

    static let cases: [Case] = [
        Case(name: "invalid UTF-8", bytes: header + text("line four\nbad ") + [0xFF, 0xFE] + text(" bytes\n"),
             diagnostic: "notes/bad.md:5:5: warning: note is not valid UTF-8", pageHolds: ["Bad note"]),
        Case(name: "a truncated UTF-8 sequence at the end", bytes: header + text("é ends badly ") + [0xC3],
             diagnostic: "notes/bad.md:4:14: warning: note is not valid UTF-8", pageHolds: ["Bad note"]),
        Case(name: "NUL bytes", bytes: header + text("nul") + [0] + text("here\n\n```py\nprint(1)\n```\n"),
             diagnostic: "notes/bad.md:4:4: warning: note contains a NUL byte", pageHolds: ["Bad note"], snippetCards: 1),
        Case(name: "a byte order mark", bytes: [0xEF, 0xBB, 0xBF] + text("---\ntitle: Marked title\n---\n# Heading\n"),
             pageHolds: ["Marked title"]),
        Case(name: "CRLF line ends", bytes: text("---\r\ntitle: Windows title\r\n---\r\n# Heading\r\n\r\n```py\r\nprint(1)\r\n```\r\n"),
             pageHolds: ["Windows title"], snippetCards: 1),
        Case(name: "lone CR line ends", bytes: text("---\rtitle: Classic Mac title\r---\r# Heading\r\r```py\rprint(1)\r```\r"),
             pageHolds: ["Classic Mac title"], snippetCards: 1),
        Case(name: "a fence left open at the end of the file", bytes: header + text("text\n\n```py\nprint('open')\n"),
             pageHolds: ["Bad note"], snippetCards: 1),
        Case(name: "fences in lists and block quotes",
             bytes: header + text("- item\n\n  ```py\n  print('in a list')\n  ```\n\n> ```python\n> print('in a quote')\n> ```\n\n1. > - ```py\n>      print('deep')\n>      ```\n"),
             pageHolds: ["Bad note"], snippetCards: 3),
        Case(name: "tilde fences", bytes: header + text("~~~python\nprint('tilde')\n~~~\n\n~~~~ py\nx = '~~~'\n~~~~\n"),
             pageHolds: ["Bad note"], snippetCards: 2),
        Case(name: "emphasis *a **a", bytes: header + text(String(repeating: "*a **a ", count: 30_000)), pageHolds: ["Bad note"]),
        Case(name: "open brackets", bytes: header + text(String(repeating: "[", count: 25_000)), pageHolds: ["Bad note"]),
        Case(name: "lists nested 500 deep", bytes: header + text((0..<500).map { String(repeating: "  ", count: $0) + "- a\n" }.joined()),
             pageHolds: ["Bad note"]),
        Case(name: "HTML comment openers", bytes: header + text(String(repeating: "<!--", count: 300_000)), pageHolds: ["Bad note"]),
        Case(name: "block quotes nested 5,000 deep", bytes: header + text(String(repeating: ">", count: 5_000) + " a\n"), pageHolds: ["Bad note"]),
        Case(name: "a 20 MB note", bytes: header + text(String(repeating: "A line of prose, *some emphasis* and a [[good.first]] link.\n", count: 20_000_000 / 60)),
             pageHolds: ["Bad note"]),
    ]

    /// Cards are the elements with `id="snippet-N"` (their titles' ids go on: `snippet-N-title`).
    static func snippetCardCount(_ page: String) -> Int {
        page.matches(of: /id="snippet-[0-9]+"/).count
    }

    @Test(arguments: cases) func theRestOfTheVaultIsBuilt(_ bad: Case) throws {
        let vault = try ScratchVault(bytes: ["bad.md": bad.bytes])
        defer { vault.remove() }
        // Generous: a debug build reads the 20 MB note in about a minute on a busy machine.
        let result = try loom(["build", "--no-run"], in: vault.root, bound: 300)
        #expect(!result.hung, "the build did not finish within 300 s")
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(vault.exists("good.first.html"))
        #expect(vault.exists("good.second.html"))
        #expect(try vault.page("index.html").contains("good.second.html"))
        if let diagnostic = bad.diagnostic {
            #expect(result.stderr.contains(diagnostic), "\(result.stderr.prefix(2000))")
        }
        let page = try vault.page("bad.html")
        for text in bad.pageHolds { #expect(page.contains(text)) }
        if let cards = bad.snippetCards {
            #expect(Self.snippetCardCount(page) == cards)
        }
    }
}
