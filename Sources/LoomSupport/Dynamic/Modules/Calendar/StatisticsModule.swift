import Foundation

/// An exact fraction of two Python ints, the arithmetic CPython's `statistics` does with
/// `fractions.Fraction` so sums and means round only once, into the result's type.
struct ExactFraction {
    var numerator: PyObject
    var denominator: PyObject

    static let zero = ExactFraction(numerator: 0, denominator: 1)

    static func gcd(_ a: PyObject, _ b: PyObject) throws -> PyObject {
        var x = try Py.abs(a), y = try Py.abs(b)
        while try y.truthy() { (x, y) = (y, try x % y) }
        return x
    }

    static func reduced(_ numerator: PyObject, _ denominator: PyObject) throws -> ExactFraction {
        if try denominator == 0 { throw PyException.zeroDivision("Fraction(\(try numerator.repr()), 0)") }
        var common = try gcd(numerator, denominator)
        if try denominator < 0 { common = try PyObject(0) - common }
        return ExactFraction(numerator: try numerator.floorDivide(common), denominator: try denominator.floorDivide(common))
    }

    static func + (a: ExactFraction, b: ExactFraction) throws -> ExactFraction {
        try reduced(try a.numerator * b.denominator + b.numerator * a.denominator, try a.denominator * b.denominator)
    }
    static func - (a: ExactFraction, b: ExactFraction) throws -> ExactFraction {
        try reduced(try a.numerator * b.denominator - b.numerator * a.denominator, try a.denominator * b.denominator)
    }
    static func * (a: ExactFraction, b: ExactFraction) throws -> ExactFraction {
        try reduced(try a.numerator * b.numerator, try a.denominator * b.denominator)
    }
    static func / (a: ExactFraction, b: ExactFraction) throws -> ExactFraction {
        try reduced(try a.numerator * b.denominator, try a.denominator * b.numerator)
    }

    init(numerator: PyObject, denominator: PyObject) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ integer: Int) { self.init(numerator: PyObject(integer), denominator: 1) }

    /// `float(Fraction)`: int true division, correctly rounded.
    var float: PyObject { get throws { try numerator / denominator } }
    var isNegativeOrZero: Bool { get throws { try numerator <= 0 } }
}

/// `statistics`: CPython 3.11's algorithms, with its exact sums (`_sum`, `_ss`), its type
/// coercion (ints stay ints when the result is whole) and its messages.
enum StatisticsModule {
    static let name = "statistics"

    /// A number's exact ratio, or nil for inf and NaN (CPython's `(x, None)`).
    static func exactRatio(_ value: PyObject) throws -> ExactFraction? {
        switch value.builtinValue.storage {
        case .int, .big: return ExactFraction(numerator: value.builtinValue, denominator: 1)
        case .bool(let flag): return ExactFraction(flag ? 1 : 0)
        case .float(let number):
            if !number.isFinite { return nil }
            let pair = try value.builtinValue.callMethod("as_integer_ratio").collect()
            return ExactFraction(numerator: pair[0], denominator: pair[1])
        default:
            if value.pyType.lookup("as_integer_ratio") != nil {
                let pair = try value.callMethod("as_integer_ratio").collect()
                return try ExactFraction.reduced(pair[0], pair[1])
            }
            if let numerator = try? value.attribute("numerator"), let denominator = try? value.attribute("denominator") {
                return try ExactFraction.reduced(numerator, denominator)
            }
            throw PyException.typeError("can't convert type '\(value.typeName)' to numerator/denominator")
        }
    }

    /// `_coerce`: the type a result converts to, from the types of the data.
    static func coerce(_ current: PyClass, _ next: PyClass) throws -> PyClass {
        if current === next { return current }
        if next === PyClass.int || next === PyClass.bool { return current }
        if current === PyClass.int { return next }
        if next.isSubclass(of: current) { return next }
        if current.isSubclass(of: next) { return current }
        if current.isSubclass(of: PyClass.int) { return next }
        if next.isSubclass(of: PyClass.int) { return current }
        throw PyException.typeError("don't know how to coerce \(current.name) and \(next.name)")
    }

    /// An exact total, or the float sum of the infinities and NaNs when there are any.
    enum Total {
        case exact(ExactFraction)
        case special(PyObject)
    }

