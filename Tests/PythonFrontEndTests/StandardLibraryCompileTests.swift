import Foundation
import Testing
@testable import PythonFrontEnd

/// CPython compiles every file of its standard library: the compile checks must refuse none of them.
/// Slow in a debug build (about 1,750 files), so it runs on request: `LOOM_STDLIB=1 swift test --filter
/// StandardLibraryCompileTests`.
@Suite struct StandardLibraryCompileTests {
    /// The files `bench/frontend.sh` reads: every .py file of the standard library that python3 parses
    /// as UTF-8, without the deliberately broken test data, and that `compile()` accepts.
    static func compilableFiles() throws -> [String] {
        let script = """
        import os, sys, sysconfig
        stdlib = sysconfig.get_paths()["stdlib"]
        for root, dirs, files in os.walk(stdlib):
            dirs.sort()
            rel = os.path.relpath(root, stdlib)
            if rel.startswith(("lib2to3/tests/data", "site-packages")) or "/__pycache__" in root:
                continue
            for name in sorted(files):
                if not name.endswith(".py") or ((rel == "test" or rel.startswith("test/")) and name.startswith("bad")):
                    continue
                path = os.path.join(root, name)
                try:
                    compile(open(path, encoding="utf-8").read(), path, "exec")
                except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
                    continue
                print(path)
        """
        let output = try PythonOracle.run(["python3", "-W", "ignore", "-c", script], input: Data())
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOOM_STDLIB"] != nil))
    func noFileCPythonCompilesIsRefused() throws {
        let paths = try Self.compilableFiles()
        #expect(paths.count > 1_500)
        var refused: [String] = []
        for path in paths {
            let source = try String(contentsOfFile: path, encoding: .utf8)
            guard let module = try? PythonParser.parse(source) else { continue }
            if let error = CompileChecks.firstError(in: module) {
                refused.append("\(path):\(error.position.line):\(error.position.column): \(error.message)")
            }
        }
        #expect(refused.isEmpty, "\(refused.count) refused: \(refused.prefix(10))")
    }
}
