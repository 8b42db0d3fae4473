/// The special methods every container class has, delegating to the operation on the built-in
/// value, so subclasses can call `super().__getitem__(k)` and `list.__len__(xs)`.
enum ContainerDunders {
    static func install(_ type: PyClass, hashable: Bool, subscriptable: Bool = true) {
        type.method("__len__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.length()) }
        type.method("__iter__", arity: 0...0) { this, _ in try this.builtinValue.iterate().pythonObject }
        type.method("__contains__", arity: 1...1) { this, arguments in PyObject(try this.builtinValue.contains(arguments[0])) }
        if subscriptable {
            type.method("__getitem__", arity: 1...1) { this, arguments in try this.builtinValue.item(arguments[0]) }
        }
        type.method("__repr__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.repr()) }
        // As `object.__str__`: the object's own repr, so a subclass (a namedtuple) prints as its `__repr__` says.
        type.method("__str__", arity: 0...0) { this, _ in PyObject(try this.repr()) }
        type.method("__bool__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.truthy()) }
        let comparisons: [PyCompareOperator] = [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]
        for operation in comparisons {
            type.method(operation.dunder, arity: 1...1) { this, arguments in
                try PyObject.nativeCompare(operation, this.builtinValue, arguments[0].builtinValue) ?? .notImplemented
            }
        }
        for operation in [PyBinaryOperator.add, .multiply, .or, .and, .subtract, .xor] {
            type.method(operation.dunder, arity: 1...1) { this, arguments in
                try PyObject.nativeBinary(operation, this.builtinValue, arguments[0].builtinValue) ?? .notImplemented
            }
        }
        if hashable {
            type.method("__hash__", arity: 0...0) { this, _ in PyObject(try this.builtinValue.hashValue()) }
        } else {
            type.setOwn("__hash__", PyObject.none)
        }
        type.method("__format__", arity: 1...1) { this, arguments in
            PyObject(try PyFormatting.formatBuiltin(this.builtinValue, try arguments[0].toString()))
        }
    }

    static func installMutable(_ type: PyClass) {
        type.method("__setitem__", arity: 2...2) { this, arguments in try this.builtinValue.setItem(arguments[0], arguments[1]); return .none }
        type.method("__delitem__", arity: 1...1) { this, arguments in try this.builtinValue.deleteItem(arguments[0]); return .none }
        for operation in [PyBinaryOperator.add, .multiply, .or, .and, .subtract, .xor] {
            type.method(operation.inPlace, arity: 1...1) { this, arguments in
                _ = try this.builtinValue.inPlace(operation, arguments[0])
                return this
            }
        }
    }
}

enum ListMethods {
    static func list(_ this: PyObject) throws -> PyList {
        guard let list = this.builtinValue.heap as? PyList else { throw PyException.typeError("descriptor requires a 'list' object but received a '\(this.typeName)'") }
        return list
    }

    static func install(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("list", arguments, keywords).requireCount(0...1)
            return .list(try arguments.first?.collect() ?? [])
        }
        ContainerDunders.install(type, hashable: false)
        ContainerDunders.installMutable(type)
        type.method("__init__") { this, arguments, keywords in
            try BuiltinArguments("list", arguments, keywords).requireCount(0...1)
            let items = try arguments.first?.collect() ?? []
            try list(this).items = items
            return .none
        }
        type.method("__reversed__", arity: 0...0) { this, _ in
            let items = try list(this).items.reversed().map { $0 }
            return PyIterator(.items(items)).pythonObject
        }
        type.method("append", arity: 1...1) { this, arguments in try list(this).append(arguments[0]); return .none }
        type.method("extend", arity: 1...1) { this, arguments in
            let items = try arguments[0].collect()
            try list(this).modify { $0.append(contentsOf: items) }
            return .none
        }
        type.method("insert", arity: 2...2) { this, arguments in
            var index = try arguments[0].indexValue().toInt()
            try list(this).modify { items in
                if index < 0 { index = max(0, index + items.count) }
                items.insert(arguments[1], at: min(index, items.count))
            }
            return .none
        }
        type.method("pop", arity: 0...1) { this, arguments in
            let target = try list(this)
            var index = try arguments.first?.indexValue().toInt() ?? -1
            return try target.modify { items in
                if items.isEmpty { throw PyException.indexError("pop from empty list") }
                if index < 0 { index += items.count }
                guard index >= 0 && index < items.count else { throw PyException.indexError("pop index out of range") }
                return items.remove(at: index)
            }
        }
        type.method("remove", arity: 1...1) { this, arguments in
            let target = try list(this)
            let items = target.items
            for (index, item) in items.enumerated() where try item.isIdentical(to: arguments[0]) || item.equals(arguments[0]) {
                target.modify { current in
                    if index < current.count { current.remove(at: index) }
                }
                return .none
            }
            throw PyException.valueError("list.remove(x): x not in list")
        }
        type.method("index", arity: 1...3) { this, arguments in
            let items = try list(this).items
            let (start, stop) = try searchBounds(arguments, items.count)
            var index = start
            while index < stop {
                if try items[index].isIdentical(to: arguments[0]) || items[index].equals(arguments[0]) { return PyObject(index) }
                index += 1
            }
            throw PyException.valueError("\(try arguments[0].repr()) is not in list")
        }
        type.method("count", arity: 1...1) { this, arguments in
            var count = 0
            for item in try list(this).items where try item.isIdentical(to: arguments[0]) || item.equals(arguments[0]) { count += 1 }
            return PyObject(count)
        }
        type.method("clear", arity: 0...0) { this, _ in try list(this).items = []; return .none }
        type.method("copy", arity: 0...0) { this, _ in .list(try list(this).items) }
        type.method("reverse", arity: 0...0) { this, _ in try list(this).modify { $0.reverse() }; return .none }
        type.method("sort") { this, arguments, keywords in
            var args = BuiltinArguments("sort", arguments, keywords)
            let key = args.take("key") ?? .none
            let reverse = try args.take("reverse")?.truthy() ?? false
            if !args.positional.isEmpty { throw PyException.typeError("sort() takes no positional arguments") }
            try args.rejectKeywords()
            let target = try list(this)
            let sorted = try PyBuiltins.sortedItems(target.items, key: key, reverse: reverse)
            target.items = sorted
            return .none
        }
    }

    static func searchBounds(_ arguments: [PyObject], _ count: Int) throws -> (Int, Int) {
        func clamp(_ value: Int) -> Int { value < 0 ? max(0, value + count) : min(value, count) }
        let start = arguments.count > 1 ? clamp(try arguments[1].indexValue().toInt()) : 0
        let stop = arguments.count > 2 ? clamp(try arguments[2].indexValue().toInt()) : count
        return (start, stop)
    }
}

enum TupleMethods {
    static func install(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("tuple", arguments, keywords).requireCount(0...1)
            guard let source = arguments.first else { return .tuple([]) }
            if source.heap is PyTupleStorage { return source }
            return .tuple(try source.collect())
        }
        ContainerDunders.install(type, hashable: true)
        type.method("index", arity: 1...3) { this, arguments in
            guard let tuple = this.builtinValue.heap as? PyTupleStorage else { return .none }
            let (start, stop) = try ListMethods.searchBounds(arguments, tuple.items.count)
            var index = start
            while index < stop {
                if try tuple.items[index].isIdentical(to: arguments[0]) || tuple.items[index].equals(arguments[0]) { return PyObject(index) }
                index += 1
            }
            throw PyException.valueError("tuple.index(x): x not in tuple")
        }
        type.method("count", arity: 1...1) { this, arguments in
            guard let tuple = this.builtinValue.heap as? PyTupleStorage else { return .none }
            var count = 0
            for item in tuple.items where try item.isIdentical(to: arguments[0]) || item.equals(arguments[0]) { count += 1 }
            return PyObject(count)
        }
        type.method("__getnewargs__", arity: 0...0) { this, _ in .tuple([this.builtinValue]) }
    }
}

extension PyObject {
    /// `dict.update(other)`: a mapping's items or an iterable of pairs.
    static func updateDict(_ dict: PyDictStorage, from other: PyObject) throws {
        if let source = other.builtinValue.heap as? PyDictStorage {
            for (key, value) in source.entries { try dict.set(key, value) }
            return
        }
        if other.heap is PyInstance, let keys = try other.findAttribute("keys") {
            for key in try keys.call([]).collect() { try dict.set(key, try other.item(key)) }
            return
        }
        let iterator = try other.iterate()
        var index = 0
        while let pair = try iterator.next() {
            let items: [PyObject]
            do { items = try pair.collect() } catch {
                throw PyException.typeError("cannot convert dictionary update sequence element #\(index) to a sequence")
            }
            guard items.count == 2 else {
                throw PyException.valueError("dictionary update sequence element #\(index) has length \(items.count); 2 is required")
            }
            try dict.set(items[0], items[1])
            index += 1
        }
    }
}

enum DictMethods {
    static func dict(_ this: PyObject) throws -> PyDictStorage {
        guard let dict = this.builtinValue.heap as? PyDictStorage else { throw PyException.typeError("descriptor requires a 'dict' object but received a '\(this.typeName)'") }
        return dict
    }

