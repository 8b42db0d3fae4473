/// Limits a child runs under, so one snippet cannot make the machine unusable.
///
/// They are set in the child between fork and exec (never in Loom, which they would bind too), and
/// never raised above a hard limit. Address space is the limit that works even for root:
/// RLIMIT_NPROC does not bind a privileged user, but every thread's stack counts against the address
/// space, so a 4 GiB limit stops a 10 GB allocation and, with 2 MiB thread stacks (glibc sizes new
/// threads' stacks by RLIMIT_STACK), a thread bomb at about 1,500 threads: enough for any note's
/// pools, far below the tens of thousands that make a machine crawl. The process count binds where
/// the child runs as an unprivileged user of its own (the CPython sandbox).
public struct ResourceLimits: Hashable, Sendable {
    /// RLIMIT_AS in bytes; nil leaves it as inherited.
    public var addressSpaceBytes: Int?
    /// RLIMIT_STACK in bytes: the main thread's stack, and the default stack of every thread it starts.
    public var stackBytes: Int?
    /// RLIMIT_NPROC: processes and threads of the child's user; nil leaves it as inherited.
    public var processCount: Int?
    /// RLIMIT_CORE 0: a crashing snippet should not spend seconds writing a core file.
    public var disablesCoreDumps: Bool

    public init(
        addressSpaceBytes: Int? = 4 << 30, stackBytes: Int? = 2 << 20, processCount: Int? = nil,
        disablesCoreDumps: Bool = true
    ) {
        self.addressSpaceBytes = addressSpaceBytes
        self.stackBytes = stackBytes
        self.processCount = processCount
        self.disablesCoreDumps = disablesCoreDumps
    }

    public static let standard = ResourceLimits()
}
