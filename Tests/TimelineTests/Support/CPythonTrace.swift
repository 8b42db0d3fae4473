import Foundation
import ProgramFixtures
import LoomCore

/// Runs Python code under `python3` with a minimal tracer that speaks the run protocol's trace
/// lines (start, end, sleep, print), so lane names and print order come from CPython itself.
enum CPythonTrace {
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
            || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3")
    }

    /// Sleeps last `timeScale` of their time; reported times are scaled back, as the protocol says.
    static let tracer = #"""
    import builtins, json, sys, threading, time
    SCALE = float(sys.argv[1])
    _t0 = time.perf_counter()
    _lock = threading.Lock()
    _sleep, _run, _print = time.sleep, threading.Thread.run, builtins.print

    def emit(kind, **fields):
        event = {"cell": 1, "kind": kind, "t": (time.perf_counter() - _t0) / SCALE,
                 "lane": threading.current_thread().name, **fields}
        with _lock:
            sys.stderr.write(json.dumps(event) + "\n")

    def sleep(seconds):
        emit("sleep", duration=seconds)
        _sleep(seconds * SCALE)

    def run(self):
        emit("start", tid=threading.get_native_id())
        try:
            _run(self)
        finally:
            emit("end")

    def traced_print(*args, **kwargs):
        _print(*args, **kwargs)
        emit("print", text=" ".join(map(str, args)))

    time.sleep, threading.Thread.run, builtins.print = sleep, run, traced_print
    emit("start", tid=threading.get_native_id())
    exec(compile(sys.stdin.read(), "<snippet>", "exec"), {"__name__": "__main__"})
    emit("end")
    """#

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func events(running code: String, timeScale: Double = 0.01) throws -> [TraceEvent] {
        let result = ToolRun.run("python3", ["-c", tracer, String(timeScale)], input: Data(code.utf8), timeout: 600)
        guard result.status == 0 else {
            throw Failure(description: result.startFailure ?? result.stderr)
        }
        let traceData = Data(result.stderr.utf8)
        let decoder = JSONDecoder()
        return try String(decoding: traceData, as: UTF8.self).split(separator: "\n").map {
            try decoder.decode(TraceEvent.self, from: Data($0.utf8))
        }
    }
}
