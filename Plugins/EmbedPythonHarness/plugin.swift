import Foundation
import PackagePlugin

/// Embeds the CPython harness (`harness.py`, kept as a Python file so it can be read, linted and
/// tested as Python) in Loom, which writes it out for each `--python` run.
@main
struct EmbedPythonHarness: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let harness = target as? SourceModuleTarget else { return [] }
        let input = harness.directoryURL.appendingPathComponent("harness.py")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedHarness.swift")
        return [
            .buildCommand(
                displayName: "Embedding the CPython harness",
                executable: try context.tool(named: "EmbedSources").url,
                arguments: ["--type", "PythonHarness", output.path, input.path],
                inputFiles: [input],
                outputFiles: [output]
            ),
        ]
    }
}