    /// `_sum`: (result type, total, count).
    static func sum(_ items: [PyObject]) throws -> (PyClass, Total, Int) {
        var type = PyClass.int
        var total = ExactFraction.zero
        var special: PyObject?
        for item in items {
            type = try coerce(type, item.pyType)
            if let ratio = try exactRatio(item) { total = try total + ratio } else { special = try (special ?? 0) + item }
        }
        return (type, special.map { .special($0) } ?? .exact(total), items.count)
    }

    /// `_convert`: a fraction into `type`, an int only when it is whole.
    static func convert(_ value: Total, _ type: PyClass) throws -> PyObject {
        switch value {
        case .special(let number):
            return type === PyClass.float || type === PyClass.int ? number : try PyObject(type)(number)
        case .exact(let fraction):
            if type.isSubclass(of: PyClass.int) {
                if try fraction.denominator == 1 {
                    return type === PyClass.int || type === PyClass.bool ? fraction.numerator : try PyObject(type)(fraction.numerator)
                }
                return try fraction.float
            }
            if type === PyClass.float { return try fraction.float }
            if let exact = try StatisticsNumbers.converted(fraction.numerator, fraction.denominator, type) { return exact }
            return try PyObject(type)(try fraction.float)
        }
    }

    static func divide(_ total: Total, _ count: Int) throws -> Total {
        switch total {
        case .exact(let fraction): return .exact(try fraction / ExactFraction(count))
        case .special(let number): return .special(try number / PyObject(count))
        }
    }

    static func error(_ message: String) -> PyException { PyException.make(errorClass, message) }

    static let errorClass: PyClass = {
        // A failure here would mean the runtime cannot make a ValueError subclass at all.
        let created = try? PyObject.makeClass("StatisticsError", bases: [PyObject(PyClass.valueError)]) { namespace in
            namespace["__module__"] = PyObject(name)
        }
        return (created?.heap as? PyClass) ?? PyClass.valueError
    }()

    static func sortedData(_ data: PyObject) throws -> [PyObject] {
        let list = PyObject.list(try data.collect())
        try list.callMethod("sort")
        return try list.collect()
    }

    /// `math.fsum`: every item as a float, then the exact sum rounded once.
    static func fsum(_ items: [PyObject]) throws -> Double {
        var exact = ExactFraction.zero
        var special = 0.0
        var sawSpecial = false
        for item in items {
            let number = try MathModule.real(item)
            if number.isFinite {
                exact = try exact + (try exactRatio(PyObject(number)))!
            } else {
                if sawSpecial && special.isInfinite && number.isInfinite && special != number {
                    throw PyException.valueError("-inf + inf in fsum")
                }
                special = sawSpecial ? special + number : number
                sawSpecial = true
            }
        }
        if sawSpecial { return special }
        return try exact.float.toDouble()
    }

    static func fmean(_ data: [PyObject], weights: PyObject) throws -> PyObject {
        if weights.isNone {
            let total = try fsum(data)
            if data.isEmpty { throw error("fmean requires at least one data point") }
            return PyObject(total / Double(data.count))
        }
        let weightList = try weights.collect()
        let products = try zip(data, weightList).map { try $0.0 * $0.1 }
        let numerator = try fsum(products)
        if data.count != weightList.count { throw error("data and weights must be the same length") }
        let denominator = try fsum(weightList)
        if denominator == 0 { throw error("sum of weights must be non-zero") }
        return PyObject(numerator / denominator)
    }

    /// `_ss`: (type, sum of squared deviations, count).
    static func squaredDeviations(_ items: [PyObject], _ center: PyObject) throws -> (PyClass, Total, Int) {
        if !center.isNone {
            let squares = try items.map { item -> PyObject in
                let deviation = try item - center
                return try deviation * deviation
            }
            return try sum(squares)
        }
        var type = PyClass.int
        var sx = ExactFraction.zero, sxx = ExactFraction.zero
        var special: PyObject?
        for item in items {
            type = try coerce(type, item.pyType)
            if let ratio = try exactRatio(item) {
                sx = try sx + ratio
                sxx = try sxx + ratio * ratio
            } else {
                special = try (special ?? 0) + item
            }
        }
        if let special { return (type, .special(special), items.count) }
        if items.isEmpty { return (type, .exact(.zero), 0) }
        let count = ExactFraction(items.count)
        return (type, .exact(try (count * sxx - sx * sx) / count), items.count)
    }

