/// `operator`: the operators as functions, `itemgetter`, `attrgetter` and `methodcaller` with
/// CPython's reprs.
enum OperatorModule {
    static let name = "operator"

    static func build() throws -> PyObject {
        var members: [(String, PyObject)] = []
        func binary(_ names: [String], _ body: @escaping (PyObject, PyObject) throws -> PyObject) {
            for name in names {
                members.append((name, PyObject.moduleFunction(self.name, name, PySignature(["a", "b"], positionalOnlyCount: 2)) { arguments in
                    try body(arguments[0], arguments[1])
                }))
            }
        }
        func unary(_ names: [String], _ body: @escaping (PyObject) throws -> PyObject) {
            for name in names {
                members.append((name, PyObject.moduleFunction(self.name, name, PySignature(["a"], positionalOnlyCount: 1)) { arguments in
                    try body(arguments[0])
                }))
            }
        }
        binary(["add", "__add__"]) { try $0 + $1 }
        binary(["sub", "__sub__"]) { try $0 - $1 }
        binary(["mul", "__mul__"]) { try $0 * $1 }
        binary(["truediv", "__truediv__"]) { try $0 / $1 }
        binary(["floordiv", "__floordiv__"]) { try $0.floorDivide($1) }
        binary(["mod", "__mod__"]) { try $0 % $1 }
        binary(["pow", "__pow__"]) { try $0.binary(.power, $1) }
        binary(["lshift", "__lshift__"]) { try $0 << $1 }
        binary(["rshift", "__rshift__"]) { try $0 >> $1 }
        binary(["and_", "__and__"]) { try $0 & $1 }
        binary(["or_", "__or__"]) { try $0 | $1 }
        binary(["xor", "__xor__"]) { try $0 ^ $1 }
        binary(["matmul", "__matmul__"]) { try $0.matrixMultiply($1) }
        binary(["concat", "__concat__"]) { a, b in
            guard a.pyType.lookup("__getitem__") != nil || a.isStr || a.builtinValue.heap is PyList || a.builtinValue.heap is PyTupleStorage else {
                throw PyException.typeError("'\(a.typeName)' object can't be concatenated")
            }
            return try a + b
        }
        binary(["iadd", "__iadd__"]) { try $0.inPlace(.add, $1) }
        binary(["isub", "__isub__"]) { try $0.inPlace(.subtract, $1) }
        binary(["imul", "__imul__"]) { try $0.inPlace(.multiply, $1) }
        binary(["itruediv", "__itruediv__"]) { try $0.inPlace(.trueDivide, $1) }
        binary(["ifloordiv", "__ifloordiv__"]) { try $0.inPlace(.floorDivide, $1) }
        binary(["imod", "__imod__"]) { try $0.inPlace(.remainder, $1) }
        binary(["ipow", "__ipow__"]) { try $0.inPlace(.power, $1) }
        binary(["iand", "__iand__"]) { try $0.inPlace(.and, $1) }
        binary(["ior", "__ior__"]) { try $0.inPlace(.or, $1) }
        binary(["ixor", "__ixor__"]) { try $0.inPlace(.xor, $1) }
        binary(["iconcat", "__iconcat__"]) { try $0.inPlace(.add, $1) }
        binary(["lt", "__lt__"]) { try $0.compare(.less, $1) }
        binary(["le", "__le__"]) { try $0.compare(.lessEqual, $1) }
        binary(["eq", "__eq__"]) { try $0.compare(.equal, $1) }
        binary(["ne", "__ne__"]) { try $0.compare(.notEqual, $1) }
        binary(["gt", "__gt__"]) { try $0.compare(.greater, $1) }
        binary(["ge", "__ge__"]) { try $0.compare(.greaterEqual, $1) }
        binary(["is_"]) { PyObject($0.isIdentical(to: $1)) }
        binary(["is_not"]) { PyObject(!$0.isIdentical(to: $1)) }
        binary(["contains", "__contains__"]) { PyObject(try $0.contains($1)) }
        binary(["getitem", "__getitem__"]) { try $0.item($1) }
        binary(["delitem", "__delitem__"]) { try $0.deleteItem($1); return .none }
        binary(["countOf"]) { a, b in
            var count = 0
            for item in try a.collect() where try item.isIdentical(to: b) || item == b { count += 1 }
            return PyObject(count)
        }
        binary(["indexOf"]) { a, b in
            for (index, item) in try a.collect().enumerated() where try item.isIdentical(to: b) || item == b { return PyObject(index) }
            throw PyException.valueError("sequence.index(x): x not in sequence")
        }
        unary(["neg", "__neg__"]) { try -$0 }
        unary(["pos", "__pos__"]) { try +$0 }
        unary(["abs", "__abs__"]) { try Py.abs($0) }
        unary(["invert", "inv", "__invert__", "__inv__"]) { try ~$0 }
        unary(["not_", "__not__"]) { PyObject(!(try $0.truthy())) }
        unary(["truth"]) { PyObject(try $0.truthy()) }
        unary(["index", "__index__"]) { try $0.indexValue() }
        members.append(("setitem", PyObject.moduleFunction(name, "setitem", PySignature(["a", "b", "c"], positionalOnlyCount: 3)) { arguments in
            try arguments[0].setItem(arguments[1], arguments[2])
            return .none
        }))
        members.append(("length_hint", PyObject.moduleFunction(name, "length_hint", PySignature(["obj", "default"], defaults: [0], positionalOnlyCount: 2)) { arguments in
            (try? PyObject(arguments[0].length())) ?? arguments[1]
        }))
        members.append(("itemgetter", try getterClass("itemgetter") { items, object in
            if items.count == 1 { return try object.item(items[0]) }
            return .tuple(try items.map { try object.item($0) })
        }))
        members.append(("attrgetter", try getterClass("attrgetter") { names, object in
            func resolve(_ name: PyObject) throws -> PyObject {
                var current = object
                for part in try name.toString().split(separator: ".") { current = try current.attribute(String(part)) }
                return current
            }
            if names.count == 1 { return try resolve(names[0]) }
            return .tuple(try names.map(resolve))
        }))
        members.append(("methodcaller", try PyObject.makeClass("methodcaller") { namespace in
            namespace["__module__"] = "operator"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "name"], varargs: "args", varkw: "kwargs", positionalOnlyCount: 2)) { arguments in
                guard arguments[1].isStr else { throw PyException.typeError("method name must be a string") }
                try arguments[0].setAttribute("_name", arguments[1])
                try arguments[0].setAttribute("_args", arguments[2])
                try arguments[0].setAttribute("_kwargs", arguments[3])
                return .none
            }
            namespace["__call__"] = PyObject.function("__call__", PySignature(["self", "obj"])) { arguments in
                let this = arguments[0]
                return try arguments[1].callMethod(try this.attribute("_name").toString(), try this.attribute("_args").collect(),
                                                   keywords: try this.attribute("_kwargs").unpackedKeywords())
            }
            namespace["__repr__"] = PyObject.function("__repr__", PySignature(["self"])) { arguments in
                let this = arguments[0]
                var parts = [try this.attribute("_name").repr()]
                parts += try this.attribute("_args").collect().map { try $0.repr() }
                parts += try this.attribute("_kwargs").unpackedKeywords().map { "\($0.0)=\(try $0.1.repr())" }
                return PyObject("operator.methodcaller(\(parts.joined(separator: ", ")))")
            }
        }))
        return buildModule(name, members)
    }

    static func getterClass(_ name: String, _ apply: @escaping ([PyObject], PyObject) throws -> PyObject) throws -> PyObject {
        try PyObject.makeClass(name) { namespace in
            namespace["__module__"] = "operator"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "item"], varargs: "items", positionalOnlyCount: 2)) { arguments in
                let items = [arguments[1]] + (try arguments[2].collect())
                if name == "attrgetter", let bad = items.first(where: { !$0.isStr }) {
                    _ = bad
                    throw PyException.typeError("attribute name must be a string")
                }
                try arguments[0].setAttribute("_items", .tuple(items))
                return .none
            }
            namespace["__call__"] = PyObject.function("__call__", PySignature(["self", "obj"])) { arguments in
                try apply(try arguments[0].attribute("_items").collect(), arguments[1])
            }
            namespace["__repr__"] = PyObject.function("__repr__", PySignature(["self"])) { arguments in
                PyObject("operator.\(name)(\(try arguments[0].attribute("_items").collect().map { try $0.repr() }.joined(separator: ", ")))")
            }
        }
    }
}

