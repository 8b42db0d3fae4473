#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lane names as CPython shows them: `MainThread`, `Thread-1 (target)`, `ThreadPoolExecutor-0_0`,
/// `Task-1`. A thread's name lives in thread-local storage; an asyncio task's in a task local,
/// which wins while the task runs.
public enum Lane {
    @TaskLocal static var taskName: String?

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if os(Linux)
            guard let pointer else { return }
            #endif
            Unmanaged<LaneBox>.fromOpaque(pointer).release()
        }
        return key
    }()

    private final class LaneBox {
        let name: String
        init(_ name: String) { self.name = name }
    }

    /// The lane the calling code runs in: `threading.current_thread().name`, or the task's name
    /// inside asyncio.
    public static var current: String {
        if let task = taskName { return task }
        let name = currentThreadName
        if name == "MainThread", let step = dynamicTaskStep.withLock({ $0 }), pthread_equal(step.loop, pthread_self()) == 0 {
            return step.task
        }
        return name
    }

    /// The dynamic `asyncio` task running a step, and the thread driving its loop. A dynamic
    /// coroutine's body runs on a thread of its own, which has no lane name; while its loop waits
    /// for the step, that thread is the task's lane, as a static task's code is (nil otherwise).
    static let dynamicTaskStep = Locked<(task: String, loop: pthread_t)?>(nil)

    /// `threading.current_thread().name`.
    public static var currentThreadName: String {
        guard let pointer = pthread_getspecific(threadKey) else { return "MainThread" }
        return Unmanaged<LaneBox>.fromOpaque(pointer).takeUnretainedValue().name
    }

    static func nameCurrentThread(_ name: String) {
        if let old = pthread_getspecific(threadKey) {
            Unmanaged<LaneBox>.fromOpaque(old).release()
        }
        pthread_setspecific(threadKey, Unmanaged.passRetained(LaneBox(name)).toOpaque())
    }

    /// The kernel's id for the calling thread, as `threading.get_native_id()` reports it.
    public static var nativeThreadID: Int {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        if length > 0 {
            let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = text.lastIndex(of: "/"), let tid = Int(text[text.index(after: slash)...]) { return tid }
        }
        return OS.getpid()
        #else
        var tid: UInt64 = 0
        pthread_threadid_np(nil, &tid)
        return Int(tid)
        #endif
    }
}

/// Writes a `wait` event for a blocking call that actually had to wait.
func traceWait(_ what: String, since startNanos: UInt64) {
    let waited = Double(MonotonicClock.nowNanos() &- startNanos) / 1e9 / RunSettings.current.timeScale
    Trace.emit("wait", lane: Lane.current, duration: waited, text: what)
}
