import Foundation
import Testing
@testable import Execution

@Suite struct SwiftToolchainTests {
    /// A stand-in compiler on a private PATH that says its version and counts how often it was asked.
    struct FakeCompiler {
        let folder: URL
        var asked: Int { ((try? String(contentsOf: folder.appendingPathComponent("asked"), encoding: .utf8)) ?? "").count }
        var environment: [String: String] { ["PATH": folder.path] }

        init(version: String) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-fake-swiftc-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try write(version: version)
            try "#!/bin/sh\n".write(to: folder.appendingPathComponent("swift-frontend"), atomically: true, encoding: .utf8)
        }

        func write(version: String) throws {
            let script = folder.appendingPathComponent("swiftc")
            try "#!/bin/sh\nprintf x >> '\(folder.path)/asked'\necho '\(version)'\n".write(to: script, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
    }

    @Test func theVersionIsAskedOnceAndRememberedForTheSameCompiler() throws {
        let compiler = try FakeCompiler(version: "Swift version 9.9 (fake-9.9)")
        let cache = compiler.folder.appendingPathComponent("cache").path
        defer { try? FileManager.default.removeItem(at: compiler.folder) }
        for _ in 0..<3 {
            let found = try SwiftToolchain.locate(environment: compiler.environment, cacheDirectory: cache).get()
            #expect(found.version == "Swift version 9.9 (fake-9.9)")
            #expect(found.swiftc == compiler.folder.appendingPathComponent("swiftc").path)
        }
        #expect(compiler.asked == 1)
    }

    @Test func aCompilerReplacedInPlaceIsAskedAgain() throws {
        let compiler = try FakeCompiler(version: "Swift version 9.9 (fake-9.9)")
        let cache = compiler.folder.appendingPathComponent("cache").path
        defer { try? FileManager.default.removeItem(at: compiler.folder) }
        _ = try SwiftToolchain.locate(environment: compiler.environment, cacheDirectory: cache).get()
        try compiler.write(version: "Swift version 10.0.1 (fake-10.0.1)")
        let found = try SwiftToolchain.locate(environment: compiler.environment, cacheDirectory: cache).get()
        #expect(found.version == "Swift version 10.0.1 (fake-10.0.1)")
        #expect(compiler.asked == 2)
    }

    @Test func withoutACacheTheCompilerIsAskedEachTime() throws {
        let compiler = try FakeCompiler(version: "Swift version 9.9 (fake-9.9)")
        defer { try? FileManager.default.removeItem(at: compiler.folder) }
        _ = try SwiftToolchain.locate(environment: compiler.environment).get()
        _ = try SwiftToolchain.locate(environment: compiler.environment).get()
        #expect(compiler.asked == 2)
    }
}
