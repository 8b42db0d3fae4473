import Foundation
import Testing

/// Pictures, links and note names that point out of the vault: nothing outside the vault is read, and
/// nothing outside the output folder is written.
@Suite struct PathEscapeTests {
    static let secret = "SECRET-OUTSIDE-THE-VAULT"

    /// A vault with files beside it (outside it) that no build may read.
    private func vaultWithSecretsBeside(notes: [String: String]) throws -> ScratchVault {
        let vault = try ScratchVault(notes: notes)
        let manager = FileManager.default
        try Data(Self.secret.utf8).write(to: vault.root.appendingPathComponent("outside.png"))
        let outsideFolder = vault.root.appendingPathComponent("outside-folder")
        try manager.createDirectory(at: outsideFolder, withIntermediateDirectories: true)
        try Data(Self.secret.utf8).write(to: outsideFolder.appendingPathComponent("inner.png"))
        try Data("---\ntitle: \(Self.secret)\n---\n# \(Self.secret)\n".utf8).write(to: outsideFolder.appendingPathComponent("smuggled.md"))
        try manager.createSymbolicLink(atPath: vault.notes.appendingPathComponent("link.png").path, withDestinationPath: "../outside.png")
        try manager.createSymbolicLink(atPath: vault.notes.appendingPathComponent("absolute-link.png").path, withDestinationPath: vault.root.appendingPathComponent("outside.png").path)
        try manager.createSymbolicLink(atPath: vault.notes.appendingPathComponent("linked-folder").path, withDestinationPath: outsideFolder.path)
        try manager.createSymbolicLink(atPath: vault.notes.appendingPathComponent("linked.md").path, withDestinationPath: outsideFolder.appendingPathComponent("smuggled.md").path)
        return vault
    }

    /// Every file the site holds, its bytes searched for the secret; symbolic links are followed.
    private func filesHoldingTheSecret(in folder: URL) -> [String] {
        ScratchVault.tree(folder).filter { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { return false }
            return String(decoding: data, as: UTF8.self).contains(Self.secret)
        }
    }

    @Test func picturesAndLinksThatClimbOutAreRefused() throws {
        let note = """
        ---
        title: escapes
        ---
        ![up](../outside.png)
        ![up twice](../../outside.png)
        ![absolute](/etc/passwd)
        ![encoded](%2e%2e/outside.png)
        ![encoded slash](..%2Foutside.png)
        ![file url](file:///etc/passwd)
        ![through a link](link.png)
        ![through an absolute link](absolute-link.png)
        ![through a linked folder](linked-folder/inner.png)
        ![deep](a/b/../../../outside.png)
        [a link up](../outside.png) [a link to a file](file:///etc/passwd) [[../outside]]
        """
        let vault = try vaultWithSecretsBeside(notes: ["escapes.md": note])
        defer { vault.remove() }
        let before = Set(ScratchVault.tree(vault.root).filter { !$0.hasPrefix("site") })
        let result = try loom(["build", "--no-run"], in: vault.root, bound: 60)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(filesHoldingTheSecret(in: vault.site) == [])
        #expect(!vault.exists("linked.html"))
        #expect(!vault.exists("linked-folder/smuggled.html") && !vault.exists("smuggled.html"))
        // Each refused picture is named at its line.
        let refusedLines = Set(result.stderr.split(separator: "\n").filter { $0.hasPrefix("notes/escapes.md:") }.map { $0.split(separator: ":")[1] })
        #expect(refusedLines.isSuperset(of: ["4", "5", "6", "7", "8", "9", "10", "11", "12", "13"]), "\(result.stderr)")
        // Nothing was written outside the output folder but its lock.
        let after = Set(ScratchVault.tree(vault.root).filter { !$0.hasPrefix("site") && !$0.hasPrefix(".site.loom-lock") })
        #expect(after == before)
    }

    @Test func noteNamesWithDotsAndFoldersStayInTheSite() throws {
        let notes = [
            "a..b.md": "---\ntitle: dots\n---\n# dots\n",
            "..md": "---\ntitle: only dots\n---\n# only dots\n",
            "...md": "---\ntitle: three dots\n---\n# three dots\n",
            ".hidden.md": "---\ntitle: hidden\n---\n# hidden\n",
            "sub/deeper/nested.md": "---\ntitle: nested\n---\n# nested [[../../good.first]] [[..]]\n",
            "sub/...md": "---\ntitle: sub dots\n---\n# sub dots\n",
        ]
        let vault = try ScratchVault(notes: notes)
        defer { vault.remove() }
        let before = Set(ScratchVault.tree(vault.root))
        let result = try loom(["build", "--no-run"], in: vault.root, bound: 60)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let written = Set(ScratchVault.tree(vault.root)).subtracting(before)
        let strays = written.filter { !$0.hasPrefix("site/") && $0 != "site" && !$0.hasPrefix(".site.loom-lock") }
        #expect(strays.isEmpty, "written outside the site: \(strays.sorted())")
        #expect(vault.exists("good.first.html"))
        #expect(try SiteSafety.problems(in: vault.site) == [])
    }

    @Test func anOutputFolderInsideTheVaultIsNotReadAsNotes() throws {
        let vault = try ScratchVault()
        defer { vault.remove() }
        let first = try loom(["build", "--no-run", "--out", "notes/site"], in: vault.root, bound: 60)
        let second = try loom(["build", "--no-run", "--out", "notes/site"], in: vault.root, bound: 60)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: vault.notes.appendingPathComponent("site/assets/site").path))
        #expect(first.stderr.split(separator: "\n").last == second.stderr.split(separator: "\n").last)
    }
}
