import Foundation

/// `decimal.Decimal`: an immutable `DecimalNumber` payload; operators round into the current
/// context and signal through it; messages name the type `decimal.Decimal`, as CPython's C type does.
enum DecimalClass {
    typealias Number = DecimalNumber

    static func make(_ value: Number, _ cls: PyClass? = nil) -> PyObject {
        NumbersKit.instance(of: cls ?? DecimalModule.classes.decimal, carrying: value)
    }

    static func value(_ object: PyObject) throws -> Number {
        try NumbersKit.payload(object, Number.self, orRaise: "descriptor requires a 'decimal.Decimal' object but received '\(object.typeName)'")
    }

    /// How messages name a type: CPython's C types carry their module in the name.
    static func label(_ object: PyObject) -> String {
        NumbersKit.payload(object, Number.self) != nil && object.pyType.module == DecimalModule.name ? "decimal.Decimal" : object.typeName
    }

    /// An operand of arithmetic: a Decimal, or an int, which converts exactly.
    static func operand(_ object: PyObject) -> Number? {
        if let number = NumbersKit.payload(object, Number.self) { return number }
        return NumbersKit.integer(object).map { Number($0) }
    }

    /// `Decimal(value)`: exact for str, int, float, Decimal and tuples; the conditions signal.
    static func convert(_ value: PyObject, _ context: DecimalContextState) throws -> Number {
        if let number = operand(value) { return number }
        switch value.builtinValue.storage {
        case .float(let number):
            try context.signal(.floatOperation)
            return Number(number)
        case .str(let text):
            if let number = Number.parse(String(text)) { return number }
            try context.signal(.conversionSyntax)
            return .nan
        case .heap(let tuple as PyTupleStorage):
            return try fromTuple(tuple.items)
        default:
            if value.heap is PyList { return try fromTuple(try value.collect()) }
            throw PyException.typeError("conversion from \(value.typeName) to Decimal is not supported")
        }
    }

    static func fromTuple(_ items: [PyObject]) throws -> Number {
        guard items.count == 3 else { throw PyException.valueError("argument must be a sequence of length 3") }
        guard let sign = NumbersKit.integer(items[0])?.asInt, sign == 0 || sign == 1 else {
            throw PyException.valueError("sign must be an integer with the value 0 or 1")
        }
        var digits = ""
        for digit in try items[1].collect() {
            guard let value = NumbersKit.integer(digit)?.asInt, (0...9).contains(value) else {
                throw PyException.valueError("coefficient must be a tuple of digits")
            }
            digits += String(value)
        }
        let coefficient = BigInt(digits: Substring(digits.isEmpty ? "0" : digits), radix: 10, negative: false) ?? BigInt(0)
        if items[2].isStr {
            let kind: Number.Kind
            switch try items[2].toString() {
            case "F": return .infinity(sign == 1)
            case "n": kind = .quietNaN
            case "N": kind = .signalingNaN
            default: throw PyException.valueError("string argument in the third position must be 'F', 'n' or 'N'")
            }
            return Number(kind: kind, negative: sign == 1, coefficient: coefficient, exponent: 0)
        }
        guard let exponent = NumbersKit.integer(items[2])?.asInt else { throw PyException.valueError("exponent must be an integer") }
        return .finite(sign == 1, coefficient, exponent)
    }

    /// Runs an operation in the current context (or `context`), signals what it met, and wraps the result.
    static func compute(_ context: PyObject = .none, _ body: (DecimalSettings, inout DecimalConditions) throws -> Number) throws -> PyObject {
        let state = try DecimalContexts.chosen(context)
        var conditions = DecimalConditions()
        let result = try body(state.settings, &conditions)
        try state.signal(conditions)
        return make(result)
    }

    /// CPython's TypeError for built-in operands; another class's instance may know the operation.
    static func unsupported(_ symbol: String, _ left: PyObject, _ right: PyObject, reflected: Bool) throws -> PyObject {
        let other = reflected ? left : right
        if (other.heap is PyInstance && NumbersKit.payload(other, RationalValue.self) == nil) || other.heap is PyClass { return .notImplemented }
        throw PyException.typeError("unsupported operand type(s) for \(symbol): '\(label(left))' and '\(label(right))'")
    }

    typealias Operation = (Number, Number, DecimalSettings, inout DecimalConditions) -> Number

