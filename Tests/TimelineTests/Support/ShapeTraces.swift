import LoomCore
@testable import Timeline

/// Synthetic traces for the shapes a timeline must draw well beyond the note's three snippets.
enum ShapeTraces {
    /// Six pooled workers for five tasks: one worker never gets work and waits on the queue throughout.
    static func poolOfSixWithFiveTasks() -> TimelineRun {
        var trace = TraceBuilder()
        trace.start("MainThread", at: 0)
        let seconds = [0.8, 0.5, 1.2, 0.3, 0.6]
        let shutdown = 1.2 + 0.004
        for worker in 0..<6 {
            let lane = "ThreadPoolExecutor-0_\(worker)"
            let begin = 0.0005 * Double(worker + 1)
            trace.start(lane, at: begin)
            var idleFrom = begin + 0.0001
            if worker < seconds.count {
                trace.print(lane, at: begin + 0.0001, "task \(worker) starts")
                trace.sleep(lane, at: begin + 0.0002, for: seconds[worker])
                idleFrom = begin + 0.0002 + seconds[worker]
                trace.print(lane, at: idleFrom, "task \(worker) done")
            }
            trace.wait(lane, from: idleFrom, to: shutdown, on: "queue")
            trace.end(lane, at: shutdown + 0.0001 * Double(worker))
        }
        trace.wait("MainThread", from: 0.004, to: shutdown + 0.0006, on: "join ThreadPoolExecutor-0_0")
        trace.print("MainThread", at: shutdown + 0.0007, "all done")
        trace.end("MainThread", at: shutdown + 0.0008)
        return TimelineRun(title: "pool of 6 · Swift", events: trace.events, wallTime: shutdown + 0.001)
    }

