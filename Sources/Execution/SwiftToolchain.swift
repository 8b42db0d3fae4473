import Foundation

/// The Swift compiler Loom compiles note programs with.
public struct SwiftToolchain: Hashable, Sendable {
    public var swiftc: String
    /// The first line of `swiftc --version` (`Swift version 6.3.1 (swift-6.3.1-RELEASE)`).
    public var version: String

    public init(swiftc: String, version: String) {
        self.swiftc = swiftc
        self.version = version
    }

    public enum LocateError: Error, Hashable, Sendable, CustomStringConvertible {
        case notFound(searched: [String])
        case versionUnreadable(swiftc: String, output: String)

        public var description: String {
            switch self {
            case .notFound(let searched):
                "swiftc was not found (looked in \(searched.joined(separator: ", "))); install Swift or put swiftc on PATH"
            case .versionUnreadable(let swiftc, let output):
                "\(swiftc) --version did not say its version: \(output.prefix(200))"
            }
        }
    }

    /// Finds `swiftc` on `PATH`, else next to the Swift runtime this process runs on (so `swift run`
    /// from a toolchain that is not on PATH still finds its own compiler), and asks it its version.
    ///
    /// `cacheDirectory`: where the answer is kept, under the compiler's files' identity (path, inode,
    /// size, modification time), so a build does not pay a compiler start to learn what it knew; a
    /// toolchain installed or upgraded in place changes that identity and is asked again.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment, cacheDirectory: String? = nil
    ) -> Result<SwiftToolchain, LocateError> {
        let candidates = pathCandidates(environment) + runtimeCandidates()
        guard let swiftc = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .failure(.notFound(searched: candidates))
        }
        let remembered = cacheDirectory.flatMap { directory in
            identity(ofCompiler: swiftc).map { "\(directory)/toolchains/\(SHA256.hex($0)).version" }
        }
        if let remembered, let version = try? String(contentsOfFile: remembered, encoding: .utf8), version.contains("Swift version") {
            return .success(SwiftToolchain(swiftc: swiftc, version: version))
        }
        let found = askVersion(swiftc, environment: environment)
        if let remembered, case .success(let toolchain) = found {
            try? FileManager.default.createDirectory(atPath: (remembered as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Written whole under another name and renamed, so a concurrent build never reads half of it.
            let partial = remembered + ".\(ProcessInfo.processInfo.processIdentifier).partial"
            if (try? toolchain.version.write(toFile: partial, atomically: false, encoding: .utf8)) != nil {
                if rename(partial, remembered) != 0 { try? FileManager.default.removeItem(atPath: partial) }
            }
        }
        return found
    }

    /// The compiler driver and the frontend beside it, as the file system identifies them; nil when
    /// either cannot be read.
    static func identity(ofCompiler swiftc: String) -> String? {
        let driver = (swiftc as NSString).resolvingSymlinksInPath
        let frontend = ((driver as NSString).deletingLastPathComponent as NSString).appendingPathComponent("swift-frontend")
        var parts = [swiftc]
        for path in [driver, frontend] {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attributes[.size], let modified = attributes[.modificationDate] as? Date,
                  let inode = attributes[.systemFileNumber] else { return nil }
            parts.append("\(path) \(inode) \(size) \(modified.timeIntervalSince1970)")
        }
        return parts.joined(separator: "\n")
    }

    private static func askVersion(_ swiftc: String, environment: [String: String]) -> Result<SwiftToolchain, LocateError> {
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: swiftc, arguments: ["--version"], environment: environment, timeLimit: 30, limits: nil))
        let output = result.stdoutText + result.stderrText
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Swift version") }) else {
            return .failure(.versionUnreadable(swiftc: swiftc, output: output))
        }
        return .success(SwiftToolchain(swiftc: swiftc, version: line.trimmingCharacters(in: .whitespaces)))
    }

    private static func pathCandidates(_ environment: [String: String]) -> [String] {
        (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swiftc" }
    }

    /// `…/usr/lib/swift/linux/libswiftCore.so` → `…/usr/bin/swiftc`.
    private static func runtimeCandidates() -> [String] {
        guard let runtime = swiftRuntimeLibraryPath() else { return [] }
        let usr = URL(fileURLWithPath: runtime).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return [usr.appendingPathComponent("bin/swiftc").path]
    }

    private static func swiftRuntimeLibraryPath() -> String? {
        #if canImport(Darwin)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -2), "swift_retain") else { return nil }
        var info = Dl_info()
        guard dladdr(symbol, &info) != 0, let name = info.dli_fname else { return nil }
        return String(cString: name)
        #else
        // The process's own memory map names every shared library it loaded.
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        return maps.split(separator: "\n").lazy
            .compactMap { line in line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) }
            .first { $0.hasSuffix("/libswiftCore.so") }
        #endif
    }
}
