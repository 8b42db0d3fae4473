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
    private let namePrefix: String
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
        namePrefix = threadNamePrefix ?? "ThreadPoolExecutor-\(number)"
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
        let startWorker = idleWorkers == 0 && workers.count < maxWorkers
        if idleWorkers > 0 { idleWorkers -= 1 }
        var worker: PythonThread?
        if startWorker {
            let thread = PythonThread(name: "\(namePrefix)_\(workers.count)", daemon: true) { [self] in workLoop() }
            workers.append(thread)
            worker = thread
        }
        condition.unlock()
        worker?.start()
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

    private func workLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !isShutdown { condition.wait() }
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
