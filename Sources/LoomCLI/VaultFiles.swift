import Foundation

/// The files of a vault: its notes and everything a note may point at. Nothing outside the vault is listed.
struct VaultFiles: Sendable {
    let root: URL
    /// Vault-relative paths of notes, sorted.
    private(set) var notePaths: [String] = []
    /// Vault-relative paths of every other regular file.
    private(set) var otherFiles: Set<String> = []

    init(root: URL) throws {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: self.root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VaultError.notAFolder(root.path)
        }
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey]
        guard let enumerator = fileManager.enumerator(at: self.root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else {
            throw VaultError.notAFolder(root.path)
        }
        let rootPath = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: Set(keys))
            // A link could lead out of the vault; Loom reads only what is really inside it.
            if values?.isSymbolicLink == true {
                let target = url.resolvingSymlinksInPath().path
                if !target.hasPrefix(rootPath) { continue }
            }
            guard values?.isRegularFile == true || values?.isSymbolicLink == true else { continue }
            guard url.path.hasPrefix(rootPath) else { continue }
            let relative = String(url.path.dropFirst(rootPath.count))
            if relative.hasSuffix(".md") {
                notePaths.append(relative)
            } else {
                otherFiles.insert(relative)
            }
        }
        notePaths.sort()
    }

    func contents(of relativePath: String) throws -> [UInt8] {
        try PageFile.read(root.appendingPathComponent(relativePath).path)
    }
}

enum VaultError: Error, CustomStringConvertible {
    case notAFolder(String)

    var description: String {
        switch self {
        case .notAFolder(let path): "'\(path)' is not a folder of notes"
        }
    }
}
