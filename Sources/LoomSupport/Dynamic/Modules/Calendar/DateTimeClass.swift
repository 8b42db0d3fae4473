/// `datetime.datetime`, a subclass of `date`: the naive/aware rules for comparison and
/// subtraction, zone conversion, timestamps and the host's local time.
enum DateTimeClass {
    typealias Classes = DatetimeModule.Classes

    static func value(_ object: PyObject) throws -> DateTimeParts { try DatetimeModule.payload(object, DateTimeParts.self).unwrap() }

    static func offset(_ object: PyObject) throws -> Delta? {
        try DatetimeModule.utcoffset(try value(object).tzinfo, object)
    }

    /// A UTC wall reading in `tzinfo`, through the zone's `fromutc`.
    static func fromUTC(_ classes: Classes, _ cls: PyClass, _ universal: DateTimeParts, _ tzinfo: PyObject) throws -> PyObject {
        var parts = universal
        parts.tzinfo = tzinfo
        let moment = DatetimeModule.instance(cls, parts)
        if let fixed = DatetimeModule.zone(tzinfo) {
            var shifted = try parts.adding(fixed.offset)
            shifted.tzinfo = tzinfo
            return DatetimeModule.instance(cls, shifted)
        }
        return try tzinfo.callMethod("fromutc", [moment])
    }

    /// The host's zone at `seconds` past the epoch, as `astimezone()` without an argument gives it.
    static func localZone(_ classes: Classes, at seconds: Int) throws -> PyObject {
        let offset = try Delta.from(microseconds: DatetimeModule.localOffset(at: seconds) * CalendarMath.microsecondsPerSecond)
        return DatetimeModule.instance(classes.timezone, FixedZone(offset: offset, name: DatetimeModule.localZoneName(at: seconds)))
    }

    static func fromTimestamp(_ classes: Classes, _ cls: PyClass, _ timestamp: PyObject, _ tzinfo: PyObject) throws -> PyObject {
        let zone = try DatetimeModule.checkedTzinfo(tzinfo, classes)
        let (seconds, microsecond) = try DatetimeModule.splitTimestamp(timestamp)
        if zone.isNone { return DatetimeModule.instance(cls, try DatetimeModule.localParts(seconds, microsecond)) }
        return try fromUTC(classes, cls, try DatetimeModule.universalParts(seconds, microsecond, tzinfo: .none), zone)
    }

    static func isoFormat(_ object: PyObject, separator: String, timespec: String) throws -> String {
        let parts = try value(object)
        return parts.date.isoFormat + separator + (try parts.clock.isoFormat(timespec)) + TimeClass.offsetSuffix(try offset(object))
    }

