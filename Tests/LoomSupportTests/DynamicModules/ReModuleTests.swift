import Testing
@testable import LoomSupport

/// `re` against CPython: each case calls one module function with literal arguments, and
/// optionally one method of what it returned.
@Suite struct ReModuleTests {
    static func call(_ function: String, _ arguments: [PyObject], then method: String? = nil, _ methodArguments: [PyObject] = []) -> ModuleCase {
        let shown = arguments.map { (try? $0.repr()) ?? "?" }.joined(separator: ", ")
        var python = "re.\(function)(\(shown))"
        if let method { python += ".\(method)(\(methodArguments.map { (try? $0.repr()) ?? "?" }.joined(separator: ", ")))" }
        return ModuleCase(python) {
            let result = try module("re").attribute(function).call(arguments)
            guard let method else { return result }
            return try result.attribute(method).call(methodArguments)
        }
    }

    @Test func searchesAndMatches() throws {
        let I: PyObject = 2, M: PyObject = 8, S: PyObject = 16, X: PyObject = 64, A: PyObject = 256
        let cases: [ModuleCase] = [
            Self.call("search", ["b+", "abbbc"]),
            Self.call("search", ["(\\d+)-(\\d+)", "tel 555-1234 x"], then: "groups"),
            Self.call("match", ["a|ab", "abc"]),
            Self.call("fullmatch", ["a|ab", "ab"]),
            Self.call("search", ["$", "abc\n"]),
            Self.call("search", ["c$", "abc\n"]),
            Self.call("findall", ["^\\w+", "one two\nthree four", M]),
            Self.call("findall", ["\\w+$", "one two\nthree four\n", M]),
            Self.call("search", ["a.c", "a\nc"]),
            Self.call("search", ["a.c", "a\nc", S]),
            Self.call("findall", ["[a-z]+", "Hello World", I]),
            Self.call("findall", ["\\w+", "café naïve 日本 ok_1"]),
            Self.call("findall", ["\\w+", "café naïve", A]),
            Self.call("search", ["é+", "xééy"]),
            Self.call("search", ["😀+", "a😀😀b"]),
            Self.call("search", ["(?P<year>\\d{4})-(?P<month>\\d\\d)", "on 2024-05-01"], then: "groupdict"),
            Self.call("search", ["(a)(b)?", "ac"], then: "groups", ["-"]),
            Self.call("findall", ["(\\w)(\\d)?", "a1 b c3"]),
            Self.call("findall", ["x*", "axxb"]),
            Self.call("sub", ["x*", "-", "abxd"]),
            Self.call("split", ["x*", "axbc"]),
            Self.call("split", ["(,)\\s*", "a, b,c"]),
            Self.call("split", [",", "a,b,c,d", 2]),
            Self.call("sub", ["(\\w+) (\\w+)", "\\2 \\1", "hello world"]),
            Self.call("sub", ["(?P<w>o)", "[\\g<w>\\g<0>]", "foo"]),
            Self.call("subn", ["o", "0", "foo boo", 3]),
            Self.call("search", ["a{2}", "caaat"]),
            Self.call("search", ["a{,2}b", "aaab"]),
            Self.call("search", ["a{x}", "a{x}"]),
            Self.call("search", ["{1}", "{1}"]),
            Self.call("search", ["(?i)HELLO", "say hello"]),
            Self.call("search", ["a(?i:b)c", "aBc"]),
            Self.call("search", ["a(?i:b)c", "aBC"]),
            Self.call("search", [" a  b # comment\n c", "abc", X]),
            Self.call("search", ["(?<=\\$)\\d+", "cost $42"]),
            Self.call("search", ["(?<!x)y", "xy zy"]),
            Self.call("search", ["\\bfoo\\b", "a foo."]),
            Self.call("search", ["\\Bo", "foo"]),
            Self.call("search", ["(a)\\1", "xaa"]),
            Self.call("search", ["(?P<q>['\"]).*?(?P=q)", "say \"hi\" now"]),
            Self.call("search", ["(a)?(?(1)b|c)", "c"]),
            Self.call("search", ["(?>a+)b", "aaab"]),
            Self.call("search", ["a++a", "aaa"]),
            Self.call("search", ["[^abc]+", "abcdef"]),
            Self.call("search", ["[\\d.]+", "v1.25!"]),
            Self.call("search", ["[]a]+", "]a]"]),
            Self.call("search", ["[a-]+", "-a-"]),
            Self.call("search", ["\\s+", "a\u{1c}\u{a0}b"]),
            Self.call("search", ["(a*)*", "b"], then: "groups"),
            Self.call("search", ["(a|(b))*", "ba"], then: "groups"),
            Self.call("match", ["((a)b)", "ab"], then: "span", [2]),
            Self.call("escape", ["a.b*c?(d) e"]),
            Self.call("findall", ["\\d+", "12 ab 345"]),
            Self.call("compile", ["a+", I]),
            Self.call("compile", ["x", 26]),
            Self.call("compile", ["x", A]),
        ]
        try ModuleOracle.check(cases, imports: ["re"], label: "re")
    }

