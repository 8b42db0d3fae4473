/// The values `datetime`'s classes carry, and the proleptic Gregorian arithmetic CPython's
/// `_datetimemodule.c` does on them (ordinals count days from 0001-01-01 as day 1).
enum CalendarMath {
    static let minYear = 1
    static let maxYear = 9999
    static let maxOrdinal = 3_652_059
    static let maxDeltaDays = 999_999_999
    static let microsecondsPerSecond = 1_000_000
    static let secondsPerDay = 86_400

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        month == 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    static func daysBeforeYear(_ year: Int) -> Int {
        let y = year - 1
        return y * 365 + y / 4 - y / 100 + y / 400
    }

    static func daysBeforeMonth(_ year: Int, _ month: Int) -> Int {
        var total = 0
        for earlier in stride(from: 1, to: month, by: 1) { total += daysInMonth(year, earlier) }
        return total
    }

    static func ordinal(_ year: Int, _ month: Int, _ day: Int) -> Int {
        daysBeforeYear(year) + daysBeforeMonth(year, month) + day
    }

    /// CPython's `ord_to_ymd`: 400-, 100-, 4- and 1-year cycles.
    static func date(fromOrdinal ordinal: Int) -> DateParts {
        var n = ordinal - 1
        let n400 = n / 146_097; n %= 146_097
        var year = n400 * 400 + 1
        let n100 = n / 36_524; n %= 36_524
        let n4 = n / 1_461; n %= 1_461
        let n1 = n / 365; n %= 365
        year += n100 * 100 + n4 * 4 + n1
        if n1 == 4 || n100 == 4 { return DateParts(year: year - 1, month: 12, day: 31) }
        var month = 1
        while n >= daysInMonth(year, month) { n -= daysInMonth(year, month); month += 1 }
        return DateParts(year: year, month: month, day: n + 1)
    }

    /// The Monday starting ISO week 1 of `year`.
    static func isoWeekOneMonday(_ year: Int) -> Int {
        let firstDay = ordinal(year, 1, 1)
        let weekday = (firstDay + 6) % 7
        var monday = firstDay - weekday
        if weekday > 3 { monday += 7 }
        return monday
    }

    static func floorDivMod(_ a: Int, _ b: Int) -> (Int, Int) {
        let quotient = a / b, remainder = a % b
        return remainder != 0 && (remainder < 0) != (b < 0) ? (quotient - 1, remainder + b) : (quotient, remainder)
    }

    static func outOfRange() -> PyException { PyException.overflow("date value out of range") }
}

struct DateParts: Hashable {
    var year: Int, month: Int, day: Int

    var ordinal: Int { CalendarMath.ordinal(year, month, day) }
    var weekday: Int { (ordinal + 6) % 7 }
    var dayOfYear: Int { CalendarMath.daysBeforeMonth(year, month) + day }

    static func checked(_ year: Int, _ month: Int, _ day: Int) throws -> DateParts {
        guard (CalendarMath.minYear...CalendarMath.maxYear).contains(year) else { throw PyException.valueError("year \(year) is out of range") }
        guard (1...12).contains(month) else { throw PyException.valueError("month must be in 1..12") }
        guard day >= 1 && day <= CalendarMath.daysInMonth(year, month) else { throw PyException.valueError("day is out of range for month") }
        return DateParts(year: year, month: month, day: day)
    }

    static func fromOrdinal(_ ordinal: Int) throws -> DateParts {
        guard (1...CalendarMath.maxOrdinal).contains(ordinal) else { throw CalendarMath.outOfRange() }
        return CalendarMath.date(fromOrdinal: ordinal)
    }

    /// (ISO year, ISO week, ISO weekday).
    var isoCalendar: (Int, Int, Int) {
        var isoYear = year
        var weekOneMonday = CalendarMath.isoWeekOneMonday(isoYear)
        let today = ordinal
        var (week, day) = CalendarMath.floorDivMod(today - weekOneMonday, 7)
        if week < 0 {
            isoYear -= 1
            weekOneMonday = CalendarMath.isoWeekOneMonday(isoYear)
            (week, day) = CalendarMath.floorDivMod(today - weekOneMonday, 7)
        } else if week >= 52 && today >= CalendarMath.isoWeekOneMonday(isoYear + 1) {
            isoYear += 1
            week = 0
        }
        return (isoYear, week + 1, day + 1)
    }