    static func installBinary(_ namespace: PyNamespace, _ name: String, _ symbol: String, _ operation: @escaping Operation) {
        namespace["__\(name)__"] = NumbersKit.method("__\(name)__", ["other"]) { arguments in
            guard let other = operand(arguments[1]) else { return try unsupported(symbol, arguments[0], arguments[1], reflected: false) }
            let this = try value(arguments[0])
            return try compute { operation(this, other, $0, &$1) }
        }
        namespace["__r\(name)__"] = NumbersKit.method("__r\(name)__", ["other"]) { arguments in
            guard let other = operand(arguments[1]) else { return try unsupported(symbol, arguments[1], arguments[0], reflected: true) }
            let this = try value(arguments[0])
            return try compute { operation(other, this, $0, &$1) }
        }
    }

    static func power(_ base: Number, _ exponent: Number, _ settings: DecimalSettings, _ conditions: inout DecimalConditions) -> Number {
        if let result = DecimalArithmetic.power(base, exponent, settings, &conditions) { return result }
        return DecimalTranscendental.power(base, exponent, settings, &conditions)
    }

    /// What a Decimal compares with: Decimals, ints, floats (exactly) and Fractions.
    enum Comparand {
        case decimal(Number)
        case ratio(BigInt, BigInt)
    }

    static func comparand(_ other: PyObject, _ state: DecimalContextState) throws -> Comparand? {
        if let number = operand(other) { return .decimal(number) }
        if case .float(let number) = other.builtinValue.storage {
            try state.signal(.floatOperation)
            return .decimal(Number(number))
        }
        if let ratio = NumbersKit.payload(other, RationalValue.self) { return .ratio(ratio.numerator, ratio.denominator) }
        return nil
    }

    /// -1, 0, 1, or nil for a NaN.
    static func order(_ this: Number, _ other: Comparand) -> Int? {
        switch other {
        case .decimal(let number): return DecimalArithmetic.compare(this, number)
        case .ratio(let numerator, let denominator):
            if this.isNaN { return nil }
            if this.isInfinite { return this.negative ? -1 : 1 }
            let scaled = DecimalArithmetic.signed(this) * Number.powerOfTen(max(this.exponent, 0)) * denominator
            return BigInt.compare(scaled, numerator * Number.powerOfTen(max(-this.exponent, 0)))
        }
    }

    static func installComparisons(_ namespace: PyNamespace) {
        for (dunder, symbol, holds) in NumbersKit.comparisons {
            namespace[dunder] = NumbersKit.method(dunder, ["other"]) { arguments in
                let state = DecimalContexts.currentState()
                let this = try value(arguments[0])
                guard let other = try comparand(arguments[1], state) else {
                    if symbol == "==" || symbol == "!=" || arguments[1].heap is PyInstance { return .notImplemented }
                    throw PyException.typeError("'\(symbol)' not supported between instances of '\(label(arguments[0]))' and '\(label(arguments[1]))'")
                }
                guard let result = order(this, other) else {
                    if symbol == "==" { return false }
                    if symbol == "!=" { return true }
                    try state.signal(.invalidOperation)
                    return false
                }
                return PyObject(holds(result))
            }
        }
    }

    /// `hash()`: equal to the hash of the int, float or Fraction of the same value.
    static func hash(_ object: PyObject) throws -> Int {
        let number = try value(object)
        switch number.kind {
        case .signalingNaN: throw PyException.typeError("Cannot hash a signaling NaN value")
        case .quietNaN: return Int(bitPattern: UInt(bitPattern: ObjectIdentifier(object.heap as AnyObject).hashValue)) >> 4
        case .infinity: return number.negative ? -314_159 : 314_159
        case .finite:
            let modulus = (1 << 61) - 1
            let residue = number.coefficient.floorDivMod(BigInt(modulus)).1.asInt ?? 0
            // 10⁻¹ modulo 2⁶¹−1, by Fermat: the modulus is prime.
            let scale = number.exponent >= 0 ? NumbersKit.modularPower(10, number.exponent, modulus)
                : NumbersKit.modularPower(NumbersKit.modularPower(10, modulus - 2, modulus), -number.exponent, modulus)
            var result = NumbersKit.multiplyModulo(residue, scale, modulus)
            if number.negative { result = -result }
            return result == -1 ? -2 : result
        }
    }

