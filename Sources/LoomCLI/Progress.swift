import Foundation

/// Tells the user what long work is doing: a live line on a terminal, plain lines elsewhere.
final class Progress: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var current = ""
    private var started = Date()
    private var ticker: Thread?
    private var position = (done: 0, total: 0)
    private let quiet: Bool

    init(quiet: Bool = false) { self.quiet = quiet }

    func begin(total: Int) {
        lock.withLock { position = (0, total) }
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

    func update(note: String, step: String) {
        let line = lock.withLock { () -> String in
            started = Date()
            current = "[\(position.done + 1)/\(max(position.total, 1))] \(note) · \(step)"
            return current
        }
        if quiet { return }
        if isTerminal { redraw() } else { StandardError.write(line + "\n") }
    }

    func finishedNote() { lock.withLock { position.done += 1 } }

    /// A line that stays: printed above the live line.
    func say(_ text: String) {
        if quiet { return }
        if isTerminal { StandardError.write("\r\u{1B}[K" + text + "\n") } else { StandardError.write(text + "\n") }
    }

    func end() {
        ticker?.cancel()
        ticker = nil
        if isTerminal, !quiet { StandardError.write("\r\u{1B}[K") }
    }

    private func redraw() {
        let text = lock.withLock { current.isEmpty ? "" : current + String(format: " %.1f s", Date().timeIntervalSince(started)) }
        guard !text.isEmpty else { return }
        StandardError.write("\r\u{1B}[K" + text)
    }
}
