#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// `time` for dynamic code. Sleeps and clock readings are the static library's (`sleep`,
/// `perfCounter`, `time`), so a dynamic cell's sleeps are traced and time-scaled exactly as a
/// static cell's; CPU clocks are not scaled (a sleep uses no CPU at any scale).
func makeTimeModule() throws -> PyObject {
    let structTime = try makeStructTimeClass()

    func structTimeValue(_ broken: tm, zoneFallback: String) throws -> PyObject {
        var copy = broken
        let zone = copy.tm_zone.map { String(cString: $0) } ?? zoneFallback
        let fields: [PyObject] = [
            PyObject(Int(copy.tm_year) + 1900), PyObject(Int(copy.tm_mon) + 1), PyObject(Int(copy.tm_mday)),
            PyObject(Int(copy.tm_hour)), PyObject(Int(copy.tm_min)), PyObject(Int(copy.tm_sec)),
            PyObject((Int(copy.tm_wday) + 6) % 7), PyObject(Int(copy.tm_yday) + 1), PyObject(Int(copy.tm_isdst)),
            PyObject(zone), PyObject(copy.tm_gmtoff),
        ]
        _ = withUnsafeMutablePointer(to: &copy) { $0 }
        return try structTime(.tuple(fields))
    }

    func wholeSeconds(_ value: PyObject) throws -> time_t {
        let seconds = value.isNone ? time() : try value.toDouble()
        guard seconds.isFinite else { throw pythonError(Py.ValueError, "Invalid value NaN (not a number)") }
        return time_t(seconds.rounded(.down))
    }

    func localTime(_ value: PyObject) throws -> PyObject {
        var stamp = try wholeSeconds(value)
        var broken = tm()
        guard localtime_r(&stamp, &broken) != nil else { throw pythonError(Py.OverflowError, "timestamp out of range for platform time_t") }
        return try structTimeValue(broken, zoneFallback: "")
    }

    func universalTime(_ value: PyObject) throws -> PyObject {
        var stamp = try wholeSeconds(value)
        var broken = tm()
        guard gmtime_r(&stamp, &broken) != nil else { throw pythonError(Py.OverflowError, "timestamp out of range for platform time_t") }
        return try structTimeValue(broken, zoneFallback: "UTC")
    }

    /// A `struct_time` or 9-tuple as C's `tm`.
    func brokenDown(_ value: PyObject, function: String) throws -> tm {
        let items = try value.unpackedArguments()
        guard items.count >= 9 else {
            throw pythonError(Py.TypeError, "\(function)(): illegal time tuple argument")
        }
        let numbers = try items.prefix(9).map { try $0.toInt() }
        var broken = tm()
        broken.tm_year = Int32(numbers[0] - 1900)
        broken.tm_mon = Int32(numbers[1] - 1)
        broken.tm_mday = Int32(numbers[2])
        broken.tm_hour = Int32(numbers[3])
        broken.tm_min = Int32(numbers[4])
        broken.tm_sec = Int32(numbers[5])
        broken.tm_wday = Int32((numbers[6] + 1) % 7)
        broken.tm_yday = Int32(numbers[7] - 1)
        broken.tm_isdst = Int32(numbers[8])
        guard (1...12).contains(numbers[1]) else { throw pythonError(Py.ValueError, "month out of range") }
        guard (1...31).contains(numbers[2]) else { throw pythonError(Py.ValueError, "day of month out of range") }
        guard (0...23).contains(numbers[3]) else { throw pythonError(Py.ValueError, "hour out of range") }
        guard (0...59).contains(numbers[4]) else { throw pythonError(Py.ValueError, "minute out of range") }
        guard (0...61).contains(numbers[5]) else { throw pythonError(Py.ValueError, "seconds out of range") }
        return broken
    }

    func asciiTime(_ broken: tm) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = broken.tm_mday < 10 ? " \(broken.tm_mday)" : "\(broken.tm_mday)"
        return "\(days[Int(broken.tm_wday) % 7]) \(months[Int(broken.tm_mon) % 12]) \(day) "
            + "\(two(broken.tm_hour)):\(two(broken.tm_min)):\(two(broken.tm_sec)) \(Int(broken.tm_year) + 1900)"
    }

    func formatTime(_ format: String, _ broken: tm) -> String {
        guard !format.isEmpty else { return "" }
        var broken = broken
        var capacity = 256
        while capacity <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: capacity)
            let length = strftime(&buffer, capacity, format, &broken)
            if length > 0 { return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            capacity *= 4
        }
        return ""
    }

    func cpuSeconds(_ clock: clockid_t) -> (Double, Int) {
        var spec = timespec()
        clock_gettime(clock, &spec)
        let nanos = Int(spec.tv_sec) * 1_000_000_000 + Int(spec.tv_nsec)
        return (Double(nanos) / 1e9, nanos)
    }

    func scaledNanos() -> PyObject {
        PyObject(Int(Double(MonotonicClock.nowNanos()) / RunSettings.current.timeScale))
    }

    tzset()
    let zoneNames: [PyObject] = withUnsafePointer(to: &tzname) { pointer in
        pointer.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: 2) { names in
            (0..<2).map { PyObject(names[$0].map { String(cString: $0) } ?? "") }
        }
    }

    return PyObject.module("time", [
        ("sleep", moduleFunction("sleep", ["secs"]) { arguments in
            let value = arguments[0]
            guard let duration = try? value.toDouble() else {
                throw pythonError(Py.TypeError, "'\(try Py.type(value).attribute("__name__").toString())' object cannot be interpreted as an integer")
            }
            if duration.isNaN { throw pythonError(Py.ValueError, "Invalid value NaN (not a number)") }
            if duration < 0 { throw pythonError(Py.ValueError, "sleep length must be non-negative") }
            sleep(duration)
            return .none
        }),
        ("time", moduleFunction("time") { _ in PyObject(time()) }),
        ("time_ns", moduleFunction("time_ns") { _ in PyObject(Int(time() * 1e9)) }),
        ("perf_counter", moduleFunction("perf_counter") { _ in PyObject(perfCounter()) }),
        ("perf_counter_ns", moduleFunction("perf_counter_ns") { _ in scaledNanos() }),
        ("monotonic", moduleFunction("monotonic") { _ in PyObject(monotonic()) }),
        ("monotonic_ns", moduleFunction("monotonic_ns") { _ in scaledNanos() }),
        ("process_time", moduleFunction("process_time") { _ in PyObject(cpuSeconds(CLOCK_PROCESS_CPUTIME_ID).0) }),
        ("process_time_ns", moduleFunction("process_time_ns") { _ in PyObject(cpuSeconds(CLOCK_PROCESS_CPUTIME_ID).1) }),
        ("thread_time", moduleFunction("thread_time") { _ in PyObject(cpuSeconds(CLOCK_THREAD_CPUTIME_ID).0) }),
        ("thread_time_ns", moduleFunction("thread_time_ns") { _ in PyObject(cpuSeconds(CLOCK_THREAD_CPUTIME_ID).1) }),
        ("localtime", moduleFunction("localtime", ["secs"], defaults: [.none]) { arguments in try localTime(arguments[0]) }),
        ("gmtime", moduleFunction("gmtime", ["secs"], defaults: [.none]) { arguments in try universalTime(arguments[0]) }),
        ("mktime", moduleFunction("mktime", ["t"]) { arguments in
            var broken = try brokenDown(arguments[0], function: "mktime")
            let stamp = mktime(&broken)
            if stamp == -1 { throw pythonError(Py.OverflowError, "mktime argument out of range") }
            return PyObject(Double(stamp))
        }),
        ("asctime", moduleFunction("asctime", ["t"], defaults: [.none]) { arguments in
            let value = arguments[0].isNone ? try localTime(.none) : arguments[0]
            return PyObject(asciiTime(try brokenDown(value, function: "asctime")))
        }),
        ("ctime", moduleFunction("ctime", ["secs"], defaults: [.none]) { arguments in
            PyObject(asciiTime(try brokenDown(try localTime(arguments[0]), function: "ctime")))
        }),
        ("strftime", moduleFunction("strftime", ["format", "t"], defaults: [.none]) { arguments in
            let format = try arguments[0].toString()
            let value = arguments[1].isNone ? try localTime(.none) : arguments[1]
            return PyObject(formatTime(format, try brokenDown(value, function: "strftime")))
        }),
        ("struct_time", structTime),
        ("timezone", PyObject(Int(timezone))),
        ("altzone", PyObject(Int(timezone) - (daylight != 0 ? 3600 : 0))),
        ("daylight", PyObject(Int(daylight))),
        ("tzname", .tuple(zoneNames)),
    ])
}