    var isoFormat: String { "\(CalendarText.padded(year, 4))-\(CalendarText.padded(month, 2))-\(CalendarText.padded(day, 2))" }
}

/// A time of day without its zone.
struct ClockParts: Hashable {
    var hour = 0, minute = 0, second = 0, microsecond = 0

    static func checked(_ hour: Int, _ minute: Int, _ second: Int, _ microsecond: Int) throws -> ClockParts {
        guard (0...23).contains(hour) else { throw PyException.valueError("hour must be in 0..23") }
        guard (0...59).contains(minute) else { throw PyException.valueError("minute must be in 0..59") }
        guard (0...59).contains(second) else { throw PyException.valueError("second must be in 0..59") }
        guard (0...999_999).contains(microsecond) else { throw PyException.valueError("microsecond must be in 0..999999") }
        return ClockParts(hour: hour, minute: minute, second: second, microsecond: microsecond)
    }

    var secondsOfDay: Int { hour * 3600 + minute * 60 + second }

    /// `isoformat(timespec=…)`'s time part.
    func isoFormat(_ timespec: String) throws -> String {
        let hh = CalendarText.padded(hour, 2), mm = CalendarText.padded(minute, 2), ss = CalendarText.padded(second, 2)
        switch timespec {
        case "auto": return microsecond == 0 ? "\(hh):\(mm):\(ss)" : "\(hh):\(mm):\(ss).\(CalendarText.padded(microsecond, 6))"
        case "hours": return hh
        case "minutes": return "\(hh):\(mm)"
        case "seconds": return "\(hh):\(mm):\(ss)"
        case "milliseconds": return "\(hh):\(mm):\(ss).\(CalendarText.padded(microsecond / 1000, 3))"
        case "microseconds": return "\(hh):\(mm):\(ss).\(CalendarText.padded(microsecond, 6))"
        default: throw PyException.valueError("Unknown timespec value")
        }
    }
}

/// A `timedelta`, normalised as CPython's: 0 <= seconds < 86400, 0 <= microseconds < 10**6.
struct Delta: Hashable, Comparable {
    var days = 0, seconds = 0, microseconds = 0

    static func < (a: Delta, b: Delta) -> Bool {
        (a.days, a.seconds, a.microseconds) < (b.days, b.seconds, b.microseconds)
    }

    /// From a count of microseconds that may exceed 64 bits, with CPython's range check.
    static func from(microseconds total: PyObject) throws -> Delta {
        let (seconds, microseconds) = try divmod(total, PyObject(CalendarMath.microsecondsPerSecond))
        let (days, daySeconds) = try divmod(seconds, PyObject(CalendarMath.secondsPerDay))
        guard case .int(let dayCount) = days.storage, abs(dayCount) <= CalendarMath.maxDeltaDays else {
            throw PyException.overflow("days=\(try days.repr()); must have magnitude <= \(CalendarMath.maxDeltaDays)")
        }
        return Delta(days: dayCount, seconds: try daySeconds.toInt(), microseconds: try microseconds.toInt())
    }

    static func from(microseconds total: Int) throws -> Delta { try from(microseconds: PyObject(total)) }

    static func divmod(_ a: PyObject, _ b: PyObject) throws -> (PyObject, PyObject) {
        (try a.floorDivide(b), try a % b)
    }

    /// Total microseconds, as an int of any size.
    var totalMicroseconds: PyObject {
        get throws {
            let perDay = PyObject(CalendarMath.secondsPerDay * CalendarMath.microsecondsPerSecond)
            return try PyObject(days) * perDay + PyObject(seconds * CalendarMath.microsecondsPerSecond + microseconds)
        }
    }

    /// Small enough (any offset, any datetime difference) to count in an Int.
    var smallMicroseconds: Int { (days * CalendarMath.secondsPerDay + seconds) * CalendarMath.microsecondsPerSecond + microseconds }

