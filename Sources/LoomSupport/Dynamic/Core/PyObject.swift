#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Python value. Immutable scalars live inline (no allocation for `None`, bools, ints that fit
/// in 64 bits, floats, and strings Swift stores inline); everything else is a reference payload, so
/// copies alias exactly as Python names do.
///
/// Thread safety: Python code runs on several threads (threading, pools). Every mutable payload
/// (list, dict, set, instance and class attributes) guards its Swift storage with its own lock,
/// held only while Swift reads or writes the storage and never while Python code runs (so a
/// `__eq__` or `__hash__` called from inside a dict operation cannot deadlock). A global
/// interpreter lock was not chosen: every blocking call of the static library (sleeps, joins,
/// queues, locks, events) would have to release it, and one forgotten release would hang a note.
/// As in CPython, compound operations (`x += 1` on a shared attribute) are not atomic.
@dynamicMemberLookup
public struct PyObject: @unchecked Sendable {
    enum Storage {
        case none
        case bool(Bool)
        case int(Int)
        case big(BigInt)
        case float(Double)
        case str(String)
        case heap(PyHeap)
    }

    var storage: Storage

    init(storage: Storage) { self.storage = storage }
    init(_ heap: PyHeap) { storage = .heap(heap) }

    public static let none = PyObject(storage: .none)
    public static let True = PyObject(storage: .bool(true))
    public static let False = PyObject(storage: .bool(false))
    public static let notImplemented = PyObject(PySingleton.notImplemented)
    public static let ellipsis = PyObject(PySingleton.ellipsis)

    /// An int from a `BigInt`, back to the inline case when it fits.
    init(_ big: BigInt) {
        if let small = big.asInt { storage = .int(small) } else { storage = .big(big) }
    }

    /// `PyObject(bigInteger: "123456789012345678901234567890")`, the lowering's spelling of a big
    /// literal.
    public init(bigInteger digits: String) {
        var text = Substring(digits)
        let negative = text.hasPrefix("-")
        if negative || text.hasPrefix("+") { text = text.dropFirst() }
        self.init(BigInt(digits: Substring(text.filter { $0 != "_" }), radix: 10, negative: negative) ?? BigInt(0))
    }

    public static func bytes(_ values: [UInt8]) -> PyObject { PyObject(PyBytes(values)) }
    public static func list(_ items: [PyObject]) -> PyObject { PyObject(PyList(items)) }
    public static func tuple(_ items: [PyObject]) -> PyObject {
        items.isEmpty ? emptyTuple : PyObject(PyTupleStorage(items))
    }
    static let emptyTuple = PyObject(PyTupleStorage([]))
    public static func dict(_ pairs: [(PyObject, PyObject)]) throws -> PyObject {
        let dict = PyDictStorage()
        for (key, value) in pairs { try dict.set(key, value) }
        return PyObject(dict)
    }
    public static func set(_ items: [PyObject]) throws -> PyObject {
        let set = PySetStorage(frozen: false)
        for item in items { try set.add(item) }
        return PyObject(set)
    }
    public static func frozenset(_ items: [PyObject]) throws -> PyObject {
        let set = PySetStorage(frozen: true)
        for item in items { try set.add(item) }
        return PyObject(set)
    }
    public static func slice(_ start: PyObject?, _ stop: PyObject?, _ step: PyObject? = nil) -> PyObject {
        PyObject(PySlice(start: start ?? .none, stop: stop ?? .none, step: step ?? .none))
    }

    var heap: PyHeap? { if case .heap(let object) = storage { return object } else { return nil } }
    var isNone: Bool { if case .none = storage { return true } else { return false } }

    /// `is`.
    public func isIdentical(to other: PyObject) -> Bool {
        switch (storage, other.storage) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        // Floats are values here, not objects; a NaN is never "the same object" as another NaN.
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern && !a.isNaN
        case (.str(let a), .str(let b)): return a == b
        case (.heap(let a), .heap(let b)): return a === b
        case (.big(let a), .big(let b)): return a == b
        default: return false
        }
    }

    /// `type(x)`.
    public var pyType: PyClass {
        switch storage {
        case .none: return PyClass.noneType
        case .bool: return PyClass.bool
        case .int, .big: return PyClass.int
        case .float: return PyClass.float
        case .str: return PyClass.str
        case .heap(let object): return object.pyType
        }
    }

    /// `type(x).__name__`, for messages.
    var typeName: String { pyType.name }

    /// The built-in value an instance of a subclass of a built-in type carries (`class Stack(list)`),
    /// or the value itself.
    var builtinValue: PyObject {
        if case .heap(let object) = storage, let instance = object as? PyInstance, let base = instance.builtinBase {
            return base
        }
        return self
    }
}

// MARK: Literals and static values

extension PyObject: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(integerLiteral value: Int) { storage = .int(value) }
    public init(floatLiteral value: Double) { storage = .float(value) }
    public init(stringLiteral value: String) { storage = .str(value) }
    public init(booleanLiteral value: Bool) { storage = .bool(value) }
    public init(nilLiteral: ()) { storage = .none }
    public init(arrayLiteral elements: PyObject...) { self = .list(elements) }
    /// A dict literal whose keys are unhashable traps; the lowering uses `try .dict(…)` for keys
    /// that are not literals.
    public init(dictionaryLiteral elements: (PyObject, PyObject)...) {
        let dict = PyDictStorage()
        for (key, value) in elements {
            do { try dict.set(key, value) } catch { fatalError("unhashable dict literal key: \(error)") }
        }
        self.init(dict)
    }
}

