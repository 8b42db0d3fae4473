import CAtomicRename
import Foundation

/// The output folder, replaced whole or not at all.
///
/// Pages are written into a staging folder beside it, which takes its place only once the build has
/// succeeded; the previous site stays whole through a failed or interrupted build. Loom marks the folders
/// it creates and will not replace a folder it did not create.
///
/// A page whose bytes equal the previous site's is not written again: the swap hard-links the previous file
/// into the staging folder, and when nothing at all changed the previous site simply stays in place.
struct SiteFolder: Sendable {
    static let markerName = ".loom-site"

    let destination: URL
    let staging: URL
    var retired: URL { destination.deletingLastPathComponent().appendingPathComponent(destination.lastPathComponent + ".loom-old") }
    private var lockFile: URL { destination.deletingLastPathComponent().appendingPathComponent("." + destination.lastPathComponent + ".loom-lock") }

    private var fileManager: FileManager { .default }
    private let unchanged = UnchangedFiles()

    init(destination: URL) {
        self.destination = destination.standardizedFileURL
        staging = self.destination.deletingLastPathComponent().appendingPathComponent(self.destination.lastPathComponent + ".loom-staging")
        destinationPath = self.destination.path
        stagingPath = staging.path
    }

    // Paths as strings: building a URL per page showed in profiles.
    private let destinationPath: String
    private let stagingPath: String