/// `time.struct_time`: a 9-field named sequence with `tm_zone` and `tm_gmtoff` besides.
private func makeStructTimeClass() throws -> PyObject {
    let names = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"]
    return try moduleClass("struct_time", module: "time") { namespace in
        namespace["n_sequence_fields"] = 9
        namespace["n_fields"] = 11
        namespace["__init__"] = method("__init__", ["sequence"]) { arguments in
            let this = arguments[0]
            let items = try arguments[1].unpackedArguments()
            guard (9...11).contains(items.count) else {
                throw pythonError(Py.TypeError, "time.struct_time() takes an at least 9-sequence (\(items.count)-sequence given)")
            }
            try this.setAttribute("_fields", .tuple(Array(items.prefix(9))))
            for (index, name) in names.enumerated() { try this.setAttribute(name, items[index]) }
            try this.setAttribute("tm_zone", items.count > 9 ? items[9] : .none)
            try this.setAttribute("tm_gmtoff", items.count > 10 ? items[10] : .none)
            return .none
        }
        namespace["__repr__"] = method("__repr__") { arguments in
            let fields = try arguments[0].attribute("_fields").unpackedArguments()
            let parts = try zip(names, fields).map { name, value in "\(name)=\(try value.repr())" }
            return PyObject("time.struct_time(" + parts.joined(separator: ", ") + ")")
        }
        namespace["__str__"] = namespace["__repr__"]
        namespace["__len__"] = method("__len__") { _ in 9 }
        namespace["__getitem__"] = method("__getitem__", ["key"]) { arguments in
            try arguments[0].attribute("_fields").item(arguments[1])
        }
        namespace["__iter__"] = method("__iter__") { arguments in try Py.iter(arguments[0].attribute("_fields")) }
        namespace["__eq__"] = method("__eq__", ["other"]) { arguments in
            let fields = try arguments[0].attribute("_fields")
            let other = arguments[1]
            if let otherFields = try? other.attribute("_fields") { return PyObject(try fields == otherFields) }
            return try fields.compare(.equal, other)
        }
        namespace["__hash__"] = method("__hash__") { arguments in PyObject(try arguments[0].attribute("_fields").hashValue()) }
    }
}
