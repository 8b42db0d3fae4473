import ArgumentParser

/// `loom`: the only place where Loom's stages meet.
public struct LoomCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "loom",
        abstract: "Make study notes real: run their Python snippets as Swift, time them, and publish an annotated site.",
        version: version,
        subcommands: [BuildCommand.self, ServeCommand.self, RunCommand.self, CheckCommand.self, TranslateCommand.self, TimelineCommand.self, DumpASTCommand.self],
        defaultSubcommand: nil
    )

    public init() {}

    /// The command line with `--python=unsafe` as the flag ArgumentParser knows (it has no flags with values).
    public static func arguments(_ given: [String] = Array(CommandLine.arguments.dropFirst())) -> [String] {
        given.map { argument in
            switch argument {
            case "--python=unsafe": "--python-unsafe"
            case "--python=sandbox": "--python"
            default: argument
            }
        }
    }
}