    /// Holds an exclusive lock for this output folder while `body` runs, so two builds never interleave.
    func whileLocked<T>(onWait: () -> Void, _ body: () throws -> T) throws -> T {
        try fileManager.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(lockFile.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SiteFolderError.cannotLock(lockFile.path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            guard flock(descriptor, LOCK_EX) == 0 else { throw SiteFolderError.cannotLock(lockFile.path, String(cString: strerror(errno))) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Checks that the destination may be replaced, mends an interrupted swap, and returns an empty staging folder.
    func prepare(force: Bool) throws -> URL {
        if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
            // A build stopped between its two renames: the retired folder is the last whole site.
            try fileManager.moveItem(at: retired, to: destination)
        }
        if fileManager.fileExists(atPath: destination.path), !force {
            let contents = try fileManager.contentsOfDirectory(atPath: destination.path)
            if !contents.isEmpty, !contents.contains(Self.markerName) {
                throw SiteFolderError.notOurs(destination.path)
            }
        }
        if fileManager.fileExists(atPath: staging.path) { try fileManager.removeItem(at: staging) }
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Moves the destination's files whose names start with `prefix` into the staging folder, so that
    /// files Loom set aside inside the old site (a damaged run record) survive its replacement at the
    /// path the user was told.
    func carryOver(namesStartingWith prefix: String) throws {
        guard let names = try? fileManager.contentsOfDirectory(atPath: destination.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            try fileManager.moveItem(at: destination.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
    }

    /// Writes a file into the staging folder, creating its folders; a file the previous site holds byte for byte
    /// is only noted, and carried over at the swap.
    func write(_ bytes: [UInt8], to relativePath: String) throws {
        if PageFile.holds(bytes, at: destinationPath + "/" + relativePath) {
            unchanged.insert(relativePath)
            return
        }
        let path = stagingPath + "/" + relativePath
        if relativePath.utf8.contains(UInt8(ascii: "/")) {
            try fileManager.createDirectory(at: staging.appendingPathComponent(relativePath).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        do {
            try PageFile.write(bytes, to: path)
        } catch {
            throw SiteFolderError.cannotWrite(path, "\(error)")
        }
    }

    func write(_ bytes: some DataProtocol, to relativePath: String) throws {
        try write([UInt8](bytes), to: relativePath)
    }

    /// Carries a file of the previous site over without reading it, for a build that knows from its manifest
    /// it would write the same bytes; false when the previous site has no such file of that size.
    func keep(_ relativePath: String, size: Int? = nil) -> Bool {
        var status = stat()
        guard stat(destinationPath + "/" + relativePath, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
              size.map({ $0 == Int(status.st_size) }) ?? true else { return false }
        unchanged.insert(relativePath)
        return true
    }

    /// Whether the previous site holds a regular file at `relativePath` (of `size` bytes, when given).
    func previousSiteHolds(_ relativePath: String, size: Int? = nil) -> Bool {
        var status = stat()
        return stat(destinationPath + "/" + relativePath, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
            && (size.map { $0 == Int(status.st_size) } ?? true)
    }

    func copy(vaultFile source: URL, to relativePath: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try PageFile.read(source.path)
        } catch {
            throw SiteFolderError.cannotWrite(staging.appendingPathComponent(relativePath).path, "\(error)")
        }
        try write(bytes, to: relativePath)
    }

    /// Puts the finished staging folder in the destination's place: in one step where the file system can
    /// exchange two paths, so the site never stops existing; else by two renames, the old site set aside
    /// between them (an interruption there is mended by `prepare`).
    func commit(exchange: (String, String) -> Int32 = { loom_exchange_paths($0, $1) }) throws {
        try write(Array("This folder was generated by Loom; `loom build` replaces it whole.\n".utf8), to: Self.markerName)
        if try previousSiteIsCurrent() {
            try fileManager.removeItem(at: staging)
            return
        }
        try carryOverUnchangedFiles()
        if fileManager.fileExists(atPath: retired.path) { try fileManager.removeItem(at: retired) }
        if fileManager.fileExists(atPath: destination.path) {
            if try Self.exchanged(stagingPath, destinationPath, exchange) {
                // The previous site now sits at the staging path; an interruption here leaves it for `prepare`.
                try fileManager.removeItem(at: staging)
                return
            }
            try fileManager.moveItem(at: destination, to: retired)
        }
        try fileManager.moveItem(at: staging, to: destination)
        if fileManager.fileExists(atPath: retired.path) { try fileManager.removeItem(at: retired) }
    }

    /// Whether `exchange` swapped the two paths; false where the file system or the system cannot
    /// (`EINVAL`, `ENOSYS`), so that the caller falls back to renames.
    static func exchanged(_ first: String, _ second: String, _ exchange: (String, String) -> Int32) throws -> Bool {
        if exchange(first, second) == 0 { return true }
        let code = errno
        if code == EINVAL || code == ENOSYS { return false }
        throw SiteFolderError.cannotWrite(second, "cannot exchange it with '\(first)': \(String(cString: strerror(code)))")
    }

    /// Whether the destination already holds exactly what this build produced: every file was unchanged,
    /// nothing else was staged, and the destination holds no file this build did not produce.
    private func previousSiteIsCurrent() throws -> Bool {
        guard fileManager.fileExists(atPath: destination.path) else { return false }
        // Files written around `write` (the run record) are compared here.
        for path in PageFile.regularFiles(under: staging.path) {
            guard PageFile.holds(try PageFile.read(staging.appendingPathComponent(path).path), at: destination.appendingPathComponent(path).path) else {
                return false
            }
            unchanged.insert(path)
        }
        return PageFile.regularFiles(under: destination.path).count == unchanged.count
    }

    /// Hard-links every unchanged file of the previous site into the staging folder (copies where links fail).
    private func carryOverUnchangedFiles() throws {
        for path in unchanged.members {
            let source = destinationPath + "/" + path
            let target = stagingPath + "/" + path
            if link(source, target) == 0 { continue }
            // Already staged (the run record), or its folder is not there yet.
            if errno == EEXIST { continue }
            if errno == ENOENT {
                try fileManager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if link(source, target) == 0 { continue }
            }
            do {
                try PageFile.write(try PageFile.read(source), to: target)
            } catch {
                throw SiteFolderError.cannotWrite(target, "\(error)")
            }
        }
    }

    /// Removes what a failed build staged; the destination is untouched.
    func abandon() {
        try? fileManager.removeItem(at: staging)
    }
}

enum SiteFolderError: Error, CustomStringConvertible {
    case notOurs(String)
    case cannotWrite(String, String)
    case cannotLock(String, String)

    var description: String {
        switch self {
        case .notOurs(let path):
            "refusing to replace '\(path)': it is not empty and Loom did not create it (pass --force to replace it anyway)"
        case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
        case .cannotLock(let path, let reason): "cannot lock '\(path)': \(reason)"
        }
    }
}
