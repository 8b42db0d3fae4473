import Foundation

// Compiles the support library once, while Loom itself is being built, so that the first `loom run`
// finds it ready instead of spending most of a minute in `swiftc -O`:
//
//   PrebuildSupportLibrary SWIFTC OUTPUT-FOLDER GENERATED.swift SOURCE.swift...
//
// OUTPUT-FOLDER/LoomSupport receives the module, the static library, the sources it was compiled
// from, what the compiler printed (`compiler-output.txt`) and `prebuilt.txt` (the compiler's version
// and the flags); Loom uses the folder only when all of these are exactly its own (Execution's
// PrebuiltSupportLibrary checks them). GENERATED.swift tells Loom where the folder is. A compile that
// fails is reported as a warning and never fails Loom's build: Loom then compiles the library itself
// on first use, as it would without this step, and reports the error there.

/// Must equal `SwiftCompiler.supportLibraryFlags`; a copy made with other flags is never used.
let flags = ["-O", "-parse-as-library", "-module-name", "LoomSupport", "-emit-library", "-static", "-emit-module"]

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: PrebuildSupportLibrary SWIFTC OUTPUT-FOLDER GENERATED.swift SOURCE.swift...\n".utf8))
    exit(2)
}
let swiftc = arguments[0]
let outputFolder = URL(fileURLWithPath: arguments[1])
let generated = URL(fileURLWithPath: arguments[2])
let sources = arguments.dropFirst(3).map { URL(fileURLWithPath: $0) }
let finalFolder = outputFolder.appendingPathComponent("LoomSupport")

func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: the support library was not prebuilt (Loom compiles it on first use): \(message)\n".utf8))
}

/// Runs a program to its end; returns its exit status and everything it printed.
func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "cannot start \(executable): \(error)") }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

func prebuild() -> Bool {
    let version = run(swiftc, ["--version"]).output.split(separator: "\n").first { $0.contains("Swift version") }
    guard let version else {
        warn("\(swiftc) --version did not say its version")
        return false
    }
    let description = "\(version.trimmingCharacters(in: .whitespaces))\n\(flags.joined(separator: " "))\n"
    if isCurrent(description: description) { return true }
    let staging = outputFolder.appendingPathComponent("staging-\(ProcessInfo.processInfo.processIdentifier)")
    let fileManager = FileManager.default
    defer { try? fileManager.removeItem(at: staging) }
    do {
        try? fileManager.removeItem(at: staging)
        let sourceFolder = staging.appendingPathComponent("src")
        try fileManager.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
        var copies: [String] = []
        for source in sources.sorted(by: { $0.path < $1.path }) {
            let copy = sourceFolder.appendingPathComponent(source.lastPathComponent)
            try Data(contentsOf: source).write(to: copy)
            copies.append(copy.path)
        }
        // Compiled from the copies, as Loom compiles its embedded sources, so that the two are the same build.
        let compile = run(swiftc, flags + [
            "-emit-module-path", staging.appendingPathComponent("LoomSupport.swiftmodule").path,
            "-o", staging.appendingPathComponent("libLoomSupport.a").path,
        ] + copies, in: staging)
        guard compile.status == 0 else {
            warn("swiftc exited with status \(compile.status):\n\(compile.output)")
            return false
        }
        try Data(description.utf8).write(to: staging.appendingPathComponent("prebuilt.txt"))
        // Kept for the tests that hold the library to compiling without warnings, so they need not compile it again.
        try Data(compile.output.utf8).write(to: staging.appendingPathComponent("compiler-output.txt"))
        // Replaced in one step, so a Loom reading the folder sees the old copy or the new one.
        let old = outputFolder.appendingPathComponent("old-\(ProcessInfo.processInfo.processIdentifier)")
        if fileManager.fileExists(atPath: finalFolder.path) { try fileManager.moveItem(at: finalFolder, to: old) }
        try fileManager.moveItem(at: staging, to: finalFolder)
        try? fileManager.removeItem(at: old)
        return true
    } catch {
        warn("\(error)")
        return false
    }
}

/// The folder already holds this very build (the debug and release builds share it): nothing to do.
func isCurrent(description: String) -> Bool {
    let fileManager = FileManager.default
    guard fileManager.contents(atPath: finalFolder.appendingPathComponent("prebuilt.txt").path) == Data(description.utf8),
          fileManager.fileExists(atPath: finalFolder.appendingPathComponent("libLoomSupport.a").path),
          fileManager.fileExists(atPath: finalFolder.appendingPathComponent("LoomSupport.swiftmodule").path),
          fileManager.fileExists(atPath: finalFolder.appendingPathComponent("compiler-output.txt").path),
          let names = try? fileManager.contentsOfDirectory(atPath: finalFolder.appendingPathComponent("src").path),
          Set(names) == Set(sources.map(\.lastPathComponent)), names.count == sources.count
    else { return false }
    return sources.allSatisfy { source in
        fileManager.contents(atPath: source.path)
            == fileManager.contents(atPath: finalFolder.appendingPathComponent("src/\(source.lastPathComponent)").path)
    }
}

_ = prebuild()
let literal = finalFolder.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
let text = """
    // Generated by the PrebuildSupportLibrary step of Loom's build; do not edit.

    extension SupportLibrarySources {
        /// Where Loom's build compiled the support library; Loom checks the copy before using it.
        public static let prebuiltDirectory: String? = "\(literal)"
    }

    """
do {
    try text.write(to: generated, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(generated.path): \(error)\n".utf8))
    exit(1)
}
