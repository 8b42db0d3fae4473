import Foundation

/// A binary operator, with the special methods that implement it.
public enum PyBinaryOperator: Sendable {
    case add, subtract, multiply, trueDivide, floorDivide, remainder, power, leftShift, rightShift, and, or, xor, matrixMultiply

    var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .trueDivide: "/"
        case .floorDivide: "//"
        case .remainder: "%"
        case .power: "** or pow()"
        case .leftShift: "<<"
        case .rightShift: ">>"
        case .and: "&"
        case .or: "|"
        case .xor: "^"
        case .matrixMultiply: "@"
        }
    }
    var stem: String {
        switch self {
        case .add: "add"
        case .subtract: "sub"
        case .multiply: "mul"
        case .trueDivide: "truediv"
        case .floorDivide: "floordiv"
        case .remainder: "mod"
        case .power: "pow"
        case .leftShift: "lshift"
        case .rightShift: "rshift"
        case .and: "and"
        case .or: "or"
        case .xor: "xor"
        case .matrixMultiply: "matmul"
        }
    }
    var dunder: String { "__\(stem)__" }
    var reflected: String { "__r\(stem)__" }
    var inPlace: String { "__i\(stem)__" }
}

/// A rich comparison.
public enum PyCompareOperator: Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    var symbol: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        }
    }
    var dunder: String {
        switch self {
        case .equal: "__eq__"
        case .notEqual: "__ne__"
        case .less: "__lt__"
        case .lessEqual: "__le__"
        case .greater: "__gt__"
        case .greaterEqual: "__ge__"
        }
    }
    var swapped: PyCompareOperator {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        }
    }
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        case .greaterEqual: order >= 0
        }
    }
}

infix operator ** : PythonPowerPrecedence
precedencegroup PythonPowerPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}

