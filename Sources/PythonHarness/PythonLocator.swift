import Foundation

/// Finding CPython the way a shell would, and asking it its version.
enum PythonLocator {
    /// The first executable file called `name` in the `:`-separated `searchPath`.
    static func executable(named name: String, searchPath: String) -> String? {
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// `3.11.7` from `Python 3.11.7` (stdout, or stderr as Python 2 wrote it); nil unless Python 3.
    static func version(of executable: String, environment: [String: String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--version"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return parseVersion(String(decoding: data, as: UTF8.self))
    }

    static func parseVersion(_ reply: String) -> String? {
        let words = reply.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, words[0] == "Python" else { return nil }
        let version = String(words[1])
        guard version.hasPrefix("3."), version.allSatisfy({ $0.isNumber || $0 == "." || $0.isLetter }) else { return nil }
        return version
    }
}