    /// `_float_sqrt_of_frac`: the square root of n/m, correctly rounded, by round-to-odd integer roots.
    static func sqrtOfFraction(_ value: Total) throws -> PyObject {
        guard case .exact(let fraction) = value else {
            throw PyException.make(PyClass.attributeError, "'float' object has no attribute 'numerator'")
        }
        let isqrt = try requireModule("math").attribute("isqrt")
        func bitLength(_ number: PyObject) throws -> Int { try number.callMethod("bit_length").toInt() }
        func rootRoundedToOdd(_ n: PyObject, _ m: PyObject) throws -> PyObject {
            let root = try isqrt(try n.floorDivide(m))
            return try root | PyObject((try root * root * m != n) ? 1 : 0)
        }
        let n = fraction.numerator, m = fraction.denominator
        let q = CalendarMath.floorDivMod(try bitLength(n) - bitLength(m) - (2 * 53 + 3), 2).0
        if q >= 0 {
            return try (try rootRoundedToOdd(n, try m << PyObject(2 * q)) << PyObject(q)) / PyObject(1)
        }
        return try rootRoundedToOdd(try n << PyObject(-2 * q), m) / (try PyObject(1) << PyObject(-q))
    }

    static func counts(_ data: PyObject) throws -> [(PyObject, Int)] {
        let table = PyDictStorage()
        var order: [PyObject] = []
        var tallies: [Int] = []
        for item in try data.collect() {
            if let index = try table.get(item) {
                tallies[try index.toInt()] += 1
            } else {
                try table.set(item, PyObject(order.count))
                order.append(item)
                tallies.append(1)
            }
        }
        return Array(zip(order, tallies))
    }

    /// The two series of `covariance`, `correlation` and `linear_regression`, with their checks.
    static func pairedSeries(_ x: PyObject, _ y: PyObject, _ what: String) throws -> ([PyObject], [PyObject]) {
        let xs = try x.collect(), ys = try y.collect()
        if ys.count != xs.count { throw error("\(what) requires that both inputs have same number of data points") }
        if xs.count < 2 { throw error("\(what) requires at least two data points") }
        return (xs, ys)
    }

    /// Each value's deviation from the series' float mean, as Python's `xi - xbar`.
    static func deviations(_ values: [PyObject]) throws -> [PyObject] {
        let mean = PyObject(try fsum(values) / Double(values.count))
        return try values.map { try $0 - mean }
    }

    static func products(_ a: [PyObject], _ b: [PyObject]) throws -> Double { try fsum(try zip(a, b).map { try $0.0 * $0.1 }) }

    /// `a / b` for floats, with a zero divisor raising `StatisticsError(message)`.
    static func quotient(_ a: Double, _ b: Double, _ message: String) throws -> PyObject {
        if b == 0 { throw error(message) }
        return PyObject(a / b)
    }

    static func function(_ name: String, _ parameters: [String], defaults: [PyObject] = [], keywordOnly: [String] = [],
                         keywordDefaults: [String: PyObject] = [:], _ body: @escaping ([PyObject]) throws -> PyObject) -> (String, PyObject) {
        (name, PyObject.moduleFunction(self.name, name, PySignature(parameters, defaults: defaults, keywordOnly: keywordOnly, keywordDefaults: keywordDefaults), body))
    }

