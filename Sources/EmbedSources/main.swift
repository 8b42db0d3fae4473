import Foundation

// Writes a Swift file holding the given source files as string literals:
//   EmbedSources OUTPUT.swift INPUT.swift...
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedSources OUTPUT.swift INPUT.swift...\n".utf8))
    exit(2)
}

/// A raw string delimiter longer than any run of `#` in the text, so no text can close the literal early.
func delimiter(for text: String) -> String {
    var longest = 0, run = 0
    for character in text {
        run = character == "#" ? run + 1 : 0
        longest = max(longest, run)
    }
    return String(repeating: "#", count: longest + 1)
}

var generated = "// Generated from Sources/LoomSupport by the EmbedSupportLibrary plugin; do not edit.\n\n"
generated += "extension SupportLibrarySources {\n    static let embedded: [(name: String, contents: String)] = [\n"
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let text = try String(contentsOf: url, encoding: .utf8)
    let hashes = delimiter(for: text)
    generated += "        (\"\(url.lastPathComponent)\", \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
generated += "    ]\n}\n"
try generated.write(to: URL(fileURLWithPath: output), atomically: true, encoding: .utf8)
