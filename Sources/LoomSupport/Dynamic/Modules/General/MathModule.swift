import Foundation

/// `math`, every function of CPython 3.11's module with its domain errors; integer functions
/// (`factorial`, `comb`, `perm`, `isqrt`, `prod` of ints) keep arbitrary precision.
enum MathModule {
    static let name = "math"

    static func domainError() -> PyException { PyException.valueError("math domain error") }
    static func rangeError() -> PyException { PyException.overflow("math range error") }

    static func real(_ value: PyObject) throws -> Double {
        switch value.builtinValue.storage {
        case .int, .float, .bool, .big: return try value.toDouble()
        default:
            if value.pyType.lookup("__float__") != nil { return try value.toDouble() }
            throw PyException.typeError("must be real number, not \(value.typeName)")
        }
    }

    static func integral(_ value: PyObject, _ function: String) throws -> PyObject {
        switch value.builtinValue.storage {
        case .int, .big: return value.builtinValue
        case .bool(let flag): return PyObject(flag ? 1 : 0)
        case .float: throw PyException.typeError("'float' object cannot be interpreted as an integer")
        default: return try value.indexValue()
        }
    }

    static func toInt(_ value: Double) throws -> PyObject {
        if value.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
        if value.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
        if abs(value) < 9.0e18 { return PyObject(Int(value)) }
        return try Py.int(PyObject(value))
    }

    static func checked(_ result: Double, _ input: Double...) throws -> PyObject {
        if result.isNaN && !input.contains(where: \.isNaN) { throw domainError() }
        if result.isInfinite && !input.contains(where: \.isInfinite) { throw rangeError() }
        return PyObject(result)
    }

