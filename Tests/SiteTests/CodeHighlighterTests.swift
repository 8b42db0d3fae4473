import Testing
@testable import Site

@Suite struct CodeHighlighterTests {
    @Test func pythonTokensAreClassified() {
        let lines = CodeHighlighter.highlightedLines("def f(x):\n    return 'a' # done\n", language: .python)
        #expect(lines == [
            "<span class=\"kw\">def</span> <span class=\"fn\">f</span>(x):",
            "    <span class=\"kw\">return</span> <span class=\"st\">&#39;a&#39;</span> <span class=\"cm\"># done</span>",
        ])
    }

    @Test func everyLineOfTheCodeIsOneLineOfOutput() {
        let code = "s = '''one\ntwo\nthree'''\nx = 1\n\n"
        let lines = CodeHighlighter.highlightedLines(code, language: .python)
        #expect(lines.count == 5)
        #expect(lines[1] == "<span class=\"st\">two</span>")
        #expect(lines[3] == "x = <span class=\"nu\">1</span>")
    }

    @Test func markupInCodeIsEscaped() {
        let lines = CodeHighlighter.highlightedLines("print('</pre><script>alert(1)</script>') # <b>\nx = a<b & c>d\n", language: .python)
        let html = lines.joined()
        #expect(!html.contains("<script"))
        #expect(!html.contains("</pre>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("a&lt;b &amp; c&gt;d"))
    }

    @Test func unterminatedStringsAndMistakesStillHighlight() {
        let lines = CodeHighlighter.highlightedLines("reutrn 'Done\nprint result\n", language: .python)
        #expect(lines.count == 2)
        #expect(lines[1] == "<span class=\"bi\">print</span> result")
    }

    @Test func stringPrefixes() {
        let lines = CodeHighlighter.highlightedLines("f'{x}' rb\"y\" fr'{z}'", language: .python)
        #expect(lines == ["<span class=\"st\">f&#39;{x}&#39;</span> <span class=\"st\">rb&quot;y&quot;</span> <span class=\"st\">fr&#39;{z}&#39;</span>"])
    }

    @Test func swiftComments() {
        let lines = CodeHighlighter.highlightedLines("let x = 1 // one\n/* a\nb */ func go() {}\n", language: .swift)
        #expect(lines[0] == "<span class=\"kw\">let</span> x = <span class=\"nu\">1</span> <span class=\"cm\">// one</span>")
        #expect(lines[1] == "<span class=\"cm\">/* a</span>")
        #expect(lines[2] == "<span class=\"cm\">b */</span> <span class=\"kw\">func</span> <span class=\"fn\">go</span>() {}")
    }
}
