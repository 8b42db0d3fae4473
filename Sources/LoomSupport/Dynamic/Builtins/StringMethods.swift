import Foundation

/// The methods of `str` (CPython 3.11), working on Unicode scalars as Python's code points.
enum StringMethods {
    static func text(_ this: PyObject) throws -> String {
        guard case .str(let value) = this.builtinValue.storage else {
            throw PyException.typeError("descriptor requires a 'str' object but received a '\(this.typeName)'")
        }
        return value
    }

    static func stringArgument(_ value: PyObject, _ method: String, position: Int = 1) throws -> String {
        guard case .str(let text) = value.builtinValue.storage else {
            let typeName = value.isNone && ["replace", "removeprefix", "removesuffix"].contains(method) ? "None" : value.typeName
            switch method {
            case "replace": throw PyException.typeError("replace() argument \(position) must be str, not \(typeName)")
            case "removeprefix", "removesuffix": throw PyException.typeError("\(method)() argument must be str, not \(typeName)")
            case "strip", "lstrip", "rstrip": throw PyException.typeError("\(method) arg must be None or str")
            case "split", "rsplit": throw PyException.typeError("must be str or None, not \(typeName)")
            case "fill": throw PyException.typeError("The fill character must be a unicode character, not \(typeName)")
            default: throw PyException.typeError("must be str, not \(typeName)")
            }
        }
        return text
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func strip(_ text: String, _ chars: PyObject?, leading: Bool, trailing: Bool, name: String) throws -> String {
        var scalars = Array(text.unicodeScalars)
        let matches: (Unicode.Scalar) -> Bool
        if let chars, !chars.isNone {
            let set = Set(try stringArgument(chars, name).unicodeScalars)
            matches = { set.contains($0) }
        } else {
            matches = isSpace
        }
        var start = 0, end = scalars.count
        if leading { while start < end && matches(scalars[start]) { start += 1 } }
        if trailing { while end > start && matches(scalars[end - 1]) { end -= 1 } }
        scalars = Array(scalars[start..<end])
        return String(String.UnicodeScalarView(scalars))
    }

    static func split(_ text: String, _ separator: PyObject?, _ maxSplit: Int, fromRight: Bool) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        func make(_ slice: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(slice)) }
        if let separator, !separator.isNone {
            let sep = Array(try stringArgument(separator, "split").unicodeScalars)
            if sep.isEmpty { throw PyException.valueError("empty separator") }
            var parts: [String] = []
            var splits = 0
            if !fromRight {
                var start = 0, index = 0
                while index + sep.count <= scalars.count {
                    if (maxSplit < 0 || splits < maxSplit) && Array(scalars[index..<(index + sep.count)]) == sep {
                        parts.append(make(scalars[start..<index]))
                        index += sep.count
                        start = index
                        splits += 1
                    } else { index += 1 }
                }
                parts.append(make(scalars[start...]))
                return parts
            }
            var end = scalars.count, index = scalars.count - sep.count
            while index >= 0 {
                if (maxSplit < 0 || splits < maxSplit) && Array(scalars[index..<(index + sep.count)]) == sep {
                    parts.append(make(scalars[(index + sep.count)..<end]))
                    end = index
                    index -= sep.count
                    splits += 1
                } else { index -= 1 }
            }
            parts.append(make(scalars[0..<end]))
            return parts.reversed()
        }
        // Whitespace splitting: runs of whitespace separate, ends are dropped.
        var parts: [String] = []
        if !fromRight {
            var index = 0
            while index < scalars.count {
                while index < scalars.count && isSpace(scalars[index]) { index += 1 }
                if index >= scalars.count { break }
                if maxSplit >= 0 && parts.count == maxSplit {
                    var end = scalars.count
                    while end > index && isSpace(scalars[end - 1]) { end -= 1 }
                    parts.append(make(scalars[index..<end]))
                    break
                }
                let start = index
                while index < scalars.count && !isSpace(scalars[index]) { index += 1 }
                parts.append(make(scalars[start..<index]))
            }
            return parts
        }
        var index = scalars.count
        while index > 0 {
            while index > 0 && isSpace(scalars[index - 1]) { index -= 1 }
            if index == 0 { break }
            if maxSplit >= 0 && parts.count == maxSplit {
                var start = 0
                while start < index && isSpace(scalars[start]) { start += 1 }
                parts.append(make(scalars[start..<index]))
                break
            }
            let end = index
            while index > 0 && !isSpace(scalars[index - 1]) { index -= 1 }
            parts.append(make(scalars[index..<end]))
        }
        return parts.reversed()
    }

    static func find(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar], _ start: Int, _ end: Int, reverse: Bool) -> Int? {
        if needle.count > end - start { return nil }
        if needle.isEmpty { return reverse ? end : start }
        let positions = reverse ? Array(stride(from: end - needle.count, through: start, by: -1)) : Array(start...(end - needle.count))
        for index in positions where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }

    static func bounds(_ arguments: [PyObject], from offset: Int, _ count: Int) throws -> (Int, Int) {
        func resolve(_ value: PyObject?, _ fallback: Int) throws -> Int {
            guard let value, !value.isNone else { return fallback }
            var index = try PySlice.clampedIndex(value)
            if index < 0 { index = max(0, index + count) }
            return min(index, count)
        }
        return (try resolve(arguments.count > offset ? arguments[offset] : PyObject?.none, 0),
                try resolve(arguments.count > offset + 1 ? arguments[offset + 1] : PyObject?.none, count))
    }

    static func isCased(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isCased }

    static func titleCase(_ text: String) -> String {
        var out = ""
        var previousCased = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isCased || scalar.properties.isAlphabetic && (scalar.properties.isLowercase || scalar.properties.isUppercase) {
                out += previousCased ? String(scalar).lowercased() : scalar.properties.titlecaseMapping
                previousCased = true
            } else {
                out.unicodeScalars.append(scalar)
                previousCased = scalar.properties.isCased
            }
        }
        return out
    }

    static func install(_ type: PyClass) {
        type.nativeConstructor = { arguments, keywords in
            var args = BuiltinArguments("str", arguments, keywords)
            let encoding = args.take("encoding"), errors = args.take("errors")
            try args.requireCount(0...3)
            guard let value = arguments.first else { return PyObject("") }
            if let bytes = value.heap as? PyBytes, encoding != nil || errors != nil || arguments.count > 1 {
                return PyObject(String(decoding: bytes.bytes, as: UTF8.self))
            }
            return PyObject(try value.str())
        }
        ContainerDunders.install(type, hashable: true)
        type.method("__mod__", arity: 1...1) { this, arguments in PyObject(try PercentFormat.format(try text(this), arguments[0])) }
        type.method("__rmod__", arity: 1...1) { _, _ in .notImplemented }
        type.method("__str__", arity: 0...0) { this, _ in PyObject(try text(this)) }
        type.method("__format__", arity: 1...1) { this, arguments in
            PyObject(try PyFormatting.formatBuiltin(PyObject(try text(this)), try arguments[0].toString()))
        }
        type.method("upper", arity: 0...0) { this, _ in PyObject(try text(this).uppercased()) }
        type.method("lower", arity: 0...0) { this, _ in PyObject(try text(this).lowercased()) }
        type.method("casefold", arity: 0...0) { this, _ in PyObject(try text(this).lowercased().replacingOccurrences(of: "ß", with: "ss")) }
        type.method("swapcase", arity: 0...0) { this, _ in
            PyObject(String(try text(this).unicodeScalars.map { scalar -> String in
                if scalar.properties.isUppercase { return String(scalar).lowercased() }
                if scalar.properties.isLowercase { return String(scalar).uppercased() }
                return String(scalar)
            }.joined()))
        }
        type.method("capitalize", arity: 0...0) { this, _ in
            let value = try text(this)
            guard let first = value.unicodeScalars.first else { return PyObject("") }
            return PyObject(first.properties.titlecaseMapping + String(value.unicodeScalars.dropFirst()).lowercased())
        }
        type.method("title", arity: 0...0) { this, _ in PyObject(titleCase(try text(this))) }
        type.method("strip", arity: 0...1) { this, arguments in PyObject(try strip(try text(this), arguments.first, leading: true, trailing: true, name: "strip")) }
        type.method("lstrip", arity: 0...1) { this, arguments in PyObject(try strip(try text(this), arguments.first, leading: true, trailing: false, name: "lstrip")) }
        type.method("rstrip", arity: 0...1) { this, arguments in PyObject(try strip(try text(this), arguments.first, leading: false, trailing: true, name: "rstrip")) }
        for (name, fromRight) in [("split", false), ("rsplit", true)] {
            type.method(name) { this, arguments, keywords in
                var args = BuiltinArguments(name, arguments, keywords)
                let sep = args.take("sep") ?? args[0]
                let maxSplit = try (args.take("maxsplit") ?? args[1])?.toInt() ?? -1
                try args.rejectKeywords()
                return .list(try split(try text(this), sep, maxSplit, fromRight: fromRight).map { PyObject($0) })
            }
        }
        type.method("splitlines") { this, arguments, keywords in
            var args = BuiltinArguments("splitlines", arguments, keywords)
            let keep = try (args.take("keepends") ?? args[0])?.truthy() ?? false
            var lines: [PyObject] = []
            var current = String.UnicodeScalarView()
            let scalars = Array(try text(this).unicodeScalars)
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                let breaks: Set<UInt32> = [0x0A, 0x0D, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
                if breaks.contains(scalar.value) {
                    var ending = String.UnicodeScalarView([scalar])
                    if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { ending.append("\n"); index += 1 }
                    if keep { current.append(contentsOf: ending) }
                    lines.append(PyObject(String(current)))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(scalar)
                }
                index += 1
            }
            if !current.isEmpty { lines.append(PyObject(String(current))) }
            return .list(lines)
        }
        type.method("join", arity: 1...1) { this, arguments in
            let separator = try text(this)
            var parts: [String] = []
            guard (try? arguments[0].iterate()) != nil else { throw PyException.typeError("can only join an iterable") }
            for (index, item) in try arguments[0].collect().enumerated() {
                guard case .str(let part) = item.builtinValue.storage else {
                    throw PyException.typeError("sequence item \(index): expected str instance, \(item.typeName) found")
                }
                parts.append(part)
            }
            return PyObject(parts.joined(separator: separator))
        }
        type.method("replace", arity: 2...3) { this, arguments in
            let value = try text(this)
            let old = try stringArgument(arguments[0], "replace"), new = try stringArgument(arguments[1], "replace", position: 2)
            let count = arguments.count > 2 ? try arguments[2].toInt() : -1
            if count < 0 && !old.isEmpty { return PyObject(value.replacingOccurrences(of: old, with: new, options: .literal)) }
            let scalars = Array(value.unicodeScalars), needle = Array(old.unicodeScalars)
            var out = String.UnicodeScalarView()
            var index = 0, done = 0
            if needle.isEmpty {
                for scalar in scalars {
                    if count < 0 || done < count { out.append(contentsOf: new.unicodeScalars); done += 1 }
                    out.append(scalar)
                }
                if count < 0 || done < count { out.append(contentsOf: new.unicodeScalars) }
                return PyObject(String(out))
            }
            while index < scalars.count {
                if (count < 0 || done < count) && index + needle.count <= scalars.count && Array(scalars[index..<(index + needle.count)]) == needle {
                    out.append(contentsOf: new.unicodeScalars)
                    index += needle.count
                    done += 1
                } else {
                    out.append(scalars[index])
                    index += 1
                }
            }
            return PyObject(String(out))
        }
        for (name, reverse, raises) in [("find", false, false), ("rfind", true, false), ("index", false, true), ("rindex", true, true)] {
            type.method(name, arity: 1...3) { this, arguments in
                let scalars = Array(try text(this).unicodeScalars)
                let needle = Array(try stringArgument(arguments[0], name).unicodeScalars)
                let (start, end) = try bounds(arguments, from: 1, scalars.count)
                if let found = find(scalars, needle, start, end, reverse: reverse), start <= end { return PyObject(found) }
                if raises { throw PyException.valueError("substring not found") }
                return PyObject(-1)
            }
        }
        type.method("count", arity: 1...3) { this, arguments in
            let scalars = Array(try text(this).unicodeScalars)
            let needle = Array(try stringArgument(arguments[0], "count").unicodeScalars)
            let (start, end) = try bounds(arguments, from: 1, scalars.count)
            if start > end { return PyObject(0) }
            if needle.isEmpty { return PyObject(end - start + 1) }
            var count = 0, index = start
            while index + needle.count <= end {
                if Array(scalars[index..<(index + needle.count)]) == needle { count += 1; index += needle.count } else { index += 1 }
            }
            return PyObject(count)
        }
        for (name, atStart) in [("startswith", true), ("endswith", false)] {
            type.method(name, arity: 1...3) { this, arguments in
                let scalars = Array(try text(this).unicodeScalars)
                let (start, end) = try bounds(arguments, from: 1, scalars.count)
                let candidates: [PyObject]
                if let tuple = arguments[0].heap as? PyTupleStorage { candidates = tuple.items } else {
                    guard case .str = arguments[0].builtinValue.storage else {
                        throw PyException.typeError("\(name) first arg must be str or a tuple of str, not \(arguments[0].typeName)")
                    }
                    candidates = [arguments[0]]
                }
                if start > end { return .False }
                let window = Array(scalars[start..<end])
                for candidate in candidates {
                    guard case .str(let affixText) = candidate.builtinValue.storage else {
                        throw PyException.typeError("tuple for \(name) must only contain str, not \(candidate.typeName)")
                    }
                    let affix = Array(affixText.unicodeScalars)
                    if affix.count <= window.count && (atStart ? Array(window.prefix(affix.count)) == affix : Array(window.suffix(affix.count)) == affix) {
                        return .True
                    }
                }
                return .False
            }
        }
        func pad(_ name: String, _ layout: @escaping (String, Int, String) -> String) {
            type.method(name, arity: 1...2) { this, arguments in
                let value = try text(this)
                let width = try arguments[0].indexValue().toInt()
                var fill = " "
                if arguments.count > 1 {
                    fill = try stringArgument(arguments[1], "fill")
                    guard fill.unicodeScalars.count == 1 else { throw PyException.typeError("The fill character must be exactly one character long") }
                }
                let missing = width - value.unicodeScalars.count
                if missing <= 0 { return PyObject(value) }
                return PyObject(layout(value, missing, fill))
            }
        }
        pad("ljust") { value, missing, fill in value + String(repeating: fill, count: missing) }
        pad("rjust") { value, missing, fill in String(repeating: fill, count: missing) + value }
        pad("center") { value, missing, fill in
            let width = value.unicodeScalars.count + missing
            let left = missing / 2 + (missing & width & 1)
            return String(repeating: fill, count: left) + value + String(repeating: fill, count: missing - left)
        }
        type.method("zfill", arity: 1...1) { this, arguments in
            let value = try text(this)
            let width = try arguments[0].toInt()
            let missing = width - value.unicodeScalars.count
            if missing <= 0 { return PyObject(value) }
            if let first = value.first, first == "+" || first == "-" {
                return PyObject(String(first) + String(repeating: "0", count: missing) + value.dropFirst())
            }
            return PyObject(String(repeating: "0", count: missing) + value)
        }
        type.method("expandtabs", arity: 0...1) { this, arguments in
            let size = try arguments.first?.toInt() ?? 8
            var out = "", column = 0
            for scalar in try text(this).unicodeScalars {
                if scalar == "\t" {
                    let spaces = size > 0 ? size - column % size : 0
                    out += String(repeating: " ", count: spaces); column += spaces
                } else if scalar == "\n" || scalar == "\r" {
                    out.unicodeScalars.append(scalar); column = 0
                } else { out.unicodeScalars.append(scalar); column += 1 }
            }
            return PyObject(out)
        }
        for (name, fromRight) in [("partition", false), ("rpartition", true)] {
            type.method(name, arity: 1...1) { this, arguments in
                let value = try text(this)
                let sep = try stringArgument(arguments[0], name)
                if sep.isEmpty { throw PyException.valueError("empty separator") }
                let scalars = Array(value.unicodeScalars), needle = Array(sep.unicodeScalars)
                guard let index = find(scalars, needle, 0, scalars.count, reverse: fromRight) else {
                    return fromRight ? .tuple(["", "", PyObject(value)]) : .tuple([PyObject(value), "", ""])
                }
                let before = String(String.UnicodeScalarView(scalars[..<index]))
                let after = String(String.UnicodeScalarView(scalars[(index + needle.count)...]))
                return .tuple([PyObject(before), PyObject(sep), PyObject(after)])
            }
        }
        type.method("removeprefix", arity: 1...1) { this, arguments in
            let value = try text(this), prefix = try stringArgument(arguments[0], "removeprefix")
            return PyObject(value.unicodeScalars.starts(with: prefix.unicodeScalars) ? String(String.UnicodeScalarView(Array(value.unicodeScalars).dropFirst(prefix.unicodeScalars.count))) : value)
        }
        type.method("removesuffix", arity: 1...1) { this, arguments in
            let value = try text(this), suffix = try stringArgument(arguments[0], "removesuffix")
            let scalars = Array(value.unicodeScalars), tail = Array(suffix.unicodeScalars)
            if !tail.isEmpty && scalars.count >= tail.count && Array(scalars.suffix(tail.count)) == tail {
                return PyObject(String(String.UnicodeScalarView(scalars.dropLast(tail.count))))
            }
            return PyObject(value)
        }
        func predicate(_ name: String, emptyIs: Bool = false, _ test: @escaping ([Unicode.Scalar]) -> Bool) {
            type.method(name, arity: 0...0) { this, _ in
                let scalars = Array(try text(this).unicodeScalars)
                if scalars.isEmpty { return PyObject(emptyIs) }
                return PyObject(test(scalars))
            }
        }
        predicate("isdigit") { $0.allSatisfy { $0.properties.numericType == .decimal || $0.properties.numericType == .digit } }
        predicate("isdecimal") { $0.allSatisfy { $0.properties.numericType == .decimal } }
        predicate("isnumeric") { $0.allSatisfy { $0.properties.numericType != nil } }
        predicate("isalpha") { $0.allSatisfy { $0.properties.isAlphabetic && $0.properties.generalCategory != .nonspacingMark || ["Lu", "Ll", "Lt", "Lm", "Lo"].contains(categoryCode($0)) } }
        predicate("isalnum") { $0.allSatisfy { ["Lu", "Ll", "Lt", "Lm", "Lo"].contains(categoryCode($0)) || $0.properties.numericType != nil } }
        predicate("isspace") { $0.allSatisfy(isSpace) }
        predicate("isascii", emptyIs: true) { $0.allSatisfy { $0.isASCII } }
        predicate("isprintable", emptyIs: true) { $0.allSatisfy { StringRepr.isPrintable($0) } }
        predicate("isidentifier") { scalars in
            guard let first = scalars.first, first == "_" || first.properties.isXIDStart else { return false }
            return scalars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
        }
        predicate("islower") { scalars in
            scalars.contains { $0.properties.isLowercase } && !scalars.contains { $0.properties.isUppercase || categoryCode($0) == "Lt" }
        }
        predicate("isupper") { scalars in
            scalars.contains { $0.properties.isUppercase } && !scalars.contains { $0.properties.isLowercase || categoryCode($0) == "Lt" }
        }
        predicate("istitle") { scalars in titleCase(String(String.UnicodeScalarView(scalars))) == String(String.UnicodeScalarView(scalars)) && scalars.contains { isCased($0) } }
        type.method("format") { this, arguments, keywords in
            PyObject(try PyFormatting.format(try text(this), arguments, keywords))
        }
        type.method("format_map", arity: 1...1) { this, arguments in
            let mapping = arguments[0]
            let keys = try mapping.callMethod("keys").collect()
            let pairs = try keys.map { (try $0.toString(), try mapping.item($0)) }
            return PyObject(try PyFormatting.format(try text(this), [], pairs))
        }
        type.method("encode") { this, _, _ in .bytes(Array(try text(this).utf8)) }
        let maketrans = PyObject.builtin("maketrans") { arguments, _ in
            let result = PyDictStorage()
            if arguments.count == 1, let dict = arguments[0].heap as? PyDictStorage {
                for (key, value) in dict.entries {
                    if case .str(let character) = key.storage { try result.set(PyObject(Int(character.unicodeScalars.first!.value)), value) } else { try result.set(key, value) }
                }
                return PyObject(result)
            }
            guard arguments.count >= 2 else { throw PyException.typeError("maketrans() argument must be dict") }
            let from = Array(try arguments[0].toString().unicodeScalars), to = Array(try arguments[1].toString().unicodeScalars)
            guard from.count == to.count else { throw PyException.valueError("the first two maketrans arguments must have equal length") }
            for (a, b) in zip(from, to) { try result.set(PyObject(Int(a.value)), PyObject(Int(b.value))) }
            if arguments.count > 2 { for scalar in try arguments[2].toString().unicodeScalars { try result.set(PyObject(Int(scalar.value)), .none) } }
            return PyObject(result)
        }
        type.setOwn("maketrans", PyObject(PyMethodWrapper(.staticMethod, maketrans)))
        type.method("translate", arity: 1...1) { this, arguments in
            var out = ""
            for scalar in try text(this).unicodeScalars {
                let mapped: PyObject
                do { mapped = try arguments[0].item(PyObject(Int(scalar.value))) } catch let error as PyException where error.isInstance(of: PyClass.lookupError) {
                    out.unicodeScalars.append(scalar); continue
                }
                switch mapped.storage {
                case .none: continue
                case .int(let code): if let replacement = Unicode.Scalar(UInt32(code)) { out.unicodeScalars.append(replacement) }
                case .str(let replacement): out += replacement
                default: throw PyException.typeError("character mapping must return integer, None or str")
                }
            }
            return PyObject(out)
        }
    }

    static func categoryCode(_ scalar: Unicode.Scalar) -> String {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        default: ""
        }
    }
}

