/// `itertools`, every function of CPython 3.11's module, lazy as CPython's are: infinite
/// iterators (`count`, `cycle`, `repeat`) work with `islice`, `zip` and `takewhile`.
enum ItertoolsModule {
    static let name = "itertools"

    static func build() throws -> PyObject {
        func function(_ name: String, _ signature: PySignature, _ body: @escaping ([PyObject]) throws -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(Self.name, name, signature, body))
        }
        let chain = PyObject.moduleFunction(name, "chain", PySignature([], varargs: "iterables")) { arguments in
            chained(try arguments[0].collect())
        }
        try chain.setAttribute("from_iterable", PyObject.moduleFunction(name, "from_iterable", PySignature(["iterable"])) { arguments in
            let outer = try arguments[0].iterate()
            var inner: PyIterator?
            return PyObject.nativeIterator("chain") {
                while true {
                    if let current = inner, let item = try current.next() { return item }
                    guard let next = try outer.next() else { return nil }
                    inner = try next.iterate()
                }
            }
        })
        return buildModule(name, [
            function("count", PySignature(["start", "step"], defaults: [0, 1])) { arguments in
                var current = arguments[0]
                let step = arguments[1]
                for value in [current, step] where !isNumber(value) {
                    throw PyException.typeError("a number is required")
                }
                return PyObject.nativeIterator("count") {
                    defer { current = (try? current + step) ?? current }
                    return current
                }
            },
            function("cycle", PySignature(["iterable"])) { arguments in
                let source = try arguments[0].iterate()
                var saved: [PyObject] = []
                var exhausted = false
                var index = 0
                return PyObject.nativeIterator("cycle") {
                    if !exhausted {
                        if let item = try source.next() { saved.append(item); return item }
                        exhausted = true
                    }
                    guard !saved.isEmpty else { return nil }
                    defer { index = (index + 1) % saved.count }
                    return saved[index]
                }
            },
            function("repeat", PySignature(["object", "times"], defaults: [.none])) { arguments in
                let value = arguments[0]
                var remaining: Int? = arguments[1].isNone ? nil : max(0, try arguments[1].intArgument("repeat"))
                return PyObject.nativeIterator("repeat") {
                    if let left = remaining {
                        if left == 0 { return nil }
                        remaining = left - 1
                    }
                    return value
                }
            },
            function("accumulate", PySignature(["iterable", "func"], defaults: [.none], keywordOnly: ["initial"], keywordDefaults: ["initial": .none])) { arguments in
                let source = try arguments[0].iterate()
                let combine = arguments[1]
                var total: PyObject? = arguments[2].isNone ? nil : arguments[2]
                var pendingInitial = total != nil
                return PyObject.nativeIterator("accumulate") {
                    if pendingInitial { pendingInitial = false; return total }
                    guard let item = try source.next() else { return nil }
                    if let running = total {
                        total = combine.isNone ? try running + item : try combine(running, item)
                    } else {
                        total = item
                    }
                    return total
                }
            },
            ("chain", chain),
            function("compress", PySignature(["data", "selectors"])) { arguments in
                let data = try arguments[0].iterate(), selectors = try arguments[1].iterate()
                return PyObject.nativeIterator("compress") {
                    while let item = try data.next() {
                        guard let selector = try selectors.next() else { return nil }
                        if try selector.truthy() { return item }
                    }
                    return nil
                }
            },
            function("dropwhile", PySignature(["predicate", "iterable"])) { arguments in
                let predicate = arguments[0], source = try arguments[1].iterate()
                var dropping = true
                return PyObject.nativeIterator("dropwhile") {
                    while let item = try source.next() {
                        if dropping, try predicate(item).truthy() { continue }
                        dropping = false
                        return item
                    }
                    return nil
                }
            },
            function("takewhile", PySignature(["predicate", "iterable"])) { arguments in
                let predicate = arguments[0], source = try arguments[1].iterate()
                var done = false
                return PyObject.nativeIterator("takewhile") {
                    guard !done, let item = try source.next() else { return nil }
                    if try predicate(item).truthy() { return item }
                    done = true
                    return nil
                }
            },
            function("filterfalse", PySignature(["function", "iterable"])) { arguments in
                let predicate = arguments[0], source = try arguments[1].iterate()
                return PyObject.nativeIterator("filterfalse") {
                    while let item = try source.next() {
                        let keep = predicate.isNone ? try item.truthy() : try predicate(item).truthy()
                        if !keep { return item }
                    }
                    return nil
                }
            },
            function("groupby", PySignature(["iterable", "key"], defaults: [.none])) { arguments in
                try groupby(arguments[0], key: arguments[1])
            },
            function("islice", PySignature(["iterable"], varargs: "args")) { arguments in
                try islice(arguments[0], try arguments[1].collect())
            },
            function("pairwise", PySignature(["iterable"])) { arguments in
                let source = try arguments[0].iterate()
                var previous: PyObject?
                return PyObject.nativeIterator("pairwise") {
                    if previous == nil { previous = try source.next(); if previous == nil { return nil } }
                    guard let item = try source.next(), let first = previous else { return nil }
                    previous = item
                    return .tuple([first, item])
                }
            },
            function("starmap", PySignature(["function", "iterable"])) { arguments in
                let callee = arguments[0], source = try arguments[1].iterate()
                return PyObject.nativeIterator("starmap") {
                    guard let item = try source.next() else { return nil }
                    return try callee.call(try item.collect())
                }
            },
            function("tee", PySignature(["iterable", "n"], defaults: [2])) { arguments in
                let count = try arguments[1].intArgument("tee")
                if count < 0 { throw PyException.valueError("n must be >= 0") }
                let shared = TeeBuffer(try arguments[0].iterate(), consumers: count)
                return .tuple((0..<count).map { consumer in
                    PyObject.nativeIterator("_tee") { try shared.next(for: consumer) }
                })
            },
            function("zip_longest", PySignature([], varargs: "iterables", keywordOnly: ["fillvalue"], keywordDefaults: ["fillvalue": .none])) { arguments in
                let sources = try arguments[0].collect().map { try $0.iterate() }
                let fill = arguments[1]
                var active = [Bool](repeating: true, count: sources.count)
                return PyObject.nativeIterator("zip_longest") {
                    guard !sources.isEmpty, active.contains(true) else { return nil }
                    var row: [PyObject] = []
                    for (index, source) in sources.enumerated() {
                        if active[index], let item = try source.next() { row.append(item); continue }
                        active[index] = false
                        row.append(fill)
                    }
                    return active.contains(true) ? .tuple(row) : nil
                }
            },
            function("product", PySignature([], varargs: "iterables", keywordOnly: ["repeat"], keywordDefaults: ["repeat": 1])) { arguments in
                let repeatCount = try arguments[1].intArgument("product")
                if repeatCount < 0 { throw PyException.valueError("repeat argument cannot be negative") }
                let pools = try arguments[0].collect().map { try $0.collect() }
                let all = Array([[[PyObject]]](repeating: pools, count: repeatCount).joined())
                return indexed("product", pools: all) { counts in
                    var indices = [Int](repeating: 0, count: counts.count)
                    var first = true
                    return {
                        if first { first = false; return counts.contains(0) ? nil : indices }
                        var position = counts.count - 1
                        while position >= 0 {
                            indices[position] += 1
                            if indices[position] < counts[position] { return indices }
                            indices[position] = 0
                            position -= 1
                        }
                        return nil
                    }
                }
            },
            function("permutations", PySignature(["iterable", "r"], defaults: [.none])) { arguments in
                let pool = try arguments[0].collect()
                let r = arguments[1].isNone ? pool.count : try arguments[1].intArgument("permutations")
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                return selections("permutations", pool, r, permutationIndices(n: pool.count, r: r))
            },
            function("combinations", PySignature(["iterable", "r"])) { arguments in
                let pool = try arguments[0].collect()
                let r = try arguments[1].intArgument("combinations")
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                return selections("combinations", pool, r, combinationIndices(n: pool.count, r: r, replacement: false))
            },
            function("combinations_with_replacement", PySignature(["iterable", "r"])) { arguments in
                let pool = try arguments[0].collect()
                let r = try arguments[1].intArgument("combinations_with_replacement")
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                return selections("combinations_with_replacement", pool, r, combinationIndices(n: pool.count, r: r, replacement: true))
            },
        ])
    }

    static func isNumber(_ value: PyObject) -> Bool {
        switch value.builtinValue.storage {
        case .int, .big, .float, .bool: return true
        default: return value.pyType.lookup("__add__") != nil && value.pyType.isHeapType
        }
    }

    static func chained(_ iterables: [PyObject]) -> PyObject {
        var position = 0
        var current: PyIterator?
        return PyObject.nativeIterator("chain") {
            while true {
                if let iterator = current, let item = try iterator.next() { return item }
                guard position < iterables.count else { return nil }
                current = try iterables[position].iterate()
                position += 1
            }
        }
    }

    /// `islice(iterable, stop)` / `islice(iterable, start, stop[, step])` with CPython's checks.
    static func islice(_ iterable: PyObject, _ rest: [PyObject]) throws -> PyObject {
        guard (1...3).contains(rest.count) else {
            throw PyException.typeError(rest.isEmpty ? "islice expected at least 2 arguments, got 1" : "islice expected at most 4 arguments, got \(rest.count + 1)")
        }
        func index(_ value: PyObject, _ message: String) throws -> Int? {
            if value.isNone { return nil }
            guard let number = try? value.indexValue().toInt(), number >= 0 else { throw PyException.valueError(message) }
            return number
        }
        let stopMessage = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        let indexMessage = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        var start = 0, stop: Int?, step = 1
        if rest.count == 1 {
            stop = try index(rest[0], stopMessage)
        } else {
            start = try index(rest[0], indexMessage) ?? 0
            stop = try index(rest[1], stopMessage)
            if rest.count == 3 {
                guard let given = try? (rest[2].isNone ? 1 : rest[2].indexValue().toInt()), given >= 1 else {
                    throw PyException.valueError("Step for islice() must be a positive integer or None.")
                }
                step = given
            }
        }
        let source = try iterable.iterate()
        var nextWanted = start
        var position = 0
        var finished = false
        return PyObject.nativeIterator("islice") {
            guard !finished else { return nil }
            if let stop, nextWanted >= stop {
                // CPython consumes up to `stop` before ending.
                while position < stop, try source.next() != nil { position += 1 }
                finished = true
                return nil
            }
            while let item = try source.next() {
                position += 1
                if position - 1 == nextWanted {
                    nextWanted += step
                    return item
                }
            }
            finished = true
            return nil
        }
    }

    static func groupby(_ iterable: PyObject, key: PyObject) throws -> PyObject {
        let state = GroupState(try iterable.iterate(), key: key)
        return PyObject.nativeIterator("groupby") {
            guard let (groupKey, generation) = try state.nextGroup() else { return nil }
            let group = PyObject.nativeIterator("_grouper") { try state.nextInGroup(generation) }
            return .tuple([groupKey, group])
        }
    }

    final class GroupState {
        let source: PyIterator
        let key: PyObject
        var currentKey: PyObject?
        var currentValue: PyObject?
        var targetKey: PyObject?
        var generation = 0
        var exhausted = false

        init(_ source: PyIterator, key: PyObject) { self.source = source; self.key = key }

        func advance() throws -> Bool {
            guard let value = try source.next() else { exhausted = true; return false }
            currentValue = value
            currentKey = key.isNone ? value : try key(value)
            return true
        }

        func nextGroup() throws -> (PyObject, Int)? {
            if exhausted { return nil }
            if currentKey == nil { guard try advance() else { return nil } }
            if let target = targetKey {
                while let current = currentKey, try current == target {
                    guard try advance() else { return nil }
                }
            }
            targetKey = currentKey
            generation += 1
            return (currentKey!, generation)
        }

        func nextInGroup(_ wanted: Int) throws -> PyObject? {
            guard wanted == generation, !exhausted, let target = targetKey else { return nil }
            if currentKey == nil { guard try advance() else { return nil } }
            guard let current = currentKey, try current == target, let value = currentValue else { return nil }
            currentKey = nil
            currentValue = nil
            if try !advance() { currentKey = nil }
            return value
        }
    }

    final class TeeBuffer {
        let source: PyIterator
        var buffer: [PyObject] = []
        var offset = 0
        var positions: [Int]

        init(_ source: PyIterator, consumers: Int) {
            self.source = source
            positions = [Int](repeating: 0, count: consumers)
        }

        func next(for consumer: Int) throws -> PyObject? {
            let position = positions[consumer]
            if position - offset >= buffer.count {
                guard let item = try source.next() else { return nil }
                buffer.append(item)
            }
            let item = buffer[position - offset]
            positions[consumer] += 1
            let slowest = positions.min() ?? 0
            if slowest > offset {
                buffer.removeFirst(slowest - offset)
                offset = slowest
            }
            return item
        }
    }

    /// An iterator of tuples picked from `pools` by successive index vectors.
    static func indexed(_ typeName: String, pools: [[PyObject]], _ makeStepper: ([Int]) -> () -> [Int]?) -> PyObject {
        let step = makeStepper(pools.map(\.count))
        return PyObject.nativeIterator(typeName) {
            guard let indices = step() else { return nil }
            return .tuple(indices.enumerated().map { pools[$0.offset][$0.element] })
        }
    }

    static func selections(_ typeName: String, _ pool: [PyObject], _ r: Int, _ step: @escaping () -> [Int]?) -> PyObject {
        PyObject.nativeIterator(typeName) {
            guard let indices = step() else { return nil }
            return .tuple(indices.map { pool[$0] })
        }
    }

    /// CPython's algorithm for `permutations`, so the order is the same.
    static func permutationIndices(n: Int, r: Int) -> () -> [Int]? {
        var indices = Array(0..<n)
        var cycles = Array(stride(from: n, to: n - r, by: -1))
        var first = true
        var done = r > n
        return {
            if done { return nil }
            if first { first = false; return Array(indices[0..<r]) }
            var i = r - 1
            while i >= 0 {
                cycles[i] -= 1
                if cycles[i] == 0 {
                    let moved = indices[i]
                    indices.remove(at: i)
                    indices.append(moved)
                    cycles[i] = n - i
                } else {
                    let j = cycles[i]
                    indices.swapAt(i, n - j)
                    return Array(indices[0..<r])
                }
                i -= 1
            }
            done = true
            return nil
        }
    }

    static func combinationIndices(n: Int, r: Int, replacement: Bool) -> () -> [Int]? {
        var indices = replacement ? [Int](repeating: 0, count: r) : Array(0..<r)
        var first = true
        var done = replacement ? (n == 0 && r > 0) : r > n
        return {
            if done { return nil }
            if first { first = false; return indices }
            var i = r - 1
            if replacement {
                while i >= 0 && indices[i] == n - 1 { i -= 1 }
                if i < 0 { done = true; return nil }
                let value = indices[i] + 1
                for k in i..<r { indices[k] = value }
            } else {
                while i >= 0 && indices[i] == i + n - r { i -= 1 }
                if i < 0 { done = true; return nil }
                indices[i] += 1
                for k in (i + 1)..<max(i + 1, r) { indices[k] = indices[k - 1] + 1 }
            }
            return indices
        }
    }
}
