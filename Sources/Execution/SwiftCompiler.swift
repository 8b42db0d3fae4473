import Foundation

/// Compiles the support library and note programs with `swiftc -O`, caching both by content hash.
///
/// Cache entries are built in a private temporary folder inside the cache and renamed into place, so
/// a concurrent Loom process sees either a complete entry or none, and two that race both end up
/// using one complete entry.
public struct SwiftCompiler: Sendable {
    public var toolchain: SwiftToolchain
    public var cacheDirectory: String
    /// Seconds one compiler call may take before it is killed.
    public var timeLimit: Double
    /// The support library is compiled once per change of its sources and is far larger than any note's
    /// program (it carries Python's whole object model): on a busy machine its `-O` build takes minutes.
    public var supportLibraryTimeLimit: Double = 1800
    public var environment: [String: String]
    /// How note programs are optimised: `-O`, or `-Onone` for programs whose figures do not depend on the
    /// compiler's code (they sleep and wait; the support library they call is always `-O`).
    public var programOptimization = "-O"

    public static let supportModuleName = "LoomSupport"

    public init(
        toolchain: SwiftToolchain, cacheDirectory: String, timeLimit: Double = 300,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.toolchain = toolchain
        self.cacheDirectory = cacheDirectory
        self.timeLimit = timeLimit
        self.environment = environment
    }

    /// The compiled support library: a module and a static library in one cache folder.
    public struct SupportLibrary: Hashable, Sendable {
        public var directory: String
        public var hash: String
        public var fromCache: Bool
    }

    public struct CompiledProgram: Hashable, Sendable {
        public var executable: String
        public var hash: String
        public var fromCache: Bool
        /// Time the compiler took; 0 when the program came from the cache.
        public var compileSeconds: Double
    }

    public struct Failure: Error, Hashable, Sendable {
        /// What the compiler printed, as it printed it.
        public var output: String
        public var messages: [CompilerMessage]
        public var timedOut: Bool
        /// Set when the failure was Loom's own (cache folder not writable, compiler killed …).
        public var reason: String?
        /// The compiler rejected this very program before; its answer was kept instead of asking again.
        public var fromCache = false
    }

    public func supportHash(sources: [(name: String, contents: String)]) -> String {
        var hasher = SHA256()
        hasher.update("support\0\(toolchain.version)\0")
        for source in sources {
            hasher.update("\(source.name.utf8.count):\(source.name)\(source.contents.utf8.count):\(source.contents)")
        }
        return hasher.finalize()
    }

    public func programHash(mainSource: String, support: SupportLibrary) -> String {
        // `-O` adds nothing, so programs cached before the choice existed keep their names.
        let optimization = programOptimization == "-O" ? "" : "\(programOptimization)\0"
        return SHA256.hex("program\0\(toolchain.version)\0\(support.hash)\0\(optimization)\(mainSource)")
    }

    /// `prebuilt`: a copy Loom's own build compiled (see PrebuiltSupportLibrary), used instead of compiling
    /// when it matches exactly.
    public func buildSupportLibrary(sources: [(name: String, contents: String)], prebuilt: String? = nil) -> Result<SupportLibrary, Failure> {
        let hash = supportHash(sources: sources)
        let final = "\(cacheDirectory)/support/\(hash)"
        if FileManager.default.fileExists(atPath: final) {
            return .success(SupportLibrary(directory: final, hash: hash, fromCache: true))
        }
        if let prebuilt, let adopted = adoptPrebuilt(prebuilt, sources: sources, hash: hash, final: final) {
            return .success(adopted)
        }
        return build(into: final, timeLimit: max(timeLimit, supportLibraryTimeLimit)) { staging in
            var paths: [String] = []
            for source in sources {
                let path = "\(staging)/src/\(source.name)"
                try FileManager.default.createDirectory(atPath: "\(staging)/src", withIntermediateDirectories: true)
                try source.contents.write(toFile: path, atomically: false, encoding: .utf8)
                paths.append(path)
            }
            return Self.supportLibraryFlags + [
                    "-emit-module-path", "\(staging)/\(Self.supportModuleName).swiftmodule",
                    "-o", "\(staging)/lib\(Self.supportModuleName).a"] + paths
        }.map { _ in SupportLibrary(directory: final, hash: hash, fromCache: false) }
    }

