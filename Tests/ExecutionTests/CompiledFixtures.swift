import Foundation
@testable import Execution

/// Swift programs compiled once per test run into a private cache folder.
enum CompiledFixtures {
    /// Shared between test runs: entries are named by content hash, so a stale one cannot be picked up.
    static let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-execution-test-cache").path

    static let toolchain: SwiftToolchain = {
        guard case .success(let toolchain) = SwiftToolchain.locate() else { fatalError("swiftc is needed for these tests") }
        return toolchain
    }()

    static var compiler: SwiftCompiler { SwiftCompiler(toolchain: toolchain, cacheDirectory: cacheDirectory, timeLimit: 600) }

    /// A small stand-in for the real support library: just enough of the run protocol for tests.
    static let supportSources: [(name: String, contents: String)] = [("Protocol.swift", ##"""
        #if canImport(Glibc)
        import Glibc
        #else
        import Darwin
        #endif

        public enum Loom {
            static let firstCell: Int = {
                let arguments = CommandLine.arguments
                guard let index = arguments.firstIndex(of: "--from"), index + 1 < arguments.count else { return 1 }
                return Int(arguments[index + 1]) ?? 1
            }()

            static let traceFD: Int32? = getenv("LOOM_TRACE_FD").flatMap { Int32(String(cString: $0)) }

            static func writeAll(_ fd: Int32, _ text: String) {
                var bytes = Array(text.utf8)
                _ = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
            }

            static func trace(_ json: String) {
                if let traceFD { writeAll(traceFD, json + "\n") }
            }

            public static func cell(_ number: Int, _ body: () -> Void) {
                guard number >= firstCell else { return }
                writeAll(1, "\u{1E}loom-cell \(number)\n")
                writeAll(2, "\u{1E}loom-cell \(number)\n")
                trace(#"{"cell":\#(number),"kind":"cell-begin","t":0}"#)
                trace(#"{"cell":\#(number),"kind":"start","lane":"MainThread","t":0,"tid":\#(getpid())}"#)
                body()
                trace(#"{"cell":\#(number),"kind":"end","lane":"MainThread","t":0.001}"#)
                trace(#"{"cell":\#(number),"kind":"cell-end","t":0.001,"text":"ok"}"#)
            }

            public static func say(_ text: String) {
                writeAll(1, text + "\n")
            }
        }
        """##)]

    static let support: SwiftCompiler.SupportLibrary = {
        switch compiler.buildSupportLibrary(sources: supportSources) {
        case .success(let library): return library
        case .failure(let failure): fatalError("support library did not compile: \(failure.output) \(failure.reason ?? "")")
        }
    }()

    /// Five cells: two fine, then `fatalError`, a fine one, a segmentation fault, and a last fine one.
    static let faultyNoteSource = #"""
        import LoomSupport

        Loom.cell(1) { Loom.say("one") }
        Loom.cell(2) { Loom.say("two"); fatalError("boom") }
        Loom.cell(3) { Loom.say("three") }
        Loom.cell(4) { UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1 }
        Loom.cell(5) { Loom.say("five") }
        """#

    static let faultyNote: SwiftCompiler.CompiledProgram = {
        switch compiler.buildProgram(mainSource: faultyNoteSource, support: support) {
        case .success(let program): return program
        case .failure(let failure): fatalError("note program did not compile: \(failure.output)")
        }
    }()
}