    @Test func edgeCases() throws {
        let cases: [ModuleCase] = [
            Self.call("sub", ["(a)|b", "[\\1]", "ab"]),
            Self.call("split", ["(a)|b", "xaybz"]),
            Self.call("search", ["(?m)$", "a\nb"]),
            Self.call("search", ["(?x)[ ]a", "x a"]),
            Self.call("search", ["\\x41\\u00e9\\N{EM DASH}", "Aé—"]),
            Self.call("search", ["\\0", "a\u{0}"]),
            Self.call("search", ["\\101", "BA"]),
            Self.call("search", ["[\\x41-\\x43]+", "ABCD"]),
            Self.call("search", ["a|", "b"]),
            Self.call("match", ["(?:)", "x"]),
            Self.call("findall", ["(?:a*)*", "aab"]),
            Self.call("findall", ["(?:^)*x", "xx"]),
            Self.call("search", ["(?<=ab|cd)x", "cdx"]),
            Self.call("compile", ["(?<=a|bc)x"]),
            Self.call("fullmatch", ["a*?", "aaa"]),
            Self.call("search", ["a*?$", "baa"]),
            Self.call("findall", ["\\b\\w", "it's a-b"]),
            Self.call("compile", ["a", 288]),
            Self.call("compile", ["a", 4]),
            Self.call("search", ["(?u)a", "a"]),
            Self.call("search", ["(?a)\\w", "é"]),
            Self.call("compile", ["(?i)(?m)a"]),
            Self.call("search", ["(?i-m:a$)", "A\nb"]),
            Self.call("search", ["(?-i:a)b", "aB", 2]),
            Self.call("search", ["(?-i:a)b", "AB", 2]),
            Self.call("search", ["(?i)[^a]", "A"]),
            Self.call("search", ["(?i)ǅ", "ǆ"]),
            Self.call("search", ["(?i)k", "\u{212a}"]),
            Self.call("search", ["(?i)[a-z]", "\u{17f}"]),
            Self.call("search", ["(?ia)[a-z]", "\u{212a}"]),
            Self.call("compile", ["a{4294967296}"]),
            Self.call("compile", ["(?P<a-b>x)"]),
            Self.call("compile", ["(?Px)"]),
            Self.call("compile", ["(?(2)a)"]),
            Self.call("compile", ["(?(x)a)"]),
            Self.call("compile", ["\\N{NOT A NAME}"]),
            Self.call("compile", ["(a)(?<=\\1)"]),
            Self.call("compile", ["(?<=(a))\\1"]),
            Self.call("escape", ["é😀\t"]),
            Self.call("compile", ["a", 512]),
            Self.call("search", ["x{2,3}?", "xxxx"]),
            Self.call("search", ["(x)(?=(y))", "xy"], then: "groups"),
            Self.call("search", ["(x)(?!(y))", "xz"], then: "groups"),
            Self.call("search", ["(?P<a>x)|(?P<b>y)", "y"], then: "groupdict"),
            Self.call("match", ["(a)|(b)", "b"], then: "span", [1]),
            Self.call("sub", ["a", "\\\\", "cat"]),
            Self.call("sub", ["a", "\\-", "cat"]),
            Self.call("sub", ["a", "\\q", "cat"]),
            Self.call("sub", ["a", "\\g", "cat"]),
            Self.call("sub", ["a", "\\g<", "cat"]),
            Self.call("sub", ["a", "\\g<>", "cat"]),
            Self.call("sub", ["a", "\\g<1a>", "cat"]),
            Self.call("sub", ["a", "x\\", "cat"]),
            Self.call("sub", ["(a)", "\\10", "cat"]),
            Self.call("sub", ["a", "\\101", "cat"]),
            Self.call("subn", ["", "-", "ab"]),
            Self.call("split", ["", "ab"]),
            Self.call("split", ["a", "bab", -1]),
            Self.call("sub", ["a", "x", "aaa", -1]),
            Self.call("findall", ["", "ab"]),
            Self.call("findall", ["a|(b)", "ab"]),
            Self.call("search", ["\\w+", PyObject("x" + String(repeating: "ab", count: 5000))], then: "span"),
            Self.call("search", ["(ab)*c", PyObject(String(repeating: "ab", count: 2000) + "c")], then: "span"),
            Self.call("search", ["[\\w.-]+@[\\w-]+\\.\\w+", "mail me: first.last@ex-ample.org!"]),
            Self.call("search", ["(\\d+)\\s*(?:kg|g)\\b", "weighs 12 kg"], then: "group", [1]),
            Self.call("search", ["^\\s*$", "  "]),
            Self.call("search", ["\\s", "a\u{2003}b"]),
            Self.call("search", ["\\d+", "x٣٤y"]),
            Self.call("search", ["\\S+", " ab "]),
            Self.call("search", ["\\D\\W", "a!"]),
        ]
        try ModuleOracle.check(cases, imports: ["re"], label: "re edges")
    }

