import Foundation

/// `multiprocessing` carried to threads: Swift has no GIL, so threads give the parallelism
/// Python needed processes for, with CPython's names (`Process-N`, `ForkPoolWorker-N`, one
/// counter for both, from 1) so the timelines read the same.
enum ProcessNames {
    private static let counter = Locked(0)

    static func next() -> Int {
        counter.withLock { value -> Int in
            value += 1
            return value
        }
    }
}

/// `multiprocessing.Process`, run as a thread.
public final class PythonProcess: @unchecked Sendable {
    private let thread: PythonThread

    public init(name: String? = nil, daemon: Bool = false, _ body: @escaping () throws -> Void) {
        thread = PythonThread(name: name ?? "Process-\(ProcessNames.next())", daemon: daemon, body)
    }

    public var name: String { thread.name }
    public func start() { thread.start() }
    public func join(timeout: Double? = nil) { thread.join(timeout: timeout) }
    public var isAlive: Bool { thread.isAlive }
    /// `p.exitcode` once it ended: 0 (an exception in the body still ends as CPython's 1 would,
    /// but the thread cannot tell the two apart, so the traceback on stderr is the record).
    public var exitcode: Int? { thread.isAlive ? nil : 0 }
}

/// `multiprocessing.Pool`: `processes` workers (default `os.cpu_count()`), all started at once as
/// CPython starts them; `map` splits the work into CPython's chunks.
///
///     do {
///         let pool = ProcessPool()
///         defer { pool.terminate() }                 // `with Pool() as pool:`
///         let squares = pool.map(numbers) { square($0) }
///     }
public final class ProcessPool: @unchecked Sendable {
    public let processes: Int
    private let condition = NSCondition()
    private var queue: [() -> Void] = []
    private var workers: [PythonThread] = []
    private var closed = false

    public init(processes: Int? = nil) {
        precondition(processes.map { $0 > 0 } ?? true, "ValueError: Number of processes must be at least 1")
        self.processes = processes ?? OS.cpuCount()
        for _ in 0..<self.processes {
            let worker = PythonThread(name: "ForkPoolWorker-\(ProcessNames.next())", daemon: true) { [self] in workLoop() }
            workers.append(worker)
        }
        for worker in workers { worker.start() }
    }

    private func enqueue(_ task: @escaping () -> Void) {
        condition.lock()
        precondition(!closed, "ValueError: Pool not running")
        queue.append(task)
        condition.signal()
        condition.unlock()
    }

    private func workLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                return
            }
            let task = queue.removeFirst()
            condition.unlock()
            task()
        }
    }

    /// Submits `items` in chunks of `chunksize` (CPython's default: `ceil(len / (4 × processes))`);
    /// returns one future per chunk.
    private func submitChunks<Element, Value>(
        _ items: [Element], chunksize: Int, _ transform: @escaping (Element) throws -> Value
    ) -> [Future<[Value]>] {
        let task = UncheckedSendable(transform)
        return stride(from: 0, to: items.count, by: max(1, chunksize)).map { start in
            let chunk = Array(items[start..<min(start + max(1, chunksize), items.count)])
            let future = Future<[Value]>()
            enqueue {
                guard future.markRunning() else { return }
                future.complete(Result { try chunk.map { try task.value($0) } })
            }
            return future
        }
    }

    private func defaultChunksize(_ count: Int) -> Int {
        let (quotient, remainder) = count.quotientAndRemainder(dividingBy: processes * 4)
        return max(1, remainder > 0 ? quotient + 1 : quotient)
    }

    /// `pool.map(fn, items)`: blocks until every result is in; results in item order.
    public func map<Element, Value>(
        _ items: some Sequence<Element>, chunksize: Int? = nil, _ transform: @escaping (Element) throws -> Value
    ) throws -> [Value] {
        let all = Array(items)
        let futures = submitChunks(all, chunksize: chunksize ?? defaultChunksize(all.count), transform)
        return try futures.flatMap { try $0.result() }
    }

    /// `pool.imap(fn, items)`: results in item order, each waited for as the loop reaches it.
    public func imap<Element, Value>(
        _ items: some Sequence<Element>, chunksize: Int = 1, _ transform: @escaping (Element) throws -> Value
    ) -> some Sequence<Value> {
        OrderedResults(futures: submitChunks(Array(items), chunksize: chunksize, transform), timeout: nil).lazy.flatMap { $0 }
    }

    /// `pool.imap_unordered(fn, items)`: results as they finish.
    public func imapUnordered<Element, Value>(
        _ items: some Sequence<Element>, chunksize: Int = 1, _ transform: @escaping (Element) throws -> Value
    ) -> some Sequence<Value> {
        asCompleted(submitChunks(Array(items), chunksize: chunksize, transform)).lazy.flatMap { future in
            do { return try future.result() } catch { uncaughtInIteration(error) }
        }
    }

    /// `pool.apply_async(fn, args)`: `result.get(timeout)` is `future.result(timeout:)`.
    public func applyAsync<Value>(_ work: @escaping () throws -> Value) -> Future<Value> {
        let future = Future<Value>()
        let task = UncheckedSendable(work)
        enqueue {
            guard future.markRunning() else { return }
            future.complete(Result { try task.value() })
        }
        return future
    }

    /// `pool.apply(fn, args)`.
    public func apply<Value>(_ work: @escaping () throws -> Value) throws -> Value {
        try applyAsync(work).result()
    }

    /// `pool.close()`: no new work; workers end once the queue is empty.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// `pool.terminate()` (what `with Pool() as p:` calls on exit): pending work is dropped;
    /// threads cannot be killed, so a call already running finishes first.
    public func terminate() {
        condition.lock()
        closed = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// `pool.join()`: waits for every worker after `close` or `terminate`.
    public func join() {
        for worker in workers { worker.join() }
    }
}
