import LoomSupport
import Foundation

func measure(_ name: String, _ body: () throws -> PyObject) rethrows {
    let start = Date()
    let result = try body()
    print(name, String(format: "%.3f", Date().timeIntervalSince(start)), (try? result.repr()) ?? "?")
}

@main struct Bench {
    static func main() throws {
        // def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2); fib(25)
        nonisolated(unsafe) var fib: PyObject = .none
        fib = PyObject.function("fib", PySignature(["n"])) { a in
            let n = a[0]
            if try n < 2 { return n }
            return try fib(n - 1) + fib(n - 2)
        }
        try measure("fib25") { try fib(25) }
        // def deep(n): return 0 if n == 0 else 1 + deep(n - 1); deep(990), on the main thread's stack
        nonisolated(unsafe) var deep: PyObject = .none
        deep = PyObject.function("deep", PySignature(["n"])) { a in
            if try a[0] == 0 { return 0 }
            return try PyObject(1) + deep(a[0] - 1)
        }
        try measure("deep990") { try deep(990) }
        // total = 0; for i in range(1_000_000): total += i * i
        try measure("loop") {
            var total: PyObject = 0
            let iterator = try Py.range(1_000_000).iterate()
            while let i = try iterator.next() { total = try total.inPlace(.add, i * i) }
            return total
        }
        // counts = {}; for i in range(300_000): w = words[i % 5]; counts[w] = counts.get(w, 0) + 1
        try measure("dict") {
            let words: PyObject = ["apple", "pear", "fig", "plum", "kiwi"]
            let counts = try PyObject.dict([])
            let iterator = try Py.range(300_000).iterate()
            while let i = try iterator.next() {
                let word = try words.item(i % 5)
                try counts.setItem(word, try counts.callMethod("get", [word, 0]) + 1)
            }
            return counts
        }
        // xs = []; for i in range(300_000): xs.append(str(i)); ",".join(xs[:3]); len(xs)
        try measure("list-str") {
            let xs: PyObject = []
            let iterator = try Py.range(300_000).iterate()
            while let i = try iterator.next() { try xs.callMethod("append", [Py.str(i)]) }
            return try Py.len(xs)
        }
        // class P: __init__ sets x, y; method norm2; 200k instances
        try measure("objects") {
            let point = try PyObject.makeClass("P") { ns in
                ns["__init__"] = PyObject.function("__init__", PySignature(["self", "x", "y"])) { a in
                    try a[0].setAttribute("x", a[1]); try a[0].setAttribute("y", a[2]); return .none
                }
                ns["norm2"] = PyObject.function("norm2", PySignature(["self"])) { a in
                    let x = try a[0].attribute("x"), y = try a[0].attribute("y")
                    return try x * x + y * y
                }
            }
            var total: PyObject = 0
            let iterator = try Py.range(200_000).iterate()
            while let i = try iterator.next() { total = try total + point(i, 2).callMethod("norm2") }
            return total
        }
        // sum(x * x for x in range(100_000)), as the lowering writes a generator expression of one for clause
        try measure("genexpr") {
            let gen = try PyObject.generatorExpression(over: Py.range(100_000)) { x in try x * x }
            return try Py.sum(gen)
        }
        // the same sum from a generator function (a body of its own, stepped on its own thread)
        try measure("genfunc") {
            let gen = PyObject.generator("squares") { g in
                let it = try Py.range(100_000).iterate()
                while let x = try it.next() { try g.yield(x * x) }
                return .none
            }
            return try Py.sum(gen)
        }
    }
}