/// `heapq` and `bisect`: CPython's algorithms step for step, so ties and the order of a heap's
/// list are the same.
enum HeapqModule {
    static let name = "heapq"

    static func list(_ value: PyObject) throws -> PyList {
        guard let list = value.builtinValue.heap as? PyList else { throw PyException.typeError("heap argument must be a list") }
        return list
    }

    static func siftDown(_ heap: inout [PyObject], _ start: Int, _ position: Int, less: (PyObject, PyObject) throws -> Bool) throws {
        var pos = position
        let item = heap[pos]
        while pos > start {
            let parentPos = (pos - 1) >> 1
            let parent = heap[parentPos]
            if try less(item, parent) { heap[pos] = parent; pos = parentPos; continue }
            break
        }
        heap[pos] = item
    }

    static func siftUp(_ heap: inout [PyObject], _ position: Int, less: (PyObject, PyObject) throws -> Bool) throws {
        let end = heap.count
        var pos = position
        let start = pos
        let item = heap[pos]
        var child = 2 * pos + 1
        while child < end {
            let right = child + 1
            if right < end, try !less(heap[child], heap[right]) { child = right }
            heap[pos] = heap[child]
            pos = child
            child = 2 * pos + 1
        }
        heap[pos] = item
        try siftDown(&heap, start, pos, less: less)
    }

