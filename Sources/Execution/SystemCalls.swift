#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)`, named apart so types with their own `read` members can call it.
func readFromDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// A pipe whose ends are close-on-exec and numbered above the standard descriptors and the trace fd,
/// so that spawning a child maps them onto 1, 2 and 3 without clashing and no other child inherits them.
func makePipe() -> (read: Int32, write: Int32)? {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    var result: [Int32] = []
    for end in ends {
        let moved = fcntl(end, F_DUPFD_CLOEXEC, 10)
        close(end)
        guard moved >= 0 else {
            result.forEach { close($0) }
            return nil
        }
        result.append(moved)
    }
    let flags = fcntl(result[0], F_GETFL)
    _ = fcntl(result[0], F_SETFL, flags | O_NONBLOCK)
    return (result[0], result[1])
}

/// What `waitpid` reported, decoded without the C macros Swift cannot import.
enum ExitStatus: Hashable {
    case exited(Int32)
    case signaled(Int32)
    /// Something else in this process reaped the child (a `waitpid(-1)` elsewhere) and took its status.
    case lost

    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

/// Whether `pid` has exited, without reaping it: while the child is an unreaped zombie its pid, and so its
/// process-group id, cannot be reused, which makes signalling the group afterwards safe. A child that is
/// no longer ours to wait for (someone else reaped it) counts as exited, or Loom would wait forever.
func hasExited(_ pid: pid_t) -> Bool {
    var info = siginfo_t()
    let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
    if result == -1 { return errno == ECHILD }
    return info.si_signo == SIGCHLD
}

func sleepNanoseconds(_ nanoseconds: UInt64) {
    var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1, errno == EINTR {
        request = remaining
    }
}
