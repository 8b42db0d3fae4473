import CAtomicRename
import Foundation
import Testing
@testable import LoomCLI

/// A scratch folder for a site built straight through `SiteFolder`, without notes.
private struct ScratchSite {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-site-\(UUID().uuidString)")
    var site: URL { root.appendingPathComponent("site") }
    var staging: URL { root.appendingPathComponent("site.loom-staging") }

    init() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// One build: stages `page` as index.html and commits it.
    func build(_ page: String, exchange: ((String, String) -> Int32)? = nil) throws {
        let folder = SiteFolder(destination: site)
        _ = try folder.prepare(force: false)
        try folder.write(Array(page.utf8), to: "index.html")
        if let exchange { try folder.commit(exchange: exchange) } else { try folder.commit() }
    }

    func page() throws -> String {
        try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
    }

    /// Whatever a build left beside the site (the lock file aside).
    var leftovers: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0 != "site" && !$0.hasSuffix(".loom-lock") }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Whether the temporary folder's file system exchanges two paths in one step (tmpfs, ext4, btrfs and
/// xfs do; others answer EINVAL, and the swap falls back to renames there).
private let temporaryFolderExchanges: Bool = {
    guard let scratch = try? ScratchSite() else { return false }
    defer { scratch.remove() }
    let first = scratch.root.appendingPathComponent("a").path
    let second = scratch.root.appendingPathComponent("b").path
    guard mkdir(first, 0o755) == 0, mkdir(second, 0o755) == 0 else { return false }
    return loom_exchange_paths(first, second) == 0
}()

/// Counts the times a watching thread found the site's page missing while it watched.
private final class PageWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var missing = 0
    private var looks = 0
    private let started = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    func start(watching path: String) {
        let thread = Thread { [self] in
            started.signal()
            var status = stat()
            while !lock.withLock({ stopped }) {
                let found = stat(path, &status) == 0
                lock.withLock {
                    looks += 1
                    if !found { missing += 1 }
                }
            }
            finished.signal()
        }
        thread.start()
        started.wait()
    }

    func stop() -> (looks: Int, missing: Int) {
        lock.withLock { stopped = true }
        finished.wait()
        return lock.withLock { (looks, missing) }
    }
}

@Suite struct SiteFolderTests {
    /// A thread looks for the page throughout two hundred swaps: with the exchange, no look may miss it.
    /// (A look that happens to fall between two renames is the only way to see the gap, so this test can
    /// only fail when the gap exists, never pass because of one.)
    @Test(.enabled(if: temporaryFolderExchanges))
    func theSiteNeverGoesMissingDuringASwap() throws {
        let scratch = try ScratchSite()
        defer { scratch.remove() }
        try scratch.build("version 0")
        let watcher = PageWatcher()
        watcher.start(watching: scratch.site.appendingPathComponent("index.html").path)
        for version in 1...200 { try scratch.build("version \(version)") }
        let seen = watcher.stop()
        #expect(seen.looks > 0)
        #expect(seen.missing == 0, "the page was missing \(seen.missing) times in \(seen.looks) looks")
        #expect(try scratch.page() == "version 200")
        #expect(scratch.leftovers.isEmpty, "\(scratch.leftovers)")
    }

    @Test func aFileSystemThatCannotExchangeGetsTheTwoRenames() throws {
        let scratch = try ScratchSite()
        defer { scratch.remove() }
        try scratch.build("first")
        var calls = 0
        try scratch.build("second") { _, _ in
            calls += 1
            errno = EINVAL
            return -1
        }
        #expect(calls == 1)
        #expect(try scratch.page() == "second")
        #expect(scratch.leftovers.isEmpty, "\(scratch.leftovers)")
        try scratch.build("third") { _, _ in
            errno = ENOSYS
            return -1
        }
        #expect(try scratch.page() == "third")
    }

    @Test func aFailedExchangeLeavesThePreviousSiteAndTheNextBuildSucceeds() throws {
        let scratch = try ScratchSite()
        defer { scratch.remove() }
        try scratch.build("first")
        #expect(throws: SiteFolderError.self) {
            try scratch.build("second") { _, _ in
                errno = EACCES
                return -1
            }
        }
        #expect(try scratch.page() == "first")
        try scratch.build("third")
        #expect(try scratch.page() == "third")
        #expect(scratch.leftovers.isEmpty, "\(scratch.leftovers)")
    }

    /// As if a build died right after the exchange: the previous site is left at the staging path.
    @Test func aBuildInterruptedAfterTheExchangeIsMendedByTheNext() throws {
        let scratch = try ScratchSite()
        defer { scratch.remove() }
        try scratch.build("old")
        try FileManager.default.copyItem(at: scratch.site, to: scratch.staging)
        try scratch.build("new")
        #expect(try scratch.page() == "new")
        #expect(scratch.leftovers.isEmpty, "\(scratch.leftovers)")
    }

    /// The first build has no site to exchange with: the staging folder is renamed into place.
    @Test func theFirstBuildMovesTheStagingFolderIntoPlace() throws {
        let scratch = try ScratchSite()
        defer { scratch.remove() }
        var calls = 0
        try scratch.build("first") { _, _ in
            calls += 1
            return 0
        }
        #expect(calls == 0)
        #expect(try scratch.page() == "first")
    }
}
