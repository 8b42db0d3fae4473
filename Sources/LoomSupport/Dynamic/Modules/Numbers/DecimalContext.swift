import Foundation

/// The nine signals of `decimal`, in the order CPython's flag and trap dicts list them.
enum DecimalSignal: Int, CaseIterable, Sendable {
    case invalidOperation, floatOperation, divisionByZero, overflow, underflow, subnormal, inexact, rounded, clamped

    var className: String {
        switch self {
        case .invalidOperation: "InvalidOperation"
        case .floatOperation: "FloatOperation"
        case .divisionByZero: "DivisionByZero"
        case .overflow: "Overflow"
        case .underflow: "Underflow"
        case .subnormal: "Subnormal"
        case .inexact: "Inexact"
        case .rounded: "Rounded"
        case .clamped: "Clamped"
        }
    }

    /// libmpdec's bit for the signal, the order a context's repr lists flags and traps in.
    var bit: Int {
        switch self {
        case .clamped: 0
        case .invalidOperation: 1
        case .divisionByZero: 2
        case .inexact: 6
        case .floatOperation: 10
        case .overflow: 11
        case .rounded: 12
        case .subnormal: 13
        case .underflow: 14
        }
    }

    static let invalidRanks = ["ConversionSyntax": 1, "DivisionImpossible": 3, "DivisionUndefined": 4, "InvalidContext": 7, "InvalidOperation": 8]

    /// The conditions, and the class named in a trapped exception's list, that raise this signal.
    var conditions: [(DecimalConditions, String)] {
        switch self {
        case .invalidOperation:
            [(.invalidOperation, "InvalidOperation"), (.conversionSyntax, "ConversionSyntax"), (.divisionImpossible, "DivisionImpossible"),
             (.divisionUndefined, "DivisionUndefined"), (.invalidContext, "InvalidContext")]
        case .floatOperation: [(.floatOperation, "FloatOperation")]
        case .divisionByZero: [(.divisionByZero, "DivisionByZero")]
        case .overflow: [(.overflow, "Overflow")]
        case .underflow: [(.underflow, "Underflow")]
        case .subnormal: [(.subnormal, "Subnormal")]
        case .inexact: [(.inexact, "Inexact")]
        case .rounded: [(.rounded, "Rounded")]
        case .clamped: [(.clamped, "Clamped")]
        }
    }
}

/// A `decimal.Context`: mutable, shared by every name that holds it, as CPython's is.
final class DecimalContextState: @unchecked Sendable {
    var settings: DecimalSettings
    var flags: Set<DecimalSignal>
    var traps: Set<DecimalSignal>
    /// Where InvalidOperation sits in the flags' repr: the lowest of libmpdec's condition bits that
    /// raised it (1 conversion syntax … 8 invalid operation); 1 when set from Python.
    var invalidRank = 1

    init(settings: DecimalSettings = DecimalSettings(), flags: Set<DecimalSignal> = [],
         traps: Set<DecimalSignal> = [.invalidOperation, .divisionByZero, .overflow]) {
        self.settings = settings
        self.flags = flags
        self.traps = traps
    }

    func copy() -> DecimalContextState {
        let copy = DecimalContextState(settings: settings, flags: flags, traps: traps)
        copy.invalidRank = invalidRank
        return copy
    }

    /// Records what an operation met and raises the first trapped signal, naming the trapped
    /// conditions as CPython's message does: `[<class 'decimal.DivisionUndefined'>]`.
    func signal(_ conditions: DecimalConditions) throws {
        if conditions.isEmpty { return }
        var raised: DecimalSignal?
        var named: [PyObject] = []
        for signal in DecimalSignal.allCases {
            let met = signal.conditions.filter { conditions.contains($0.0) }
            if met.isEmpty { continue }
            if signal == .invalidOperation {
                let rank = met.map { DecimalSignal.invalidRanks[$0.1] ?? 8 }.min() ?? 8
                invalidRank = flags.contains(.invalidOperation) ? min(invalidRank, rank) : rank
            }
            flags.insert(signal)
            if traps.contains(signal) {
                if raised == nil { raised = signal }
                named += met.map { PyObject(DecimalModule.classes.signal($0.1)) }
            }
        }
        if let raised {
            throw PyException.make(DecimalModule.classes.signal(raised.className), [.list(named)])
        }
    }

    var repr: String {
        let s = settings
        func names(_ set: Set<DecimalSignal>, invalidRank: Int) -> String {
            set.map { ($0 == .invalidOperation ? invalidRank : $0.bit, $0.className) }.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ", ")
        }
        return "Context(prec=\(s.precision), rounding=\(s.rounding.rawValue), Emin=\(s.emin), Emax=\(s.emax), capitals=\(s.capitals), "
            + "clamp=\(s.clamp), flags=[\(names(flags, invalidRank: invalidRank))], traps=[\(names(traps, invalidRank: 1))])"
    }
}