    static func build() throws -> PyObject {
        func unary(_ name: String, _ body: @escaping (Double) throws -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(["x"], positionalOnlyCount: 1)) { arguments in try body(try real(arguments[0])) })
        }
        func plain(_ name: String, _ function: @escaping (Double) -> Double, domain: @escaping (Double) -> Bool = { _ in true }) -> (String, PyObject) {
            unary(name) { x in
                guard domain(x) else { throw domainError() }
                return try checked(function(x), x)
            }
        }
        func rounding(_ name: String, _ rule: FloatingPointRoundingRule, special: String) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(["x"], positionalOnlyCount: 1)) { arguments in
                let value = arguments[0]
                switch value.builtinValue.storage {
                case .int, .big: return value.builtinValue
                case .bool(let flag): return PyObject(flag ? 1 : 0)
                case .float(let x): return try toInt(x.rounded(rule))
                default:
                    if let method = value.pyType.lookup(special) { return try method.callBound(value, []) }
                    return try toInt(try real(value).rounded(rule))
                }
            })
        }
        func intPair(_ name: String, _ body: @escaping (PyObject, PyObject) throws -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(["n", "k"], positionalOnlyCount: 2)) { arguments in
                try body(try integral(arguments[0], name), try integral(arguments[1], name))
            })
        }
        func gcd(_ a: PyObject, _ b: PyObject) throws -> PyObject {
            var x = try Py.abs(a), y = try Py.abs(b)
            while try y.truthy() { (x, y) = (y, try x % y) }
            return x
        }
        return buildModule(name, [
            ("pi", PyObject(Double.pi)), ("e", PyObject(M_E)), ("tau", PyObject(2 * Double.pi)),
            ("inf", PyObject(Double.infinity)), ("nan", PyObject(Double.nan)),
            plain("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 || $0.isNaN }),
            plain("exp", Foundation.exp), plain("expm1", Foundation.expm1),
            plain("log2", Foundation.log2, domain: { $0 > 0 || $0.isNaN }), plain("log10", Foundation.log10, domain: { $0 > 0 || $0.isNaN }),
            plain("log1p", Foundation.log1p, domain: { $0 > -1 || $0.isNaN }),
            plain("sin", Foundation.sin, domain: { !$0.isInfinite }), plain("cos", Foundation.cos, domain: { !$0.isInfinite }),
            plain("tan", Foundation.tan, domain: { !$0.isInfinite }),
            plain("asin", Foundation.asin, domain: { abs($0) <= 1 || $0.isNaN }), plain("acos", Foundation.acos, domain: { abs($0) <= 1 || $0.isNaN }),
            plain("atan", Foundation.atan), plain("sinh", Foundation.sinh), plain("cosh", Foundation.cosh), plain("tanh", Foundation.tanh),
            plain("asinh", Foundation.asinh), plain("acosh", Foundation.acosh, domain: { $0 >= 1 || $0.isNaN }),
            plain("atanh", Foundation.atanh, domain: { abs($0) < 1 || $0.isNaN }),
            plain("erf", Foundation.erf), plain("erfc", Foundation.erfc),
            plain("gamma", Foundation.tgamma, domain: { !($0 <= 0 && $0 == $0.rounded()) }),
            plain("lgamma", { Foundation.lgamma($0) }, domain: { !($0 <= 0 && $0 == $0.rounded()) }),
            plain("fabs", { abs($0) }),
            plain("degrees", { $0 * 180 / Double.pi }), plain("radians", { $0 * Double.pi / 180 }),
            unary("isfinite") { PyObject($0.isFinite) }, unary("isinf") { PyObject($0.isInfinite) }, unary("isnan") { PyObject($0.isNaN) },
            unary("modf") { x in
                if x.isInfinite { return .tuple([PyObject(Double(sign: x.sign, exponentBitPattern: 0, significandBitPattern: 0)), PyObject(x)]) }
                let whole = x.rounded(.towardZero)
                return .tuple([PyObject(Double(signOf: x, magnitudeOf: x - whole)), PyObject(whole)])
            },
            unary("frexp") { x in
                if x == 0 || !x.isFinite { return .tuple([PyObject(x), 0]) }
                let exponent = x.exponent + 1
                return .tuple([PyObject(x / Foundation.pow(2, Double(exponent))), PyObject(Int(exponent))])
            },
            unary("ulp") { x in PyObject(x.isNaN ? x : (x.isInfinite ? Double.infinity : abs(x).ulp)) },
            rounding("floor", .down, special: "__floor__"), rounding("ceil", .up, special: "__ceil__"),
            rounding("trunc", .towardZero, special: "__trunc__"),
            ("log", PyObject.moduleFunction(name, "log", PySignature(["x", "base"], defaults: [.none], positionalOnlyCount: 2)) { arguments in
                func natural(_ value: PyObject) throws -> Double {
                    if case .big = value.builtinValue.storage {
                        // A big int: its decimal digits give the magnitude without overflow.
                        let digits = try value.repr()
                        if digits.hasPrefix("-") { throw domainError() }
                        let head = Double(digits.prefix(17))!
                        return Foundation.log(head) + Double(digits.count - min(17, digits.count)) * Foundation.log(10)
                    }
                    let x = try real(value)
                    guard x > 0 || x.isNaN else { throw domainError() }
                    return Foundation.log(x)
                }
                let numerator = try natural(arguments[0])
                if arguments[1].isNone { return PyObject(numerator) }
                let denominator = try natural(arguments[1])
                if denominator == 0 { throw PyException.zeroDivision("float division by zero") }
                return PyObject(numerator / denominator)
            }),
            ("pow", PyObject.moduleFunction(name, "pow", PySignature(["x", "y"], positionalOnlyCount: 2)) { arguments in
                let x = try real(arguments[0]), y = try real(arguments[1])
                if x == 0 && y < 0 { throw domainError() }
                if x < 0 && y != y.rounded() && y.isFinite { throw domainError() }
                return try checked(Foundation.pow(x, y), x, y)
            }),
            ("atan2", PyObject.moduleFunction(name, "atan2", PySignature(["y", "x"], positionalOnlyCount: 2)) { arguments in
                PyObject(Foundation.atan2(try real(arguments[0]), try real(arguments[1])))
            }),
            ("copysign", PyObject.moduleFunction(name, "copysign", PySignature(["x", "y"], positionalOnlyCount: 2)) { arguments in
                PyObject(Double(signOf: try real(arguments[1]), magnitudeOf: try real(arguments[0])))
            }),
            ("fmod", PyObject.moduleFunction(name, "fmod", PySignature(["x", "y"], positionalOnlyCount: 2)) { arguments in
                let x = try real(arguments[0]), y = try real(arguments[1])
                if y == 0 || x.isInfinite { if !x.isNaN && !y.isNaN { throw domainError() } }
                return PyObject(Foundation.fmod(x, y))
            }),
            ("remainder", PyObject.moduleFunction(name, "remainder", PySignature(["x", "y"], positionalOnlyCount: 2)) { arguments in
                let x = try real(arguments[0]), y = try real(arguments[1])
                if y == 0 || x.isInfinite { if !x.isNaN && !y.isNaN { throw domainError() } }
                return PyObject(Foundation.remainder(x, y))
            }),
            ("ldexp", PyObject.moduleFunction(name, "ldexp", PySignature(["x", "i"], positionalOnlyCount: 2)) { arguments in
                let x = try real(arguments[0]), i = try integral(arguments[1], "ldexp").toInt()
                return try checked(Foundation.scalbn(x, i), x)
            }),
            ("nextafter", PyObject.moduleFunction(name, "nextafter", PySignature(["x", "y"], positionalOnlyCount: 2)) { arguments in
                PyObject(Foundation.nextafter(try real(arguments[0]), try real(arguments[1])))
            }),
            ("hypot", PyObject.moduleFunction(name, "hypot", PySignature([], varargs: "coordinates")) { arguments in
                let values = try arguments[0].collect().map(real)
                if values.contains(where: \.isInfinite) { return PyObject(Double.infinity) }
                let scale = values.map { abs($0) }.max() ?? 0
                if scale == 0 || scale.isNaN { return PyObject(scale) }
                return PyObject(scale * values.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot())
            }),
            ("dist", PyObject.moduleFunction(name, "dist", PySignature(["p", "q"], positionalOnlyCount: 2)) { arguments in
                let p = try arguments[0].collect().map(real), q = try arguments[1].collect().map(real)
                guard p.count == q.count else { throw PyException.valueError("both points must have the same number of dimensions") }
                return PyObject(zip(p, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot())
            }),
            ("isclose", PyObject.moduleFunction(name, "isclose", PySignature(["a", "b"], keywordOnly: ["rel_tol", "abs_tol"], keywordDefaults: ["rel_tol": 1e-09, "abs_tol": 0.0], positionalOnlyCount: 2)) { arguments in
                let a = try real(arguments[0]), b = try real(arguments[1])
                let relative = try real(arguments[2]), absolute = try real(arguments[3])
                if relative < 0 || absolute < 0 { throw PyException.valueError("tolerances must be non-negative") }
                if a == b { return true }
                if a.isInfinite || b.isInfinite { return false }
                let difference = abs(b - a)
                return PyObject(difference <= abs(relative * b) || difference <= abs(relative * a) || difference <= absolute)
            }),
            ("fsum", PyObject.moduleFunction(name, "fsum", PySignature(["seq"], positionalOnlyCount: 1)) { arguments in
                // Shewchuk's exact partial sums, as CPython's msum.
                var partials: [Double] = []
                for item in try arguments[0].collect() {
                    var x = try real(item)
                    var kept: [Double] = []
                    for var y in partials {
                        if abs(x) < abs(y) { swap(&x, &y) }
                        let high = x + y
                        let low = y - (high - x)
                        if low != 0 { kept.append(low) }
                        x = high
                    }
                    kept.append(x)
                    partials = kept
                }
                return PyObject(partials.reduce(0, +))
            }),
            ("prod", PyObject.moduleFunction(name, "prod", PySignature(["iterable"], keywordOnly: ["start"], keywordDefaults: ["start": 1], positionalOnlyCount: 1)) { arguments in
                var total = arguments[1]
                for item in try arguments[0].collect() { total = try total * item }
                return total
            }),
            ("factorial", PyObject.moduleFunction(name, "factorial", PySignature(["n"], positionalOnlyCount: 1)) { arguments in
                let n = try integral(arguments[0], "factorial")
                if try n < 0 { throw PyException.valueError("factorial() not defined for negative values") }
                var total: PyObject = 1
                var index: PyObject = 2
                while try index <= n { total = try total * index; index = try index + 1 }
                return total
            }),
            ("gcd", PyObject.moduleFunction(name, "gcd", PySignature([], varargs: "integers")) { arguments in
                var result: PyObject = 0
                for value in try arguments[0].collect() { result = try gcd(result, try integral(value, "gcd")) }
                return result
            }),
            ("lcm", PyObject.moduleFunction(name, "lcm", PySignature([], varargs: "integers")) { arguments in
                var result: PyObject = 1
                for value in try arguments[0].collect() {
                    let n = try integral(value, "lcm")
                    if try !n.truthy() { return 0 }
                    result = try Py.abs(try (result * n).floorDivide(try gcd(result, n)))
                }
                return result
            }),
            intPair("comb") { n, k in
                if try n < 0 { throw PyException.valueError("n must be a non-negative integer") }
                if try k < 0 { throw PyException.valueError("k must be a non-negative integer") }
                if try k > n { return 0 }
                let r = try (n - k) < k ? n - k : k
                var total: PyObject = 1
                var i: PyObject = 1
                while try i <= r { total = try (total * (n - r + i)).floorDivide(i); i = try i + 1 }
                return total
            },
            ("perm", PyObject.moduleFunction(name, "perm", PySignature(["n", "k"], defaults: [.none], positionalOnlyCount: 2)) { arguments in
                let n = try integral(arguments[0], "perm")
                let k = arguments[1].isNone ? n : try integral(arguments[1], "perm")
                if try n < 0 { throw PyException.valueError("n must be a non-negative integer") }
                if try k < 0 { throw PyException.valueError("k must be a non-negative integer") }
                if try k > n { return 0 }
                var total: PyObject = 1
                var i: PyObject = 0
                while try i < k { total = try total * (n - i); i = try i + 1 }
                return total
            }),
            ("isqrt", PyObject.moduleFunction(name, "isqrt", PySignature(["n"], positionalOnlyCount: 1)) { arguments in
                let n = try integral(arguments[0], "isqrt")
                if try n < 0 { throw PyException.valueError("isqrt() argument must be nonnegative") }
                if case .int(let small) = n.storage {
                    var root = Int(Double(small).squareRoot())
                    while root * root > small { root -= 1 }
                    while (root + 1) * (root + 1) <= small { root += 1 }
                    return PyObject(root)
                }
                var x = n, y = try (n + 1).floorDivide(2)
                while try y < x { x = y; y = try (x + n.floorDivide(x)).floorDivide(2) }
                return x
            }),
        ])
    }
}

