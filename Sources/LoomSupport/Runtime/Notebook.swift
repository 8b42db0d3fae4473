#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The entry point of a translated note: each snippet is a cell, run in note order.
///
///     @main struct Note {
///         static func main() { runCells([cell1, cell2, cell3]) }
///     }
///
/// Speaks the run protocol: `--from K` starts at cell K; markers, trace lines and the output cap
/// follow the environment Loom sets. A Python exception escaping a cell prints CPython's
/// traceback to stderr and ends that cell only. A cell ends when every non-daemon thread it
/// started has ended, as a script does. `SystemExit` ends the cell; with a code other than 0 it ends the
/// program with that code.
public func runCells(_ cells: [() throws -> Void], arguments: [String] = CommandLine.arguments) {
    // Swift's own `print` (for values that are not PythonPrintable) must not buffer either.
    setvbuf(stdout, nil, _IONBF, 0)
    setvbuf(stderr, nil, _IONBF, 0)
    var first = 1
    if let flag = arguments.firstIndex(of: "--from"), flag + 1 < arguments.count, let from = Int(arguments[flag + 1]) {
        first = max(1, from)
    }
    for (offset, cell) in cells.enumerated() where offset + 1 >= first {
        if let exit = runCell(number: offset + 1, cell) {
            // A cell that ends with `SystemExit(0)` (`unittest.main()` whose tests passed, `sys.exit()`)
            // succeeded: the session goes on in this process, as CPython's goes on after it with the
            // session's definitions. Any other code ends the program with it.
            if exit.code == 0 && exit.message == nil && offset + 1 < cells.count { continue }
            if let message = exit.message { Output.writeUncapped(message + "\n", to: .stderr) }
            Glibc_or_Darwin_exit(Int32(truncatingIfNeeded: exit.code))
        }
    }
}

/// Runs one cell; returns the `SystemExit` that ended it, if any.
func runCell(number: Int, _ cell: () throws -> Void) -> SystemExit? {
    SourcePositions.runningCell = number
    cellState.withLock { state in
        state = CellState()
        state.cell = number
    }
    if RunSettings.current.cellMarkers {
        Output.writeUncapped("\u{1E}loom-cell \(number)\n", to: .stdout)
        Output.writeUncapped("\u{1E}loom-cell \(number)\n", to: .stderr)
    }
    Trace.emit("cell-begin", at: 0)
    Trace.emit("start", lane: Lane.currentThreadName, tid: Lane.nativeThreadID)
    var failure: String?
    var exit: SystemExit?
    do {
        try cell()
    } catch let systemExit as SystemExit {
        exit = systemExit
        if systemExit.code != 0 { failure = "SystemExit: \(systemExit.message ?? String(systemExit.code))" }
    } catch let dynamic as PyException where dynamic.systemExit != nil {
        // `raise SystemExit(n)` / `sys.exit(n)` in a dynamic cell ends the program as the static form does.
        let systemExit = dynamic.systemExit!
        exit = systemExit
        if systemExit.code != 0 { failure = "SystemExit: \(systemExit.message ?? String(systemExit.code))" }
    } catch {
        // The error that ended the cell is always shown, even past the output cap.
        Output.writeUncapped(tracebackText(error, cell: number), to: .stderr)
        failure = exceptionLine(error)
    }
    ThreadRegistry.waitForNonDaemonThreads()
    Trace.emit("end", lane: Lane.currentThreadName)
    Output.writeTruncationNotices()
    if let failure {
        Trace.emit("cell-end", text: "error", exception: failure)
    } else {
        Trace.emit("cell-end", text: "ok")
    }
    return exit
}

private func Glibc_or_Darwin_exit(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}
