import Foundation
import Testing
@testable import LoomCLI

@Suite struct VaultFilesTests {
    @Test func listsNotesInFoldersAndSkipsHiddenOnes() throws {
        let vault = try TestVault(notes: [
            "a.md": "# A\n", "lang/python.async.md": "# P\n", "lang/deep/x.md": "# X\n", "lang/pic.png": "PNG",
            ".hidden/secret.md": "# S\n", ".dot.md": "# D\n", "lang/.also-hidden.md": "# H\n", "readme.txt": "text",
        ])
        defer { vault.remove() }
        try FileManager.default.createSymbolicLink(at: vault.notes.appendingPathComponent("inside.md"), withDestinationURL: vault.notes.appendingPathComponent("a.md"))
        let files = try VaultFiles(root: vault.notes)
        #expect(files.notePaths == ["a.md", "inside.md", "lang/deep/x.md", "lang/python.async.md"])
        #expect(files.otherFiles == ["lang/pic.png", "readme.txt"])
        #expect(try files.contents(of: "lang/deep/x.md") == Array("# X\n".utf8))
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: VaultError.self) { try VaultFiles(root: URL(fileURLWithPath: "/nonexistent/vault")) }
    }
}