    /// The value as an int, rounded by `mode`, with CPython's errors for NaN and infinity.
    static func integer(_ number: Number, _ mode: DecimalRounding) throws -> PyObject {
        if number.isNaN { throw PyException.valueError("cannot convert NaN to integer") }
        if number.isInfinite { throw PyException.overflow("cannot convert Infinity to integer") }
        let (kept, _) = Number.dropDigits(number.coefficient, -number.exponent, negative: number.negative, mode)
        return PyObject(number.negative ? -kept : kept)
    }

    static func integralValue(_ arguments: [PyObject], exact: Bool) throws -> PyObject {
        let this = try value(arguments[0])
        let state = try DecimalContexts.chosen(arguments[2])
        let mode = arguments[1].isNone ? state.settings.rounding : try DecimalContexts.rounding(arguments[1])
        return try compute(arguments[2]) { settings, conditions in
            if let nan = DecimalArithmetic.nanResult([this], &conditions) { return nan }
            if !this.isFinite || this.exponent >= 0 { return this }
            // Unlike quantize, the result may have more digits than the precision.
            let (kept, inexact) = Number.dropDigits(this.coefficient, -this.exponent, negative: this.negative, mode)
            if exact { conditions.insert(.rounded); if inexact { conditions.insert(.inexact) } }
            return .finite(this.negative, kept, 0)
        }
    }

    static func quantize(_ arguments: [PyObject]) throws -> PyObject {
        let this = try value(arguments[0])
        let state = try DecimalContexts.chosen(arguments[3])
        guard let target = operand(arguments[1]) else { throw PyException.typeError("conversion from \(arguments[1].typeName) to Decimal is not supported") }
        let mode = arguments[2].isNone ? state.settings.rounding : try DecimalContexts.rounding(arguments[2])
        return try compute(arguments[3]) { settings, conditions in
            if let nan = DecimalArithmetic.nanResult([this, target], &conditions) { return nan }
            if this.isInfinite || target.isInfinite {
                return this.isInfinite && target.isInfinite ? this : DecimalArithmetic.invalid(&conditions)
            }
            guard target.exponent <= settings.emax, target.exponent >= settings.emin - settings.precision + 1,
                  let result = DecimalArithmetic.quantize(this, to: target.exponent, mode, settings, &conditions) else {
                return DecimalArithmetic.invalid(&conditions)
            }
            return result
        }
    }

