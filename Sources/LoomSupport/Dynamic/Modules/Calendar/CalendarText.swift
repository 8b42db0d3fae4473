import Foundation

/// What `strftime` reads of a value: its date (1900-01-01 for a `time`), clock, and offset and
/// zone name when aware.
struct StrftimeFields {
    var date: DateParts
    var clock: ClockParts
    var offset: Delta?
    var zoneName: String?
}

/// `strftime` in the C locale as glibc writes it, with CPython's own `%f`, `%z` and `%Z`.
enum Strftime {
    static func format(_ pattern: String, _ fields: StrftimeFields) -> String {
        var output = ""
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            guard character == "%", let directive = characters.popFirst() else {
                output.append(character)
                continue
            }
            output += expand(directive, fields)
        }
        return output
    }

    static func expand(_ directive: Character, _ fields: StrftimeFields) -> String {
        let date = fields.date, clock = fields.clock
        let pad = CalendarText.padded
        let weekday = date.weekday
        let sundayWeekday = (weekday + 1) % 7
        let hour12 = clock.hour % 12 == 0 ? 12 : clock.hour % 12
        switch directive {
        case "a": return String(CalendarMath.dayNames[weekday].prefix(3))
        case "A": return CalendarMath.dayNames[weekday]
        case "b", "h": return String(CalendarMath.monthNames[date.month - 1].prefix(3))
        case "B": return CalendarMath.monthNames[date.month - 1]
        case "c": return format("%a %b %e %H:%M:%S %Y", fields)
        case "C": return pad(date.year / 100, 2)
        case "d": return pad(date.day, 2)
        case "D": return format("%m/%d/%y", fields)
        case "e": return date.day < 10 ? " \(date.day)" : "\(date.day)"
        case "f": return pad(clock.microsecond, 6)
        case "F": return format("%Y-%m-%d", fields)
        case "G": return String(date.isoCalendar.0)
        case "g": return pad(date.isoCalendar.0 % 100, 2)
        case "H": return pad(clock.hour, 2)
        case "I": return pad(hour12, 2)
        case "j": return pad(date.dayOfYear, 3)
        case "k": return clock.hour < 10 ? " \(clock.hour)" : "\(clock.hour)"
        case "l": return hour12 < 10 ? " \(hour12)" : "\(hour12)"
        case "m": return pad(date.month, 2)
        case "M": return pad(clock.minute, 2)
        case "n": return "\n"
        case "p": return clock.hour < 12 ? "AM" : "PM"
        case "r": return format("%I:%M:%S %p", fields)
        case "R": return format("%H:%M", fields)
        case "S": return pad(clock.second, 2)
        case "t": return "\t"
        case "T", "X": return format("%H:%M:%S", fields)
        case "u": return String(weekday + 1)
        case "U": return pad((date.dayOfYear - 1 + 7 - sundayWeekday) / 7, 2)
        case "V": return pad(date.isoCalendar.1, 2)
        case "w": return String(sundayWeekday)
        case "W": return pad((date.dayOfYear - 1 + 7 - weekday) / 7, 2)
        case "x": return format("%m/%d/%y", fields)
        case "y": return pad(date.year % 100, 2)
        case "Y": return String(date.year)
        case "z": return fields.offset?.offsetText(separator: "") ?? ""
        case "Z": return fields.zoneName ?? ""
        case "%": return "%"
        default: return "%" + String(directive)
        }
    }
}

/// What `strptime` found, before the datetime is built.
struct ParsedTime {
    var year = 1900, month = 1, day = 1
    var clock = ClockParts()
    var offset: Delta?
    var zoneName: String?
}

