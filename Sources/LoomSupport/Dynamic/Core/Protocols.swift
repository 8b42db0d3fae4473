#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Objects whose repr is being built on this thread, so `l.append(l)` prints `[[...]]`.
enum ReprGuard {
    private final class Box { var active: Set<ObjectIdentifier> = [] }
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if os(Linux)
            guard let pointer else { return }
            #endif
            Unmanaged<Box>.fromOpaque(pointer).release()
        }
        return key
    }()
    private static var box: Box {
        if let pointer = pthread_getspecific(key) { return Unmanaged<Box>.fromOpaque(pointer).takeUnretainedValue() }
        let box = Box()
        pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
        return box
    }
    static func guarded(_ object: PyHeap, recursive: String, _ body: () throws -> String) rethrows -> String {
        let box = self.box
        let id = ObjectIdentifier(object)
        if box.active.contains(id) { return recursive }
        box.active.insert(id)
        defer { box.active.remove(id) }
        return try body()
    }
}

func hexAddress(_ object: PyHeap) -> String { "0x" + String(UInt(bitPattern: object.address), radix: 16) }

extension PyObject {
    // MARK: repr and str

    /// `repr(x)`.
    public func repr() throws -> String {
        switch storage {
        case .none: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .int(let value): return String(value)
        case .big(let value): return value.toString()
        case .float(let value): return FloatRepr.repr(value)
        case .str(let value): return StringRepr.repr(value)
        case .heap(let object): return try heapRepr(object)
        }
    }

    private func heapRepr(_ object: PyHeap) throws -> String {
        switch object {
        case let list as PyList:
            return try ReprGuard.guarded(list, recursive: "[...]") {
                "[" + (try list.items.map { try $0.repr() }.joined(separator: ", ")) + "]"
            }
        case let tuple as PyTupleStorage:
            if tuple.items.count == 1 { return "(" + (try tuple.items[0].repr()) + ",)" }
            return try ReprGuard.guarded(tuple, recursive: "(...)") {
                "(" + (try tuple.items.map { try $0.repr() }.joined(separator: ", ")) + ")"
            }
        case let dict as PyDictStorage:
            return try ReprGuard.guarded(dict, recursive: "{...}") {
                "{" + (try dict.entries.map { "\(try $0.0.repr()): \(try $0.1.repr())" }.joined(separator: ", ")) + "}"
            }
        case let set as PySetStorage:
            let elements = set.elements
            if elements.isEmpty { return set.frozen ? "frozenset()" : "set()" }
            let body = try ReprGuard.guarded(set, recursive: "...") {
                "{" + (try elements.map { try $0.repr() }.joined(separator: ", ")) + "}"
            }
            return set.frozen ? "frozenset(\(body))" : body
        case let bytes as PyBytes:
            let text = PyObject.bytesRepr(bytes.bytes)
            return bytes.mutable ? "bytearray(\(text))" : text
        case let instance as PyInstance:
            guard let method = instance.cls.lookup("__repr__") else { return defaultRepr(object) }
            let result = try method.callBound(self, [])
            guard case .str(let text) = result.builtinValue.storage else {
                throw PyException.typeError("__repr__ returned non-string (type \(result.typeName))")
            }
            return text
        case let type as PyClass:
            if let meta = type.metaclass, meta.isHeapType, let custom = meta.overrides("__repr__") {
                return try custom.callBound(self, []).toString()
            }
            return type.module == "builtins" ? "<class '\(type.qualname)'>" : "<class '\(type.module).\(type.qualname)'>"
        case let function as PyFunction:
            return "<function \(function.qualname) at \(hexAddress(function))>"
        case let builtin as PyBuiltin:
            if builtin.isMethod { return "<method '\(builtin.name)' of '\(builtin.owner?.name ?? "object")' objects>" }
            return "<built-in function \(builtin.name)>"
        case let bound as PyBoundMethod:
            if let builtin = bound.function.heap as? PyBuiltin, builtin.isMethod {
                let receiver = bound.receiver
                return "<built-in method \(builtin.name) of \(receiver.typeName) object at \(receiver.heap.map(hexAddress) ?? "0x0")>"
            }
            let name = ((try? bound.function.findAttribute("__qualname__")?.toString()) ?? nil) ?? "?"
            return "<bound method \(name) of \(try bound.receiver.repr())>"
        case let module as PyModule:
            return "<module '\(module.name)' (built-in)>"
        case let slice as PySlice:
            return "slice(\(try slice.start.repr()), \(try slice.stop.repr()), \(try slice.step.repr()))"
        case let range as PyRange:
            return range.step == 1 ? "range(\(range.start), \(range.stop))" : "range(\(range.start), \(range.stop), \(range.step))"
        case let singleton as PySingleton:
            return singleton.name
        case let complex as PyComplex:
            return ComplexArithmetic.repr(complex)
        case let wrapper as PyMethodWrapper:
            return "<\(wrapper.kind == .classMethod ? "classmethod" : "staticmethod")(\(try wrapper.function.repr()))>"
        case let superObject as PySuper:
            return "<super: <class '\(superObject.thisClass.name)'>, <\(superObject.receiver.typeName) object>>"
        case let generator as PyGeneratorObject:
            return "<\(generator.kind == .generator ? "generator" : "coroutine") object \(generator.name) at \(hexAddress(generator))>"
        case let alias as PyGenericAlias:
            let originName = try (alias.origin.heap as? PyClass)?.name ?? alias.origin.repr()
            return "\(originName)[\(try alias.arguments.map { try PyObject.typeRepr($0) }.joined(separator: ", "))]"
        case let iterator as PyNativeIterator where iterator.describe != nil:
            return try iterator.describe?() ?? defaultRepr(object)
        default:
            if let method = object.pyType.lookup("__repr__"), !(method.heap is PyBuiltin) {
                return try method.callBound(self, []).toString()
            }
            return defaultRepr(object)
        }
    }

