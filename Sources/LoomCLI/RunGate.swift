import Execution
import Foundation

/// Decides when each note's compile and runs may start, so that notes run side by side only where that
/// cannot change a measured figure.
///
/// - A compile is CPU-bound: at most one per core, and none while a run has the machine to itself.
/// - A shared run (a program that sleeps and waits) runs beside other shared runs and compiles; how many
///   notes are in flight at all is the caller's `--jobs`.
/// - An exclusive run (CPU-bound, timing-sensitive, or any run under `--jobs 1`) starts only when nothing
///   else of Loom's runs or compiles, and nothing new starts until it ends. It is waited for first: while
///   one waits, no compile or shared run starts, so it cannot starve.
final class RunGate: @unchecked Sendable {
    private let condition = NSCondition()
    private let cores: Int
    private var compiles = 0
    private var sharedRuns = 0
    private var exclusive = false
    private var exclusiveWaiting = 0
    /// What each holder has seen beside it so far, by holder.
    private var holders: [Int: (runs: Int, compiles: Int, isRun: Bool)] = [:]
    private var nextHolder = 0

    init(cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.cores = max(1, cores)
    }

    /// How a run shared the machine, as the gate saw it.
    struct Company {
        var alone: Bool
        var besideRuns: Int
        var besideCompiles: Int
    }

    /// Runs `work` (a compile) on a thread of its own under Linux's batch scheduling, which the compiler it
    /// starts inherits: it keeps its fair share of the machine (a lower priority would starve it on a machine
    /// shared with other builds), but it never preempts a process that wakes, so a run beside it that wakes
    /// from a sleep gets its processor at once and the compile does not show in that run's figures.
    func compiling<Result: Sendable>(_ work: @escaping @Sendable () -> Result) -> Result {
        let holder = acquire { !self.exclusive && self.exclusiveWaiting == 0 && self.compiles < self.cores } register: {
            self.compiles += 1
            return false
        }
        defer { release(holder) { self.compiles -= 1 } }
        return Self.asBatchWork(work)
    }

    static func asBatchWork<Result: Sendable>(_ work: @escaping @Sendable () -> Result) -> Result {
        let result = ConcurrentResults<Result>(count: 1)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            #if os(Linux)
            // Linux schedules each thread on its own (pid 0 is this thread), and a child started from it
            // begins with its policy. The thread ends with the compile, so the policy is never handed back.
            var parameters = sched_param()
            _ = sched_setscheduler(0, Self.batchPolicy, &parameters)
            #endif
            result.set(work(), at: 0)
            done.signal()
        }
        thread.name = "loom-compile"
        thread.start()
        done.wait()
        return result.values[0]
    }

    /// SCHED_BATCH, which Glibc's Swift module does not export.
    static let batchPolicy: Int32 = 3

    func running<Result>(exclusively: Bool, _ work: () -> Result) -> (Result, Company) {
        let holder: Int
        if exclusively {
            condition.lock()
            exclusiveWaiting += 1
            condition.unlock()
            holder = acquire { !self.exclusive && self.sharedRuns == 0 && self.compiles == 0 } register: {
                self.exclusiveWaiting -= 1
                self.exclusive = true
                return true
            }
        } else {
            holder = acquire { !self.exclusive && self.exclusiveWaiting == 0 } register: {
                self.sharedRuns += 1
                return true
            }
        }
        let result = work()
        let seen = release(holder) {
            if exclusively { self.exclusive = false } else { self.sharedRuns -= 1 }
        }
        return (result, Company(alone: seen.runs == 0 && seen.compiles == 0, besideRuns: seen.runs, besideCompiles: seen.compiles))
    }

    /// Waits until `admissible`, then counts the new holder in and tells every other holder about it.
    private func acquire(until admissible: () -> Bool, register: () -> Bool) -> Int {
        condition.lock()
        defer { condition.unlock() }
        while !admissible() { condition.wait() }
        let isRun = register()
        let holder = nextHolder
        nextHolder += 1
        let others = holders.values
        let runs = others.filter(\.isRun).count
        let compiles = others.count - runs
        for key in holders.keys {
            if isRun { holders[key]!.runs += 1 } else { holders[key]!.compiles += 1 }
        }
        holders[holder] = (runs, compiles, isRun)
        return holder
    }

    @discardableResult
    private func release(_ holder: Int, update: () -> Void) -> (runs: Int, compiles: Int) {
        condition.lock()
        defer { condition.unlock() }
        update()
        let seen = holders.removeValue(forKey: holder) ?? (0, 0, false)
        condition.broadcast()
        return (seen.runs, seen.compiles)
    }
}
