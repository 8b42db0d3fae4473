import Foundation

/// `concurrent.futures.ThreadPoolExecutor`, with CPython 3.11's behaviour: `min(32, cores + 4)`
/// workers by default, one new worker per `submit` while no worker is idle and fewer than
/// `maxWorkers` exist, workers named `ThreadPoolExecutor-P_W`, tasks taken in submission order.
///
///     do {
///         let executor = ThreadPoolExecutor()
///         defer { executor.shutdown() }              // `with … as executor:`
///         let futures = secs.map { sec in executor.submit { doSomething(sec) } }
///         for future in asCompleted(futures) { print(try future.result()) }
///     }
public final class ThreadPoolExecutor: @unchecked Sendable {
    public let maxWorkers: Int
    private let workerName: @Sendable (Int) -> String
    private let startsAllWorkers: Bool
    private let condition = NSCondition()
    private var queue: [(run: () -> Void, cancel: () -> Void)] = []
    private var workers: [PythonThread] = []
    private var idleWorkers = 0
    private var isShutdown = false

    private static let poolCounter = Locked(0)

    /// CPython's default width: `min(32, os.cpu_count() + 4)`.
    public static var defaultMaxWorkers: Int { min(32, OS.cpuCount() + 4) }

    public init(maxWorkers: Int? = nil, threadNamePrefix: String? = nil) {
        precondition(maxWorkers.map { $0 > 0 } ?? true, "ValueError: max_workers must be greater than 0")
        self.maxWorkers = maxWorkers ?? Self.defaultMaxWorkers
        // CPython draws a pool number for every executor, named or not.
        let number = Self.poolCounter.withLock { counter -> Int in
            defer { counter += 1 }
            return counter
        }
        let prefix = threadNamePrefix ?? "ThreadPoolExecutor-\(number)"
        workerName = { "\(prefix)_\($0)" }
        startsAllWorkers = false
    }

    /// A pool whose workers are all started by the first `submit` (as `ProcessPoolExecutor`
    /// starts its processes), each named by `workerName`.
    init(maxWorkers: Int, startsAllWorkers: Bool, workerName: @escaping @Sendable (Int) -> String) {
        self.maxWorkers = maxWorkers
        self.startsAllWorkers = startsAllWorkers
        self.workerName = workerName
    }

    /// `executor.submit(fn, *args)`: `executor.submit { fn(args) }`.
    @discardableResult
    public func submit<Value>(_ work: @escaping () throws -> Value) -> Future<Value> {
        let future = Future<Value>()
        let task = UncheckedSendable(work)
        condition.lock()
        precondition(!isShutdown, "RuntimeError: cannot schedule new futures after shutdown")
        queue.append((
            run: {
                guard future.markRunning() else { return }
                future.complete(Result { try task.value() })
            },
            cancel: { future.cancel() }
        ))
        condition.signal()
        var newWorkers: [PythonThread] = []
        if startsAllWorkers {
            while workers.count + newWorkers.count < maxWorkers {
                newWorkers.append(makeWorker(workers.count + newWorkers.count))
            }
        } else if idleWorkers == 0 && workers.count < maxWorkers {
            newWorkers.append(makeWorker(workers.count))
        } else if idleWorkers > 0 {
            idleWorkers -= 1
        }
        workers += newWorkers
        condition.unlock()
        for worker in newWorkers { worker.start() }
        return future
    }

    /// `executor.map(fn, items)`: every call is submitted at once; results come in item order,
    /// each waited for as the loop reaches it.
    public func map<Element, Value>(
        _ items: some Sequence<Element>, timeout: Double? = nil, _ transform: @escaping (Element) throws -> Value
    ) -> OrderedResults<Value> {
        OrderedResults(futures: items.map { item in submit { try transform(item) } }, timeout: timeout)
    }

