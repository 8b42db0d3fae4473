import Foundation
import Testing

/// Python that does not parse, or is built to strain the parser: diagnostics at the note's lines from
/// `loom check` and `loom build --no-run`, and never a crash or a hang.
@Suite struct PythonInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var code: String
        var testDescription: String { name }
    }

    /// One case for each kind of error CPython reports before running anything: its tokenizer's, its
    /// parser's and its compiler's.
    static let syntaxErrors: [Case] = [
        Case(name: "unclosed bracket", code: "print((1, 2)\nx = 1"),
        Case(name: "unmatched closer", code: "x = 1)\n"),
        Case(name: "unexpected indent", code: "x = 1\n    y = 2"),
        Case(name: "expected an indented block", code: "def f():\nreturn 1"),
        Case(name: "unindent matches no outer level", code: "if True:\n        x = 1\n    y = 2"),
        Case(name: "tabs and spaces mixed", code: "if True:\n        x = 1\n\ty = 2"),
        Case(name: "invalid character", code: "x = 1 $ 2"),
        Case(name: "non-ASCII operator", code: "x = 1 − 2"),
        Case(name: "unterminated string", code: "s = 'never closed\nprint(s)"),
        Case(name: "unterminated triple-quoted string", code: "s = '''never\nclosed"),
        Case(name: "bad f-string", code: "x = 1\nprint(f'{x!z}')\nprint(f'{')"),
        Case(name: "invalid syntax", code: "x = = 1"),
        Case(name: "Python 2 print", code: "print 'hello'"),
        Case(name: "assignment to a literal", code: "1 = x"),
        Case(name: "assignment to a call", code: "f() = 1"),
        Case(name: "default before non-default", code: "def f(a=1, b):\n    pass"),
        Case(name: "positional after keyword", code: "f(a=1, 2)"),
        Case(name: "invalid decimal literal", code: "x = 1abc"),
        Case(name: "leading zeros", code: "x = 0123"),
        Case(name: "lone backslash continuation at end", code: "x = 1 + \\"),
        Case(name: "missing colon", code: "if True\n    pass"),
        Case(name: "else without if", code: "else:\n    pass"),
        Case(name: "walrus at statement level", code: "x := 1"),
        Case(name: "star expression alone", code: "*x"),
        Case(name: "too many nested blocks", code: (0..<120).map { String(repeating: " ", count: $0) + "if True:" }.joined(separator: "\n") + "\n" + String(repeating: " ", count: 120) + "pass"),
        Case(name: "NUL in code", code: "x = 1\u{0}\n"),
        // Errors CPython's compiler, not its parser, reports.
        Case(name: "await outside async", code: "async def f():\n    pass\nawait f()"),
        Case(name: "keyword argument repeated", code: "f(a=1, a=2)"),
        Case(name: "duplicate argument", code: "def f(a, a):\n    pass"),
        Case(name: "nonlocal at module level", code: "nonlocal x"),
        Case(name: "break outside a loop", code: "break"),
        Case(name: "return outside a function", code: "return 5"),
    ]

    /// Input that strains the parser: a diagnostic or a translation, never a crash or a hang.
    static let strains: [Case] = [
        Case(name: "10,000 nested parentheses", code: "x = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)),
        Case(name: "10,000 nested lists", code: "x = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
        Case(name: "10,000 unclosed brackets", code: "x = " + String(repeating: "[", count: 10_000)),
        Case(name: "10,000 unary minuses", code: "x = " + String(repeating: "-", count: 10_000) + "1"),
        Case(name: "10,000 chained additions", code: "x = 1" + String(repeating: " + 1", count: 10_000)),
        Case(name: "10,000 nested lambdas", code: "f = " + String(repeating: "lambda: ", count: 10_000) + "1"),
        Case(name: "10,000 nested calls", code: "x = " + String(repeating: "f(", count: 10_000) + String(repeating: ")", count: 10_000)),
        Case(name: "10,000 nested subscripts", code: "x = a" + String(repeating: "[0]", count: 10_000)),
        Case(name: "10,000 nested ternaries", code: "x = " + String(repeating: "1 if y else ", count: 10_000) + "0"),
        Case(name: "10,000 nested f-strings", code: "x = " + String(repeating: "f'{", count: 200) + "1" + String(repeating: "}'", count: 200)),
        Case(name: "a 5 MB snippet", code: String(repeating: "value = value_before + 12345 * (other - 3)  # padding to a long line\n", count: 5_000_000 / 70)),
    ]

    private func note(_ code: String) -> String {
        "---\ntitle: Python\n---\n# Python\n\n```py\nprint('first snippet')\n```\n\n```py\n\(code)\n```\n\n```py\nprint('after the bad one')\n```\n"
    }

    private func checkBothWays(_ bad: Case, expectingErrors: Bool) throws {
        let vault = try ScratchVault(notes: ["bad.md": note(bad.code)])
        defer { vault.remove() }
        let check = try loom(["check", "notes/bad.md"], in: vault.root, bound: 60)
        #expect(!check.hung, "loom check did not finish within 60 s")
        #expect(check.status == 0 || check.status == 1, "loom check ended with status \(check.status): \(check.stderr.suffix(1500))")
        let located = check.stderr.split(separator: "\n").filter { $0.hasPrefix("notes/bad.md:") }
        if expectingErrors {
            // An error, or a warning saying how it was repaired (a Python 2 `print`).
            let errorLines = located.filter { $0.contains(": error: ") || $0.contains(": warning: repaired") }
                .compactMap { Int($0.split(separator: ":")[1]) }
            #expect(!errorLines.isEmpty, "\(check.stderr.prefix(1500))")
            // The error sits in the bad snippet (its code starts on line 11 of the note), not elsewhere.
            #expect(errorLines.allSatisfy { $0 >= 10 && $0 <= 11 + bad.code.split(separator: "\n", omittingEmptySubsequences: false).count }, "\(errorLines)")
        }
        let build = try loom(["build", "--no-run"], in: vault.root, bound: 60)
        #expect(!build.hung, "loom build did not finish within 60 s")
        #expect(build.status == 0, "\(build.stderr.suffix(1500))")
        #expect(vault.exists("good.second.html"))
        let page = try vault.page("bad.html")
        #expect(page.matches(of: /id="snippet-[0-9]+"/).count == 3)
    }

    @Test(arguments: syntaxErrors) func syntaxErrorsAreDiagnosedAtTheNote(_ bad: Case) throws {
        try checkBothWays(bad, expectingErrors: true)
    }

    @Test(arguments: strains) func strainingInputIsDiagnosedOrAccepted(_ bad: Case) throws {
        try checkBothWays(bad, expectingErrors: false)
    }
}
