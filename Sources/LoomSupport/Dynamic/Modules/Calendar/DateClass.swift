/// `datetime.date`, whose methods also serve `datetime` (its subclass) through `dateOf`.
enum DateClass {
    typealias Classes = DatetimeModule.Classes

    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [],
                       _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        DatetimeModule.method(name, parameters, defaults: defaults, body)
    }

    /// The calendar date of a `date` or a `datetime`.
    static func dateOf(_ object: PyObject) throws -> DateParts {
        if let date = DatetimeModule.payload(object, DateParts.self) { return date }
        if let moment = DatetimeModule.payload(object, DateTimeParts.self) { return moment.date }
        throw PyException.typeError("descriptor requires a 'datetime.date' object but received '\(object.typeName)'")
    }

    static func isPureDate(_ object: PyObject) -> Bool { DatetimeModule.payload(object, DateParts.self) != nil }

    /// A value of class `cls` for a date: midnight, naive, when `cls` is a datetime class.
    static func make(_ classes: Classes, _ cls: PyClass, _ date: DateParts) -> PyObject {
        if cls.isSubclass(of: classes.datetime) {
            return DatetimeModule.instance(cls, DateTimeParts(date: date, clock: ClockParts(), tzinfo: .none, fold: 0))
        }
        return DatetimeModule.instance(cls, date)
    }

    static func strftimeFormat(_ value: PyObject) throws -> String {
        guard value.isStr else { throw PyException.typeError("strftime() argument 1 must be str, not \(value.typeName)") }
        return try value.toString()
    }

    static func ctime(_ date: DateParts, _ clock: ClockParts) -> String {
        let weekday = String(CalendarMath.dayNames[date.weekday].prefix(3)), month = String(CalendarMath.monthNames[date.month - 1].prefix(3))
        let day = date.day < 10 ? " \(date.day)" : "\(date.day)"
        let pad = CalendarText.padded
        return "\(weekday) \(month) \(day) \(pad(clock.hour, 2)):\(pad(clock.minute, 2)):\(pad(clock.second, 2)) \(pad(date.year, 4))"
    }

    static func build(_ classes: Classes) throws {
        let cls = try PyObject.makeClass("date") { namespace in
            namespace["__module__"] = PyObject(DatetimeModule.name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "year", "month", "day"])) { arguments in
                let date = try DateParts.checked(try DatetimeModule.integer(arguments[1]), try DatetimeModule.integer(arguments[2]),
                                                 try DatetimeModule.integer(arguments[3]))
                return DatetimeModule.instance(try DatetimeModule.classOf(arguments[0]), date)
            }
            namespace["today"] = DatetimeModule.classMethod("today") { arguments in
                let (seconds, microsecond) = try DatetimeModule.splitTimestamp(PyObject(DatetimeModule.nowSeconds()))
                let cls = try DatetimeModule.classOf(arguments[0])
                let local = try DatetimeModule.localParts(seconds, microsecond)
                if cls.isSubclass(of: classes.datetime) { return DatetimeModule.instance(cls, local) }
                return DatetimeModule.instance(cls, local.date)
            }
            namespace["fromtimestamp"] = DatetimeModule.classMethod("fromtimestamp", ["timestamp"]) { arguments in
                let (seconds, microsecond) = try DatetimeModule.splitTimestamp(arguments[1])
                return make(classes, try DatetimeModule.classOf(arguments[0]), try DatetimeModule.localParts(seconds, microsecond).date)
            }
            namespace["fromordinal"] = DatetimeModule.classMethod("fromordinal", ["n"]) { arguments in
                let ordinal = try DatetimeModule.integer(arguments[1])
                guard ordinal >= 1 else { throw PyException.valueError("ordinal must be >= 1") }
                return make(classes, try DatetimeModule.classOf(arguments[0]), try DateParts.fromOrdinal(ordinal))
            }
            namespace["fromisoformat"] = DatetimeModule.classMethod("fromisoformat", ["date_string"]) { arguments in
                guard arguments[1].isStr else { throw PyException.typeError("fromisoformat: argument must be str") }
                return make(classes, try DatetimeModule.classOf(arguments[0]), try IsoParse.date(try arguments[1].toString()))
            }
            namespace["fromisocalendar"] = DatetimeModule.classMethod("fromisocalendar", ["year", "week", "day"]) { arguments in
                let date = try IsoParse.isoCalendarDate(try DatetimeModule.integer(arguments[1]), try DatetimeModule.integer(arguments[2]),
                                                        try DatetimeModule.integer(arguments[3]))
                return make(classes, try DatetimeModule.classOf(arguments[0]), date)
            }
            namespace["year"] = DatetimeModule.property("year") { PyObject(try dateOf($0).year) }
            namespace["month"] = DatetimeModule.property("month") { PyObject(try dateOf($0).month) }
            namespace["day"] = DatetimeModule.property("day") { PyObject(try dateOf($0).day) }
            namespace["toordinal"] = method("toordinal") { arguments in PyObject(try dateOf(arguments[0]).ordinal) }
            namespace["weekday"] = method("weekday") { arguments in PyObject(try dateOf(arguments[0]).weekday) }
            namespace["isoweekday"] = method("isoweekday") { arguments in PyObject(try dateOf(arguments[0]).weekday + 1) }
            namespace["isocalendar"] = method("isocalendar") { arguments in
                let (year, week, weekday) = try dateOf(arguments[0]).isoCalendar
                return try classes.isoCalendarDate(PyObject(year), PyObject(week), PyObject(weekday))
            }
            namespace["isoformat"] = method("isoformat") { arguments in PyObject(try dateOf(arguments[0]).isoFormat) }
            namespace["__str__"] = method("__str__") { arguments in try arguments[0].callMethod("isoformat") }
            namespace["__repr__"] = method("__repr__") { arguments in
                let date = try dateOf(arguments[0])
                return PyObject("\(DatetimeModule.qualifiedName(arguments[0]))(\(date.year), \(date.month), \(date.day))")
            }
            namespace["ctime"] = method("ctime") { arguments in PyObject(ctime(try dateOf(arguments[0]), ClockParts())) }
            namespace["strftime"] = method("strftime", ["format"]) { arguments in
                PyObject(Strftime.format(try strftimeFormat(arguments[1]), StrftimeFields(date: try dateOf(arguments[0]), clock: ClockParts())))
            }
            namespace["__format__"] = method("__format__", ["fmt"]) { arguments in
                guard arguments[1].isStr else { throw PyException.typeError("__format__() argument 1 must be str, not \(arguments[1].typeName)") }
                if try arguments[1].toString().isEmpty { return PyObject(try arguments[0].str()) }
                return try arguments[0].callMethod("strftime", [arguments[1]])
            }
            namespace["replace"] = method("replace", ["year", "month", "day"], defaults: [.none, .none, .none]) { arguments in
                let date = try dateOf(arguments[0])
                func field(_ index: Int, _ current: Int) throws -> Int { arguments[index].isNone ? current : try DatetimeModule.integer(arguments[index]) }
                let replaced = try DateParts.checked(try field(1, date.year), try field(2, date.month), try field(3, date.day))
                return DatetimeModule.instance(arguments[0].pyType, replaced)
            }
            DatetimeModule.installComparisons(namespace) { this, other, _ in
                guard let mine = DatetimeModule.payload(this, DateParts.self), let theirs = DatetimeModule.payload(other, DateParts.self) else { return nil }
                return DatetimeModule.threeWay(mine.ordinal, theirs.ordinal)
            }
            namespace["__hash__"] = method("__hash__") { arguments in
                PyObject(try PyObject.tuple([PyObject("date"), PyObject(try dateOf(arguments[0]).ordinal)]).hashValue())
            }
            func shifted(_ this: PyObject, _ days: Int) throws -> PyObject {
                DatetimeModule.instance(this.pyType, try DateParts.fromOrdinal(try dateOf(this).ordinal + days))
            }
            namespace["__add__"] = method("__add__", ["other"]) { arguments in
                guard isPureDate(arguments[0]), let delta = DatetimeModule.delta(arguments[1]) else {
                    return try DatetimeModule.unsupported("+", arguments[0], arguments[1])
                }
                return try shifted(arguments[0], delta.days)
            }
            namespace["__radd__"] = method("__radd__", ["other"]) { arguments in
                guard isPureDate(arguments[0]), let delta = DatetimeModule.delta(arguments[1]) else {
                    return try DatetimeModule.unsupported("+", arguments[1], arguments[0], reflected: true)
                }
                return try shifted(arguments[0], delta.days)
            }
            namespace["__sub__"] = method("__sub__", ["other"]) { arguments in
                guard isPureDate(arguments[0]) else { return .notImplemented }
                if let delta = DatetimeModule.delta(arguments[1]) { return try shifted(arguments[0], -delta.days) }
                if let other = DatetimeModule.payload(arguments[1], DateParts.self) {
                    return TimedeltaClass.make(classes, Delta(days: try dateOf(arguments[0]).ordinal - other.ordinal))
                }
                return try DatetimeModule.unsupported("-", arguments[0], arguments[1])
            }
        }
        classes.date = cls.heap as? PyClass
        try cls.setAttribute("min", DatetimeModule.instance(classes.date, DateParts(year: 1, month: 1, day: 1)))
        try cls.setAttribute("max", DatetimeModule.instance(classes.date, DateParts(year: 9999, month: 12, day: 31)))
        try cls.setAttribute("resolution", TimedeltaClass.make(classes, Delta(days: 1)))
    }
}