/// A static value the dynamic side can take: `PyObject(count)`.
public protocol PyConvertible {
    var pyObject: PyObject { get }
}

extension PyObject: PyConvertible { public var pyObject: PyObject { self } }
extension Int: PyConvertible { public var pyObject: PyObject { PyObject(storage: .int(self)) } }
extension Double: PyConvertible { public var pyObject: PyObject { PyObject(storage: .float(self)) } }
extension String: PyConvertible { public var pyObject: PyObject { PyObject(storage: .str(self)) } }
extension Substring: PyConvertible { public var pyObject: PyObject { PyObject(storage: .str(String(self))) } }
extension Bool: PyConvertible { public var pyObject: PyObject { PyObject(storage: .bool(self)) } }
extension PyNumber: PyConvertible {
    public var pyObject: PyObject {
        switch self {
        case .int(let value): return PyObject(storage: .int(value))
        case .float(let value): return PyObject(storage: .float(value))
        }
    }
}
extension Optional: PyConvertible where Wrapped: PyConvertible {
    public var pyObject: PyObject { self?.pyObject ?? .none }
}
extension Array: PyConvertible where Element: PyConvertible {
    public var pyObject: PyObject { .list(map(\.pyObject)) }
}
extension Set: PyConvertible where Element: PyConvertible {
    public var pyObject: PyObject { (try? PyObject.set(map(\.pyObject))) ?? .none }
}
extension PyDict: PyConvertible where Key: PyConvertible, Value: PyConvertible {
    public var pyObject: PyObject {
        let dict = PyDictStorage()
        for (key, value) in self { try? dict.set(key.pyObject, value.pyObject) }
        return PyObject(dict)
    }
}

extension PyObject {
    public init<Value: PyConvertible>(_ value: Value) { self = value.pyObject }
    public init(_ value: Int) { storage = .int(value) }
    public init(_ value: Double) { storage = .float(value) }
    public init(_ value: String) { storage = .str(value) }
    public init(_ value: Bool) { storage = .bool(value) }

    /// `int` → Swift `Int` (bools too); TypeError for other types, OverflowError past 64 bits.
    public func toInt() throws -> Int {
        switch builtinValue.storage {
        case .int(let value): return value
        case .bool(let value): return value ? 1 : 0
        case .big: throw PyException.make(PyClass.overflowError, "Python int too large to convert to C long")
        default:
            if let index = try? indexValue() { return try index.toInt() }
            throw PyException.typeError("'\(typeName)' object cannot be interpreted as an integer")
        }
    }

    /// `float(x)` for numbers → `Double`.
    public func toDouble() throws -> Double {
        switch builtinValue.storage {
        case .float(let value): return value
        case .int(let value): return Double(value)
        case .bool(let value): return value ? 1 : 0
        case .big(let value):
            guard let double = value.toDouble() else {
                throw PyException.make(PyClass.overflowError, "int too large to convert to float")
            }
            return double
        default:
            if let method = pyType.lookup("__float__") {
                return try method.callBound(self, []).toDouble()
            }
            throw PyException.typeError("must be real number, not \(typeName)")
        }
    }

    /// A `str`'s text; TypeError for any other type.
    public func toString() throws -> String {
        if case .str(let text) = builtinValue.storage { return text }
        throw PyException.typeError("expected str, got \(typeName)")
    }

    /// `PyNumber` for the static side.
    public func toNumber() throws -> PyNumber {
        if case .float(let value) = builtinValue.storage { return .float(value) }
        return .int(try toInt())
    }

    /// `operator.index(x)`: ints and `__index__`.
    func indexValue() throws -> PyObject {
        switch builtinValue.storage {
        case .int, .big: return builtinValue
        case .bool(let value): return PyObject(value ? 1 : 0)
        default:
            if pyType.isHeapType, let method = pyType.lookup("__index__") {
                let result = try method.callBound(self, [])
                switch result.storage {
                case .int, .big: return result
                default: throw PyException.typeError("__index__ returned non-int (type \(result.typeName))")
                }
            }
            throw PyException.typeError("'\(typeName)' object cannot be interpreted as an integer")
        }
    }
}

// MARK: Payloads

/// The reference payloads of `PyObject`: containers, functions, classes, instances …
public class PyHeap: @unchecked Sendable {
    var pyType: PyClass { PyClass.object }
    /// The object's memory address: what `id()` and default reprs show, positive as CPython's ids are.
    var address: Int { Int(bitPattern: Unmanaged.passUnretained(self).toOpaque()) }
}

/// A recursive mutex; see `PyObject` for what it guards and why.
final class PyMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always) func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// `NotImplemented` and `Ellipsis`.
final class PySingleton: PyHeap, @unchecked Sendable {
    let name: String
    init(_ name: String) { self.name = name }
    static let notImplemented = PySingleton("NotImplemented")
    static let ellipsis = PySingleton("Ellipsis")
    override var pyType: PyClass { self === PySingleton.notImplemented ? PyClass.notImplementedType : PyClass.ellipsisType }
}

extension PyObject {
    var isNotImplemented: Bool { heap === PySingleton.notImplemented }
}

/// An insertion-ordered table of names: class namespaces, instance and module `__dict__`s.
struct StringTable {
    private(set) var keys: [String] = []
    private var values: [String: PyObject] = [:]

    init() {}

    subscript(name: String) -> PyObject? {
        get { values[name] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: name) == nil { keys.append(name) }
            } else if values.removeValue(forKey: name) != nil {
                keys.removeAll { $0 == name }
            }
        }
    }

    var count: Int { keys.count }
    var entries: [(String, PyObject)] { keys.map { ($0, values[$0]!) } }
}