/// `cmath` over finite values with CPython's algorithms (Modules/cmathmodule.c): the rescaled
/// `sqrt`, `log` near 1 through `log1p`, `exp` past overflow. Infinite and NaN arguments take
/// C99's Annex G values in CPython; here they follow the plain formulas.
enum CmathModule {
    static let name = "cmath"
    typealias Parts = ComplexArithmetic.Parts

    /// `PyComplex_AsCComplex`: complex, `__complex__`, or a real number.
    static func parts(_ value: PyObject) throws -> Parts {
        if let complex = value.complexValue { return (complex.real, complex.imag) }
        if value.pyType.isHeapType, let special = try value.callSpecial("__complex__", []), let complex = special.heap as? PyComplex {
            return (complex.real, complex.imag)
        }
        return (try MathModule.real(value), 0)
    }

    static func logarithm(_ z: Parts) throws -> Parts {
        let ax = abs(z.real), ay = abs(z.imag)
        let largeDouble = Double.greatestFiniteMagnitude / 4
        let real: Double
        if ax > largeDouble || ay > largeDouble {
            real = log(hypot(ax / 2, ay / 2)) + M_LN2
        } else if ax < Double.leastNormalMagnitude && ay < Double.leastNormalMagnitude {
            guard ax > 0 || ay > 0 else { throw MathModule.domainError() }
            let digits = Double.significandBitCount + 1
            real = log(hypot(scalbn(ax, digits), scalbn(ay, digits))) - Double(digits) * M_LN2
        } else {
            let h = hypot(ax, ay)
            if 0.71 <= h && h <= 1.73 {
                let larger = max(ax, ay), smaller = min(ax, ay)
                real = log1p((larger - 1) * (larger + 1) + smaller * smaller) / 2
            } else {
                real = log(h)
            }
        }
        return (real, atan2(z.imag, z.real))
    }

