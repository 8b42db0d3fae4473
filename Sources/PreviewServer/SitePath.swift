import Foundation

/// Which file of the site a request's path names, if any: only regular files inside the site folder, reached
/// without `..`, hidden names or a symbolic link that leads out of it.
public enum SitePath {
    public enum Resolution: Equatable, Sendable {
        /// The file's absolute path, with the type it is served as.
        case file(path: String, contentType: String)
        case notFound
    }

    /// `requestPath` is the path of the request's target as sent, percent-encoded; it is decoded once, as a
    /// browser encoded it once (`%252e` is a file named `%2e`, never `.`).
    public static func resolve(_ requestPath: String, in root: String) -> Resolution {
        let withoutQuery = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = withoutQuery.removingPercentEncoding else { return .notFound }
        guard decoded.hasPrefix("/") || decoded.isEmpty,
              !decoded.utf8.contains(0), !decoded.contains("\\") else { return .notFound }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // `.`, `..` and hidden names (the build's manifest, the site marker) are never served.
        guard segments.allSatisfy({ !$0.hasPrefix(".") }) else { return .notFound }
        if segments.isEmpty || decoded.hasSuffix("/") { segments.append("index.html") }

        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        let candidate = rootPath + "/" + segments.joined(separator: "/")
        guard let real = realPath(candidate), real.hasPrefix(rootPath + "/") else { return .notFound }
        var status = stat()
        guard stat(real, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        return .file(path: real, contentType: contentType(ofFileNamed: segments.last ?? ""))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func contentType(ofFileNamed name: String) -> String {
        let lower = name.lowercased()
        let suffix = lower.split(separator: ".").last.map(String.init) ?? ""
        return types[suffix] ?? "application/octet-stream"
    }

    private static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "txt": "text/plain; charset=utf-8", "md": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "pdf": "application/pdf", "woff2": "font/woff2", "woff": "font/woff",
    ]
}
