import Foundation

/// `decimal`: CPython 3.11's C module as a note sees it — `Decimal`, `Context`, the signals as
/// exception classes, the rounding constants, and the thread-free current context.
enum DecimalModule {
    static let name = "decimal"

    /// The module's classes, made on first import and read by every method that builds a value.
    final class Classes: @unchecked Sendable {
        var decimal: PyClass!
        var context: PyClass!
        var signalDict: PyClass!
        var contextManager: PyClass!
        var decimalTuple: PyObject = .none
        var signals: [String: PyClass] = [:]

        func signal(_ name: String) -> PyClass { signals[name] ?? PyClass.exceptionClass(named: "ArithmeticError") }
    }

    nonisolated(unsafe) static var classes = Classes()

    /// The exception classes with CPython's bases (`DivisionByZero` is also a `ZeroDivisionError`).
    static func buildSignals() throws -> [String: PyClass] {
        var made: [String: PyClass] = [:]
        func make(_ name: String, _ bases: [PyClass]) throws {
            let cls = try PyObject.makeClass(name, bases: bases.map { PyObject($0) }) { namespace in
                namespace["__module__"] = PyObject(self.name)
            }
            made[name] = cls.heap as? PyClass
        }
        try make("DecimalException", [PyClass.exceptionClass(named: "ArithmeticError")])
        let base = made["DecimalException"]!
        try make("Clamped", [base])
        try make("InvalidOperation", [base])
        try make("ConversionSyntax", [made["InvalidOperation"]!])
        try make("DivisionImpossible", [made["InvalidOperation"]!])
        try make("DivisionUndefined", [made["InvalidOperation"]!, PyClass.zeroDivisionError])
        try make("InvalidContext", [made["InvalidOperation"]!])
        try make("DivisionByZero", [base, PyClass.zeroDivisionError])
        try make("Inexact", [base])
        try make("Rounded", [base])
        try make("Subnormal", [base])
        try make("Overflow", [made["Inexact"]!, made["Rounded"]!])
        try make("Underflow", [made["Inexact"]!, made["Rounded"]!, made["Subnormal"]!])
        // CPython's exceptions share one instance layout; the runtime's TypeError and ArithmeticError
        // do not, so FloatOperation (never trapped by default) keeps only its decimal base here.
        do { try make("FloatOperation", [base, PyClass.typeError]) } catch { try make("FloatOperation", [base]) }
        return made
    }

    static func build() throws -> PyObject {
        let classes = Classes()
        classes.signals = try buildSignals()
        self.classes = classes
        classes.context = try DecimalContexts.buildContextClass()
        classes.signalDict = try DecimalContexts.buildSignalDictClass()
        classes.contextManager = try DecimalContexts.buildContextManagerClass()
        classes.decimalTuple = try CollectionsModule.namedtuple("DecimalTuple", .list(["sign", "digits", "exponent"]),
                                                                rename: false, defaults: .none, module: PyObject(name))
        // The runtime's tuple `__str__` prints the bare tuple; CPython's str of a named tuple is its repr.
        if let repr = (classes.decimalTuple.heap as? PyClass)?.lookup("__repr__") { try classes.decimalTuple.setAttribute("__str__", repr) }
        classes.decimal = try DecimalClass.build()
        DecimalContexts.current = .none
        var members: [(String, PyObject)] = [
            ("Decimal", PyObject(classes.decimal)),
            ("Context", PyObject(classes.context)),
            ("DecimalTuple", classes.decimalTuple),
            ("getcontext", PyObject.moduleFunction(name, "getcontext") { _ in DecimalContexts.currentObject() }),
            ("setcontext", PyObject.moduleFunction(name, "setcontext", PySignature(["context"])) { arguments in
                _ = try DecimalContexts.state(arguments[0])
                DecimalContexts.lock.lock()
                DecimalContexts.current = arguments[0]
                DecimalContexts.lock.unlock()
                return .none
            }),
            ("localcontext", PyObject.moduleFunction(name, "localcontext", PySignature(["ctx"], defaults: [.none], varkw: "kwargs")) { arguments in
                try DecimalContexts.localContext(arguments)
            }),
            ("DefaultContext", DecimalContexts.make(DecimalContextState())),
            ("BasicContext", DecimalContexts.make(DecimalContextState(settings: DecimalSettings(precision: 9, rounding: .halfUp),
                                                                      traps: [.clamped, .invalidOperation, .divisionByZero, .overflow, .underflow]))),
            ("ExtendedContext", DecimalContexts.make(DecimalContextState(settings: DecimalSettings(precision: 9), traps: []))),
            ("MAX_PREC", PyObject(999_999_999_999_999_999)), ("MAX_EMAX", PyObject(999_999_999_999_999_999)),
            ("MIN_EMIN", PyObject(-999_999_999_999_999_999)), ("MIN_ETINY", PyObject(-1_999_999_999_999_999_997)),
            ("HAVE_THREADS", true), ("HAVE_CONTEXTVAR", true),
        ]
        for mode in DecimalRounding.allCases { members.append((mode.rawValue, PyObject(mode.rawValue))) }
        for (signalName, cls) in classes.signals.sorted(by: { $0.key < $1.key }) { members.append((signalName, PyObject(cls))) }
        return buildModule(name, members)
    }
}

