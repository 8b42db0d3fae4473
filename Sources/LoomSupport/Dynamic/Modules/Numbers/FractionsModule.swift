import Foundation

/// `fractions`: `Fraction` as CPython 3.11's pure-Python class behaves — exact with ints and
/// Fractions, a float as soon as a float enters, its messages and its rational hash.
enum FractionsModule {
    static let name = "fractions"
    typealias Value = RationalValue

    nonisolated(unsafe) static var fractionClass: PyClass!

    static func make(_ value: Value, _ cls: PyClass? = nil) -> PyObject {
        NumbersKit.instance(of: cls ?? fractionClass, carrying: value)
    }

    static func value(_ object: PyObject) throws -> Value {
        try NumbersKit.payload(object, Value.self, orRaise: "descriptor requires a 'Fraction' object but received '\(object.typeName)'")
    }

    /// An exact operand: a Fraction, or an int (bool included).
    static func rational(_ object: PyObject) -> Value? {
        if let value = NumbersKit.payload(object, Value.self) { return value }
        return NumbersKit.integer(object).map { Value($0) }
    }

    /// An inexact operand, which turns the operation into a float one (complex stays complex).
    static func isInexact(_ object: PyObject) -> Bool {
        switch object.builtinValue.storage {
        case .float: return true
        case .heap(let heap): return heap is PyComplex
        default: return false
        }
    }

    static func ratio(of number: DecimalNumber) throws -> Value {
        if number.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
        if number.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
        return Value.reduced(DecimalArithmetic.signed(number) * DecimalNumber.powerOfTen(max(number.exponent, 0)),
                             DecimalNumber.powerOfTen(max(-number.exponent, 0)))
    }

    static func ratio(of number: Double) throws -> Value {
        if number.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
        if number.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
        return try ratio(of: DecimalNumber(number))
    }

    /// `Fraction(numerator=0, denominator=None)`.
    static func construct(_ numerator: PyObject, _ denominator: PyObject) throws -> Value {
        if denominator.isNone {
            if let exact = rational(numerator) { return exact }
            if case .float(let number) = numerator.builtinValue.storage { return try ratio(of: number) }
            if let decimal = NumbersKit.payload(numerator, DecimalNumber.self) { return try ratio(of: decimal) }
            if numerator.isStr {
                let text = try numerator.toString()
                guard let parsed = Value.parse(text) else { throw PyException.valueError("Invalid literal for Fraction: \(try numerator.repr())") }
                if parsed.denominator.isZero { throw PyException.zeroDivision("Fraction(\(parsed.numerator.toString()), 0)") }
                return parsed
            }
            throw PyException.typeError("argument should be a string or a Rational instance")
        }
        guard let top = rational(numerator), let bottom = rational(denominator) else {
            throw PyException.typeError("both arguments should be Rational instances")
        }
        return try Value.checked(top.numerator * bottom.denominator, top.denominator * bottom.numerator)
    }

    typealias Exact = (Value, Value) throws -> PyObject

    /// Installs `__name__` and `__rname__`: exact for Rationals, through float for floats and complex.
    static func installBinary(_ namespace: PyNamespace, _ name: String, _ exact: @escaping Exact) {
        func run(_ this: PyObject, _ other: PyObject, reflected: Bool) throws -> PyObject {
            let value = try self.value(this)
            if let operand = rational(other) { return reflected ? try exact(operand, value) : try exact(value, operand) }
            if isInexact(other) {
                let float = try value.toDouble()
                if name == "divmod" { return reflected ? try Py.divmod(other, float) : try Py.divmod(float, other) }
                let operation = PyBinaryOperator.named(name)
                return reflected ? try other.binary(operation, float) : try float.binary(operation, other)
            }
            return .notImplemented
        }
        namespace["__\(name)__"] = NumbersKit.method("__\(name)__", ["other"]) { arguments in try run(arguments[0], arguments[1], reflected: false) }
        namespace["__r\(name)__"] = NumbersKit.method("__r\(name)__", ["other"]) { arguments in try run(arguments[0], arguments[1], reflected: true) }
    }

    /// a ** b: a whole exponent stays exact; any other goes through float, as CPython's does.
    static func power(_ base: Value, _ exponent: Value) throws -> PyObject {
        if exponent.isWhole, let count = exponent.numerator.asInt, count.magnitude < 1 << 24 {
            return make(try base.power(count))
        }
        return try (try base.toDouble()) ** (try exponent.toDouble())
    }

