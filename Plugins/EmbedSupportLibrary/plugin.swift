import Foundation
import PackagePlugin

/// Embeds the support library's sources in Loom, which compiles them for translated programs at run time.
@main
struct EmbedSupportLibrary: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let support = try context.package.targets(named: ["LoomSupport"]).first as? SourceModuleTarget else {
            throw PluginError.noSupportLibrary
        }
        let inputs = support.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedSupportLibrary.swift")
        return [
            .buildCommand(
                displayName: "Embedding the support library's \(inputs.count) sources",
                executable: try context.tool(named: "EmbedSources").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    enum PluginError: Error { case noSupportLibrary }
}
