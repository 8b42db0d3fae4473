/// The static type the translator gives a Python value, and how Swift spells it.
///
/// Python is dynamic; a note's code almost never is. Each value gets one static type inferred
/// from literals, call sites and returns, so the Swift reads like Swift instead of boxing
/// everything into one dynamic value.
indirect enum PyType: Hashable, Sendable {
    case int, float, bool, str, none
    /// A value seen as an int in one place and a float in another (a list `[1, 0.5]`, a parameter
    /// called with both): the support library's `PyNumber`, which keeps which one it is so it
    /// prints as Python would (`5` stays `5`, `1.5` stays `1.5`).
    case number
    case list(PyType)
    case dict(PyType, PyType)
    case set(PyType)
    case tuple([PyType])
    case optional(PyType)
    /// `range(…)`: a Swift range or stride, iterated as ints.
    case range
    case thread
    case executor
    case future(PyType)
    /// The lazily waited results of `executor.map`.
    case orderedResults(PyType)
    /// A threading primitive, by its support-library class: `Lock`, `RLock`, `Condition`,
    /// `Semaphore`, `BoundedSemaphore`, `Event`, `Barrier`.
    case sync(String)
    /// `queue.Queue` (or `multiprocessing.Queue`) of elements of one type.
    case queue(PyType)
    /// `multiprocessing.Process`, carried to a thread.
    case process
    /// `multiprocessing.Pool`, carried to threads.
    case processPool
    /// A `logging` logger.
    case logger
    /// A call of an `async def` (or an asyncio awaitable) not awaited yet: the value it gives.
    case coroutine(PyType)
    /// `asyncio.create_task(…)`.
    case task(PyType)
    /// A loop variable of `asyncio.as_completed`, already awaited by `for try await`.
    case awaited(PyType)
    /// `asyncio.Event`, `asyncio.Semaphore`.
    case asyncSync(String)
    /// `asyncio.Queue`.
    case asyncQueue(PyType)
    case taskGroup
    /// A caught exception (`except ValueError as error`).
    case exception
    /// An instance of a class the note defines.
    case instance(String)
    /// A function the note defines, by its definition's key.
    case function(String)
    /// A module or a module member that is not a value (`time`, `concurrent.futures`).
    case module(String)
    /// Not known yet (an empty list before its first `append`, a parameter before its first call).
    case unknown

    var isNumeric: Bool { self == .int || self == .float || self == .bool || self == .number }

    /// Whether a `PyNumber` is in it: a literal of it must spell its type for Swift.
    var containsNumber: Bool {
        switch self {
        case .number: true
        case .list(let element), .set(let element), .optional(let element): element.containsNumber
        case .dict(let key, let value): key.containsNumber || value.containsNumber
        case .tuple(let elements): elements.contains { $0.containsNumber }
        default: false
        }
    }

    var isKnown: Bool {
        switch self {
        case .unknown: false
        case .list(let element), .set(let element), .future(let element), .orderedResults(let element),
             .optional(let element), .queue(let element), .coroutine(let element), .task(let element),
             .awaited(let element), .asyncQueue(let element):
            element.isKnown
        case .dict(let key, let value): key.isKnown && value.isKnown
        case .tuple(let elements): elements.allSatisfy(\.isKnown)
        default: true
        }
    }

    /// The element a `for` loop over a value of this type binds.
    var iterationElement: PyType {
        switch self {
        case .list(let element), .set(let element), .orderedResults(let element): element
        case .dict(let key, _): key
        case .range: .int
        case .str: .str
        default: .unknown
        }
    }

    /// Whether `print` and interpolation can show it through the support library's `PythonPrintable`.
    var isPrintable: Bool {
        switch self {
        case .int, .float, .bool, .str, .number, .instance: true
        case .list(let element), .set(let element), .optional(let element): element.isPrintable
        case .dict(let key, let value): key.isPrintable && value.isPrintable
        default: false
        }
    }

    /// Swift's spelling; nil when the type cannot be written (still unknown, a module).
    var swift: String? {
        switch self {
        case .int: "Int"
        case .float: "Double"
        case .bool: "Bool"
        case .str: "String"
        case .none: "Void"
        case .number: "PyNumber"
        case .list(let element): element.elementSwift.map { "[\($0)]" }
        case .dict(let key, let value):
            key.elementSwift.flatMap { k in value.elementSwift.map { "PyDict<\(k), \($0)>" } }
        case .set(let element): element.elementSwift.map { "Set<\($0)>" }
        case .tuple(let elements):
            elements.allSatisfy { $0.swift != nil }
                ? "(" + elements.compactMap(\.swift).joined(separator: ", ") + ")" : nil
        case .optional(let wrapped): wrapped.swift.map { "\($0)?" }
        case .range: nil
        case .thread: "PythonThread"
        case .executor: "ThreadPoolExecutor"
        case .future(let value): value.swift.map { "Future<\($0)>" }
        case .orderedResults(let value): value.swift.map { "OrderedResults<\($0)>" }
        case .sync(let name): name == "Semaphore" ? "LoomSupport.Semaphore" : name
        case .queue(let element): element.elementSwift.map { "Queue<\($0)>" }
        case .task(let value): value.swift.map { "AsyncTask<\($0 == "Void" ? "Void" : $0)>" }
        case .asyncSync(let name): "Asyncio.\(name)"
        case .asyncQueue(let element): element.elementSwift.map { "Asyncio.Queue<\($0)>" }
        case .coroutine, .awaited, .taskGroup: nil
        case .process: "PythonProcess"
        case .processPool: "ProcessPool"
        case .logger: "PythonLogger"
        case .exception: "PythonError"
        case .instance(let name): name
        case .function, .module, .unknown: nil
        }
    }

    /// A container's element type; a container that never receives an element holds `Int`s as
    /// far as Swift knows (what it prints, `[]`, is the same).
    var elementSwift: String? { self == .unknown ? "Int" : swift }

    /// The value a file-scope variable starts with before its cell assigns it.
    var swiftDefaultValue: String? {
        switch self {
        case .int: "0"
        case .float, .number: "0"
        case .bool: "false"
        case .str: "\"\""
        case .list: "[]"
        case .dict: "[:]"
        case .set: "[]"
        case .optional: "nil"
        case .sync(let name) where name != "Barrier": "\(name == "Semaphore" ? "LoomSupport.Semaphore" : name)()"
        case .queue(let element): element.elementSwift.map { "Queue<\($0)>()" }
        case .asyncQueue(let element): element.elementSwift.map { "Asyncio.Queue<\($0)>()" }
        case .asyncSync(let name): "Asyncio.\(name)()"
        default: nil
        }
    }

    /// The type both values can have: an empty list learns its element type from an `append`, an
    /// int and a float meet as a generic number. Nil when the two cannot share one static type.
    static func join(_ a: PyType, _ b: PyType) -> PyType? {
        if a == b { return a }
        switch (a, b) {
        case (.unknown, _): return b
        case (_, .unknown): return a
        case (.int, .float), (.float, .int), (.number, .int), (.number, .float), (.int, .number), (.float, .number):
            return .number
        case (.none, .optional), (.optional, .none): return a == .none ? b : a
        case (.none, let other), (let other, .none): return .optional(other)
        case (.optional(let x), .optional(let y)): return join(x, y).map(PyType.optional)
        case (.optional(let x), let y), (let y, .optional(let x)): return join(x, y).map(PyType.optional)
        case (.list(let x), .list(let y)): return join(x, y).map(PyType.list)
        case (.set(let x), .set(let y)): return join(x, y).map(PyType.set)
        case (.future(let x), .future(let y)): return join(x, y).map(PyType.future)
        case (.queue(let x), .queue(let y)): return join(x, y).map(PyType.queue)
        case (.task(let x), .task(let y)): return join(x, y).map(PyType.task)
        case (.coroutine(let x), .coroutine(let y)): return join(x, y).map(PyType.coroutine)
        case (.asyncQueue(let x), .asyncQueue(let y)): return join(x, y).map(PyType.asyncQueue)
        case (.dict(let k1, let v1), .dict(let k2, let v2)):
            guard let key = join(k1, k2), let value = join(v1, v2) else { return nil }
            return .dict(key, value)
        case (.tuple(let xs), .tuple(let ys)) where xs.count == ys.count:
            var joined: [PyType] = []
            for (x, y) in zip(xs, ys) {
                guard let both = join(x, y) else { return nil }
                joined.append(both)
            }
            return .tuple(joined)
        default: return nil
        }
    }

    /// How Python names the type in messages (`int`, `list[str]`).
    var pythonName: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .str: "str"
        case .none: "None"
        case .number: "int or float"
        case .list(let e): "list[\(e.pythonName)]"
        case .dict(let k, let v): "dict[\(k.pythonName), \(v.pythonName)]"
        case .set(let e): "set[\(e.pythonName)]"
        case .tuple(let es): "tuple[" + es.map(\.pythonName).joined(separator: ", ") + "]"
        case .optional(let w): "\(w.pythonName) | None"
        case .range: "range"
        case .thread: "Thread"
        case .executor: "ThreadPoolExecutor"
        case .future(let value): "Future[\(value.pythonName)]"
        case .orderedResults: "map results"
        case .sync(let name): name
        case .queue: "Queue"
        case .coroutine: "coroutine"
        case .task: "Task"
        case .awaited(let value): value.pythonName
        case .asyncSync(let name): "asyncio.\(name)"
        case .asyncQueue: "asyncio.Queue"
        case .taskGroup: "TaskGroup"
        case .process: "Process"
        case .processPool: "Pool"
        case .logger: "Logger"
        case .exception: "Exception"
        case .instance(let name): name
        case .function: "function"
        case .module(let name): "module \(name)"
        case .unknown: "an unknown type"
        }
    }
}
