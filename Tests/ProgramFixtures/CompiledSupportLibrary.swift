import Execution
import Foundation
import SupportLibrarySources

/// The support library compiled as Loom compiles it (`swiftc -O` over its sources, outside SwiftPM), for
/// tests that compile programs against it.
///
/// Loom's own build has compiled it already (the PrebuildSupportLibrary step), so a test process takes
/// that copy whenever it was made from exactly the sources on disk with Loom's flags; only an edited
/// source since the build makes a test compile the library itself, once per test process. Compiling it
/// in every test target instead cost CI several minutes of `swiftc -O` per target.
public enum CompiledSupportLibrary {
    public struct Build: Sendable {
        /// Holds `LoomSupport.swiftmodule` and `libLoomSupport.a`; never written to by tests.
        public var directory: URL
        /// What `swiftc` printed while compiling the library.
        public var compilerOutput: String
        /// True when this is the copy Loom's build made.
        public var prebuilt: Bool
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let flags = SwiftCompiler.supportLibraryFlags

    public static let build: Result<Build, Failure> = {
        let sources: [URL]
        do {
            sources = try sourceFiles()
        } catch {
            return .failure(Failure(description: "cannot list the support library's sources: \(error)"))
        }
        if let folder = SupportLibrarySources.prebuiltDirectory, let build = prebuiltCopy(in: URL(fileURLWithPath: folder), sources: sources) {
            return .success(build)
        }
        return compile(sources)
    }()

    public static func sourceFiles() throws -> [URL] {
        let folder = packageRoot.appendingPathComponent("Sources/LoomSupport")
        return try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".swift") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The build's copy when Loom itself would take it (`PrebuiltSupportLibrary.mismatch`) for exactly
    /// the sources on disk, and it kept what the compiler printed.
    static func prebuiltCopy(in folder: URL, sources: [URL]) -> Build? {
        guard case .success(let toolchain) = SwiftToolchain.locate(),
              let contents = try? sources.map({ (name: $0.lastPathComponent, contents: try String(contentsOf: $0, encoding: .utf8)) }),
              PrebuiltSupportLibrary.mismatch(in: folder.path, sources: contents, toolchainVersion: toolchain.version, flags: flags) == nil,
              let compilerOutput = try? String(contentsOf: folder.appendingPathComponent("compiler-output.txt"), encoding: .utf8)
        else { return nil }
        return Build(directory: folder, compilerOutput: compilerOutput, prebuilt: true)
    }

    static func compile(_ sources: [URL]) -> Result<Build, Failure> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-support-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return .failure(Failure(description: "cannot create \(directory.path): \(error)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc"] + flags + [
            "-o", directory.appendingPathComponent("libLoomSupport.a").path,
            "-emit-module-path", directory.appendingPathComponent("LoomSupport.swiftmodule").path,
        ] + sources.map(\.path)
        process.currentDirectoryURL = directory
        let log = directory.appendingPathComponent("compiler-output.txt")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let handle = try? FileHandle(forWritingTo: log) else {
            return .failure(Failure(description: "cannot write \(log.path)"))
        }
        process.standardOutput = handle
        process.standardError = handle
        do { try process.run() } catch { return .failure(Failure(description: "cannot start swiftc: \(error)")) }
        process.waitUntilExit()
        try? handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            return .failure(Failure(description: "swiftc exited with status \(process.terminationStatus):\n\(output)"))
        }
        return .success(Build(directory: directory, compilerOutput: output, prebuilt: false))
    }
}