    static func install(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments("dict", arguments, []).requireCount(0...1)
            let result = PyDictStorage()
            if let source = arguments.first { try PyObject.updateDict(result, from: source) }
            for (key, value) in keywords { try result.set(PyObject(key), value) }
            return PyObject(result)
        }
        ContainerDunders.install(type, hashable: false)
        ContainerDunders.installMutable(type)
        type.method("__init__") { this, arguments, keywords in
            try BuiltinArguments("dict", arguments, []).requireCount(0...1)
            let target = try dict(this)
            if let source = arguments.first { try PyObject.updateDict(target, from: source) }
            for (key, value) in keywords { try target.set(PyObject(key), value) }
            return .none
        }
        type.method("keys", arity: 0...0) { this, _ in PyObject(PyDictView(try dict(this), .keys)) }
        type.method("values", arity: 0...0) { this, _ in PyObject(PyDictView(try dict(this), .values)) }
        type.method("items", arity: 0...0) { this, _ in PyObject(PyDictView(try dict(this), .items)) }
        type.method("get", arity: 1...2) { this, arguments in
            try dict(this).get(arguments[0]) ?? (arguments.count > 1 ? arguments[1] : .none)
        }
        type.method("setdefault", arity: 1...2) { this, arguments in
            let target = try dict(this)
            if let existing = try target.get(arguments[0]) { return existing }
            let value = arguments.count > 1 ? arguments[1] : .none
            try target.set(arguments[0], value)
            return value
        }
        type.method("pop", arity: 1...2) { this, arguments in
            if let value = try dict(this).remove(arguments[0]) { return value }
            if arguments.count > 1 { return arguments[1] }
            throw PyException.keyError(arguments[0])
        }
        type.method("popitem", arity: 0...0) { this, _ in
            guard let (key, value) = try dict(this).popLast() else { throw PyException.keyError(PyObject("popitem(): dictionary is empty")) }
            return .tuple([key, value])
        }
        type.method("update") { this, arguments, keywords in
            try BuiltinArguments("update", arguments, []).requireCount(0...1)
            let target = try dict(this)
            if let source = arguments.first { try PyObject.updateDict(target, from: source) }
            for (key, value) in keywords { try target.set(PyObject(key), value) }
            return .none
        }
        type.method("clear", arity: 0...0) { this, _ in try dict(this).removeAll(); return .none }
        type.method("copy", arity: 0...0) { this, _ in PyObject(try dict(this).copy()) }
        type.method("__reversed__", arity: 0...0) { this, _ in PyIterator(.items(try dict(this).keys.reversed())).pythonObject }
        let fromKeys = PyObject.builtin("fromkeys") { arguments, _ in
            guard arguments.count >= 2 else { throw PyException.typeError("fromkeys expected at least 1 argument, got 0") }
            let result = PyDictStorage()
            let value = arguments.count > 2 ? arguments[2] : .none
            for key in try arguments[1].collect() { try result.set(key, value) }
            if let cls = arguments[0].heap as? PyClass, cls !== PyClass.dict {
                let instance = try cls.instantiate([], [])
                try PyObject.updateDict(try dict(instance), from: PyObject(result))
                return instance
            }
            return PyObject(result)
        }
        type.setOwn("fromkeys", PyObject(PyMethodWrapper(.classMethod, fromKeys)))
    }
}

