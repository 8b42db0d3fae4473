import Foundation

/// The machine a run was measured on, so every timing a page shows says where it came from.
public struct MachineFacts: Hashable, Sendable, Codable {
    /// Processors online.
    public var cores: Int
    /// `Debian GNU/Linux 12 (bookworm)`, from /etc/os-release, else the kernel's name.
    public var operatingSystem: String
    /// Kernel name, release and architecture from uname (`Linux 6.1.0 x86_64`).
    public var kernel: String
    public var swiftVersion: String?
    public var pythonVersion: String?

    public init(cores: Int, operatingSystem: String, kernel: String, swiftVersion: String?, pythonVersion: String?) {
        self.cores = cores
        self.operatingSystem = operatingSystem
        self.kernel = kernel
        self.swiftVersion = swiftVersion
        self.pythonVersion = pythonVersion
    }

    /// Gathers the facts; the Swift version comes from the toolchain Loom compiles with, and Python's
    /// is asked of `python3` on PATH only when `includingPython` (it is optional).
    public static func current(
        toolchain: SwiftToolchain?, includingPython: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> MachineFacts {
        let kernel = unameFields()
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)).flatMap(prettyName(inOSRelease:))
        return MachineFacts(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            operatingSystem: osRelease ?? macOSName() ?? kernel.name,
            kernel: [kernel.name, kernel.release, kernel.machine].joined(separator: " "),
            swiftVersion: toolchain?.version,
            pythonVersion: includingPython ? pythonVersion(environment: environment) : nil)
    }

    /// The 1-, 5- and 15-minute load averages (`/proc/loadavg` on Linux, `getloadavg` elsewhere).
    public static func loadAverage() -> [Double]? {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return nil }
        return loads.map { ($0 * 100).rounded() / 100 }
    }

    /// `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"` → `Debian GNU/Linux 12 (bookworm)`; `NAME` and
    /// `VERSION` when there is no pretty name.
    static func prettyName(inOSRelease text: String) -> String? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            fields[String(line[..<equals])] = value
        }
        if let pretty = fields["PRETTY_NAME"], !pretty.isEmpty { return pretty }
        guard let name = fields["NAME"] else { return nil }
        return [name, fields["VERSION"]].compactMap { $0 }.joined(separator: " ")
    }

    private static func unameFields() -> (name: String, release: String, machine: String) {
        var names = utsname()
        uname(&names)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return (text(names.sysname), text(names.release), text(names.machine))
    }

    private static func macOSName() -> String? {
        #if os(macOS)
        let version = ProcessInfo.processInfo.operatingSystemVersion
        return "macOS \(version.majorVersion).\(version.minorVersion).\(version.patchVersion)"
        #else
        return nil
        #endif
    }

    private static func pythonVersion(environment: [String: String]) -> String? {
        let candidates = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let result = ChildProcessRunner.run(ChildProcessRequest(
            executable: python, arguments: ["--version"], environment: environment, timeLimit: 30, limits: nil))
        guard case .exited(code: 0) = result.termination else { return nil }
        let version = (result.stdoutText + result.stderrText).trimmingCharacters(in: .whitespacesAndNewlines)
        return version.isEmpty ? nil : version
    }
}
