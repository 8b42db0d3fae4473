#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a child in a process group of its own with stdin on /dev/null and the given pipe ends on
/// stdout, stderr and (optionally) fd 3; every other descriptor is closed in the child.
enum ProcessSpawner {
    struct SpawnError: Error {
        var message: String
    }

    static func spawn(
        path: String, argv: [String], environment: [String: String], workingDirectory: String?,
        stdout: Int32, stderr: Int32, trace: Int32?
    ) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let workingDirectory {
            #if os(Linux)
            guard let addChdir = GlibcExtensions.addChdir else {
                throw SpawnError(message: "this C library cannot start a child in another directory")
            }
            _ = addChdir(&actions, workingDirectory)
            #else
            posix_spawn_file_actions_addchdir_np(&actions, workingDirectory)
            #endif
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let trace {
            posix_spawn_file_actions_adddup2(&actions, trace, 3)
        }
        // Descriptors Loom opened without close-on-exec (libraries do) must not leak into the child.
        #if os(Linux)
        _ = GlibcExtensions.addCloseFrom?(&actions, trace == nil ? 3 : 4)
        #endif

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // The child starts with default signal dispositions and nothing blocked, whatever Loom ignores.
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        #if os(Linux)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        #else
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_CLOEXEC_DEFAULT
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let environmentLines = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let result = withCStringArray(argv) { argvPointer in
            withCStringArray(environmentLines) { environmentPointer in
                posix_spawn(&pid, path, &actions, &attributes, argvPointer, environmentPointer)
            }
        }
        guard result == 0 else {
            throw SpawnError(message: "could not start \(path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static func withCStringArray<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
    ) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

#if os(Linux)
/// GNU additions to posix_spawn that Swift's Glibc module does not import (they sit behind _GNU_SOURCE);
/// looked up at run time so an older C library degrades instead of failing to link.
private enum GlibcExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let addChdir: AddChdir? = lookUp("posix_spawn_file_actions_addchdir_np")
    static let addCloseFrom: AddCloseFrom? = lookUp("posix_spawn_file_actions_addclosefrom_np")

    private static func lookUp<Function>(_ name: String) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
#endif