/// `datetime.strptime`: CPython's `_strptime` regular expressions, matched case-insensitively
/// from the start, then the same resolution of years, 12-hour clocks and days of the year.
enum Strptime {
    static let patterns: [Character: String] = [
        "d": "(3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])",
        "f": "([0-9]{1,6})",
        "H": "(2[0-3]|[0-1]\\d|\\d)",
        "I": "(1[0-2]|0[1-9]|[1-9])",
        "G": "(\\d\\d\\d\\d)",
        "j": "(36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
        "m": "(1[0-2]|0[1-9]|[1-9])",
        "M": "([0-5]\\d|\\d)",
        "S": "(6[0-1]|[0-5]\\d|\\d)",
        "U": "(5[0-3]|[0-4]\\d|\\d)",
        "W": "(5[0-3]|[0-4]\\d|\\d)",
        "w": "([0-6])",
        "u": "([1-7])",
        "V": "(5[0-3]|0[1-9]|[1-4]\\d|\\d)",
        "y": "(\\d\\d)",
        "Y": "(\\d\\d\\d\\d)",
        "z": "([+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|(?-i:Z))",
        "A": "(" + longestFirst(CalendarMath.dayNames) + ")",
        "a": "(" + longestFirst(CalendarMath.dayNames.map { String($0.prefix(3)) }) + ")",
        "B": "(" + longestFirst(CalendarMath.monthNames) + ")",
        "b": "(" + longestFirst(CalendarMath.monthNames.map { String($0.prefix(3)) }) + ")",
        "p": "(am|pm)",
        "Z": "(utc|gmt)",
    ]
    static let composite: [Character: String] = ["c": "%a %b %d %H:%M:%S %Y", "x": "%m/%d/%y", "X": "%H:%M:%S"]

    static func longestFirst(_ names: [String]) -> String {
        names.map { $0.lowercased() }.sorted { $0.count > $1.count }.joined(separator: "|")
    }

    /// The regular expression for `format` and the directive each capture group stands for.
    static func pattern(_ format: String) throws -> (String, [Character]) {
        var regex = ""
        var directives: [Character] = []
        var characters = Array(format)[...]
        var pendingSpace = false
        while let character = characters.popFirst() {
            if character.isWhitespace {
                if !pendingSpace { regex += "\\s+" }
                pendingSpace = true
                continue
            }
            pendingSpace = false
            if character != "%" {
                regex += "\\.^$*+?(){}[]|".contains(character) ? "\\\(character)" : String(character)
                continue
            }
            guard let directive = characters.popFirst() else { throw PyException.valueError("stray % in format '\(format)'") }
            if let expansion = composite[directive] {
                let (inner, innerDirectives) = try pattern(expansion)
                regex += inner
                directives += innerDirectives
            } else if directive == "%" {
                regex += "%"
            } else if let piece = patterns[directive] {
                regex += piece
                directives.append(directive)
            } else {
                throw PyException.valueError("'\(directive.isWhitespace ? "%" : String(directive))' is a bad directive in format '\(format)'")
            }
        }
        return (regex, directives)
    }