    static func typeRepr(_ value: PyObject) throws -> String {
        if let type = value.heap as? PyClass { return type.module == "builtins" ? type.qualname : "\(type.module).\(type.qualname)" }
        if value.heap === PySingleton.ellipsis { return "..." }
        return try value.repr()
    }

    func defaultRepr(_ object: PyHeap) -> String {
        let type = object.pyType
        let name = type.module == "builtins" ? type.qualname : "\(type.module).\(type.qualname)"
        return "<\(name) object at \(hexAddress(object))>"
    }

    static func bytesRepr(_ bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(0x27) && !bytes.contains(0x22) ? 0x22 : 0x27
        var text = "b" + String(UnicodeScalar(quote))
        for byte in bytes {
            switch byte {
            case quote, 0x5C: text += "\\" + String(UnicodeScalar(byte))
            case 0x09: text += "\\t"
            case 0x0A: text += "\\n"
            case 0x0D: text += "\\r"
            case 0x20..<0x7F: text.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16)
                text += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return text + String(UnicodeScalar(quote))
    }

    /// `str(x)`.
    public func str() throws -> String {
        switch storage {
        case .str(let value): return value
        case .heap(let object):
            if let instance = object as? PyInstance {
                guard let method = instance.cls.lookup("__str__") else { return try repr() }
                let result = try method.callBound(self, [])
                guard case .str(let text) = result.builtinValue.storage else {
                    throw PyException.typeError("__str__ returned non-string (type \(result.typeName))")
                }
                return text
            }
            return try repr()
        default:
            return try repr()
        }
    }

    // MARK: Hashing and equality

    /// `hash(x)`.
    public func hashValue() throws -> Int {
        switch storage {
        case .none: return 0x5EED_0000_0000
        case .bool(let value): return value ? 1 : 0
        case .int(let value): return PyObject.intHash(value)
        case .big(let value): return value.pythonHash
        case .float(let value): return PyObject.floatHash(value)
        case .str(let value): return PyObject.stringHash(value)
        case .heap(let object):
            switch object {
            case let tuple as PyTupleStorage: return try PyObject.tupleHash(tuple.items)
            case let complex as PyComplex: return ComplexArithmetic.hash(complex)
            case let set as PySetStorage:
                guard set.frozen else { throw PyException.typeError("unhashable type: 'set'") }
                if let cached = set.cachedHash { return cached }
                let hash = PyObject.frozensetHash(set.hashedElements.map(\.0))
                set.cachedHash = hash
                return hash
            case is PyList, is PyDictStorage: throw PyException.typeError("unhashable type: '\(typeName)'")
            case let bytes as PyBytes:
                if bytes.mutable { throw PyException.typeError("unhashable type: 'bytearray'") }
                return PyObject.stringHash(String(decoding: bytes.bytes, as: UTF8.self)) &+ 1
            case let instance as PyInstance:
                guard let method = instance.cls.lookup("__hash__") else { return object.address >> 4 }
                if method.isNone { throw PyException.typeError("unhashable type: '\(typeName)'") }
                if let builtin = method.heap as? PyBuiltin, builtin.owner === PyClass.object { return object.address >> 4 }
                let result = try method.callBound(self, [])
                switch result.builtinValue.storage {
                case .int(let value): return value == -1 ? -2 : value
                case .big(let value): return value.pythonHash
                case .bool(let value): return value ? 1 : 0
                default: throw PyException.typeError("__hash__ method should return an integer")
                }
            case let slice as PySlice:
                _ = slice
                throw PyException.typeError("unhashable type: 'slice'")
            default:
                return object.address >> 4
            }
        }
    }

    static func intHash(_ value: Int) -> Int {
        let modulus = (1 << 61) - 1
        if value > -modulus && value < modulus { return value == -1 ? -2 : value }
        let reduced = Int(value.magnitude % UInt(modulus))
        let result = value < 0 ? -reduced : reduced
        return result == -1 ? -2 : result
    }

    static func floatHash(_ value: Double) -> Int {
        if !value.isFinite { return value.isNaN ? 0 : (value > 0 ? 314159 : -314159) }
        let modulus: UInt64 = (1 << 61) - 1
        var e: Int32 = 0
        var m = frexp(value, &e)
        var sign: Int = 1
        if m < 0 { sign = -1; m = -m }
        var x: UInt64 = 0
        var exponent = Int(e)
        while m != 0 {
            x = ((x << 28) & modulus) | x >> (61 - 28)
            m *= 268435456.0
            exponent -= 28
            let y = UInt64(m)
            m -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        exponent = exponent >= 0 ? exponent % 61 : 61 - 1 - ((-1 - exponent) % 61)
        x = ((x << UInt64(exponent)) & modulus) | x >> UInt64(61 - exponent)
        var result = Int(bitPattern: UInt(x)) * sign
        if result == -1 { result = -2 }
        return result
    }

    /// Strings hash with FNV-1a: deterministic (CPython salts its string hash, so no order of
    /// strings in a set is CPython's anyway).
    static func stringHash(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var result = Int(bitPattern: UInt(hash))
        if result == -1 { result = -2 }
        return result
    }

    static func tupleHash(_ items: [PyObject]) throws -> Int {
        let prime1: UInt64 = 11400714785074694791, prime2: UInt64 = 14029467366897019727, prime5: UInt64 = 2870177450012600261
        var accumulator = prime5
        for item in items {
            let lane = UInt64(bitPattern: Int64(try item.hashValue()))
            accumulator = accumulator &+ lane &* prime2
            accumulator = (accumulator << 31) | (accumulator >> 33)
            accumulator = accumulator &* prime1
        }
        accumulator = accumulator &+ (UInt64(items.count) ^ (prime5 ^ 3527539))
        if accumulator == UInt64.max { return 1546275796 }
        return Int(Int64(bitPattern: accumulator))
    }

    static func frozensetHash(_ hashes: [Int]) -> Int {
        func shuffle(_ h: UInt64) -> UInt64 { ((h ^ 89869747) ^ (h << 16)) &* 3644798167 }
        var hash: UInt64 = 0
        for value in hashes { hash ^= shuffle(UInt64(bitPattern: Int64(value))) }
        hash ^= (UInt64(hashes.count) &+ 1) &* 1927868237
        hash ^= (hash >> 11) ^ (hash >> 25)
        hash = hash &* 69069 &+ 907133923
        if hash == UInt64.max { hash = 590923713 }
        return Int(Int64(bitPattern: hash))
    }

    /// Dict and set key equality: identity first, as CPython's lookups do.
    static func keysEqual(_ a: PyObject, _ b: PyObject) throws -> Bool {
        switch (a.storage, b.storage) {
        case (.str(let x), .str(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.heap(let x), .heap(let y)) where x === y: return true
        default: return try a.equals(b)
        }
    }

    /// `a == b` as a Swift Bool.
    func equals(_ other: PyObject) throws -> Bool {
        switch (storage, other.storage) {
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.none, .none): return true
        default: return try compare(.equal, other).truthy()
        }
    }

    // MARK: Truth and length

    /// `bool(x)`.
    public func truthy() throws -> Bool {
        switch storage {
        case .none: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .big: return true
        case .float(let value): return value != 0
        case .str(let value): return !value.isEmpty
        case .heap(let object):
            switch object {
            case let list as PyList: return list.count > 0
            case let tuple as PyTupleStorage: return !tuple.items.isEmpty
            case let dict as PyDictStorage: return dict.count > 0
            case let set as PySetStorage: return set.count > 0
            case let bytes as PyBytes: return !bytes.bytes.isEmpty
            case let complex as PyComplex: return complex.real != 0 || complex.imag != 0
            case let range as PyRange: return range.count > 0
            case is PySingleton: return true
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__bool__") {
                    let result = try method.callBound(self, [])
                    guard case .bool(let value) = result.storage else {
                        throw PyException.typeError("__bool__ should return bool, returned \(result.typeName)")
                    }
                    return value
                }
                if instance.cls.overrides("__len__") != nil { return try length() > 0 }
                if let base = instance.builtinBase { return try base.truthy() }
                return true
            default:
                if let method = object.pyType.lookup("__bool__"), !(method.heap is PyBuiltin) {
                    return try method.callBound(self, []).truthy()
                }
                return true
            }
        }
    }

    /// `len(x)`.
    func length() throws -> Int {
        switch storage {
        case .str(let value): return value.unicodeScalars.count
        case .heap(let object):
            switch object {
            case let list as PyList: return list.count
            case let tuple as PyTupleStorage: return tuple.items.count
            case let dict as PyDictStorage: return dict.count
            case let set as PySetStorage: return set.count
            case let bytes as PyBytes: return bytes.bytes.count
            case let range as PyRange: return range.count
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__len__") {
                    let result = try method.callBound(self, [])
                    guard case .int(let count) = result.builtinValue.storage else {
                        if case .bool(let flag) = result.storage { return flag ? 1 : 0 }
                        throw PyException.typeError("'\(result.typeName)' object cannot be interpreted as an integer")
                    }
                    if count < 0 { throw PyException.valueError("__len__() should return >= 0") }
                    return count
                }
                if let base = instance.builtinBase { return try base.length() }
            default:
                if let method = object.pyType.lookup("__len__"), !(method.heap is PyBuiltin) {
                    return try method.callBound(self, []).toInt()
                }
            }
        default: break
        }
        throw PyException.typeError("object of type '\(typeName)' has no len()")
    }

