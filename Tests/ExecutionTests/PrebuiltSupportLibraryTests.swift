import Foundation
import LoomCore
import Testing
@testable import Execution

@Suite struct PrebuiltSupportLibraryTests {
    static let sources: [(name: String, contents: String)] = [("A.swift", "public let a = 1\n"), ("B.swift", "public let b = \"é\"\n")]
    static let version = "Swift version 9.9 (test)"

    /// A folder laid out as the prebuild step leaves it; the library files are stand-ins, never linked.
    static func prebuiltFolder(
        sources: [(name: String, contents: String)] = sources, version: String = version,
        flags: [String] = SwiftCompiler.supportLibraryFlags, artefacts: [String] = ["LoomSupport.swiftmodule", "libLoomSupport.a"]
    ) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-prebuilt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(folder)/src", withIntermediateDirectories: true)
        for source in sources { try source.contents.write(toFile: "\(folder)/src/\(source.name)", atomically: false, encoding: .utf8) }
        for artefact in artefacts { try "stand-in for \(artefact)".write(toFile: "\(folder)/\(artefact)", atomically: false, encoding: .utf8) }
        try "\(version)\n\(flags.joined(separator: " "))\n".write(toFile: "\(folder)/prebuilt.txt", atomically: false, encoding: .utf8)
        return folder
    }

    static func mismatch(_ folder: String) -> String? {
        PrebuiltSupportLibrary.mismatch(in: folder, sources: sources, toolchainVersion: version, flags: SwiftCompiler.supportLibraryFlags)
    }

    @Test func anExactCopyIsAccepted() throws {
        let folder = try Self.prebuiltFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.mismatch(folder) == nil)
    }

    @Test func anythingThatDiffersIsRefusedWithTheReason() throws {
        let cases: [(folder: String, reason: String)] = [
            (try Self.prebuiltFolder(sources: [("A.swift", "public let a = 1\n"), ("B.swift", "public let b = \"e\"\n")]), "B.swift differs"),
            (try Self.prebuiltFolder(sources: [("A.swift", "public let a = 1\n")]), "other source files"),
            (try Self.prebuiltFolder(sources: Self.sources + [("C.swift", "")]), "other source files"),
            (try Self.prebuiltFolder(version: "Swift version 9.8 (test)"), "compiled by Swift version 9.8"),
            (try Self.prebuiltFolder(flags: ["-Onone"] + SwiftCompiler.supportLibraryFlags.dropFirst()), "other flags"),
            (try Self.prebuiltFolder(artefacts: ["LoomSupport.swiftmodule"]), "lacks libLoomSupport.a"),
        ]
        for (folder, reason) in cases {
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let found = Self.mismatch(folder)
            #expect(found?.contains(reason) == true, "expected “\(reason)”, got \(found ?? "a match")")
        }
        #expect(Self.mismatch("/nonexistent/prebuilt")?.contains("prebuilt.txt") == true)
    }

    @Test func aMatchingCopyIsTakenIntoTheCacheWithoutCompiling() throws {
        let folder = try Self.prebuiltFolder()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("loom-prebuilt-cache-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: cache)
        }
        // A compiler that cannot run: any attempt to compile fails.
        let compiler = SwiftCompiler(toolchain: SwiftToolchain(swiftc: "/nonexistent/swiftc", version: Self.version), cacheDirectory: cache)
        let adopted = try compiler.buildSupportLibrary(sources: Self.sources, prebuilt: folder).get()
        #expect(adopted.hash == compiler.supportHash(sources: Self.sources))
        #expect(adopted.directory.hasPrefix(cache))
        #expect(FileManager.default.contents(atPath: "\(adopted.directory)/libLoomSupport.a") == Data("stand-in for libLoomSupport.a".utf8))
        // Once in the cache, the prebuilt folder is no longer needed.
        try FileManager.default.removeItem(atPath: folder)
        #expect(try compiler.buildSupportLibrary(sources: Self.sources, prebuilt: folder).get() == adopted)

        let otherSources = [("A.swift", "public let a = 2\n")]
        let refused = compiler.buildSupportLibrary(sources: otherSources, prebuilt: try Self.prebuiltFolder())
        guard case .failure(let failure) = refused else {
            Issue.record("a copy of other sources stood in for a compile")
            return
        }
        #expect(failure.reason != nil, "the compile was attempted, and failed for want of a compiler")
    }

    @Test func cpuBoundIsOnCPUTimeAgainstWallTime() {
        func busy(_ cpu: Double, lanes: Int = 1) -> [TraceEvent] {
            (0..<lanes).map { TraceEvent(t: 0.01, lane: "L\($0)", kind: .cpu, duration: cpu) }
        }
        #expect(CPUDemand.isCPUBound(events: busy(0.5), seconds: 0.6))
        #expect(!CPUDemand.isCPUBound(events: busy(0.05), seconds: 2.0), "a sleeping run with a little work")
        #expect(CPUDemand.isCPUBound(events: busy(0.2, lanes: 4), seconds: 2.0), "four threads at work add up")
        #expect(!CPUDemand.isCPUBound(events: busy(0.004), seconds: 0.005), "too little CPU to be slowed by anything")
        #expect(!CPUDemand.isCPUBound(events: busy(0.05), seconds: 0.06, timeScale: 0.1), "5 ms of real CPU in a run at 0.1")
        #expect(!CPUDemand.isCPUBound(events: [TraceEvent(t: 0, lane: "main", kind: .sleep, duration: 1)], seconds: 1))
        let crowded = busy(0.1) + [TraceEvent(t: 0.01, lane: "L0", kind: .wait, duration: 0.5, text: "cpu")]
        #expect(CPUDemand.isCPUBound(events: crowded, seconds: 1.0), "a loop given a sixth of a core on a crowded machine")
    }
}
