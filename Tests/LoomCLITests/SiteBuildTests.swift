import Foundation
import LoomCore
import Site
import Testing
@testable import LoomCLI

private func build(_ vault: TestVault, force: Bool = false) throws -> SiteBuild.Outcome {
    try SiteBuild(notesFolder: vault.notes, outputFolder: vault.site, theme: try Theme(), force: force).run {}
}

@Suite struct SiteBuildTests {
    @Test func seedNoteBuildsWithThreeCardsAndTwoPlaceholders() throws {
        let vault = try TestVault(includingSeed: true)
        defer { vault.remove() }
        let outcome = try build(vault)
        #expect(outcome.notes == 1 && outcome.snippets == 3)
        #expect(outcome.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.severity)" } == ["37:1 warning", "52:1 warning"])
        let page = try vault.page("threading.html")
        for index in 1...3 { #expect(page.contains("id=\"snippet-\(index)\"")) }
        #expect(!page.contains("id=\"snippet-4\""))
        #expect(page.components(separatedBy: "class=\"missing-image\"").count == 3)
        #expect(page.contains("threading_sync_example.png") && page.contains("threading_example.png"))
        let index = try vault.page("index.html")
        #expect(index.contains("href=\"threading.html\""))
        #expect(FileManager.default.fileExists(atPath: vault.site.appendingPathComponent("style.css").path))
    }

    @Test func refusesToReplaceAFolderLoomDidNotCreate() throws {
        let vault = try TestVault(notes: ["a.md": "# A\n"])
        defer { vault.remove() }
        try FileManager.default.createDirectory(at: vault.site, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: vault.site.appendingPathComponent("thesis.txt"))
        #expect(throws: SiteFolderError.self) { try build(vault) }
        #expect(try vault.page("thesis.txt") == "precious")
        _ = try build(vault, force: true)
        #expect(!FileManager.default.fileExists(atPath: vault.site.appendingPathComponent("thesis.txt").path))
        _ = try build(vault)
    }

    @Test func failedBuildLeavesThePreviousSiteWhole() throws {
        let vault = try TestVault(notes: ["a.md": "---\ntitle: First\n---\n"])
        defer { vault.remove() }
        _ = try build(vault)
        let before = try vault.page("a.html")
        // A page name longer than any file system allows makes the write fail midway.
        try Data("# too long\n".utf8).write(to: vault.notes.appendingPathComponent(String(repeating: "x", count: 252) + ".md"))
        try Data("---\ntitle: Second\n---\n".utf8).write(to: vault.notes.appendingPathComponent("a.md"))
        #expect(throws: (any Error).self) { try build(vault) }
        #expect(try vault.page("a.html") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: vault.root.path).filter { $0.contains("loom-staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func interruptedSwapIsMendedByTheNextBuild() throws {
        let vault = try TestVault(notes: ["a.md": "# A\n"])
        defer { vault.remove() }
        _ = try build(vault)
        // As if a build died between moving the old site aside and moving the new one in.
        let retired = vault.root.appendingPathComponent("site.loom-old")
        try FileManager.default.moveItem(at: vault.site, to: retired)
        _ = try build(vault)
        #expect(try vault.page("a.html").contains("<h1>A</h1>"))
        #expect(!FileManager.default.fileExists(atPath: retired.path))
    }

    @Test func picturesInTheVaultAreCopiedAndOutsideOnesRefused() throws {
        let vault = try TestVault(notes: [
            "a.md": "---\ntitle: A\n---\n![ok](img/ok.png)\n\n![up](../secret.png)\n\n![abs](/etc/passwd)\n",
            "img/ok.png": "PNG",
        ])
        defer { vault.remove() }
        try Data("secret".utf8).write(to: vault.root.appendingPathComponent("secret.png"))
        let outcome = try build(vault)
        #expect(try vault.page("assets/img/ok.png") == "PNG")
        #expect(outcome.diagnostics.map(\.location.line) == [6, 8])
        #expect(outcome.diagnostics.allSatisfy { $0.message.contains("not shown") })
        #expect(!FileManager.default.fileExists(atPath: vault.site.appendingPathComponent("assets/secret.png").path))
    }

    @Test func symlinksOutOfTheVaultAreNotRead() throws {
        let vault = try TestVault(notes: ["a.md": "---\ntitle: A\n---\n![x](leak.png)\n"])
        defer { vault.remove() }
        try Data("outside".utf8).write(to: vault.root.appendingPathComponent("outside.png"))
        try FileManager.default.createSymbolicLink(at: vault.notes.appendingPathComponent("leak.png"), withDestinationURL: vault.root.appendingPathComponent("outside.png"))
        try FileManager.default.createSymbolicLink(at: vault.notes.appendingPathComponent("leak.md"), withDestinationURL: vault.root.appendingPathComponent("outside.png"))
        let outcome = try build(vault)
        #expect(outcome.notes == 1)
        #expect(!FileManager.default.fileExists(atPath: vault.site.appendingPathComponent("assets/leak.png").path))
    }

    @Test func rebuildKeepsUnchangedPagesAndRewritesChangedOnes() throws {
        let vault = try TestVault(notes: [
            "a.md": "---\ntitle: A\n---\nSee [[b]].\n",
            "b.md": "---\ntitle: B\n---\n![p](img/p.png)\n",
            "c.md": "---\ntitle: C\n---\nAlone.\n",
            "img/p.png": "PNG",
        ])
        defer { vault.remove() }
        _ = try build(vault)
        let first = try inodes(in: vault.site)
        _ = try build(vault)
        // Nothing changed: the very same files stay (no page rewritten, no swap).
        #expect(try inodes(in: vault.site) == first)

        try Data("---\ntitle: C again\n---\nAlone.\n".utf8).write(to: vault.notes.appendingPathComponent("c.md"))
        _ = try build(vault)
        let second = try inodes(in: vault.site)
        #expect(try vault.page("c.html").contains("C again"))
        #expect(second["c.html"] != first["c.html"] && second["index.html"] != first["index.html"])
        // `b` names `c` in its pager, so only `a` and the picture are untouched.
        #expect(second["b.html"] != first["b.html"])
        #expect(second["a.html"] == first["a.html"] && second["assets/img/p.png"] == first["assets/img/p.png"])
        #expect(try vault.page("assets/img/p.png") == "PNG")
        #expect(Set(second.keys) == Set(first.keys))

        try FileManager.default.removeItem(at: vault.notes.appendingPathComponent("a.md"))
        _ = try build(vault)
        #expect(!FileManager.default.fileExists(atPath: vault.site.appendingPathComponent("a.html").path))
        #expect(try vault.page("b.html").contains("<h1>B</h1>"))
    }

    @Test func failedRebuildAfterAnUnchangedOneLeavesTheSiteWhole() throws {
        let vault = try TestVault(notes: ["a.md": "---\ntitle: First\n---\n", "b.md": "# B\n"])
        defer { vault.remove() }
        _ = try build(vault)
        _ = try build(vault)
        let before = try inodes(in: vault.site)
        try Data("# too long\n".utf8).write(to: vault.notes.appendingPathComponent(String(repeating: "x", count: 252) + ".md"))
        #expect(throws: (any Error).self) { try build(vault) }
        #expect(try inodes(in: vault.site) == before)
        #expect(try vault.page("b.html").contains("<h1>B</h1>"))
    }
}

/// Every file of a site by path, with its inode: a file rewritten or replaced gets a new one.
private func inodes(in folder: URL) throws -> [String: UInt64] {
    var result: [String: UInt64] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    while let path = enumerator?.nextObject() as? String {
        var status = stat()
        guard stat(folder.appendingPathComponent(path).path, &status) == 0 else { continue }
        if (status.st_mode & S_IFMT) == S_IFREG { result[path] = UInt64(status.st_ino) }
    }
    return result
}
