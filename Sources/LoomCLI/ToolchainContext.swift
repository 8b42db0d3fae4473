import Execution
import Foundation
import PythonHarness
import SupportLibrarySources

/// What running snippets needs from this machine, found once per command.
struct ToolchainContext: Sendable {
    var compiler: SwiftCompiler
    var support: SwiftCompiler.SupportLibrary
    var machine: MachineFacts
    /// The CPython to compare with, when asked for and found.
    var python: (path: String, version: String)?
    var pythonVersion: String? { python?.version }
    /// Where CPython runs: nil only with `--python=unsafe`.
    var pythonSandbox: PythonSandbox?
    /// Said once when the comparison was asked for but cannot run (no python3, no sandbox).
    var pythonNotice: String?

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

    static func prepare(wantPython: Bool, pythonUnsafe: Bool = false) throws -> ToolchainContext {
        let toolchain: SwiftToolchain
        switch SwiftToolchain.locate(cacheDirectory: cacheDirectory()) {
        case .success(let found): toolchain = found
        case .failure(let error): throw Failure.noSwift("\(error)")
        }
        let compiler = SwiftCompiler(toolchain: toolchain, cacheDirectory: cacheDirectory())
        let support: SwiftCompiler.SupportLibrary
        switch compiler.buildSupportLibrary(sources: SupportLibrarySources.files, prebuilt: SupportLibrarySources.prebuiltDirectory) {
        case .success(let built): support = built
        case .failure(let failure): throw Failure.supportLibrary(failure.reason ?? failure.output)
        }
        var python = wantPython ? PythonHarness.locatePython() : nil
        var sandbox: PythonSandbox?
        var notice: String?
        if wantPython, python == nil {
            notice = "loom: python3 was not found; the CPython comparison is skipped"
        } else if let found = python, !pythonUnsafe {
            // The note's Python never runs unconfined unless asked to: no sandbox, no comparison.
            switch PythonInstallation.of(found.path).map({ PythonSandbox.prepare(for: $0) }) {
            case .success(let prepared)?:
                sandbox = prepared
                python = (prepared.installation.executable, found.version)
            case .failure(let unavailable)?:
                python = nil
                notice = "loom: the note's Python cannot be sandboxed here (\(unavailable.reason)); the CPython comparison "
                    + "is skipped. --python=unsafe runs it without a sandbox, as you, with your files and network."
            case nil:
                python = nil
                notice = "loom: \(found.path) did not say where its standard library is; the CPython comparison is skipped"
            }
        }
        let machine = MachineFacts.current(toolchain: toolchain, includingPython: python != nil)
        return ToolchainContext(
            compiler: compiler, support: support, machine: machine, python: python,
            pythonSandbox: sandbox, pythonNotice: notice)
    }

    /// The harness script, written once per content into the cache.
    func harnessScriptPath() throws -> String {
        let script = PythonHarness.script
        let directory = URL(fileURLWithPath: compiler.cacheDirectory).appendingPathComponent("python")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = "harness-\(script.utf8.count)-\(LoomCommand.version).py"
        let url = directory.appendingPathComponent(name)
        if (try? String(contentsOf: url, encoding: .utf8)) != script {
            try Data(script.utf8).write(to: url, options: .atomic)
        }
        return url.path
    }

    /// `$XDG_CACHE_HOME/loom`, else `~/.cache/loom`: compiled programs are reused across builds and vaults.
    static func cacheDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["LOOM_CACHE"], !cache.isEmpty { return cache }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/loom" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/loom"
    }
}
