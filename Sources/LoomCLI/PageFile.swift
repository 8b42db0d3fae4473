import Foundation

/// Whole-file reads, writes and comparisons with plain system calls: a site build touches every page, and
/// going through `Data` copied each one twice.
enum PageFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure() }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file usually holds what `fstat` said: a one-byte read confirms the end. Growing the buffer
                // first zeroed 64 KB for every page read, a twentieth of a site build's instructions.
                var probe: UInt8 = 0
                let count = Foundation.read(descriptor, &probe, 1)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure()
                }
                if count == 0 { break }
                bytes.append(probe)
                filled += 1
                bytes.append(contentsOf: repeatElement(0, count: 65_536))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Writes `bytes` to `path`, replacing what was there.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let problem = failure()
                close(descriptor)
                throw problem
            }
            written += count
        }
        guard close(descriptor) == 0 else { throw failure() }
    }

    /// Whether the file at `path` exists and holds exactly `bytes`.
    static func holds(_ bytes: [UInt8], at path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count else { return false }
        guard let existing = try? read(path) else { return false }
        return existing == bytes
    }

    /// Vault-relative paths of everything under `folder` that is not a folder.
    static func regularFiles(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { paths.append(path) }
        }
        return paths
    }

    private static func failure() -> Failure { Failure(description: String(cString: strerror(errno))) }
}

/// The set of a build's files that the previous site already holds byte for byte; shared by concurrent writers.
final class UnchangedFiles: @unchecked Sendable {
    private var paths: Set<String> = []
    private let lock = NSLock()

    func insert(_ path: String) { _ = lock.withLock { paths.insert(path) } }
    var count: Int { lock.withLock { paths.count } }
    var members: [String] { lock.withLock { Array(paths) } }
}