extension PyObject {
    public static func + (a: PyObject, b: PyObject) throws -> PyObject {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? PyObject(BigInt(x) + BigInt(y)) : PyObject(storage: .int(sum))
        }
        return try a.binary(.add, b)
    }
    public static func - (a: PyObject, b: PyObject) throws -> PyObject {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? PyObject(BigInt(x) - BigInt(y)) : PyObject(storage: .int(difference))
        }
        return try a.binary(.subtract, b)
    }
    public static func * (a: PyObject, b: PyObject) throws -> PyObject {
        if case .int(let x) = a.storage, case .int(let y) = b.storage {
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? PyObject(BigInt(x) * BigInt(y)) : PyObject(storage: .int(product))
        }
        return try a.binary(.multiply, b)
    }
    public static func / (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.trueDivide, b) }
    public static func % (a: PyObject, b: PyObject) throws -> PyObject {
        if case .int(let x) = a.storage, case .int(let y) = b.storage, y > 0 {
            let r = x % y
            return PyObject(storage: .int(r < 0 ? r + y : r))
        }
        return try a.binary(.remainder, b)
    }
    public static func ** (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.power, b) }
    public static func << (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.leftShift, b) }
    public static func >> (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.rightShift, b) }
    public static func & (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.and, b) }
    public static func | (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.or, b) }
    public static func ^ (a: PyObject, b: PyObject) throws -> PyObject { try a.binary(.xor, b) }
    public func floorDivide(_ b: PyObject) throws -> PyObject { try binary(.floorDivide, b) }
    public func matrixMultiply(_ b: PyObject) throws -> PyObject { try binary(.matrixMultiply, b) }

    public static prefix func - (a: PyObject) throws -> PyObject { try a.unary("__neg__", "-") }
    public static prefix func + (a: PyObject) throws -> PyObject { try a.unary("__pos__", "+") }
    public static prefix func ~ (a: PyObject) throws -> PyObject { try a.unary("__invert__", "~") }

    public static func == (a: PyObject, b: PyObject) throws -> Bool { try a.equals(b) }
    public static func != (a: PyObject, b: PyObject) throws -> Bool { try a.compare(.notEqual, b).truthy() }
    public static func < (a: PyObject, b: PyObject) throws -> Bool {
        if case .int(let x) = a.storage, case .int(let y) = b.storage { return x < y }
        return try a.compare(.less, b).truthy()
    }
    public static func <= (a: PyObject, b: PyObject) throws -> Bool {
        if case .int(let x) = a.storage, case .int(let y) = b.storage { return x <= y }
        return try a.compare(.lessEqual, b).truthy()
    }
    public static func > (a: PyObject, b: PyObject) throws -> Bool {
        if case .int(let x) = a.storage, case .int(let y) = b.storage { return x > y }
        return try a.compare(.greater, b).truthy()
    }
    public static func >= (a: PyObject, b: PyObject) throws -> Bool {
        if case .int(let x) = a.storage, case .int(let y) = b.storage { return x >= y }
        return try a.compare(.greaterEqual, b).truthy()
    }

    // MARK: Dispatch

    private var isUserInstance: Bool {
        if case .heap(let object) = storage { return object.pyType.isHeapType }
        return false
    }

    /// `a <op> b` with CPython's order: the right operand's reflected method first when its type is
    /// a proper subclass that overrides it, then `a.__op__(b)`, then `b.__rop__(a)`.
    public func binary(_ operation: PyBinaryOperator, _ other: PyObject) throws -> PyObject {
        if !isUserInstance && !other.isUserInstance {
            if let result = try PyObject.nativeBinary(operation, self, other) { return result }
            throw binaryTypeError(operation, other)
        }
        let leftType = pyType, rightType = other.pyType
        let leftSlot = leftType.overrides(operation.dunder)
        var rightSlot = rightType !== leftType ? rightType.overrides(operation.reflected) : nil
        if let slot = rightSlot, rightType.isSubclass(of: leftType) {
            let result = try slot.callBound(other, [self])
            if !result.isNotImplemented { return result }
            rightSlot = nil
        }
        if let leftSlot {
            let result = try leftSlot.callBound(self, [other])
            if !result.isNotImplemented { return result }
        }
        if leftSlot == nil || rightSlot == nil {
            let left = leftSlot == nil ? builtinValue : self, right = rightSlot == nil ? other.builtinValue : other
            if !left.isUserInstance && !right.isUserInstance, let result = try PyObject.nativeBinary(operation, left, right) {
                return result
            }
        }
        if let rightSlot {
            let result = try rightSlot.callBound(other, [self])
            if !result.isNotImplemented { return result }
        }
        throw binaryTypeError(operation, other)
    }

    private func binaryTypeError(_ operation: PyBinaryOperator, _ other: PyObject) -> PyException {
        let left = builtinValue.heap, right = other.builtinValue.heap
        if operation == .add, let left, left is PyList || left is PyTupleStorage || left is PyBytes {
            if !(right is PyList || right is PyTupleStorage) || type(of: left) != type(of: right as Any) {
                return PyException.typeError("can only concatenate \(typeName) (not \"\(other.typeName)\") to \(typeName)")
            }
        }
        if operation == .add, case .str = builtinValue.storage {
            return PyException.typeError("can only concatenate str (not \"\(other.typeName)\") to str")
        }
        if operation == .multiply {
            if builtinValue.isSequence { return PyException.typeError("can't multiply sequence by non-int of type '\(other.typeName)'") }
            if other.builtinValue.isSequence { return PyException.typeError("can't multiply sequence by non-int of type '\(typeName)'") }
        }
        return PyException.typeError("unsupported operand type(s) for \(operation.symbol): '\(typeName)' and '\(other.typeName)'")
    }

    var isSequence: Bool {
        switch storage {
        case .str: return true
        case .heap(let object): return object is PyList || object is PyTupleStorage || object is PyBytes
        default: return false
        }
    }

    /// `a <op>= b`: `__iop__` first; lists, sets, dicts and bytearrays change in place.
    public func inPlace(_ operation: PyBinaryOperator, _ other: PyObject) throws -> PyObject {
        if case .int = storage { return try PyObject.renamingInPlace(operation) { try binary(operation, other) } }
        if isUserInstance {
            if let slot = pyType.overrides(operation.inPlace) {
                let result = try slot.callBound(self, [other])
                if !result.isNotImplemented { return result }
            }
            if let base = (heap as? PyInstance)?.builtinBase, pyType.overrides(operation.dunder) == nil,
               base.heap is PyList || base.heap is PySetStorage || base.heap is PyDictStorage {
                _ = try base.inPlace(operation, other)
                return self
            }
            return try PyObject.renamingInPlace(operation) { try binary(operation, other) }
        }
        if case .heap(let object) = storage {
            switch (object, operation) {
            case (let list as PyList, .add):
                let items = try other.collect()
                list.modify { $0.append(contentsOf: items) }
                return self
            case (let list as PyList, .multiply):
                guard let count = try? other.indexValue().toInt() else { break }
                list.modify { items in items = count <= 0 ? [] : Array([[PyObject]](repeating: items, count: count).joined()) }
                return self
            case (let set as PySetStorage, _) where !set.frozen:
                guard let otherSet = other.builtinValue.heap as? PySetStorage else { break }
                switch operation {
                case .or: set.merge(otherSet); return self
                case .and:
                    for element in set.elements where try !otherSet.contains(element) { try set.remove(element) }
                    return self
                case .subtract:
                    for element in otherSet.elements { try set.remove(element) }
                    return self
                case .xor:
                    for element in otherSet.elements {
                        if try set.contains(element) { try set.remove(element) } else { try set.add(element) }
                    }
                    return self
                default: break
                }
            case (let dict as PyDictStorage, .or):
                try PyObject.updateDict(dict, from: other)
                return self
            case (let bytes as PyBytes, .add) where bytes.mutable:
                guard let otherBytes = other.heap as? PyBytes else { break }
                bytes.bytes += otherBytes.bytes
                return self
            default: break
            }
        }
        return try PyObject.renamingInPlace(operation) { try binary(operation, other) }
    }

    /// An augmented assignment that fell back to the binary operator reports `+=`, not `+`.
    static func renamingInPlace(_ operation: PyBinaryOperator, _ body: () throws -> PyObject) throws -> PyObject {
        do { return try body() } catch let error as PyException where error.isInstance(of: PyClass.typeError) {
            let message = (try? error.value.str()) ?? ""
            let prefix = "unsupported operand type(s) for \(operation.symbol):"
            if message.hasPrefix(prefix) {
                let symbol = operation == .power ? "**=" : operation.symbol + "="
                throw PyException.typeError("unsupported operand type(s) for \(symbol):" + message.dropFirst(prefix.count))
            }
            throw error
        }
    }

    private func unary(_ dunder: String, _ symbol: String) throws -> PyObject {
        switch storage {
        case .int(let value):
            switch symbol {
            case "-": return value == Int.min ? PyObject(-BigInt(value)) : PyObject(-value)
            case "+": return self
            default: return PyObject(~value)
            }
        case .bool(let value): return try PyObject(value ? 1 : 0).unary(dunder, symbol)
        case .big(let value):
            switch symbol {
            case "-": return PyObject(-value)
            case "+": return self
            default: return PyObject(-value - BigInt(1))
            }
        case .float(let value):
            switch symbol {
            case "-": return PyObject(-value)
            case "+": return self
            default: break
            }
        case .heap(let object):
            if let complex = object as? PyComplex, symbol != "~" {
                return symbol == "-" ? .complex(-complex.real, -complex.imag) : .complex(complex.real, complex.imag)
            }
            if object.pyType.isHeapType {
                if let method = object.pyType.overrides(dunder) { return try method.callBound(self, []) }
                if let base = (object as? PyInstance)?.builtinBase { return try base.unary(dunder, symbol) }
            }
        default: break
        }
        throw PyException.typeError("bad operand type for unary \(symbol): '\(typeName)'")
    }

    // MARK: Comparisons

    /// A rich comparison's result (`__eq__` … may return any object).
    public func compare(_ operation: PyCompareOperator, _ other: PyObject) throws -> PyObject {
        if !isUserInstance && !other.isUserInstance {
            if let result = try PyObject.nativeCompare(operation, self, other) { return result }
        } else {
            let leftType = pyType, rightType = other.pyType
            var checkedReflected = false
            if rightType !== leftType, rightType.isSubclass(of: leftType), rightType.overrides(operation.swapped.dunder) != nil {
                checkedReflected = true
                if let result = try other.compareHalf(operation.swapped, self) { return result }
            }
            if let result = try compareHalf(operation, other) { return result }
            if !checkedReflected, let result = try other.compareHalf(operation.swapped, self) { return result }
        }
        switch operation {
        case .equal: return PyObject(isIdentical(to: other))
        case .notEqual: return PyObject(!isIdentical(to: other))
        default:
            throw PyException.typeError("'\(operation.symbol)' not supported between instances of '\(typeName)' and '\(other.typeName)'")
        }
    }

    /// One side's comparison method; nil for NotImplemented.
    private func compareHalf(_ operation: PyCompareOperator, _ other: PyObject) throws -> PyObject? {
        let type = pyType
        if type.isHeapType {
            if let method = type.overrides(operation.dunder) {
                let result = try method.callBound(self, [other])
                if result.isNotImplemented { return nil }
                return result
            }
            if operation == .notEqual, let method = type.overrides("__eq__") {
                let result = try method.callBound(self, [other])
                if result.isNotImplemented { return nil }
                return PyObject(!(try result.truthy()))
            }
        }
        let left = builtinValue, right = other.builtinValue
        if left.isUserInstance || right.isUserInstance {
            // Identity decides only when the objects are the same; otherwise the other side gets its turn.
            guard left.isIdentical(to: right) else { return nil }
            if operation == .equal { return PyObject.True }
            if operation == .notEqual { return PyObject.False }
            return nil
        }
        return try PyObject.nativeCompare(operation, left, right)
    }
}

