import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process groups of the children Loom is running now, so that Loom, stopped by SIGINT, SIGTERM or
/// SIGHUP, kills them before it goes: a program must not outlive the command that started it.
/// (SIGKILL cannot be caught; there the kernel's parent-death signal does the same.)
public final class LiveProcessGroups: @unchecked Sendable {
    public static let shared = LiveProcessGroups()

    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var sources: [DispatchSourceSignal] = []

    func insert(_ group: pid_t) {
        lock.withLock { _ = groups.insert(group) }
    }

    func remove(_ group: pid_t) {
        lock.withLock { _ = groups.remove(group) }
    }

    /// How many groups are alive now.
    public var count: Int { lock.withLock { groups.count } }

    /// SIGKILLs every group Loom is running now.
    public func killAll() {
        lock.withLock {
            for group in groups { kill(-group, SIGKILL) }
        }
    }

    /// On SIGINT, SIGTERM and SIGHUP: kill every live group, then end as that signal would have ended Loom.
    public func killOnTermination() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.killAll()
                    signal(signalNumber, SIG_DFL)
                    var unblocked = sigset_t()
                    sigemptyset(&unblocked)
                    sigaddset(&unblocked, signalNumber)
                    sigprocmask(SIG_UNBLOCK, &unblocked, nil)
                    kill(getpid(), signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
