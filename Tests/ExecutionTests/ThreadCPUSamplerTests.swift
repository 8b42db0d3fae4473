import Foundation
import Testing
@testable import Execution

@Suite struct ThreadCPUSamplerTests {
    /// Burns about `seconds` of this thread's CPU time, measured by the kernel, not the wall clock.
    private func burnCPU(_ seconds: Double) -> Int {
        var spent = timespec()
        var start = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        var counter = 0
        repeat {
            for _ in 0..<10_000 { counter &+= 1 }
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spent)
        } while Double(spent.tv_sec - start.tv_sec) + Double(spent.tv_nsec - start.tv_nsec) / 1e9 < seconds
        return counter
    }

    private func sampleOwnThreads(source: ThreadCPUSampler.Source) -> [ThreadCPUSample] {
        var sampler = ThreadCPUSampler(startedAt: MonotonicClock.nanoseconds(), source: source)
        sampler.sample(pid: getpid(), at: MonotonicClock.nanoseconds())
        let baseline = sampler.samples.count
        _ = burnCPU(0.1)
        sampler.sample(pid: getpid(), at: MonotonicClock.nanoseconds())
        return Array(sampler.samples.dropFirst(baseline))
    }

    @Test func schedstatGivesCPUAndRunQueueWait() throws {
        try #require(ThreadCPUSampler.bestSource() == .schedstat)
        let samples = sampleOwnThreads(source: .schedstat)
        #expect(samples.reduce(0) { $0 + $1.cpuNanoseconds } >= 90_000_000)
        #expect(samples.allSatisfy { $0.runQueueWaitNanoseconds != nil })
    }

    @Test func statFallbackGivesCPUInClockTicks() {
        let ticks = UInt64(sysconf(Int32(_SC_CLK_TCK)))
        let samples = sampleOwnThreads(source: .stat(ticksPerSecond: ticks))
        // Clock-tick resolution: allow a few ticks of rounding at either reading.
        #expect(samples.reduce(0) { $0 + $1.cpuNanoseconds } >= 100_000_000 - 3 * 1_000_000_000 / ticks)
        #expect(samples.allSatisfy { $0.runQueueWaitNanoseconds == nil })
    }

    @Test func noSourceSaysWhyAndSamplesNothing() {
        var sampler = ThreadCPUSampler(startedAt: 0, source: nil)
        sampler.sample(pid: getpid(), at: 1)
        #expect(sampler.samples.isEmpty)
        #expect(sampler.unavailableReason?.contains("/proc") == true)
    }
}