// MARK: Built-in arithmetic

extension PyObject {
    /// An int as a BigInt (bools count as ints).
    var bigValue: BigInt? {
        switch storage {
        case .int(let value): return BigInt(value)
        case .big(let value): return value
        case .bool(let value): return BigInt(value ? 1 : 0)
        default: return nil
        }
    }

    var isIntegral: Bool {
        switch storage {
        case .int, .big, .bool: return true
        default: return false
        }
    }

    var floatValue: Double? {
        switch storage {
        case .float(let value): return value
        case .int(let value): return Double(value)
        case .bool(let value): return value ? 1 : 0
        case .big(let value): return value.toDouble()
        default: return nil
        }
    }

    var isNumber: Bool {
        switch storage {
        case .int, .big, .bool, .float: return true
        default: return false
        }
    }

    static func nativeBinary(_ operation: PyBinaryOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject? {
        if a.isIntegral && b.isIntegral { return try intBinary(operation, a, b) }
        if a.heap is PyComplex || b.heap is PyComplex {
            guard let x = try ComplexArithmetic.operand(a), let y = try ComplexArithmetic.operand(b) else { return nil }
            return try ComplexArithmetic.binary(operation, x, y)
        }
        if a.isNumber && b.isNumber {
            guard let x = a.floatValue, let y = b.floatValue else {
                if operation == .trueDivide, let bx = a.bigValue, let by = b.bigValue { return try trueDivide(bx, by) }
                throw PyException.overflow("int too large to convert to float")
            }
            return try floatBinary(operation, x, y)
        }
        switch (a.storage, b.storage) {
        case (.str(let format), _) where operation == .remainder:
            return PyObject(try PercentFormat.format(format, b))
        case (.str(let x), .str(let y)):
            if operation == .add { return PyObject(x + y) }
            return nil
        case (.str(let x), _) where operation == .multiply && b.isIntegral:
            return PyObject(String(repeating: x, count: max(0, try repeatCount(b))))
        case (_, .str(let y)) where operation == .multiply && a.isIntegral:
            return PyObject(String(repeating: y, count: max(0, try repeatCount(a))))
        case (.str(let format), _) where operation == .remainder:
            return PyObject(try PercentFormat.format(format, b))
        default: break
        }
        guard case .heap(let left) = a.storage else {
            if case .heap(let right) = b.storage, operation == .multiply, a.isIntegral { return try repeatSequence(right, b, a) }
            return nil
        }
        switch (left, operation) {
        case (let list as PyList, .add):
            guard let other = b.heap as? PyList else { return nil }
            return .list(list.items + other.items)
        case (let tuple as PyTupleStorage, .add):
            guard let other = b.heap as? PyTupleStorage else { return nil }
            return .tuple(tuple.items + other.items)
        case (let bytes as PyBytes, .add):
            guard let other = b.heap as? PyBytes else { return nil }
            return PyObject(PyBytes(bytes.bytes + other.bytes, mutable: bytes.mutable))
        case (let bytes as PyBytes, .remainder):
            let text = try PercentFormat.format(String(decoding: bytes.bytes, as: UTF8.self), b)
            return .bytes(Array(text.utf8))
        case (_, .multiply) where b.isIntegral:
            return try repeatSequence(left, a, b)
        case (let set as PySetStorage, _):
            guard let other = b.heap as? PySetStorage else { return nil }
            return try setBinary(operation, set, other)
        case (let dict as PyDictStorage, .or):
            guard let other = b.heap as? PyDictStorage else { return nil }
            let result = dict.copy()
            for (key, value) in other.entries { try result.set(key, value) }
            return PyObject(result)
        default:
            if case .heap(let right) = b.storage, operation == .multiply, a.isIntegral { return try repeatSequence(right, b, a) }
            return nil
        }
    }

    private static func repeatCount(_ value: PyObject) throws -> Int {
        if case .big = value.storage { throw PyException.overflow("cannot fit 'int' into an index-sized integer") }
        return try value.toInt()
    }

    private static func repeatSequence(_ object: PyHeap, _ sequence: PyObject, _ count: PyObject) throws -> PyObject? {
        guard object is PyList || object is PyTupleStorage || object is PyBytes else { return nil }
        let times = max(0, try repeatCount(count))
        switch object {
        case let list as PyList:
            let items = list.items
            var result: [PyObject] = []
            result.reserveCapacity(items.count * times)
            for _ in 0..<times { result.append(contentsOf: items) }
            return .list(result)
        case let tuple as PyTupleStorage:
            var result: [PyObject] = []
            for _ in 0..<times { result.append(contentsOf: tuple.items) }
            return .tuple(result)
        case let bytes as PyBytes:
            var result: [UInt8] = []
            for _ in 0..<times { result.append(contentsOf: bytes.bytes) }
            return PyObject(PyBytes(result, mutable: bytes.mutable))
        default:
            return nil
        }
    }

    static func setBinary(_ operation: PyBinaryOperator, _ a: PySetStorage, _ b: PySetStorage) throws -> PyObject? {
        switch operation {
        case .or:
            let result = a.copy(frozen: a.frozen)
            result.merge(b)
            return PyObject(result)
        case .and:
            let result = PySetStorage(frozen: a.frozen)
            // CPython walks the smaller set, the right one when sizes are equal.
            let (small, large) = b.count > a.count ? (a, b) : (b, a)
            for (hash, element) in small.hashedElements where try large.contains(element) {
                result.addHashedElement(element, hash: hash)
            }
            return PyObject(result)
        case .subtract:
            if a.count >> 2 > b.count {
                let result = a.copy(frozen: a.frozen)
                for element in b.elements { try result.remove(element) }
                return PyObject(result)
            }
            let result = PySetStorage(frozen: a.frozen)
            for (hash, element) in a.hashedElements where try !b.contains(element) { result.addHashedElement(element, hash: hash) }
            return PyObject(result)
        case .xor:
            let result = b.copy(frozen: a.frozen)
            for element in a.elements {
                if try result.contains(element) { try result.remove(element) } else { try result.add(element) }
            }
            return PyObject(result)
        default:
            return nil
        }
    }

    static func intBinary(_ operation: PyBinaryOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject? {
        // bool's own `&`, `|` and `^` keep a bool: `False & True` is `False`, not `0`.
        if case .bool(let x) = a.storage, case .bool(let y) = b.storage {
            switch operation {
            case .and: return PyObject(x && y)
            case .or: return PyObject(x || y)
            case .xor: return PyObject(x != y)
            default: break
            }
        }
        if case .int(let x) = a.builtinIntStorage, case .int(let y) = b.builtinIntStorage {
            switch operation {
            case .add:
                let (r, o) = x.addingReportingOverflow(y)
                if !o { return PyObject(r) }
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                if !o { return PyObject(r) }
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if !o { return PyObject(r) }
            case .floorDivide:
                if y == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
                if !(x == Int.min && y == -1) {
                    var q = x / y
                    if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
                    return PyObject(q)
                }
            case .remainder:
                if y == 0 { throw PyException.zeroDivision("integer modulo by zero") }
                if y == -1 { return PyObject(0) }
                var r = x % y
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return PyObject(r)
            case .trueDivide:
                if y == 0 { throw PyException.zeroDivision("division by zero") }
                if x.magnitude <= 1 << 53 && y.magnitude <= 1 << 53 { return PyObject(Double(x) / Double(y)) }
                return try trueDivide(BigInt(x), BigInt(y))
            case .and: return PyObject(x & y)
            case .or: return PyObject(x | y)
            case .xor: return PyObject(x ^ y)
            case .leftShift:
                if y < 0 { throw PyException.valueError("negative shift count") }
                if x == 0 { return PyObject(0) }
                if y < 63 {
                    let shifted = x << y
                    if shifted >> y == x { return PyObject(shifted) }
                }
            case .rightShift:
                if y < 0 { throw PyException.valueError("negative shift count") }
                return PyObject(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
            case .power:
                if y < 0 {
                    if x == 0 { throw PyException.zeroDivision("0.0 cannot be raised to a negative power") }
                    return PyObject(Foundation.pow(Double(x), Double(y)))
                }
                var result = 1, base = x, exponent = y, overflow = false
                while exponent > 0 && !overflow {
                    if exponent & 1 == 1 {
                        let (r, o) = result.multipliedReportingOverflow(by: base)
                        result = r; overflow = o
                    }
                    exponent >>= 1
                    if exponent > 0 && !overflow {
                        let (s, o) = base.multipliedReportingOverflow(by: base)
                        base = s; overflow = o
                    }
                }
                if !overflow { return PyObject(result) }
            case .matrixMultiply:
                return nil
            }
        }
        guard let x = a.builtinBig, let y = b.builtinBig else { return nil }
        switch operation {
        case .add: return PyObject(x + y)
        case .subtract: return PyObject(x - y)
        case .multiply: return PyObject(x * y)
        case .floorDivide:
            if y.isZero { throw PyException.zeroDivision("integer division or modulo by zero") }
            return PyObject(x.floorDivMod(y).0)
        case .remainder:
            if y.isZero { throw PyException.zeroDivision("integer modulo by zero") }
            return PyObject(x.floorDivMod(y).1)
        case .trueDivide:
            if y.isZero { throw PyException.zeroDivision("division by zero") }
            return try trueDivide(x, y)
        case .and: return PyObject(BigInt.bitwise(x, y, &))
        case .or: return PyObject(BigInt.bitwise(x, y, |))
        case .xor: return PyObject(BigInt.bitwise(x, y, ^))
        case .leftShift:
            if y.negative { throw PyException.valueError("negative shift count") }
            guard let bits = y.asInt, bits < 1 << 32 else { throw PyException.overflow("too many digits in integer") }
            return PyObject(x.shiftedLeft(bits))
        case .rightShift:
            if y.negative { throw PyException.valueError("negative shift count") }
            guard let bits = y.asInt else { return PyObject(x.negative ? -1 : 0) }
            return PyObject(x.shiftedRight(bits))
        case .power:
            if y.negative {
                if x.isZero { throw PyException.zeroDivision("0.0 cannot be raised to a negative power") }
                guard let base = x.toDouble(), let exponent = y.toDouble() else { throw PyException.overflow("int too large to convert to float") }
                return PyObject(Foundation.pow(base, exponent))
            }
            guard let exponent = y.asInt else {
                if x.limbs == [1] || x.isZero { return PyObject(x.negative && (y.limbs.first ?? 0) & 1 == 1 ? x : (x.isZero ? x : BigInt(1))) }
                throw PyException.make(PyClass.exceptionClass(named: "MemoryError"), [])
            }
            return PyObject(x.power(exponent))
        case .matrixMultiply: return nil
        }
    }

    /// Int storage of an int or bool.
    private var builtinIntStorage: Storage {
        if case .bool(let value) = storage { return .int(value ? 1 : 0) }
        return storage
    }
    private var builtinBig: BigInt? { bigValue }

    /// int / int, correctly rounded as CPython's long_true_divide.
    static func trueDivide(_ a: BigInt, _ b: BigInt) throws -> PyObject {
        if b.isZero { throw PyException.zeroDivision("division by zero") }
        if let x = a.toDouble(), let y = b.toDouble(), a.bitLength <= 53, b.bitLength <= 53 { return PyObject(x / y) }
        // Scale so the quotient has 55+ significant bits, then round once with a sticky bit.
        let shift = 55 - (a.bitLength - b.bitLength)
        let numerator = shift > 0 ? BigInt(negative: false, limbs: a.limbs).shiftedLeft(shift) : BigInt(negative: false, limbs: a.limbs)
        let denominator = shift < 0 ? BigInt(negative: false, limbs: b.limbs).shiftedLeft(-shift) : BigInt(negative: false, limbs: b.limbs)
        var (quotient, remainder) = numerator.floorDivMod(denominator)
        if !remainder.isZero { quotient = BigInt.bitwise(quotient, BigInt(1), |) }
        guard let mantissa = quotient.toDouble() else { throw PyException.overflow("integer division result too large for a float") }
        let value = Foundation.scalbn(mantissa, -shift)
        if value.isInfinite { throw PyException.overflow("integer division result too large for a float") }
        return PyObject((a.negative != b.negative) ? -value : value)
    }

    static func floatBinary(_ operation: PyBinaryOperator, _ x: Double, _ y: Double) throws -> PyObject? {
        switch operation {
        case .add: return PyObject(x + y)
        case .subtract: return PyObject(x - y)
        case .multiply: return PyObject(x * y)
        case .trueDivide:
            if y == 0 { throw PyException.zeroDivision("float division by zero") }
            return PyObject(x / y)
        case .floorDivide:
            if y == 0 { throw PyException.zeroDivision("float floor division by zero") }
            return PyObject(floatDivMod(x, y).0)
        case .remainder:
            if y == 0 { throw PyException.zeroDivision("float modulo") }
            return PyObject(floatDivMod(x, y).1)
        case .power:
            // CPython's float_pow hands a negative base with a fractional exponent to complex_pow.
            if x < 0 && x.isFinite && y.isFinite && y != y.rounded(.down) {
                return ComplexArithmetic.make(try ComplexArithmetic.power((x, 0), (y, 0)))
            }
            return PyObject(try floatPower(x, y))
        default:
            return nil
        }
    }

    /// CPython's float_divmod.
    static func floatDivMod(_ vx: Double, _ wx: Double) -> (Double, Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) { mod += wx; div -= 1 }
        } else {
            mod = copysign(0, wx)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, vx / wx)
        }
        return (floordiv, mod)
    }

