/// `itertools`, every function of CPython 3.11's module, lazy as CPython's are: infinite
/// iterators (`count`, `cycle`, `repeat`) work with `islice`, `zip` and `takewhile`. The functions
/// check their arguments as CPython's C functions do, so wrong calls raise CPython's messages.
enum ItertoolsModule {
    static let name = "itertools"

    /// How one of CPython's C functions takes its arguments; the two styles word their errors differently.
    enum CallForm {
        /// Positional only: `dropwhile expected 2 arguments, got 1`, `cycle() takes no keyword arguments`.
        case positional(ClosedRange<Int>)
        /// By position or name: `repeat() missing required argument 'object' (pos 1)`. Parameters past
        /// `positionalLimit` are keyword-only.
        case named([String], required: Int, positionalLimit: Int? = nil)
    }

    /// The arguments of a call in `form`'s parameter order, nil where a parameter was not given.
    static func parse(_ function: String, _ form: CallForm, _ given: [PyObject], _ keywords: [(String, PyObject)]) throws -> [PyObject?] {
        switch form {
        case .positional(let arity):
            if !keywords.isEmpty { throw PyException.typeError("\(function)() takes no keyword arguments") }
            if !arity.contains(given.count) {
                func arguments(_ count: Int) -> String { "\(count) argument\(count == 1 ? "" : "s")" }
                let expected = arity.lowerBound == arity.upperBound ? arguments(arity.lowerBound)
                    : given.count < arity.lowerBound ? "at least \(arguments(arity.lowerBound))" : "at most \(arguments(arity.upperBound))"
                throw PyException.typeError("\(function) expected \(expected), got \(given.count)")
            }
            // Open-ended forms (`chain(*iterables)`) have no optional slots to fill.
            let optional = arity.upperBound == Int.max ? 0 : arity.upperBound - given.count
            return given + [PyObject?](repeating: nil, count: optional)
        case .named(let names, let required, let positionalLimit):
            let limit = positionalLimit ?? names.count
            if given.count > limit {
                let kind = positionalLimit == nil ? "" : "positional "
                throw PyException.typeError("\(function)() takes at most \(limit) \(kind)argument\(limit == 1 ? "" : "s") (\(given.count) given)")
            }
            var slots: [PyObject?] = given + [PyObject?](repeating: nil, count: names.count - given.count)
            var unknown: String?
            for (key, value) in keywords {
                guard let index = names.firstIndex(of: key) else { unknown = unknown ?? key; continue }
                if index < given.count {
                    throw PyException.typeError("argument for \(function)() given by name ('\(key)') and position (\(index + 1))")
                }
                slots[index] = value
            }
            if let missing = (0..<required).first(where: { slots[$0] == nil }) {
                throw PyException.typeError("\(function)() missing required argument '\(names[missing])' (pos \(missing + 1))")
            }
            if let unknown { throw PyException.typeError("'\(unknown)' is an invalid keyword argument for \(function)()") }
            return slots
        }
    }

    static func function(_ name: String, _ form: CallForm, _ body: @escaping ([PyObject?]) throws -> PyObject) -> PyObject {
        PyObject.moduleFunction(Self.name, name, PySignature([], varargs: "args", varkw: "kwargs")) { arguments in
            try body(parse(name, form, try arguments[0].collect(), try keywordPairs(arguments[1])))
        }
    }

    static func keywordPairs(_ dict: PyObject) throws -> [(String, PyObject)] {
        guard let storage = dict.heap as? PyDictStorage else { return [] }
        return try storage.entries.map { (try $0.0.toString(), $0.1) }
    }

    /// CPython's `PyNumber_Check`, what `count` asks of its arguments.
    static func isNumber(_ value: PyObject) -> Bool {
        if value.builtinValue.isNumber || value.builtinValue.heap is PyComplex { return true }
        return value.pyType.isHeapType && ["__index__", "__int__", "__float__", "__complex__"].contains { value.pyType.lookup($0) != nil }
    }

    /// An int `1` as `count` and `repeat` leave out of their reprs.
    static func isIntOne(_ value: PyObject) -> Bool {
        switch value.storage {
        case .int(1), .bool(true): return true
        default: return false
        }
    }

