import Foundation
import Testing

@Suite struct CheckAndTranslateTests {
    @Test func checkReportsTheSeedsFourRepairsAndPasses() throws {
        let vault = try TestVault(includingSeed: true)
        defer { vault.remove() }
        let result = try loom(["check", "notes"], in: vault.root)
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.contains(": warning: repaired") }
        #expect(lines.map { $0.split(separator: ":")[1] } == ["86", "89", "100", "104"])
        #expect(result.stderr.contains("1 note: 0 errors, 4 warnings (4 repairs)."))
        #expect(try loom(["check", "--strict", "notes"], in: vault.root).status == 1)
    }

    @Test func checkFailsOnAnErrorLeftAfterRepairs() throws {
        let vault = try TestVault(notes: ["bad.md": "---\ntitle: b\n---\n```py\ndef f(:\n    pass\n```\n"])
        defer { vault.remove() }
        let result = try loom(["check"], in: vault.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("notes/bad.md:5:"))
        #expect(result.stderr.contains(": error: "))
    }

    @Test func dumpASTMatchesCPython() throws {
        let vault = try TestVault()
        defer { vault.remove() }
        let source = "async def f(a, /, b=1, *c, d, **e):\n    return [x async for x in g() if x] or {**e}\n"
        let file = vault.root.appendingPathComponent("a.py")
        try Data(source.utf8).write(to: file)
        let ours = try loom(["dump-ast", file.path], in: vault.root)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read())))", file.path]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(ours.status == 0)
        #expect(ours.stdout == expected)
    }

    @Test func translatePrintsOneSnippetsSwift() throws {
        let vault = try TestVault(includingSeed: true)
        defer { vault.remove() }
        let result = try loom(["translate", "notes/threading.md", "--snippet", "2"], in: vault.root)
        #expect(result.status == 0)
        #expect(result.stdout.contains("func cell2() throws"))
        #expect(!result.stdout.contains("func cell1()"))
        let missing = try loom(["translate", "notes/threading.md", "--snippet", "9"], in: vault.root)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("there is no snippet 9"))
    }
}
