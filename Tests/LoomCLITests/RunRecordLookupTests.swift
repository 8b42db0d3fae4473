import Execution
import Foundation
import Testing

/// The run record finds snippets by content hash through an index built on first use; it must answer as
/// a scan of the record in order would, and follow every change to the record.
@Suite struct RunRecordLookupTests {
    private func snippet(_ index: Int, hash: String, status: CellStatus = .ok) -> SnippetRecord {
        SnippetRecord(index: index, line: index * 10, contentHash: hash, status: status)
    }

    @Test func answersAsAScanInRecordOrderWould() {
        var record = RunRecord(machine: MachineFacts.current(toolchain: nil, includingPython: false), date: "d")
        record.record(snippet(1, hash: "shared"), inNote: "a.md")
        record.record(snippet(2, hash: "only-a"), inNote: "a.md")
        record.record(snippet(1, hash: "shared", status: .timeout), inNote: "b.md")
        #expect(record.snippet(withContentHash: "shared")?.line == 10)
        #expect(record.snippet(withContentHash: "shared")?.status == "ok")
        #expect(record.snippet(withContentHash: "only-a")?.index == 2)
        #expect(record.snippet(withContentHash: "missing") == nil)
        for hash in ["shared", "only-a", "missing"] {
            let scanned = record.notes.lazy.compactMap { $0.snippets.first { $0.contentHash == hash } }.first
            #expect(record.snippet(withContentHash: hash) == scanned)
        }
    }

    @Test func followsChangesMadeAfterALookup() throws {
        var record = RunRecord(machine: MachineFacts.current(toolchain: nil, includingPython: false), date: "d")
        record.record(snippet(1, hash: "old"), inNote: "a.md")
        let copy = record
        #expect(record.snippet(withContentHash: "old") != nil)
        record.record(snippet(1, hash: "new"), inNote: "a.md")
        #expect(record.snippet(withContentHash: "old") == nil)
        #expect(record.snippet(withContentHash: "new") != nil)
        // A copy taken before the change keeps answering for what it holds.
        #expect(copy.snippet(withContentHash: "old") != nil && copy.snippet(withContentHash: "new") == nil)
        record.notes.removeAll()
        #expect(record.snippet(withContentHash: "new") == nil)
        // The index is neither written nor compared.
        let decoded = try JSONDecoder().decode(RunRecord.self, from: JSONEncoder().encode(copy))
        #expect(decoded == copy && decoded.hashValue == copy.hashValue)
        #expect(decoded.snippet(withContentHash: "old") != nil)
    }
}
