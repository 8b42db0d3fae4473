import Foundation

/// The run options as values, for the pipeline.
struct RunSettings: Sendable {
    var timeScale: Double = 1
    var timeout: Double = 60
    var repeats: Int = 1
    var python = false
    /// CPython runs without the sandbox (`--python=unsafe`).
    var pythonUnsafe = false
    var rerun = false
    /// Notes in flight at once in `loom build`; nil for the default, 1 to run everything alone.
    var jobs: Int?

    /// Four notes per core: a note that sleeps costs no processor, and CPU-bound runs are kept alone anyway.
    static var defaultJobs: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }

    init(_ options: RunOptions, jobs: Int? = nil) {
        self.jobs = jobs
        timeScale = options.timeScale
        timeout = options.timeout
        repeats = options.repeat
        python = options.python || options.pythonUnsafe
        pythonUnsafe = options.pythonUnsafe
        rerun = options.rerun
    }

    init() {}
}
