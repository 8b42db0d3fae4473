#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds processes that left a child's process group (`setsid`, double-fork daemons) by a token in the
/// environment they inherited, so that they can be killed too.
///
/// A process group is the unit Loom kills, but any member can leave it; the environment is inherited
/// across `setsid` and `fork`, so a random token Loom put there still marks every descendant that did
/// not deliberately clear its environment.
enum EscapedProcesses {
    static let variable = "LOOM_RUN_TOKEN"

    static func newToken() -> String {
        (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined(separator: "-")
    }

    /// Sends SIGKILL to every process (other than this one) whose environment carries `token`; returns how many.
    static func killAll(carrying token: String) -> Int {
        #if os(Linux)
        let needle = Array("\(variable)=\(token)".utf8) + [0]
        let ownPID = getpid()
        guard let proc = opendir("/proc") else { return 0 }
        defer { closedir(proc) }
        var killed = 0
        while let entry = readdir(proc) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = pid_t(name), pid != ownPID, environment(of: pid, contains: needle) else { continue }
            if kill(pid, SIGKILL) == 0 { killed += 1 }
        }
        return killed
        #else
        return 0
        #endif
    }

    private static func environment(of pid: pid_t, contains needle: [UInt8]) -> Bool {
        let fd = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        // Environments are small; a huge one is read only as far as a token would sensibly be.
        while contents.count < 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { readFromDescriptor(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            contents.append(contentsOf: buffer[0..<count])
        }
        // Entries are NUL-separated; match a whole entry.
        var start = 0
        while start < contents.count {
            let end = contents[start...].firstIndex(of: 0).map { $0 + 1 } ?? contents.count
            if end - start == needle.count, contents[start..<end].elementsEqual(needle) { return true }
            start = end
        }
        return false
    }
}
