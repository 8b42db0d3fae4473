/// `list`: items behind the list's lock.
final class PyList: PyHeap, @unchecked Sendable {
    let lock = PyMutex()
    private var storage: [PyObject]

    init(_ items: [PyObject]) { storage = items }
    override var pyType: PyClass { PyClass.list }

    /// A copy of the items, for reading outside the lock (Swift arrays copy on write, so this is O(1)).
    var items: [PyObject] {
        get { lock.locked { storage } }
        set { lock.locked { storage = newValue } }
    }
    var count: Int { lock.locked { storage.count } }
    func modify<Result>(_ body: (inout [PyObject]) throws -> Result) rethrows -> Result {
        try lock.locked { try body(&storage) }
    }
    func item(at index: Int) -> PyObject? {
        lock.locked { index >= 0 && index < storage.count ? storage[index] : PyObject?.none }
    }
    func append(_ item: PyObject) { lock.locked { storage.append(item) } }
}

/// `tuple`, immutable.
final class PyTupleStorage: PyHeap, @unchecked Sendable {
    let items: [PyObject]
    init(_ items: [PyObject]) { self.items = items }
    override var pyType: PyClass { PyClass.tuple }
}

/// `bytes` (immutable) and `bytearray` (mutable).
final class PyBytes: PyHeap, @unchecked Sendable {
    let lock = PyMutex()
    private var storage: [UInt8]
    let mutable: Bool
    init(_ bytes: [UInt8], mutable: Bool = false) { storage = bytes; self.mutable = mutable }
    override var pyType: PyClass { mutable ? PyClass.bytearray : PyClass.bytes }
    var bytes: [UInt8] {
        get { lock.locked { storage } }
        set { lock.locked { storage = newValue } }
    }
}

/// `slice(start, stop, step)`.
final class PySlice: PyHeap, @unchecked Sendable {
    let start: PyObject, stop: PyObject, step: PyObject
    init(start: PyObject, stop: PyObject, step: PyObject) { self.start = start; self.stop = stop; self.step = step }
    override var pyType: PyClass { PyClass.slice }

    /// `slice.indices(length)`: CPython's clamping.
    func indices(_ length: Int) throws -> (start: Int, stop: Int, step: Int) {
        let step = step.isNone ? 1 : try Self.clampedIndex(self.step)
        if step == 0 { throw PyException.make(PyClass.valueError, "slice step cannot be zero") }
        let lower = step < 0 ? -1 : 0, upper = step < 0 ? length - 1 : length
        func resolve(_ value: PyObject, default defaultValue: Int) throws -> Int {
            if value.isNone { return defaultValue }
            var index = try Self.clampedIndex(value)
            if index < 0 { index += length; if index < lower { index = lower } } else if index > upper { index = upper }
            return index
        }
        let start = try resolve(self.start, default: step < 0 ? upper : lower)
        let stop = try resolve(self.stop, default: step < 0 ? lower : upper)
        return (start, stop, step)
    }

    static func clampedIndex(_ value: PyObject) throws -> Int {
        guard let index = try? value.indexValue() else {
            throw PyException.typeError("slice indices must be integers or None or have an __index__ method")
        }
        if case .big(let big) = index.storage { return big.negative ? Int.min / 2 : Int.max / 2 }
        return try index.toInt()
    }

    /// The positions a slice selects in a sequence of `length` items.
    func positions(_ length: Int) throws -> [Int] {
        let (start, stop, step) = try indices(length)
        var result: [Int] = []
        var index = start
        if step > 0 { while index < stop { result.append(index); index += step } }
        else { while index > stop { result.append(index); index += step } }
        return result
    }
}

/// `range(start, stop, step)` with Int bounds (bigger bounds are rare in notes and raise OverflowError).
final class PyRange: PyHeap, @unchecked Sendable {
    let start: Int, stop: Int, step: Int
    init(start: Int, stop: Int, step: Int) { self.start = start; self.stop = stop; self.step = step }
    override var pyType: PyClass { PyClass.range }
    var count: Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }
    func element(_ index: Int) -> Int { start + index * step }
}

// MARK: dict

/// A key with its Python hash, so Swift's dictionary can find it by Python's rules.
struct HashedKey: Hashable, @unchecked Sendable {
    let hash: Int
    let key: PyObject

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    static func == (a: HashedKey, b: HashedKey) -> Bool {
        a.hash == b.hash && ((try? PyObject.keysEqual(a.key, b.key)) ?? false)
    }
}

/// `dict`: insertion-ordered, keyed on Python's hash and equality.
final class PyDictStorage: PyHeap, @unchecked Sendable {
    let lock = PyMutex()
    private var index: [HashedKey: Int] = [:]
    private var keyList: [PyObject?] = []
    private var valueList: [PyObject] = []
    private var live = 0
    /// The class of a dict subclass's instance when this is its storage is held by the instance.
    override var pyType: PyClass { PyClass.dict }