    /// Three tasks that finish in the opposite order to their submission, printed as they complete.
    static func asCompleted() -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        let seconds = [0.3, 0.1, 0.2]
        var done: [Double] = []
        for (worker, duration) in seconds.enumerated() {
            let lane = "ThreadPoolExecutor-0_\(worker)"
            let begin = 0.0004 * Double(worker + 1)
            trace.start(lane, at: begin)
            trace.sleep(lane, at: begin + 0.0001, for: duration)
            done.append(begin + 0.0001 + duration)
            trace.wait(lane, from: begin + 0.0001 + duration, to: 0.3025 + 0.0001 * Double(worker), on: "queue")
            trace.end(lane, at: 0.3025 + 0.0001 * Double(worker))
        }
        var t = 0.0015
        for (worker, finished) in done.enumerated().sorted(by: { $0.element < $1.element }) {
            trace.wait(main, from: t, to: finished + 0.0002, on: "result")
            t = finished + 0.0003
            trace.print(main, at: t, "slept \(SecondsFormat.plain(seconds[worker])) s")
        }
        trace.end(main, at: 0.304)
        return TimelineRun(title: "as_completed · Swift", events: trace.events, wallTime: 0.3045)
    }

    /// CPU-bound lanes sampled every quarter second. With as many lanes as cores every lane stays on
    /// CPU; with twice as many, each spends half of every interval queued for a CPU.
    static func cpuBound(lanes: Int, cores: Int, title: String) -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        let interval = 0.25, length = 2.0
        trace.start(main, at: 0)
        let share = min(1, Double(cores) / Double(lanes))
        for index in 1...lanes {
            let lane = "Thread-\(index) (crunch)"
            let begin = 0.001 * Double(index)
            trace.start(lane, at: begin)
            // Lanes that lose the CPU first are offset by half an interval, so the pairs alternate.
            let offset = index > cores ? interval / 2 : 0
            var t = begin + interval + offset
            trace.cpu(lane, at: begin + offset, used: offset)
            while t <= begin + length + 1e-9 {
                trace.cpu(lane, at: t, used: interval * share)
                if share < 1 {
                    trace.wait(lane, from: t - interval * (1 - share), to: t, on: "cpu")
                }
                t += interval
            }
            trace.end(lane, at: begin + length)
        }
        trace.cpu(main, at: 0.25, used: 0.0003)
        trace.wait(main, from: 0.0012 * Double(lanes), to: length + 0.001 * Double(lanes) + 0.0002,
                   on: "join Thread-1 (crunch)")
        trace.cpu(main, at: length + 0.002 * Double(lanes), used: 0.0002)
        trace.end(main, at: length + 0.002 * Double(lanes))
        return TimelineRun(title: title, events: trace.events, wallTime: length + 0.002 * Double(lanes) + 0.0005)
    }

    /// CPython's GIL: two CPU-bound threads take turns, each on CPU for well under half the time.
    static func gilBound() -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        for index in 1...2 {
            let lane = "Thread-\(index) (crunch)"
            trace.start(lane, at: 0.001 * Double(index))
            var t = 0.25
            while t <= 4.0 + 1e-9 {
                trace.cpu(lane, at: t, used: 0.25 * 0.45)
                t += 0.25
            }
            trace.end(lane, at: 4.0 + 0.001 * Double(index))
        }
        trace.wait(main, from: 0.003, to: 4.0025, on: "join Thread-1 (crunch)")
        trace.end(main, at: 4.003)
        return TimelineRun(title: "cpu-bound · CPython", events: trace.events, wallTime: 4.0035)
    }

    /// A cell that printed and ended at once.
    static func zeroLength() -> TimelineRun {
        var trace = TraceBuilder()
        trace.start("MainThread", at: 0)
        trace.print("MainThread", at: 0, "hello")
        trace.end("MainThread", at: 0)
        return TimelineRun(title: "snippet 4 · Swift", events: trace.events, wallTime: 0)
    }

    /// Three hours: an hourly loop on the main thread and a two-hour worker that never ends in the trace.
    static func hoursLong() -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        trace.start("Thread-1 (backup)", at: 0.5)
        trace.sleep("Thread-1 (backup)", at: 1, for: 7_200)
        trace.print("Thread-1 (backup)", at: 7_201, "backup done")
        for hour in 0..<3 {
            let t = Double(hour) * 3_600.01
            trace.print(main, at: t + 0.001, "hour \(hour)")
            trace.sleep(main, at: t + 0.002, for: 3_600)
        }
        trace.end(main, at: 10_800.1)
        return TimelineRun(title: "snippet 5 · Swift", events: trace.events, wallTime: 10_800.2)
    }

    /// Many threads: the first two behave differently, the other sixty-two alike.
    static func manyLanes(count: Int = 64) -> TimelineRun {
        var trace = TraceBuilder()
        let main = "MainThread"
        trace.start(main, at: 0)
        for index in 1...count {
            let lane = "Thread-\(index) (worker)"
            let begin = 0.0002 * Double(index)
            trace.start(lane, at: begin)
            switch index {
            case 1:
                trace.sleep(lane, at: begin, for: 0.5)
                trace.end(lane, at: begin + 0.5)
            case 2:
                trace.wait(lane, from: begin, to: 0.6, on: "lock")
                trace.sleep(lane, at: 0.6, for: 1)
                trace.end(lane, at: 1.6)
            default:
                trace.sleep(lane, at: begin, for: 2)
                trace.print(lane, at: begin + 2, "done")
                trace.end(lane, at: begin + 2.0001)
            }
        }
        trace.wait(main, from: 0.0002 * Double(count) + 0.001, to: 2.0135, on: "join Thread-1 (worker)")
        trace.end(main, at: 2.014)
        return TimelineRun(title: "\(count) threads · Swift", events: trace.events, wallTime: 2.015)
    }

    /// Names longer than any label column, alike at both ends.
    static func longNames() -> TimelineRun {
        var trace = TraceBuilder()
        let names = [
            "MainThread",
            "Thread-1 (download_every_page_of_the_archive_then_index_it)",
            "Thread-2 (download_every_page_of_the_archive_then_index_it)",
            "Thread-3 (summarise_the_archive)",
        ]
        for (index, lane) in names.enumerated() {
            trace.start(lane, at: 0.001 * Double(index))
            trace.sleep(lane, at: 0.001 * Double(index) + 0.0001, for: 0.5 + 0.25 * Double(index))
            trace.end(lane, at: 0.001 * Double(index) + 0.5001 + 0.25 * Double(index))
        }
        return TimelineRun(title: "long names · Swift", events: trace.events, wallTime: 1.26)
    }
}