/// `Context`, `getcontext`/`setcontext`/`localcontext`, and the flag and trap dicts.
enum DecimalContexts {
    /// The current context. Loom runs a note's cells on more than one thread, and a note expects
    /// `getcontext().prec = 6` in one cell to hold in the next, so there is one for the program.
    nonisolated(unsafe) static var current: PyObject = .none
    static let lock = NSRecursiveLock()

    static func state(_ object: PyObject) throws -> DecimalContextState {
        try NumbersKit.payload(object, DecimalContextState.self, orRaise: "argument must be a context")
    }

    static func currentObject() -> PyObject {
        lock.lock()
        defer { lock.unlock() }
        if current.isNone { current = make(DecimalContextState()) }
        return current
    }

    static func currentState() -> DecimalContextState {
        // The current object is always made by `make`, so its payload is a context.
        NumbersKit.payload(currentObject(), DecimalContextState.self) ?? DecimalContextState()
    }

    /// A `context=` argument, or the current context when it is None.
    static func chosen(_ argument: PyObject) throws -> DecimalContextState {
        argument.isNone ? currentState() : try state(argument)
    }

    static func make(_ state: DecimalContextState) -> PyObject {
        NumbersKit.instance(of: DecimalModule.classes.context, carrying: state)
    }

    static func rounding(_ value: PyObject) throws -> DecimalRounding {
        if value.isStr, let mode = DecimalRounding(rawValue: try value.toString()) { return mode }
        throw PyException.typeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")
    }

    static func signals(_ value: PyObject) throws -> Set<DecimalSignal> {
        var result: Set<DecimalSignal> = []
        if value.isNone { return result }
        if let dict = value.heap as? PyDictStorage {
            for key in try PyObject(dict).collect() where try PyObject(dict).item(key).truthy() { result.insert(try signal(of: key)) }
            return result
        }
        for item in try value.collect() { result.insert(try signal(of: item)) }
        return result
    }

    static func signal(of value: PyObject) throws -> DecimalSignal {
        if let cls = value.heap as? PyClass, let signal = DecimalSignal.allCases.first(where: { DecimalModule.classes.signal($0.className) === cls }) {
            return signal
        }
        throw PyException.make(PyClass.keyError, [PyObject("invalid signal dict")])
    }

    static func property(_ name: String, get: @escaping (DecimalContextState) -> PyObject,
                         set: @escaping (DecimalContextState, PyObject) throws -> Void) -> PyObject {
        PyObject(PyProperty(getter: NumbersKit.method(name) { arguments in get(try state(arguments[0])) },
                            setter: NumbersKit.method(name, ["value"]) { arguments in try set(try state(arguments[0]), arguments[1]); return .none },
                            deleter: .none, doc: .none))
    }

    static func integer(_ value: PyObject, _ range: ClosedRange<Int>, _ message: String) throws -> Int {
        guard case .int(let number) = value.builtinValue.storage else {
            if case .big = value.builtinValue.storage { throw PyException.valueError(message) }
            throw PyException.typeError("an integer is required")
        }
        guard range.contains(number) else { throw PyException.valueError(message) }
        return number
    }

