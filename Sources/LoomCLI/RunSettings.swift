/// The run options as values, for the pipeline.
struct RunSettings: Sendable {
    var timeScale: Double = 1
    var timeout: Double = 60
    var repeats: Int = 1
    var python = false
    /// CPython runs without the sandbox (`--python=unsafe`).
    var pythonUnsafe = false
    var rerun = false

    init(_ options: RunOptions) {
        timeScale = options.timeScale
        timeout = options.timeout
        repeats = options.repeat
        python = options.python || options.pythonUnsafe
        pythonUnsafe = options.pythonUnsafe
        rerun = options.rerun
    }

    init() {}
}
