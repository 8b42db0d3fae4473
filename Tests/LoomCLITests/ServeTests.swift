import Foundation
import PreviewServer
import Site
import Testing
@testable import LoomCLI

/// `loom serve`'s rebuilds: a save seen by the watcher rebuilds the site, and what the pages are told.
@Suite(.serialized) struct ServeTests {
    private func session(_ vault: TestVault) throws -> ServeSession {
        let build = SiteBuild(notesFolder: vault.notes, outputFolder: vault.site, theme: try Theme(), force: false)
        return ServeSession(build: build, notesFolder: vault.notes.path, runs: false)
    }

    @Test(arguments: [false, true]) func aSaveSeenByTheWatcherRebuildsThePage(polling: Bool) async throws {
        let vault = try TestVault(notes: generatedNotes(count: 6))
        defer { vault.remove() }
        let serve = try session(vault)
        #expect(serve.rebuild(reason: "first build"))
        let first = serve.status.generation
        let watcher = VaultWatcher(folder: vault.notes.path) { serve.scheduleRebuild() }
        watcher.start(forcePolling: polling)
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(polling ? 400 : 50))
        let note = vault.notes.appendingPathComponent("rust.n1.md")
        let text = try String(contentsOf: note, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "## Part two", with: "Saved while served.\n\n## Part two").utf8).write(to: note)
        try await waitFor { (try? vault.page("rust.n1.html").contains("Saved while served.")) == true }
        serve.finish()
        #expect(serve.status.generation > first)
        // The rebuilt site equals a clean build of the edited vault, search index included.
        let clean = vault.root.appendingPathComponent("clean")
        _ = try SiteBuild(notesFolder: vault.notes, outputFolder: clean, theme: try Theme(), force: false).run {}
        for name in ["rust.n1.html", "index.html", "search-index-0.js", "search.html"] {
            #expect(try vault.page(name) == String(contentsOf: clean.appendingPathComponent(name), encoding: .utf8), "\(name)")
        }
    }

    @Test func aSyntaxErrorSavedIsShownOnItsPageWithoutRunning() throws {
        let vault = try TestVault(notes: generatedNotes(count: 6))
        defer { vault.remove() }
        let serve = try session(vault)
        #expect(serve.rebuild(reason: "first build"))
        #expect(serve.status.problemsByPage.isEmpty, "warnings of notes not edited in this session are not shown")
        let note = vault.notes.appendingPathComponent("go.n2.md")
        let text = try String(contentsOf: note, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "```python\n", with: "```python\ndef broken(:\n").utf8).write(to: note)
        #expect(serve.rebuild(reason: "a change in the vault"))
        let problems = try #require(serve.status.problemsByPage["go.n2.html"])
        #expect(problems.contains { $0.hasPrefix("go.n2.md:") && $0.contains(": error: ") }, "\(problems)")
        #expect(try vault.page("go.n2.html").contains("Part one"), "the page is still there")
        // Mended, the problem goes.
        try Data(text.utf8).write(to: note)
        #expect(serve.rebuild(reason: "a change in the vault"))
        #expect(serve.status.problemsByPage["go.n2.html"] == nil)
    }

    /// Root reads a file whatever its mode, so this runs only for other users.
    @Test(.enabled(if: getuid() != 0)) func aNoteThatCannotBeReadKeepsItsAddressWithTheReason() throws {
        let vault = try TestVault(notes: generatedNotes(count: 6))
        defer { vault.remove() }
        let serve = try session(vault)
        #expect(serve.rebuild(reason: "first build"))
        let note = vault.notes.appendingPathComponent("go.n2.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: note.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: note.path) }
        #expect(serve.rebuild(reason: "a change in the vault"))
        #expect(serve.status.problemsByPage["go.n2.html"]?.first?.contains("cannot be read") == true)
    }
}

private func waitFor(seconds: Double = 10, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else {
            Issue.record("timed out")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
