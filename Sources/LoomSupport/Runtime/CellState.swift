#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which cell is running and when it began, shared by every lane that writes trace or output.
struct CellState: Sendable {
    var cell = 0
    var startNanos: UInt64 = MonotonicClock.nowNanos()
    var writtenBytes: [PythonStream: Int] = [:]
    var droppedBytes: [PythonStream: Int] = [:]
}

let cellState = Locked(CellState())

enum MonotonicClock {
    static func nowNanos() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Seconds since the current cell began, scaled back to the unscaled run's time.
    static func cellSeconds() -> Double {
        let start = cellState.withLock { $0.startNanos }
        let now = nowNanos()
        return Double(Int64(bitPattern: now &- start)) / 1e9 / RunSettings.current.timeScale
    }
}