/// What the number classes share: methods, properties and class methods over `PyObject`.
enum NumbersKit {
    static func method(_ name: String, _ parameters: [String] = [], defaults: [PyObject] = [],
                       keywordOnly: [String] = [], keywordDefaults: [String: PyObject] = [:],
                       _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject.function(name, PySignature(["self"] + parameters, defaults: defaults, keywordOnly: keywordOnly, keywordDefaults: keywordDefaults), body)
    }

    static func classMethod(_ name: String, _ parameters: [String] = [], _ body: @escaping ([PyObject]) throws -> PyObject) -> PyObject {
        PyObject(PyMethodWrapper(.classMethod, PyObject.function(name, PySignature(["cls"] + parameters), body)))
    }

    static func property(_ name: String, _ body: @escaping (PyObject) throws -> PyObject) -> PyObject {
        PyObject(PyProperty(getter: PyObject.function(name, PySignature(["self"])) { arguments in try body(arguments[0]) },
                            setter: .none, deleter: .none, doc: .none))
    }

    static func classOf(_ object: PyObject) throws -> PyClass {
        guard let cls = object.heap as? PyClass else { throw PyException.typeError("descriptor requires a type") }
        return cls
    }

    static func payload<Value>(_ object: PyObject, _ type: Value.Type) -> Value? {
        (object.heap as? PyInstance)?.payload as? Value
    }

    /// The Swift value an instance of one of these modules' classes carries, or a `TypeError` saying so.
    static func payload<Value>(_ object: PyObject, _ type: Value.Type, orRaise message: @autoclosure () -> String) throws -> Value {
        guard let value = payload(object, type) else { throw PyException.typeError(message()) }
        return value
    }

    /// An instance of `cls` carrying `payload`: how every value of these modules is made.
    static func instance(of cls: PyClass, carrying payload: Any) -> PyObject {
        let instance = PyInstance(cls: cls)
        instance.payload = payload
        return PyObject(instance)
    }

    /// A built-in int (bool included) as a `BigInt`.
    static func integer(_ value: PyObject) -> BigInt? {
        switch value.builtinValue.storage {
        case .int(let number): return BigInt(number)
        case .big(let number): return number
        case .bool(let flag): return BigInt(flag ? 1 : 0)
        default: return nil
        }
    }

    /// `hash()` of the rational n/d as CPython computes it for every numeric type: n·d⁻¹ modulo 2⁶¹−1.
    static func rationalHash(_ numerator: BigInt, _ denominator: BigInt) -> Int {
        let modulus = BigInt((1 << 61) - 1)
        let reducedDenominator = denominator.floorDivMod(modulus).1
        var hash: Int
        if reducedDenominator.isZero {
            hash = 314_159
        } else {
            let inverse = modularPower(reducedDenominator.asInt ?? 0, (1 << 61) - 3, (1 << 61) - 1)
            let magnitude = BigInt(negative: false, limbs: numerator.limbs).floorDivMod(modulus).1.asInt ?? 0
            hash = multiplyModulo(magnitude, inverse, (1 << 61) - 1)
        }
        if numerator.negative { hash = -hash }
        return hash == -1 ? -2 : hash
    }

    static func multiplyModulo(_ a: Int, _ b: Int, _ modulus: Int) -> Int {
        let product = UInt(a).multipliedFullWidth(by: UInt(b))
        return Int(UInt(modulus).dividingFullWidth((product.high, product.low)).remainder)
    }

    static func modularPower(_ base: Int, _ exponent: Int, _ modulus: Int) -> Int {
        var result = 1, square = base % modulus, remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = multiplyModulo(result, square, modulus) }
            square = multiplyModulo(square, square, modulus)
            remaining >>= 1
        }
        return result
    }
}
