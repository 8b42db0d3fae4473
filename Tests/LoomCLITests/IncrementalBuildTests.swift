import Execution
import Foundation
import LoomCore
import Site
import Testing
@testable import LoomCLI

/// A rebuild after an edit must leave exactly the site a clean build of the edited vault makes.
@Suite struct IncrementalBuildTests {
    @Test(arguments: Edit.allCases) func rebuildAfterAnEditEqualsACleanBuild(_ edit: Edit) throws {
        let vault = try TestVault(notes: generatedNotes(count: 16))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        try edit.apply(to: vault.notes)
        let incremental = try build(vault.notes, into: vault.site)
        let clean = try build(vault.notes, into: vault.root.appendingPathComponent("clean"))
        #expect(!incremental.upToDate)
        // A new picture changes what every page may show; any other edit re-renders only what shows it.
        if edit != .addPicture { #expect(incremental.rendered < clean.rendered) }
        #expect(try siteFiles(vault.site) == siteFiles(vault.root.appendingPathComponent("clean")))
        #expect(incremental.diagnostics == clean.diagnostics)
        #expect((incremental.notes, incremental.snippets, incremental.pages) == (clean.notes, clean.snippets, clean.pages))
    }

    @Test func severalBuildsInARowStayEqualToCleanOnes() throws {
        let vault = try TestVault(notes: generatedNotes(count: 16))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        for edit in Edit.allCases {
            try edit.apply(to: vault.notes)
            _ = try build(vault.notes, into: vault.site)
            let clean = vault.root.appendingPathComponent("clean-\(edit)")
            _ = try build(vault.notes, into: clean)
            #expect(try siteFiles(vault.site) == siteFiles(clean), "after \(edit)")
        }
    }

    /// Past 256 notes the search index is in shards: an edit rewrites its note's shard and carries the
    /// others over as they were, and the site still equals a clean build.
    @Test func anEditRewritesOnlyItsSearchShard() throws {
        let vault = try TestVault(notes: generatedNotes(count: 600))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        let shards = try FileManager.default.contentsOfDirectory(atPath: vault.site.path).filter { $0.hasPrefix("search-index-") }.sorted()
        #expect(shards.count == 3)
        let before = try inodesAndTimes(vault.site)
        let note = vault.notes.appendingPathComponent("go.n22.md")
        try Data((try String(contentsOf: note, encoding: .utf8) + "\nA word found nowhere else: zyxwv.\n").utf8).write(to: note)
        _ = try build(vault.notes, into: vault.site)
        let after = try inodesAndTimes(vault.site)
        let rewritten = shards.filter { before[$0] != after[$0] }
        #expect(rewritten.count == 1)
        #expect(try rewritten.allSatisfy { try vault.page($0).contains("zyxwv") })
        _ = try build(vault.notes, into: vault.root.appendingPathComponent("clean"))
        #expect(try siteFiles(vault.site) == siteFiles(vault.root.appendingPathComponent("clean")))
    }

    @Test func anUnchangedVaultIsNeitherReadNorWritten() throws {
        let vault = try TestVault(notes: generatedNotes(count: 8))
        defer { vault.remove() }
        let first = try build(vault.notes, into: vault.site)
        let before = try inodesAndTimes(vault.site)
        let again = try build(vault.notes, into: vault.site)
        #expect(again.upToDate && again.rendered == 0)
        #expect(try inodesAndTimes(vault.site) == before)
        #expect(again.diagnostics == first.diagnostics && again.pages == first.pages && again.snippets == first.snippets)
        // Proof that nothing is read: a note rewritten behind the signature's back (same size, same inode,
        // its old time put back) is not seen.
        let note = vault.notes.appendingPathComponent("rust.n1.md")
        let signature = try #require(FileSignature(path: note.path))
        let text = try String(contentsOf: note, encoding: .utf8).replacingOccurrences(of: "title: Note 1\n", with: "title: Note Z\n")
        try Data(text.utf8).write(to: note)
        try setModificationTime(of: note, to: signature.modified)
        #expect(FileSignature(path: note.path) == signature)
        #expect(try build(vault.notes, into: vault.site).upToDate)
        #expect(try !vault.page("rust.n1.html").contains("Note Z"))
    }

    @Test func aTouchedButUnchangedNoteRendersNothing() throws {
        let vault = try TestVault(notes: generatedNotes(count: 8))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        let note = vault.notes.appendingPathComponent("rust.n1.md")
        try Data(try Data(contentsOf: note)).write(to: note)
        let rebuilt = try build(vault.notes, into: vault.site)
        #expect(!rebuilt.upToDate && rebuilt.rendered == 0, "\(rebuilt.rendered)")
        #expect(try build(vault.notes, into: vault.site).upToDate)
    }

    @Test(arguments: ManifestDamage.allCases) func aManifestThatCannotBeTrustedIsIgnored(_ damage: ManifestDamage) throws {
        let vault = try TestVault(notes: generatedNotes(count: 8))
        defer { vault.remove() }
        let first = try build(vault.notes, into: vault.site)
        // An edit the damaged manifest could hide, if it were believed.
        try Data("---\ntitle: Rewritten\n---\nNew body.\n".utf8).write(to: vault.notes.appendingPathComponent("rust.n1.md"))
        try damage.apply(to: vault.site)
        let rebuilt = try build(vault.notes, into: vault.site)
        #expect(!rebuilt.upToDate)
        if damage != .pageDeleted { #expect(rebuilt.rendered == first.rendered) }
        _ = try build(vault.notes, into: vault.root.appendingPathComponent("clean"))
        #expect(try siteFiles(vault.site) == siteFiles(vault.root.appendingPathComponent("clean")))
    }

    @Test func aPageMissingFromTheSiteIsRenderedAgain() throws {
        let vault = try TestVault(notes: generatedNotes(count: 8))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        let before = try siteFiles(vault.site)
        try FileManager.default.removeItem(at: vault.site.appendingPathComponent("rust.n1.html"))
        try Data("cut".utf8).write(to: vault.site.appendingPathComponent("go.n2.html"))
        let rebuilt = try build(vault.notes, into: vault.site)
        #expect(!rebuilt.upToDate && rebuilt.rendered == 2)
        #expect(try siteFiles(vault.site) == before)
    }

    /// Git's racy case: a note rewritten with the same size within the tick its manifest was written in has
    /// the signature the manifest holds; it is read again all the same.
    @Test func aNoteChangedInTheManifestsTickIsReadAgain() throws {
        let vault = try TestVault(notes: generatedNotes(count: 8))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        let note = vault.notes.appendingPathComponent("rust.n1.md")
        let manifest = vault.site.appendingPathComponent(BuildManifest.fileName)
        var text = try String(contentsOf: note, encoding: .utf8)
        text = text.replacingOccurrences(of: "title: Note 1", with: "title: Note X")
        try Data(text.utf8).write(to: note)
        try setModificationTime(of: note, to: try #require(FileSignature(path: manifest.path)).modified)
        let rebuilt = try build(vault.notes, into: vault.site)
        #expect(!rebuilt.upToDate)
        #expect(try vault.page("rust.n1.html").contains("Note X"))
    }

    /// With `--no-run`, the cards show the run record; a changed record re-renders the pages it concerns.
    @Test func aChangedRunRecordReRendersTheCardsItShows() throws {
        let vault = try TestVault(notes: generatedNotes(count: 8))
        defer { vault.remove() }
        _ = try build(vault.notes, into: vault.site)
        let recordFile = vault.site.appendingPathComponent(SiteBuild.recordName).path
        var record = try #require(RunRecordStore.load(from: recordFile).record)
        var snippet = SnippetRecord(index: 1, line: 11, contentHash: "h", status: .ok)
        snippet.statusDetail = nil
        snippet.swiftSource = "print(\"recorded\")"
        record.record(snippet, inNote: "rust.n1.md")
        try RunRecordStore.save(record, to: recordFile)
        let rebuilt = try build(vault.notes, into: vault.site)
        #expect(!rebuilt.upToDate && rebuilt.rendered == 3, "the note, the index and the timings page")
        #expect(try vault.page("rust.n1.html").contains("recorded"))
        let clean = vault.root.appendingPathComponent("clean")
        try FileManager.default.createDirectory(at: clean, withIntermediateDirectories: true)
        try RunRecordStore.save(record, to: clean.appendingPathComponent(SiteBuild.recordName).path)
        _ = try build(vault.notes, into: clean, force: true)
        #expect(try siteFiles(vault.site, includingRecord: true) == siteFiles(clean, includingRecord: true))
    }
}

enum Edit: String, CaseIterable, CustomStringConvertible {
    case body, addNote, deleteNote, retitle, changeWikiLink, breakWikiLink, duplicateName, addPicture, renameFile
    case editEmbedded, addTag, dropTag

    var description: String { rawValue }

    func apply(to notes: URL) throws {
        let file = { (name: String) in notes.appendingPathComponent(name + ".md") }
        func rewrite(_ name: String, _ change: (String) -> String) throws {
            let text = try String(contentsOf: file(name), encoding: .utf8)
            let changed = change(text)
            precondition(changed != text, "the edit \(self) changed nothing")
            try Data(changed.utf8).write(to: file(name))
        }
        switch self {
        case .body: try rewrite("python.async.n7") { $0 + "\nOne more paragraph.\n" }
        case .addNote: try Data("---\ntitle: Added\n---\n# Added\n\nSee [[python.n4]].\n".utf8).write(to: file("python.async.added"))
        case .deleteNote: try FileManager.default.removeItem(at: file("go.n2"))
        case .retitle: try rewrite("rust.n1") { $0.replacingOccurrences(of: "title: Note 1\n", with: "title: Renamed\n") }
        case .changeWikiLink: try rewrite("python.async.n3") { $0.replacingOccurrences(of: "[[go.n10]]", with: "[[python.n4]]") }
        case .breakWikiLink: try rewrite("python.async.n3") { $0 + "\nAnd [[nowhere.at.all]].\n" }
        case .duplicateName:
            try FileManager.default.createDirectory(at: notes.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("# Twin\n".utf8).write(to: notes.appendingPathComponent("sub/rust.n1.md"))
        case .addPicture:
            try Data("PNG".utf8).write(to: notes.appendingPathComponent("picture.png"))
            try rewrite("rust.n9") { $0 + "\n![a picture](picture.png)\n" }
        case .renameFile: try FileManager.default.moveItem(at: file("rust.n9"), to: file("rust.n9b"))
        case .editEmbedded: try rewrite("rust.n1") { $0.replacingOccurrences(of: "## Part two\n", with: "## Part two\n\nSaid differently now.\n") }
        case .addTag: try rewrite("go.n6") { $0 + "\nNow also #fresh-tag.\n" }
        case .dropTag: try rewrite("go.n10") { $0.replacingOccurrences(of: "tags: [shared]\n", with: "") }
        }
    }
}

enum ManifestDamage: String, CaseIterable, CustomStringConvertible {
    case missing, truncated, otherVersion, garbage, pageDeleted

    var description: String { rawValue }

    func apply(to site: URL) throws {
        let manifest = site.appendingPathComponent(BuildManifest.fileName)
        let bytes = try Data(contentsOf: manifest)
        switch self {
        case .missing: try FileManager.default.removeItem(at: manifest)
        case .truncated: try bytes.prefix(bytes.count / 2).write(to: manifest)
        case .otherVersion:
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: BuildManifest.formatLine, with: "loom-build-manifest 1")
            try Data(text.utf8).write(to: manifest)
        case .garbage: try Data(bytes.map { $0 == 0x09 ? 0x20 : $0 }).write(to: manifest)
        case .pageDeleted: try FileManager.default.removeItem(at: site.appendingPathComponent("go.n2.html"))
        }
    }
}

/// Notes in a Dendron hierarchy that link to one another, with snippets, a picture and a missing one.
func generatedNotes(count: Int) -> [String: String] {
    let topics = ["python", "rust", "go", "python.async"]
    let name = { (index: Int) in "\(topics[index % topics.count]).n\(index)" }
    var notes: [String: String] = ["python.md": "# Python\n\nThe parent of the Python notes.\n", "diagram.png": "PNG"]
    for index in 0..<count {
        var text = "---\ntitle: Note \(index)\ndesc: about \(index)\ncreated: \(1_600_000_000_000 + index)\n"
        if index % 4 == 2 { text += "tags: [shared]\n" }
        text += "---\n\n"
        text += "## Part one\n\nSee [[\(name((index * 3 + 1) % count))]] and [[\(name((index * 5 + 2) % count))]].\n\n"
        // Dendron's note references, heading links and tags.
        if index == 5 { text += "![[\(name(1))]]\n\n![[\(name(2))#Part two]]\n\nSee [[\(name(3))#Part two]] and #shared.\n\n" }
        if index % 5 == 3 { text += "Filed under #inline-tag.\n\n" }
        text += "```python\nprint(\(index))\n```\n\n"
        if index % 4 == 1 { text += "![diagram](diagram.png)\n\n![gone](gone.png)\n\n" }
        text += "## Part two\n\nMore on [[\(name((index + 7) % count))]] here.\n"
        notes[name(index) + ".md"] = text
    }
    return notes
}

private func build(_ notes: URL, into site: URL, force: Bool = false) throws -> SiteBuild.Outcome {
    try SiteBuild(notesFolder: notes, outputFolder: site, theme: try Theme(), force: force).run {}
}

/// Every file of a site with its bytes; the run record (dated when created) and the manifest (which holds
/// inodes and times) only when asked for.
private func siteFiles(_ site: URL, includingRecord: Bool = false) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in PageFile.regularFiles(under: site.path) {
        if path == BuildManifest.fileName || (!includingRecord && path == SiteBuild.recordName) { continue }
        files[path] = try Data(contentsOf: site.appendingPathComponent(path))
    }
    return files
}

private func inodesAndTimes(_ site: URL) throws -> [String: FileSignature] {
    var signatures: [String: FileSignature] = [:]
    for path in PageFile.regularFiles(under: site.path) { signatures[path] = FileSignature(path: site.appendingPathComponent(path).path) }
    return signatures
}

private func setModificationTime(of file: URL, to nanoseconds: Int64) throws {
    let seconds = Int(nanoseconds / 1_000_000_000), rest = Int(nanoseconds % 1_000_000_000)
    var times = [timespec(tv_sec: seconds, tv_nsec: rest), timespec(tv_sec: seconds, tv_nsec: rest)]
    guard utimensat(AT_FDCWD, file.path, &times, 0) == 0 else { throw CocoaError(.fileWriteUnknown) }
}
