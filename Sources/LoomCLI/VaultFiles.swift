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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: self.root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VaultError.notAFolder(root.path)
        }
        let rootPath = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        // readdir's file types instead of a URL and its resource values per file: listing showed in profiles.
        var folders = [""]
        while let folder = folders.popLast() {
            guard let directory = opendir(rootPath + folder) else {
                if folder.isEmpty { throw VaultError.notAFolder(root.path) }
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                // Hidden files and folders are not part of the vault (nor are `.` and `..`).
                if name.hasPrefix(".") { continue }
                let relative = folder + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(rootPath + relative, &status) == 0 else { continue }
                    type = (status.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (status.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : (status.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : -1
                }
                switch type {
                case Int32(DT_DIR):
                    folders.append(relative + "/")
                case Int32(DT_LNK):
                    // A link could lead out of the vault; Loom reads only what is really inside it.
                    let target = URL(fileURLWithPath: rootPath + relative).resolvingSymlinksInPath().path
                    if !target.hasPrefix(rootPath) { continue }
                    record(relative)
                case Int32(DT_REG):
                    record(relative)
                default:
                    continue
                }
            }
        }
        notePaths.sort()
    }

    private mutating func record(_ relative: String) {
        if relative.hasSuffix(".md") {
            notePaths.append(relative)
        } else {
            otherFiles.insert(relative)
        }
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
