#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loop that watches one running child: one thread polls all its pipes, so no stream can fill up
/// and block the child while Loom waits on another.
struct ChildWatch {
    private enum Stream { case stdout, stderr, trace }

    private let request: ChildProcessRequest
    private let pid: pid_t
    private let spawnedAt: UInt64
    /// The environment token that finds processes which left the group; nil to skip the search.
    private let escapeToken: String?
    private var open: [(fd: Int32, stream: Stream)]
    private var stdout: SegmentedStream
    private var stderr: SegmentedStream
    private var trace: TraceLineCollector
    private var sampler: ThreadCPUSampler?
    private var exitStatus: ExitStatus?
    private var reapedAt: UInt64 = 0
    private var timedOutCell: Int?
    private var timedOut = false
    private var terminateSentAt: UInt64?
    private var killSent = false
    private var notes: [String] = []
    /// Nanoseconds between CPU samples; grows when sampling is dear, nil when not sampling (any more).
    private var samplingInterval: UInt64?

    /// How long output may stay open after the child exited and its group was killed: only a process
    /// that left the group (setsid) can hold it that long.
    private static let drainAfterExit: UInt64 = 1_000_000_000
    private static let exitCheckInterval: UInt64 = 50_000_000
    private static let slowestSamplingInterval: UInt64 = 1_000_000_000
    /// About 40 MB of samples; a run that would take more stops sampling rather than grow Loom.
    private static let mostCPUSamples = 1_000_000

    init(
        request: ChildProcessRequest, pid: pid_t, spawnedAt: UInt64,
        stdoutFD: Int32, stderrFD: Int32, traceFD: Int32?, escapeToken: String?
    ) {
        self.request = request
        self.pid = pid
        self.spawnedAt = spawnedAt
        self.escapeToken = escapeToken
        open = [(stdoutFD, .stdout), (stderrFD, .stderr)]
        if let traceFD { open.append((traceFD, .trace)) }
        stdout = SegmentedStream(capPerSegment: request.outputCap, splitsAtMarkers: request.splitsAtCellMarkers, startedAt: spawnedAt)
        stderr = SegmentedStream(capPerSegment: request.outputCap, splitsAtMarkers: request.splitsAtCellMarkers, startedAt: spawnedAt)
        trace = TraceLineCollector(totalCap: request.traceCap)
        if let interval = request.cpuSamplingInterval {
            samplingInterval = UInt64(max(interval, 0.001) * 1e9)
            let sampler = ThreadCPUSampler(startedAt: spawnedAt, followsSandbox: request.isSandbox)
            if let reason = sampler.unavailableReason { notes.append(reason) }
            self.sampler = sampler
        }
    }

    mutating func runToEnd() -> ChildProcessResult {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64 * 1024)
        defer { buffer.deallocate() }
        var nextSample = spawnedAt + (samplingInterval ?? 0)
        var drainDeadline: UInt64?
        var idleBackoff: UInt64 = 50_000