    static func build() throws -> PyObject {
        let cls = try PyObject.makeClass("Fraction") { namespace in
            namespace["__module__"] = PyObject(name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "numerator", "denominator"], defaults: [0, .none])) { arguments in
                make(try construct(arguments[1], arguments[2]), try NumbersKit.classOf(arguments[0]))
            }
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self"], varargs: "args", varkw: "kwargs")) { _ in .none }
            namespace["from_float"] = NumbersKit.classMethod("from_float", ["f"]) { arguments in
                let cls = try NumbersKit.classOf(arguments[0])
                if let integer = NumbersKit.integer(arguments[1]) { return make(Value(integer), cls) }
                guard case .float(let number) = arguments[1].builtinValue.storage else {
                    throw PyException.typeError("\(cls.name).from_float() only takes floats, not \(try arguments[1].repr()) (\(arguments[1].typeName))")
                }
                return make(try ratio(of: number), cls)
            }
            namespace["from_decimal"] = NumbersKit.classMethod("from_decimal", ["dec"]) { arguments in
                let cls = try NumbersKit.classOf(arguments[0])
                if let integer = NumbersKit.integer(arguments[1]) { return make(Value(integer), cls) }
                guard let decimal = NumbersKit.payload(arguments[1], DecimalNumber.self) else {
                    throw PyException.typeError("\(cls.name).from_decimal() only takes Decimals, not \(try arguments[1].repr()) (\(arguments[1].typeName))")
                }
                return make(try ratio(of: decimal), cls)
            }
            namespace["numerator"] = NumbersKit.property("numerator") { PyObject(try value($0).numerator) }
            namespace["denominator"] = NumbersKit.property("denominator") { PyObject(try value($0).denominator) }
            namespace["real"] = NumbersKit.property("real") { $0 }
            namespace["imag"] = NumbersKit.property("imag") { _ in 0 }
            namespace["conjugate"] = NumbersKit.method("conjugate") { arguments in arguments[0] }
            namespace["as_integer_ratio"] = NumbersKit.method("as_integer_ratio") { arguments in
                let value = try value(arguments[0])
                return .tuple([PyObject(value.numerator), PyObject(value.denominator)])
            }
            namespace["limit_denominator"] = NumbersKit.method("limit_denominator", ["max_denominator"], defaults: [1_000_000]) { arguments in
                guard let limit = NumbersKit.integer(arguments[1]) ?? rational(arguments[1])?.floor() else {
                    throw PyException.typeError("'<' not supported between instances of '\(arguments[1].typeName)' and 'int'")
                }
                if BigInt.compare(limit, BigInt(1)) < 0 { throw PyException.valueError("max_denominator should be at least 1") }
                return make(try value(arguments[0]).limited(limit))
            }
            namespace["__repr__"] = NumbersKit.method("__repr__") { arguments in
                let value = try value(arguments[0])
                let qualified = arguments[0].pyType.name
                return PyObject("\(qualified)(\(value.numerator.toString()), \(value.denominator.toString()))")
            }
            namespace["__str__"] = NumbersKit.method("__str__") { arguments in PyObject(try value(arguments[0]).str) }
            namespace["__hash__"] = NumbersKit.method("__hash__") { arguments in
                let value = try value(arguments[0])
                return PyObject(NumbersKit.rationalHash(value.numerator, value.denominator))
            }
            namespace["__bool__"] = NumbersKit.method("__bool__") { arguments in PyObject(!(try value(arguments[0]).numerator.isZero)) }
            namespace["__float__"] = NumbersKit.method("__float__") { arguments in try value(arguments[0]).toDouble() }
            namespace["__int__"] = NumbersKit.method("__int__") { arguments in PyObject(try value(arguments[0]).truncated()) }
            namespace["__trunc__"] = NumbersKit.method("__trunc__") { arguments in PyObject(try value(arguments[0]).truncated()) }
            namespace["__floor__"] = NumbersKit.method("__floor__") { arguments in PyObject(try value(arguments[0]).floor()) }
            namespace["__ceil__"] = NumbersKit.method("__ceil__") { arguments in PyObject(try value(arguments[0]).ceiling()) }
            namespace["__round__"] = NumbersKit.method("__round__", ["ndigits"], defaults: [.none]) { arguments in
                let value = try value(arguments[0])
                if arguments[1].isNone { return PyObject(value.roundedHalfEven()) }
                guard let places = NumbersKit.integer(arguments[1])?.asInt else {
                    throw PyException.typeError("'\(arguments[1].typeName)' object cannot be interpreted as an integer")
                }
                let shift = DecimalNumber.powerOfTen(abs(places))
                if places > 0 {
                    let scaled = value * Value(shift)
                    return make(Value.reduced(scaled.roundedHalfEven(), shift))
                }
                let scaled = try Value.divided(value, Value(shift))
                return make(Value(scaled.roundedHalfEven() * shift))
            }
            namespace["__neg__"] = NumbersKit.method("__neg__") { arguments in make(try value(arguments[0]).negated) }
            namespace["__pos__"] = NumbersKit.method("__pos__") { arguments in make(try value(arguments[0])) }
            namespace["__abs__"] = NumbersKit.method("__abs__") { arguments in
                let value = try value(arguments[0])
                return make(value.numerator.negative ? value.negated : value)
            }
            installBinary(namespace, "add") { make($0 + $1) }
            installBinary(namespace, "sub") { make($0 - $1) }
            installBinary(namespace, "mul") { make($0 * $1) }
            installBinary(namespace, "truediv") { make(try Value.divided($0, $1)) }
            installBinary(namespace, "floordiv") { PyObject(try Value.floorQuotient($0, $1)) }
            installBinary(namespace, "mod") { make(try Value.remainder($0, $1)) }
            installBinary(namespace, "divmod") { .tuple([PyObject(try Value.floorQuotient($0, $1)), make(try Value.remainder($0, $1))]) }
            installBinary(namespace, "pow") { base, exponent in
                // int ** Fraction with a whole, non-negative exponent stays an int, as CPython's `__rpow__`.
                try power(base, exponent)
            }
            installComparisons(namespace)
            namespace["__copy__"] = NumbersKit.method("__copy__") { arguments in arguments[0] }
            namespace["__deepcopy__"] = NumbersKit.method("__deepcopy__", ["memo"]) { arguments in arguments[0] }
            namespace["__reduce__"] = NumbersKit.method("__reduce__") { arguments in
                .tuple([PyObject(arguments[0].pyType), .tuple([PyObject(try value(arguments[0]).numerator), PyObject(try value(arguments[0]).denominator)])])
            }
        }
        fractionClass = cls.heap as? PyClass
        // `int ** Fraction(n)` with whole n >= 0 gives an int in CPython, not a Fraction.
        let exactPower = try cls.attribute("__rpow__")
        try cls.setAttribute("__rpow__", NumbersKit.method("__rpow__", ["other"]) { arguments in
            let exponent = try value(arguments[0])
            if let base = NumbersKit.integer(arguments[1]), exponent.isWhole, !exponent.numerator.negative, let count = exponent.numerator.asInt {
                return PyObject(base.power(count))
            }
            return try exactPower(arguments[0], arguments[1])
        })
        return buildModule(name, [("Fraction", cls)])
    }

    static func installComparisons(_ namespace: PyNamespace) {
        for (dunder, symbol, holds) in NumbersKit.comparisons {
            namespace[dunder] = NumbersKit.method(dunder, ["other"]) { arguments in
                let this = try value(arguments[0])
                if let other = rational(arguments[1]) { return PyObject(holds(Value.compare(this, other))) }
                var other = arguments[1]
                if let complex = other.heap as? PyComplex {
                    // A complex equals a Fraction only through its real part, and only with no imaginary one.
                    guard symbol == "==" || symbol == "!=" else { return .notImplemented }
                    if complex.imag != 0 { return PyObject(symbol == "!=") }
                    other = PyObject(complex.real)
                }
                if case .float(let number) = other.builtinValue.storage {
                    // Infinities and NaN compare as 0.0 does with them.
                    if !number.isFinite { return try PyObject(0.0).compare(PyCompareOperator.named(symbol), other) }
                    return PyObject(holds(Value.compare(this, try ratio(of: number))))
                }
                return .notImplemented
            }
        }
    }
}

extension PyBinaryOperator {
    /// The operator of a dunder name (`add`, `truediv` …).
    static func named(_ name: String) -> PyBinaryOperator {
        switch name {
        case "add": .add
        case "sub": .subtract
        case "mul": .multiply
        case "truediv": .trueDivide
        case "floordiv": .floorDivide
        case "mod": .remainder
        case "pow": .power
        default: .add
        }
    }
}

extension PyCompareOperator {
    static func named(_ symbol: String) -> PyCompareOperator {
        switch symbol {
        case "==": .equal
        case "!=": .notEqual
        case "<": .less
        case "<=": .lessEqual
        case ">": .greater
        default: .greaterEqual
        }
    }
}
