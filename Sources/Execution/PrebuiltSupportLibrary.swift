import Foundation

/// The support library as Loom's own build compiled it (the PrebuildSupportLibrary step), taken into the
/// cache instead of compiling it again.
///
/// A prebuilt copy stands in for a compile only when it is exactly what the compile would make: the same
/// compiler version, the same flags and, byte for byte, the same sources. Anything else (an edited source,
/// another toolchain on PATH, a folder half written) and Loom compiles the library as before.
public enum PrebuiltSupportLibrary {
    /// Written by the prebuild step: the compiler's version line, then the flags.
    public static let descriptionFile = "prebuilt.txt"

    /// Why the copy in `directory` cannot be used, or nil when it can.
    public static func mismatch(
        in directory: String, sources: [(name: String, contents: String)], toolchainVersion: String, flags: [String]
    ) -> String? {
        guard let description = try? String(contentsOfFile: "\(directory)/\(descriptionFile)", encoding: .utf8) else {
            return "it has no \(descriptionFile)"
        }
        let lines = description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2 else { return "its \(descriptionFile) is incomplete" }
        if lines[0] != toolchainVersion { return "it was compiled by \(lines[0]), not \(toolchainVersion)" }
        if lines[1] != flags.joined(separator: " ") { return "it was compiled with other flags (\(lines[1]))" }
        let module = SwiftCompiler.supportModuleName
        for artefact in ["\(module).swiftmodule", "lib\(module).a"] where !FileManager.default.fileExists(atPath: "\(directory)/\(artefact)") {
            return "it lacks \(artefact)"
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/src")) ?? []
        if Set(names) != Set(sources.map(\.name)) || names.count != sources.count { return "it was compiled from other source files" }
        for source in sources {
            guard let data = FileManager.default.contents(atPath: "\(directory)/src/\(source.name)"),
                  data == Data(source.contents.utf8) else {
                return "its \(source.name) differs from Loom's"
            }
        }
        return nil
    }

    /// Copies the module and the library into `destination` (a fresh staging folder).
    static func copy(from directory: String, into destination: String) throws {
        let fileManager = FileManager.default
        for name in try fileManager.contentsOfDirectory(atPath: directory) {
            try fileManager.copyItem(atPath: "\(directory)/\(name)", toPath: "\(destination)/\(name)")
        }
    }
}

extension SwiftCompiler {
    /// The flags the support library is compiled with, beside the output paths and the sources.
    public static let supportLibraryFlags = [
        "-O", "-parse-as-library", "-module-name", supportModuleName, "-emit-library", "-static", "-emit-module",
    ]

    /// Puts the prebuilt copy into the cache under `hash`; nil when it does not match or cannot be copied.
    func adoptPrebuilt(_ directory: String, sources: [(name: String, contents: String)], hash: String, final: String) -> SupportLibrary? {
        guard PrebuiltSupportLibrary.mismatch(
            in: directory, sources: sources, toolchainVersion: toolchain.version, flags: Self.supportLibraryFlags) == nil
        else { return nil }
        let staging = "\(cacheDirectory)/tmp/\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try PrebuiltSupportLibrary.copy(from: directory, into: staging)
            try FileManager.default.createDirectory(
                atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        // Losing the race to another Loom process is as good as winning it.
        guard rename(staging, final) == 0 || FileManager.default.fileExists(atPath: final) else { return nil }
        return SupportLibrary(directory: final, hash: hash, fromCache: true)
    }
}
