#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `os` module functions that translated programs may use.
public enum OS {
    /// `os.getpid()`.
    public static func getpid() -> Int {
        #if canImport(Glibc)
        return Int(Glibc.getpid())
        #else
        return Int(Darwin.getpid())
        #endif
    }

    /// `os.cpu_count()`.
    public static func cpuCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
