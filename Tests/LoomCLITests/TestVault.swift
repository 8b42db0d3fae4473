import Foundation

/// A throwaway folder holding a vault of notes and room for a site.
struct TestVault {
    let root: URL
    var notes: URL { root.appendingPathComponent("notes") }
    var site: URL { root.appendingPathComponent("site") }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(notes files: [String: String] = [:], includingSeed: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        if includingSeed {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent("notes/threading.md"),
                to: notes.appendingPathComponent("threading.md")
            )
        }
        for (path, text) in files {
            let url = notes.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func page(_ name: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
