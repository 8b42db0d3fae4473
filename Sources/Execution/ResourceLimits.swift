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
/// limit stops a 10 GB allocation and, with 2 MiB thread stacks (glibc sizes new threads' stacks by
/// RLIMIT_STACK), a thread bomb at about 1,500 threads: enough for any note's pools, far below the
/// tens of thousands that make a machine crawl.
public struct ResourceLimits: Hashable, Sendable {
    /// RLIMIT_AS in bytes; nil leaves it as inherited.
    public var addressSpaceBytes: Int?
    /// RLIMIT_STACK in bytes: the main thread's stack, and the default stack of every thread it starts.
    public var stackBytes: Int?
    /// RLIMIT_CORE 0: a crashing snippet should not spend seconds writing a core file.
    public var disablesCoreDumps: Bool

    public init(addressSpaceBytes: Int? = 4 << 30, stackBytes: Int? = 2 << 20, disablesCoreDumps: Bool = true) {
        self.addressSpaceBytes = addressSpaceBytes
        self.stackBytes = stackBytes
        self.disablesCoreDumps = disablesCoreDumps
    }

    public static let standard = ResourceLimits()

    /// The shell commands that apply these limits, never raising one above its current hard limit.
    var shellCommands: String {
        var commands: [String] = []
        #if os(Linux)
        let addressSpace = Int32(RLIMIT_AS.rawValue)
        let stack = Int32(RLIMIT_STACK.rawValue)
        #else
        let addressSpace = RLIMIT_AS
        let stack = RLIMIT_STACK
        #endif
        // One flag per `ulimit`: dash takes no more.
        if let addressSpaceBytes {
            commands.append("ulimit -v \(Self.kibibytes(addressSpaceBytes, cappedBy: addressSpace))")
        }
        if let stackBytes {
            commands.append("ulimit -s \(Self.kibibytes(stackBytes, cappedBy: stack))")
        }
        if disablesCoreDumps {
            commands.append("ulimit -c 0")
        }
        #if os(Linux)
        // Linux honours every one of these: if one fails, something is wrong, and the program must not
        // run unlimited.
        return commands.joined(separator: " && ")
        #else
        // Other kernels refuse some (macOS will not set RLIMIT_AS): apply what they take.
        return commands.map { "{ \($0); } 2>/dev/null" }.joined(separator: "; ") + "; :"
        #endif
    }

    /// A limit in KiB, never above the hard limit (which only a privileged process could raise).
    private static func kibibytes(_ bytes: Int, cappedBy resource: Int32) -> Int {
        var limit = rlimit()
        getrlimit(resource, &limit)
        let hard = limit.rlim_max >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_max / 1024)
        return min(bytes / 1024, hard)
    }

    /// `argv` that starts `executable` with `arguments` under these limits.
    func wrap(executable: String, arguments: [String]) -> (path: String, argv: [String]) {
        let commands = shellCommands
        guard !commands.isEmpty else { return (path: executable, argv: [executable] + arguments) }
        return (path: "/bin/sh", argv: ["sh", "-c", commands + " && exec \"$0\" \"$@\"", executable] + arguments)
    }
}
