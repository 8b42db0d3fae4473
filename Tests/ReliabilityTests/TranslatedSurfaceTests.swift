import Foundation
import Testing

/// Snippets that reach for files, processes or the network are refused, not translated: the Swift Loom
/// runs can only do what the support library does.
@Suite struct TranslatedSurfaceTests {
    private struct Output: Decodable {
        struct Snippet: Decodable { var status: String; var statusDetail: String?; var swift: String? }
        var snippets: [Snippet]
    }

    static let escapes = [
        "print(open('/etc/passwd').read())",
        "import os\nos.system('touch pwned')",
        "import os\nos.remove('important.txt')",
        "import os\nos.environ['HOME']",
        "import subprocess\nsubprocess.run(['touch', 'pwned'])",
        "import socket\nsocket.create_connection(('example.com', 80))",
        "import urllib.request\nurllib.request.urlopen('http://example.com')",
        "import shutil\nshutil.rmtree('/')",
        "import pathlib\npathlib.Path('pwned').write_text('x')",
        "import ctypes\nctypes.CDLL(None)",
        "exec(\"open('pwned', 'w')\")",
        "eval('1 + 1')",
        "__import__('os').system('touch pwned')",
        "import importlib\nimportlib.import_module('os')",
        "import multiprocessing\nmultiprocessing.Process(target=print).start()",
    ]

    @Test func everyEscapeIsRefusedAndNothingRuns() throws {
        let note = "---\ntitle: escapes\n---\n" + Self.escapes.map { "```py\n\($0)\n```\n" }.joined(separator: "\n")
        let vault = try ScratchVault(notes: ["escapes.md": note], withGoodNotes: false)
        defer { vault.remove() }
        let result = try loom(["run", "notes/escapes.md", "--json", "--timeout", "5"], in: vault.root, bound: 600)
        #expect(!result.hung)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        #expect(output.snippets.count == Self.escapes.count)
        for (snippet, code) in zip(output.snippets, Self.escapes) {
            #expect(["refused", "syntax-error"].contains(snippet.status) || snippet.status == "ok" && code.contains("multiprocessing"),
                    "\(code) → \(snippet.status)")
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: vault.root.path)) ?? []
        #expect(!files.contains("pwned"))
    }
}