    static func buildContextClass() throws -> PyClass {
        let maxPrecision = 999_999_999_999_999_999
        let cls = try PyObject.makeClass("Context") { namespace in
            namespace["__module__"] = PyObject(DecimalModule.name)
            namespace["__new__"] = PyObject.function("__new__", PySignature(["cls", "prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"],
                                                                            defaults: Array(repeating: PyObject.none, count: 8))) { arguments in
                let state = DecimalContextState()
                let object = NumbersKit.instance(of: try NumbersKit.classOf(arguments[0]), carrying: state)
                for (index, name) in ["prec", "rounding", "Emin", "Emax", "capitals", "clamp"].enumerated() where !arguments[index + 1].isNone {
                    try object.setAttribute(name, arguments[index + 1])
                }
                state.flags = try signals(arguments[7])
                state.invalidRank = 1
                if !arguments[8].isNone { state.traps = try signals(arguments[8]) }
                return object
            }
            namespace["__init__"] = PyObject.function("__init__", PySignature(["self"], varargs: "args", varkw: "kwargs")) { _ in .none }
            namespace["prec"] = property("prec", get: { PyObject($0.settings.precision) }) { state, value in
                state.settings.precision = try integer(value, 1...maxPrecision, "valid range for prec is [1, MAX_PREC]")
            }
            namespace["rounding"] = property("rounding", get: { PyObject($0.settings.rounding.rawValue) }) { state, value in
                state.settings.rounding = try rounding(value)
            }
            namespace["Emin"] = property("Emin", get: { PyObject($0.settings.emin) }) { state, value in
                state.settings.emin = try integer(value, -maxPrecision...0, "valid range for Emin is [MIN_EMIN, 0]")
            }
            namespace["Emax"] = property("Emax", get: { PyObject($0.settings.emax) }) { state, value in
                state.settings.emax = try integer(value, 0...maxPrecision, "valid range for Emax is [0, MAX_EMAX]")
            }
            namespace["capitals"] = property("capitals", get: { PyObject($0.settings.capitals) }) { state, value in
                state.settings.capitals = try integer(value, 0...1, "valid values for capitals are 0 or 1")
            }
            namespace["clamp"] = property("clamp", get: { PyObject($0.settings.clamp) }) { state, value in
                state.settings.clamp = try integer(value, 0...1, "valid values for clamp are 0 or 1")
            }
            namespace["flags"] = property("flags", get: { signalDict($0, traps: false) }) { state, value in state.flags = try signals(value); state.invalidRank = 1 }
            namespace["traps"] = property("traps", get: { signalDict($0, traps: true) }) { state, value in state.traps = try signals(value) }
            namespace["__repr__"] = NumbersKit.method("__repr__") { arguments in PyObject(try state(arguments[0]).repr) }
            namespace["copy"] = NumbersKit.method("copy") { arguments in make(try state(arguments[0]).copy()) }
            namespace["__copy__"] = namespace["copy"]
            namespace["clear_flags"] = NumbersKit.method("clear_flags") { arguments in try state(arguments[0]).flags = []; return .none }
            namespace["clear_traps"] = NumbersKit.method("clear_traps") { arguments in try state(arguments[0]).traps = []; return .none }
            namespace["Etiny"] = NumbersKit.method("Etiny") { arguments in
                let settings = try state(arguments[0]).settings
                return PyObject(settings.emin - settings.precision + 1)
            }
            namespace["Etop"] = NumbersKit.method("Etop") { arguments in
                let settings = try state(arguments[0]).settings
                return PyObject(settings.emax - settings.precision + 1)
            }
            namespace["create_decimal"] = NumbersKit.method("create_decimal", ["num"], defaults: ["0"]) { arguments in
                let context = try state(arguments[0])
                var conditions = DecimalConditions()
                let exact = try DecimalClass.convert(arguments[1], context)
                let value = exact.isNaN ? exact : exact.rounded(context.settings, &conditions)
                try context.signal(conditions)
                return DecimalClass.make(value)
            }
            let binary = ["add": "__add__", "subtract": "__sub__", "multiply": "__mul__", "divide": "__truediv__", "divide_int": "__floordiv__",
                          "remainder": "__mod__", "power": "__pow__", "compare": "compare", "quantize": "quantize"]
            for (name, method) in binary {
                namespace[name] = NumbersKit.method(name, ["a", "b"]) { arguments in
                    try withContext(arguments[0]) { try operand(arguments[0], arguments[1]).callMethod(method, [arguments[2]]) }
                }
            }
            let unary = ["sqrt": "sqrt", "abs": "__abs__", "plus": "__pos__", "minus": "__neg__", "normalize": "normalize",
                         "to_integral_value": "to_integral_value", "exp": "exp", "ln": "ln", "log10": "log10",
                         "to_eng_string": "to_eng_string", "to_sci_string": "__str__"]
            for (name, method) in unary {
                namespace[name] = NumbersKit.method(name, ["a"]) { arguments in
                    try withContext(arguments[0]) { try operand(arguments[0], arguments[1]).callMethod(method) }
                }
            }
        }
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("Context is not a class") }
        return type
    }

    /// A context method's operand as a Decimal (an int converts exactly).
    static func operand(_ context: PyObject, _ value: PyObject) throws -> PyObject {
        DecimalClass.make(try DecimalClass.convert(value, try state(context)))
    }

    /// Runs `body` with `context` current, as a context method computes in its own context.
    static func withContext(_ context: PyObject, _ body: () throws -> PyObject) throws -> PyObject {
        lock.lock()
        let saved = currentObject()
        current = context
        lock.unlock()
        defer { lock.lock(); current = saved; lock.unlock() }
        return try body()
    }

    /// `ctx.flags` / `ctx.traps`: a view onto the context's set, with CPython's repr.
    static func signalDict(_ state: DecimalContextState, traps: Bool) -> PyObject {
        NumbersKit.instance(of: DecimalModule.classes.signalDict, carrying: SignalView(state: state, traps: traps))
    }

    struct SignalView {
        let state: DecimalContextState
        let traps: Bool
        var set: Set<DecimalSignal> {
            get { traps ? state.traps : state.flags }
            nonmutating set { if traps { state.traps = newValue } else { state.flags = newValue } }
        }
    }

    static func buildSignalDictClass() throws -> PyClass {
        func view(_ object: PyObject) throws -> SignalView {
            try NumbersKit.payload(object, SignalView.self, orRaise: "not a signal dict")
        }
        let cls = try PyObject.makeClass("SignalDictMixin") { namespace in
            namespace["__module__"] = PyObject(DecimalModule.name)
            namespace["__getitem__"] = NumbersKit.method("__getitem__", ["key"]) { arguments in
                PyObject(try view(arguments[0]).set.contains(try signal(of: arguments[1])))
            }
            namespace["__setitem__"] = NumbersKit.method("__setitem__", ["key", "value"]) { arguments in
                let view = try view(arguments[0]), signal = try signal(of: arguments[1])
                if try arguments[2].truthy() { view.set.insert(signal); if !view.traps { view.state.invalidRank = 1 } } else { view.set.remove(signal) }
                return .none
            }
            namespace["__len__"] = NumbersKit.method("__len__") { _ in PyObject(DecimalSignal.allCases.count) }
            namespace["__iter__"] = NumbersKit.method("__iter__") { _ in
                try Py.iter(PyObject.list(DecimalSignal.allCases.map { PyObject(DecimalModule.classes.signal($0.className)) }))
            }
            namespace["keys"] = NumbersKit.method("keys") { _ in .list(DecimalSignal.allCases.map { PyObject(DecimalModule.classes.signal($0.className)) }) }
            namespace["values"] = NumbersKit.method("values") { arguments in
                let set = try view(arguments[0]).set
                return .list(DecimalSignal.allCases.map { PyObject(set.contains($0)) })
            }
            namespace["items"] = NumbersKit.method("items") { arguments in
                let set = try view(arguments[0]).set
                return .list(DecimalSignal.allCases.map { .tuple([PyObject(DecimalModule.classes.signal($0.className)), PyObject(set.contains($0))]) })
            }
            namespace["__repr__"] = NumbersKit.method("__repr__") { arguments in
                let set = try view(arguments[0]).set
                let entries = DecimalSignal.allCases.map { "<class 'decimal.\($0.className)'>:\(set.contains($0) ? "True" : "False")" }
                return PyObject("{" + entries.joined(separator: ", ") + "}")
            }
        }
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("SignalDictMixin is not a class") }
        return type
    }

    /// `localcontext(ctx=None, **settings)`: a copy made current on entry, the previous one back on exit.
    static func localContext(_ arguments: [PyObject]) throws -> PyObject {
        let base = arguments[0].isNone ? currentState() : try state(arguments[0])
        let local = make(base.copy())
        if let settings = arguments[1].heap as? PyDictStorage {
            for key in try PyObject(settings).collect() {
                let name = try key.toString()
                guard ["prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"].contains(name) else {
                    throw PyException.typeError("'\(name)' is an invalid keyword argument for this function")
                }
                try local.setAttribute(name, try PyObject(settings).item(key))
            }
        }
        return NumbersKit.instance(of: DecimalModule.classes.contextManager, carrying: LocalContext(local: local))
    }

    final class LocalContext: @unchecked Sendable {
        let local: PyObject
        var saved: PyObject = .none
        init(local: PyObject) { self.local = local }
    }

    static func buildContextManagerClass() throws -> PyClass {
        func manager(_ object: PyObject) throws -> LocalContext {
            try NumbersKit.payload(object, LocalContext.self, orRaise: "not a context manager")
        }
        let cls = try PyObject.makeClass("ContextManager") { namespace in
            namespace["__module__"] = PyObject(DecimalModule.name)
            namespace["__enter__"] = NumbersKit.method("__enter__") { arguments in
                let manager = try manager(arguments[0])
                lock.lock()
                manager.saved = currentObject()
                current = manager.local
                lock.unlock()
                return manager.local
            }
            namespace["__exit__"] = PyObject.function("__exit__", PySignature(["self"], varargs: "details")) { arguments in
                let manager = try manager(arguments[0])
                lock.lock()
                current = manager.saved
                lock.unlock()
                return false
            }
        }
        guard let type = cls.heap as? PyClass else { throw PyException.typeError("ContextManager is not a class") }
        return type
    }
}