/// `dict.keys()`, `values()`, `items()`: live views.
final class PyDictView: PyHeap, @unchecked Sendable {
    enum Kind { case keys, values, items }
    let dict: PyDictStorage
    let kind: Kind
    init(_ dict: PyDictStorage, _ kind: Kind) { self.dict = dict; self.kind = kind }
    override var pyType: PyClass {
        switch kind {
        case .keys: PyClass.dictKeys
        case .values: PyClass.dictValues
        case .items: PyClass.dictItems
        }
    }
    var elements: [PyObject] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.entries.map(\.1)
        case .items: return dict.entries.map { PyObject.tuple([$0.0, $0.1]) }
        }
    }
}

extension PyClass {
    static let dictKeys: PyClass = makeViewClass("dict_keys")
    static let dictValues: PyClass = makeViewClass("dict_values")
    static let dictItems: PyClass = makeViewClass("dict_items")

    private static func makeViewClass(_ name: String) -> PyClass {
        let type = builtin(name, base: object, layout: .other, final: true)
        type.method("__iter__", arity: 0...0) { this, _ in
            guard let view = this.heap as? PyDictView else { return .none }
            let typeName = view.kind == .keys ? "dict_keyiterator" : (view.kind == .values ? "dict_valueiterator" : "dict_itemiterator")
            switch view.kind {
            case .keys: return PyObject.dictIterator(view.dict, typeName) { key, _ in key }
            case .values: return PyObject.dictIterator(view.dict, typeName) { _, value in value }
            case .items: return PyObject.dictIterator(view.dict, typeName) { key, value in .tuple([key, value]) }
            }
        }
        type.method("__len__", arity: 0...0) { this, _ in PyObject((this.heap as? PyDictView)?.dict.count ?? 0) }
        type.method("__repr__", arity: 0...0) { this, _ in
            guard let view = this.heap as? PyDictView else { return .none }
            return PyObject("\(name)(\(try PyObject.list(view.elements).repr()))")
        }
        type.method("__contains__", arity: 1...1) { this, arguments in
            guard let view = this.heap as? PyDictView else { return .False }
            switch view.kind {
            case .keys: return PyObject(try view.dict.get(arguments[0]) != nil)
            default: return PyObject(try PyObject.list(view.elements).contains(arguments[0]))
            }
        }
        type.method("__reversed__", arity: 0...0) { this, _ in
            PyIterator(.items(((this.heap as? PyDictView)?.elements ?? []).reversed())).pythonObject
        }
        if name != "dict_values" {
            for operation in [PyBinaryOperator.and, .or, .subtract, .xor] {
                type.method(operation.dunder, arity: 1...1) { this, arguments in
                    guard let view = this.heap as? PyDictView else { return .notImplemented }
                    let left = try PyObject.set(view.elements)
                    let right = try PyObject.set(try arguments[0].collect())
                    return try left.binary(operation, right)
                }
            }
            for operation in [PyCompareOperator.equal, .notEqual, .lessEqual, .less, .greaterEqual, .greater] {
                type.method(operation.dunder, arity: 1...1) { this, arguments in
                    guard let view = this.heap as? PyDictView else { return .notImplemented }
                    let other = arguments[0]
                    guard other.heap is PyDictView || other.heap is PySetStorage else { return .notImplemented }
                    return try PyObject.set(view.elements).compare(operation, try PyObject.set(try other.collect()))
                }
            }
        }
        type.method("isdisjoint", arity: 1...1) { this, arguments in
            let mine = try PyObject.set((this.heap as? PyDictView)?.elements ?? [])
            for item in try arguments[0].collect() where try mine.contains(item) { return .False }
            return .True
        }
        return type
    }
}

