import Foundation

/// `datetime`: `date`, `time`, `datetime`, `timedelta`, `tzinfo` and `timezone` as CPython 3.11's
/// C module behaves — range checks and messages, reprs, ISO and `strftime` text, arithmetic with
/// CPython's rounding, and the naive/aware rules for comparing and subtracting. Instances carry
/// their value as a Swift payload and are immutable, as CPython's are.
enum DatetimeModule {
    static let name = "datetime"

    /// The module's classes, made once per import and captured by every method that builds a value.
    final class Classes: @unchecked Sendable {
        var date: PyClass!
        var time: PyClass!
        var datetime: PyClass!
        var timedelta: PyClass!
        var tzinfo: PyClass!
        var timezone: PyClass!
        var isoCalendarDate: PyObject = .none
        var utc: PyObject = .none
        /// The default of `replace`'s and `timezone`'s optional arguments, so an explicit None differs.
        let unset = PyObject.list([])
    }

    static func build() throws -> PyObject {
        let classes = Classes()
        try buildZoneClasses(classes)
        try TimedeltaClass.build(classes)
        try DateClass.build(classes)
        try TimeClass.build(classes)
        try DateTimeClass.build(classes)
        let isoCalendar = try CollectionsModule.namedtuple("IsoCalendarDate", .list(["year", "week", "weekday"]),
                                                           rename: false, defaults: .none, module: PyObject(name))
        let isoRepr = PyObject.function("__repr__", PySignature(["self"])) { arguments in
            let items = try arguments[0].collect()
            return PyObject("datetime.IsoCalendarDate(year=\(try items[0].repr()), week=\(try items[1].repr()), weekday=\(try items[2].repr()))")
        }
        try isoCalendar.setAttribute("__repr__", isoRepr)
        // The runtime's tuple `__str__` prints the bare tuple; CPython's str of a named tuple is its repr.
        try isoCalendar.setAttribute("__str__", isoRepr)
        classes.isoCalendarDate = isoCalendar
        return buildModule(name, [
            ("MINYEAR", PyObject(CalendarMath.minYear)),
            ("MAXYEAR", PyObject(CalendarMath.maxYear)),
            ("date", PyObject(classes.date)),
            ("time", PyObject(classes.time)),
            ("datetime", PyObject(classes.datetime)),
            ("timedelta", PyObject(classes.timedelta)),
            ("tzinfo", PyObject(classes.tzinfo)),
            ("timezone", PyObject(classes.timezone)),
            ("UTC", classes.utc),
        ])
    }

    // MARK: Values in and out

    static func instance(_ cls: PyClass, _ payload: Any) -> PyObject {
        let object = PyInstance(cls: cls)
        object.payload = payload
        return PyObject(object)
    }

    static func payload<Value>(_ object: PyObject, _ type: Value.Type) -> Value? {
        (object.heap as? PyInstance)?.payload as? Value
    }

    static func delta(_ object: PyObject) -> Delta? { payload(object, Delta.self) }
    static func zone(_ object: PyObject) -> FixedZone? { payload(object, FixedZone.self) }

    /// `datetime.date` for the module's own classes, a subclass's bare name otherwise, as CPython's
    /// `tp_name` reads in messages and reprs.
    static func qualifiedName(_ object: PyObject) -> String {
        object.pyType.module == name ? "\(name).\(object.typeName)" : object.typeName
    }

    static func classOf(_ object: PyObject) throws -> PyClass {
        guard let cls = object.heap as? PyClass else { throw PyException.typeError("descriptor requires a type") }
        return cls
    }

