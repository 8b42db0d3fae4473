import LoomCore

/// The content hash that names a snippet's run in the record: the Python source and every version
/// that could change what runs or how it measures.
public func snippetContentHash(
    pythonSource: String, translatorVersion: String, swiftVersion: String, pythonVersion: String?
) -> String {
    var hasher = SHA256()
    // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
    for part in ["snippet", pythonSource, translatorVersion, swiftVersion, pythonVersion ?? "-"] {
        hasher.update("\(part.utf8.count):\(part)")
    }
    return hasher.finalize()
}

extension RunRecord {
    /// Why the snippet must run now, in words for the user; nil when its recorded run stands (same
    /// content, and it succeeded). A failure recorded last time is always a reason to run again.
    public func reasonToRun(note: String, index: Int, contentHash: String, rerunRequested: Bool) -> String? {
        if rerunRequested { return "a rerun was asked for" }
        if reusableSnippet(withContentHash: contentHash) != nil { return nil }
        if let recorded = snippet(withContentHash: contentHash) {
            let status = recorded.cellStatus.map { [$0.name, $0.detail].compactMap { $0 }.joined(separator: " ") }
                ?? recorded.status
            return "its last run did not succeed (\(status))"
        }
        let previous = notes.first { $0.note == note }?.snippets.first { $0.index == index }
        return previous == nil ? "it has not run before" : "it changed since its last run"
    }
}

/// Whether a run kept a processor busy, judged from its trace: such a run is disturbed by anything else the
/// machine does at the same time, so Loom runs it alone; a run that mostly sleeps or waits is not, and may
/// run beside other notes' sleeping runs.
public enum CPUDemand {
    /// Seconds of CPU below which no run is called CPU-bound: a print or a definition is over before
    /// another program could slow it.
    public static let minimumCPUSeconds = 0.01
    /// The share of its wall time a run must spend on a processor (all its threads together) to be CPU-bound.
    public static let minimumShare = 0.2

    /// Seconds the run's threads spent on a processor, from its sampled `cpu` events.
    public static func onCPUSeconds(_ events: [TraceEvent]) -> Double {
        events.reduce(0) { $1.kind == .cpu ? $0 + ($1.duration ?? 0) : $0 }
    }

    /// `timeScale`: the scale the run was made at. Its times are scaled back (a 2 ms burst of a run at 0.1
    /// reads as 20 ms), so the real CPU time is what is weighed against `minimumCPUSeconds`.
    /// Seconds the run's threads were ready to run but waited for a processor (`wait` events on `cpu`).
    public static func runQueueSeconds(_ events: [TraceEvent]) -> Double {
        events.reduce(0) { $1.kind == .wait && $1.text == "cpu" ? $0 + ($1.duration ?? 0) : $0 }
    }

    /// Time on a processor and time waiting for one both count towards the share: on a machine busy with
    /// other work a loop gets only part of a core, yet it is no less CPU-bound.
    public static func isCPUBound(events: [TraceEvent], seconds: Double?, timeScale: Double = 1) -> Bool {
        let onCPU = onCPUSeconds(events)
        guard onCPU * timeScale >= minimumCPUSeconds else { return false }
        guard let seconds, seconds > 0 else { return true }
        return onCPU + runQueueSeconds(events) >= minimumShare * seconds
    }
}
