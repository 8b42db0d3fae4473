import Foundation

/// Tells the user what long work is doing: on a terminal, a live block with one line per note in flight
/// (`[12/200] 3 in flight` over `  threads.md · running 1.4 s`); elsewhere, one plain line per step.
final class Progress: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    /// Notes in flight, in the order they started, with their step and when it began.
    private var inFlight: [(note: String, step: String, started: Date)] = []
    private var ticker: Thread?
    private var position = (done: 0, total: 0)
    /// Lines the live block takes on the terminal now.
    private var drawnLines = 0
    private let quiet: Bool
    /// Lines of notes shown at most; the rest are counted.
    static let shownNotes = 12

    init(quiet: Bool = false) { self.quiet = quiet }

    /// Starts counting `total` notes; what was shown before (the support library's step) is done.
    func begin(total: Int) {
        lock.withLock {
            position = (0, total)
            inFlight = []
        }
        guard isTerminal, !quiet else { return }
        let thread = Thread { [weak self] in
            while let self, !Thread.current.isCancelled {
                self.redraw()
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        ticker = thread
        thread.start()
    }

    /// Sets what `note` is doing now; a note not yet in flight joins.
    func update(note: String, step: String) {
        let line = lock.withLock { () -> String in
            if let index = inFlight.firstIndex(where: { $0.note == note }) {
                inFlight[index].step = step
                inFlight[index].started = Date()
            } else {
                inFlight.append((note, step, Date()))
            }
            return "[\(position.done + 1)/\(max(position.total, 1))] \(note) · \(step)"
        }
        if quiet { return }
        if isTerminal { redraw() } else { StandardError.write(line + "\n") }
    }

    /// `note` is done: it leaves the block and counts as finished.
    func finished(note: String) {
        lock.withLock {
            inFlight.removeAll { $0.note == note }
            position.done += 1
        }
    }

    /// A line that stays: printed above the live block.
    func say(_ text: String) {
        if quiet { return }
        guard isTerminal else { return StandardError.write(text + "\n") }
        lock.withLock {
            StandardError.write(eraseBlock() + text + "\n")
            drawnLines = 0
        }
        redraw()
    }

    func end() {
        ticker?.cancel()
        ticker = nil
        guard isTerminal, !quiet else { return }
        lock.withLock {
            StandardError.write(eraseBlock())
            drawnLines = 0
        }
    }

    /// Moves to the block's first line and clears from there down.
    private func eraseBlock() -> String {
        drawnLines > 1 ? "\r\u{1B}[\(drawnLines - 1)A\u{1B}[J" : "\r\u{1B}[J"
    }

    private func redraw() {
        guard isTerminal, !quiet else { return }
        lock.withLock {
            guard !inFlight.isEmpty else { return }
            let now = Date()
            func line(_ entry: (note: String, step: String, started: Date)) -> String {
                entry.note + " · " + entry.step + String(format: " %.1f s", now.timeIntervalSince(entry.started))
            }
            var lines: [String]
            if inFlight.count == 1 {
                lines = ["[\(position.done + 1)/\(max(position.total, 1))] " + line(inFlight[0])]
            } else {
                lines = ["[\(position.done)/\(max(position.total, 1)) done] \(inFlight.count) notes in flight"]
                lines += inFlight.prefix(Self.shownNotes).map { "  " + line($0) }
                if inFlight.count > Self.shownNotes { lines.append("  … and \(inFlight.count - Self.shownNotes) more") }
            }
            let columns = Self.terminalColumns()
            let clipped = lines.map { $0.count > columns - 1 ? String($0.prefix(columns - 2)) + "…" : $0 }
            StandardError.write(eraseBlock() + clipped.joined(separator: "\n"))
            drawnLines = clipped.count
        }
    }

    private static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 else { return 80 }
        return Int(size.ws_col)
    }
}
