import Testing
@testable import LoomSupport
import SeededRandom

@Suite struct PythonRandomTests {
    @Test(arguments: [0, 1, 42, 12345, -7, 4_294_967_296, Int.max])
    func seededSequencesMatchCPython(seed: Int) throws {
        let expected = try PythonOracle.lines("""
            import random
            r = random.Random(\(seed))
            print([repr(r.random()) for _ in range(5)])
            print([r.randint(1, 6) for _ in range(10)], r.randrange(10), r.randrange(5, 100, 7), r.randrange(50, 0, -3))
            print(r.choice('abcdefg'), r.getrandbits(7), r.getrandbits(40))
            items = list(range(12)); r.shuffle(items); print(items)
            print(r.sample(range(30), 5), r.sample(range(1000), 8))
            print(repr(r.uniform(2.5, 10.0)), repr(r.gauss(0, 1)), repr(r.gauss(5, 2)), repr(r.gauss(0, 1)))
            """)
        let r = PythonRandom(seed: seed)
        var lines: [String] = []
        lines.append((0..<5).map { _ in r.random().pythonRepr }.pythonRepr)
        lines.append("\((0..<10).map { _ in r.randint(1, 6) }) \(r.randrange(10)) \(r.randrange(5, 100, 7)) \(r.randrange(50, 0, -3))")
        lines.append("\(r.choice(Array("abcdefg"))) \(r.getrandbits(7)) \(r.getrandbits(40))")
        var items = Array(0..<12)
        r.shuffle(&items)
        lines.append(items.pythonStr)
        lines.append("\(r.sample(Array(0..<30), 5)) \(r.sample(Array(0..<1000), 8))")
        lines.append("\(repr(r.uniform(2.5, 10.0))) \(repr(r.gauss(0, 1))) \(repr(r.gauss(5, 2))) \(repr(r.gauss(0, 1)))")
        #expect(lines == expected)
    }

    @Test func moduleFunctionsShareOneSeededGenerator() throws {
        let expected = try PythonOracle.lines("import random\nrandom.seed(99)\nprint(random.randint(1, 100), repr(random.random()))")
        PythonRandom.seed(99)
        #expect(["\(PythonRandom.randint(1, 100)) \(PythonRandom.random().pythonRepr)"] == expected)
    }
}
