import Execution
import Foundation
import SupportLibrarySources

/// What running snippets needs from this machine, found once per command.
struct ToolchainContext: Sendable {
    var compiler: SwiftCompiler
    var support: SwiftCompiler.SupportLibrary
    var machine: MachineFacts
    /// The CPython to compare with, when asked for and found.
    var pythonVersion: String? { wantsPython ? machine.pythonVersion : nil }
    var wantsPython: Bool

    enum Failure: Error, CustomStringConvertible {
        case noSwift(String)
        case supportLibrary(String)

        var description: String {
            switch self {
            case .noSwift(let reason): "cannot run snippets: \(reason)"
            case .supportLibrary(let output): "cannot compile Loom's support library:\n\(output)"
            }
        }
    }

    static func prepare(wantPython: Bool) throws -> ToolchainContext {
        let toolchain: SwiftToolchain
        switch SwiftToolchain.locate() {
        case .success(let found): toolchain = found
        case .failure(let error): throw Failure.noSwift("\(error)")
        }
        let compiler = SwiftCompiler(toolchain: toolchain, cacheDirectory: cacheDirectory())
        let support: SwiftCompiler.SupportLibrary
        switch compiler.buildSupportLibrary(sources: SupportLibrarySources.files) {
        case .success(let built): support = built
        case .failure(let failure): throw Failure.supportLibrary(failure.reason ?? failure.output)
        }
        let machine = MachineFacts.current(toolchain: toolchain, includingPython: wantPython)
        return ToolchainContext(compiler: compiler, support: support, machine: machine, wantsPython: wantPython && machine.pythonVersion != nil)
    }

    /// `$XDG_CACHE_HOME/loom`, else `~/.cache/loom`: compiled programs are reused across builds and vaults.
    static func cacheDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["LOOM_CACHE"], !cache.isEmpty { return cache }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/loom" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/loom"
    }
}
