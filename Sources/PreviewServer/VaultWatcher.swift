import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when files under a folder change: through inotify on Linux (every folder watched, new folders
/// added as they appear), by comparing the tree's sizes and times every quarter second elsewhere. Bursts
/// (an editor's save is often several writes and a rename) come out as one call, `settle` after the last.
public final class VaultWatcher: @unchecked Sendable {
    public let folder: String
    private let settle: TimeInterval
    private let onChange: @Sendable () -> Void
    private let queue = DispatchQueue(label: "loom.vault-watcher")
    private var thread: Thread?
    private let stopped = LockedValue(false)
    #if os(Linux)
    private var inotify: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var stopPipe: [Int32] = [-1, -1]
    #endif

    /// How it watches: `inotify` or `polling`.
    public private(set) var method = "polling"

    public init(folder: String, settle: TimeInterval = 0.03, onChange: @escaping @Sendable () -> Void) {
        self.folder = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        self.settle = settle
        self.onChange = onChange
    }

    /// Starts watching; `forcePolling` uses polling even where inotify exists (for tests of both).
    public func start(forcePolling: Bool = false) {
        #if os(Linux)
        if !forcePolling, startInotify() { return }
        #endif
        method = "polling"
        let thread = Thread { [self] in pollLoop() }
        thread.name = "loom.watch.poll"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        stopped.withLock { $0 = true }
        #if os(Linux)
        if stopPipe[1] >= 0 {
            var byte: UInt8 = 1
            _ = write(stopPipe[1], &byte, 1)
        }
        #endif
    }

    // MARK: Coalescing

    private var pending = false
    private var lastEvent = Date.distantPast

    private func changed() {
        queue.async { [self] in
            lastEvent = Date()
            guard !pending else { return }
            pending = true
            fireWhenSettled()
        }
    }

    /// Polling sees a burst that straddles two scans as two changes a scan apart, so there a burst has
    /// settled only once a whole scan more has found nothing new.
    private var effectiveSettle: TimeInterval { method == "polling" ? max(settle, Self.pollInterval * 1.5) : settle }

    private func fireWhenSettled() {
        let wait = effectiveSettle - Date().timeIntervalSince(lastEvent)
        if wait > 0 {
            queue.asyncAfter(deadline: .now() + wait) { [self] in fireWhenSettled() }
            return
        }
        pending = false
        if !stopped.withLock({ $0 }) { onChange() }
    }

    // MARK: inotify

    #if os(Linux)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private func startInotify() -> Bool {
        inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { return false }
        guard pipe(&stopPipe) == 0 else { return false }
        addWatches(under: folder)
        method = "inotify"
        let thread = Thread { [self] in inotifyLoop() }
        thread.name = "loom.watch.inotify"
        self.thread = thread
        thread.start()
        return true
    }

    private func addWatches(under root: String) {
        var folders = [root]
        while let current = folders.popLast() {
            let descriptor = inotify_add_watch(inotify, current, Self.mask)
            if descriptor >= 0 { watches[descriptor] = current }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names where !name.hasPrefix(".") {
                let path = current + "/" + name
                var status = stat()
                if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { folders.append(path) }
            }
        }
    }

    private func inotifyLoop() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer {
            close(inotify)
            close(stopPipe[0])
            close(stopPipe[1])
        }
        while !stopped.withLock({ $0 }) {
            var descriptors = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            if descriptors[1].revents != 0 { return }
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var relevant = false
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (descriptor, mask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                    return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                // Hidden files (an editor's swap files, git's) are no part of the vault.
                if name.hasPrefix(".") { continue }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watches[descriptor] {
                    addWatches(under: parent + "/" + name)
                }
                if mask & UInt32(IN_IGNORED) != 0 { watches[descriptor] = nil }
                relevant = true
            }
            if relevant { changed() }
        }
    }
    #endif

    // MARK: Polling

    static let pollInterval: TimeInterval = 0.25

    private func pollLoop() {
        var last = snapshot()
        while !stopped.withLock({ $0 }) {
            Thread.sleep(forTimeInterval: Self.pollInterval)
            let now = snapshot()
            if now != last {
                last = now
                changed()
            }
        }
    }

    /// Every file's path with its size and modification time.
    func snapshot() -> [String: [Int]] {
        var files: [String: [Int]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = walker.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var status = stat()
            guard lstat(folder + "/" + relative, &status) == 0 else { continue }
            #if os(Linux)
            let modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
            #else
            let modified = Int(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int(status.st_mtimespec.tv_nsec)
            #endif
            files[relative] = [Int(status.st_size), modified, Int(status.st_ino)]
        }
        return files
    }
}
