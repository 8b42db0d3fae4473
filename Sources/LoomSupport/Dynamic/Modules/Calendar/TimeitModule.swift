import Foundation

/// `timeit` over callables: `timeit`, `repeat`, `default_timer` and `Timer` with `timeit`,
/// `repeat` and `autorange`, measuring on `time.perf_counter` (time-scaled as every clock in a
/// run is). A string statement would have to be compiled with `exec`, so it is refused by name;
/// `'pass'`, the default, is the empty statement and times nothing.
enum TimeitModule {
    static let name = "timeit"
    static let defaultNumber = 1_000_000
    static let defaultRepeat = 5

    struct Job {
        var statement: PyObject?
        var setup: PyObject?
        var timer: PyObject
    }

    /// A callable, nil for the empty statement, or the refusal of any other string.
    static func callable(_ value: PyObject, _ role: String) throws -> PyObject? {
        if value.isStr {
            if try value.toString().trimmingCharacters(in: .whitespacesAndNewlines) == "pass" { return nil }
            throw OutsideSurface.error("timeit.Timer", "with a string \(role) compiles it with exec")
        }
        guard try Py.callable(value).truthy() else { throw PyException.valueError("\(role) is neither a string nor callable") }
        return value
    }

    static func job(_ statement: PyObject, _ setup: PyObject, _ timer: PyObject, _ globals: PyObject) throws -> Job {
        Job(statement: try callable(statement, "stmt"), setup: try callable(setup, "setup"), timer: timer)
    }

    static func run(_ job: Job, _ number: Int) throws -> PyObject {
        if let setup = job.setup { try setup() }
        let start = try job.timer()
        if let statement = job.statement {
            for _ in 0..<max(0, number) { try statement() }
        } else {
            for _ in 0..<max(0, number) {}
        }
        let end = try job.timer()
        return try end - start
    }

    static func repeated(_ job: Job, _ count: Int, _ number: Int) throws -> PyObject {
        .list(try (0..<max(0, count)).map { _ in try run(job, number) })
    }

    static func autorange(_ job: Job, _ callback: PyObject) throws -> PyObject {
        var scale = 1
        while true {
            for step in [1, 2, 5] {
                let number = scale * step
                let taken = try run(job, number)
                if !callback.isNone { try callback(PyObject(number), taken) }
                if try taken >= 0.2 { return .tuple([PyObject(number), taken]) }
            }
            scale *= 10
        }
    }

    static func build() throws -> PyObject {
        let timer = PyObject.moduleFunction("time", "perf_counter", PySignature()) { _ in PyObject(perfCounter()) }
        let timerClass = try PyObject.makeClass("Timer") { namespace in
            namespace["__module__"] = PyObject(name)
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self", "stmt", "setup", "timer", "globals"],
                                                                              defaults: ["pass", "pass", timer, .none])) { arguments in
                arguments[0].setNativePayload(try job(arguments[1], arguments[2], arguments[3], arguments[4]))
                return .none
            }
            namespace["timeit"] = PyObject.function("timeit", PySignature(["self", "number"], defaults: [PyObject(defaultNumber)])) { arguments in
                try run(try arguments[0].nativePayload(as: Job.self), try arguments[1].intArgument("timeit"))
            }
            namespace["repeat"] = PyObject.function("repeat", PySignature(["self", "repeat", "number"],
                                                                          defaults: [PyObject(defaultRepeat), PyObject(defaultNumber)])) { arguments in
                try repeated(try arguments[0].nativePayload(as: Job.self), try arguments[1].intArgument("repeat"), try arguments[2].intArgument("repeat"))
            }
            namespace["autorange"] = PyObject.function("autorange", PySignature(["self", "callback"], defaults: [.none])) { arguments in
                try autorange(try arguments[0].nativePayload(as: Job.self), arguments[1])
            }
        }
        return buildModule(name, [
            ("default_timer", timer),
            ("default_number", PyObject(defaultNumber)),
            ("default_repeat", PyObject(defaultRepeat)),
            ("Timer", timerClass),
            ("timeit", PyObject.moduleFunction(name, "timeit", PySignature(["stmt", "setup", "timer", "number", "globals"],
                                                                          defaults: ["pass", "pass", timer, PyObject(defaultNumber), .none])) { arguments in
                try run(try job(arguments[0], arguments[1], arguments[2], arguments[4]), try arguments[3].intArgument("timeit"))
            }),
            ("repeat", PyObject.moduleFunction(name, "repeat", PySignature(["stmt", "setup", "timer", "repeat", "number", "globals"],
                                                                          defaults: ["pass", "pass", timer, PyObject(defaultRepeat), PyObject(defaultNumber), .none])) { arguments in
                try repeated(try job(arguments[0], arguments[1], arguments[2], arguments[5]), try arguments[3].intArgument("repeat"),
                             try arguments[4].intArgument("repeat"))
            }),
        ])
    }
}