    static func less(_ a: PyObject, _ b: PyObject) throws -> Bool { try a < b }

    static func heapify(_ items: inout [PyObject], less: (PyObject, PyObject) throws -> Bool) throws {
        for index in stride(from: items.count / 2 - 1, through: 0, by: -1) { try siftUp(&items, index, less: less) }
    }

    static func build() throws -> PyObject {
        func heapFunction(_ name: String, _ parameters: [String], _ body: @escaping (PyList, [PyObject]) throws -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(parameters, positionalOnlyCount: parameters.count)) { arguments in
                try body(try list(arguments[0]), Array(arguments.dropFirst()))
            })
        }
        func keyed(_ items: [PyObject], _ key: PyObject) throws -> [(PyObject, PyObject)] {
            try items.map { (key.isNone ? $0 : try key($0), $0) }
        }
        func smallest(_ n: Int, _ iterable: PyObject, _ key: PyObject, largest: Bool) throws -> PyObject {
            let pairs = try keyed(try iterable.collect(), key)
            var failure: (any Error)?
            let sorted = CollectionsModule.mergeSorted(pairs) { a, b in
                do { return largest ? try b.0 < a.0 : try a.0 < b.0 } catch { failure = error; return false }
            }
            if let failure { throw failure }
            return .list(sorted.prefix(max(0, n)).map(\.1))
        }
        return buildModule(name, [
            heapFunction("heappush", ["heap", "item"]) { heap, arguments in
                try heap.modify { items in
                    items.append(arguments[0])
                    try siftDown(&items, 0, items.count - 1, less: less)
                }
                return .none
            },
            heapFunction("heappop", ["heap"]) { heap, _ in
                try heap.modify { items in
                    guard let last = items.popLast() else { throw PyException.indexError("index out of range") }
                    guard !items.isEmpty else { return last }
                    let top = items[0]
                    items[0] = last
                    try siftUp(&items, 0, less: less)
                    return top
                }
            },
            heapFunction("heapify", ["heap"]) { heap, _ in
                try heap.modify { try heapify(&$0, less: less) }
                return .none
            },
            heapFunction("heapreplace", ["heap", "item"]) { heap, arguments in
                try heap.modify { items in
                    guard !items.isEmpty else { throw PyException.indexError("index out of range") }
                    let top = items[0]
                    items[0] = arguments[0]
                    try siftUp(&items, 0, less: less)
                    return top
                }
            },
            heapFunction("heappushpop", ["heap", "item"]) { heap, arguments in
                try heap.modify { items in
                    var item = arguments[0]
                    if let first = items.first, try first < item {
                        (item, items[0]) = (first, item)
                        try siftUp(&items, 0, less: less)
                    }
                    return item
                }
            },
            ("nsmallest", PyObject.moduleFunction(name, "nsmallest", PySignature(["n", "iterable", "key"], defaults: [.none])) { arguments in
                try smallest(try arguments[0].toInt(), arguments[1], arguments[2], largest: false)
            }),
            ("nlargest", PyObject.moduleFunction(name, "nlargest", PySignature(["n", "iterable", "key"], defaults: [.none])) { arguments in
                try smallest(try arguments[0].toInt(), arguments[1], arguments[2], largest: true)
            }),
            ("merge", PyObject.moduleFunction(name, "merge", PySignature([], varargs: "iterables", keywordOnly: ["key", "reverse"], keywordDefaults: ["key": .none, "reverse": false])) { arguments in
                let all = try arguments[0].collect().flatMap { try $0.collect() }
                let reverse = try arguments[2].truthy()
                let pairs = try keyed(all, arguments[1])
                var failure: (any Error)?
                let sorted = CollectionsModule.mergeSorted(pairs) { a, b in
                    do { return reverse ? try b.0 < a.0 : try a.0 < b.0 } catch { failure = error; return false }
                }
                if let failure { throw failure }
                return try PyObject.list(sorted.map(\.1)).iterate().pythonObject
            }),
        ])
    }
}