    override init() {}

    var count: Int { lock.locked { live } }

    func get(_ key: PyObject) throws -> PyObject? {
        let hashed = HashedKey(hash: try key.hashValue(), key: key)
        return lock.locked { index[hashed].map { valueList[$0] } }
    }

    /// Lookup for a key already known to be a string: no hash can fail. Small tables (instance and
    /// module attributes) are scanned, which beats hashing the name.
    func get(string key: String) -> PyObject? {
        lock.locked {
            if keyList.count <= 12 {
                for (position, candidate) in keyList.enumerated() {
                    if let candidate, case .str(let text) = candidate.storage, text == key { return valueList[position] }
                }
                return nil
            }
            let hashed = HashedKey(hash: PyObject.stringHash(key), key: PyObject(storage: .str(key)))
            return index[hashed].map { valueList[$0] }
        }
    }

    /// Stores under a string key, replacing in place without hashing when the table is small.
    func set(string key: String, _ value: PyObject) {
        let replaced: Bool = lock.locked {
            guard keyList.count <= 12 else { return false }
            for (position, candidate) in keyList.enumerated() {
                if let candidate, case .str(let text) = candidate.storage, text == key { valueList[position] = value; return true }
            }
            return false
        }
        if !replaced { try? set(PyObject(storage: .str(key)), value) }
    }

    func set(_ key: PyObject, _ value: PyObject) throws {
        let hashed = HashedKey(hash: try key.hashValue(), key: key)
        lock.locked {
            if let position = index[hashed] {
                valueList[position] = value
            } else {
                index[hashed] = keyList.count
                keyList.append(key)
                valueList.append(value)
                live += 1
            }
        }
    }

    @discardableResult
    func remove(_ key: PyObject) throws -> PyObject? {
        let hashed = HashedKey(hash: try key.hashValue(), key: key)
        return lock.locked {
            guard let position = index.removeValue(forKey: hashed) else { return nil }
            let value = valueList[position]
            keyList[position] = nil
            valueList[position] = .none
            live -= 1
            if keyList.count > 16 && live * 2 < keyList.count { compact() }
            return value
        }
    }

    private func compact() {
        var newKeys: [PyObject?] = [], newValues: [PyObject] = []
        index.removeAll(keepingCapacity: true)
        for (position, key) in keyList.enumerated() {
            guard let key else { continue }
            index[HashedKey(hash: (try? key.hashValue()) ?? 0, key: key)] = newKeys.count
            newKeys.append(key)
            newValues.append(valueList[position])
        }
        keyList = newKeys
        valueList = newValues
    }

    func removeAll() {
        lock.locked { index = [:]; keyList = []; valueList = []; live = 0 }
    }

    /// The live entries in insertion order (a snapshot).
    var entries: [(PyObject, PyObject)] {
        lock.locked {
            var result: [(PyObject, PyObject)] = []
            result.reserveCapacity(live)
            for (position, key) in keyList.enumerated() { if let key { result.append((key, valueList[position])) } }
            return result
        }
    }
    var keys: [PyObject] { lock.locked { keyList.compactMap { $0 } } }

    /// The entry at a position of the internal order, for iterators that must notice resizing.
    func entry(atSlot slot: Int) -> (slot: Int, key: PyObject, value: PyObject)? {
        lock.locked {
            var position = slot
            while position < keyList.count {
                if let key = keyList[position] { return (position, key, valueList[position]) }
                position += 1
            }
            return nil
        }
    }

    /// `popitem()`: the last entry.
    func popLast() -> (PyObject, PyObject)? {
        lock.locked {
            while let last = keyList.last {
                keyList.removeLast()
                let value = valueList.removeLast()
                if let key = last {
                    index.removeValue(forKey: HashedKey(hash: (try? key.hashValue()) ?? 0, key: key))
                    live -= 1
                    return (key, value)
                }
            }
            return nil
        }
    }

    func copy() -> PyDictStorage {
        let copy = PyDictStorage()
        for (key, value) in entries { try? copy.set(key, value) }
        return copy
    }
}

// MARK: set

/// `set` and `frozenset`, laid out as CPython's open-addressed table (linear probes of 9, then
/// perturbed probing) so that iteration order, and so printing, matches CPython's for the same
/// sequence of insertions and removals.
final class PySetStorage: PyHeap, @unchecked Sendable {
    let lock = PyMutex()
    let frozen: Bool
    private enum Slot { case empty, dummy, active(hash: Int, key: PyObject) }
    private var table: [Slot] = Array(repeating: .empty, count: 8)
    private var fill = 0
    private var used = 0
    var cachedHash: Int?

    init(frozen: Bool) { self.frozen = frozen }
    override var pyType: PyClass { frozen ? PyClass.frozenset : PyClass.set }

