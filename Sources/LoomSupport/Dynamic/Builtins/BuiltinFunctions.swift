import Foundation

/// The builtins that compute: abs, sorted, sum, min, max, zip …
enum PyBuiltins {
    static func absolute(_ value: PyObject) throws -> PyObject {
        switch value.builtinValue.storage {
        case .int(let number): return number == Int.min ? PyObject(-BigInt(number)) : PyObject(abs(number))
        case .big(let number): return PyObject(BigInt(negative: false, limbs: number.limbs))
        case .bool(let flag): return PyObject(flag ? 1 : 0)
        case .float(let number): return PyObject(abs(number))
        case .heap(let complex as PyComplex): return PyObject(try ComplexArithmetic.absolute(complex))
        default:
            if let result = try value.callSpecial("__abs__", []), value.pyType.isHeapType { return result }
            throw PyException.typeError("bad operand type for abs(): '\(value.typeName)'")
        }
    }

    /// `round(x)` / `round(x, n)` with banker's rounding, as CPython.
    static func round(_ value: PyObject, _ digits: PyObject) throws -> PyObject {
        if value.pyType.isHeapType, let method = value.pyType.overrides("__round__") {
            return try method.callBound(value, digits.isNone ? [] : [digits])
        }
        let base = value.builtinValue
        if base.isIntegral {
            if digits.isNone { return try IntParsing.construct(base, base: nil) }
            let places = try digits.toInt()
            if places >= 0 { return try IntParsing.construct(base, base: nil) }
            let scale = try PyObject(10) ** PyObject(-places)
            let half = try scale.floorDivide(PyObject(2))
            var quotient = try base.floorDivide(scale)
            let remainder = try base - quotient * scale
            if try remainder > half || (remainder == half && quotient % PyObject(2) == PyObject(1)) { quotient = try quotient + PyObject(1) }
            return try quotient * scale
        }
        guard case .float(let number) = base.storage else {
            throw PyException.typeError("type \(value.typeName) doesn't define __round__ method")
        }
        if digits.isNone {
            return try IntParsing.fromDouble(number.rounded(.toNearestOrEven))
        }
        let places = try digits.toInt()
        if !number.isFinite { return PyObject(number) }
        if places > 308 { return PyObject(number) }
        if places < -308 { return PyObject(0.0 * number) }
        // Correctly rounded via the shortest-repr-independent decimal string, as CPython's
        // double_round does with dtoa.
        let text = CFormat.double(number, ".\(max(places, 0) + 17)e")
        _ = text
        let formatted = places >= 0 ? CFormat.double(number, ".\(places)f") : ""
        if places >= 0, let result = Double(formatted) { return PyObject(result) }
        let scale = Foundation.pow(10.0, Double(-places))
        let result = (number / scale).rounded(.toNearestOrEven) * scale
        return PyObject(result)
    }

    /// `sorted`/`list.sort`: stable, and for lists under 64 items the same comparisons in the
    /// same order as CPython's timsort (a run count, then binary insertion), so a failing
    /// comparison raises the TypeError CPython raises.
    static func sortedItems(_ items: [PyObject], key: PyObject, reverse: Bool) throws -> [PyObject] {
        var keys = key.isNone ? items : try items.map { try key($0) }
        var values = items
        if reverse { keys.reverse(); values.reverse() }
        func less(_ a: PyObject, _ b: PyObject) throws -> Bool {
            if case .int(let x) = a.storage, case .int(let y) = b.storage { return x < y }
            if case .str(let x) = a.storage, case .str(let y) = b.storage { return PyObject.compareScalars(x, y) < 0 }
            return try a.compare(.less, b).truthy()
        }
        let count = keys.count
        if count < 64 {
            if count < 2 { return reverse ? values.reversed() : values }
            var run = 2
            if try less(keys[1], keys[0]) {
                while run < count, try less(keys[run], keys[run - 1]) { run += 1 }
                keys[0..<run].reverse(); values[0..<run].reverse()
            } else {
                while run < count, try !less(keys[run], keys[run - 1]) { run += 1 }
            }
            var start = run
            while start < count {
                let pivot = keys[start], pivotValue = values[start]
                var low = 0, high = start
                while low < high {
                    let middle = low + (high - low) >> 1
                    if try less(pivot, keys[middle]) { high = middle } else { low = middle + 1 }
                }
                keys.remove(at: start); keys.insert(pivot, at: low)
                values.remove(at: start); values.insert(pivotValue, at: low)
                start += 1
            }
            return reverse ? values.reversed() : values
        }
        var failure: (any Error)?
        let order = mergeSorted(Array(0..<count)) { a, b in
            if failure != nil { return false }
            do { return try less(keys[a], keys[b]) } catch { failure = error; return false }
        }
        if let failure { throw failure }
        let sorted = order.map { values[$0] }
        return reverse ? sorted.reversed() : sorted
    }

