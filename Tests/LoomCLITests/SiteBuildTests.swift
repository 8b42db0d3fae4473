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
}