    static func floatPower(_ x: Double, _ y: Double) throws -> Double {
        if x == 0 && y < 0 { throw PyException.zeroDivision("0.0 cannot be raised to a negative power") }
        if x < 0 && y != y.rounded() && y.isFinite {
            throw PyException.valueError("math domain error: complex result of a negative number to a fractional power is not supported")
        }
        let result = Foundation.pow(x, y)
        if result.isInfinite && x.isFinite && y.isFinite { throw PyException.make(PyClass.overflowError, [PyObject(34), PyObject("Numerical result out of range")]) }
        return result
    }

    // MARK: Built-in comparisons

    static func nativeCompare(_ operation: PyCompareOperator, _ a: PyObject, _ b: PyObject) throws -> PyObject? {
        switch (a.storage, b.storage) {
        case (.int(let x), .int(let y)): return PyObject(operation.holds(x < y ? -1 : (x == y ? 0 : 1)))
        case (.str(let x), .str(let y)):
            if operation == .equal { return PyObject(x == y) }
            if operation == .notEqual { return PyObject(x != y) }
            return PyObject(operation.holds(compareScalars(x, y)))
        case (.none, .none):
            if operation == .equal { return .True }
            if operation == .notEqual { return .False }
            return nil
        default: break
        }
        if a.heap is PyComplex || b.heap is PyComplex { return ComplexArithmetic.compare(operation, a, b) }
        if a.isNumber && b.isNumber {
            guard let order = numericOrder(a, b) else { return PyObject(operation == .notEqual) }
            return PyObject(operation.holds(order))
        }
        guard case .heap(let left) = a.storage, case .heap(let right) = b.storage else {
            return nil
        }
        switch (left, right) {
        case (let x as PyList, let y as PyList): return try sequenceCompare(operation, x.items, y.items)
        case (let x as PyTupleStorage, let y as PyTupleStorage): return try sequenceCompare(operation, x.items, y.items)
        case (let x as PyBytes, let y as PyBytes):
            let p = x.bytes, q = y.bytes
            let order = p.lexicographicallyPrecedes(q) ? -1 : (p == q ? 0 : 1)
            return PyObject(operation.holds(order))
        case (let x as PyDictStorage, let y as PyDictStorage):
            guard operation == .equal || operation == .notEqual else { return nil }
            var equal = x.count == y.count
            if equal {
                for (key, value) in x.entries {
                    guard let other = try y.get(key), try other.isIdentical(to: value) || other.equals(value) else { equal = false; break }
                }
            }
            return PyObject(operation == .equal ? equal : !equal)
        case (let x as PySetStorage, let y as PySetStorage):
            func isSubset(_ p: PySetStorage, _ q: PySetStorage) throws -> Bool {
                if p.count > q.count { return false }
                for element in p.elements where try !q.contains(element) { return false }
                return true
            }
            switch operation {
            case .equal: return PyObject(try x.count == y.count && isSubset(x, y))
            case .notEqual: return PyObject(!(try x.count == y.count && isSubset(x, y)))
            case .lessEqual: return PyObject(try isSubset(x, y))
            case .less: return PyObject(try x.count < y.count && isSubset(x, y))
            case .greaterEqual: return PyObject(try isSubset(y, x))
            case .greater: return PyObject(try y.count < x.count && isSubset(y, x))
            }
        case (let x as PyRange, let y as PyRange):
            guard operation == .equal || operation == .notEqual else { return nil }
            let equal = x.count == y.count && (x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step)))
            return PyObject(operation == .equal ? equal : !equal)
        case (let x as PySlice, let y as PySlice):
            return try nativeCompare(operation, .tuple([x.start, x.stop, x.step]), .tuple([y.start, y.stop, y.step]))
        default:
            if operation == .equal && left === right { return .True }
            if operation == .notEqual && left === right { return .False }
            return nil
        }
    }

    /// Python compares strings by code point; Swift's `<` compares by Unicode canonical ordering.
    static func compareScalars(_ x: String, _ y: String) -> Int {
        var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p.value < q.value ? -1 : 1 }
            }
        }
    }

    private static func sequenceCompare(_ operation: PyCompareOperator, _ x: [PyObject], _ y: [PyObject]) throws -> PyObject {
        if (operation == .equal || operation == .notEqual) && x.count != y.count { return PyObject(operation == .notEqual) }
        for index in 0..<min(x.count, y.count) {
            if x[index].isIdentical(to: y[index]) { continue }
            if try !x[index].equals(y[index]) {
                if operation == .equal { return .False }
                if operation == .notEqual { return .True }
                return try x[index].compare(operation, y[index])
            }
        }
        return PyObject(operation.holds(x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)))
    }

    /// The exact order of two numbers (ints of any size and floats); nil when a NaN is involved.
    static func numericOrder(_ a: PyObject, _ b: PyObject) -> Int? {
        if a.isIntegral && b.isIntegral {
            if case .int(let x) = a.builtinIntStorage, case .int(let y) = b.builtinIntStorage { return x < y ? -1 : (x == y ? 0 : 1) }
            return BigInt.compare(a.bigValue!, b.bigValue!)
        }
        if case .float(let x) = a.storage, case .float(let y) = b.storage {
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        if case .float = b.storage { return numericOrder(b, a).map { -$0 } }
        // a is a float, b an int.
        guard case .float(let x) = a.storage, let integer = b.bigValue else { return nil }
        if x.isNaN { return nil }
        if x.isInfinite { return x > 0 ? 1 : -1 }
        let whole = x.rounded(.down)
        let order = BigInt.compare(BigInt(truncating: whole), integer)
        if order != 0 { return order }
        return x > whole ? 1 : 0
    }
}