    static func build() throws -> PyObject {
        let regression = try CollectionsModule.namedtuple("LinearRegression", .list(["slope", "intercept"]), rename: false, defaults: .none,
                                                          module: PyObject(name))
        // The runtime's tuple `__str__` prints the bare tuple; CPython's str of a named tuple is its repr.
        if let repr = (regression.heap as? PyClass)?.lookup("__repr__") { try regression.setAttribute("__str__", repr) }
        return buildModule(name, [
            ("LinearRegression", regression),
            function("covariance", ["x", "y"]) { arguments in
                let (xs, ys) = try pairedSeries(arguments[0], arguments[1], "covariance")
                return PyObject(try products(try deviations(xs), try deviations(ys)) / Double(xs.count - 1))
            },
            function("correlation", ["x", "y"]) { arguments in
                let (xs, ys) = try pairedSeries(arguments[0], arguments[1], "correlation")
                let dx = try deviations(xs), dy = try deviations(ys)
                let sxy = try products(dx, dy), sxx = try products(dx, dx), syy = try products(dy, dy)
                return try quotient(sxy, Foundation.sqrt(sxx * syy), "at least one of the inputs is constant")
            },
            ("linear_regression", PyObject.moduleFunction(name, "linear_regression", PySignature(["x", "y"], keywordOnly: ["proportional"],
                                                                                              keywordDefaults: ["proportional": false], positionalOnlyCount: 2)) { arguments in
                let (xs, ys) = try pairedSeries(arguments[0], arguments[1], "linear regression")
                if try arguments[2].truthy() {
                    let slope = try quotient(try products(xs, ys), try products(xs, xs), "x is constant")
                    return try regression(slope, PyObject(0.0))
                }
                let dx = try deviations(xs)
                let slope = try quotient(try products(dx, try deviations(ys)), try products(dx, dx), "x is constant")
                let xbar = try fsum(xs) / Double(xs.count), ybar = try fsum(ys) / Double(ys.count)
                return try regression(slope, PyObject(ybar - (try slope.toDouble()) * xbar))
            }),
            ("StatisticsError", PyObject(errorClass)),
            function("mean", ["data"]) { arguments in
                let (type, total, count) = try sum(try arguments[0].collect())
                if count < 1 { throw error("mean requires at least one data point") }
                return try convert(try divide(total, count), type)
            },
            function("fmean", ["data", "weights"], defaults: [.none]) { arguments in
                try fmean(try arguments[0].collect(), weights: arguments[1])
            },
            function("geometric_mean", ["data"]) { arguments in
                do {
                    let logarithms = try arguments[0].collect().map { item -> PyObject in
                        let x = try MathModule.real(item)
                        guard x > 0 || x.isNaN else { throw MathModule.domainError() }
                        return PyObject(Foundation.log(x))
                    }
                    return PyObject(Foundation.exp(try fmean(logarithms, weights: .none).toDouble()))
                } catch let failure as PyException where failure.isInstance(of: PyClass.valueError) {
                    throw error("geometric mean requires a non-empty dataset containing positive numbers")
                }
            },
            function("harmonic_mean", ["data", "weights"], defaults: [.none]) { arguments in
                let data = try arguments[0].collect()
                let negative = "harmonic mean does not support negative values"
                if data.isEmpty { throw error("harmonic_mean requires at least one data point") }
                if data.count == 1 && arguments[1].isNone {
                    let x = data[0]
                    guard x.builtinValue.isNumber else { throw PyException.typeError("unsupported type") }
                    if try x < 0 { throw error(negative) }
                    return x
                }
                var weights: [PyObject]
                var sumOfWeights: Total
                if arguments[1].isNone {
                    weights = Array(repeating: 1, count: data.count)
                    sumOfWeights = .exact(ExactFraction(data.count))
                } else {
                    weights = try arguments[1].collect()
                    if weights.count != data.count { throw error("Number of weights does not match data size") }
                    for weight in weights where try weight < 0 { throw error(negative) }
                    sumOfWeights = try sum(weights).1
                }
                var terms: [PyObject] = []
                for (weight, x) in zip(weights, data) {
                    if try x < 0 { throw error(negative) }
                    guard try weight.truthy() else { terms.append(0); continue }
                    do {
                        terms.append(try weight / x)
                    } catch let failure as PyException where failure.isInstance(of: PyClass.zeroDivisionError) {
                        return 0
                    }
                }
                let (type, total, _) = try sum(terms)
                switch (sumOfWeights, total) {
                case (.exact(let weightTotal), .exact(let reciprocal)):
                    if try reciprocal.isNegativeOrZero { throw error("Weighted sum must be positive") }
                    return try convert(.exact(try weightTotal / reciprocal), type)
                case (_, .special(let number)):
                    if try number <= 0 { throw error("Weighted sum must be positive") }
                    let weightValue: PyObject
                    if case .exact(let fraction) = sumOfWeights { weightValue = try fraction.float } else if case .special(let other) = sumOfWeights { weightValue = other } else { weightValue = 0 }
                    return try convert(.special(try weightValue / number), type)
                case (.special(let weightValue), .exact(let reciprocal)):
                    return try convert(.special(try weightValue / reciprocal.float), type)
                }
            },
            function("median", ["data"]) { arguments in
                let data = try sortedData(arguments[0])
                let n = data.count
                if n == 0 { throw error("no median for empty data") }
                if n % 2 == 1 { return data[n / 2] }
                return try (data[n / 2 - 1] + data[n / 2]) / PyObject(2)
            },
            function("median_low", ["data"]) { arguments in
                let data = try sortedData(arguments[0])
                if data.isEmpty { throw error("no median for empty data") }
                return data.count % 2 == 1 ? data[data.count / 2] : data[data.count / 2 - 1]
            },
            function("median_high", ["data"]) { arguments in
                let data = try sortedData(arguments[0])
                if data.isEmpty { throw error("no median for empty data") }
                return data[data.count / 2]
            },
            function("median_grouped", ["data", "interval"], defaults: [1.0]) { arguments in
                let data = try sortedData(arguments[0])
                let n = data.count
                if n == 0 { throw error("no median for empty data") }
                let x = data[n / 2]
                var low = 0
                while try low < n && data[low] < x { low += 1 }
                var high = low
                while try high < n && !(x < data[high]) { high += 1 }
                let interval: Double, middle: Double
                do {
                    interval = try Py.float(arguments[1]).toDouble()
                    middle = try Py.float(x).toDouble()
                } catch let failure as PyException where failure.isInstance(of: PyClass.valueError) {
                    throw PyException.typeError("Value cannot be converted to a float")
                }
                let lower = middle - interval / 2.0
                return PyObject(lower + interval * (Double(n) / 2 - Double(low)) / Double(high - low))
            },
            function("mode", ["data"]) { arguments in
                let tallies = try counts(arguments[0])
                guard var best = tallies.first else { throw error("no mode for empty data") }
                for entry in tallies.dropFirst() where entry.1 > best.1 { best = entry }
                return best.0
            },
            function("multimode", ["data"]) { arguments in
                let tallies = try counts(arguments[0])
                let most = tallies.map(\.1).max() ?? 0
                return .list(tallies.filter { $0.1 == most }.map(\.0))
            },
            function("quantiles", ["data"], keywordOnly: ["n", "method"], keywordDefaults: ["n": 4, "method": "exclusive"]) { arguments in
                let n = try arguments[1].toInt()
                if n < 1 { throw error("n must be at least 1") }
                let data = try sortedData(arguments[0])
                let count = data.count
                if count < 2 { throw error("must have at least two data points") }
                let method = arguments[2]
                var result: [PyObject] = []
                if method.isStr, try method.toString() == "inclusive" {
                    let m = count - 1
                    for i in stride(from: 1, to: n, by: 1) {
                        let (j, delta) = (i * m / n, i * m % n)
                        result.append(try (data[j] * PyObject(n - delta) + data[j + 1] * PyObject(delta)) / PyObject(n))
                    }
                    return .list(result)
                }
                if method.isStr, try method.toString() == "exclusive" {
                    let m = count + 1
                    for i in stride(from: 1, to: n, by: 1) {
                        let j = min(max(i * m / n, 1), count - 1)
                        let delta = i * m - j * n
                        result.append(try (data[j - 1] * PyObject(n - delta) + data[j] * PyObject(delta)) / PyObject(n))
                    }
                    return .list(result)
                }
                throw PyException.valueError("Unknown method: \(try method.repr())")
            },
            function("variance", ["data", "xbar"], defaults: [.none]) { arguments in
                let (type, total, count) = try squaredDeviations(try arguments[0].collect(), arguments[1])
                if count < 2 { throw error("variance requires at least two data points") }
                return try convert(try divide(total, count - 1), type)
            },
            function("pvariance", ["data", "mu"], defaults: [.none]) { arguments in
                let (type, total, count) = try squaredDeviations(try arguments[0].collect(), arguments[1])
                if count < 1 { throw error("pvariance requires at least one data point") }
                return try convert(try divide(total, count), type)
            },
            function("stdev", ["data", "xbar"], defaults: [.none]) { arguments in
                let (type, total, count) = try squaredDeviations(try arguments[0].collect(), arguments[1])
                if count < 2 { throw error("stdev requires at least two data points") }
                let variance = try divide(total, count - 1)
                if case .exact(let fraction) = variance,
                   let root = try StatisticsNumbers.decimalSquareRoot(fraction.numerator, fraction.denominator, type) { return root }
                return try sqrtOfFraction(variance)
            },
            function("pstdev", ["data", "mu"], defaults: [.none]) { arguments in
                let (type, total, count) = try squaredDeviations(try arguments[0].collect(), arguments[1])
                if count < 1 { throw error("pstdev requires at least one data point") }
                let variance = try divide(total, count)
                if case .exact(let fraction) = variance,
                   let root = try StatisticsNumbers.decimalSquareRoot(fraction.numerator, fraction.denominator, type) { return root }
                return try sqrtOfFraction(variance)
            },
        ])
    }
}