    public func buildProgram(mainSource: String, support: SupportLibrary) -> Result<CompiledProgram, Failure> {
        let hash = programHash(mainSource: mainSource, support: support)
        let final = "\(cacheDirectory)/programs/\(hash)"
        let executable = "\(final)/main"
        if FileManager.default.isExecutableFile(atPath: executable) {
            return .success(CompiledProgram(executable: executable, hash: hash, fromCache: true, compileSeconds: 0))
        }
        let rejection = "\(cacheDirectory)/rejected/\(hash).txt"
        if let output = try? String(contentsOfFile: rejection, encoding: .utf8) {
            return .failure(Failure(output: output, messages: CompilerMessage.parse(output), timedOut: false, fromCache: true))
        }
        let built = build(into: final) { staging in
            try mainSource.write(toFile: "\(staging)/main.swift", atomically: false, encoding: .utf8)
            let entryPoint = Self.declaresMainType(mainSource) ? ["-parse-as-library"] : []
            return [programOptimization] + entryPoint + ["-I", support.directory, "-L", support.directory, "-l\(Self.supportModuleName)",
                    "\(staging)/main.swift", "-o", "\(staging)/main"]
        }.map { seconds in
            CompiledProgram(executable: executable, hash: hash, fromCache: false, compileSeconds: seconds)
        }
        if case .failure(let failure) = built, failure.reason == nil, failure.messages.contains(where: { $0.severity == .error }) {
            // Only the compiler's own verdict on the source is kept: a timeout or a crash may not recur.
            keep(failure.output, at: rejection)
        }
        return built
    }

    /// Writes `text` under a temporary name and renames it into place, best effort: a cache that
    /// cannot be written only costs a compile next time.
    private func keep(_ text: String, at path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.\(UUID().uuidString).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: temporary, atomically: false, encoding: .utf8)
            if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// A program whose entry point is an `@main` type needs `-parse-as-library` (a file named
    /// main.swift is otherwise read as top-level code, which `@main` forbids); one written as
    /// top-level statements must not get it.
    static func declaresMainType(_ source: String) -> Bool {
        source.split(separator: "\n").contains { line in
            let code = line.drop { $0 == " " || $0 == "\t" }
            guard code.hasPrefix("@main") else { return false }
            // `@mainActor` or `@main_x` are other attributes.
            let next = code.dropFirst(5).first
            return next.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
        }
    }

    /// Runs the compiler in a fresh staging folder and renames the folder to `final`; returns the compile time.
    private func build(into final: String, timeLimit: Double? = nil, arguments: (String) throws -> [String]) -> Result<Double, Failure> {
        let timeLimit = timeLimit ?? self.timeLimit
        let staging = "\(cacheDirectory)/tmp/\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let compilerArguments: [String]
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            compilerArguments = try arguments(staging)
        } catch {
            return .failure(Failure(output: "", messages: [], timedOut: false, reason: "cannot prepare \(staging): \(error)"))
        }
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: toolchain.swiftc, arguments: compilerArguments, environment: environment,
            workingDirectory: staging, timeLimit: timeLimit, limits: nil))
        let output = result.stderrText + result.stdoutText
        switch result.termination {
        case .exited(code: 0):
            break
        case .timedOut:
            return .failure(Failure(output: output, messages: CompilerMessage.parse(output), timedOut: true,
                                    reason: "the compiler ran past its \(timeLimit)-second limit"))
        case .crashed(let signal):
            return .failure(Failure(output: output, messages: CompilerMessage.parse(output), timedOut: false,
                                    reason: "the compiler crashed (\(signalName(signal)))"))
        case .exited:
            return .failure(Failure(output: output, messages: CompilerMessage.parse(output), timedOut: false, reason: nil))
        case .failedToStart(let reason):
            return .failure(Failure(output: output, messages: [], timedOut: false, reason: reason))
        case .statusLost:
            return .failure(Failure(output: output, messages: CompilerMessage.parse(output), timedOut: false,
                                    reason: "the compiler's exit status was lost"))
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            return .failure(Failure(output: output, messages: [], timedOut: false, reason: "cannot create the cache: \(error)"))
        }
        if rename(staging, final) != 0 {
            // Another Loom process finished the same entry first: its copy is as good as ours.
            guard FileManager.default.fileExists(atPath: final) else {
                return .failure(Failure(output: output, messages: [], timedOut: false,
                                        reason: "cannot move the build into the cache: \(String(cString: strerror(errno)))"))
            }
        }
        return .success(result.wallSeconds)
    }
}

extension SwiftCompiler {
    /// The same, off Swift's cooperative pool, which must never block on a compiler.
    public func buildSupportLibrary(sources: [(name: String, contents: String)], prebuilt: String? = nil) async -> Result<SupportLibrary, Failure> {
        let compiler = self
        return await BlockingWork.run { compiler.buildSupportLibrary(sources: sources, prebuilt: prebuilt) }
    }

    public func buildProgram(mainSource: String, support: SupportLibrary) async -> Result<CompiledProgram, Failure> {
        let compiler = self
        return await BlockingWork.run { compiler.buildProgram(mainSource: mainSource, support: support) }
    }
}
