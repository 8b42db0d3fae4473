import CProcessSpawn
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a child in a process group of its own with stdin on /dev/null and the given pipe ends on
/// stdout, stderr and (optionally) fd 3; every other descriptor is closed in the child, its limits are
/// set before it runs, and on Linux it is killed by the kernel when the thread that started it (the
/// one watching it) ends — so when Loom ends, SIGKILL included.
///
/// `posix_spawn` can neither set limits nor ask for a parent-death signal, so the child is started by
/// fork and exec in C (`CProcessSpawn`), doing only async-signal-safe calls in between.
enum ProcessSpawner {
    struct SpawnError: Error {
        var message: String
    }

    static func spawn(
        path: String, argv: [String], environment: [String: String], workingDirectory: String?,
        stdout: Int32, stderr: Int32, trace: Int32?, limits: ResourceLimits? = nil,
        parentDeathSignal: Int32 = SIGKILL
    ) throws(SpawnError) -> pid_t {
        let environmentLines = environment.map { "\($0.key)=\($0.value)" }
        var spawnLimits = limits.map { limits in
            loom_spawn_limits(
                address_space_bytes: Int64(limits.addressSpaceBytes ?? -1),
                stack_bytes: Int64(limits.stackBytes ?? -1),
                process_count: Int64(limits.processCount ?? -1),
                disables_core_dumps: limits.disablesCoreDumps ? 1 : 0)
        }
        var pid: pid_t = 0
        let result = withCStringArray(argv) { argvPointer in
            withCStringArray(environmentLines) { environmentPointer in
                withOptionalPointer(&spawnLimits) { limitsPointer in
                    if let workingDirectory {
                        return loom_spawn(
                            path, argvPointer, environmentPointer, workingDirectory, stdout, stderr, trace ?? -1,
                            limitsPointer, parentDeathSignal, &pid)
                    }
                    return loom_spawn(
                        path, argvPointer, environmentPointer, nil, stdout, stderr, trace ?? -1,
                        limitsPointer, parentDeathSignal, &pid)
                }
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

    private static func withOptionalPointer<R>(
        _ value: inout loom_spawn_limits?, _ body: (UnsafePointer<loom_spawn_limits>?) -> R
    ) -> R {
        guard var unwrapped = value else { return body(nil) }
        return withUnsafePointer(to: &unwrapped) { body($0) }
    }
}
