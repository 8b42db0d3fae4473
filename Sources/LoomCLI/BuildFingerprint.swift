import Foundation
import Site

/// Everything outside the notes that shapes the site; a manifest made under another is not trusted at all.
enum BuildFingerprint {
    static func compute(theme: Theme, runsSnippets: Bool, recordInSite: Bool, files: VaultFiles) -> UInt64 {
        var hash = StableHash()
        hash.combine(BuildManifest.formatLine)
        hash.combine(LoomCommand.version)
        // A rebuilt Loom may render differently under the same version number.
        let executable = FileSignature(path: "/proc/self/exe") ?? CommandLine.arguments.first.flatMap { FileSignature(path: $0) }
        hash.combine(Int(executable?.size ?? -1))
        hash.combine(Int(executable?.modified ?? -1))
        hash.combine(executable.map { UInt64($0.inode) } ?? 0)
        for name in theme.overrides.keys.sorted() {
            hash.combine(name)
            hash.combine(theme.overrides[name] ?? "")
        }
        hash.combine(-1)
        hash.combine(runsSnippets ? "runs" : "no-run")
        hash.combine(recordInSite ? "record in site" : "record elsewhere")
        // Pictures and other files: which exist decides links and placeholders; their bytes are copied.
        let root = files.root.path
        for path in files.otherFiles.sorted() {
            hash.combine(path)
            let signature = FileSignature(path: root + "/" + path)
            hash.combine(Int(signature?.size ?? -1))
            hash.combine(Int(signature?.modified ?? -1))
            hash.combine(signature?.inode ?? 0)
        }
        return hash.value
    }
}
