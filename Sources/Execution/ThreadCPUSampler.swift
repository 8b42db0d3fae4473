import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU a thread of the child used, and time it sat runnable but not running, in one sampling interval.
public struct ThreadCPUSample: Hashable, Sendable {
    public var tid: Int
    /// Monotonic nanoseconds at which the interval began and ended.
    public var intervalStart: UInt64
    public var intervalEnd: UInt64
    public var cpuNanoseconds: UInt64
    /// Run-queue wait; nil where the kernel only offers `stat` (no schedstat).
    public var runQueueWaitNanoseconds: UInt64?
}

/// Reads every thread's CPU time of a process from /proc, keeping only intervals where something changed.
struct ThreadCPUSampler {
    enum Source: Equatable {
        /// `/proc/<pid>/task/<tid>/schedstat`: run ns and run-queue wait ns.
        case schedstat
        /// `/proc/<pid>/task/<tid>/stat`: user + system clock ticks only.
        case stat(ticksPerSecond: UInt64)
    }

    let source: Source?
    /// The child is a sandbox (bwrap) whose innermost process runs the program: sample that one, and
    /// name its threads by the ids they have inside its PID namespace, as its trace names them.
    let followsSandbox: Bool
    private(set) var samples: [ThreadCPUSample] = []
    private var sandboxedProcess: pid_t?
    private var namespaceTIDs: [Int: Int] = [:]
    private var previous: [Int: (cpu: UInt64, wait: UInt64)] = [:]
    private var lastSampleAt: UInt64

    /// Uses the best source this system offers.
    init(startedAt: UInt64, followsSandbox: Bool = false) {
        self.init(startedAt: startedAt, source: Self.bestSource(), followsSandbox: followsSandbox)
    }

    init(startedAt: UInt64, source: Source?, followsSandbox: Bool = false) {
        lastSampleAt = startedAt
        self.source = source
        self.followsSandbox = followsSandbox
    }

    static func bestSource() -> Source? {
        if access("/proc/self/schedstat", R_OK) == 0 { return .schedstat }
        if access("/proc/self/stat", R_OK) == 0 {
            return .stat(ticksPerSecond: UInt64(max(1, sysconf(Int32(_SC_CLK_TCK)))))
        }
        return nil
    }

    /// Why no samples can be taken here, if they cannot.
    var unavailableReason: String? {
        source == nil ? "per-thread CPU time was not sampled: /proc is not available on this system" : nil
    }

    mutating func sample(pid child: pid_t, at now: UInt64) {
        guard let source else { return }
        var pid = child
        if followsSandbox {
            if sandboxedProcess == nil { sandboxedProcess = Self.innermostProcess(below: child) }
            guard let inner = sandboxedProcess else {
                lastSampleAt = now
                return
            }
            pid = inner
        }
        for hostTID in Self.threadIDs(of: pid) {
            var tid = hostTID
            if followsSandbox {
                if namespaceTIDs[hostTID] == nil { namespaceTIDs[hostTID] = Self.namespaceTID(hostTID, of: pid) }
                tid = namespaceTIDs[hostTID] ?? hostTID
            }
            guard let reading = Self.read(tid: hostTID, of: pid, source: source) else { continue }
            // A thread first seen now was born during the interval, from zero.
            let before = previous[tid] ?? (0, 0)
            previous[tid] = reading
            let cpu = reading.cpu &- before.cpu
            let wait = reading.wait &- before.wait
            guard cpu > 0 || wait > 0, reading.cpu >= before.cpu, reading.wait >= before.wait else { continue }
            let waitValue: UInt64? = source == .schedstat ? wait : nil
            samples.append(ThreadCPUSample(
                tid: tid, intervalStart: lastSampleAt, intervalEnd: now,
                cpuNanoseconds: cpu, runQueueWaitNanoseconds: waitValue))
        }
        lastSampleAt = now
    }

    /// The first process below `pid` that is not bwrap itself (bwrap, then its reaper, then the program).
    static func innermostProcess(below pid: pid_t) -> pid_t? {
        var current = pid
        for _ in 0..<4 {
            guard let command = readSmallFile("/proc/\(current)/comm") else { return nil }
            if command.trimmingCharacters(in: .whitespacesAndNewlines) != "bwrap" { return current }
            guard let children = readSmallFile("/proc/\(current)/task/\(current)/children"),
                  let first = children.split(separator: " ").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
            else { return nil }
            current = first
        }
        return nil
    }

    /// The thread's id in the innermost PID namespace: the last number of its `NSpid` line.
    static func namespaceTID(_ tid: Int, of pid: pid_t) -> Int? {
        guard let status = readSmallFile("/proc/\(pid)/task/\(tid)/status", capacity: 4096),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("NSpid:") })
        else { return nil }
        return line.split(whereSeparator: { $0 == "\t" || $0 == " " }).last.flatMap { Int($0) }
    }

    private static func threadIDs(of pid: pid_t) -> [Int] {
        guard let directory = opendir("/proc/\(pid)/task") else { return [] }
        defer { closedir(directory) }
        var tids: [Int] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let tid = Int(name) { tids.append(tid) }
        }
        return tids
    }

    private static func read(tid: Int, of pid: pid_t, source: Source) -> (cpu: UInt64, wait: UInt64)? {
        switch source {
        case .schedstat:
            guard let text = readSmallFile("/proc/\(pid)/task/\(tid)/schedstat") else { return nil }
            let fields = text.split(separator: " ")
            guard fields.count >= 2, let run = UInt64(fields[0]), let wait = UInt64(fields[1]) else { return nil }
            return (run, wait)
        case .stat(let ticksPerSecond):
            guard let text = readSmallFile("/proc/\(pid)/task/\(tid)/stat"),
                  let close = text.lastIndex(of: ")")
            else { return nil }
            // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return nil }
            return ((user + system) * 1_000_000_000 / ticksPerSecond, 0)
        }
    }

    private static func readSmallFile(_ path: String, capacity: Int = 512) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: capacity)
        let count = buffer.withUnsafeMutableBytes { readFromDescriptor(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}
