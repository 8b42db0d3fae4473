import Foundation

/// asyncio's event loop: one thread runs every coroutine, so code between two `await`s runs
/// alone and a blocking `time.sleep` inside a coroutine holds up every task, as in CPython.
/// Tasks prefer this executor; Swift's cooperative pool never runs them.
@available(macOS 15.0, *)
final class EventLoop: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false
    private(set) var nativeThreadID = 0

    init() {
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            // `threading.current_thread()` inside a coroutine is the thread that called
            // `asyncio.run`, which for a note is always the main thread.
            Lane.nameCurrentThread("MainThread")
            nativeThreadID = Lane.nativeThreadID
            ready.signal()
            run()
        }
        thread.stackSize = 8 << 20
        thread.start()
        ready.wait()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// `loop.run_in_executor(None, …)`'s pool, made on first use as CPython makes it
    /// (`ThreadPoolExecutor(thread_name_prefix='asyncio')`), shut down when `asyncio.run` ends.
    private let executorSlot = Locked<ThreadPoolExecutor?>(nil)

    var defaultExecutor: ThreadPoolExecutor {
        executorSlot.withLock { slot in
            if let executor = slot { return executor }
            let executor = ThreadPoolExecutor(threadNamePrefix: "asyncio")
            slot = executor
            return executor
        }
    }

    func shutdownDefaultExecutor() {
        executorSlot.withLock { $0 }?.shutdown(wait: true)
    }

    /// Every task created on this loop, so `asyncio.run` can cancel those still pending.
    private let tasks = Locked<[any AnyAsyncTask]>([])

    func register(_ task: any AnyAsyncTask) { tasks.withLock { $0.append(task) } }

    var pendingTasks: [any AnyAsyncTask] { tasks.withLock { $0.filter { !$0.isDone } } }

    /// Ends the loop thread once the jobs already queued have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The loop of the running `asyncio.run`.
    static let current = Locked<EventLoop?>(nil)

    static var running: EventLoop {
        guard let loop = current.withLock({ $0 }) else {
            fatalError("RuntimeError: no running event loop")
        }
        return loop
    }

    /// `Task-N`: one counter per process, from 1, as asyncio numbers its tasks.
    private static let taskCounter = Locked(0)

    static func nextTaskName() -> String {
        let number = taskCounter.withLock { counter -> Int in
            counter += 1
            return counter
        }
        return "Task-\(number)"
    }
}
