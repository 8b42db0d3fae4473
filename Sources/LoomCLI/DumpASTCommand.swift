import ArgumentParser
import Foundation
import PythonFrontEnd

struct DumpASTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-ast",
        abstract: "Print a Python file's tree exactly as CPython 3.11's ast.dump(ast.parse(source)) prints it."
    )

    @Argument(help: "Python files.")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                StandardError.write("\(file): cannot read\n")
                failed = true
                continue
            }
            do {
                let module = try PythonParser.parse(String(decoding: data, as: UTF8.self))
                print(ASTDump.dump(module))
            } catch {
                StandardError.write("\(file):\(error.line):\(error.column): error: \(error.kind.rawValue): \(error.message)\n")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
