import FlyingFox
import FlyingSocks
import Foundation

/// What the latest build says, for the pages served after it: a generation that goes up with every build,
/// the problems of each page's note, and the build's own failure if it failed (the last good site is then
/// still served, with that failure on every page).
public struct BuildStatus: Sendable, Equatable {
    public var generation: Int
    /// Problem lines (`file:line:col: severity: message`) by the page's file in the site (`threading.html`).
    public var problemsByPage: [String: [String]]
    public var buildFailure: String?

    public init(generation: Int, problemsByPage: [String: [String]] = [:], buildFailure: String? = nil) {
        self.generation = generation
        self.problemsByPage = problemsByPage
        self.buildFailure = buildFailure
    }
}

/// Serves a built site on one address, files only from the site's folder (see `SitePath`), and tells the
/// pages it served when a newer build is there: each HTML page gets a small script that waits on
/// `/_loom/changes` and reloads the page when the generation moves. The files on disk never hold it.
public final class PreviewServer: Sendable {
    public static let changesPath = "/_loom/changes"
    /// How long a page's request for changes waits before it is answered "nothing new" and asks again.
    static let longestWait: Duration = .seconds(20)

    let siteFolder: String
    let state = StatusBox()
    private let server: HTTPServer

    /// `host` is an IPv4 or IPv6 address to listen on; Loom passes loopback unless told otherwise.
    public init(siteFolder: String, host: String, port: UInt16) throws {
        self.siteFolder = siteFolder
        let address: any SocketAddress = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
        server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled))
    }

    /// Listens and answers until `stop` or cancellation.
    public func run() async throws {
        let folder = siteFolder
        let state = state
        await server.appendRoute(HTTPRoute("GET \(Self.changesPath)")) { request in
            let value: String? = request.query.first { $0.name == "since" }?.value
            let since: Int = value.flatMap { Int($0) } ?? -1
            let generation: Int = await state.waitForGeneration(after: since, atMost: Self.longestWait)
            let body = Data("{\"generation\":\(generation)}".utf8)
            var headers = Self.headers(contentType: "application/json")
            // Stopping: the page's waiting connection closes instead of carrying its next wait.
            if state.isStopping { headers[.connection] = "close" }
            return HTTPResponse(statusCode: .ok, headers: headers, body: body)
        }
        await server.appendRoute("GET,HEAD *") { request in
            await Self.respond(to: request, folder: folder, status: state.current)
        }
        try await server.run()
    }

    /// Returns once the socket listens. The wait is generous: on a busy machine starting the listener can
    /// take seconds, and giving up then would end `loom serve` for nothing.
    public func waitUntilListening(timeout: Double = 60) async throws {
        try await server.waitUntilListening(timeout: timeout)
    }

    /// The port actually listened on (useful when asked for port 0).
    public func listeningPort() async -> UInt16? {
        guard let address = await server.listeningAddress else { return nil }
        switch address {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return nil
        }
    }

    /// Ends the pages' waits, closes the listening socket and lets requests finish (1 s at most).
    public func stop() async {
        state.stop()
        await server.stop(timeout: 1)
    }

    /// Makes a build's outcome what pages see from now on, and wakes the pages waiting for it.
    public func publish(_ status: BuildStatus) async {
        await state.set(status)
    }

    static func headers(contentType: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        headers[HTTPHeader("Cache-Control")] = "no-store"
        return headers
    }

    static func respond(to request: HTTPRequest, folder: String, status: BuildStatus) async -> HTTPResponse {
        let rawPath = request.target.path()
        switch SitePath.resolve(rawPath, in: folder) {
        case .notFound:
            let page = notFoundPage(path: rawPath, status: status)
            return HTTPResponse(statusCode: .notFound, headers: headers(contentType: "text/html; charset=utf-8"), body: Data(page.utf8))
        case .file(let path, let contentType):
            guard let data = FileManager.default.contents(atPath: path) else {
                return HTTPResponse(statusCode: .notFound, headers: headers(contentType: "text/plain; charset=utf-8"), body: Data("Not found\n".utf8))
            }
            var body = data
            if contentType.hasPrefix("text/html") {
                let page = String(path.dropFirst(URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path.count + 1))
                body = PageInjection.inject(into: data, problems: PageInjection.problems(for: page, in: status), generation: status.generation)
            }
            return HTTPResponse(
                statusCode: .ok,
                headers: headers(contentType: contentType),
                body: request.method == .HEAD ? Data() : body
            )
        }
    }

    static func notFoundPage(path: String, status: BuildStatus) -> String {
        let shown = path.removingPercentEncoding ?? path
        let page = String(shown.drop { $0 == "/" })
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><main id=\"content\">"
        html += "<h1>Not found</h1><p>The site has no file <code>\(PageInjection.escape(shown))</code>. <a href=\"/index.html\">All notes</a> · <a href=\"/search.html\">Search</a></p>"
        html += "</main></body></html>\n"
        let data = PageInjection.inject(into: Data(html.utf8), problems: PageInjection.problems(for: page, in: status), generation: status.generation)
        return String(decoding: data, as: UTF8.self)
    }
}

/// The latest build status, and the pages waiting for a newer one.
final class StatusBox: Sendable {
    private let storage = LockedValue(BuildStatus(generation: 0))

    var current: BuildStatus { storage.withLock { $0 } }

    func set(_ status: BuildStatus) async {
        storage.withLock { $0 = status }
    }

    /// The generation once it is above `since`, or the current one after `limit`.
    private let stopping = LockedValue(false)
    var isStopping: Bool { stopping.withLock { $0 } }
    func stop() { stopping.withLock { $0 = true } }

    func waitForGeneration(after since: Int, atMost limit: Duration) async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline, !isStopping {
            let generation = current.generation
            if generation > since { return generation }
            // Polled, not signalled: a few pages at most wait here, and 20 ms is far below what a reader sees.
            do { try await Task.sleep(for: .milliseconds(20)) } catch { break }
        }
        return current.generation
    }
}

/// A lock around a value, for the few fields the server's tasks share.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
