#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `time.sleep(seconds)`: blocks the calling thread for `seconds` × the run's time scale and
/// traces the sleep with its unscaled length.
public func sleep(_ seconds: Double) {
    precondition(seconds >= 0, "ValueError: sleep length must be non-negative")
    Trace.emit("sleep", lane: Lane.current, duration: seconds)
    sleepScaled(seconds)
}

/// `time.sleep(1)`. Declared for `Int` so that an integer literal picks this over C's
/// `sleep(UInt32)`.
public func sleep(_ seconds: Int) { sleep(Double(seconds)) }

public func sleep<Number: PythonNumber>(_ seconds: Number) { sleep(seconds.doubleValue) }

func sleepScaled(_ seconds: Double) {
    let scaled = seconds * RunSettings.current.timeScale
    guard scaled > 0 else { return }
    var request = timespec(tv_sec: Int(scaled), tv_nsec: Int((scaled - scaled.rounded(.towardZero)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
}

/// The wall clock and the monotonic clock read together once, so `time()` can advance the wall
/// reading by scaled-back monotonic time.
private let clockOrigin: (wallSeconds: Double, monotonicNanos: UInt64) = {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return (Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9, MonotonicClock.nowNanos())
}()

/// `time.perf_counter()`: seconds on a monotonic clock, scaled back, so differences between two
/// readings are what an unscaled run measures.
public func perfCounter() -> Double {
    Double(MonotonicClock.nowNanos()) / 1e9 / RunSettings.current.timeScale
}

/// `time.monotonic()`.
public func monotonic() -> Double { perfCounter() }

/// `time.time()`: the wall clock, with time since the program started scaled back.
public func time() -> Double {
    let origin = clockOrigin
    let elapsed = Double(Int64(bitPattern: MonotonicClock.nowNanos() &- origin.monotonicNanos)) / 1e9
    return origin.wallSeconds + elapsed / RunSettings.current.timeScale
}