    @Test func bytesPatterns() throws {
        let b: ([UInt8]) -> PyObject = { PyObject.bytes($0) }
        let cases: [ModuleCase] = [
            Self.call("search", [b(Array("\\d+".utf8)), b(Array("ab 42 c".utf8))]),
            Self.call("findall", [b(Array("\\w+".utf8)), b([0x63, 0xE9, 0x20, 0x61])]),
            Self.call("sub", [b(Array("(a)".utf8)), b(Array("<\\1>".utf8)), b(Array("cat".utf8))]),
            Self.call("split", [b(Array(",".utf8)), b(Array("a,b".utf8))]),
            Self.call("search", [b(Array("a".utf8)), "a"]),
            Self.call("search", ["a", b(Array("a".utf8))]),
            Self.call("compile", [b(Array("a+".utf8)), 2]),
            Self.call("compile", [b(Array("a".utf8)), 32]),
            Self.call("compile", [b(Array("\\u0041".utf8))]),
            Self.call("escape", [b(Array("a.b".utf8))]),
            Self.call("sub", [b(Array("a".utf8)), "x", b(Array("a".utf8))]),
            Self.call("search", [b(Array("(?i)A".utf8)), b(Array("xa".utf8))], then: "group", [0]),
        ]
        try ModuleOracle.check(cases, imports: ["re"], label: "re bytes")
    }

    @Test func flags() throws {
        let names = ["A", "I", "L", "U", "M", "S", "X", "T", "ASCII", "IGNORECASE", "DOTALL", "VERBOSE", "DEBUG", "NOFLAG"]
        var cases = names.map { name in ModuleCase("re.\(name)") { try module("re").attribute(name) } }
        cases.append(ModuleCase("re.I | re.S | re.X") { try module("re").attribute("I") | module("re").attribute("S") | module("re").attribute("X") })
        cases.append(ModuleCase("~re.I") { try module("re").attribute("I").attribute("__invert__").call([]) })
        cases.append(ModuleCase("hasattr(re, 'D')") { PyObject((try? module("re").attribute("D")) != nil) })
        try ModuleOracle.check(cases, imports: ["re"], label: "re flags")
    }

    @Test func errors() throws {
        let patterns: [PyObject] = ["(abc", "abc)", "*a", "a**", "[abc", "a{3,2}", "\\q", "(?P<1>a)", "(?P=x)", "(?<=a+)b",
                                    "a(?i)b", "(?z)", "[z-a]", "\\", "(?P<a>x)(?P<a>y)", "x{", "(?#abc", "\\2(a)", "a\n(b",
                                    "\\x4", "(?", "a|*", "(?<x)", "^*", "[\\A]"]
        let cases = patterns.map { Self.call("compile", [$0]) }
        try ModuleOracle.check(cases, imports: ["re"], label: "re errors")
    }
}