    static func build() throws -> PyClass {
        let cls = try PyObject.makeClass("Decimal") { namespace in
            namespace["__module__"] = PyObject(DecimalModule.name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "value", "context"], defaults: ["0", .none])) { arguments in
                let state = try DecimalContexts.chosen(arguments[2])
                return make(try convert(arguments[1], state), try NumbersKit.classOf(arguments[0]))
            }
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self"], varargs: "args", varkw: "kwargs")) { _ in .none }
            namespace["from_float"] = NumbersKit.classMethod("from_float", ["f"]) { arguments in
                guard case .float(let number) = arguments[1].builtinValue.storage else {
                    if let integer = NumbersKit.integer(arguments[1]) { return make(Number(integer), try NumbersKit.classOf(arguments[0])) }
                    throw PyException.typeError("argument must be int or float")
                }
                return make(Number(number), try NumbersKit.classOf(arguments[0]))
            }
            namespace["__repr__"] = NumbersKit.method("__repr__") { arguments in
                let capitals = DecimalContexts.currentState().settings.capitals == 1
                return PyObject("Decimal('\(try value(arguments[0]).scientific(capitals: capitals))')")
            }
            namespace["__str__"] = NumbersKit.method("__str__") { arguments in
                PyObject(try value(arguments[0]).scientific(capitals: DecimalContexts.currentState().settings.capitals == 1))
            }
            namespace["to_eng_string"] = NumbersKit.method("to_eng_string", ["context"], defaults: [.none]) { arguments in
                PyObject(try value(arguments[0]).engineering(capitals: try DecimalContexts.chosen(arguments[1]).settings.capitals == 1))
            }
            namespace["__format__"] = NumbersKit.method("__format__", ["spec"]) { arguments in
                PyObject(try DecimalFormat.format(try value(arguments[0]), try arguments[1].toString(), DecimalContexts.currentState().settings))
            }
            namespace["__hash__"] = NumbersKit.method("__hash__") { arguments in PyObject(try hash(arguments[0])) }
            namespace["__bool__"] = NumbersKit.method("__bool__") { arguments in PyObject(!(try value(arguments[0]).isZero)) }
            namespace["__int__"] = NumbersKit.method("__int__") { arguments in try integer(try value(arguments[0]), .down) }
            namespace["__trunc__"] = NumbersKit.method("__trunc__") { arguments in try integer(try value(arguments[0]), .down) }
            namespace["__floor__"] = NumbersKit.method("__floor__") { arguments in try integer(try value(arguments[0]), .floor) }
            namespace["__ceil__"] = NumbersKit.method("__ceil__") { arguments in try integer(try value(arguments[0]), .ceiling) }
            namespace["__float__"] = NumbersKit.method("__float__") { arguments in
                let number = try value(arguments[0])
                switch number.kind {
                case .signalingNaN: throw PyException.valueError("cannot convert signaling NaN to float")
                case .quietNaN: return PyObject(number.negative ? -Double.nan : Double.nan)
                case .infinity: return PyObject(number.negative ? -Double.infinity : Double.infinity)
                case .finite: return PyObject(Double(number.scientific()) ?? .nan)
                }
            }
            namespace["__round__"] = NumbersKit.method("__round__", ["ndigits"], defaults: [.none]) { arguments in
                let number = try value(arguments[0])
                if arguments[1].isNone { return try integer(number, .halfEven) }
                guard let places = NumbersKit.integer(arguments[1])?.asInt else {
                    throw PyException.typeError("optional arg must be an integer")
                }
                return try quantize([arguments[0], make(.finite(false, BigInt(1), -places)), .none, .none])
            }
            namespace["__neg__"] = NumbersKit.method("__neg__") { arguments in
                let this = try value(arguments[0])
                return try compute { settings, conditions in
                    if let nan = DecimalArithmetic.nanResult([this], &conditions) { return nan }
                    var result = this.negated
                    if this.isZero { result.negative = settings.rounding == .floor }
                    return result.rounded(settings, &conditions)
                }
            }
            namespace["__pos__"] = NumbersKit.method("__pos__") { arguments in
                let this = try value(arguments[0])
                return try compute { settings, conditions in
                    if let nan = DecimalArithmetic.nanResult([this], &conditions) { return nan }
                    var result = this
                    if this.isZero { result.negative = this.negative && settings.rounding == .floor }
                    return result.rounded(settings, &conditions)
                }
            }
            namespace["__abs__"] = NumbersKit.method("__abs__") { arguments in
                let this = try value(arguments[0])
                return try compute { settings, conditions in
                    DecimalArithmetic.nanResult([this], &conditions) ?? this.magnitude.rounded(settings, &conditions)
                }
            }
            installBinary(namespace, "add", "+", DecimalArithmetic.add)
            installBinary(namespace, "sub", "-", DecimalArithmetic.subtract)
            installBinary(namespace, "mul", "*", DecimalArithmetic.multiply)
            installBinary(namespace, "truediv", "/", DecimalArithmetic.divide)
            installBinary(namespace, "floordiv", "//") { a, b, settings, conditions in DecimalArithmetic.divideAndRemainder(a, b, settings, &conditions, part: .quotient).0 }
            installBinary(namespace, "mod", "%") { a, b, settings, conditions in DecimalArithmetic.divideAndRemainder(a, b, settings, &conditions, part: .remainder).1 }
            installBinary(namespace, "pow", "** or pow()", power)
            for (name, reflected) in [("__divmod__", false), ("__rdivmod__", true)] {
                namespace[name] = NumbersKit.method(name, ["other"]) { arguments in
                    guard let other = operand(arguments[1]) else {
                        return reflected ? try unsupported("divmod()", arguments[1], arguments[0], reflected: true)
                                         : try unsupported("divmod()", arguments[0], arguments[1], reflected: false)
                    }
                    let this = try value(arguments[0])
                    let state = DecimalContexts.currentState()
                    var conditions = DecimalConditions()
                    let (quotient, remainder) = reflected ? DecimalArithmetic.divideAndRemainder(other, this, state.settings, &conditions)
                                                          : DecimalArithmetic.divideAndRemainder(this, other, state.settings, &conditions)
                    try state.signal(conditions)
                    return .tuple([make(quotient), make(remainder)])
                }
            }
            installComparisons(namespace)
            installMethods(namespace)
        }
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("Decimal is not a class") }
        return type
    }
}
