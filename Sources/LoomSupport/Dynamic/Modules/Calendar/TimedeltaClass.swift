import Foundation

/// `datetime.timedelta`: exact microsecond counts (past 64 bits while computing), CPython's
/// round-half-even wherever a float or a division enters, and its normalised repr and str.
enum TimedeltaClass {
    typealias Classes = DatetimeModule.Classes

    static func make(_ classes: Classes, _ value: Delta) -> PyObject {
        DatetimeModule.instance(classes.timedelta, value)
    }

    static func make(_ classes: Classes, microseconds: PyObject) throws -> PyObject {
        make(classes, try Delta.from(microseconds: microseconds))
    }

    /// CPython's `divide_nearest`: m / n rounded half to even.
    static func divideNearest(_ m: PyObject, _ n: PyObject) throws -> PyObject {
        if try !n.truthy() { throw PyException.zeroDivision("integer division or modulo by zero") }
        var quotient = try m.floorDivide(n)
        let twice = try (m % n) * 2
        let positive = try n > 0
        let beyond = positive ? try twice > n : try twice < n
        let half = try twice == n
        if try beyond || (half && (quotient % 2 == 1)) { quotient = try quotient + 1 }
        return quotient
    }

    /// `float.as_integer_ratio()`, with its errors for inf and NaN.
    static func ratio(_ value: PyObject) throws -> (PyObject, PyObject) {
        let pair = try value.builtinValue.callMethod("as_integer_ratio").collect()
        return (pair[0], pair[1])
    }

    /// The constructor's `accum`: an int adds exactly; a float adds its integral part exactly and
    /// keeps its fraction, in microseconds, in `leftover`.
    static func accumulate(_ total: PyObject, _ value: PyObject, _ factor: Int, _ component: String, _ leftover: inout Double) throws -> PyObject {
        switch value.builtinValue.storage {
        case .int, .big, .bool:
            return try total + value.builtinValue * PyObject(factor)
        case .float(let number):
            var whole = 0.0
            let fraction = modf(number, &whole)
            var sum = try total + (try IntParsing.fromDouble(whole)) * PyObject(factor)
            if fraction == 0 { return sum }
            var scaledWhole = 0.0
            let scaledFraction = modf(Double(factor) * fraction, &scaledWhole)
            sum = try sum + IntParsing.fromDouble(scaledWhole)
            leftover += scaledFraction
            return sum
        default:
            throw PyException.typeError("unsupported type for timedelta \(component) component: \(value.typeName)")
        }
    }

    static func construct(_ arguments: [PyObject]) throws -> Delta {
        // Parameters arrive as days, seconds, microseconds, milliseconds, minutes, hours, weeks;
        // CPython adds them smallest unit first.
        let order: [(Int, Int, String)] = [(2, 1, "microseconds"), (3, 1000, "milliseconds"), (1, 1_000_000, "seconds"),
                                           (4, 60_000_000, "minutes"), (5, 3_600_000_000, "hours"), (0, 86_400_000_000, "days"),
                                           (6, 604_800_000_000, "weeks")]
        var total: PyObject = 0
        var leftover = 0.0
        for (index, factor, component) in order {
            total = try accumulate(total, arguments[index], factor, component, &leftover)
        }
        if leftover != 0 {
            var whole = leftover.rounded()
            if abs(whole - leftover) == 0.5 {
                let odd = try (total % 2 == 1) ? 1.0 : 0.0
                whole = 2 * ((leftover + odd) * 0.5).rounded() - odd
            }
            total = try total + PyObject(Int(whole))
        }
        return try Delta.from(microseconds: total)
    }

    static func method(_ name: String, _ parameters: [String] = [], _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        DatetimeModule.method(name, parameters, body)
    }

