import Foundation

/// Runs a note's cells in one CPython session, as Loom's CPython harness does: cell markers on
/// stdout, every non-daemon thread joined at a cell's end, and `time` scaled like the Swift run
/// (sleeps shortened, readings scaled back) with each sleep recorded for the concurrency shape.
enum PythonNote {
    struct Run {
        var stdoutByCell: [Int: [String]]
        /// Per cell: (start, requested duration) of each sleep, in unscaled seconds.
        var sleeps: [Int: [(start: Double, duration: Double)]]
        var stderr: String
        var stderrByCell: [Int: [String]] { NoteProgram.splitByMarkers(stderr) }
    }

    static let harness = #"""
    import json, sys, threading, time, traceback
    SCALE = float(sys.argv[2])
    cells = json.load(open(sys.argv[1]))
    numbers = json.load(open(sys.argv[4]))
    _sleep, _perf, _mono, _wall = time.sleep, time.perf_counter, time.monotonic, time.time
    origin, wall_origin = _perf(), _wall()
    import os
    lock, current = threading.Lock(), [0]
    # Appended with one write each, so sleeps in forked worker processes are recorded too.
    events_fd = os.open(sys.argv[3], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    def record(seconds):
        os.write(events_fd, (json.dumps([current[0], (_perf() - origin) / SCALE, seconds]) + "\n").encode())
    def sleep(seconds):
        record(seconds)
        _sleep(seconds * SCALE)
    time.sleep = sleep
    time.perf_counter = lambda: _perf() / SCALE
    time.monotonic = lambda: _mono() / SCALE
    time.time = lambda: wall_origin + (_perf() - origin) / SCALE
    import concurrent.futures, queue
    def scaled(function, position):
        # Timeouts are scaled like sleeps, as the support library scales them.
        def wrapper(*args, **kwargs):
            if kwargs.get("timeout") is not None:
                kwargs["timeout"] = kwargs["timeout"] * SCALE
            elif len(args) > position and args[position] is not None:
                args = list(args)
                args[position] = args[position] * SCALE
            return function(*args, **kwargs)
        return wrapper
    threading.Thread.join = scaled(threading.Thread.join, 1)
    threading.Event.wait = scaled(threading.Event.wait, 1)
    threading.Barrier.wait = scaled(threading.Barrier.wait, 1)
    queue.Queue.get = scaled(queue.Queue.get, 2)
    queue.Queue.put = scaled(queue.Queue.put, 3)
    concurrent.futures.Future.result = scaled(concurrent.futures.Future.result, 1)
    concurrent.futures.Future.exception = scaled(concurrent.futures.Future.exception, 1)
    concurrent.futures.as_completed = scaled(concurrent.futures.as_completed, 1)
    concurrent.futures.wait = scaled(concurrent.futures.wait, 1)
    import asyncio
    _async_sleep = asyncio.sleep
    async def scaled_async_sleep(delay, result=None):
        record(delay)
        return await _async_sleep(delay * SCALE, result)
    asyncio.sleep = scaled_async_sleep
    asyncio.wait_for = scaled(asyncio.wait_for, 1)
    import builtins
    _print = builtins.print
    def atomic_print(*args, sep=" ", end="\n", file=None, flush=False):
        # One write per call, as the run protocol asks of translated programs; CPython's own print
        # writes the text and the end separately, so threads interleave mid-line.
        if file is None or file is sys.stdout:
            # Straight to the descriptor: no buffer lock that a fork could leave held in the child.
            os.write(1, ((" " if sep is None else sep).join(map(str, args)) + ("\n" if end is None else end)).encode())
        else:
            _print(*args, sep=sep, end=end, file=file, flush=flush)
    builtins.print = atomic_print
    # Cells run in the real `__main__`, so multiprocessing can find their functions by name.
    scope = vars(sys.modules["__main__"])
    # The session's own arguments are not the cells': they see `sys.argv == ['']`, as under Loom's
    # harness and in a translated program (what `unittest.main()` reads).
    sys.argv[:] = [""]
    for number, code in zip(numbers, cells):
        current[0] = number
        sys.stdout.write("\x1eloom-cell %d\n" % number)
        sys.stdout.flush()
        sys.stderr.write("\x1eloom-cell %d\n" % number)
        sys.stderr.flush()
        try:
            exec(compile(code, "<cell %d>" % number, "exec"), scope)
        except SystemExit:
            pass
        except BaseException:
            traceback.print_exc()
        for thread in threading.enumerate():
            if thread is not threading.main_thread() and not thread.daemon:
                thread.join()
        sys.stdout.flush()
    """#

    /// Runs `cells` in one interpreter; `numbers` are their cell numbers (default 1, 2, …).
    static func run(_ cells: [String], numbers: [Int]? = nil) throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("harness.py")
        // Inside a function, the harness's own names cannot collide with the cells' globals.
        let wrapped = "def _loom_main():\n" + harness.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n") + "\n_loom_main()\n"
        try wrapped.write(to: script, atomically: true, encoding: .utf8)
        let cellsFile = directory.appendingPathComponent("cells.json")
        try JSONSerialization.data(withJSONObject: cells).write(to: cellsFile)
        let numbersFile = directory.appendingPathComponent("numbers.json")
        try JSONSerialization.data(withJSONObject: numbers ?? Array(1...max(cells.count, 1)).prefix(cells.count).map { $0 }).write(to: numbersFile)
        let eventsFile = directory.appendingPathComponent("sleeps.json")
        let result = try Shell.run("python3", [script.path, cellsFile.path, String(NoteProgram.timeScale), eventsFile.path, numbersFile.path],
                                   in: directory, allowFailure: true, environment: ["PYTHONUNBUFFERED": "1"], timeout: 120)
        var sleeps: [Int: [(start: Double, duration: Double)]] = [:]
        if let text = try? String(contentsOf: eventsFile, encoding: .utf8) {
            let events = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any] }
            for event in events {
                guard let cell = event[0] as? Int, let start = (event[1] as? NSNumber)?.doubleValue,
                      let duration = (event[2] as? NSNumber)?.doubleValue else { continue }
                sleeps[cell, default: []].append((start, duration))
            }
        }
        return Run(stdoutByCell: NoteProgram.splitByMarkers(result.stdout), sleeps: sleeps, stderr: result.stderr)
    }
}

/// The concurrency shape of a cell, read from its sleeps rather than from wall-clock time.
enum ConcurrencyShape {
    /// The most sleeps in progress at one moment (sleeps that merely touch end to end do not count).
    static func maximumOverlap(_ sleeps: [(start: Double, duration: Double)]) -> Int {
        // Scaled runs carry jitter of a few milliseconds, which scaled back is a tenth of a second or more;
        // the corpus sleeps at least half a second where overlap matters.
        let tolerance = 0.2
        var best = 0
        for probe in sleeps {
            // Probing at each start: every sleep begun by then and not about to end overlaps it.
            let moment = probe.start
            let active = sleeps.filter { $0.start <= moment && $0.start + $0.duration > moment + tolerance }.count
            best = max(best, active)
        }
        return best
    }

    static func sleeps(inTrace trace: [[String: Any]], cell: Int) -> [(start: Double, duration: Double)] {
        trace.compactMap { event in
            guard event["cell"] as? Int == cell, event["kind"] as? String == "sleep",
                  let t = (event["t"] as? NSNumber)?.doubleValue, let duration = (event["duration"] as? NSNumber)?.doubleValue
            else { return nil }
            return (t, duration)
        }
    }
}
