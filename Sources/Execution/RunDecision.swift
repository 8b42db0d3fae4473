/// The content hash that names a snippet's run in the record: the Python source and every version
/// that could change what runs or how it measures.
public func snippetContentHash(
    pythonSource: String, translatorVersion: String, swiftVersion: String, pythonVersion: String?
) -> String {
    var hasher = SHA256()
    // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
    for part in ["snippet", pythonSource, translatorVersion, swiftVersion, pythonVersion ?? "-"] {
        hasher.update("\(part.utf8.count):\(part)")
    }
    return hasher.finalize()
}

extension RunRecord {
    /// Why the snippet must run now, in words for the user; nil when its recorded run stands (same
    /// content, and it succeeded). A failure recorded last time is always a reason to run again.
    public func reasonToRun(note: String, index: Int, contentHash: String, rerunRequested: Bool) -> String? {
        if rerunRequested { return "a rerun was asked for" }
        if reusableSnippet(withContentHash: contentHash) != nil { return nil }
        if let recorded = snippet(withContentHash: contentHash) {
            let status = recorded.cellStatus.map { [$0.name, $0.detail].compactMap { $0 }.joined(separator: " ") }
                ?? recorded.status
            return "its last run did not succeed (\(status))"
        }
        let previous = notes.first { $0.note == note }?.snippets.first { $0.index == index }
        return previous == nil ? "it has not run before" : "it changed since its last run"
    }
}
