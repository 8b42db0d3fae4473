import Foundation

/// `threading.Thread`: a real OS thread (a blocking sleep in it blocks only it), named and traced
/// as CPython names it.
///
///     let t = PythonThread(target: "do_something") { doSomething(1.5) }
///     t.start()
///     t.join()
///
/// `class Worker(threading.Thread)` with a `run()` is a subclass that overrides `run()`:
///
///     final class Worker: PythonThread {
///         override func run() throws { … }
///     }
open class PythonThread: @unchecked Sendable, Hashable {
    /// `thread.name`: `Thread-N (target)` unless given.
    public let name: String
    /// `thread.daemon`: daemon threads are not waited for when a cell (or the program) ends.
    public var daemon: Bool
    private let body: UncheckedSendable<(() throws -> Void)?>
    private let state = NSCondition()
    private var started = false
    private var finished = false
    private var startedNativeID: Int?

    private static let unnamedCounter = Locked(0)

    /// - Parameters:
    ///   - target: the Python target function's name, shown in the default thread name.
    ///   - name: an explicit name, as `threading.Thread(name=…)`.
    ///   - body: the call `target(*args)` as a closure.
    public convenience init(target: String? = nil, name: String? = nil, daemon: Bool = false, _ body: @escaping () throws -> Void) {
        self.init(target: target, name: name, daemon: daemon, body: body)
    }

    /// A thread whose work is its `run()`: what a subclass calls as `super.init(name:daemon:)`.
    public init(name: String? = nil, daemon: Bool = false) {
        self.name = name ?? Self.newName(target: nil)
        self.daemon = daemon
        self.body = UncheckedSendable(nil)
    }

    private init(target: String?, name: String?, daemon: Bool, body: @escaping () throws -> Void) {
        self.name = name ?? Self.newName(target: target)
        self.daemon = daemon
        self.body = UncheckedSendable(body)
    }

    /// `Thread-N (target)`, N counting every thread not given a name, as CPython does. The dynamic
    /// `threading.Thread` draws its default name here too, so static and dynamic threads of one
    /// note share CPython's one counter.
    static func newName(target: String?) -> String {
        let number = unnamedCounter.withLock { counter -> Int in
            counter += 1
            return counter
        }
        return "Thread-\(number)" + (target.map { " (\($0))" } ?? "")
    }

    /// The thread's work: the target call, or a subclass's override.
    open func run() throws {
        try body.value?()
    }

    /// Starts the thread. Starting it twice is a `RuntimeError` in Python and a trap here.
    public func start() {
        state.lock()
        precondition(!started, "RuntimeError: threads can only be started once")
        started = true
        state.unlock()
        ThreadRegistry.add(self)
        let running = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in runLane(running) }
        thread.stackSize = 8 << 20  // CPython's threads get the platform's 8 MiB
        thread.start()
        // CPython's `start()` returns only once the new thread runs (`self._started.wait()`): the thread
        // started first begins first, and what it does at once (a print, taking a task from a pool's
        // queue, starting a sleep) comes before what its starter does next, as in CPython.
        running.wait()
    }

    private func runLane(_ running: DispatchSemaphore) {
        Lane.nameCurrentThread(name)
        let tid = Lane.nativeThreadID
        state.lock()
        startedNativeID = tid
        state.unlock()
        Trace.emit("start", lane: name, tid: tid)
        running.signal()
        do {
            try run()
        } catch is SystemExit {
            // `sys.exit()` in a thread ends only that thread, silently.
        } catch {
            let cell = cellState.withLock { $0.cell }
            Output.write("Exception in thread \(name):\n" + tracebackText(error, cell: cell), to: .stderr)
        }
        Trace.emit("end", lane: name)
        state.lock()
        finished = true
        state.broadcast()
        state.unlock()
        ThreadRegistry.remove(self)
    }

    /// `thread.join(timeout)`: waits until the thread ends or `timeout` seconds pass.
    public func join(timeout: Double? = nil) {
        state.lock()
        defer { state.unlock() }
        precondition(started, "RuntimeError: cannot join thread before it is started")
        _ = blockingWait(state, timeout: timeout, trace: "join \(name)") { finished }
    }

    /// Waits without a trace event: the implicit wait at the end of a cell or the program.
    func joinSilently() {
        state.lock()
        while !finished { state.wait() }
        state.unlock()
    }

    /// `thread.is_alive()`.
    public var isAlive: Bool {
        state.lock()
        defer { state.unlock() }
        return started && !finished
    }

    /// `thread.native_id`: the kernel's thread id once the thread runs.
    public var nativeID: Int? {
        state.lock()
        defer { state.unlock() }
        return startedNativeID
    }

    /// `threading.current_thread().name`.
    public static var currentName: String { Lane.currentThreadName }

    /// `threading.active_count()`: the main thread and every running thread.
    public static var activeCount: Int { ThreadRegistry.liveCount + 1 }

    public static func == (lhs: PythonThread, rhs: PythonThread) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// The threads that are running, so a cell can end the way a script does: after every
/// non-daemon thread it started has finished.
enum ThreadRegistry {
    private static let live = Locked<[ObjectIdentifier: PythonThread]>([:])

    static func add(_ thread: PythonThread) { live.withLock { $0[ObjectIdentifier(thread)] = thread } }
    static func remove(_ thread: PythonThread) { live.withLock { $0[ObjectIdentifier(thread)] = nil } }
    static var liveCount: Int { live.withLock { $0.count } }
    /// The running threads, for the dynamic `threading.enumerate()`.
    static var liveThreads: [PythonThread] { live.withLock { Array($0.values) } }

    static func waitForNonDaemonThreads() {
        while let next = live.withLock({ $0.values.first { !$0.daemon } }) {
            next.joinSilently()
            remove(next)
        }
    }
}

/// Waits on `condition` (locked by the caller) until `ready()` holds or `timeout` Python seconds
/// pass, tracing the wait when it had to block. Returns whether `ready()` held.
func blockingWait(_ condition: NSCondition, timeout: Double?, trace what: String, until ready: () -> Bool) -> Bool {
    if ready() { return true }
    if let timeout, timeout <= 0 { return false }
    let start = MonotonicClock.nowNanos()
    let deadline = timeout.map { Date(timeIntervalSinceNow: $0 * RunSettings.current.timeScale) }
    var satisfied = true
    while !ready() {
        if let deadline {
            if !condition.wait(until: deadline) {
                satisfied = ready()
                break
            }
        } else {
            condition.wait()
        }
    }
    traceWait(what, since: start)
    return satisfied
}
