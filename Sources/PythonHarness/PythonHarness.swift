import Foundation

/// Runs a note's own (repaired) Python under CPython, as cells of one session in note order,
/// speaking the run protocol the translated Swift programs speak, so the two runs can be shown
/// side by side.
///
/// Loom writes `script` and `cellsJSON(cells)` to files and runs
/// `python3 -X utf8 -u harness.py CELLS.json [--from K]` with the run protocol's environment
/// (`LOOM_TRACE_FD`, `LOOM_TIME_SCALE`, `LOOM_CELL_MARKERS`, `LOOM_OUTPUT_CAP`); the harness
/// also accepts `LOOM_TRACE_PATH=FILE` in place of `LOOM_TRACE_FD`.
public enum PythonHarness {
    /// The harness program (Python 3.8 or later): `harness.py` beside this file, embedded at build time.
    public static var script: String { embedded.first { $0.name == "harness.py" }?.contents ?? "" }

    /// The cells file the harness reads: `[{"file":…,"firstLine":…,"index":…,"source":…}, …]`.
    public static func cellsJSON(_ cells: [(index: Int, source: String, firstLine: Int, file: String)]) -> String {
        let objects = cells.map { cell in
            "{\"file\":\(JSONText.quoted(cell.file)),\"firstLine\":\(cell.firstLine),"
                + "\"index\":\(cell.index),\"source\":\(JSONText.quoted(cell.source))}"
        }
        return "[" + objects.joined(separator: ",") + "]"
    }

    /// `python3` on `PATH` with the version it reports (`3.11.7`); nil when there is none or it
    /// does not answer `--version` as CPython 3 does.
    public static func locatePython(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (path: String, version: String)? {
        guard let path = PythonLocator.executable(named: "python3", searchPath: environment["PATH"] ?? "") else {
            return nil
        }
        guard let version = PythonLocator.version(of: path, environment: environment) else { return nil }
        return (path, version)
    }
}