    static func squareRoot(_ z: Parts) -> Parts {
        if z.real == 0 && z.imag == 0 { return (0, z.imag) }
        var ax = abs(z.real)
        let ay = abs(z.imag)
        let s: Double
        if ax < Double.leastNormalMagnitude && ay < Double.leastNormalMagnitude {
            ax = scalbn(ax, 53)
            s = scalbn((ax + hypot(ax, scalbn(ay, 53))).squareRoot(), -27)
        } else {
            ax /= 8
            s = 2 * (ax + hypot(ax, ay / 8)).squareRoot()
        }
        let d = ay / (2 * s)
        return z.real >= 0 ? (s, copysign(d, z.imag)) : (d, copysign(s, z.imag))
    }

    static func exponential(_ z: Parts) throws -> Parts {
        let result: Parts
        if z.real > log(Double.greatestFiniteMagnitude / 4) {
            let scale = exp(z.real - 1)
            result = (scale * cos(z.imag) * M_E, scale * sin(z.imag) * M_E)
        } else {
            let scale = exp(z.real)
            result = (scale * cos(z.imag), scale * sin(z.imag))
        }
        if z.real.isFinite && z.imag.isFinite && (result.real.isInfinite || result.imag.isInfinite) { throw MathModule.rangeError() }
        return result
    }

