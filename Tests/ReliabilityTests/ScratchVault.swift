import Foundation

/// A throwaway folder holding a vault of notes (raw bytes allowed) and room for a site.
struct ScratchVault {
    let root: URL
    var notes: URL { root.appendingPathComponent("notes") }
    var site: URL { root.appendingPathComponent("site") }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Two ordinary notes that every build must still produce, whatever sits beside them.
    static let goodNotes: [String: String] = [
        "good.first.md": "---\ntitle: First good note\n---\n# First\n\nPlain prose with a [[good.second]] link.\n",
        "good.second.md": "---\ntitle: Second good note\n---\n# Second\n\n```py\nprint('hello')\n```\n",
    ]

    init(notes files: [String: String] = [:], bytes: [String: [UInt8]] = [:], withGoodNotes: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        for (path, text) in (withGoodNotes ? Self.goodNotes : [:]).merging(files, uniquingKeysWith: { $1 }) {
            try write(Array(text.utf8), to: path)
        }
        for (path, data) in bytes { try write(data, to: path) }
    }

    func write(_ data: [UInt8], to path: String) throws {
        let url = notes.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(data).write(to: url)
    }

    func page(_ name: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
    }

    func exists(_ sitePath: String) -> Bool {
        FileManager.default.fileExists(atPath: site.appendingPathComponent(sitePath).path)
    }

    /// Every path under `folder`, relative to it, sorted.
    static func tree(_ folder: URL) -> [String] {
        guard let paths = FileManager.default.subpaths(atPath: folder.path) else { return [] }
        return paths.sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
