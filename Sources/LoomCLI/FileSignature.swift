import Foundation

/// What `stat` says of a file that changes whenever it is written: a file whose signature is unchanged
/// is taken to hold what it held (with the racy exception the build manifest makes).
struct FileSignature: Hashable, Sendable {
    var size: Int64
    /// Last modification, in nanoseconds since 1970.
    var modified: Int64
    var inode: UInt64

    /// nil when there is no file at `path` (links are followed).
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    init(_ status: stat) {
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        inode = UInt64(status.st_ino)
    }

    init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}
