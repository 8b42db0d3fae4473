import LoomCore
@testable import Timeline
import SeededRandom


/// Traces of every shape the protocol allows, and a few it does not: lanes that never say they
/// ended, waits reaching back before the lane began, sleeps past the run's end.
enum RandomTraces {
    static let names = [
        "MainThread", "Thread-1 (do_something)", "Thread-2 (do_something)", "Thread-12 (worker)",
        "ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1", "ThreadPoolExecutor-1_0", "Task-1", "Task-2",
        "ForkPoolWorker-1", "Process-3", "T", "Thread-3 (a_function_with_a_name_far_longer_than_any_column)",
        "Thread-4 (a_function_with_a_name_far_longer_than_any_column)", "Tâche-5 (calculer_été)",
        "下载线程-1 (获取页面)", "🧵 worker",
    ]
    static let waits = ["join Thread-1 (do_something)", "result", "lock", "queue", "event", "gather", "cpu"]

    static func run(using random: inout SeededGenerator) -> TimelineRun {
        let scale = [0.002, 0.3, 1.5, 10, 400, 9_000].randomElement(using: &random)!
        let laneCount = Int.random(in: 1...names.count, using: &random)
        let lanes = Array(names.shuffled(using: &random).prefix(laneCount))
        let measuresCPU = Bool.random(using: &random)
        var trace = TraceBuilder()
        for lane in lanes {
            let start = Double.random(in: 0...(scale / 2), using: &random)
            var t = start
            trace.start(lane, at: start)
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let length = Double.random(in: 0...(scale / 3), using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: trace.sleep(lane, at: t, for: length)
                case 1: trace.wait(lane, from: t, to: t + length, on: waits.randomElement(using: &random)!)
                case 2: trace.print(lane, at: t, "line at \(t)")
                default:
                    if measuresCPU { trace.cpu(lane, at: t + length, used: Double.random(in: 0...length, using: &random)) }
                }
                t += length
            }
            if Bool.random(using: &random) { trace.end(lane, at: t) }
        }
        let wall = Bool.random(using: &random) ? nil : Double.random(in: 0...scale, using: &random)
        return TimelineRun(title: "random · \(laneCount) lanes", events: trace.events, wallTime: wall)
    }
}