enum BisectModule {
    static let name = "bisect"

    static func bounds(_ arguments: [PyObject], count: Int) throws -> (Int, Int) {
        let low = try arguments[2].toInt()
        if low < 0 { throw PyException.valueError("lo must be non-negative") }
        let high = arguments[3].isNone ? count : try arguments[3].toInt()
        return (low, high)
    }

    /// CPython's loops: `bisect_right` moves right past equal items, `bisect_left` stops before them.
    static func search(_ arguments: [PyObject], right: Bool) throws -> Int {
        let sequence = arguments[0], x = arguments[1], key = arguments[4]
        var (low, high) = try bounds(arguments, count: try sequence.length())
        let target = x
        while low < high {
            let middle = (low + high) / 2
            var item = try sequence.item(PyObject(middle))
            if !key.isNone { item = try key(item) }
            if right {
                if try target < item { high = middle } else { low = middle + 1 }
            } else {
                if try item < target { low = middle + 1 } else { high = middle }
            }
        }
        return low
    }

    static func build() throws -> PyObject {
        let signature = PySignature(["a", "x", "lo", "hi"], defaults: [0, .none], keywordOnly: ["key"], keywordDefaults: ["key": .none])
        func finder(_ name: String, right: Bool) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, signature) { arguments in PyObject(try search(arguments, right: right)) })
        }
        func inserter(_ name: String, right: Bool) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, signature) { arguments in
                var keyed = arguments
                if !arguments[4].isNone { keyed[1] = try arguments[4](arguments[1]) }
                let index = try search(keyed, right: right)
                try arguments[0].callMethod("insert", [PyObject(index), arguments[1]])
                return .none
            })
        }
        return buildModule(name, [
            finder("bisect_left", right: false), finder("bisect_right", right: true), finder("bisect", right: true),
            inserter("insort_left", right: false), inserter("insort_right", right: true), inserter("insort", right: true),
        ])
    }
}
