import Foundation

/// Runs blocking work (waiting on a child) on a thread of its own, off Swift's cooperative pool, and
/// hands the result back to async code.
enum BlockingWork {
    static func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "loom-child-watch"
            thread.start()
        }
    }
}
