import Foundation

/// What a dynamic `threading.Thread` (or `multiprocessing.Process`) instance carries: the static
/// `PythonThread` that runs it, once started, and what CPython reports about it.
final class DynamicThreadState: @unchecked Sendable {
    enum Kind { case thread, process, main, foreign }

    let kind: Kind
    let serial: Int
    private let lock = NSLock()
    private var storedName: String
    private var storedDaemon: Bool
    private(set) var native: PythonThread?
    private(set) var ident: Int?
    private(set) var nativeID: Int?
    /// `multiprocessing.Process.exitcode`: 1 when `run` raised, as a child process exits.
    var exitCode: Int?

    private static let serials = Locked(0)

    init(kind: Kind, name: String, daemon: Bool, ident: Int? = nil, nativeID: Int? = nil) {
        self.kind = kind
        storedName = name
        storedDaemon = daemon
        self.ident = ident
        self.nativeID = nativeID
        serial = Self.serials.withLock { value -> Int in
            value += 1
            return value
        }
    }

    var name: String {
        get { lock.withLock { storedName } }
        set { lock.withLock { storedName = newValue } }
    }

    var daemon: Bool {
        get { lock.withLock { storedDaemon } }
        set { lock.withLock { storedDaemon = newValue } }
    }

    var started: Bool { kind == .main || kind == .foreign || lock.withLock { native != nil } }

    var alive: Bool {
        switch kind {
        case .main, .foreign: return true
        case .thread, .process: return lock.withLock { native }?.isAlive ?? false
        }
    }

    /// Claims the start; false when it was started before.
    func claimStart(_ thread: PythonThread) -> Bool {
        lock.withLock {
            guard native == nil else { return false }
            native = thread
            return true
        }
    }

    func recordRunning() {
        lock.withLock {
            ident = currentThreadIdent()
            nativeID = Lane.nativeThreadID
        }
    }
}

/// Which dynamic thread object each running thread is, for `current_thread()` and
/// `enumerate()`.
enum DynamicThreads {
    private static let running = Locked<[Int: (object: PyObject, state: DynamicThreadState)]>([:])
    /// Threads started by the static library (pool workers), given an object when asked about.
    private static let foreign = Locked<[String: (object: PyObject, state: DynamicThreadState)]>([:])

    static func register(_ object: PyObject, _ state: DynamicThreadState) {
        running.withLock { $0[currentThreadIdent()] = (object, state) }
    }

    static func unregister() {
        _ = running.withLock { $0.removeValue(forKey: currentThreadIdent()) }
    }

    static func current() -> (object: PyObject, state: DynamicThreadState)? {
        running.withLock { $0[currentThreadIdent()] }
    }

    static func runningObjects() -> [(object: PyObject, state: DynamicThreadState)] {
        running.withLock { Array($0.values) }.sorted { $0.state.serial < $1.state.serial }
    }

    static func foreignObject(named name: String, make: () throws -> (PyObject, DynamicThreadState)) rethrows -> PyObject {
        if let known = foreign.withLock({ $0[name] }) { return known.object }
        let made = try make()
        return foreign.withLock { table in
            if let known = table[name] { return known.object }
            table[name] = made
            return made.0
        }
    }

    /// A key for the calling thread that a later thread cannot inherit (idents are reused).
    static func currentKey() -> Int {
        if let current = current() { return current.state.serial }
        return -currentThreadIdent()
    }
}

/// Starts `object` (a `Thread` or `Process`) on a static `PythonThread` that calls its `run()`.
/// Returns once the thread runs, as CPython's `start()` does, so `ident` is set.
func startDynamicThread(
    _ object: PyObject, _ state: DynamicThreadState, whenRunRaises handle: @escaping (any Error) throws -> Void
) throws {
    let running = DispatchSemaphore(value: 0)
    let thread = PythonThread(name: state.name, daemon: state.daemon) {
        state.recordRunning()
        DynamicThreads.register(object, state)
        running.signal()
        defer { DynamicThreads.unregister() }
        do {
            _ = try object.callMethod("run", [])
        } catch {
            let caught = PyException.caught(error)
            // `sys.exit()` in a thread ends only that thread, silently.
            if try caught.matches(Py.SystemExit) { return }
            try handle(caught)
        }
    }
    guard state.claimStart(thread) else {
        throw pythonError(Py.RuntimeError, "threads can only be started once")
    }
    thread.start()
    running.wait()
}
