import Foundation
import Testing

/// A run record that is corrupt, truncated or from another version is set aside with a warning and
/// rebuilt, never trusted; two builds at once never corrupt it.
@Suite struct RunRecordFaultTests {
    struct Damage: CustomTestStringConvertible, Sendable {
        var name: String
        var damage: @Sendable (Data) -> Data
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "truncated to half") { $0.prefix($0.count / 2) },
        Damage(name: "emptied") { _ in Data() },
        Damage(name: "garbage bytes") { _ in Data([0xFF, 0x00, 0x7B, 0x22, 0xC3]) },
        Damage(name: "a foreign format version") { data in
            Data(String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: #""formatVersion" : "#, with: #""formatVersion" : 9"#).utf8)
        },
        Damage(name: "valid JSON of the wrong shape") { _ in Data(#"{"formatVersion": "one", "notes": 3}"#.utf8) },
        Damage(name: "a JSON array") { _ in Data("[1, 2, 3]".utf8) },
    ]

    @Test(arguments: damages, [false, true]) func aDamagedRecordIsSetAsideAndRebuilt(_ damage: Damage, outsideTheSite: Bool) throws {
        let vault = try ScratchVault()
        defer { vault.remove() }
        let recordArguments = outsideTheSite ? ["--record", "record/runs.json"] : []
        if outsideTheSite { try FileManager.default.createDirectory(at: vault.root.appendingPathComponent("record"), withIntermediateDirectories: true) }
        let record = outsideTheSite ? vault.root.appendingPathComponent("record/runs.json") : vault.site.appendingPathComponent("runs.json")
        let first = try loom(["build", "--no-run"] + recordArguments, in: vault.root, bound: 60)
        #expect(first.status == 0, "\(first.stderr)")
        let damaged = damage.damage(try Data(contentsOf: record))
        try damaged.write(to: record)

        let second = try loom(["build", "--no-run"] + recordArguments, in: vault.root, bound: 60)
        #expect(second.status == 0, "\(second.stderr)")
        let warning = second.stderr.split(separator: "\n").first { $0.contains("warning: ignored the run record") }
        #expect(warning != nil, "\(second.stderr)")
        // The damaged file is kept where the warning says, byte for byte, for the user to look at.
        if let warning, let range = warning.range(of: "moved it to ") {
            let setAside = String(warning[range.upperBound...].prefix { $0 != ";" })
            #expect(FileManager.default.contents(atPath: setAside) == damaged, "\(setAside) is not the damaged record")
        }
        // A fresh record took its place, and the next build reads it without complaint.
        let rebuilt = try JSONSerialization.jsonObject(with: try Data(contentsOf: record)) as? [String: Any]
        #expect(rebuilt?["formatVersion"] != nil)
        let third = try loom(["build", "--no-run"] + recordArguments, in: vault.root, bound: 60)
        #expect(third.status == 0 && !third.stderr.contains("ignored the run record"), "\(third.stderr)")
    }

    @Test func twoBuildsAtOnceNeitherCorruptsTheSite() throws {
        let vault = try ScratchVault(withGoodNotes: false)
        defer { vault.remove() }
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generate.arguments = ["python3", ScratchVault.repository.appendingPathComponent("bench/generate_vault.py").path, "--notes", "200", "--out", vault.notes.path]
        try generate.run()
        generate.waitUntilExit()
        #expect(generate.terminationStatus == 0)

        let results = ConcurrentBuilds()
        DispatchQueue.concurrentPerform(iterations: 2) { position in
            results.set(try? loom(["build", "--no-run"], in: vault.root, bound: 300), at: position)
        }
        let both = results.all
        #expect(both.count == 2)
        for result in both {
            #expect(!result.hung && result.status == 0, "\(result.stderr.suffix(1000))")
        }
        // A third build, alone, writes the same pages: neither concurrent build left a broken site.
        let pagesAfterBoth = ScratchVault.tree(vault.site)
        let alone = try loom(["build", "--no-run"], in: vault.root, bound: 300)
        #expect(alone.status == 0 && !alone.stderr.contains("ignored the run record"), "\(alone.stderr.suffix(1000))")
        #expect(ScratchVault.tree(vault.site) == pagesAfterBoth)
        // 200 notes, the index, the timings report and the search page.
        #expect(pagesAfterBoth.filter { $0.hasSuffix(".html") }.count == 203)
        let leftovers = ScratchVault.tree(vault.root).filter { $0.hasPrefix("site.loom-") }
        #expect(leftovers.isEmpty)
    }
}

/// Results of builds run side by side.
final class ConcurrentBuilds: @unchecked Sendable {
    private var results: [Int: LoomResult] = [:]
    private let lock = NSLock()

    func set(_ result: LoomResult?, at position: Int) {
        guard let result else { return }
        lock.withLock { results[position] = result }
    }

    var all: [LoomResult] { lock.withLock { results.sorted { $0.key < $1.key }.map(\.value) } }
}
