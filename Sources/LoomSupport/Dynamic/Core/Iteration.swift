/// `iter(x)` as the Swift side drives it: `while let item = try iterator.next() { … }`.
/// Lists, tuples, ranges and strings are walked directly, without a Python iterator object.
public final class PyIterator {
    enum Source {
        case list(PyList)
        case items([PyObject])
        case range(current: Int, stop: Int, step: Int)
        case scalars(String.UnicodeScalarView, String.UnicodeScalarView.Index)
        case object(PyObject)
        case sequence(PyObject)
    }
    private var source: Source
    private var position = 0

    init(_ source: Source) { self.source = source }

    /// `next(iterator)`: the next item, or nil at StopIteration.
    public func next() throws -> PyObject? {
        switch source {
        case .list(let list):
            guard let item = list.item(at: position) else { return nil }
            position += 1
            return item
        case .items(let items):
            guard position < items.count else { return nil }
            position += 1
            return items[position - 1]
        case .range(let current, let stop, let step):
            if step > 0 ? current >= stop : current <= stop { return nil }
            source = .range(current: current + step, stop: stop, step: step)
            return PyObject(storage: .int(current))
        case .scalars(let scalars, let index):
            guard index < scalars.endIndex else { return nil }
            source = .scalars(scalars, scalars.index(after: index))
            return PyObject(storage: .str(String(Character(scalars[index]))))
        case .object(let iterator):
            return try PyObject.nextOf(iterator)
        case .sequence(let sequence):
            do {
                let item = try sequence.item(PyObject(position))
                position += 1
                return item
            } catch let error as PyException where error.isInstance(of: PyClass.indexError) || error.isInstance(of: PyClass.stopIteration) {
                return nil
            }
        }
    }

    /// The iterator as a Python object, for `iter(x)`.
    var pythonObject: PyObject {
        if case .object(let iterator) = source { return iterator }
        let typeName: String
        switch source {
        case .list: typeName = "list_iterator"
        case .items: typeName = "tuple_iterator"
        case .range: typeName = "range_iterator"
        case .scalars: typeName = "str_ascii_iterator"
        default: typeName = "iterator"
        }
        return PyObject(PyNativeIterator(typeName) { [self] in try self.next() })
    }

    func containsByIteration(_ item: PyObject) throws -> Bool {
        while let element = try next() { if try element.isIdentical(to: item) || element.equals(item) { return true } }
        return false
    }
}