    /// An `int` argument: a float or str raises CPython's "cannot be interpreted as an integer".
    static func integer(_ value: PyObject) throws -> Int {
        if case .bool(let flag) = value.builtinValue.storage { return flag ? 1 : 0 }
        return try value.indexValue().toInt()
    }

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [],
                       keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:],
                       _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, keywordOnly: keywordOnly, keywordDefaults: keywordDefaults), body)
    }

    static func classMethod(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [],
                            _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject(PyMethodWrapper(.classMethod, PyObject.function(name, PySignature(["cls"] + parameters, defaults: defaults), body)))
    }

    static func property(_ name: String, _ body: @escaping (PyObject) throws -> PyObject) -> PyObject {
        PyObject(PyProperty(getter: PyObject.function(name, PySignature(["self"])) { arguments in try body(arguments[0]) },
                            setter: .none, deleter: .none, doc: .none))
    }

    /// The TypeError CPython raises itself when the other operand is a built-in value; other
    /// instances get NotImplemented, so their reflected methods run.
    static func unsupported(_ symbol: String, _ left: PyObject, _ right: PyObject, reflected: Bool = false) throws -> PyObject {
        let other = reflected ? left : right
        if (other.heap is PyInstance && !isModuleValue(other)) || other.heap is PyClass { return .notImplemented }
        throw PyException.typeError("unsupported operand type(s) for \(symbol): '\(qualifiedName(left))' and '\(qualifiedName(right))'")
    }

    /// A value of this module's classes (or their subclasses), whose operators are all known here.
    static func isModuleValue(_ object: PyObject) -> Bool {
        guard let payload = (object.heap as? PyInstance)?.payload else { return false }
        return payload is Delta || payload is DateParts || payload is DateTimeParts || payload is ZonedClock || payload is FixedZone
    }

    static func notComparable(_ symbol: String, _ left: PyObject, _ right: PyObject) throws -> PyObject {
        if right.heap is PyInstance && !isModuleValue(right) { return .notImplemented }
        throw PyException.typeError("'\(symbol)' not supported between instances of '\(qualifiedName(left))' and '\(qualifiedName(right))'")
    }

    static let comparisons: [(String, String, @Sendable (Int) -> Bool)] = [
        ("__eq__", "==", { $0 == 0 }), ("__ne__", "!=", { $0 != 0 }), ("__lt__", "<", { $0 < 0 }),
        ("__le__", "<=", { $0 <= 0 }), ("__gt__", ">", { $0 > 0 }), ("__ge__", ">=", { $0 >= 0 }),
    ]

    /// The six rich comparisons from one three-way `order` (nil: not comparable with that operand).
    static func installComparisons(_ namespace: PyNamespace, _ order: @escaping (PyObject, PyObject, String) throws -> Int?) {
        for (dunder, symbol, holds) in comparisons {
            namespace[dunder] = method(dunder, ["other"]) { arguments in
                guard let result = try order(arguments[0], arguments[1], symbol) else {
                    if symbol == "==" || symbol == "!=" {
                        // Another class may know how to compare itself with this one; for built-in
                        // values and this module's other classes, Python's fallback is identity.
                        if arguments[1].heap is PyInstance && !isModuleValue(arguments[1]) { return .notImplemented }
                        return PyObject(arguments[0].isIdentical(to: arguments[1]) == (symbol == "=="))
                    }
                    return try notComparable(symbol, arguments[0], arguments[1])
                }
                return PyObject(holds(result))
            }
        }
    }

    static func threeWay<Value: Comparable>(_ a: Value, _ b: Value) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    // MARK: Zones

    static func checkedTzinfo(_ value: PyObject, _ classes: Classes) throws -> PyObject {
        if value.isNone || value.pyType.isSubclass(of: classes.tzinfo) { return value }
        throw PyException.typeError("tzinfo argument must be None or of a tzinfo subclass, not type '\(value.typeName)'")
    }

    static func checkedOffset(_ result: PyObject, _ what: String) throws -> Delta? {
        if result.isNone { return nil }
        guard let offset = delta(result) else {
            throw PyException.typeError("tzinfo.\(what)() must return None or timedelta, not '\(result.typeName)'")
        }
        if offset.days < -1 || offset.days >= 1 || (offset.days == -1 && offset.seconds == 0 && offset.microseconds == 0) {
            throw PyException.valueError("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not \(offset.repr).")
        }
        return offset
    }

    /// `tzinfo.utcoffset(argument)`: fixed zones answer directly, others through their method.
    static func utcoffset(_ tzinfo: PyObject, _ argument: PyObject) throws -> Delta? {
        if tzinfo.isNone { return nil }
        if let fixed = zone(tzinfo) { return fixed.offset }
        return try checkedOffset(try tzinfo.callMethod("utcoffset", [argument]), "utcoffset")
    }

    static func dst(_ tzinfo: PyObject, _ argument: PyObject) throws -> PyObject {
        if tzinfo.isNone { return .none }
        if zone(tzinfo) != nil { return .none }
        let result = try tzinfo.callMethod("dst", [argument])
        _ = try checkedOffset(result, "dst")
        return result
    }

    static func tzname(_ tzinfo: PyObject, _ argument: PyObject) throws -> PyObject {
        if tzinfo.isNone { return .none }
        if let fixed = zone(tzinfo) { return PyObject(fixed.tzname) }
        let result = try tzinfo.callMethod("tzname", [argument])
        guard result.isNone || result.isStr else {
            throw PyException.typeError("tzinfo.tzname() must return None or a string, not '\(result.typeName)'")
        }
        return result
    }

    static func makeZone(_ classes: Classes, _ offset: Delta, _ zoneName: String?) -> PyObject {
        if offset.isZero && zoneName == nil, !classes.utc.isNone { return classes.utc }
        return instance(classes.timezone, FixedZone(offset: offset, name: zoneName))
    }

    static func buildZoneClasses(_ classes: Classes) throws {
        let tzinfo = try PyObject.makeClass("tzinfo") { namespace in
            namespace["__module__"] = PyObject(name)
            for what in ["utcoffset", "dst", "tzname"] {
                namespace[what] = method(what, ["dt"]) { _ in
                    throw PyException.make(PyClass.notImplementedError, "a tzinfo subclass must implement \(what)()")
                }
            }
            namespace["fromutc"] = method("fromutc", ["dt"]) { arguments in
                let this = arguments[0], moment = arguments[1]
                guard var parts = payload(moment, DateTimeParts.self) else { throw PyException.typeError("fromutc() requires a datetime argument") }
                guard parts.tzinfo.isIdentical(to: this) else { throw PyException.valueError("fromutc: dt.tzinfo is not self") }
                guard let offset = try utcoffset(this, moment) else { throw PyException.valueError("fromutc: non-None utcoffset() result required") }
                let daylight = try dst(this, moment)
                guard let saving = delta(daylight) else { throw PyException.valueError("fromutc: non-None dst() result required") }
                parts = try parts.adding(try Delta.from(microseconds: offset.smallMicroseconds - saving.smallMicroseconds))
                let shifted = instance(moment.pyType, parts)
                if let later = delta(try dst(this, shifted)) { parts = try parts.adding(later) }
                return instance(moment.pyType, parts)
            }
        }
        classes.tzinfo = tzinfo.heap as? PyClass
        let timezone = try PyObject.makeClass("timezone", bases: [tzinfo]) { namespace in
            namespace["__module__"] = PyObject(name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "offset", "name"], defaults: [classes.unset])) { arguments in
                guard let offset = delta(arguments[1]) else {
                    throw PyException.typeError("timezone() argument 1 must be datetime.timedelta, not \(arguments[1].typeName)")
                }
                var zoneName: String?
                if !arguments[2].isIdentical(to: classes.unset) {
                    guard arguments[2].isStr else { throw PyException.typeError("timezone() argument 2 must be str, not \(arguments[2].typeName)") }
                    zoneName = try arguments[2].toString()
                }
                _ = try checkedOffset(arguments[1], "utcoffset")
                return makeZone(classes, offset, zoneName)
            }
            namespace["utcoffset"] = method("utcoffset", ["dt"]) { arguments in
                TimedeltaClass.make(classes, try zone(arguments[0]).unwrap().offset)
            }
            namespace["dst"] = method("dst", ["dt"]) { _ in .none }
            namespace["tzname"] = method("tzname", ["dt"]) { arguments in PyObject(try zone(arguments[0]).unwrap().tzname) }
            namespace["fromutc"] = method("fromutc", ["dt"]) { arguments in
                guard let parts = payload(arguments[1], DateTimeParts.self) else { throw PyException.typeError("fromutc() argument must be a datetime instance or None") }
                guard parts.tzinfo.isIdentical(to: arguments[0]) else { throw PyException.valueError("fromutc: dt.tzinfo is not self") }
                var shifted = try parts.adding(try zone(arguments[0]).unwrap().offset)
                shifted.tzinfo = arguments[0]
                return instance(arguments[1].pyType, shifted)
            }
            namespace["__repr__"] = method("__repr__") { arguments in
                let this = arguments[0]
                if this.isIdentical(to: classes.utc) { return "datetime.timezone.utc" }
                let fixed = try zone(this).unwrap()
                let offsetText = fixed.offset.repr
                if let zoneName = fixed.name { return PyObject("\(qualifiedName(this))(\(offsetText), \(PyObject(zoneName).pythonRepr))") }
                return PyObject("\(qualifiedName(this))(\(offsetText))")
            }
            namespace["__str__"] = method("__str__") { arguments in PyObject(try zone(arguments[0]).unwrap().tzname) }
            namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
                guard let mine = zone(arguments[0]), let other = zone(arguments[1]) else {
                    return arguments[1].heap is PyInstance && !isModuleValue(arguments[1]) ? .notImplemented : PyObject(false)
                }
                return PyObject(mine.offset == other.offset)
            }
            namespace["__hash__"] = method("__hash__") { arguments in
                let offset = try zone(arguments[0]).unwrap().offset
                return PyObject(try PyObject.tupleHash([PyObject(offset.days), PyObject(offset.seconds), PyObject(offset.microseconds)]))
            }
        }
        classes.timezone = timezone.heap as? PyClass
        classes.utc = instance(classes.timezone, FixedZone(offset: Delta(), name: nil))
        try timezone.setAttribute("utc", classes.utc)
        try timezone.setAttribute("min", instance(classes.timezone, FixedZone(offset: Delta(days: -1, seconds: 60), name: nil)))
        try timezone.setAttribute("max", instance(classes.timezone, FixedZone(offset: Delta(days: 0, seconds: 86_340), name: nil)))
    }

    // MARK: The host's clock and zone

    /// Seconds since the epoch as `time.time()` reads them.
    static func nowSeconds() -> Double { time() }

    /// A POSIX timestamp split as CPython does, rounding microseconds half to even.
    static func splitTimestamp(_ value: PyObject) throws -> (Int, Int) {
        switch value.builtinValue.storage {
        case .int(let seconds): return (seconds, 0)
        case .bool(let flag): return (flag ? 1 : 0, 0)
        case .float(let number):
            guard number.isFinite else { throw PyException.valueError("Invalid value \(PyObject(number).pythonStr) (type float)") }
            var whole = number.rounded(.towardZero)
            var fraction = ((number - whole) * 1e6).rounded(.toNearestOrEven)
            if fraction >= 1e6 { fraction -= 1e6; whole += 1 } else if fraction < 0 { fraction += 1e6; whole -= 1 }
            guard abs(whole) < 1e14 else { throw PyException.overflow("timestamp out of range for platform time_t") }
            return (Int(whole), Int(fraction))
        default:
            throw PyException.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    static let epochOrdinal = CalendarMath.ordinal(1970, 1, 1)

    /// The wall clock at `seconds` past the epoch in UTC.
    static func universalParts(_ seconds: Int, _ microsecond: Int, tzinfo: PyObject) throws -> DateTimeParts {
        try DateTimeParts.fromWall(((epochOrdinal - 1) * CalendarMath.secondsPerDay + seconds) * CalendarMath.microsecondsPerSecond + microsecond,
                                   tzinfo: tzinfo)
    }

    /// The host zone's offset, in seconds, at `seconds` past the epoch.
    static func localOffset(at seconds: Int) -> Int {
        var stamp = time_t(seconds)
        var broken = tm()
        guard localtime_r(&stamp, &broken) != nil else { return 0 }
        return Int(broken.tm_gmtoff)
    }

    static func localZoneName(at seconds: Int) -> String {
        var stamp = time_t(seconds)
        var broken = tm()
        guard localtime_r(&stamp, &broken) != nil, let zoneName = broken.tm_zone else { return "UTC" }
        return String(cString: zoneName)
    }

    static func localParts(_ seconds: Int, _ microsecond: Int) throws -> DateTimeParts {
        try universalParts(seconds + localOffset(at: seconds), microsecond, tzinfo: .none)
    }

    /// Seconds past the epoch of a naive wall time read as local time: CPython's `local_to_seconds`,
    /// which picks by `fold` in a repeated hour and steps over a skipped one.
    static func localSeconds(_ parts: DateTimeParts) -> Int {
        let t = (parts.date.ordinal - epochOrdinal) * CalendarMath.secondsPerDay + parts.clock.secondsOfDay
        func local(_ u: Int) -> Int { u + localOffset(at: u) }
        let a = local(t) - t
        let u1 = t - a
        let t1 = local(u1)
        let b: Int
        if t1 == t {
            let u2 = parts.fold != 0 ? u1 + 86_400 : u1 - 86_400
            let other = local(u2) - u2
            if a == other { return u1 }
            b = other
        } else {
            b = t1 - u1
        }
        let u2 = t - b
        if local(u2) == t { return u2 }
        if t1 == t { return u1 }
        return parts.fold != 0 ? min(u1, u2) : max(u1, u2)
    }
}

extension Optional {
    /// A payload the method's own class guarantees; TypeError if a foreign receiver was passed.
    func unwrap() throws -> Wrapped {
        guard let value = self else { throw PyException.typeError("descriptor requires a 'datetime' module object") }
        return value
    }
}
