/// Decides from a fence's info string whether its block is a Python snippet.
enum PythonInfoString {
    private static let names: Set<String> = ["py", "python", "python3", "py3", "pycon"]

    /// `py`, `python3 title="x"`, `{python}`, `{.python .numberLines}` name Python; `pycon` (a REPL session) too; `pyi` does not.
    static func namesPython(_ info: String) -> Bool {
        var word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        if word.hasPrefix("{") {
            word.removeFirst()
            if let close = word.firstIndex(where: { $0 == "}" || $0 == "," || $0 == " " }) {
                word = String(word[..<close])
            }
            if word.hasPrefix(".") { word.removeFirst() }
        }
        if let brace = word.firstIndex(of: "{") { word = String(word[..<brace]) }
        return names.contains(word.lowercased())
    }
}