extension PyObject {
    /// `iter(x)`.
    public func iterate() throws -> PyIterator {
        switch storage {
        case .str(let text): return PyIterator(.scalars(text.unicodeScalars, text.unicodeScalars.startIndex))
        case .heap(let object):
            switch object {
            case let list as PyList: return PyIterator(.list(list))
            case let tuple as PyTupleStorage: return PyIterator(.items(tuple.items))
            case let range as PyRange: return PyIterator(.range(current: range.start, stop: range.stop, step: range.step))
            case let dict as PyDictStorage: return PyIterator(.object(PyObject.dictIterator(dict, "dict_keyiterator") { key, _ in key }))
            case let set as PySetStorage:
                let size = set.count
                let elements = set.elements
                var index = 0
                return PyIterator(.object(PyObject(PyNativeIterator("set_iterator") {
                    if set.count != size { throw PyException.make(PyClass.runtimeError, "Set changed size during iteration") }
                    guard index < elements.count else { return nil }
                    index += 1
                    return elements[index - 1]
                })))
            case let bytes as PyBytes: return PyIterator(.items(bytes.bytes.map { PyObject(Int($0)) }))
            case is PyNativeIterator: return PyIterator(.object(self))
            case is PyGeneratorObject: return PyIterator(.object(self))
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__iter__") {
                    let iterator = try method.callBound(self, [])
                    guard iterator.hasNext else {
                        throw PyException.typeError("iter() returned non-iterator of type '\(iterator.typeName)'")
                    }
                    return PyIterator(.object(iterator))
                }
                if let base = instance.builtinBase {
                    if instance.cls.overrides("__getitem__") != nil, !(base.heap is PyDictStorage) { return PyIterator(.sequence(self)) }
                    return try base.iterate()
                }
                if instance.cls.overrides("__getitem__") != nil { return PyIterator(.sequence(self)) }
            default:
                if let method = object.pyType.lookup("__iter__") {
                    return PyIterator(.object(try method.callBound(self, [])))
                }
            }
        default: break
        }
        throw PyException.typeError("'\(typeName)' object is not iterable")
    }

    var hasNext: Bool {
        guard let object = heap else { return false }
        if object is PyNativeIterator || object is PyGeneratorObject { return true }
        return object.pyType.lookup("__next__") != nil
    }

    /// `next(iterator)` on a Python iterator object; nil at StopIteration.
    static func nextOf(_ iterator: PyObject) throws -> PyObject? {
        if let native = iterator.heap as? PyNativeIterator { return try native.nextValue() }
        if let generator = iterator.heap as? PyGeneratorObject { return try generator.resume(sending: .none) }
        guard let method = iterator.pyType.lookup("__next__") else {
            throw PyException.typeError("'\(iterator.typeName)' object is not an iterator")
        }
        do {
            return try method.callBound(iterator, [])
        } catch let error as PyException where error.isInstance(of: PyClass.stopIteration) {
            return nil
        }
    }

    static func dictIterator(_ dict: PyDictStorage, _ typeName: String, _ project: @escaping (PyObject, PyObject) -> PyObject) -> PyObject {
        let size = dict.count
        var slot = 0
        return PyObject(PyNativeIterator(typeName) {
            if dict.count != size { throw PyException.make(PyClass.runtimeError, "dictionary changed size during iteration") }
            guard let entry = dict.entry(atSlot: slot) else { return nil }
            slot = entry.slot + 1
            return project(entry.key, entry.value)
        })
    }

    /// Every item of an iterable.
    func collect() throws -> [PyObject] {
        switch storage {
        case .heap(let object):
            if let list = object as? PyList { return list.items }
            if let tuple = object as? PyTupleStorage { return tuple.items }
            if let dict = object as? PyDictStorage { return dict.keys }
            if let set = object as? PySetStorage { return set.elements }
        default: break
        }
        let iterator = try iterate()
        var result: [PyObject] = []
        while let item = try iterator.next() { result.append(item) }
        return result
    }

    // MARK: Unpacking

    /// `a, b = pair`.
    public func unpack2() throws -> (PyObject, PyObject) {
        let parts = try unpack(count: 2)
        return (parts[0], parts[1])
    }

    /// `a, b, c = triple`.
    public func unpack3() throws -> (PyObject, PyObject, PyObject) {
        let parts = try unpack(count: 3)
        return (parts[0], parts[1], parts[2])
    }

    /// `a, b, … = value` with exactly `count` targets.
    public func unpack(count: Int) throws -> [PyObject] {
        guard (try? iterate()) != nil else {
            throw PyException.typeError("cannot unpack non-iterable \(typeName) object")
        }
        let iterator = try iterate()
        var result: [PyObject] = []
        while let item = try iterator.next() {
            if result.count == count {
                if let known = try? length() {
                    throw PyException.valueError("too many values to unpack (expected \(count), got \(known))")
                }
                throw PyException.valueError("too many values to unpack (expected \(count))")
            }
            result.append(item)
        }
        if result.count < count {
            throw PyException.valueError("not enough values to unpack (expected \(count), got \(result.count))")
        }
        return result
    }

    /// `first, *middle, last = value`: `before` targets, a list, then `after` targets.
    public func unpack(before: Int, after: Int) throws -> [PyObject] {
        guard (try? iterate()) != nil else {
            throw PyException.typeError("cannot unpack non-iterable \(typeName) object")
        }
        let items = try collect()
        if items.count < before + after {
            throw PyException.valueError("not enough values to unpack (expected at least \(before + after), got \(items.count))")
        }
        var result = Array(items[0..<before])
        result.append(.list(Array(items[before..<(items.count - after)])))
        result.append(contentsOf: items[(items.count - after)...])
        return result
    }

    // MARK: Items

    /// `container[key]`.
    public func item(_ key: PyObject) throws -> PyObject {
        switch storage {
        case .str(let text):
            if let slice = key.heap as? PySlice {
                let scalars = Array(text.unicodeScalars)
                var out = String.UnicodeScalarView()
                for index in try slice.positions(scalars.count) { out.append(scalars[index]) }
                return PyObject(String(out))
            }
            guard let index = try? key.indexValue() else {
                throw PyException.typeError("string indices must be integers, not '\(key.typeName)'")
            }
            let scalars = text.unicodeScalars
            let count = scalars.count
            guard let position = PyObject.normalizedIndex(index, count) else { throw PyException.indexError("string index out of range") }
            return PyObject(String(Character(scalars[scalars.index(scalars.startIndex, offsetBy: position)])))
        case .heap(let object):
            switch object {
            case let list as PyList:
                if case .int(var index) = key.storage {
                    let items = list.items
                    if index < 0 { index += items.count }
                    guard index >= 0 && index < items.count else { throw PyException.indexError("list index out of range") }
                    return items[index]
                }
                if let slice = key.heap as? PySlice {
                    let items = list.items
                    return .list(try slice.positions(items.count).map { items[$0] })
                }
                guard let index = try? key.indexValue() else {
                    throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
                }
                let items = list.items
                guard let position = PyObject.normalizedIndex(index, items.count) else { throw PyException.indexError("list index out of range") }
                return items[position]
            case let tuple as PyTupleStorage:
                if let slice = key.heap as? PySlice { return .tuple(try slice.positions(tuple.items.count).map { tuple.items[$0] }) }
                guard let index = try? key.indexValue() else {
                    throw PyException.typeError("tuple indices must be integers or slices, not \(key.typeName)")
                }
                guard let position = PyObject.normalizedIndex(index, tuple.items.count) else { throw PyException.indexError("tuple index out of range") }
                return tuple.items[position]
            case let dict as PyDictStorage:
                guard let value = try dict.get(key) else { throw PyException.keyError(key) }
                return value
            case let range as PyRange:
                if let slice = key.heap as? PySlice {
                    let (start, _, step) = try slice.indices(range.count)
                    let positions = try slice.positions(range.count)
                    let first = range.element(start)
                    return PyObject(PyRange(start: first, stop: first + positions.count * step * range.step, step: step * range.step))
                }
                guard let index = try? key.indexValue() else {
                    throw PyException.typeError("range indices must be integers or slices, not \(key.typeName)")
                }
                guard let position = PyObject.normalizedIndex(index, range.count) else { throw PyException.indexError("range object index out of range") }
                return PyObject(range.element(position))
            case let bytes as PyBytes:
                let values = bytes.bytes
                if let slice = key.heap as? PySlice {
                    return PyObject(PyBytes(try slice.positions(values.count).map { values[$0] }, mutable: bytes.mutable))
                }
                guard let index = try? key.indexValue() else {
                    throw PyException.typeError("byte indices must be integers or slices, not \(key.typeName)")
                }
                guard let position = PyObject.normalizedIndex(index, values.count) else { throw PyException.indexError("index out of range") }
                return PyObject(Int(values[position]))
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__getitem__") { return try method.callBound(self, [key]) }
                if let base = instance.builtinBase {
                    if let dict = base.heap as? PyDictStorage, try dict.get(key) == nil, let missing = instance.cls.overrides("__missing__") {
                        return try missing.callBound(self, [key])
                    }
                    return try base.item(key)
                }
            case let type as PyClass:
                if let hook = type.lookup("__class_getitem__") {
                    return try PyObject.bindToClass(hook, type).call([key])
                }
                if !type.isHeapType {
                    let arguments = (key.heap as? PyTupleStorage)?.items ?? [key]
                    return PyObject(PyGenericAlias(origin: self, arguments: arguments))
                }
                throw PyException.typeError("type '\(type.name)' is not subscriptable")
            default:
                if let method = object.pyType.lookup("__getitem__"), !(method.heap is PyBuiltin) { return try method.callBound(self, [key]) }
            }
        default: break
        }
        throw PyException.typeError("'\(typeName)' object is not subscriptable")
    }

    static func normalizedIndex(_ index: PyObject, _ count: Int) -> Int? {
        guard case .int(var position) = index.storage else { return nil }
        if position < 0 { position += count }
        return position >= 0 && position < count ? position : nil
    }

    /// `container[key] = value`.
    public func setItem(_ key: PyObject, _ value: PyObject) throws {
        if case .heap(let object) = storage {
            switch object {
            case let list as PyList:
                if let slice = key.heap as? PySlice {
                    let replacement = try value.collect()
                    try list.modify { items in
                        let (start, stop, step) = try slice.indices(items.count)
                        if step == 1 {
                            let upper = max(start, stop)
                            items.replaceSubrange(start..<upper, with: replacement)
                        } else {
                            let positions = try slice.positions(items.count)
                            guard positions.count == replacement.count else {
                                throw PyException.valueError("attempt to assign sequence of size \(replacement.count) to extended slice of size \(positions.count)")
                            }
                            for (offset, position) in positions.enumerated() { items[position] = replacement[offset] }
                        }
                    }
                    return
                }
                guard let index = try? key.indexValue() else {
                    throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
                }
                try list.modify { items in
                    guard let position = PyObject.normalizedIndex(index, items.count) else {
                        throw PyException.indexError("list assignment index out of range")
                    }
                    items[position] = value
                }
                return
            case let dict as PyDictStorage:
                try dict.set(key, value)
                return
            case let bytes as PyBytes where bytes.mutable:
                guard let position = PyObject.normalizedIndex(try key.indexValue(), bytes.bytes.count) else {
                    throw PyException.indexError("bytearray index out of range")
                }
                let byte = try value.toInt()
                guard (0...255).contains(byte) else { throw PyException.valueError("byte must be in range(0, 256)") }
                bytes.bytes[position] = UInt8(byte)
                return
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__setitem__") { _ = try method.callBound(self, [key, value]); return }
                if let base = instance.builtinBase { try base.setItem(key, value); return }
            default:
                if let method = object.pyType.lookup("__setitem__"), !(method.heap is PyBuiltin) {
                    _ = try method.callBound(self, [key, value]); return
                }
            }
        }
        throw PyException.typeError("'\(typeName)' object does not support item assignment")
    }

    /// `del container[key]`.
    public func deleteItem(_ key: PyObject) throws {
        if case .heap(let object) = storage {
            switch object {
            case let list as PyList:
                if let slice = key.heap as? PySlice {
                    try list.modify { items in
                        let positions = Set(try slice.positions(items.count))
                        items = items.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
                    }
                    return
                }
                guard let index = try? key.indexValue() else {
                    throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
                }
                try list.modify { items in
                    guard let position = PyObject.normalizedIndex(index, items.count) else {
                        throw PyException.indexError("list assignment index out of range")
                    }
                    items.remove(at: position)
                }
                return
            case let dict as PyDictStorage:
                guard try dict.remove(key) != nil else { throw PyException.keyError(key) }
                return
            case let instance as PyInstance:
                if let method = instance.cls.overrides("__delitem__") { _ = try method.callBound(self, [key]); return }
                if let base = instance.builtinBase { try base.deleteItem(key); return }
            default: break
            }
        }
        throw PyException.typeError("'\(typeName)' object doesn't support item deletion")
    }
}