    static func build(_ classes: Classes) throws {
        func value(_ object: PyObject) throws -> Delta { try DatetimeModule.delta(object).unwrap() }
        let cls = try PyObject.makeClass("timedelta") { namespace in
            namespace["__module__"] = PyObject(DatetimeModule.name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
                                                                            defaults: [0, 0, 0, 0, 0, 0, 0])) { arguments in
                DatetimeModule.instance(try DatetimeModule.classOf(arguments[0]), try construct(Array(arguments.dropFirst())))
            }
            namespace["days"] = DatetimeModule.property("days") { PyObject(try value($0).days) }
            namespace["seconds"] = DatetimeModule.property("seconds") { PyObject(try value($0).seconds) }
            namespace["microseconds"] = DatetimeModule.property("microseconds") { PyObject(try value($0).microseconds) }
            namespace["total_seconds"] = method("total_seconds") { arguments in
                try value(arguments[0]).totalMicroseconds / PyObject(1_000_000)
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let text = try value(arguments[0]).repr
                if arguments[0].pyType.module != DatetimeModule.name {
                    return PyObject(text.replacingOccurrences(of: "datetime.timedelta", with: "\(arguments[0].pyType.module).\(arguments[0].typeName)"))
                }
                return PyObject(text)
            }
            namespace["__str__"] = method("__str__") { arguments in PyObject(try value(arguments[0]).str) }
            namespace["__bool__"] = method("__bool__") { arguments in PyObject(!(try value(arguments[0]).isZero)) }
            namespace["__hash__"] = method("__hash__") { arguments in
                let delta = try value(arguments[0])
                return PyObject(try PyObject.tupleHash([PyObject(delta.days), PyObject(delta.seconds), PyObject(delta.microseconds)]))
            }
            DatetimeModule.installComparisons(namespace) { this, other, _ in
                guard let other = DatetimeModule.delta(other) else { return nil }
                return DatetimeModule.threeWay(try value(this), other)
            }
            namespace["__neg__"] = method("__neg__") { arguments in make(classes, try value(arguments[0]).negated) }
            namespace["__pos__"] = method("__pos__") { arguments in make(classes, try value(arguments[0])) }
            namespace["__abs__"] = method("__abs__") { arguments in
                let delta = try value(arguments[0])
                return make(classes, delta.days < 0 ? try delta.negated : delta)
            }
            namespace["__add__"] = method("__add__", ["other"]) { arguments in
                guard let other = DatetimeModule.delta(arguments[1]) else {
                    // A date or datetime adds the delta in its own `__radd__`.
                    if (try? DateClass.dateOf(arguments[1])) != nil { return .notImplemented }
                    return try DatetimeModule.unsupported("+", arguments[0], arguments[1])
                }
                return try make(classes, microseconds: try value(arguments[0]).totalMicroseconds + other.totalMicroseconds)
            }
            namespace["__radd__"] = method("__radd__", ["other"]) { arguments in
                guard let other = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("+", arguments[1], arguments[0], reflected: true) }
                return try make(classes, microseconds: try other.totalMicroseconds + value(arguments[0]).totalMicroseconds)
            }
            namespace["__sub__"] = method("__sub__", ["other"]) { arguments in
                guard let other = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("-", arguments[0], arguments[1]) }
                return try make(classes, microseconds: try value(arguments[0]).totalMicroseconds - other.totalMicroseconds)
            }
            namespace["__rsub__"] = method("__rsub__", ["other"]) { arguments in
                guard let other = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("-", arguments[1], arguments[0], reflected: true) }
                return try make(classes, microseconds: try other.totalMicroseconds - value(arguments[0]).totalMicroseconds)
            }
            func multiply(_ this: PyObject, _ factor: PyObject, reflected: Bool) throws -> PyObject {
                let microseconds = try value(this).totalMicroseconds
                switch factor.builtinValue.storage {
                case .int, .big, .bool:
                    return try make(classes, microseconds: microseconds * factor.builtinValue)
                case .float:
                    let (numerator, denominator) = try ratio(factor)
                    return try make(classes, microseconds: try divideNearest(microseconds * numerator, denominator))
                default:
                    return reflected ? try DatetimeModule.unsupported("*", factor, this, reflected: true)
                                     : try DatetimeModule.unsupported("*", this, factor)
                }
            }
            namespace["__mul__"] = method("__mul__", ["other"]) { arguments in try multiply(arguments[0], arguments[1], reflected: false) }
            namespace["__rmul__"] = method("__rmul__", ["other"]) { arguments in try multiply(arguments[0], arguments[1], reflected: true) }
            namespace["__truediv__"] = method("__truediv__", ["other"]) { arguments in
                let microseconds = try value(arguments[0]).totalMicroseconds
                let other = arguments[1]
                if let divisor = DatetimeModule.delta(other) { return try microseconds / divisor.totalMicroseconds }
                switch other.builtinValue.storage {
                case .int, .big, .bool:
                    return try make(classes, microseconds: try divideNearest(microseconds, other.builtinValue))
                case .float:
                    let (numerator, denominator) = try ratio(other)
                    return try make(classes, microseconds: try divideNearest(microseconds * denominator, numerator))
                default:
                    return try DatetimeModule.unsupported("/", arguments[0], other)
                }
            }
            namespace["__floordiv__"] = method("__floordiv__", ["other"]) { arguments in
                let microseconds = try value(arguments[0]).totalMicroseconds
                let other = arguments[1]
                if let divisor = DatetimeModule.delta(other) { return try microseconds.floorDivide(divisor.totalMicroseconds) }
                switch other.builtinValue.storage {
                case .int, .big, .bool: return try make(classes, microseconds: try microseconds.floorDivide(other.builtinValue))
                default: return try DatetimeModule.unsupported("//", arguments[0], other)
                }
            }
            namespace["__mod__"] = method("__mod__", ["other"]) { arguments in
                guard let divisor = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("%", arguments[0], arguments[1]) }
                return try make(classes, microseconds: try value(arguments[0]).totalMicroseconds % divisor.totalMicroseconds)
            }
            namespace["__divmod__"] = method("__divmod__", ["other"]) { arguments in
                guard let divisor = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("divmod()", arguments[0], arguments[1]) }
                let microseconds = try value(arguments[0]).totalMicroseconds, by = try divisor.totalMicroseconds
                return .tuple([try microseconds.floorDivide(by), try make(classes, microseconds: try microseconds % by)])
            }
        }
        classes.timedelta = cls.heap as? PyClass
        try cls.setAttribute("min", make(classes, Delta(days: -CalendarMath.maxDeltaDays)))
        try cls.setAttribute("max", make(classes, Delta(days: CalendarMath.maxDeltaDays, seconds: 86_399, microseconds: 999_999)))
        try cls.setAttribute("resolution", make(classes, Delta(microseconds: 1)))
    }
}