    static func parse(_ text: String, _ format: String) throws -> ParsedTime {
        let (source, directives) = try pattern(format)
        let regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
        let whole = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, options: [.anchored], range: whole) else {
            throw PyException.valueError("time data \(PyObject(text).pythonRepr) does not match format \(PyObject(format).pythonRepr)")
        }
        let matchedEnd = Range(match.range, in: text)!.upperBound
        if matchedEnd != text.endIndex {
            throw PyException.valueError("unconverted data remains: \(text[matchedEnd...])")
        }
        var found: [Character: String] = [:]
        for (index, directive) in directives.enumerated() {
            if let range = Range(match.range(at: index + 1), in: text) { found[directive] = String(text[range]) }
        }
        return try resolve(found)
    }

    static func resolve(_ found: [Character: String]) throws -> ParsedTime {
        var parsed = ParsedTime()
        var year: Int?
        var weekday: Int?
        var julian: Int?
        var weekOfYear: Int?
        var weekStartsMonday = false
        // `\d` matches any decimal digit, as Python's does, so digits are read by their value.
        func number(_ key: Character) -> Int {
            (found[key] ?? "").reduce(0) { total, character in character.isWhitespace ? total : total * 10 + (character.wholeNumberValue ?? 0) }
        }
        if found["y"] != nil {
            let value = number("y")
            year = value <= 68 ? value + 2000 : value + 1900
        }
        if found["Y"] != nil { year = number("Y") }
        if found["m"] != nil { parsed.month = number("m") }
        if let name = found["B"]?.lowercased() { parsed.month = CalendarMath.monthNames.firstIndex { $0.lowercased() == name }! + 1 }
        if let name = found["b"]?.lowercased() { parsed.month = CalendarMath.monthNames.firstIndex { $0.prefix(3).lowercased() == name }! + 1 }
        if found["d"] != nil { parsed.day = number("d") }
        if found["H"] != nil { parsed.clock.hour = number("H") }
        if found["I"] != nil {
            var hour = number("I")
            if found["p"]?.lowercased() == "pm" { if hour != 12 { hour += 12 } } else if hour == 12 { hour = 0 }
            parsed.clock.hour = hour
        }
        if found["M"] != nil { parsed.clock.minute = number("M") }
        if found["S"] != nil { parsed.clock.second = number("S") }
        if let fraction = found["f"] { parsed.clock.microsecond = number("f") * [100_000, 10_000, 1000, 100, 10, 1][fraction.count - 1] }
        if let name = found["A"]?.lowercased() { weekday = CalendarMath.dayNames.firstIndex { $0.lowercased() == name } }
        if let name = found["a"]?.lowercased() { weekday = CalendarMath.dayNames.firstIndex { $0.prefix(3).lowercased() == name } }
        if found["w"] != nil { weekday = (number("w") + 6) % 7 }
        if found["u"] != nil { weekday = number("u") - 1 }
        if found["j"] != nil { julian = number("j") }
        if found["U"] != nil { weekOfYear = number("U") }
        if found["W"] != nil { weekOfYear = number("W"); weekStartsMonday = true }
        let isoYear = found["G"] != nil ? number("G") : nil
        let isoWeek = found["V"] != nil ? number("V") : nil
        if let zone = found["z"] { parsed.offset = try offset(zone) }
        if let zone = found["Z"] { parsed.zoneName = zone }

        let weekdayDirectives = "a weekday directive ('%A', '%a', '%w', or '%u')."
        if year == nil, isoYear != nil {
            if isoWeek == nil || weekday == nil {
                throw PyException.valueError("ISO year directive '%G' must be used with the ISO week directive '%V' and \(weekdayDirectives)")
            }
            if julian != nil {
                throw PyException.valueError("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.")
            }
        } else if weekOfYear == nil, isoWeek != nil {
            if weekday == nil {
                throw PyException.valueError("ISO week directive '%V' must be used with the ISO year directive '%G' and \(weekdayDirectives)")
            }
            throw PyException.valueError("ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.")
        }
        var leapYearFix = false
        if year == nil && parsed.month == 2 && parsed.day == 29 {
            year = 1904
            leapYearFix = true
        }
        var resolvedYear = year ?? 1900
        if julian == nil, let weekday, let weekOfYear {
            let firstWeekday = try DateParts.checked(resolvedYear, 1, 1).weekday
            let first = weekStartsMonday ? firstWeekday : (firstWeekday + 1) % 7
            let day = weekStartsMonday ? weekday : (weekday + 1) % 7
            let weekZeroLength = (7 - first) % 7
            var value = weekOfYear == 0 ? 1 + day - first : 1 + weekZeroLength + 7 * (weekOfYear - 1) + day
            if value <= 0 {
                resolvedYear -= 1
                value += CalendarMath.isLeap(resolvedYear) ? 366 : 365
            }
            julian = value
        } else if julian == nil, let weekday, let isoYear, let isoWeek {
            // CPython's `_calc_julian_from_V`: the day of the year from an ISO year, week and weekday.
            var ordinal = isoWeek * 7 + weekday + 1 - (try DateParts.checked(isoYear, 1, 4).weekday + 1 + 3)
            resolvedYear = isoYear
            if ordinal < 1 {
                ordinal += CalendarMath.ordinal(isoYear, 1, 1)
                resolvedYear -= 1
                ordinal -= CalendarMath.ordinal(resolvedYear, 1, 1)
            }
            julian = ordinal
        }
        if let julian {
            let date = try DateParts.fromOrdinal(julian - 1 + CalendarMath.ordinal(resolvedYear, 1, 1))
            resolvedYear = date.year
            parsed.month = date.month
            parsed.day = date.day
        } else {
            _ = try DateParts.checked(resolvedYear, parsed.month, parsed.day)
        }
        parsed.year = leapYearFix ? 1900 : resolvedYear
        return parsed
    }

    static func offset(_ zone: String) throws -> Delta {
        if zone == "Z" { return Delta() }
        var digits = Array(zone)
        if digits[3] == ":" {
            digits.remove(at: 3)
            if digits.count > 5 {
                guard digits[5] == ":" else { throw PyException.valueError("Inconsistent use of : in \(zone)") }
                digits.remove(at: 5)
            }
        }
        func value(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + ($1.wholeNumberValue ?? 0) } }
        let hours = value(1..<3), minutes = value(3..<5)
        let seconds = digits.count >= 7 ? value(5..<7) : 0
        let fractionDigits = digits.count > 8 ? digits.count - 8 : 0
        let fraction = fractionDigits == 0 ? 0 : value(8..<digits.count) * [100_000, 10_000, 1000, 100, 10, 1][fractionDigits - 1]
        let total = ((hours * 60 + minutes) * 60 + seconds) * CalendarMath.microsecondsPerSecond + fraction
        return try Delta.from(microseconds: zone.hasPrefix("-") ? -total : total)
    }
}