    var count: Int { lock.locked { used } }

    private func findSlot(_ key: PyObject, _ hash: Int) -> (found: Int?, free: Int) {
        let mask = table.count - 1
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            let probes = i + 9 <= mask ? 9 : 0
            var j = i
            for _ in 0...probes {
                switch table[j] {
                case .empty: return (nil, j)
                case .active(let entryHash, let entryKey):
                    if entryHash == hash, (try? PyObject.keysEqual(entryKey, key)) ?? false { return (j, j) }
                case .dummy: break
                }
                j += 1
            }
            perturb >>= 5
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    private func insertClean(_ key: PyObject, _ hash: Int, into table: inout [Slot]) {
        let mask = table.count - 1
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            if case .empty = table[i] { table[i] = .active(hash: hash, key: key); return }
            if i + 9 <= mask {
                for j in 1...9 {
                    if case .empty = table[i + j] { table[i + j] = .active(hash: hash, key: key); return }
                }
            }
            perturb >>= 5
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    private func resize(_ minUsed: Int) {
        var newSize = 8
        while newSize <= minUsed { newSize <<= 1 }
        var newTable = [Slot](repeating: .empty, count: newSize)
        for slot in table { if case .active(let hash, let key) = slot { insertClean(key, hash, into: &newTable) } }
        table = newTable
        fill = used
    }

    func add(_ key: PyObject) throws {
        let hash = try key.hashValue()
        lock.locked { addHashed(key, hash) }
    }

    private func addHashed(_ key: PyObject, _ hash: Int) {
        let (found, free) = findSlot(key, hash)
        if found != nil { return }
        table[free] = .active(hash: hash, key: key)
        fill += 1
        used += 1
        if fill * 5 >= (table.count - 1) * 3 { resize(used > 50000 ? used * 2 : used * 4) }
    }

    func contains(_ key: PyObject) throws -> Bool {
        let hash = try key.hashValue()
        return lock.locked { findSlot(key, hash).found != nil }
    }

    @discardableResult
    func remove(_ key: PyObject) throws -> Bool {
        let hash = try key.hashValue()
        return lock.locked {
            guard let position = findSlot(key, hash).found else { return false }
            table[position] = .dummy
            used -= 1
            return true
        }
    }

    func removeAll() { lock.locked { table = Array(repeating: .empty, count: 8); fill = 0; used = 0 } }

    /// The elements in table order (a snapshot), as CPython iterates them.
    var elements: [PyObject] {
        lock.locked {
            var result: [PyObject] = []
            result.reserveCapacity(used)
            for slot in table { if case .active(_, let key) = slot { result.append(key) } }
            return result
        }
    }
    var hashedElements: [(Int, PyObject)] {
        lock.locked {
            var result: [(Int, PyObject)] = []
            for slot in table { if case .active(let hash, let key) = slot { result.append((hash, key)) } }
            return result
        }
    }

    /// `set.pop()`: CPython takes the first active slot from a moving finger; the first from the
    /// start is what a fresh set gives.
    func popFirst() -> PyObject? {
        lock.locked {
            for (position, slot) in table.enumerated() {
                if case .active(_, let key) = slot { table[position] = .dummy; used -= 1; return key }
            }
            return nil
        }
    }

    /// A copy laid out as CPython's `set(other_set)`: the same table when sizes allow.
    func copy(frozen: Bool) -> PySetStorage {
        let copy = PySetStorage(frozen: frozen)
        let source = hashedElements
        lock.locked {
            let size = table.count
            copy.lock.locked {
                if (source.count) * 5 >= (copy.table.count - 1) * 3 { copy.resize(source.count * 2) }
                if copy.table.count == size && fill == used {
                    copy.table = table
                    copy.fill = used
                    copy.used = used
                } else {
                    for (hash, key) in source { copy.insertClean(key, hash, into: &copy.table) }
                    copy.fill = source.count
                    copy.used = source.count
                }
            }
        }
        return copy
    }

    /// Adds every element of another set as CPython's set_merge does.
    func merge(_ other: PySetStorage) {
        if other === self { return }
        let source = other.hashedElements
        let (otherTable, otherClean) = other.lock.locked { (other.table, other.fill == other.used) }
        lock.locked {
            if (fill + source.count) * 5 >= (table.count - 1) * 3 { resize((used + source.count) * 2) }
            if fill == 0 {
                if table.count == otherTable.count && otherClean {
                    table = otherTable
                } else {
                    for (hash, key) in source { insertClean(key, hash, into: &table) }
                }
                fill = source.count
                used = source.count
                return
            }
            for (hash, key) in source { addHashed(key, hash) }
        }
    }

    func addHashedElement(_ key: PyObject, hash: Int) { lock.locked { addHashed(key, hash) } }
}
