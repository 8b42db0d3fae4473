import Foundation
import LoomCore
import Site
import Testing
@testable import LoomCLI

@Suite struct BuildManifestTests {
    /// Values holding every character the line format escapes, and every optional both ways.
    private let manifest = BuildManifest(
        fingerprint: 0xFFFF_FFFF_FFFF_FFFF, recordHash: nil, indexHash: 0,
        notes: [
            BuildManifest.NoteEntry(
                facts: VaultIndex.NoteFacts(
                    name: "a\tb", path: "dir/a\tb.md", title: "Tab\there, line\nthere, back\\slash \u{1E}\u{1F} and ünïcode 🧵",
                    description: "desc\\n not a newline", created: -5, updated: nil, snippetCount: 2,
                    wikiLinkTargets: ["", "x\u{1F}y", "z"]
                ),
                signature: FileSignature(size: 12, modified: 1_795_000_000_123_456_789, inode: 42),
                contentHash: 1, runsHash: 0, dependencyHash: 0xDEAD_BEEF, page: "a%09b.html", pageSize: 900,
                snippets: [.init(index: 1, line: 3), .init(index: 2, line: 40)], assets: ["assets/p q.png"],
                diagnostics: [
                    Diagnostic(.warning, at: SourceLocation(file: "dir/a\tb.md", line: 3, column: 7), "broken\tlink"),
                    Diagnostic(.note, at: SourceLocation(file: "x.md", line: 1), "fixed", fix: Diagnostic.Fix(original: "\t", replacement: "")),
                ]
            ),
            BuildManifest.NoteEntry(
                facts: VaultIndex.NoteFacts(name: "b", path: "b.md", title: "", description: nil, created: nil, updated: 7, snippetCount: 0, wikiLinkTargets: []),
                signature: FileSignature(size: 0, modified: 0, inode: 0), contentHash: 0, runsHash: 9, dependencyHash: 0,
                page: nil, pageSize: 0, snippets: [], assets: [], diagnostics: []
            ),
        ]
    )

    @Test func readsBackWhatItWrote() throws {
        let parsed = try #require(BuildManifest.parse(manifest.encoded()))
        #expect(parsed == manifest)
        var withRecord = manifest
        withRecord.recordHash = 77
        #expect(BuildManifest.parse(withRecord.encoded()) == withRecord)
        #expect(BuildManifest.parse(BuildManifest(fingerprint: 1, recordHash: 2, indexHash: 3, notes: []).encoded())?.notes.isEmpty == true)
    }

    @Test func oneLinePerNote() {
        let lines = String(decoding: manifest.encoded(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 + manifest.notes.count + 2)
        #expect(lines.first.map(String.init) == BuildManifest.formatLine)
    }

    @Test func anythingDamagedIsRefusedWhole() {
        let bytes = manifest.encoded()
        // Every cut short of the whole file, and every single byte dropped.
        for length in 0..<bytes.count { #expect(BuildManifest.parse(Array(bytes.prefix(length))) == nil, "cut at \(length)") }
        for position in bytes.indices where bytes[position] == 0x09 || bytes[position] == 0x0A {
            var damaged = bytes
            damaged.remove(at: position)
            #expect(BuildManifest.parse(damaged) == nil, "byte \(position) dropped")
        }
        #expect(BuildManifest.parse(bytes + Array("x\n".utf8)) == nil)
        let otherVersion = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: BuildManifest.formatLine, with: "loom-build-manifest 999")
        #expect(BuildManifest.parse(Array(otherVersion.utf8)) == nil)
    }

    @Test func loadingTakesTheFilesOwnTime() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)").path
        defer { unlink(path) }
        #expect(BuildManifest.load(from: path) == nil)
        try PageFile.write(manifest.encoded(), to: path)
        let loaded = try #require(BuildManifest.load(from: path))
        #expect(loaded.writtenAt == FileSignature(path: path)?.modified)
    }

    @Test func stableHashSeparatesPiecesAndIsTheSameEveryRun() {
        func hash(_ pieces: [String]) -> UInt64 {
            var hash = StableHash()
            for piece in pieces { hash.combine(piece) }
            return hash.value
        }
        #expect(hash(["ab", "c"]) != hash(["a", "bc"]))
        #expect(hash(["", ""]) != hash([""]))
        // A fixed value: the manifest is read by later processes, so the hash may not depend on the run.
        #expect(StableHash.of(Array("loom".utf8)) == 4_209_180_123_440_450_573)
        var seen: Set<UInt64> = []
        for length in 0..<64 { seen.insert(StableHash.of([UInt8](repeating: 0, count: length))) }
        #expect(seen.count == 64)
    }
}

extension BuildManifestTests {
    @Test func numbersTooLargeOrMalformedAreRefused() throws {
        let text = String(decoding: manifest.encoded(), as: UTF8.self)
        for bad in ["99999999999999999999", "-", "1x", "", "+5"] {
            let damaged = text.replacingOccurrences(of: "\t900\t", with: "\t\(bad)\t")
            #expect(damaged != text)
            #expect(BuildManifest.parse(Array(damaged.utf8)) == nil, "page size \(bad)")
        }
    }
}