    private static func mergeSorted(_ values: [Int], _ less: (Int, Int) -> Bool) -> [Int] {
        if values.count <= 1 { return values }
        var source = values
        var buffer = values
        var width = 1
        let count = values.count
        while width < count {
            var start = 0
            while start < count {
                let middle = min(start + width, count), end = min(start + 2 * width, count)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    if less(source[j], source[i]) { buffer[k] = source[j]; j += 1 } else { buffer[k] = source[i]; i += 1 }
                    k += 1
                }
                while i < middle { buffer[k] = source[i]; i += 1; k += 1 }
                while j < end { buffer[k] = source[j]; j += 1; k += 1 }
                start += 2 * width
            }
            swap(&source, &buffer)
            width *= 2
        }
        return source
    }

    static func extreme(_ name: String, _ arguments: [PyObject], _ keywords: [(String, PyObject)], wantsGreater: Bool) throws -> PyObject {
        var args = BuiltinArguments(name, arguments, keywords)
        let key = args.take("key") ?? .none
        let defaultValue = args.take("default")
        try args.rejectKeywords()
        let candidates: [PyObject]
        if arguments.count == 1 {
            candidates = try arguments[0].collect()
        } else if arguments.isEmpty {
            throw PyException.typeError("\(name) expected at least 1 argument, got 0")
        } else {
            if defaultValue != nil { throw PyException.typeError("Cannot specify a default for \(name)() with multiple positional arguments") }
            candidates = arguments
        }
        guard var best = candidates.first else {
            if let defaultValue { return defaultValue }
            throw PyException.valueError("\(name)() arg is an empty sequence")
        }
        var bestKey = key.isNone ? best : try key(best)
        for candidate in candidates.dropFirst() {
            let candidateKey = key.isNone ? candidate : try key(candidate)
            if try candidateKey.compare(wantsGreater ? .greater : .less, bestKey).truthy() {
                best = candidate
                bestKey = candidateKey
            }
        }
        return best
    }

    static func sum(_ arguments: [PyObject], _ keywords: [(String, PyObject)]) throws -> PyObject {
        var args = BuiltinArguments("sum", arguments, keywords)
        var total = args.take("start") ?? (arguments.count > 1 ? arguments[1] : PyObject(0))
        try args.rejectKeywords()
        guard arguments.count >= 1 && arguments.count <= 2 else { throw PyException.typeError("sum() takes at most 2 arguments (\(arguments.count) given)") }
        if case .str = total.storage { throw PyException.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
        if total.heap is PyBytes { throw PyException.typeError("sum() can't sum bytes [use b''.join(seq) instead]") }
        let iterator = try arguments[0].iterate()
        // Floats are summed as CPython does: plain double addition in order.
        while let item = try iterator.next() { total = try total + item }
        return total
    }

    static func pow(_ base: PyObject, _ exponent: PyObject, _ modulus: PyObject) throws -> PyObject {
        if modulus.isNone { return try base ** exponent }
        guard base.builtinValue.isNumber, exponent.builtinValue.isNumber, modulus.builtinValue.isNumber else {
            throw PyException.typeError("unsupported operand type(s) for ** or pow(): '\(base.typeName)', '\(exponent.typeName)', '\(modulus.typeName)'")
        }
        guard base.builtinValue.isIntegral, exponent.builtinValue.isIntegral, modulus.builtinValue.isIntegral else {
            throw PyException.typeError("pow() 3rd argument not allowed unless all arguments are integers")
        }
        guard var b = base.builtinValue.bigValue, var e = exponent.builtinValue.bigValue, let m = modulus.builtinValue.bigValue else { return .none }
        if m.isZero { throw PyException.valueError("pow() 3rd argument cannot be 0") }
        if e.negative {
            // Modular inverse by the extended Euclidean algorithm.
            var (oldR, r) = (b.floorDivMod(m).1, m)
            var (oldS, s) = (BigInt(1), BigInt(0))
            while !r.isZero {
                let q = oldR.floorDivMod(r).0
                (oldR, r) = (r, oldR - q * r)
                (oldS, s) = (s, oldS - q * s)
            }
            if oldR.limbs != [1] { throw PyException.valueError("base is not invertible for the given modulus") }
            b = oldS
            e = -e
        }
        var result = BigInt(1).floorDivMod(m).1
        b = b.floorDivMod(m).1
        let bits = e.bitLength
        for index in 0..<bits {
            if (e.limbs[index / 32] >> UInt32(index % 32)) & 1 == 1 { result = (result * b).floorDivMod(m).1 }
            b = (b * b).floorDivMod(m).1
        }
        return PyObject(result)
    }

    static func integerText(_ value: PyObject, radix: Int, prefix: String) throws -> String {
        let index = try value.indexValue()
        guard let big = index.bigValue else { return "0" }
        let digits = BigInt(negative: false, limbs: big.limbs).toString(radix: radix)
        return (big.negative ? "-" : "") + prefix + digits
    }
}