enum SetMethods {
    static func set(_ this: PyObject) throws -> PySetStorage {
        guard let set = this.builtinValue.heap as? PySetStorage else { throw PyException.typeError("descriptor requires a 'set' object but received a '\(this.typeName)'") }
        return set
    }

    static func storage(of value: PyObject) throws -> PySetStorage {
        if let set = value.builtinValue.heap as? PySetStorage { return set }
        let made = PySetStorage(frozen: false)
        for item in try value.collect() { try made.add(item) }
        return made
    }

    static func install(_ type: PyClass) {
        let frozen = type.name == "frozenset"
        type.nativeConstructor = { arguments, keywords in
            try BuiltinArguments(type.name, arguments, keywords).requireCount(0...1)
            guard let source = arguments.first else { return PyObject(PySetStorage(frozen: frozen)) }
            if frozen, let existing = source.heap as? PySetStorage, existing.frozen { return source }
            if let existing = source.builtinValue.heap as? PySetStorage { return PyObject(existing.copy(frozen: frozen)) }
            let made = PySetStorage(frozen: frozen)
            for item in try source.collect() { try made.add(item) }
            return PyObject(made)
        }
        ContainerDunders.install(type, hashable: frozen, subscriptable: false)
        if !frozen {
            ContainerDunders.installMutable(type)
            type.setOwn("__setitem__", nil)
            type.setOwn("__delitem__", nil)
            type.method("__init__") { this, arguments, keywords in
                try BuiltinArguments("set", arguments, keywords).requireCount(0...1)
                let target = try set(this)
                target.removeAll()
                if let source = arguments.first { for item in try source.collect() { try target.add(item) } }
                return .none
            }
            type.method("add", arity: 1...1) { this, arguments in try set(this).add(arguments[0]); return .none }
            type.method("discard", arity: 1...1) { this, arguments in try set(this).remove(arguments[0]); return .none }
            type.method("remove", arity: 1...1) { this, arguments in
                guard try set(this).remove(arguments[0]) else { throw PyException.keyError(arguments[0]) }
                return .none
            }
            type.method("pop", arity: 0...0) { this, _ in
                guard let element = try set(this).popFirst() else { throw PyException.keyError(PyObject("pop from an empty set")) }
                return element
            }
            type.method("clear", arity: 0...0) { this, _ in try set(this).removeAll(); return .none }
            type.method("update") { this, arguments, _ in
                let target = try set(this)
                for other in arguments { target.merge(try storage(of: other)) }
                return .none
            }
            for (name, operation) in [("intersection_update", PyBinaryOperator.and), ("difference_update", .subtract), ("symmetric_difference_update", .xor)] {
                type.method(name) { this, arguments, _ in
                    for other in arguments { _ = try this.builtinValue.inPlace(operation, PyObject(try storage(of: other))) }
                    return .none
                }
            }
        }
        type.method("copy", arity: 0...0) { this, _ in PyObject(try set(this).copy(frozen: frozen)) }
        for (name, operation) in [("union", PyBinaryOperator.or), ("intersection", .and), ("difference", .subtract), ("symmetric_difference", .xor)] {
            type.method(name) { this, arguments, _ in
                var result = PyObject(try set(this).copy(frozen: frozen))
                for other in arguments { result = try PyObject.setBinary(operation, try set(result), try storage(of: other)) ?? result }
                return result
            }
        }
        type.method("issubset", arity: 1...1) { this, arguments in
            try PyObject(set(this)).compare(.lessEqual, PyObject(try storage(of: arguments[0])))
        }
        type.method("issuperset", arity: 1...1) { this, arguments in
            try PyObject(set(this)).compare(.greaterEqual, PyObject(try storage(of: arguments[0])))
        }
        type.method("isdisjoint", arity: 1...1) { this, arguments in
            let mine = try set(this)
            for item in try arguments[0].collect() where try mine.contains(item) { return .False }
            return .True
        }
    }
}
