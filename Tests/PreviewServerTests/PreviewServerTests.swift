import Foundation
import Testing
@testable import PreviewServer

/// Runs jobs on one serial dispatch queue, which always has a thread of its own.
final class SerialQueueExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A site folder beside a secret file outside it, with a link out and a link in.
private struct TestSite {
    let root: URL
    var site: URL { root.appendingPathComponent("site") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-serve-test-\(UUID().uuidString)")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("<!DOCTYPE html><html><body><p>Page</p></body></html>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("<html><body>Note</body></html>".utf8).write(to: site.appendingPathComponent("a note.html"))
        try Data("body{}".utf8).write(to: site.appendingPathComponent("style.css"))
        try Data("PNG".utf8).write(to: site.appendingPathComponent("assets/p.png"))
        try Data("manifest".utf8).write(to: site.appendingPathComponent(".loom-build"))
        try Data("SECRET".utf8).write(to: root.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("out.txt").path, withDestinationPath: root.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("outdir").path, withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("in.css").path, withDestinationPath: site.appendingPathComponent("style.css").path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite struct SitePathTests {
    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/..%2Fsecret.txt", "/out.txt", "/outdir/secret.txt", "/.loom-build",
        "/%2eloom-build", "/assets", "/missing.html", "/index.html%00.png", "/..\\secret.txt", "/%252e%252e/secret.txt", "//etc/passwd",
    ])
    func refusesWhatIsNotAFileOfTheSite(_ path: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(SitePath.resolve(path, in: site.site.path) == .notFound)
    }

    @Test func servesTheSitesFilesWithTheirTypes() throws {
        let site = try TestSite()
        defer { site.remove() }
        let root = site.site.resolvingSymlinksInPath().path
        #expect(SitePath.resolve("/", in: site.site.path) == .file(path: root + "/index.html", contentType: "text/html; charset=utf-8"))
        #expect(SitePath.resolve("/a%20note.html?x=1", in: site.site.path) == .file(path: root + "/a note.html", contentType: "text/html; charset=utf-8"))
        #expect(SitePath.resolve("/assets/p.png", in: site.site.path) == .file(path: root + "/assets/p.png", contentType: "image/png"))
        #expect(SitePath.resolve("/in.css", in: site.site.path) == .file(path: root + "/style.css", contentType: "text/css; charset=utf-8"))
        #expect(SitePath.contentType(ofFileNamed: "search-index-0.js") == "text/javascript; charset=utf-8")
        #expect(SitePath.contentType(ofFileNamed: "runs.json") == "application/json")
        #expect(SitePath.contentType(ofFileNamed: "odd.bin") == "application/octet-stream")
    }
}

@Suite struct PageInjectionTests {
    @Test func theReloadScriptGoesBeforeTheEndOfTheBodyAndProblemsAfterItsStart() {
        let page = Data("<html><body class=\"x\"><p>Text</p></body></html>".utf8)
        let served = String(decoding: PageInjection.inject(into: page, problems: ["a.md:3:1: error: <bad> & worse"], generation: 7), as: UTF8.self)
        #expect(served.hasPrefix("<html><body class=\"x\"><aside class=\"loom-serve-problems\""))
        #expect(served.contains("a.md:3:1: error: &lt;bad&gt; &amp; worse"))
        #expect(served.contains("var g=7;") && served.hasSuffix("</script>\n</body></html>"))
        let plain = String(decoding: PageInjection.inject(into: Data("<p>no body</p>".utf8), problems: [], generation: 1), as: UTF8.self)
        #expect(plain.hasPrefix("<p>no body</p><script>") && !plain.contains("aside"))
    }
}

/// The server end to end, over a raw socket so that paths reach it exactly as written (a URL library would
/// resolve `..` before sending).
@Suite(.serialized) struct PreviewServerTests {
    /// The server and the test's own steps run on a thread of their own, not on Swift's cooperative
    /// threads: the suite's synchronous tests run there too and can hold every one of them for minutes
    /// (compiling, running CPython), which left the server unable to answer.
    private static let executor = SerialQueueExecutor(label: "loom.preview-server-tests")

    private func withServer(_ body: (UInt16, PreviewServer, TestSite) async throws -> Void) async throws {
        try await withTaskExecutorPreference(Self.executor) {
            let site = try TestSite()
            defer { site.remove() }
            let server = try PreviewServer(siteFolder: site.site.path, host: "127.0.0.1", port: 0)
            let running = Task(executorPreference: Self.executor) { try await server.run() }
            try await server.waitUntilListening()
            let port = try #require(await server.listeningPort())
            try await body(port, server, site)
            await server.stop()
            running.cancel()
        }
    }

