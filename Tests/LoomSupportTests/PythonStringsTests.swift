import Testing
@testable import LoomSupport

@Suite struct PythonStringsTests {
    @Test func stringMethodsMatchCPython() throws {
        let samples = ["", "a", "ab", "abc", "  padded  ", "-42", "+7", "hello world", "they're bill's friends",
                       "a,b,,c", "\tx\ny  z\n", "ÉCOLE été", "xxhixx"]
        let expected = try PythonOracle.jsonLines("""
            import json
            for s in \(try PythonOracle.stringsLiteral(samples)):
                print(json.dumps([s.split(), s.split(','), s.split(',', 1), s.strip(), s.lstrip(), s.rstrip(), s.strip('x'),
                    s.center(7), s.center(8, '*'), s.ljust(6, '.'), s.rjust(6), s.zfill(6), s.title(), s.capitalize(),
                    str(s.count('x')), str(s.count('')), s * 2]))
            """, as: [AnyCodableString].self)
        for (index, text) in samples.enumerated() {
            let actual: [String] = [
                text.pythonSplit().pythonRepr, text.pythonSplit(",").pythonRepr, text.pythonSplit(",", maxsplit: 1).pythonRepr,
                text.strip(), text.lstrip(), text.rstrip(), text.strip("x"), text.center(7), text.center(8, "*"),
                text.ljust(6, "."), text.rjust(6), text.zfill(6), text.title(), text.capitalize(), String(text.count("x")),
                String(text.count("")), text * 2,
            ]
            let want = expected[index].map(\.text)
            #expect(actual == want, "for \(text.pythonRepr)")
        }
    }
}

/// A JSON value that is a string or a list of strings, decoded to the text Python would print
/// for it (`str` of the string, `repr` of the list).
struct AnyCodableString: Decodable {
    let text: String
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            text = list.pythonRepr
        } else {
            text = try container.decode(String.self)
        }
    }
}
