/// `datetime.time`: a clock reading with an optional zone; no arithmetic, as in CPython.
enum TimeClass {
    typealias Classes = DatetimeModule.Classes

    static func value(_ object: PyObject) throws -> ZonedClock { try DatetimeModule.payload(object, ZonedClock.self).unwrap() }

    static func fold(_ value: PyObject) throws -> Int {
        let fold = try DatetimeModule.integer(value)
        guard fold == 0 || fold == 1 else { throw PyException.valueError("fold must be either 0 or 1") }
        return fold
    }

    /// `+HH:MM` for an aware value's isoformat, empty when naive.
    static func offsetSuffix(_ offset: Delta?) -> String { offset.map { $0.offsetText(separator: ":") } ?? "" }

    static func build(_ classes: Classes) throws {
        let method = DateClass.method
        let cls = try PyObject.makeClass("time") { namespace in
            namespace["__module__"] = PyObject(DatetimeModule.name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "hour", "minute", "second", "microsecond", "tzinfo"],
                                                                            defaults: [0, 0, 0, 0, .none], keywordOnly: ["fold"], keywordDefaults: ["fold": 0])) { arguments in
                let clock = try ClockParts.checked(try DatetimeModule.integer(arguments[1]), try DatetimeModule.integer(arguments[2]),
                                                   try DatetimeModule.integer(arguments[3]), try DatetimeModule.integer(arguments[4]))
                let zoned = ZonedClock(clock: clock, tzinfo: try DatetimeModule.checkedTzinfo(arguments[5], classes), fold: try fold(arguments[6]))
                return DatetimeModule.instance(try DatetimeModule.classOf(arguments[0]), zoned)
            }
            namespace["fromisoformat"] = DatetimeModule.classMethod("fromisoformat", ["time_string"]) { arguments in
                guard arguments[1].isStr else { throw PyException.typeError("fromisoformat: argument must be str") }
                var text = try arguments[1].toString()
                if text.hasPrefix("T") { text.removeFirst() }
                let (clock, offset) = try IsoParse.time(text)
                let zone = offset.map { DatetimeModule.makeZone(classes, $0, nil) } ?? .none
                return DatetimeModule.instance(try DatetimeModule.classOf(arguments[0]), ZonedClock(clock: clock, tzinfo: zone, fold: 0))
            }
            namespace["hour"] = DatetimeModule.property("hour") { PyObject(try value($0).clock.hour) }
            namespace["minute"] = DatetimeModule.property("minute") { PyObject(try value($0).clock.minute) }
            namespace["second"] = DatetimeModule.property("second") { PyObject(try value($0).clock.second) }
            namespace["microsecond"] = DatetimeModule.property("microsecond") { PyObject(try value($0).clock.microsecond) }
            namespace["tzinfo"] = DatetimeModule.property("tzinfo") { try value($0).tzinfo }
            namespace["fold"] = DatetimeModule.property("fold") { PyObject(try value($0).fold) }
            namespace["utcoffset"] = method("utcoffset", [], []) { arguments in
                try DatetimeModule.utcoffset(try value(arguments[0]).tzinfo, .none).map { TimedeltaClass.make(classes, $0) } ?? .none
            }
            namespace["dst"] = method("dst", [], []) { arguments in try DatetimeModule.dst(try value(arguments[0]).tzinfo, .none) }
            namespace["tzname"] = method("tzname", [], []) { arguments in try DatetimeModule.tzname(try value(arguments[0]).tzinfo, .none) }
            namespace["isoformat"] = method("isoformat", ["timespec"], ["auto"]) { arguments in
                let zoned = try value(arguments[0])
                let offset = try DatetimeModule.utcoffset(zoned.tzinfo, .none)
                return PyObject(try zoned.clock.isoFormat(try arguments[1].toString()) + offsetSuffix(offset))
            }
            namespace["__str__"] = method("__str__", [], []) { arguments in try arguments[0].callMethod("isoformat") }
            namespace["__repr__"] = method("__repr__", [], []) { arguments in
                let zoned = try value(arguments[0])
                let clock = zoned.clock
                var fields = ["\(clock.hour)", "\(clock.minute)"]
                if clock.second != 0 || clock.microsecond != 0 { fields.append("\(clock.second)") }
                if clock.microsecond != 0 { fields.append("\(clock.microsecond)") }
                if zoned.fold != 0 { fields.append("fold=\(zoned.fold)") }
                if !zoned.tzinfo.isNone { fields.append("tzinfo=\(try zoned.tzinfo.repr())") }
                return PyObject("\(DatetimeModule.qualifiedName(arguments[0]))(\(fields.joined(separator: ", ")))")
            }
            namespace["strftime"] = method("strftime", ["format"], []) { arguments in
                let zoned = try value(arguments[0])
                let zoneName = try DatetimeModule.tzname(zoned.tzinfo, .none)
                let fields = StrftimeFields(date: DateParts(year: 1900, month: 1, day: 1), clock: zoned.clock,
                                            offset: try DatetimeModule.utcoffset(zoned.tzinfo, .none),
                                            zoneName: zoneName.isNone ? nil : try zoneName.toString())
                return PyObject(Strftime.format(try DateClass.strftimeFormat(arguments[1]), fields))
            }
            namespace["__format__"] = method("__format__", ["fmt"], []) { arguments in
                if try arguments[1].toString().isEmpty { return PyObject(try arguments[0].str()) }
                return try arguments[0].callMethod("strftime", [arguments[1]])
            }
            namespace["replace"] = method("replace", ["hour", "minute", "second", "microsecond", "tzinfo"],
                                          [classes.unset, classes.unset, classes.unset, classes.unset, classes.unset]) { arguments in
                let zoned = try value(arguments[0])
                func field(_ index: Int, _ current: Int) throws -> Int {
                    arguments[index].isIdentical(to: classes.unset) ? current : try DatetimeModule.integer(arguments[index])
                }
                let clock = try ClockParts.checked(try field(1, zoned.clock.hour), try field(2, zoned.clock.minute),
                                                   try field(3, zoned.clock.second), try field(4, zoned.clock.microsecond))
                let zone = arguments[5].isIdentical(to: classes.unset) ? zoned.tzinfo : try DatetimeModule.checkedTzinfo(arguments[5], classes)
                return DatetimeModule.instance(arguments[0].pyType, ZonedClock(clock: clock, tzinfo: zone, fold: zoned.fold))
            }
            namespace["__bool__"] = method("__bool__", [], []) { _ in true }
            /// Microseconds of the day in UTC when aware, on the wall when naive; nil offset when naive.
            func instant(_ object: PyObject) throws -> (Int, Delta?) {
                let zoned = try value(object)
                let wall = zoned.clock.secondsOfDay * CalendarMath.microsecondsPerSecond + zoned.clock.microsecond
                guard let offset = try DatetimeModule.utcoffset(zoned.tzinfo, .none) else { return (wall, nil) }
                return (wall - offset.smallMicroseconds, offset)
            }
            DatetimeModule.installComparisons(namespace) { this, other, symbol in
                guard let theirs = DatetimeModule.payload(other, ZonedClock.self) else { return nil }
                let mine = try value(this)
                if mine.tzinfo.isIdentical(to: theirs.tzinfo) {
                    return DatetimeModule.threeWay(mine.clock.secondsOfDay * 1_000_000 + mine.clock.microsecond,
                                                   theirs.clock.secondsOfDay * 1_000_000 + theirs.clock.microsecond)
                }
                let (a, offsetA) = try instant(this), (b, offsetB) = try instant(other)
                if (offsetA == nil) != (offsetB == nil) {
                    if symbol == "==" || symbol == "!=" { return 1 }
                    throw PyException.typeError("can't compare offset-naive and offset-aware times")
                }
                return DatetimeModule.threeWay(a, b)
            }
            namespace["__hash__"] = method("__hash__", [], []) { arguments in
                PyObject(try PyObject.tuple([PyObject("time"), PyObject(try instant(arguments[0]).0)]).hashValue())
            }
        }
        classes.time = cls.heap as? PyClass
        try cls.setAttribute("min", DatetimeModule.instance(classes.time, ZonedClock(clock: ClockParts(), tzinfo: .none, fold: 0)))
        try cls.setAttribute("max", DatetimeModule.instance(classes.time, ZonedClock(clock: ClockParts(hour: 23, minute: 59, second: 59, microsecond: 999_999),
                                                                                     tzinfo: .none, fold: 0)))
        try cls.setAttribute("resolution", TimedeltaClass.make(classes, Delta(microseconds: 1)))
    }
}
