import Dispatch
import Foundation

/// Writes pages on one thread while the rendering threads go on. Creating a file takes its folder's lock
/// in the kernel: two threads creating pages in one folder at once spent their time spinning on that
/// lock (8% of a 10,000-note build's CPU) instead of rendering.
final class PageWriter: @unchecked Sendable {
    private let folder: SiteFolder
    private let queue = DispatchQueue(label: "loom.page-writer")
    /// Bounds the rendered pages waiting to be written, so memory stays flat when writing is the slower side.
    private let room: DispatchSemaphore
    private let lock = NSLock()
    private var firstFailure: (any Error)?

    init(folder: SiteFolder, waitingPages: Int = 64) {
        self.folder = folder
        room = DispatchSemaphore(value: waitingPages)
    }

    /// Hands a page over; waits only while `waitingPages` pages are already waiting.
    func write(_ bytes: [UInt8], to relativePath: String) {
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard lock.withLock({ firstFailure == nil }) else { return }
            do {
                try folder.write(bytes, to: relativePath)
            } catch {
                lock.withLock { firstFailure = error }
            }
        }
    }

    /// Waits until every page handed over is written; throws the first failure, after which nothing more
    /// was written.
    func finish() throws {
        queue.sync {}
        if let failure = lock.withLock({ firstFailure }) { throw failure }
    }
}