        while true {
            var now = MonotonicClock.nanoseconds()
            if exitStatus == nil {
                enforceTimeLimit(now: now)
                if let interval = samplingInterval, now >= nextSample {
                    samplingInterval = sampleKeepingCostDown(at: now, interval: interval)
                    nextSample = now + (samplingInterval ?? 0)
                }
                if hasExited(pid) {
                    reap()
                    now = MonotonicClock.nanoseconds()
                    drainDeadline = now + Self.drainAfterExit
                }
            }
            if open.isEmpty {
                if exitStatus != nil { break }
                // Every stream is closed but the child lives on: check back soon, more slowly each time.
                sleepNanoseconds(min(idleBackoff, wakeUpIn(now: now, nextSample: nextSample, sampling: samplingInterval != nil)))
                idleBackoff = min(idleBackoff * 2, 5_000_000)
                continue
            }
            if let drainDeadline, now >= drainDeadline {
                notes.append("output stayed open after the program ended: a process that left its group still held it")
                break
            }
            var wait = wakeUpIn(now: now, nextSample: nextSample, sampling: samplingInterval != nil)
            if let drainDeadline { wait = min(wait, drainDeadline - now) }
            pollAndRead(timeoutMilliseconds: Int32(max(1, (wait + 999_999) / 1_000_000)), buffer: buffer)
        }
        open.forEach { close($0.fd) }
        open = []
        return result()
    }

    /// Samples every thread, and returns the interval to use next: a child with very many threads makes
    /// each sample dear, and sampling must not take more than a tenth of Loom's time (or perturb the
    /// child it measures), so the interval doubles until it does not; nil once the sample cap is reached.
    private mutating func sampleKeepingCostDown(at now: UInt64, interval: UInt64) -> UInt64? {
        guard sampler != nil else { return nil }
        let before = MonotonicClock.nanoseconds()
        // In place: a copy of the sampler would copy all its samples on every append.
        sampler!.sample(pid: pid, at: now)
        let cost = MonotonicClock.nanoseconds() - before
        if sampler!.samples.count >= Self.mostCPUSamples {
            notes.append("CPU sampling stopped after \(Self.mostCPUSamples) samples")
            return nil
        }
        guard cost * 10 > interval, interval < Self.slowestSamplingInterval else { return interval }
        let slower = min(interval * 2, Self.slowestSamplingInterval)
        if !notes.contains(where: { $0.hasPrefix("CPU sampling slowed") }) {
            notes.append("CPU sampling slowed to every \(slower / 1_000_000) ms or more to keep its cost down")
        }
        return slower
    }

    private func deadline() -> UInt64 {
        let cellStart = max(stdout.segments.last!.startedAt, stderr.segments.last!.startedAt)
        let limit = stdout.segments.last!.cell.flatMap { request.cellTimeLimits[$0] } ?? request.timeLimit
        return max(spawnedAt, cellStart) + UInt64(max(0, limit) * 1e9)
    }

    private func wakeUpIn(now: UInt64, nextSample: UInt64, sampling: Bool) -> UInt64 {
        guard exitStatus == nil else { return Self.exitCheckInterval }
        var wait = Self.exitCheckInterval
        if sampling { wait = min(wait, nextSample > now ? nextSample - now : 0) }
        if let terminateSentAt {
            if !killSent {
                let killAt = terminateSentAt + UInt64(request.killGrace * 1e9)
                wait = min(wait, killAt > now ? killAt - now : 0)
            }
        } else {
            let limit = deadline()
            wait = min(wait, limit > now ? limit - now : 0)
        }
        return max(wait, 100_000)
    }

    private mutating func enforceTimeLimit(now: UInt64) {
        if terminateSentAt == nil, now >= deadline() {
            timedOut = true
            timedOutCell = [stdout.segments.last!, stderr.segments.last!].max { $0.startedAt < $1.startedAt }?.cell
            kill(-pid, SIGTERM)
            terminateSentAt = now
        }
        if let terminateSentAt, !killSent, now >= terminateSentAt + UInt64(request.killGrace * 1e9) {
            kill(-pid, SIGKILL)
            killSent = true
        }
    }

    /// Kills what is left of the group while the leader is still an unreaped zombie (so the group id
    /// cannot have been reused), then reaps the leader.
    private mutating func reap() {
        // The zombie still holds its threads' final CPU times; read them before they are gone.
        if sampler != nil { sampler!.sample(pid: pid, at: MonotonicClock.nanoseconds()) }
        kill(-pid, SIGKILL)
        // Once reaped, the group id may be reused: Loom's signal handler must no longer kill it.
        LiveProcessGroups.shared.remove(pid)
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(pid, &status, 0)
        } while result == -1 && errno == EINTR
        reapedAt = MonotonicClock.nanoseconds()
        if result == pid {
            exitStatus = ExitStatus(waitStatus: status)
        } else {
            exitStatus = .lost
            notes.append("the program's exit status was collected elsewhere in Loom and is unknown")
        }
        if let escapeToken {
            let escaped = EscapedProcesses.killAll(carrying: escapeToken)
            if escaped > 0 {
                notes.append("killed \(escaped) process(es) that had left the program's process group")
            }
        }
    }

    private mutating func pollAndRead(timeoutMilliseconds: Int32, buffer: UnsafeMutableBufferPointer<UInt8>) {
        var descriptors = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        guard ready > 0 else { return }
        var closed: Set<Int32> = []
        for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
            if readAvailable(from: open[index], into: buffer) {
                closed.insert(descriptor.fd)
            }
        }
        if !closed.isEmpty {
            for fd in closed { close(fd) }
            open.removeAll { closed.contains($0.fd) }
        }
    }

    /// Reads what is there (a bounded number of chunks, to stay fair to the other streams); true at end of stream.
    private mutating func readAvailable(from source: (fd: Int32, stream: Stream), into buffer: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        for _ in 0..<16 {
            let count = readFromDescriptor(source.fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                let chunk = UnsafeBufferPointer(rebasing: buffer[0..<count])
                let now = MonotonicClock.nanoseconds()
                switch source.stream {
                case .stdout:
                    let cellsBefore = stdout.segments.count
                    stdout.append(chunk, at: now)
                    if stdout.segments.count > cellsBefore, exitStatus == nil, samplingInterval != nil {
                        // Sampling at each cell's start keeps one cell's CPU out of the next one's.
                        sampler?.sample(pid: pid, at: stdout.segments.last!.startedAt)
                    }
                case .stderr: stderr.append(chunk, at: now)
                case .trace: trace.append(chunk)
                }
            } else if count == 0 {
                return true
            } else if errno == EINTR {
                continue
            } else {
                return errno != EAGAIN && errno != EWOULDBLOCK
            }
        }
        return false
    }

    private mutating func result() -> ChildProcessResult {
        stdout.finish()
        stderr.finish()
        trace.finish()
        let termination: ChildTermination
        switch exitStatus {
        case _ where timedOut: termination = .timedOut
        case .exited(let code): termination = .exited(code: code)
        case .signaled(let signal): termination = .crashed(signal: signal)
        case .lost: termination = .statusLost
        case nil: termination = .failedToStart(reason: "the child could not be waited for")
        }
        if trace.droppedLines > 0 {
            notes.append("\(trace.droppedLines) trace lines were dropped (too long, or past the trace cap)")
        }
        let spawnedAt = self.spawnedAt
        func captured(_ stream: SegmentedStream) -> [CapturedOutput] {
            stream.segments.enumerated().compactMap { index, segment in
                // The opening segment exists only to hold output before the first marker.
                if index == 0, segment.bytes.isEmpty, segment.droppedBytes == 0, stream.segments.count > 1 { return nil }
                return CapturedOutput(
                    cell: segment.cell, text: segment.text, droppedBytes: segment.droppedBytes,
                    startedAfter: MonotonicClock.seconds(from: spawnedAt, to: segment.startedAt))
            }
        }
        return ChildProcessResult(
            termination: termination,
            wallSeconds: MonotonicClock.seconds(from: spawnedAt, to: reapedAt),
            stdout: captured(stdout), stderr: captured(stderr),
            traceLines: trace.lines.map { String(decoding: $0, as: UTF8.self) },
            droppedTraceLines: trace.droppedLines,
            cpuSamples: sampler?.samples ?? [], spawnedAt: spawnedAt,
            timedOutCell: timedOutCell, notes: notes)
    }
}