    static func build() throws -> PyObject {
        func unary(_ name: String, _ body: @escaping (Parts) throws -> PyObject) -> (String, PyObject) {
            (name, PyObject.moduleFunction(self.name, name, PySignature(["z"], positionalOnlyCount: 1)) { arguments in
                try body(try parts(arguments[0]))
            })
        }
        func test(_ name: String, _ predicate: @escaping (Double) -> Bool) -> (String, PyObject) {
            unary(name) { z in PyObject(predicate(z.real) || predicate(z.imag)) }
        }
        return buildModule(name, [
            ("pi", PyObject(Double.pi)), ("e", PyObject(M_E)), ("tau", PyObject(2 * Double.pi)),
            ("inf", PyObject(Double.infinity)), ("nan", PyObject(Double.nan)),
            ("infj", .complex(0, .infinity)), ("nanj", .complex(0, .nan)),
            unary("sqrt") { ComplexArithmetic.make(squareRoot($0)) },
            unary("exp") { ComplexArithmetic.make(try exponential($0)) },
            unary("phase") { PyObject(atan2($0.imag, $0.real)) },
            unary("polar") { z in
                let radius = hypot(z.real, z.imag)
                if radius.isInfinite && z.real.isFinite && z.imag.isFinite { throw MathModule.rangeError() }
                return .tuple([PyObject(radius), PyObject(atan2(z.imag, z.real))])
            },
            unary("log10") { z in
                let natural = try logarithm(z)
                return .complex(natural.real / M_LN10, natural.imag / M_LN10)
            },
            ("log", PyObject.moduleFunction(name, "log", PySignature(["x", "base"], defaults: [.none], positionalOnlyCount: 2)) { arguments in
                let natural = try logarithm(try parts(arguments[0]))
                if arguments[1].isNone { return ComplexArithmetic.make(natural) }
                let base = try logarithm(try parts(arguments[1]))
                guard let quotient = ComplexArithmetic.quotient(natural, base) else { throw MathModule.domainError() }
                return ComplexArithmetic.make(quotient)
            }),
            ("rect", PyObject.moduleFunction(name, "rect", PySignature(["r", "phi"], positionalOnlyCount: 2)) { arguments in
                let radius = try MathModule.real(arguments[0]), angle = try MathModule.real(arguments[1])
                // CPython's workaround for a -0.0 angle: no trigonometry when the angle is zero.
                if angle == 0 { return .complex(radius, radius * angle) }
                return .complex(radius * cos(angle), radius * sin(angle))
            }),
            test("isnan") { $0.isNaN },
            test("isinf") { $0.isInfinite },
            unary("isfinite") { PyObject($0.real.isFinite && $0.imag.isFinite) },
            ("isclose", PyObject.moduleFunction(name, "isclose", PySignature(["a", "b"], keywordOnly: ["rel_tol", "abs_tol"],
                keywordDefaults: ["rel_tol": PyObject(1e-09), "abs_tol": PyObject(0.0)], positionalOnlyCount: 2)) { arguments in
                let a = try parts(arguments[0]), b = try parts(arguments[1])
                let relative = try MathModule.real(arguments[2]), absolute = try MathModule.real(arguments[3])
                if relative < 0 || absolute < 0 { throw PyException.valueError("tolerances must be non-negative") }
                if a.real == b.real && a.imag == b.imag { return .True }
                if [a.real, a.imag, b.real, b.imag].contains(where: \.isInfinite) { return .False }
                let difference = hypot(a.real - b.real, a.imag - b.imag)
                return PyObject(difference <= relative * hypot(b.real, b.imag) || difference <= relative * hypot(a.real, a.imag)
                                || difference <= absolute)
            }),
        ])
    }
}