    static func build() throws -> PyObject {
        let chain = function("chain", .positional(0...Int.max)) { arguments in
            chained(PyIterator(.items(arguments.compactMap { $0 })))
        }
        try chain.setAttribute("from_iterable", function("from_iterable", .positional(1...1)) { arguments in
            chained(try arguments[0]!.iterate())
        })
        return buildModule(name, [
            ("count", function("count", .named(["start", "step"], required: 0)) { arguments in
                var current = arguments[0] ?? PyObject(0)
                let step = arguments[1] ?? PyObject(1)
                for value in [current, step] where !isNumber(value) {
                    throw PyException.typeError("a number is required")
                }
                // CPython counts a bool start with step 1 as the int it equals.
                if isIntOne(step), case .bool(let flag) = current.storage { current = PyObject(flag ? 1 : 0) }
                return PyObject.nativeIterator("count", describe: {
                    isIntOne(step) ? "count(\(try current.repr()))" : "count(\(try current.repr()), \(try step.repr()))"
                }) {
                    defer { current = (try? current + step) ?? current }
                    return current
                }
            }),
            ("cycle", function("cycle", .positional(1...1)) { arguments in
                let source = try arguments[0]!.iterate()
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
            }),
            ("repeat", function("repeat", .named(["object", "times"], required: 1)) { arguments in
                let value = arguments[0]!
                var remaining: Int? = try arguments[1].map { max(0, try $0.intArgument("repeat")) }
                return PyObject.nativeIterator("repeat", describe: {
                    let shown = try value.repr()
                    return remaining.map { "repeat(\(shown), \($0))" } ?? "repeat(\(shown))"
                }) {
                    if let left = remaining {
                        if left == 0 { return nil }
                        remaining = left - 1
                    }
                    return value
                }
            }),
            ("accumulate", function("accumulate", .named(["iterable", "func", "initial"], required: 1, positionalLimit: 2)) { arguments in
                let source = try arguments[0]!.iterate()
                let combine = arguments[1] ?? .none
                let initial = arguments[2] ?? .none
                var total = initial.isNone ? PyObject?.none : initial
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
            }),
            ("chain", chain),
            ("compress", function("compress", .named(["data", "selectors"], required: 2)) { arguments in
                let data = try arguments[0]!.iterate(), selectors = try arguments[1]!.iterate()
                return PyObject.nativeIterator("compress") {
                    while let item = try data.next() {
                        guard let selector = try selectors.next() else { return nil }
                        if try selector.truthy() { return item }
                    }
                    return nil
                }
            }),
            ("dropwhile", function("dropwhile", .positional(2...2)) { arguments in
                let predicate = arguments[0]!, source = try arguments[1]!.iterate()
                var dropping = true
                return PyObject.nativeIterator("dropwhile") {
                    while let item = try source.next() {
                        if dropping, try predicate(item).truthy() { continue }
                        dropping = false
                        return item
                    }
                    return nil
                }
            }),
            ("takewhile", function("takewhile", .positional(2...2)) { arguments in
                let predicate = arguments[0]!, source = try arguments[1]!.iterate()
                return PyObject.nativeIterator("takewhile") {
                    guard let item = try source.next(), try predicate(item).truthy() else { return nil }
                    return item
                }
            }),
            ("filterfalse", function("filterfalse", .positional(2...2)) { arguments in
                let predicate = arguments[0]!, source = try arguments[1]!.iterate()
                return PyObject.nativeIterator("filterfalse") {
                    while let item = try source.next() {
                        let keep = predicate.isNone ? try item.truthy() : try predicate(item).truthy()
                        if !keep { return item }
                    }
                    return nil
                }
            }),
            ("groupby", function("groupby", .named(["iterable", "key"], required: 1)) { arguments in
                try groupby(arguments[0]!, key: arguments[1] ?? .none)
            }),
            ("islice", function("islice", .positional(2...4)) { arguments in
                try islice(arguments[0]!, arguments[1...].compactMap { $0 })
            }),
            ("pairwise", function("pairwise", .positional(1...1)) { arguments in
                let source = try arguments[0]!.iterate()
                var previous: PyObject?
                return PyObject.nativeIterator("pairwise") {
                    if previous == nil {
                        previous = try source.next()
                        if previous == nil { return nil }
                    }
                    guard let item = try source.next(), let first = previous else { return nil }
                    previous = item
                    return .tuple([first, item])
                }
            }),
            ("starmap", function("starmap", .positional(2...2)) { arguments in
                let callee = arguments[0]!, source = try arguments[1]!.iterate()
                return PyObject.nativeIterator("starmap") {
                    guard let item = try source.next() else { return nil }
                    return try callee.call(try item.collect())
                }
            }),
            ("tee", function("tee", .positional(1...2)) { arguments in
                let count = try arguments[1]?.intArgument("tee") ?? 2
                if count < 0 { throw PyException.valueError("n must be >= 0") }
                let shared = TeeBuffer(try arguments[0]!.iterate(), consumers: count)
                return .tuple((0..<count).map { consumer in
                    PyObject.nativeIterator("_tee") { try shared.next(for: consumer) }
                })
            }),
            ("zip_longest", PyObject.moduleFunction(name, "zip_longest", PySignature([], varargs: "iterables", varkw: "options")) { arguments in
                var fill = PyObject.none
                for (key, value) in try keywordPairs(arguments[1]) {
                    guard key == "fillvalue" else { throw PyException.typeError("zip_longest() got an unexpected keyword argument") }
                    fill = value
                }
                return zipLongest(try arguments[0].collect().map { try $0.iterate() }, fill: fill)
            }),
            ("product", PyObject.moduleFunction(name, "product", PySignature([], varargs: "iterables", varkw: "options")) { arguments in
                var repeatCount = 1
                for (key, value) in try keywordPairs(arguments[1]) {
                    guard key == "repeat" else { throw PyException.typeError("'\(key)' is an invalid keyword argument for product()") }
                    repeatCount = try value.intArgument("product")
                }
                if repeatCount < 0 { throw PyException.valueError("repeat argument cannot be negative") }
                let pools = try arguments[0].collect().map { try $0.collect() }
                return product(Array([[[PyObject]]](repeating: pools, count: repeatCount).joined()))
            }),
            ("permutations", function("permutations", .named(["iterable", "r"], required: 1)) { arguments in
                let pool = try arguments[0]!.collect()
                var r = pool.count
                if let given = arguments[1], !given.isNone {
                    guard given.builtinValue.isIntegral else { throw PyException.typeError("Expected int as r") }
                    r = try given.intArgument("permutations")
                }
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                return selections("permutations", pool, permutationIndices(n: pool.count, r: r))
            }),
            ("combinations", function("combinations", .named(["iterable", "r"], required: 2)) { arguments in
                let pool = try arguments[0]!.collect()
                let r = try arguments[1]!.intArgument("combinations")
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                return selections("combinations", pool, combinationIndices(n: pool.count, r: r, replacement: false))
            }),
            ("combinations_with_replacement", function("combinations_with_replacement", .named(["iterable", "r"], required: 2)) { arguments in
                let pool = try arguments[0]!.collect()
                let r = try arguments[1]!.intArgument("combinations_with_replacement")
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                return selections("combinations_with_replacement", pool, combinationIndices(n: pool.count, r: r, replacement: true))
            }),
        ])
    }