    /// `executor.shutdown(wait, cancel_futures)`: no new work; with `wait`, returns once every
    /// submitted call has run and every worker has ended.
    public func shutdown(wait: Bool = true, cancelFutures: Bool = false) {
        condition.lock()
        isShutdown = true
        var cancelled: [(run: () -> Void, cancel: () -> Void)] = []
        if cancelFutures {
            cancelled = queue
            queue.removeAll()
        }
        condition.broadcast()
        let all = workers
        condition.unlock()
        for task in cancelled { task.cancel() }
        if wait {
            for worker in all { worker.join() }
        }
    }

    /// Workers waiting for work (CPython's idle semaphore count).
    var idleWorkerCount: Int { condition.withLock { idleWorkers } }

    private func makeWorker(_ index: Int) -> PythonThread {
        PythonThread(name: workerName(index), daemon: true) { [self] in workLoop() }
    }

    private func workLoop() {
        while true {
            condition.lock()
            // An idle worker waits on the pool's work queue, as CPython's do; the trace shows it so.
            if queue.isEmpty && !isShutdown {
                let idleSince = MonotonicClock.nowNanos()
                while queue.isEmpty && !isShutdown { condition.wait() }
                traceWait("queue", since: idleSince)
            }
            if queue.isEmpty {
                condition.unlock()
                return
            }
            let task = queue.removeFirst()
            condition.unlock()
            task.run()
            condition.withLock { idleWorkers += 1 }
        }
    }
}

/// The results of `map`, in order; iterating waits for each in turn.
public struct OrderedResults<Value>: Sequence {
    let futures: [Future<Value>]
    let timeout: Double?

    public func makeIterator() -> Iterator { Iterator(futures: futures[...], deadline: timeout.map { perfCounter() + $0 }) }

    public struct Iterator: IteratorProtocol {
        var futures: ArraySlice<Future<Value>>
        let deadline: Double?

        /// A call that raised re-raises here in Python; a `for` loop cannot throw, so the
        /// program ends with CPython's traceback instead.
        public mutating func next() -> Value? {
            guard let future = futures.popFirst() else { return nil }
            do {
                return try future.result(timeout: deadline.map { $0 - perfCounter() })
            } catch {
                uncaughtInIteration(error)
            }
        }
    }
}

/// An exception raised where Swift cannot throw (inside a `for` over results): CPython's
/// traceback goes to stderr and the program stops, like a crash, so Loom resumes at the next cell.
func uncaughtInIteration(_ error: any Error) -> Never {
    let cell = cellState.withLock { $0.cell }
    Output.writeUncapped(tracebackText(error, cell: cell), to: .stderr)
    fatalError(exceptionLine(error))
}

/// `concurrent.futures.ProcessPoolExecutor` carried to threads: `os.cpu_count()` workers by
/// default, all started by the first `submit` as CPython's fork-based pool starts its
/// processes, named `ForkProcess-N` from the process counter `multiprocessing` uses.
public final class ProcessPoolExecutor: @unchecked Sendable {
    private let pool: ThreadPoolExecutor

    public init(maxWorkers: Int? = nil) {
        precondition(maxWorkers.map { $0 > 0 } ?? true, "ValueError: max_workers must be greater than 0")
        let names = Locked<[Int: String]>([:])
        pool = ThreadPoolExecutor(maxWorkers: maxWorkers ?? OS.cpuCount(), startsAllWorkers: true) { index in
            names.withLock { known in
                if let name = known[index] { return name }
                let name = "ForkProcess-\(ProcessNames.next())"
                known[index] = name
                return name
            }
        }
    }

    public var maxWorkers: Int { pool.maxWorkers }

    @discardableResult
    public func submit<Value>(_ work: @escaping () throws -> Value) -> Future<Value> { pool.submit(work) }

    public func map<Element, Value>(
        _ items: some Sequence<Element>, timeout: Double? = nil, _ transform: @escaping (Element) throws -> Value
    ) -> OrderedResults<Value> {
        pool.map(items, timeout: timeout, transform)
    }

    public func shutdown(wait: Bool = true, cancelFutures: Bool = false) {
        pool.shutdown(wait: wait, cancelFutures: cancelFutures)
    }
}