    var isZero: Bool { days == 0 && seconds == 0 && microseconds == 0 }
    var negated: Delta { get throws { try Delta.from(microseconds: try PyObject(0) - totalMicroseconds) } }

    var repr: String {
        var fields: [String] = []
        if days != 0 { fields.append("days=\(days)") }
        if seconds != 0 { fields.append("seconds=\(seconds)") }
        if microseconds != 0 { fields.append("microseconds=\(microseconds)") }
        return "datetime.timedelta(\(fields.isEmpty ? "0" : fields.joined(separator: ", ")))"
    }

    var str: String {
        let clock = "\(seconds / 3600):\(CalendarText.padded(seconds / 60 % 60, 2)):\(CalendarText.padded(seconds % 60, 2))"
            + (microseconds != 0 ? ".\(CalendarText.padded(microseconds, 6))" : "")
        if days == 0 { return clock }
        return "\(days) day\(abs(days) == 1 ? "" : "s"), \(clock)"
    }

    /// `+HH:MM[:SS[.ffffff]]` as `isoformat` and `%z` write an offset (`separator` "" for `%z`).
    func offsetText(separator: String) -> String {
        var value = self
        var sign = "+"
        if days < 0 {
            sign = "-"
            value = (try? negated) ?? value
        }
        let hours = value.seconds / 3600, minutes = value.seconds / 60 % 60, seconds = value.seconds % 60
        var text = "\(sign)\(CalendarText.padded(hours, 2))\(separator)\(CalendarText.padded(minutes, 2))"
        if seconds != 0 || value.microseconds != 0 { text += "\(separator)\(CalendarText.padded(seconds, 2))" }
        if value.microseconds != 0 { text += ".\(CalendarText.padded(value.microseconds, 6))" }
        return text
    }
}

/// A `timezone`: a fixed offset and an optional name.
struct FixedZone {
    var offset: Delta
    var name: String?

    var tzname: String {
        if let name { return name }
        if offset.isZero { return "UTC" }
        return "UTC" + offset.offsetText(separator: ":")
    }
}

/// A `time`'s or `datetime`'s clock with its zone and fold.
struct ZonedClock {
    var clock: ClockParts
    var tzinfo: PyObject
    var fold: Int
}

/// A `datetime`'s whole value.
struct DateTimeParts {
    var date: DateParts
    var clock: ClockParts
    var tzinfo: PyObject
    var fold: Int

    /// Microseconds since 0001-01-01T00:00 on its own wall clock.
    var wallMicroseconds: Int {
        ((date.ordinal - 1) * CalendarMath.secondsPerDay + clock.secondsOfDay) * CalendarMath.microsecondsPerSecond + clock.microsecond
    }

    static func fromWall(_ microseconds: Int, tzinfo: PyObject, fold: Int = 0) throws -> DateTimeParts {
        let (seconds, microsecond) = CalendarMath.floorDivMod(microseconds, CalendarMath.microsecondsPerSecond)
        let (days, secondsOfDay) = CalendarMath.floorDivMod(seconds, CalendarMath.secondsPerDay)
        let date = try DateParts.fromOrdinal(days + 1)
        let clock = ClockParts(hour: secondsOfDay / 3600, minute: secondsOfDay / 60 % 60, second: secondsOfDay % 60, microsecond: microsecond)
        return DateTimeParts(date: date, clock: clock, tzinfo: tzinfo, fold: fold)
    }

    /// Adds a delta, with CPython's "date value out of range" past either end.
    func adding(_ delta: Delta) throws -> DateTimeParts {
        // A delta can span far more days than the calendar; rule those out before counting microseconds.
        let days = date.ordinal + delta.days
        guard days >= 0 && days <= CalendarMath.maxOrdinal + 1 else { throw CalendarMath.outOfRange() }
        let total = wallMicroseconds + delta.smallMicroseconds
        return try DateTimeParts.fromWall(total, tzinfo: tzinfo)
    }
}

enum CalendarText {
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let body = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + body : body
    }
}
