import Foundation
import PackagePlugin

/// Embeds the support library's sources in Loom, which compiles them for translated programs at run time,
/// and compiles them once now, beside Loom's own build, so that the first run finds the library ready.
@main
struct EmbedSupportLibrary: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let support = try context.package.targets(named: ["LoomSupport"]).first as? SourceModuleTarget else {
            throw PluginError.noSupportLibrary
        }
        let inputs = support.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedSupportLibrary.swift")
        let prebuilt = context.pluginWorkDirectoryURL.appendingPathComponent("PrebuiltSupportLibrary.swift")
        let swiftc = try context.tool(named: "swiftc").url
        return [
            .buildCommand(
                displayName: "Embedding the support library's \(inputs.count) sources",
                executable: try context.tool(named: "EmbedSources").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
            .buildCommand(
                displayName: "Compiling the support library for translated programs (swiftc -O)",
                executable: try context.tool(named: "PrebuildSupportLibrary").url,
                arguments: [swiftc.path, context.pluginWorkDirectoryURL.path, prebuilt.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [prebuilt]
            ),
        ]
    }

    enum PluginError: Error { case noSupportLibrary }
}