enum BytesMethods {
    static func install(_ type: PyClass) {
        let mutable = type.name == "bytearray"
        type.nativeConstructor = { arguments, keywords in
            var args = BuiltinArguments(type.name, arguments, keywords)
            _ = args.take("encoding"); _ = args.take("errors")
            guard let source = arguments.first else { return PyObject(PyBytes([], mutable: mutable)) }
            switch source.storage {
            case .str(let text):
                guard arguments.count > 1 || keywords.contains(where: { $0.0 == "encoding" }) else {
                    throw PyException.typeError("string argument without an encoding")
                }
                return PyObject(PyBytes(Array(text.utf8), mutable: mutable))
            case .int(let count):
                if count < 0 { throw PyException.valueError("negative count") }
                return PyObject(PyBytes([UInt8](repeating: 0, count: count), mutable: mutable))
            default:
                if let bytes = source.heap as? PyBytes { return PyObject(PyBytes(bytes.bytes, mutable: mutable)) }
                let values = try source.collect().map { item -> UInt8 in
                    let value = try item.indexValue().toInt()
                    guard (0...255).contains(value) else { throw PyException.valueError("bytes must be in range(0, 256)") }
                    return UInt8(value)
                }
                return PyObject(PyBytes(values, mutable: mutable))
            }
        }
        ContainerDunders.install(type, hashable: !mutable)
        type.method("decode") { this, _, _ in
            guard let bytes = this.heap as? PyBytes else { return .none }
            guard let text = String(validating: bytes.bytes, as: UTF8.self) else {
                throw PyException.make(PyClass.exceptionClasses["UnicodeDecodeError"]!, "'utf-8' codec can't decode bytes")
            }
            return PyObject(text)
        }
        type.method("hex", arity: 0...0) { this, _ in
            PyObject(((this.heap as? PyBytes)?.bytes ?? []).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
        }
        for name in ["upper", "lower", "strip", "split", "replace", "startswith", "endswith", "find", "count", "join", "title", "capitalize", "lstrip", "rstrip", "isdigit", "isalpha", "isspace"] {
            type.method(name) { this, arguments, keywords in
                guard let bytes = this.heap as? PyBytes else { return .none }
                let text = PyObject(String(decoding: bytes.bytes, as: UTF8.self))
                let converted = arguments.map { argument -> PyObject in
                    if let other = argument.heap as? PyBytes { return PyObject(String(decoding: other.bytes, as: UTF8.self)) }
                    if argument.heap is PyList || argument.heap is PyTupleStorage {
                        return .list(((try? argument.collect()) ?? []).map { item in
                            (item.heap as? PyBytes).map { PyObject(String(decoding: $0.bytes, as: UTF8.self)) } ?? item
                        })
                    }
                    return argument
                }
                let result = try text.callMethod(name, converted, keywords: keywords)
                func back(_ value: PyObject) -> PyObject {
                    if case .str(let string) = value.storage { return PyObject(PyBytes(Array(string.utf8), mutable: mutable)) }
                    if let list = value.heap as? PyList { return .list(list.items.map(back)) }
                    return value
                }
                return back(result)
            }
        }
        if mutable {
            ContainerDunders.installMutable(type)
            type.method("append", arity: 1...1) { this, arguments in
                guard let bytes = this.heap as? PyBytes else { return .none }
                let value = try arguments[0].toInt()
                guard (0...255).contains(value) else { throw PyException.valueError("byte must be in range(0, 256)") }
                bytes.bytes.append(UInt8(value))
                return .none
            }
            type.method("extend", arity: 1...1) { this, arguments in
                guard let bytes = this.heap as? PyBytes else { return .none }
                bytes.bytes += try arguments[0].collect().map { UInt8(try $0.toInt()) }
                return .none
            }
        }
        let fromHex = PyObject.builtin("fromhex") { arguments, _ in
            let text = try (arguments.last ?? "").toString().filter { !$0.isWhitespace }
            var values: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                guard let value = UInt8(text[index..<next], radix: 16) else {
                    throw PyException.valueError("non-hexadecimal number found in fromhex() arg")
                }
                values.append(value)
                index = next
            }
            return PyObject(PyBytes(values, mutable: mutable))
        }
        type.setOwn("fromhex", PyObject(PyMethodWrapper(.classMethod, fromHex)))
    }
}
