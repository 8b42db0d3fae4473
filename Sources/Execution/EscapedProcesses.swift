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
public enum EscapedProcesses {
    static let variable = "LOOM_RUN_TOKEN"

    /// `PID.START-RANDOM`: Loom's pid and start time (clock ticks after boot) name the Loom that ran the
    /// child, so a later build can tell a leftover of a Loom that is gone from a child of one still running.
    static func newToken() -> String {
        let random = (0..<3).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined(separator: "-")
        return "\(ownIdentity)-\(random)"
    }

    private static let ownIdentity: String = identity(of: getpid()) ?? "\(getpid()).0"

    /// `PID.START` of a live process, nil when there is none with that pid.
    static func identity(of pid: pid_t) -> String? {
        #if os(Linux)
        guard let stat = readFile("/proc/\(pid)/stat", limit: 4096), let close = stat.lastIndex(of: UInt8(ascii: ")")) else {
            return nil
        }
        // Field 22 (starttime) is the 20th after the command name.
        let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count > 19 else { return nil }
        return "\(pid).\(String(decoding: fields[19], as: UTF8.self))"
        #else
        return nil
        #endif
    }

    /// Kills every process a Loom that is no longer running left behind (its token names a Loom that is
    /// gone), whole process groups included; returns how many. Children of a Loom still running —
    /// another build's — are left alone.
    public static func killLeftovers() -> Int {
        #if os(Linux)
        let prefix = Array("\(variable)=".utf8)
        let ownPID = getpid()
        guard let proc = opendir("/proc") else { return 0 }
        defer { closedir(proc) }
        var killed = 0
        while let entry = readdir(proc) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = pid_t(name), pid != ownPID,
                  let token = environmentValue(of: pid, prefix: prefix),
                  let owner = token.split(separator: "-").first
            else { continue }
            // Only a token of this form names its Loom; any other is not known to be a leftover.
            let parts = owner.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let ownerPID = pid_t(parts[0]), UInt64(parts[1]) != nil else { continue }
            if identity(of: ownerPID) == String(owner) { continue }
            kill(-pid, SIGKILL)
            if kill(pid, SIGKILL) == 0 { killed += 1 }
        }
        return killed
        #else
        return 0
        #endif
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

    private static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while contents.count < limit {
            let count = buffer.withUnsafeMutableBytes { readFromDescriptor(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            contents.append(contentsOf: buffer[0..<count])
        }
        return contents
    }

    private static func environmentValue(of pid: pid_t, prefix: [UInt8]) -> String? {
        guard let contents = readFile("/proc/\(pid)/environ", limit: 1 << 20) else { return nil }
        for entry in contents.split(separator: 0) where entry.starts(with: prefix) {
            return String(decoding: entry.dropFirst(prefix.count), as: UTF8.self)
        }
        return nil
    }

    private static func environment(of pid: pid_t, contains needle: [UInt8]) -> Bool {
        // Environments are small; a huge one is read only as far as a token would sensibly be.
        guard let contents = readFile("/proc/\(pid)/environ", limit: 1 << 20) else { return false }
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