    /// `chain`'s items: each iterable from `iterables` is asked for its iterator only when reached.
    static func chained(_ iterables: PyIterator) -> PyObject {
        var current: PyIterator?
        return PyObject.nativeIterator("chain") {
            while true {
                if let iterator = current {
                    if let item = try iterator.next() { return item }
                    current = nil
                }
                guard let next = try iterables.next() else { return nil }
                current = try next.iterate()
            }
        }
    }

    static func zipLongest(_ sources: [PyIterator], fill: PyObject) -> PyObject {
        var active = [Bool](repeating: true, count: sources.count)
        var remaining = sources.count
        return PyObject.nativeIterator("zip_longest") {
            guard remaining > 0 else { return nil }
            var row: [PyObject] = []
            for (index, source) in sources.enumerated() {
                if active[index], let item = try source.next() { row.append(item); continue }
                if active[index] {
                    active[index] = false
                    remaining -= 1
                    if remaining == 0 { return nil }
                }
                row.append(fill)
            }
            return .tuple(row)
        }
    }

    /// `islice(iterable, stop)` / `islice(iterable, start, stop[, step])`, with CPython's checks in
    /// CPython's order and its way of consuming the source (up to `stop`, skipping ahead to `start`).
    static func islice(_ iterable: PyObject, _ rest: [PyObject]) throws -> PyObject {
        let source = try iterable.iterate()
        let stopMessage = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        // CPython's PyNumber_AsSsize_t with its error cleared: -1 for anything that is not an index.
        func size(_ value: PyObject) -> Int { (try? value.indexValue().toInt()) ?? -1 }
        var start = 0, stop = -1, step = 1
        if rest.count == 1 {
            if !rest[0].isNone {
                stop = size(rest[0])
                if stop == -1 { throw PyException.valueError(stopMessage) }
            }
        } else {
            if !rest[0].isNone { start = size(rest[0]) }
            if !rest[1].isNone {
                stop = size(rest[1])
                if stop == -1 { throw PyException.valueError(stopMessage) }
            }
        }
        if start < 0 || stop < -1 {
            throw PyException.valueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        }
        if rest.count == 3, !rest[2].isNone { step = size(rest[2]) }
        if step < 1 { throw PyException.valueError("Step for islice() must be a positive integer or None.") }
        var count = 0
        var nextWanted = start
        return PyObject.nativeIterator("islice") {
            while count < nextWanted {
                guard try source.next() != nil else { return nil }
                count += 1
            }
            if stop != -1 && count >= stop { return nil }
            guard let item = try source.next() else { return nil }
            count += 1
            let (advanced, overflow) = nextWanted.addingReportingOverflow(step)
            nextWanted = overflow || (stop != -1 && advanced > stop) ? stop : advanced
            return item
        }
    }

