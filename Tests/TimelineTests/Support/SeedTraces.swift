import LoomCore
@testable import Timeline

/// Traces shaped like real runs of the three snippets of the threading note (lane names as CPython
/// names them), for the diagrams the note's missing pictures stand for.
enum SeedTraces {
    /// Snippet 1: `do_something()` twice on the main thread, each printing, sleeping 1 s, printing.
    static func synchronous(overhead: Double = 0.0002) -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        var t = 0.0001
        for _ in 0..<2 {
            trace.print(main, at: t, "Sleeping 1 second...")
            trace.sleep(main, at: t + overhead, for: 1)
            t += 1 + 2 * overhead
            trace.print(main, at: t, "Done Sleeping")
            t += overhead
        }
        trace.print(main, at: t, "Finished in 2.0 second(s)")
        trace.end(main, at: t + overhead)
        return TimelineRun(title: "snippet 1 · Swift", events: trace.events, wallTime: t + 2 * overhead)
    }

    /// Snippet 2: ten threads each sleeping 1.5 s at once, the main thread joining them in order.
    static func tenThreads(stagger: Double = 0.0004, title: String = "snippet 2 · Swift") -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        var ends: [(lane: String, t: Double)] = []
        for index in 1...10 {
            let lane = "Thread-\(index) (do_something)"
            let begin = stagger * Double(index)
            trace.start(lane, at: begin)
            trace.print(lane, at: begin + 0.0001, "Sleeping 1.5 second(s)...")
            trace.sleep(lane, at: begin + 0.0002, for: 1.5)
            trace.print(lane, at: begin + 1.5008, "Done Sleeping")
            trace.end(lane, at: begin + 1.501)
            ends.append((lane, begin + 1.501))
        }
        var t = stagger * 10 + 0.0005
        for (lane, laneEnd) in ends {
            let joined = max(t, laneEnd) + 0.0001
            trace.wait(main, from: t, to: joined, on: "join \(lane)")
            t = joined
        }
        trace.end(main, at: t + 0.0004)
        return TimelineRun(title: title, events: trace.events, wallTime: t + 0.001)
    }

    /// Snippet 3: five pooled sleeps of 5…1 s collected with `as_completed` (results print at 1…5 s),
    /// then a second pool whose results `map` hands back in order (all print at about 10 s).
    /// `pools: 1` stops after the `as_completed` pool.
    static func threadPools(title: String = "snippet 3 · Swift", pools: Int = 2) -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        let seconds = [5.0, 4, 3, 2, 1]
        var t = 0.0002

        for pool in 0..<pools {
            let workers = (0..<5).map { "ThreadPoolExecutor-\(pool)_\($0)" }
            var done: [Double] = []
            for (worker, lane) in workers.enumerated() {
                let begin = t + 0.0003 * Double(worker + 1)
                trace.start(lane, at: begin)
                trace.print(lane, at: begin + 0.0001, "Sleeping \(Int(seconds[worker])) second(s)...")
                trace.sleep(lane, at: begin + 0.0002, for: seconds[worker])
                done.append(begin + 0.0002 + seconds[worker] + 0.0002)
            }
            t += 0.0003 * 5 + 0.0003
            if pool == 0 {
                for finished in done.enumerated().sorted(by: { $0.element < $1.element }) {
                    trace.wait(main, from: t, to: finished.element + 0.0001, on: "result")
                    t = finished.element + 0.0002
                    trace.print(main, at: t, "Done Sleeping")
                }
            } else {
                trace.wait(main, from: t, to: done[0] + 0.0001, on: "result")
                t = done[0] + 0.0001
                for _ in workers {
                    t += 0.0001
                    trace.print(main, at: t, "Done Sleeping")
                }
            }
            // Leaving the `with` block shuts the pool down: idle workers stop waiting on the work
            // queue and end, and the main thread joins each of them.
            t += 0.0002
            for (worker, lane) in workers.enumerated() {
                let released = t + 0.0001 * Double(worker + 1)
                trace.wait(lane, from: done[worker], to: released, on: "queue")
                trace.end(lane, at: released + 0.0001)
                trace.wait(main, from: t, to: released + 0.0002, on: "join \(lane)")
                t = released + 0.0002
            }
            t += 0.0005
        }
        trace.end(main, at: t)
        return TimelineRun(title: title, events: trace.events, wallTime: t + 0.0005)
    }
}

