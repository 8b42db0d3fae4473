import NoteReading
import Site

/// Decides what becomes of each picture a note points at, from the vault's file list alone.
enum ImageResolver {
    static let assetFolder = "assets"

    static func resolve(_ image: ImageReference, inNoteAt notePath: String, files: VaultFiles) -> ImageResolution {
        let url = image.url
        let lowered = url.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return .external(url: url) }
        if url.contains(":") { return .refused(reason: "only pictures in the vault or on the web are shown") }
        if url.hasPrefix("/") { return .refused(reason: "it is an absolute path, outside the vault") }
        let withoutQuery = String(url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let decoded = withoutQuery.removingPercentEncoding ?? withoutQuery
        guard let vaultPath = normalise(decoded, relativeTo: notePath) else {
            return .refused(reason: "it points outside the vault")
        }
        guard files.otherFiles.contains(vaultPath) else { return .missing(vaultPath: vaultPath) }
        return .copied(sitePath: assetFolder + "/" + vaultPath)
    }

    /// `../img/a.png` seen from `notes/x.md` → `img/a.png`; nil when it climbs out of the vault.
    static func normalise(_ path: String, relativeTo notePath: String) -> String? {
        var parts = notePath.split(separator: "/").dropLast().map(String.init)
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(segment))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
