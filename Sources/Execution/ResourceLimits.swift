#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits a child runs under, so one snippet cannot make the machine unusable.
///
/// `posix_spawn` cannot set limits, and setting them in Loom itself would bind Loom too, so the child
/// is started through `/bin/sh`, whose `ulimit` lowers them and then `exec`s the program (same pid,
/// same process group). Address space is the limit that works even for root: RLIMIT_NPROC does not
/// bind a privileged user, but every thread's stack counts against the address space, so a 4 GiB
/// limit stops a program at a few hundred threads as well as a 10 GB allocation.
public struct ResourceLimits: Hashable, Sendable {
    /// RLIMIT_AS in bytes; nil leaves it as inherited.
    public var addressSpaceBytes: Int?
    /// RLIMIT_CORE 0: a crashing snippet should not spend seconds writing a core file.
    public var disablesCoreDumps: Bool

    public init(addressSpaceBytes: Int? = 4 << 30, disablesCoreDumps: Bool = true) {
        self.addressSpaceBytes = addressSpaceBytes
        self.disablesCoreDumps = disablesCoreDumps
    }

    public static let standard = ResourceLimits()

    /// The shell commands that apply these limits, never raising one above its current hard limit.
    var shellCommands: String {
        var commands: [String] = []
        if let addressSpaceBytes {
            var limit = rlimit()
            #if os(Linux)
            getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
            #else
            getrlimit(RLIMIT_AS, &limit)
            #endif
            let kibibytes = addressSpaceBytes / 1024
            let hardKibibytes = limit.rlim_max >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_max / 1024)
            commands.append("ulimit -v \(min(kibibytes, hardKibibytes))")
        }
        if disablesCoreDumps {
            commands.append("ulimit -c 0")
        }
        return commands.joined(separator: " && ")
    }

    /// `argv` that starts `executable` with `arguments` under these limits.
    func wrap(executable: String, arguments: [String]) -> (path: String, argv: [String]) {
        let commands = shellCommands
        guard !commands.isEmpty else { return (path: executable, argv: [executable] + arguments) }
        return (path: "/bin/sh", argv: ["sh", "-c", commands + " && exec \"$0\" \"$@\"", executable] + arguments)
    }
}