extension Py {
    public static let abs = PyObject.builtin("abs") { arguments, keywords in
        try BuiltinArguments("abs", arguments, keywords).requireCount(1...1)
        return try PyBuiltins.absolute(arguments[0])
    }
    public static let all = PyObject.builtin("all") { arguments, keywords in
        try BuiltinArguments("all", arguments, keywords).requireCount(1...1)
        let iterator = try arguments[0].iterate()
        while let item = try iterator.next() { if try !item.truthy() { return .False } }
        return .True
    }
    public static let any = PyObject.builtin("any") { arguments, keywords in
        try BuiltinArguments("any", arguments, keywords).requireCount(1...1)
        let iterator = try arguments[0].iterate()
        while let item = try iterator.next() { if try item.truthy() { return .True } }
        return .False
    }
    public static let bin = PyObject.builtin("bin") { arguments, keywords in
        try BuiltinArguments("bin", arguments, keywords).requireCount(1...1)
        return PyObject(try PyBuiltins.integerText(arguments[0], radix: 2, prefix: "0b"))
    }
    public static let oct = PyObject.builtin("oct") { arguments, keywords in
        try BuiltinArguments("oct", arguments, keywords).requireCount(1...1)
        return PyObject(try PyBuiltins.integerText(arguments[0], radix: 8, prefix: "0o"))
    }
    public static let hex = PyObject.builtin("hex") { arguments, keywords in
        try BuiltinArguments("hex", arguments, keywords).requireCount(1...1)
        return PyObject(try PyBuiltins.integerText(arguments[0], radix: 16, prefix: "0x"))
    }
    public static let chr = PyObject.builtin("chr") { arguments, keywords in
        try BuiltinArguments("chr", arguments, keywords).requireCount(1...1)
        guard let code = try? arguments[0].toInt(), code >= Int(Int32.min), code <= Int(Int32.max) else {
            if arguments[0].builtinValue.isIntegral { throw PyException.overflow("Python int too large to convert to C int") }
            throw PyException.typeError("'\(arguments[0].typeName)' object cannot be interpreted as an integer")
        }
        guard (0...0x10FFFF).contains(code) else { throw PyException.valueError("chr() arg not in range(0x110000)") }
        guard let scalar = Unicode.Scalar(UInt32(code)) else { return PyObject("\u{FFFD}") }
        return PyObject(String(Character(scalar)))
    }
    public static let ord = PyObject.builtin("ord") { arguments, keywords in
        try BuiltinArguments("ord", arguments, keywords).requireCount(1...1)
        if let bytes = arguments[0].heap as? PyBytes, bytes.bytes.count == 1 { return PyObject(Int(bytes.bytes[0])) }
        guard case .str(let text) = arguments[0].builtinValue.storage else {
            throw PyException.typeError("ord() expected string of length 1, but \(arguments[0].typeName) found")
        }
        let scalars = text.unicodeScalars
        guard scalars.count == 1 else { throw PyException.typeError("ord() expected a character, but string of length \(scalars.count) found") }
        return PyObject(Int(scalars.first!.value))
    }
    public static let divmod = PyObject.builtin("divmod") { arguments, keywords in
        try BuiltinArguments("divmod", arguments, keywords).requireCount(2...2)
        let a = arguments[0], b = arguments[1]
        if a.pyType.isHeapType || b.pyType.isHeapType {
            if let method = a.pyType.overrides("__divmod__") { return try method.callBound(a, [b]) }
            if let method = b.pyType.overrides("__rdivmod__") { return try method.callBound(b, [a]) }
        }
        guard a.builtinValue.isNumber && b.builtinValue.isNumber else {
            throw PyException.typeError("unsupported operand type(s) for divmod(): '\(a.typeName)' and '\(b.typeName)'")
        }
        if case .float = a.storage, (try? b.toDouble()) == 0 { throw PyException.zeroDivision("float divmod()") }
        if case .float = b.storage, (try? b.toDouble()) == 0 { throw PyException.zeroDivision("float divmod()") }
        if a.isIntegral && b.isIntegral, (try? b.truthy()) == false { throw PyException.zeroDivision("integer division or modulo by zero") }
        return .tuple([try a.floorDivide(b), try a % b])
    }
    public static let pow = PyObject.builtin("pow") { arguments, keywords in
        var args = BuiltinArguments("pow", arguments, keywords)
        let base = args.take("base") ?? args[0], exponent = args.take("exp") ?? args[1], modulus = args.take("mod") ?? args[2] ?? .none
        try args.rejectKeywords()
        guard let base, let exponent else { throw PyException.typeError("pow() missing required argument 'exp' (pos 2)") }
        return try PyBuiltins.pow(base, exponent, modulus)
    }
    public static let round = PyObject.builtin("round") { arguments, keywords in
        var args = BuiltinArguments("round", arguments, keywords)
        let number = args.take("number") ?? args[0]
        let digits = args.take("ndigits") ?? args[1] ?? .none
        try args.rejectKeywords()
        guard let number else { throw PyException.typeError("round() missing required argument 'number' (pos 1)") }
        return try PyBuiltins.round(number, digits)
    }
    public static let sum = PyObject.builtin("sum") { arguments, keywords in try PyBuiltins.sum(arguments, keywords) }
    public static let min = PyObject.builtin("min") { arguments, keywords in
        try PyBuiltins.extreme("min", arguments, keywords, wantsGreater: false)
    }
    public static let max = PyObject.builtin("max") { arguments, keywords in
        try PyBuiltins.extreme("max", arguments, keywords, wantsGreater: true)
    }
    public static let sorted = PyObject.builtin("sorted") { arguments, keywords in
        var args = BuiltinArguments("sorted", arguments, keywords)
        let key = args.take("key") ?? .none
        let reverse = try args.take("reverse")?.truthy() ?? false
        try args.rejectKeywords()
        guard arguments.count == 1 else { throw PyException.typeError("sorted expected 1 argument, got \(arguments.count)") }
        return .list(try PyBuiltins.sortedItems(try arguments[0].collect(), key: key, reverse: reverse))
    }
    public static let reversed = PyObject.builtin("reversed") { arguments, keywords in
        try BuiltinArguments("reversed", arguments, keywords).requireCount(1...1)
        let value = arguments[0]
        if let method = value.pyType.lookup("__reversed__"), !(value.heap is PyList) || value.pyType.isHeapType {
            return try method.callBound(value, [])
        }
        switch value.builtinValue.storage {
        case .str(let text): return PyIterator(.items(text.unicodeScalars.reversed().map { PyObject(String(Character($0))) })).pythonObject
        case .heap(let object):
            if let list = object as? PyList {
                var index = list.count - 1
                return PyObject(PyNativeIterator("list_reverseiterator") {
                    guard index >= 0, let item = list.item(at: index) else { return nil }
                    index -= 1
                    return item
                })
            }
            if let tuple = object as? PyTupleStorage { return PyIterator(.items(tuple.items.reversed())).pythonObject }
        default: break
        }
        if value.pyType.lookup("__len__") != nil, value.pyType.lookup("__getitem__") != nil {
            var index = try value.length() - 1
            return PyObject(PyNativeIterator("reversed") {
                guard index >= 0 else { return nil }
                index -= 1
                return try value.item(PyObject(index + 1))
            })
        }
        throw PyException.typeError("'\(value.typeName)' object is not reversible")
    }
    public static let enumerate = PyObject.builtin("enumerate") { arguments, keywords in
        var args = BuiltinArguments("enumerate", arguments, keywords)
        let iterable = args.take("iterable") ?? args[0]
        var count = args.take("start") ?? args[1] ?? PyObject(0)
        try args.rejectKeywords()
        guard let iterable else { throw PyException.typeError("enumerate() missing required argument 'iterable' (pos 1)") }
        let iterator = try iterable.iterate()
        return PyObject(PyNativeIterator("enumerate") {
            guard let item = try iterator.next() else { return nil }
            defer { count = (try? count + PyObject(1)) ?? count }
            return .tuple([count, item])
        })
    }
    public static let zip = PyObject.builtin("zip") { arguments, keywords in
        var args = BuiltinArguments("zip", arguments, keywords)
        let strict = try args.take("strict")?.truthy() ?? false
        try args.rejectKeywords()
        let iterators = try arguments.map { try $0.iterate() }
        if iterators.isEmpty { return PyObject(PyNativeIterator("zip") { nil }) }
        return PyObject(PyNativeIterator("zip") {
            var row: [PyObject] = []
            for (index, iterator) in iterators.enumerated() {
                guard let item = try iterator.next() else {
                    if strict {
                        if index > 0 { throw PyException.valueError("zip() argument \(index + 1) is shorter than argument\(index == 1 ? "" : "s") 1\(index == 1 ? "" : "-\(index)")") }
                        for (other, rest) in iterators.enumerated().dropFirst() where try rest.next() != nil {
                            throw PyException.valueError("zip() argument \(other + 1) is longer than argument\(other == 1 ? "" : "s") 1\(other == 1 ? "" : "-\(other)")")
                        }
                    }
                    return nil
                }
                row.append(item)
            }
            return .tuple(row)
        })
    }
    public static let map = PyObject.builtin("map") { arguments, keywords in
        try BuiltinArguments("map", arguments, keywords).rejectKeywords()
        guard arguments.count >= 2 else { throw PyException.typeError("map() must have at least two arguments.") }
        let function = arguments[0]
        let iterators = try arguments.dropFirst().map { try $0.iterate() }
        return PyObject(PyNativeIterator("map") {
            var row: [PyObject] = []
            for iterator in iterators {
                guard let item = try iterator.next() else { return nil }
                row.append(item)
            }
            return try function.call(row)
        })
    }
    public static let filter = PyObject.builtin("filter") { arguments, keywords in
        try BuiltinArguments("filter", arguments, keywords).requireCount(2...2)
        let function = arguments[0]
        let iterator = try arguments[1].iterate()
        return PyObject(PyNativeIterator("filter") {
            while let item = try iterator.next() {
                if try (function.isNone ? item : function(item)).truthy() { return item }
            }
            return nil
        })
    }
    public static let format = PyObject.builtin("format") { arguments, keywords in
        try BuiltinArguments("format", arguments, keywords).requireCount(1...2)
        let spec = arguments.count > 1 ? try arguments[1].toString() : ""
        return PyObject(try arguments[0].format(spec))
    }
    public static let vars = PyObject.builtin("vars") { arguments, keywords in
        try BuiltinArguments("vars", arguments, keywords).requireCount(0...1)
        guard let value = arguments.first else { return PyObject(mainModule.attributes) }
        guard let dict = try value.findAttribute("__dict__") else {
            throw PyException.typeError("vars() argument must have __dict__ attribute")
        }
        return dict
    }
    public static let dir = PyObject.builtin("dir") { arguments, keywords in
        try BuiltinArguments("dir", arguments, keywords).requireCount(0...1)
        guard let value = arguments.first else { return .list(mainModule.attributes.keys) }
        if value.pyType.isHeapType, let method = value.pyType.overrides("__dir__") {
            return .list(try PyBuiltins.sortedItems(try method.callBound(value, []).collect(), key: .none, reverse: false))
        }
        return .list(try PyObject.directory(value).map { PyObject($0) })
    }
    /// `globals()`: the `__main__` module's namespace. The translation keeps file-scope names in
    /// Swift variables; a note that reads `globals()` sees what was stored here.
    public static let globals = PyObject.builtin("globals") { _, _ in PyObject(mainModule.attributes) }
    /// `locals()`: at file scope, as `globals()`; Swift keeps a function's locals out of reach.
    public static let locals = PyObject.builtin("locals") { _, _ in PyObject(mainModule.attributes) }

    /// The `__main__` module.
    static let mainModule: PyModule = {
        let module = PyModule(name: "__main__")
        try? module.attributes.set("__name__", "__main__")
        return module
    }()
}