    @Test func answersFilesAndRefusesEscapes() async throws {
        try await withServer { port, _, _ in
            let index = try await rawRequest(port: port, "GET / HTTP/1.1")
            #expect(index.status == 200 && index.headers["content-type"] == "text/html; charset=utf-8")
            #expect(index.body.contains("<p>Page</p>") && index.body.contains("loom serve: reload"))
            let css = try await rawRequest(port: port, "GET /style.css HTTP/1.1")
            #expect(css.status == 200 && css.body == "body{}" && css.headers["content-type"] == "text/css; charset=utf-8")
            for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/out.txt", "/outdir/secret.txt", "/.loom-build"] {
                let response = try await rawRequest(port: port, "GET \(path) HTTP/1.1")
                #expect(response.status == 404, "\(path)")
                #expect(!response.body.contains("SECRET") && !response.body.contains("manifest"), "\(path)")
            }
            let missing = try await rawRequest(port: port, "GET /nothing-%3Cb%3E.html HTTP/1.1")
            #expect(missing.status == 404 && missing.body.contains("Not found") && missing.body.contains("nothing-&lt;b&gt;.html"))
        }
    }

    @Test func aPageWaitingForChangesHearsOfTheNextBuild() async throws {
        try await withServer { port, server, _ in
            await server.publish(BuildStatus(generation: 3, problemsByPage: ["index.html": ["a.md:1:1: error: broken"]]))
            let page = try await rawRequest(port: port, "GET /index.html HTTP/1.1")
            #expect(page.body.contains("var g=3;") && page.body.contains("a.md:1:1: error: broken"))
            #expect(try await rawRequest(port: port, "GET /_loom/changes?since=2 HTTP/1.1").body == "{\"generation\":3}")
            let started = ContinuousClock.now
            let publisher = Task(executorPreference: Self.executor) {
                try await Task.sleep(for: .milliseconds(300))
                await server.publish(BuildStatus(generation: 4))
            }
            let waited = try await rawRequest(port: port, "GET /_loom/changes?since=3 HTTP/1.1")
            #expect(waited.body == "{\"generation\":4}")
            #expect(ContinuousClock.now - started >= .milliseconds(250), "it waited for the build")
            try await publisher.value
            let failed = BuildStatus(generation: 5, buildFailure: "disk full")
            await server.publish(failed)
            #expect(try await rawRequest(port: port, "GET /a%20note.html HTTP/1.1").body.contains("The last build failed; this is the last good site. disk full"))
        }
    }
}

@Suite(.serialized) struct VaultWatcherTests {
    @Test(arguments: [false, true]) func aSavedNoteIsNoticedOnceAndHiddenFilesAreNot(polling: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let calls = Counter()
        let watcher = VaultWatcher(folder: folder.path, settle: 0.05) { calls.increment() }
        watcher.start(forcePolling: polling)
        defer { watcher.stop() }
        #if os(Linux)
        #expect(watcher.method == (polling ? "polling" : "inotify"))
        #endif
        try await Task.sleep(for: .milliseconds(polling ? 400 : 50))
        // An editor's save: a temporary file written, then renamed over the note, in a burst.
        try Data("one".utf8).write(to: folder.appendingPathComponent("sub/.note.md.swp"))
        try Data("# Note\n".utf8).write(to: folder.appendingPathComponent("sub/note.md"), options: .atomic)
        try Data("# Note, again\n".utf8).write(to: folder.appendingPathComponent("sub/note.md"))
        try await waitUntil { calls.value >= 1 }
        try await Task.sleep(for: .milliseconds(polling ? 600 : 200))
        #expect(calls.value == 1, "one burst, one call")
        // A folder made after the start is watched too.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("new"), withIntermediateDirectories: true)
        try await waitUntil { calls.value >= 2 }
        try await Task.sleep(for: .milliseconds(polling ? 400 : 100))
        try Data("# New\n".utf8).write(to: folder.appendingPathComponent("new/fresh.md"))
        try await waitUntil { calls.value >= 3 }
        let before = calls.value
        try Data("swap".utf8).write(to: folder.appendingPathComponent(".hidden.md"))
        try await Task.sleep(for: .milliseconds(polling ? 700 : 200))
        #expect(calls.value == before, "a hidden file is no part of the vault")
    }
}

final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

func waitUntil(seconds: Double = 5, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else {
            Issue.record("timed out")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: String
}

/// One request over a fresh connection, `Connection: close`, read to the end.
/// One request over a plain socket, answered off Swift's cooperative threads: the server under test
/// runs on them, and a test blocking one in `recv` (there are as many as cores, two on CI) could
/// starve the very server it waits for.
func rawRequest(port: UInt16, _ requestLine: String) async throws -> RawResponse {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try blockingRawRequest(port: port, requestLine) })
        }
    }
}

func blockingRawRequest(port: UInt16, _ requestLine: String) throws -> RawResponse {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    // A server that never ends its answer fails the test instead of holding the whole suite.
    var patience = timeval(tv_sec: 20, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
    let request = Array("\(requestLine)\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw POSIXError(.ETIMEDOUT) }
        if count <= 0 { break }
        received += buffer[0..<count]
    }
    let text = String(decoding: received, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    let head = parts.first?.components(separatedBy: "\r\n") ?? []
    let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        let pair = line.split(separator: ":", maxSplits: 1)
        if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
    }
    return RawResponse(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
}
