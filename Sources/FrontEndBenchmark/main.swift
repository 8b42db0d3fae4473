import Foundation
import LoomCore
import PythonFrontEnd

/// `frontend-bench dump LIST OUTDIR`: writes the `ast.dump` of the N-th file of LIST to OUTDIR/N.txt
/// (or `ERROR: message` when it does not parse); `dump-positions` does the same with
/// `include_attributes=True`.
/// `frontend-bench time LIST REPEATS`: parses every file of LIST, REPEATS times, printing the
/// seconds of each repeat (files are read into memory first, so only parsing is timed).
/// `frontend-bench time-session LIST REPEATS`: the same through `SessionAnalyzer`, each file one note
/// of one snippet (parse, repairs, names).
let arguments = CommandLine.arguments
guard arguments.count >= 3, let list = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: frontend-bench dump LIST OUTDIR | time LIST REPEATS\n".utf8))
    exit(2)
}
let paths = list.split(separator: "\n").map(String.init)
let sources = paths.map { path in
    (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) } ?? ""
}

switch arguments[1] {
case "dump" where arguments.count >= 4, "dump-positions" where arguments.count >= 4:
    let directory = URL(fileURLWithPath: arguments[3])
    let withPositions = arguments[1] == "dump-positions"
    for (offset, source) in sources.enumerated() {
        let text: String
        do {
            let module = try PythonParser.parse(source)
            text = withPositions ? ASTDump.dumpWithAttributes(module) : ASTDump.dump(module)
        } catch {
            text = "ERROR: \(error.line):\(error.column): \(error.message)"
        }
        try Data((text + "\n").utf8).write(to: directory.appendingPathComponent("\(offset).txt"))
    }
case "time", "time-session":
    let repeats = arguments.count >= 4 ? Int(arguments[3]) ?? 3 : 3
    let throughSession = arguments[1] == "time-session"
    let snippets = sources.map { Snippet(index: 1, infoString: "py", fenceLine: 1, firstCodeLine: 2, code: $0) }
    for _ in 0..<repeats {
        let clock = ContinuousClock()
        var statements = 0
        let elapsed = clock.measure {
            if throughSession {
                for snippet in snippets {
                    let analysis = SessionAnalyzer.analyze(snippets: [snippet], file: "note.md")
                    statements += analysis.cells[0].module?.body.count ?? 0
                }
            } else {
                for source in sources {
                    if let module = try? PythonParser.parse(source) { statements += module.body.count }
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%.4f", seconds), statements)
    }
default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
    exit(2)
}
