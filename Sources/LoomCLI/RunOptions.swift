import ArgumentParser

/// Options that mean the same for `loom build` and `loom run`.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Make every sleep this many times as long (0 < S ≤ 1) and report times scaled back.")
    var timeScale: Double = 1

    @Option(name: .long, help: "Seconds each snippet may run before it is stopped.")
    var timeout: Double = 60

    @Option(name: .long, help: "Run each snippet this many times; figures are the median with min–max.")
    var `repeat`: Int = 1

    @Flag(name: .long, help: "Also run the note's Python as written with python3, in a sandbox, for a side-by-side comparison (--python=unsafe: without one).")
    var python = false

    /// `--python=unsafe`, spelled so by `LoomCommand.arguments`: the note's Python runs unconfined.
    @Flag(name: .customLong("python-unsafe"), help: .hidden)
    var pythonUnsafe = false

    @Flag(name: .long, help: "Run every snippet again, even those whose recorded run still stands.")
    var rerun = false

    func validate() throws {
        guard timeScale > 0, timeScale <= 1 else { throw ValidationError("--time-scale must be above 0 and at most 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be above 0") }
        guard (1...1000).contains(`repeat`) else { throw ValidationError("--repeat must be from 1 to 1000") }
    }
}
