import Execution

/// No program Loom starts outlives it: leftovers of an earlier Loom that was killed are stopped before
/// anything runs, and the process groups running when Loom is interrupted or terminated are killed.
enum ProgramLifetime {
    static func begin(progress: Progress) {
        LiveProcessGroups.shared.killOnTermination()
        let leftovers = EscapedProcesses.killLeftovers()
        if leftovers > 0 {
            progress.say("loom: stopped \(leftovers) snippet process(es) an earlier, killed Loom had left running")
        }
    }
}
