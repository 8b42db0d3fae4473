import Foundation
import Testing
@testable import PythonFrontEnd
import SeededRandom

/// Generated programs mixing scopes, loops, handlers and the statements whose place matters, and
/// generated `match` statements: Loom's verdict must be CPython's on each.
@Suite struct CompileChecksGeneratedTests {
    struct ProgramGenerator {
        var random: SeededGenerator

        static let simpleStatements = [
            "return", "return x", "return 1", "return -1, 'a'", "yield x", "x = yield", "yield from x", "await x",
            "break", "continue", "global x", "nonlocal x", "global y", "nonlocal y", "x = 1", "print(x)", "y += 1",
            "x: int", "x: int = 1", "del x", "import x", "from os import *", "[y for y in z]", "[y async for y in z]",
            "[(x := y) for y in z]", "(await y for y in z)", "[await y for y in z]", "lambda: (yield)",
            "lambda: await x", "f(a=1, a=2)", "__debug__ = 1", "pass",
        ]

        mutating func pick(_ choices: [String]) -> String {
            choices[Int(random.next() % UInt64(choices.count))]
        }

        mutating func block(depth: Int, indent: String) -> String {
            var text = ""
            for _ in 0..<(1 + Int(random.next() % 3)) { text += statement(depth: depth, indent: indent) }
            return text
        }

        mutating func statement(depth: Int, indent: String) -> String {
            guard depth < 3, random.next() % 5 < 2 else { return indent + pick(Self.simpleStatements) + "\n" }
            let inner = indent + "    "
            switch random.next() % 10 {
            case 0: return indent + "def f(x):\n" + block(depth: depth + 1, indent: inner)
            case 1: return indent + "async def g():\n" + block(depth: depth + 1, indent: inner)
            case 2: return indent + "class C:\n" + block(depth: depth + 1, indent: inner)
            case 3: return indent + "for x in y:\n" + block(depth: depth + 1, indent: inner)
            case 4: return indent + "while x:\n" + block(depth: depth + 1, indent: inner)
                + indent + "else:\n" + block(depth: depth + 1, indent: inner)
            case 5: return indent + "try:\n" + block(depth: depth + 1, indent: inner)
                + indent + "except* E:\n" + block(depth: depth + 1, indent: inner)
            case 6: return indent + "try:\n" + block(depth: depth + 1, indent: inner)
                + indent + "finally:\n" + block(depth: depth + 1, indent: inner)
            case 7: return indent + "with a as x:\n" + block(depth: depth + 1, indent: inner)
            case 8: return indent + "async for x in y:\n" + block(depth: depth + 1, indent: inner)
            default: return indent + "if x:\n" + block(depth: depth + 1, indent: inner)
            }
        }

        static let leaves = ["a", "b", "_", "c", "1", "None", "'k'", "-1", "1.0", "True"]
        static let keys = ["1", "True", "'k'", "'j'", "A.b", "-1", "1.0", "None", "0", "False", "-0"]

        mutating func pattern(depth: Int = 0) -> String {
            let roll = random.next() % 100
            if depth > 2 || roll < 30 { return pick(Self.leaves) }
            let count = Int(random.next() % 3)
            switch roll {
            case ..<45:
                return "[" + (0..<count).map { _ in pattern(depth: depth + 1) }.joined(separator: ", ") + "]"
            case ..<55:
                return "[" + (["*" + pick(["a", "_", "b"])] + (0..<count % 2).map { _ in pattern(depth: depth + 1) }).joined(separator: ", ") + "]"
            case ..<70:
                return (0..<(2 + count % 2)).map { _ in "(" + pattern(depth: depth + 1) + ")" }.joined(separator: " | ")
            case ..<80:
                let items = (0...count % 2).map { _ in pick(Self.keys) + ": " + pattern(depth: depth + 1) }
                let rest = random.next() % 3 == 0 ? ", **" + pick(["a", "r"]) : ""
                return "{" + items.joined(separator: ", ") + rest + "}"
            case ..<90:
                let positional = (0..<count % 2).map { _ in pattern(depth: depth + 1) }
                let keywords = (0..<count).map { _ in pick(["x", "y", "z"]) + "=" + pattern(depth: depth + 1) }
                return "C(" + (positional + keywords).joined(separator: ", ") + ")"
            default:
                return "(" + pattern(depth: depth + 1) + ") as " + pick(["a", "b", "d"])
            }
        }

        mutating func matchStatement() -> String {
            var text = "match x:\n"
            for _ in 0..<(1 + Int(random.next() % 3)) {
                text += "    case " + pattern() + (random.next() % 5 == 0 ? " if cond" : "") + ":\n        pass\n"
            }
            return text
        }
    }

    /// CPython's verdicts, with sources `ast.parse` refuses (the generator can write `*a, *b` in
    /// a sequence pattern, or `nonlocal` before a parameter) left out.
    func compareWithCPython(_ sources: [String]) throws -> (compared: Int, refused: Int) {
        let parsed = sources.filter { (try? PythonParser.parse($0)) != nil }
        let verdicts = try CompileChecksTests.cpythonVerdicts(parsed)
        for (source, verdict) in zip(parsed, verdicts) {
            #expect(CompileChecksTests.loomVerdict(source) == verdict, "source:\n\(source)")
        }
        return (parsed.count, verdicts.filter { $0 != "OK" }.count)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func generatedScopesAndBlocksAreCheckedAsCPythonChecksThem(_ seed: UInt64) throws {
        var generator = ProgramGenerator(random: SeededGenerator(seed: seed))
        let sources = (0..<400).map { _ in generator.block(depth: 0, indent: "") }
        let (compared, refused) = try compareWithCPython(sources)
        #expect(compared > 300)
        #expect(refused > 100 && refused < compared)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func generatedPatternsAreCheckedAsCPythonChecksThem(_ seed: UInt64) throws {
        var generator = ProgramGenerator(random: SeededGenerator(seed: seed))
        let sources = (0..<400).map { _ in generator.matchStatement() }
        let (compared, refused) = try compareWithCPython(sources)
        #expect(compared > 300)
        #expect(refused > 50 && refused < compared)
    }
}
