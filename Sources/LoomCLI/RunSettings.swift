/// The run options as values, for the pipeline.
struct RunSettings: Sendable {
    var timeScale: Double = 1
    var timeout: Double = 60
    var repeats: Int = 1
    var python = false
    var rerun = false

    init(_ options: RunOptions) {
        timeScale = options.timeScale
        timeout = options.timeout
        repeats = options.repeat
        python = options.python
        rerun = options.rerun
    }

    init() {}
}