/// `fromisoformat` as CPython 3.11 reads it: calendar dates (`2024-01-15`, `20240115`) and week
/// dates (`2024-W03-1`), any one-character separator, times to the microsecond and offsets.
enum IsoParse {
    struct Failure: Error {}

    static func digits(_ characters: ArraySlice<Character>, _ count: Int) throws -> (Int, ArraySlice<Character>) {
        guard characters.count >= count else { throw Failure() }
        let head = characters.prefix(count)
        guard head.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw Failure() }
        return (Int(String(head))!, characters.dropFirst(count))
    }

    static func date(_ text: String) throws -> DateParts {
        let characters = Array(text)[...]
        do {
            guard [7, 8, 10].contains(characters.count) else { throw Failure() }
            let (year, rest) = try digits(characters, 4)
            var remainder = rest
            let extended = remainder.first == "-"
            if extended { remainder = remainder.dropFirst() }
            if remainder.first == "W" {
                remainder = remainder.dropFirst()
                let (week, afterWeek) = try digits(remainder, 2)
                remainder = afterWeek
                var weekday = 1
                if !remainder.isEmpty {
                    if extended { guard remainder.first == "-" else { throw Failure() }; remainder = remainder.dropFirst() }
                    (weekday, remainder) = try digits(remainder, 1)
                }
                guard remainder.isEmpty else { throw Failure() }
                return try isoCalendarDate(year, week, weekday)
            }
            let (month, afterMonth) = try digits(remainder, 2)
            remainder = afterMonth
            if extended { guard remainder.first == "-" else { throw Failure() }; remainder = remainder.dropFirst() }
            let (day, afterDay) = try digits(remainder, 2)
            guard afterDay.isEmpty else { throw Failure() }
            return try DateParts.checked(year, month, day)
        } catch is Failure {
            throw invalid(text)
        }
    }

    static func isoCalendarDate(_ year: Int, _ week: Int, _ weekday: Int) throws -> DateParts {
        guard (CalendarMath.minYear...CalendarMath.maxYear).contains(year) else { throw PyException.valueError("Year is out of range: \(year)") }
        if week <= 0 || week >= 53 {
            let firstWeekday = (CalendarMath.ordinal(year, 1, 1) + 6) % 7
            let longYear = firstWeekday == 3 || (firstWeekday == 2 && CalendarMath.isLeap(year))
            if !(week == 53 && longYear) { throw PyException.valueError("Invalid week: \(week)") }
        }
        guard (1...7).contains(weekday) else { throw PyException.valueError("Invalid weekday: \(weekday) (range is [1, 7])") }
        return try DateParts.fromOrdinal(CalendarMath.isoWeekOneMonday(year) + (week - 1) * 7 + weekday - 1)
    }

    /// `HH[:MM[:SS[.ffffff]]]` (or without colons) then an optional offset.
    static func time(_ text: String) throws -> (ClockParts, Delta?) {
        do {
            return try timeOrFailure(text)
        } catch is Failure {
            throw invalid(text)
        }
    }

    static func timeOrFailure(_ text: String) throws -> (ClockParts, Delta?) {
        let characters = Array(text)[...]
        let zoneStart = characters.firstIndex { $0 == "+" || $0 == "-" || $0 == "Z" } ?? characters.endIndex
        let clock = try clockPart(characters[..<zoneStart])
        let zone = characters[zoneStart...]
        if zone.isEmpty { return (clock, nil) }
        if zone == ["Z"] { return (clock, Delta()) }
        let negative = zone.first == "-"
        let offsetClock = try clockPart(zone.dropFirst())
        let total = offsetClock.secondsOfDay * CalendarMath.microsecondsPerSecond + offsetClock.microsecond
        return (clock, try Delta.from(microseconds: negative ? -total : total))
    }

    static func clockPart(_ characters: ArraySlice<Character>) throws -> ClockParts {
        var remainder = characters
        var values: [Int] = []
        var microsecond = 0
        let colons = remainder.count > 2 && remainder[remainder.startIndex + 2] == ":"
        while values.count < 3 {
            let (value, rest) = try digits(remainder, 2)
            values.append(value)
            remainder = rest
            if remainder.isEmpty { break }
            if remainder.first == "." || remainder.first == "," { break }
            if colons {
                guard remainder.first == ":" else { throw Failure() }
                remainder = remainder.dropFirst()
            }
        }
        if let mark = remainder.first, mark == "." || mark == "," {
            guard values.count == 3 else { throw Failure() }
            let fraction = remainder.dropFirst()
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw Failure() }
            let kept = String(fraction.prefix(6))
            microsecond = Int(kept + String(repeating: "0", count: 6 - kept.count))!
            remainder = []
        }
        guard remainder.isEmpty, !values.isEmpty else { throw Failure() }
        while values.count < 3 { values.append(0) }
        return try ClockParts.checked(values[0], values[1], values[2], microsecond)
    }

    /// Where the date ends in a datetime string: 10 or 8 characters for calendar dates, 7 to 10
    /// for week dates.
    static func dateLength(_ characters: [Character]) -> Int {
        guard characters.count > 4 else { return characters.count }
        if characters[4] == "-" {
            if characters.count > 5 && characters[5] == "W" { return characters.count > 8 && characters[8] == "-" ? 10 : 8 }
            return 10
        }
        if characters[4] == "W" { return characters.count > 7 && characters[7].isNumber ? 8 : 7 }
        return 8
    }

    static func datetime(_ text: String) throws -> (DateParts, ClockParts, Delta?) {
        let characters = Array(text)
        let length = min(dateLength(characters), characters.count)
        let date = try IsoParse.date(String(characters[..<length]))
        if characters.count == length { return (date, ClockParts(), nil) }
        guard characters.count > length + 1 else { throw invalid(text) }
        do {
            let (clock, offset) = try timeOrFailure(String(characters[(length + 1)...]))
            return (date, clock, offset)
        } catch is Failure {
            throw invalid(text)
        }
    }

    static func invalid(_ text: String) -> PyException {
        PyException.valueError("Invalid isoformat string: \(PyObject(text).pythonRepr)")
    }
}