    static func build(_ classes: Classes) throws {
        let method = DateClass.method
        func classOf(_ object: PyObject) throws -> PyClass { try DatetimeModule.classOf(object) }
        let cls = try PyObject.makeClass("datetime", bases: [PyObject(classes.date)]) { namespace in
            namespace["__module__"] = PyObject(DatetimeModule.name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
                                                                            defaults: [0, 0, 0, 0, .none], keywordOnly: ["fold"], keywordDefaults: ["fold": 0])) { arguments in
                let integer = DatetimeModule.integer
                let date = try DateParts.checked(try integer(arguments[1]), try integer(arguments[2]), try integer(arguments[3]))
                let clock = try ClockParts.checked(try integer(arguments[4]), try integer(arguments[5]), try integer(arguments[6]), try integer(arguments[7]))
                let parts = DateTimeParts(date: date, clock: clock, tzinfo: try DatetimeModule.checkedTzinfo(arguments[8], classes),
                                          fold: try TimeClass.fold(arguments[9]))
                return DatetimeModule.instance(try classOf(arguments[0]), parts)
            }
            namespace["now"] = DatetimeModule.classMethod("now", ["tz"], defaults: [.none]) { arguments in
                try fromTimestamp(classes, try classOf(arguments[0]), PyObject(DatetimeModule.nowSeconds()), arguments[1])
            }
            namespace["utcnow"] = DatetimeModule.classMethod("utcnow") { arguments in
                let (seconds, microsecond) = try DatetimeModule.splitTimestamp(PyObject(DatetimeModule.nowSeconds()))
                return DatetimeModule.instance(try classOf(arguments[0]), try DatetimeModule.universalParts(seconds, microsecond, tzinfo: .none))
            }
            namespace["fromtimestamp"] = DatetimeModule.classMethod("fromtimestamp", ["timestamp", "tz"], defaults: [.none]) { arguments in
                try fromTimestamp(classes, try classOf(arguments[0]), arguments[1], arguments[2])
            }
            namespace["utcfromtimestamp"] = DatetimeModule.classMethod("utcfromtimestamp", ["timestamp"]) { arguments in
                let (seconds, microsecond) = try DatetimeModule.splitTimestamp(arguments[1])
                return DatetimeModule.instance(try classOf(arguments[0]), try DatetimeModule.universalParts(seconds, microsecond, tzinfo: .none))
            }
            namespace["fromisoformat"] = DatetimeModule.classMethod("fromisoformat", ["date_string"]) { arguments in
                guard arguments[1].isStr else { throw PyException.typeError("fromisoformat: argument must be str") }
                let (date, clock, offset) = try IsoParse.datetime(try arguments[1].toString())
                let zone = offset.map { DatetimeModule.makeZone(classes, $0, nil) } ?? .none
                return DatetimeModule.instance(try classOf(arguments[0]), DateTimeParts(date: date, clock: clock, tzinfo: zone, fold: 0))
            }
            namespace["combine"] = DatetimeModule.classMethod("combine", ["date", "time", "tzinfo"], defaults: [classes.unset]) { arguments in
                guard let date = try? DateClass.dateOf(arguments[1]) else {
                    throw PyException.typeError("combine() argument 1 must be datetime.date, not \(arguments[1].typeName)")
                }
                guard let zoned = DatetimeModule.payload(arguments[2], ZonedClock.self) else {
                    throw PyException.typeError("combine() argument 2 must be datetime.time, not \(arguments[2].typeName)")
                }
                let zone = arguments[3].isIdentical(to: classes.unset) ? zoned.tzinfo : try DatetimeModule.checkedTzinfo(arguments[3], classes)
                return DatetimeModule.instance(try classOf(arguments[0]), DateTimeParts(date: date, clock: zoned.clock, tzinfo: zone, fold: zoned.fold))
            }
            namespace["strptime"] = DatetimeModule.classMethod("strptime", ["date_string", "format"]) { arguments in
                for (index, argument) in arguments.dropFirst().enumerated() where !argument.isStr {
                    throw PyException.typeError("strptime() argument \(index) must be str, not \(try PyObject(argument.pyType).repr())")
                }
                let parsed = try Strptime.parse(try arguments[1].toString(), try arguments[2].toString())
                var zone: PyObject = .none
                if let offset = parsed.offset {
                    zone = DatetimeModule.instance(classes.timezone, FixedZone(offset: offset, name: parsed.zoneName))
                    if parsed.zoneName == nil { zone = DatetimeModule.makeZone(classes, offset, nil) }
                }
                let date = try DateParts.checked(parsed.year, parsed.month, parsed.day)
                return DatetimeModule.instance(try classOf(arguments[0]), DateTimeParts(date: date, clock: parsed.clock, tzinfo: zone, fold: 0))
            }
            namespace["hour"] = DatetimeModule.property("hour") { PyObject(try value($0).clock.hour) }
            namespace["minute"] = DatetimeModule.property("minute") { PyObject(try value($0).clock.minute) }
            namespace["second"] = DatetimeModule.property("second") { PyObject(try value($0).clock.second) }
            namespace["microsecond"] = DatetimeModule.property("microsecond") { PyObject(try value($0).clock.microsecond) }
            namespace["tzinfo"] = DatetimeModule.property("tzinfo") { try value($0).tzinfo }
            namespace["fold"] = DatetimeModule.property("fold") { PyObject(try value($0).fold) }
            namespace["date"] = method("date", [], []) { arguments in DatetimeModule.instance(classes.date, try value(arguments[0]).date) }
            namespace["time"] = method("time", [], []) { arguments in
                let parts = try value(arguments[0])
                return DatetimeModule.instance(classes.time, ZonedClock(clock: parts.clock, tzinfo: .none, fold: parts.fold))
            }
            namespace["timetz"] = method("timetz", [], []) { arguments in
                let parts = try value(arguments[0])
                return DatetimeModule.instance(classes.time, ZonedClock(clock: parts.clock, tzinfo: parts.tzinfo, fold: parts.fold))
            }
            namespace["utcoffset"] = method("utcoffset", [], []) { arguments in
                try offset(arguments[0]).map { TimedeltaClass.make(classes, $0) } ?? .none
            }
            namespace["dst"] = method("dst", [], []) { arguments in try DatetimeModule.dst(try value(arguments[0]).tzinfo, arguments[0]) }
            namespace["tzname"] = method("tzname", [], []) { arguments in try DatetimeModule.tzname(try value(arguments[0]).tzinfo, arguments[0]) }
            namespace["replace"] = PyObject.function("replace", PySignature(["self", "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
                                                                          defaults: Array(repeating: classes.unset, count: 8),
                                                                          keywordOnly: ["fold"], keywordDefaults: ["fold": classes.unset])) { arguments in
                let parts = try value(arguments[0])
                func field(_ index: Int, _ current: Int) throws -> Int {
                    arguments[index].isIdentical(to: classes.unset) ? current : try DatetimeModule.integer(arguments[index])
                }
                let date = try DateParts.checked(try field(1, parts.date.year), try field(2, parts.date.month), try field(3, parts.date.day))
                let clock = try ClockParts.checked(try field(4, parts.clock.hour), try field(5, parts.clock.minute),
                                                   try field(6, parts.clock.second), try field(7, parts.clock.microsecond))
                let zone = arguments[8].isIdentical(to: classes.unset) ? parts.tzinfo : try DatetimeModule.checkedTzinfo(arguments[8], classes)
                let fold = arguments[9].isIdentical(to: classes.unset) ? parts.fold : try TimeClass.fold(arguments[9])
                return DatetimeModule.instance(arguments[0].pyType, DateTimeParts(date: date, clock: clock, tzinfo: zone, fold: fold))
            }
            namespace["timestamp"] = method("timestamp", [], []) { arguments in
                let parts = try value(arguments[0])
                if let offset = try offset(arguments[0]) {
                    let epoch = (DatetimeModule.epochOrdinal - 1) * CalendarMath.secondsPerDay * CalendarMath.microsecondsPerSecond
                    return try PyObject(parts.wallMicroseconds - offset.smallMicroseconds - epoch) / PyObject(1_000_000)
                }
                return PyObject(Double(DatetimeModule.localSeconds(parts)) + Double(parts.clock.microsecond) / 1e6)
            }
            namespace["astimezone"] = method("astimezone", ["tz"], [.none]) { arguments in
                let this = arguments[0]
                var parts = try value(this)
                let target = try DatetimeModule.checkedTzinfo(arguments[1], classes)
                var universal: DateTimeParts
                if let offset = try offset(this) {
                    if parts.tzinfo.isIdentical(to: target) { return this }
                    universal = try parts.adding(try offset.negated)
                } else {
                    let seconds = DatetimeModule.localSeconds(parts)
                    universal = try DatetimeModule.universalParts(seconds, parts.clock.microsecond, tzinfo: .none)
                }
                universal.tzinfo = .none
                if target.isNone {
                    let epoch = (DatetimeModule.epochOrdinal - 1) * CalendarMath.secondsPerDay
                    let seconds = universal.wallMicroseconds / CalendarMath.microsecondsPerSecond - epoch
                    return try fromUTC(classes, this.pyType, universal, try localZone(classes, at: seconds))
                }
                parts = universal
                return try fromUTC(classes, this.pyType, parts, target)
            }
            namespace["isoformat"] = method("isoformat", ["sep", "timespec"], ["T", "auto"]) { arguments in
                guard arguments[1].isStr, try arguments[1].toString().count == 1 else {
                    throw PyException.typeError("isoformat() argument 1 must be a unicode character, not \(arguments[1].typeName)")
                }
                return PyObject(try isoFormat(arguments[0], separator: try arguments[1].toString(), timespec: try arguments[2].toString()))
            }
            namespace["__str__"] = method("__str__", [], []) { arguments in try arguments[0].callMethod("isoformat", [" "]) }
            namespace["__repr__"] = method("__repr__", [], []) { arguments in
                let parts = try value(arguments[0])
                let date = parts.date, clock = parts.clock
                var fields = ["\(date.year)", "\(date.month)", "\(date.day)", "\(clock.hour)", "\(clock.minute)"]
                if clock.second != 0 || clock.microsecond != 0 { fields.append("\(clock.second)") }
                if clock.microsecond != 0 { fields.append("\(clock.microsecond)") }
                if parts.fold != 0 { fields.append("fold=\(parts.fold)") }
                if !parts.tzinfo.isNone { fields.append("tzinfo=\(try parts.tzinfo.repr())") }
                return PyObject("\(DatetimeModule.qualifiedName(arguments[0]))(\(fields.joined(separator: ", ")))")
            }
            namespace["ctime"] = method("ctime", [], []) { arguments in
                let parts = try value(arguments[0])
                return PyObject(DateClass.ctime(parts.date, parts.clock))
            }
            namespace["strftime"] = method("strftime", ["format"], []) { arguments in
                let parts = try value(arguments[0])
                let zoneName = try DatetimeModule.tzname(parts.tzinfo, arguments[0])
                let fields = StrftimeFields(date: parts.date, clock: parts.clock, offset: try offset(arguments[0]),
                                            zoneName: zoneName.isNone ? nil : try zoneName.toString())
                return PyObject(Strftime.format(try DateClass.strftimeFormat(arguments[1]), fields))
            }
            /// Microseconds since 0001-01-01 in UTC when aware, on the wall when naive.
            func instant(_ object: PyObject) throws -> (Int, Delta?) {
                let wall = try value(object).wallMicroseconds
                guard let offset = try offset(object) else { return (wall, nil) }
                return (wall - offset.smallMicroseconds, offset)
            }
            DatetimeModule.installComparisons(namespace) { this, other, symbol in
                guard let theirs = DatetimeModule.payload(other, DateTimeParts.self) else {
                    if DateClass.isPureDate(other) && symbol != "==" && symbol != "!=" {
                        throw PyException.typeError("can't compare \(DatetimeModule.qualifiedName(this)) to \(DatetimeModule.qualifiedName(other))")
                    }
                    return nil
                }
                let mine = try value(this)
                if mine.tzinfo.isIdentical(to: theirs.tzinfo) { return DatetimeModule.threeWay(mine.wallMicroseconds, theirs.wallMicroseconds) }
                let (a, offsetA) = try instant(this), (b, offsetB) = try instant(other)
                if (offsetA == nil) != (offsetB == nil) {
                    if symbol == "==" || symbol == "!=" { return 1 }
                    throw PyException.typeError("can't compare offset-naive and offset-aware datetimes")
                }
                return DatetimeModule.threeWay(a, b)
            }
            namespace["__hash__"] = method("__hash__", [], []) { arguments in
                PyObject(try PyObject.tuple([PyObject("datetime"), PyObject(try instant(arguments[0]).0)]).hashValue())
            }
            func shifted(_ this: PyObject, _ delta: Delta) throws -> PyObject {
                let parts = try value(this)
                var moved = try parts.adding(delta)
                moved.tzinfo = parts.tzinfo
                return DatetimeModule.instance(this.pyType, moved)
            }
            namespace["__add__"] = method("__add__", ["other"], []) { arguments in
                guard let delta = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("+", arguments[0], arguments[1]) }
                return try shifted(arguments[0], delta)
            }
            namespace["__radd__"] = method("__radd__", ["other"], []) { arguments in
                guard let delta = DatetimeModule.delta(arguments[1]) else { return try DatetimeModule.unsupported("+", arguments[1], arguments[0], reflected: true) }
                return try shifted(arguments[0], delta)
            }
            namespace["__sub__"] = method("__sub__", ["other"], []) { arguments in
                let this = arguments[0], other = arguments[1]
                if let delta = DatetimeModule.delta(other) { return try shifted(this, try delta.negated) }
                guard let theirs = DatetimeModule.payload(other, DateTimeParts.self) else { return try DatetimeModule.unsupported("-", this, other) }
                let mine = try value(this)
                if mine.tzinfo.isIdentical(to: theirs.tzinfo) {
                    return TimedeltaClass.make(classes, try Delta.from(microseconds: mine.wallMicroseconds - theirs.wallMicroseconds))
                }
                let (a, offsetA) = try instant(this), (b, offsetB) = try instant(other)
                if (offsetA == nil) != (offsetB == nil) { throw PyException.typeError("can't subtract offset-naive and offset-aware datetimes") }
                return TimedeltaClass.make(classes, try Delta.from(microseconds: a - b))
            }
        }
        classes.datetime = cls.heap as? PyClass
        try cls.setAttribute("min", DatetimeModule.instance(classes.datetime, DateTimeParts(date: DateParts(year: 1, month: 1, day: 1), clock: ClockParts(), tzinfo: .none, fold: 0)))
        try cls.setAttribute("max", DatetimeModule.instance(classes.datetime, DateTimeParts(date: DateParts(year: 9999, month: 12, day: 31),
                                                                                             clock: ClockParts(hour: 23, minute: 59, second: 59, microsecond: 999_999),
                                                                                             tzinfo: .none, fold: 0)))
        try cls.setAttribute("resolution", TimedeltaClass.make(classes, Delta(microseconds: 1)))
    }
}