    // MARK: Containment

    /// `item in container`.
    public func contains(_ item: PyObject) throws -> Bool {
        switch storage {
        case .str(let text):
            guard case .str(let needle) = item.builtinValue.storage else {
                throw PyException.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return needle.isEmpty || text.contains(needle)
        case .heap(let object):
            switch object {
            case let list as PyList:
                for element in list.items where try element.isIdentical(to: item) || element.equals(item) { return true }
                return false
            case let tuple as PyTupleStorage:
                for element in tuple.items where try element.isIdentical(to: item) || element.equals(item) { return true }
                return false
            case let dict as PyDictStorage: return try dict.get(item) != nil
            case let set as PySetStorage:
                if let inner = item.heap as? PySetStorage, !inner.frozen {
                    return try set.contains(.frozenset(inner.elements))
                }
                return try set.contains(item)
            case let range as PyRange:
                guard case .int(let value) = item.builtinValue.storage else {
                    return try iterate().containsByIteration(item)
                }
                if range.step > 0 { return value >= range.start && value < range.stop && (value - range.start) % range.step == 0 }
                return value <= range.start && value > range.stop && (range.start - value) % (-range.step) == 0
            case let bytes as PyBytes:
                if case .int(let value) = item.storage { return bytes.bytes.contains(UInt8(truncatingIfNeeded: value)) }
                guard let needle = item.heap as? PyBytes else {
                    throw PyException.typeError("a bytes-like object is required, not '\(item.typeName)'")
                }
                return PyObject.find(bytes.bytes, needle.bytes, from: 0) != nil
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__contains__") { return try method.callBound(self, [item]).truthy() }
                if instance.cls.overrides("__iter__") == nil, instance.cls.overrides("__getitem__") == nil, let base = instance.builtinBase {
                    return try base.contains(item)
                }
            default: break
            }
        default: break
        }
        guard let iterator = try? iterate() else {
            throw PyException.typeError("argument of type '\(typeName)' is not iterable")
        }
        return try iterator.containsByIteration(item)
    }

    static func find(_ haystack: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        if needle.count > haystack.count { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}

/// `description` is `str(x)`, for debugging and for static code that prints a dynamic value; a
/// `__str__`/`__repr__` that raises shows as the exception's line. Translated dynamic code uses the
/// throwing `str()`/`repr()` and `Py.print`.
extension PyObject: PythonPrintable {
    public var description: String { pythonStr }
    public var pythonStr: String {
        do { return try str() } catch { return "<\(PyException.caught(error).exceptionLine)>" }
    }
    public var pythonRepr: String {
        do { return try repr() } catch { return "<\(PyException.caught(error).exceptionLine)>" }
    }
    public func pythonFormat(_ spec: String) -> String {
        do { return try format(spec) } catch { return "<\(PyException.caught(error).exceptionLine)>" }
    }
}
