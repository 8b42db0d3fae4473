import Foundation

/// Scripts for the tests, all written once into a private temporary folder before any child starts.
///
/// Writing a script while another test thread forks can make that script's exec fail with "Text file
/// busy" (the fork briefly holds a copy of the writing descriptor), so no file is written after the
/// first spawn: every test that starts a child first asks for a path here.
enum Fixtures {
    static let directory: URL = FileManager.default.temporaryDirectory
        .appendingPathComponent("loom-execution-tests-\(getpid())")

    private static let paths: [String: String] = {
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for (name, contents) in FixtureScripts.all {
            let url = directory.appendingPathComponent(name)
            try! contents.write(to: url, atomically: true, encoding: .utf8)
            try! FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            paths[name] = url.path
        }
        return paths
    }()

    static func path(_ name: String) -> String {
        guard let path = paths[name] else { fatalError("no fixture script named \(name)") }
        return path
    }

    /// Whether the process is gone within a second: a killed process closes its descriptors (ending the
    /// run) a moment before the kernel finishes it off.
    static func isGoneSoon(_ pid: Int32) -> Bool {
        for _ in 0..<100 {
            if !isAlive(pid) { return true }
            usleep(10_000)
        }
        return false
    }

    /// Whether a process with this pid still exists (a zombie awaiting its new parent counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}
