import Foundation

/// `random` on the support library's Mersenne Twister: after `seed(n)` the same calls give
/// CPython's numbers. Arguments are checked here, so bad ones raise CPython's exceptions rather
/// than reaching the static library's preconditions.
enum RandomModule {
    static let name = "random"

    static func seedValue(_ value: PyObject) throws -> Int? {
        switch value.builtinValue.storage {
        case .none: return nil
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .float(let number):
            // CPython seeds a float with its hash.
            return try PyObject(number).hashValue()
        case .str, .big:
            return try value.hashValue()
        default:
            throw PyException.typeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
        }
    }

    static func integer(_ value: PyObject, _ what: String) throws -> Int {
        if case .float(let number) = value.builtinValue.storage {
            guard number == number.rounded(.towardZero) else { throw PyException.valueError("non-integer \(what) for randrange()") }
            throw PyException.typeError("'float' object cannot be interpreted as an integer")
        }
        return try value.indexValue().toInt()
    }

    static func randrange(_ generator: PythonRandom, _ start: PyObject, _ stop: PyObject, _ step: PyObject) throws -> PyObject {
        let first = try integer(start, "arg 1")
        if stop.isNone {
            guard try step.isNone || step.toInt() == 1 else { throw PyException.typeError("Missing a non-None stop argument") }
            guard first > 0 else { throw PyException.valueError("empty range for randrange()") }
            return PyObject(generator.randrange(first))
        }
        let last = try integer(stop, "stop")
        let stride = step.isNone ? 1 : try integer(step, "step")
        if stride == 0 { throw PyException.valueError("zero step for randrange()") }
        let width = last - first
        if stride == 1 {
            guard width > 0 else { throw PyException.valueError("empty range for randrange(\(first), \(last), \(width))") }
        } else {
            let count = stride > 0 ? (width + stride - 1) / stride : (width + stride + 1) / stride
            guard count > 0 else { throw PyException.valueError("empty range for randrange()") }
        }
        return PyObject(generator.randrange(first, last, stride))
    }

    static func sequence(_ value: PyObject) throws -> [PyObject] {
        if value.builtinValue.heap is PySetStorage {
            throw PyException.typeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
        }
        return try value.collect()
    }

