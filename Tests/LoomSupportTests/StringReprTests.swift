import Testing
@testable import LoomSupport

@Suite struct StringReprTests {
    @Test func quoteChoice() {
        #expect("abc".pythonRepr == "'abc'")
        #expect("it's".pythonRepr == "\"it's\"")
        #expect("say \"hi\" it's".pythonRepr == "'say \"hi\" it\\'s'")
        #expect("a\\b".pythonRepr == "'a\\\\b'")
    }

    @Test func reprMatchesCPython() throws {
        let samples = ["", "plain", "it's", "\"quoted\"", "both ' and \"", "tab\tnew\nline\rret", "\u{0}\u{1}\u{7F}",
                       "é ü ß", "\u{85}\u{A0}\u{AD}", "日本語", "emoji 🎉", "\u{200B}zero width", "\u{2028}\u{2029}",
                       "\u{E000}private", "\u{10FFFF}", "back\\slash", "\u{1B}[31m", "\u{FEFF}bom", "mixed\u{3000}space"]
        let expected = try PythonOracle.lines(
            "import json\nfor s in \(try PythonOracle.stringsLiteral(samples)): print(ascii(repr(s)))")
        // CPython's `ascii(repr(s))` keeps the comparison on ASCII lines whatever the terminal encoding.
        let actual = try PythonOracle.lines(
            "import json\nfor s in \(try PythonOracle.stringsLiteral(samples.map(\.pythonRepr))): print(ascii(s))")
        #expect(actual == expected)
    }
}
