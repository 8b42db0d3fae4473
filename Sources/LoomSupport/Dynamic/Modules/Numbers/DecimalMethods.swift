import Foundation

/// `Decimal`'s named methods: quantizing and rounding to integers, roots and logarithms,
/// inspection (`as_tuple`, `is_nan` …) and the sign-copying helpers.
extension DecimalClass {
    static func installMethods(_ namespace: PyNamespace) {
        namespace["quantize"] = NumbersKit.method("quantize", ["exp", "rounding", "context"], defaults: [.none, .none]) { arguments in
            try quantize(arguments)
        }
        for name in ["to_integral_value", "to_integral"] {
            namespace[name] = NumbersKit.method(name, ["rounding", "context"], defaults: [.none, .none]) { arguments in
                try integralValue(arguments, exact: false)
            }
        }
        namespace["to_integral_exact"] = NumbersKit.method("to_integral_exact", ["rounding", "context"], defaults: [.none, .none]) { arguments in
            try integralValue(arguments, exact: true)
        }
        let unary: [(String, (Number, DecimalSettings, inout DecimalConditions) -> Number)] = [
            ("sqrt", DecimalArithmetic.squareRoot), ("normalize", DecimalArithmetic.reduce),
            ("exp", DecimalTranscendental.exp), ("ln", DecimalTranscendental.ln), ("log10", DecimalTranscendental.log10),
        ]
        for (name, operation) in unary {
            namespace[name] = NumbersKit.method(name, ["context"], defaults: [.none]) { arguments in
                let this = try value(arguments[0])
                return try compute(arguments[1]) { operation(this, $0, &$1) }
            }
        }
        namespace["as_tuple"] = NumbersKit.method("as_tuple") { arguments in
            let number = try value(arguments[0])
            let digits = number.coefficient.isZero && !number.isFinite ? [] : number.digits.map { PyObject(Int(String($0)) ?? 0) }
            let exponent: PyObject
            switch number.kind {
            case .finite: exponent = PyObject(number.exponent)
            case .infinity: exponent = "F"
            case .quietNaN: exponent = "n"
            case .signalingNaN: exponent = "N"
            }
            return try DecimalModule.classes.decimalTuple(PyObject(number.negative ? 1 : 0), .tuple(number.isInfinite ? [0] : digits), exponent)
        }
        namespace["as_integer_ratio"] = NumbersKit.method("as_integer_ratio") { arguments in
            let number = try value(arguments[0])
            if number.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
            if number.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
            let ratio = RationalValue.reduced(DecimalArithmetic.signed(number) * Number.powerOfTen(max(number.exponent, 0)),
                                              Number.powerOfTen(max(-number.exponent, 0)))
            return .tuple([PyObject(ratio.numerator), PyObject(ratio.denominator)])
        }
        let predicates: [(String, (Number) -> Bool)] = [
            ("is_nan", \.isNaN), ("is_qnan", { $0.kind == .quietNaN }), ("is_snan", { $0.kind == .signalingNaN }),
            ("is_infinite", \.isInfinite), ("is_finite", \.isFinite), ("is_zero", \.isZero), ("is_signed", \.negative),
            ("is_canonical", { _ in true }),
        ]
        for (name, test) in predicates {
            namespace[name] = NumbersKit.method(name) { arguments in PyObject(test(try value(arguments[0]))) }
        }
        namespace["is_normal"] = NumbersKit.method("is_normal", ["context"], defaults: [.none]) { arguments in
            let number = try value(arguments[0])
            let emin = try DecimalContexts.chosen(arguments[1]).settings.emin
            return PyObject(number.isFinite && !number.isZero && number.adjusted >= emin)
        }
        namespace["is_subnormal"] = NumbersKit.method("is_subnormal", ["context"], defaults: [.none]) { arguments in
            let number = try value(arguments[0])
            let emin = try DecimalContexts.chosen(arguments[1]).settings.emin
            return PyObject(number.isFinite && !number.isZero && number.adjusted < emin)
        }
        namespace["adjusted"] = NumbersKit.method("adjusted") { arguments in
            let number = try value(arguments[0])
            return PyObject(number.isFinite ? number.adjusted : 0)
        }
        namespace["copy_abs"] = NumbersKit.method("copy_abs") { arguments in make(try value(arguments[0]).magnitude) }
        namespace["copy_negate"] = NumbersKit.method("copy_negate") { arguments in make(try value(arguments[0]).negated) }
        namespace["copy_sign"] = NumbersKit.method("copy_sign", ["other", "context"], defaults: [.none]) { arguments in
            var number = try value(arguments[0])
            guard let other = operand(arguments[1]) else { throw PyException.typeError("conversion from \(arguments[1].typeName) to Decimal is not supported") }
            number.negative = other.negative
            return make(number)
        }
        namespace["compare"] = NumbersKit.method("compare", ["other", "context"], defaults: [.none]) { arguments in
            let this = try value(arguments[0])
            guard let other = operand(arguments[1]) else { throw PyException.typeError("conversion from \(arguments[1].typeName) to Decimal is not supported") }
            return try compute(arguments[2]) { _, conditions in
                if let nan = DecimalArithmetic.nanResult([this, other], &conditions) { return nan }
                let order = DecimalArithmetic.compare(this, other) ?? 0
                return Number(BigInt(order))
            }
        }
        for (name, wantsLarger) in [("max", true), ("min", false)] {
            namespace[name] = NumbersKit.method(name, ["other", "context"], defaults: [.none]) { arguments in
                let this = try value(arguments[0])
                guard let other = operand(arguments[1]) else { throw PyException.typeError("conversion from \(arguments[1].typeName) to Decimal is not supported") }
                return try compute(arguments[2]) { settings, conditions in
                    // A quiet NaN loses to a number; a signaling one is invalid.
                    if this.kind == .signalingNaN || other.kind == .signalingNaN { return DecimalArithmetic.nanResult([this, other], &conditions) ?? .nan }
                    if this.isNaN && !other.isNaN { return other.rounded(settings, &conditions) }
                    if other.isNaN { return this.rounded(settings, &conditions) }
                    var order = DecimalArithmetic.compare(this, other) ?? 0
                    if order == 0 { order = this.negative != other.negative ? (this.negative ? -1 : 1) : (this.exponent < other.exponent ? -1 : (this.exponent > other.exponent ? 1 : 0)) * (this.negative ? -1 : 1) }
                    return ((order >= 0) == wantsLarger ? this : other).rounded(settings, &conditions)
                }
            }
        }
        namespace["scaleb"] = NumbersKit.method("scaleb", ["other", "context"], defaults: [.none]) { arguments in
            let this = try value(arguments[0])
            guard let other = operand(arguments[1]), other.isIntegral, let shift = other.truncatedInteger.asInt else {
                throw PyException.typeError("conversion from \(arguments[1].typeName) to Decimal is not supported")
            }
            return try compute(arguments[2]) { settings, conditions in
                if let nan = DecimalArithmetic.nanResult([this], &conditions) { return nan }
                return this.isFinite ? this.withExponent(this.exponent + shift).rounded(settings, &conditions) : this
            }
        }
        namespace["conjugate"] = NumbersKit.method("conjugate") { arguments in arguments[0] }
        namespace["__copy__"] = NumbersKit.method("__copy__") { arguments in arguments[0] }
        namespace["__deepcopy__"] = NumbersKit.method("__deepcopy__", ["memo"]) { arguments in arguments[0] }
        namespace["real"] = NumbersKit.property("real") { $0 }
        namespace["imag"] = NumbersKit.property("imag") { _ in make(.zero) }
        namespace["__reduce__"] = NumbersKit.method("__reduce__") { arguments in
            .tuple([PyObject(arguments[0].pyType), .tuple([PyObject(try value(arguments[0]).scientific())])])
        }
    }
}

extension NumbersKit {
    static let comparisons: [(String, String, @Sendable (Int) -> Bool)] = [
        ("__eq__", "==", { $0 == 0 }), ("__ne__", "!=", { $0 != 0 }), ("__lt__", "<", { $0 < 0 }),
        ("__le__", "<=", { $0 <= 0 }), ("__gt__", ">", { $0 > 0 }), ("__ge__", ">=", { $0 >= 0 }),
    ]
}