extension SeedTraces {
    /// Snippet 3 as a careless translation would run it: pooled blocking sleeps on a pool only as
    /// wide as two cores, so the five sleeps of the first pool take 9 s instead of 5.
    static func threadPoolsOnTwoCores() -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        var free = [0.001, 0.001]
        var done: [Double] = []
        for (task, seconds) in [5.0, 4, 3, 2, 1].enumerated() {
            let worker = free[0] <= free[1] ? 0 : 1
            let lane = "ThreadPoolExecutor-0_\(worker)"
            if task < 2 { trace.start(lane, at: free[worker]) }
            trace.print(lane, at: free[worker] + 0.0001, "Sleeping \(Int(seconds)) second(s)...")
            trace.sleep(lane, at: free[worker] + 0.0002, for: seconds)
            free[worker] += seconds + 0.0003
            done.append(free[worker])
        }
        var t = 0.002
        for finished in done.sorted() {
            trace.wait(main, from: t, to: finished + 0.0001, on: "result")
            t = finished + 0.0002
            trace.print(main, at: t, "Done Sleeping")
        }
        for worker in 0..<2 {
            let lane = "ThreadPoolExecutor-0_\(worker)"
            if free[worker] < t { trace.wait(lane, from: free[worker], to: t + 0.0001, on: "queue") }
            trace.end(lane, at: t + 0.0002)
        }
        trace.end(main, at: t + 0.0004)
        return TimelineRun(title: "snippet 3 · Swift (2-wide pool)", events: trace.events, wallTime: t + 0.0005)
    }
}

extension SeedTraces {
    /// Snippet 3's first pool as the CPython harness records it, CPU sampled: each worker is on CPU
    /// only around its print and its wake-up; after its sleep it waits on the work queue until the
    /// pool shuts down (`tracesQueueWaits`), or — as an executor that is never shut down, or a
    /// harness that did not trace that wait — nothing explains that time but the samples' silence.
    static func threadPoolsCPython(tracesQueueWaits: Bool) -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        trace.cpu(main, at: 0.01, used: 0.009)
        let seconds = [5.0, 4, 3, 2, 1]
        var done: [Double] = []
        for (worker, sleep) in seconds.enumerated() {
            let lane = "ThreadPoolExecutor-0_\(worker)"
            let begin = 0.002 + 0.002 * Double(worker)
            trace.start(lane, at: begin)
            trace.print(lane, at: begin + 0.0005, "Sleeping \(Int(sleep)) second(s)...")
            trace.cpu(lane, at: begin + 0.001, used: 0.0008)
            trace.sleep(lane, at: begin + 0.001, for: sleep)
            let wake = begin + 0.001 + sleep
            trace.cpu(lane, at: wake + 0.001, used: 0.0006)
            done.append(wake + 0.001)
        }
        var t = 0.012
        for finished in done.sorted() {
            trace.wait(main, from: t, to: finished + 0.0002, on: "result")
            t = finished + 0.0004
            trace.print(main, at: t, "Done Sleeping")
            trace.cpu(main, at: t + 0.0001, used: 0.0002)
        }
        let shutdown = t + 0.001
        for (worker, lane) in (0..<5).map({ ($0, "ThreadPoolExecutor-0_\($0)") }) {
            let released = shutdown + 0.0002 * Double(worker + 1)
            if tracesQueueWaits { trace.wait(lane, from: done[worker], to: released, on: "queue") }
            trace.end(lane, at: released + 0.0001)
        }
        trace.wait(main, from: shutdown, to: shutdown + 0.0015, on: "join ThreadPoolExecutor-0_4")
        trace.end(main, at: shutdown + 0.002)
        return TimelineRun(title: "snippet 3 · CPython", events: trace.events, wallTime: shutdown + 0.0025)
    }
}
