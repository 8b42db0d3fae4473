// Measures what the execution stage itself costs, so the timings Loom reports can be judged against it.
// Run with `swift run -c release ExecutionBenchmarks [scratch folder]`.
import Execution
import Foundation

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

/// Peak resident memory of this process so far (VmHWM), in MiB.
func peakResidentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return .nan }
    return kib / 1024
}

func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func write(script name: String, _ contents: String, in folder: String) -> String {
    let path = "\(folder)/\(name)"
    try! contents.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
}

let folder = CommandLine.arguments.dropFirst().first ?? NSTemporaryDirectory() + "loom-execution-bench"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

func openDescriptors() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1 }
let descriptorsAtStart = openDescriptors()

// 1. Spawn + collect of a trivial program.
let configurations: [(String, ResourceLimits?, Bool)] = [
    ("direct, no escape scan", nil, false),
    ("direct", nil, true),
    ("through the ulimit shim", .standard, true),
]
for (label, limits, scans) in configurations {
    var outside: [Double] = []
    var inside: [Double] = []
    for _ in 0..<300 {
        let start = Date()
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: "/bin/true", limits: limits, killsEscapedProcesses: scans))
        outside.append(Date().timeIntervalSince(start))
        inside.append(result.wallSeconds)
    }
    print("overhead /bin/true \(label): median \(milliseconds(median(outside))) (min \(milliseconds(outside.min()!)), p90 \(milliseconds(percentile(outside, 0.9)))), child wall median \(milliseconds(median(inside))) over 300 runs")
}

// 2. CPU sampling: what the parent spends per second of a child with 8 busy threads.
let busy = write(script: "busy.py", """
    #!/usr/bin/env python3
    import threading, time
    def spin():
        end = time.perf_counter() + 2
        while time.perf_counter() < end:
            pass
    threads = [threading.Thread(target=spin) for _ in range(8)]
    [t.start() for t in threads]; [t.join() for t in threads]
    """, in: folder)
for interval in [nil, 0.01] as [Double?] {
    let cpuBefore = processCPUSeconds()
    let result = ChildProcessRunner.run(ChildProcessRequest(executable: busy, cpuSamplingInterval: interval))
    let parentCPU = processCPUSeconds() - cpuBefore
    let sampled = result.cpuSamples.reduce(0) { $0 + Double($1.cpuNanoseconds) } / 1e9
    print("sampling \(interval.map { "every \($0 * 1000) ms" } ?? "off"): child wall \(String(format: "%.3f", result.wallSeconds)) s, parent CPU \(milliseconds(parentCPU)) (\(milliseconds(parentCPU / result.wallSeconds)) per child second), \(result.cpuSamples.count) thread samples, sampled child CPU \(String(format: "%.3f", sampled)) s")
}

// 2b. Does sampling slow the child? A fixed amount of single-threaded work, alternately with and without.
let work = write(script: "work.py", """
    #!/usr/bin/env python3
    total = 0
    for i in range(3_000_000):
        total += i * i
    """, in: folder)
var timings: [Bool: [Double]] = [false: [], true: []]
for round in 0..<20 {
    let sampled = round % 2 == 1
    let result = ChildProcessRunner.run(ChildProcessRequest(executable: work, cpuSamplingInterval: sampled ? 0.01 : nil))
    timings[sampled]!.append(result.wallSeconds)
}
print("fixed work, child wall median (min): unsampled \(milliseconds(median(timings[false]!))) (\(milliseconds(timings[false]!.min()!))), sampled every 10 ms \(milliseconds(median(timings[true]!))) (\(milliseconds(timings[true]!.min()!))), 10 alternating runs each")

// 3. Time-limit kills: from the deadline until the group is reaped.
let stubborn = write(script: "stubborn.sh", "#!/bin/sh\ntrap '' TERM\nsleep 100 & \nwhile :; do sleep 1; done\n", in: folder)
let plain = write(script: "plain.sh", "#!/bin/sh\nsleep 100\n", in: folder)
for (label, path) in [("obeys SIGTERM", plain), ("ignores SIGTERM (grace 0.2 s)", stubborn)] {
    var lateness: [Double] = []
    for _ in 0..<10 {
        let result = ChildProcessRunner.run(ChildProcessRequest(executable: path, timeLimit: 0.2, killGrace: 0.2))
        precondition(result.termination == .timedOut)
        lateness.append(result.wallSeconds - 0.2)
    }
    print("timeout kill, child \(label): deadline to reaped median \(milliseconds(median(lateness))), max \(milliseconds(lateness.max()!))")
}

// 4. Memory of Loom while a child prints 1 GiB (with newlines) and 100 MiB without one.
let flood = write(script: "flood.py", """
    #!/usr/bin/env python3
    import os, sys
    line = (b"x" * 1023 + b"\\n") * 1024
    block = b"y" * (1 << 20)
    if sys.argv[1] == "lines":
        for _ in range(1024): os.write(1, line)
    else:
        for _ in range(100): os.write(1, block)
    """, in: folder)
for (label, mode) in [("1 GiB in lines", "lines"), ("100 MiB without a newline", "noline")] {
    let before = peakResidentMiB()
    let start = Date()
    let result = ChildProcessRunner.run(ChildProcessRequest(executable: flood, arguments: [mode], timeLimit: 120))
    let seconds = Date().timeIntervalSince(start)
    let total = result.stdout.reduce(0) { $0 + $1.droppedBytes } + (1 << 20)
    print("flood \(label): \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", Double(total) / seconds / 1e6)) MB/s), peak RSS of this process \(String(format: "%.1f", before)) → \(String(format: "%.1f", peakResidentMiB())) MiB, kept \(result.stdout.first.map { $0.text.utf8.count } ?? 0) bytes")
}

print("descriptors open in this process: \(descriptorsAtStart) at start, \(openDescriptors()) after every run above")
