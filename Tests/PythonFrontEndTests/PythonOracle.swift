import Foundation
import ProgramFixtures

/// CPython 3.11 as the reference: runs `python3` to dump or to check sources.
enum PythonOracle {
    /// `ast.dump(ast.parse(source))` for each source, or `ERROR: <message>` when CPython refuses it.
    static func dumps(_ sources: [String], includeAttributes: Bool = false) throws -> [String] {
        let options = includeAttributes ? ", include_attributes=True" : ""
        let script = """
        import ast, json, sys
        out = []
        for source in json.load(sys.stdin):
            try:
                out.append(ast.dump(ast.parse(source.encode('utf-8', 'surrogatepass'))\(options)))
            except (SyntaxError, ValueError) as error:
                out.append('ERROR: ' + str(error.msg if isinstance(error, SyntaxError) else error))
        json.dump(out, sys.stdout)
        """
        let input = try JSONEncoder().encode(sources)
        let output = try run(["python3", "-W", "ignore", "-c", script], input: input)
        return try JSONDecoder().decode([String].self, from: output)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String], input: Data) throws -> Data {
        let result = ToolRun.run(arguments[0], Array(arguments.dropFirst()), input: input, timeout: 600)
        if let failure = result.startFailure { throw Failure(description: "\(arguments[0]): \(failure)") }
        return Data(result.stdout.utf8)
    }

    static var corpusDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    }
}
