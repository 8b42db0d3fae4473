/// A Python `dict`: keys keep their insertion order, and it prints as `{'a': 1}`.
public struct PyDict<Key: Hashable, Value>: ExpressibleByDictionaryLiteral, Sequence {
    private var orderedKeys: [Key] = []
    private var storage: [Key: Value] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (Key, Value)...) {
        for (key, value) in elements { self[key] = value }
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (Key, Value) {
        for (key, value) in pairs { self[key] = value }
    }

    /// Setting a new key appends it; setting an existing key keeps its place; `nil` removes it.
    public subscript(key: Key) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { orderedKeys.append(key) }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { storage[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        guard let old = storage.removeValue(forKey: key) else { return nil }
        orderedKeys.remove(at: orderedKeys.firstIndex(of: key)!)
        return old
    }

    /// `d[key]` read: the value, or `KeyError` naming the key as Python shows it (`KeyError: 'a'`).
    public func lookup(_ key: Key) throws -> Value {
        guard let value = storage[key] else { throw PythonError.keyError(keyRepr(key)) }
        return value
    }

    /// `d.get(key, default)`.
    public func get(_ key: Key, _ defaultValue: Value) -> Value { storage[key] ?? defaultValue }

    /// `d.pop(key)`: the value, or `KeyError`.
    public mutating func pop(_ key: Key) throws -> Value {
        guard let value = removeValue(forKey: key) else { throw PythonError.keyError(keyRepr(key)) }
        return value
    }

    /// `del d[key]`: `KeyError` when the key is missing.
    public mutating func delete(_ key: Key) throws {
        guard removeValue(forKey: key) != nil else { throw PythonError.keyError(keyRepr(key)) }
    }

    /// `d.pop(key, default)`.
    public mutating func pop(_ key: Key, _ defaultValue: Value) -> Value { removeValue(forKey: key) ?? defaultValue }

    /// `d.setdefault(key, default)`: the existing value, or `default` stored at the end.
    @discardableResult
    public mutating func setdefault(_ key: Key, _ defaultValue: Value) -> Value {
        if let value = storage[key] { return value }
        self[key] = defaultValue
        return defaultValue
    }

    /// `d.update(other)`: existing keys keep their place, new keys are appended in `other`'s order.
    public mutating func update(_ other: PyDict) {
        for (key, value) in other { self[key] = value }
    }

    /// `key in d`.
    public func contains(_ key: Key) -> Bool { storage[key] != nil }

    public var count: Int { orderedKeys.count }
    public var isEmpty: Bool { orderedKeys.isEmpty }
    public var keys: [Key] { orderedKeys }
    public var values: [Value] { orderedKeys.map { storage[$0]! } }
    /// `dict.items()`.
    public var items: [(key: Key, value: Value)] { orderedKeys.map { ($0, storage[$0]!) } }

    public func makeIterator() -> IndexingIterator<[(key: Key, value: Value)]> {
        items.makeIterator()
    }
}

/// `str(KeyError(k))` is `repr(k)`.
private func keyRepr(_ key: some Hashable) -> String {
    (key as? any PythonPrintable)?.pythonRepr ?? "\(key)"
}

extension PyDict: Sendable where Key: Sendable, Value: Sendable {}

extension PyDict: Equatable where Value: Equatable {
    /// Python compares dicts regardless of order.
    public static func == (lhs: PyDict, rhs: PyDict) -> Bool { lhs.storage == rhs.storage }
}

extension PyDict: CustomStringConvertible, PythonPrintable where Key: PythonPrintable, Value: PythonPrintable {
    public var pythonRepr: String {
        "{" + items.map { $0.key.pythonRepr + ": " + $0.value.pythonRepr }.joined(separator: ", ") + "}"
    }
    public var description: String { pythonRepr }
}