    static func groupby(_ iterable: PyObject, key: PyObject) throws -> PyObject {
        let state = GroupState(try iterable.iterate(), key: key)
        return PyObject.nativeIterator("groupby") {
            guard let (groupKey, grouper) = try state.nextGroup() else { return nil }
            return .tuple([groupKey, PyObject.nativeIterator("_grouper") { try state.nextInGroup(grouper, target: groupKey) }])
        }
    }

    /// CPython's groupby state: the groups read the groupby's own iterator, and only the newest group
    /// may, so moving the groupby on ends the group before it.
    final class GroupState {
        let source: PyIterator
        let key: PyObject
        var currentKey: PyObject?
        var currentValue: PyObject?
        var targetKey: PyObject?
        var currentGrouper = 0
        var groupersMade = 0

        init(_ source: PyIterator, key: PyObject) { self.source = source; self.key = key }

        func step() throws -> Bool {
            guard let value = try source.next() else { return false }
            currentKey = key.isNone ? value : try key(value)
            currentValue = value
            return true
        }

        func nextGroup() throws -> (PyObject, Int)? {
            currentGrouper = 0
            while true {
                if let current = currentKey {
                    guard let target = targetKey else { break }
                    if try !target.equals(current) { break }
                }
                guard try step() else { return nil }
            }
            targetKey = currentKey
            groupersMade += 1
            currentGrouper = groupersMade
            return currentKey.map { ($0, groupersMade) }
        }

        func nextInGroup(_ grouper: Int, target: PyObject) throws -> PyObject? {
            guard grouper == currentGrouper else { return nil }
            if currentValue == nil { guard try step() else { return nil } }
            guard let current = currentKey, try target.equals(current) else { return nil }
            defer { currentValue = nil; currentKey = nil }
            return currentValue
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

    /// The cartesian product of `pools`, the last pool varying fastest, as an odometer.
    static func product(_ pools: [[PyObject]]) -> PyObject {
        var indices = [Int](repeating: 0, count: pools.count)
        var first = true
        var done = pools.contains { $0.isEmpty }
        return PyObject.nativeIterator("product") {
            if done { return nil }
            if first {
                first = false
            } else {
                var position = pools.count - 1
                while true {
                    guard position >= 0 else { done = true; return nil }
                    indices[position] += 1
                    if indices[position] < pools[position].count { break }
                    indices[position] = 0
                    position -= 1
                }
            }
            return .tuple(indices.enumerated().map { pools[$0.offset][$0.element] })
        }
    }

    static func selections(_ typeName: String, _ pool: [PyObject], _ step: @escaping () -> [Int]?) -> PyObject {
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
