import Foundation
import NoteReading
import Site

extension SiteBuild {
    /// The files search needs: the search page, its script and the index's shards. A shard whose notes all
    /// have the key the last build gave them is carried over unread; any other is written again from the lines
    /// of the notes this build read and the previous shard's lines for the others (read when the
    /// manifest is trusted), and a note whose line cannot be found there is read.
    func writeSearchIndex(_ plan: inout BuildPlan, files: VaultFiles, manifest: BuildManifest?, into folder: SiteFolder) throws {
        let current = Self.searchKeys(plan.notes.compactMap { state in
            state.page.map { (path: state.path, name: state.facts?.name ?? "", page: $0, contentHash: state.contentHash ?? state.known?.contentHash ?? 0) }
        })
        let previous = manifest.map { manifest in
            Self.searchKeys(manifest.notes.compactMap { entry in
                entry.page.map { (path: entry.facts.path, name: entry.facts.name, page: $0, contentHash: entry.contentHash) }
            })
        }
        let shards = SearchIndex.shardCount(notes: current.count)
        let previousShards = previous.map { SearchIndex.shardCount(notes: $0.count) }
        func shard(of path: String) -> Int { Int(StableHash.of(Array(path.utf8)) % UInt64(shards)) }

        var byShard = Array(repeating: [SearchKey](), count: shards)
        for key in current { byShard[shard(of: key.path)].append(key) }
        var previousByShard: [[String]] = []
        if let previous, let previousShards, previousShards == shards {
            previousByShard = Array(repeating: [], count: shards)
            for key in previous { previousByShard[shard(of: key.path)].append(key.key) }
        }

        let positionByPath = Dictionary(plan.notes.indices.map { (plan.notes[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        var previousLines: [String: [UInt8]] = [:]
        var loaded: Set<String> = []
        func previousLine(_ key: String, shard: Int) -> [UInt8]? {
            guard manifest != nil, let previousShards else { return nil }
            // The shard it was in when the count is the same; else any of them.
            let names = previousShards == shards ? [SearchIndex.shardName(shard)] : (0..<previousShards).map(SearchIndex.shardName)
            for name in names where loaded.insert(name).inserted { Self.addShardLines(of: folder, named: name, to: &previousLines) }
            return previousLines[key]
        }

        for (number, keys) in byShard.enumerated() {
            let name = SearchIndex.shardName(number)
            if number < previousByShard.count, previousByShard[number] == keys.map(\.key), folder.keep(name) { continue }
            var lines: [[UInt8]?] = keys.map { key in
                guard let position = positionByPath[key.path], plan.notes[position].note == nil else { return nil }
                return previousLine(key.key, shard: number)
            }
            let unread = keys.indices.compactMap { lines[$0] == nil && plan.notes[positionByPath[keys[$0].path]!].note == nil ? positionByPath[keys[$0].path] : nil }
            if !unread.isEmpty { plan.read(unread, from: files, beforeDeciding: false) }
            let notes = plan.notes
            let missing = keys.indices.filter { lines[$0] == nil }
            let made = ConcurrentResults<[UInt8]>(count: missing.count)
            DispatchQueue.concurrentPerform(iterations: missing.count) { offset in
                let key = keys[missing[offset]]
                guard let note = notes[positionByPath[key.path]!].note else { return made.set([], at: offset) }
                made.set(SearchEntry(note: note, page: BuildPlan.fileName(ofPage: key.page)).scriptLine(key: key.key), at: offset)
            }
            for (offset, line) in zip(missing, made.values) { lines[offset] = line }
            try folder.write(SearchIndex.shard(lines: lines.compactMap { $0 }.filter { !$0.isEmpty }), to: name)
        }
        try folder.write(SearchPage(theme: theme).render(shards: shards), to: SearchIndex.pageName)
        try folder.write(Array(SearchScript.source.utf8), to: SearchIndex.scriptName)
    }

    /// The search files a site of `notes` pages holds, for the check that nothing changed.
    static func searchFiles(notes: Int) -> [String] {
        [SearchIndex.pageName, SearchIndex.scriptName] + (0..<SearchIndex.shardCount(notes: notes)).map(SearchIndex.shardName)
    }

    struct SearchKey {
        var path: String
        var page: String
        var key: String
    }

    /// Notes with pages in vault order (by name), each with the key of its index line: what the line is made
    /// from (the note's bytes, its path and its page) as a hash.
    private static func searchKeys(_ notes: [(path: String, name: String, page: String, contentHash: UInt64)]) -> [SearchKey] {
        notes.sorted { $0.name < $1.name }.map { note in
            var hash = StableHash()
            hash.combine(note.path)
            hash.combine(note.page)
            hash.combine(note.contentHash)
            return SearchKey(path: note.path, page: note.page, key: String(hash.value, radix: 16))
        }
    }

    private static func addShardLines(of folder: SiteFolder, named name: String, to lines: inout [String: [UInt8]]) {
        guard let bytes = try? PageFile.read(folder.destination.appendingPathComponent(name).path) else { return }
        lines.merge(SearchIndex.lines(ofShard: bytes)) { first, _ in first }
    }
}
