import Foundation
import Testing

/// The API guide's mappings, used as the translator will use them: a Python program and its
/// translation (written by the guide), built as Loom builds notes, must print the same.
@Suite struct GuideExamplesTests {
    static let python = #"""
    import random, threading, queue, concurrent.futures, asyncio
    print(1, 2.5, True, None, 'x', ['a', "it's"], (1, 'a'), {'k': [1, 2]}, sep=' | ')
    x = 3.14159
    w = 10
    print(f"{x:.2f}|{x:>{w}.3f}|{'hi'!r}|{x=}|{1e16}|{0.1 + 0.2}")
    print("%s is %05.1f" % ("pi", x), "{} {:>5}".format('a', 7), "{name}!".format(name='n'))
    print(-7 // 2, -7 % 2, divmod(-7, 2), 2 ** 10, round(2.675, 2), round(2.5), round(1234, -2))
    print(7.5 // 2, -7.5 % 2, 1 / 3, 10 / 2)
    print('  a b  '.split(), 'a,b'.split(','), 'ab'.center(6, '*'), '42'.zfill(5), 'hello world'.title())
    print(int(' 42 '), float('1e3'), int(3.9))
    d = {'b': 1}
    d['a'] = 2
    d.setdefault('c', 3)
    print(d, d.get('z', 0), len(d))
    print({3, 1, 2}, set())
    random.seed(7)
    print(random.randint(1, 100), random.random(), random.choice([1, 2, 3]))
    items = list(range(5))
    random.shuffle(items)
    print(items)
    try:
        raise ValueError('bad value')
    except ValueError as e:
        print(e, repr(e))
    print('a', 'b', sep='', end='!\n')
    print()
    print((2.5, 'b'))
    e = threading.Event()
    e.set()
    sem = threading.Semaphore(2)
    b = threading.Barrier(1)
    rl = threading.RLock()
    print(e.is_set(), sem.acquire(), b.wait(), rl.acquire(), rl.acquire(), threading.current_thread().name)
    q = queue.Queue()
    q.put(1)
    q.put(2)
    print(q.get(), q.qsize())
    def square(n):
        return n * n
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(square, [1, 2, 3])), ex.submit(square, 4).result())
    async def twice(n):
        await asyncio.sleep(0.01)
        return n * 2
    async def main():
        return await asyncio.gather(twice(1), twice(2))
    print(asyncio.run(main()))
    t = threading.Thread(target=print, args=('from thread',))
    t.start()
    t.join()
    print(t.name)
    """#

    static let swift = #"""
    import LoomSupport
    import Foundation

    func cell1() throws {
        print(1, 2.5, true, nil as Int?, "x", ["a", "it's"], str((1, "a")), ["k": [1, 2]] as PyDict, sep: " | ")
        let x = 3.14159
        let w = 10
        print("\(x, format: ".2f")|\(x, format: ">\(w).3f")|\(repr: "hi")|x=\(repr: x)|\(1e16)|\(0.1 + 0.2)")
        print("%s is %05.1f".percentFormat("pi", x), "{} {:>5}".format("a", 7), "{name}!".format(named: ["name": "n"]))
        try print(floorDiv(-7, 2), mod(-7, 2), str(divmod(-7, 2)), pow(2, 10), round(2.675, 2),
              Int((2.5).rounded(.toNearestOrEven)), round(1234, -2))
        try print(floorDiv(7.5, 2), mod(-7.5, 2), 1.0 / 3, 10.0 / 2)
        print("  a b  ".pythonSplit(), "a,b".pythonSplit(","), "ab".center(6, "*"), "42".zfill(5), "hello world".title())
        print(try int(" 42 "), try float("1e3"), try int(3.9))
        var d: PyDict<String, Int> = ["b": 1]
        d["a"] = 2
        d.setdefault("c", 3)
        print(d, d.get("z", 0), d.count)
        print(Set([3, 1, 2]), Set<Int>())
        PythonRandom.seed(7)
        print(PythonRandom.randint(1, 100), PythonRandom.random(), PythonRandom.choice([1, 2, 3]))
        var items = Array(0..<5)
        PythonRandom.shuffle(&items)
        print(items)
        do {
            throw PythonError("ValueError", "bad value")
        } catch let e as PythonError where e.type == "ValueError" {
            print(e, repr(e))
        }
        print("a", "b", sep: "", end: "!\n")
        print()
        print((2.5, "b"))
        let e = Event()
        e.set()
        let sem = Semaphore(2)
        let b = Barrier(1)
        let rl = RLock()
        print(e.isSet, sem.acquire(), try b.wait(), rl.acquire(), rl.acquire(), PythonThread.currentName)
        let q = Queue<Int>()
        try q.put(1)
        try q.put(2)
        print(try q.get(), q.qsize)
        do {
            let ex = ThreadPoolExecutor(maxWorkers: 2)
            defer { ex.shutdown() }
            print(Array(ex.map([1, 2, 3]) { square($0) }), try ex.submit { square(4) }.result())
        }
        print(try Asyncio.run { try await Asyncio.gather({ try await twice(1) }, { try await twice(2) }) })
        let t = PythonThread(target: "print") { print("from thread") }
        t.start()
        t.join()
        print(t.name)
    }

    func square(_ n: Int) -> Int { n * n }

    func twice(_ n: Int) async throws -> Int {
        try await Asyncio.sleep(0.01)
        return n * 2
    }

    @main struct Note {
        static func main() { runCells([cell1]) }
    }
    """#

    @Test func translationPrintsWhatCPythonPrints() throws {
        let expected = try PythonOracle.lines(Self.python)
        #expect(expected.count == 21)
        let binary = try StandaloneProgram.compile(Self.swift)
        let run = try StandaloneProgram.execute(binary)
        #expect(run.status == 0)
        let actual = run.stdout.components(separatedBy: "\n").dropLast()
        #expect(Array(actual) == expected)
    }
}