    /// The module's functions over one generator: the shared one, or a `Random` instance's.
    static func functions(_ generator: @escaping ([PyObject]) throws -> PythonRandom, method: Bool) -> [(String, PyObject)] {
        let selfParameter = method ? ["self"] : []
        func function(_ name: String, _ parameters: [String], defaults: [PyObject] = [], keywordOnly: [String] = [],
                      keywordDefaults: [String: PyObject] = [:], _ body: @escaping (PythonRandom, [PyObject]) throws -> PyObject) -> (String, PyObject) {
            let signature = PySignature(selfParameter + parameters, defaults: defaults, keywordOnly: keywordOnly, keywordDefaults: keywordDefaults)
            let callable: PyObject = method
                ? PyObject.function(name, signature) { arguments in try body(try generator(arguments), Array(arguments.dropFirst())) }
                : PyObject.moduleFunction(Self.name, name, signature) { arguments in try body(try generator(arguments), arguments) }
            return (name, callable)
        }
        return [
            function("seed", ["a", "version"], defaults: [.none, 2]) { random, arguments in
                random.seed(try seedValue(arguments[0]))
                return .none
            },
            function("random", []) { random, _ in PyObject(random.random()) },
            function("getrandbits", ["k"]) { random, arguments in
                let bits = try arguments[0].toInt()
                if bits < 0 { throw PyException.valueError("number of bits must be non-negative") }
                if bits > 63 { throw PyException.valueError("getrandbits beyond 63 bits is not carried into translated programs") }
                return PyObject(random.getrandbits(bits))
            },
            function("randrange", ["start", "stop", "step"], defaults: [.none, 1]) { random, arguments in
                try randrange(random, arguments[0], arguments[1], arguments[2])
            },
            function("randint", ["a", "b"]) { random, arguments in
                try randrange(random, arguments[0], try arguments[1] + 1, 1)
            },
            function("choice", ["seq"]) { random, arguments in
                let items = try sequence(arguments[0])
                guard !items.isEmpty else { throw PyException.indexError("Cannot choose from an empty sequence") }
                return random.choice(items)
            },
            function("choices", ["population", "weights"], defaults: [.none], keywordOnly: ["cum_weights", "k"], keywordDefaults: ["cum_weights": .none, "k": 1]) { random, arguments in
                let population = try sequence(arguments[0])
                let k = try arguments[3].toInt()
                let n = population.count
                if arguments[1].isNone && arguments[2].isNone {
                    if n == 0 { throw PyException.indexError("Cannot choose from an empty sequence") }
                    return .list((0..<max(0, k)).map { _ in population[Int((random.random() * Double(n)).rounded(.down))] })
                }
                if !arguments[1].isNone && !arguments[2].isNone { throw PyException.typeError("Cannot specify both weights and cumulative weights") }
                var cumulative: [Double]
                if !arguments[2].isNone {
                    cumulative = try arguments[2].collect().map { try $0.toDouble() }
                } else {
                    var total = 0.0
                    cumulative = try arguments[1].collect().map { total += try $0.toDouble(); return total }
                }
                if cumulative.count != n { throw PyException.valueError("The number of weights does not match the population") }
                guard let total = cumulative.last, total > 0 else {
                    throw PyException.valueError(cumulative.isEmpty ? "Cannot choose from an empty sequence" : "Total of weights must be greater than zero")
                }
                let high = n - 1
                return .list((0..<max(0, k)).map { _ in
                    let target = random.random() * total
                    var low = 0, upper = high
                    while low < upper {
                        let middle = (low + upper) / 2
                        if target < cumulative[middle] { upper = middle } else { low = middle + 1 }
                    }
                    return population[low]
                })
            },
            function("shuffle", ["x"]) { random, arguments in
                guard let list = arguments[0].builtinValue.heap as? PyList else {
                    var items = try arguments[0].collect()
                    random.shuffle(&items)
                    for (index, item) in items.enumerated() { try arguments[0].setItem(PyObject(index), item) }
                    return .none
                }
                list.modify { random.shuffle(&$0) }
                return .none
            },
            function("sample", ["population", "k"], keywordOnly: ["counts"], keywordDefaults: ["counts": .none]) { random, arguments in
                var population = try sequence(arguments[0])
                if !arguments[2].isNone {
                    let counts = try arguments[2].collect().map { try $0.toInt() }
                    population = zip(population, counts).flatMap { [PyObject](repeating: $0.0, count: max(0, $0.1)) }
                }
                let k = try arguments[1].toInt()
                guard k >= 0 && k <= population.count else { throw PyException.valueError("Sample larger than population or is negative") }
                return .list(random.sample(population, k))
            },
            function("uniform", ["a", "b"]) { random, arguments in
                PyObject(random.uniform(try arguments[0].toDouble(), try arguments[1].toDouble()))
            },
            function("triangular", ["low", "high", "mode"], defaults: [0.0, 1.0, .none]) { random, arguments in
                var low = try arguments[0].toDouble(), high = try arguments[1].toDouble()
                var c = arguments[2].isNone ? 0.5 : (high == low ? 0.5 : (try arguments[2].toDouble() - low) / (high - low))
                var u = random.random()
                if u > c { u = 1 - u; c = 1 - c; swap(&low, &high) }
                return PyObject(low + (high - low) * (u * c).squareRoot())
            },
            function("gauss", ["mu", "sigma"], defaults: [0.0, 1.0]) { random, arguments in
                PyObject(random.gauss(try arguments[0].toDouble(), try arguments[1].toDouble()))
            },
            function("normalvariate", ["mu", "sigma"], defaults: [0.0, 1.0]) { random, arguments in
                // CPython's Kinderman–Monahan ratio method.
                let magic = 4 * Foundation.exp(-0.5) / 2.0.squareRoot()
                var z = 0.0
                while true {
                    let u1 = random.random(), u2 = 1 - random.random()
                    z = magic * (u1 - 0.5) / u2
                    if z * z / 4 <= -Foundation.log(u2) { break }
                }
                return PyObject(try arguments[0].toDouble() + z * (try arguments[1].toDouble()))
            },
            function("expovariate", ["lambd"]) { random, arguments in
                PyObject(-Foundation.log(1 - random.random()) / (try arguments[0].toDouble()))
            },
            function("betavariate", ["alpha", "beta"]) { _, _ in
                throw PyException.make(PyClass.notImplementedError, "random.betavariate is not carried into translated programs")
            },
        ]
    }

    static func build() throws -> PyObject {
        let randomClass = try PyObject.makeClass("Random") { namespace in
            namespace["__module__"] = "random"
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "x"], defaults: [.none])) { arguments in
                arguments[0].setNativePayload(PythonRandom(seed: try seedValue(arguments[1])))
                return .none
            }
            for (key, value) in functions({ arguments in try arguments[0].nativePayload(as: PythonRandom.self) }, method: true) {
                namespace[key] = value
            }
        }
        return buildModule(name, functions({ _ in PythonRandom.shared }, method: false) + [
            ("Random", randomClass),
            ("SystemRandom", randomClass),
        ])
    }
}
