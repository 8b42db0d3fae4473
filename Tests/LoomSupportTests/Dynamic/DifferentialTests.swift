import Testing
@testable import LoomSupport

/// Generated expressions evaluated by the dynamic API and by CPython 3.11, compared by `repr` of
/// the result or by exception type and message.
@Suite struct DifferentialTests {
    static let binaryOperators: [(String, PyBinaryOperator)] = [
        ("+", .add), ("-", .subtract), ("*", .multiply), ("/", .trueDivide), ("//", .floorDivide), ("%", .remainder),
        ("**", .power), ("<<", .leftShift), (">>", .rightShift), ("&", .and), ("|", .or), ("^", .xor),
    ]
    static let comparisons: [(String, PyCompareOperator)] = [
        ("==", .equal), ("!=", .notEqual), ("<", .less), ("<=", .lessEqual), (">", .greater), (">=", .greaterEqual),
    ]

    func check(_ cases: [DifferentialCase], _ label: String) throws {
        let (checked, mismatches) = try Differential.compare(cases)
        if !mismatches.isEmpty {
            let shown = mismatches.prefix(60).joined(separator: "\n"); Issue.record("\(label): \(mismatches.count) of \(checked) differ from CPython:\n\(shown)")
        }
        #expect(checked == cases.count)
    }

    @Test func binaryOperators() throws {
        var generator = ValueGenerator(seed: 11)
        var cases: [DifferentialCase] = []
        for _ in 0..<1500 {
            let (symbol, operation) = generator.pick(Self.binaryOperators)
            let left = generator.value()
            var right = generator.value()
            if operation == .power || operation == .leftShift || operation == .multiply {
                if generator.chance(70) { right = generator.smallInt() }
            }
            if operation == .power, left.python.count > 25 { right = generator.smallInt() }
            let python = "(\(left.python)) \(symbol) (\(right.python))"
            cases.append(DifferentialCase(python: python) { try left.make().binary(operation, try right.make()) })
        }
        for _ in 0..<300 {
            let left = generator.value(), right = generator.value()
            let (symbol, operation) = generator.pick([("+", PyBinaryOperator.add), ("*", .multiply), ("|", .or), ("&", .and), ("-", .subtract)])
            let rightOperand = operation == .multiply ? generator.smallInt() : right
            let python = "(lambda x: (x.__iadd__ if False else None, x))(None) and None or (lambda a, b: (a := a, b, a)[2])(\(left.python), \(rightOperand.python))"
            _ = python
            // `a op= b` evaluated as Python does in a function, returning the new value of a.
            let source = "(lambda a, b: [a, b] and (exec('a \(symbol)= b', None, d := {'a': a, 'b': b}) or d['a']))(\(left.python), \(rightOperand.python))"
            cases.append(DifferentialCase(python: source) { try left.make().inPlace(operation, try rightOperand.make()) })
        }
        try check(cases, "binary operators")
    }

    @Test func comparisonsAndUnaryOperators() throws {
        var generator = ValueGenerator(seed: 12)
        var cases: [DifferentialCase] = []
        for _ in 0..<1200 {
            let (symbol, operation) = generator.pick(Self.comparisons)
            let left = generator.value(), right = generator.chance(30) ? generator.value() : left
            cases.append(DifferentialCase(python: "(\(left.python)) \(symbol) (\(right.python))") {
                try left.make().compare(operation, try right.make())
            })
        }
        for _ in 0..<400 {
            let container = generator.value(), item = generator.scalar()
            cases.append(DifferentialCase(python: "(\(item.python)) in (\(container.python))") {
                PyObject(try container.make().contains(try item.make()))
            })
        }
        for _ in 0..<500 {
            let operand = generator.value()
            switch generator.below(5) {
            case 0: cases.append(DifferentialCase(python: "-(\(operand.python))") { try -operand.make() })
            case 1: cases.append(DifferentialCase(python: "+(\(operand.python))") { try +operand.make() })
            case 2: cases.append(DifferentialCase(python: "~(\(operand.python))") { try ~operand.make() })
            case 3: cases.append(DifferentialCase(python: "not (\(operand.python))") { PyObject(!(try operand.make().truthy())) })
            default: cases.append(DifferentialCase(python: "bool(\(operand.python))") { try Py.bool(operand.make()) })
            }
        }
        try check(cases, "comparisons")
    }

    @Test func builtins() throws {
        var generator = ValueGenerator(seed: 13)
        let oneArgument = ["len", "abs", "str", "repr", "int", "float", "bool", "sorted", "min", "max", "sum", "list",
                           "tuple", "set", "frozenset", "bin", "hex", "oct", "chr", "ord", "any", "all", "round", "ascii",
                           "callable", "dict", "type"]
        var cases: [DifferentialCase] = []
        for _ in 0..<1500 {
            let name = generator.pick(oneArgument)
            let argument = generator.value()
            let builtin = try Py.builtinsModule.attribute(name)
            if name == "type" {
                cases.append(DifferentialCase(python: "type(\(argument.python)).__name__") { try builtin(argument.make()).attribute("__name__") })
                continue
            }
            cases.append(DifferentialCase(python: "\(name)(\(argument.python))") { try builtin(argument.make()) })
        }
        for _ in 0..<700 {
            let a = generator.value(), b = generator.scalar()
            switch generator.below(9) {
            case 0: cases.append(DifferentialCase(python: "divmod(\(a.python), \(b.python))") { try Py.divmod(a.make(), b.make()) })
            case 1:
                let exponent = generator.smallInt(), modulus = generator.smallInt()
                cases.append(DifferentialCase(python: "pow(\(a.python), \(exponent.python), \(modulus.python))") { try Py.pow(a.make(), exponent.make(), modulus.make()) })
            case 2:
                let digits = generator.smallInt()
                cases.append(DifferentialCase(python: "round(\(a.python), \(digits.python))") { try Py.round(a.make(), digits.make()) })
            case 3: cases.append(DifferentialCase(python: "list(enumerate(\(a.python), \(generator.smallInt().python)))") { [generator] in
                _ = generator
                return .none
            })
                cases.removeLast()
                let start = generator.smallInt()
                cases.append(DifferentialCase(python: "list(enumerate(\(a.python), \(start.python)))") { try Py.list(Py.enumerate(a.make(), start.make())) })
            case 4:
                let c = generator.value()
                cases.append(DifferentialCase(python: "list(zip(\(a.python), \(c.python)))") { try Py.list(Py.zip(a.make(), c.make())) })
            case 5: cases.append(DifferentialCase(python: "max(\(a.python), \(b.python))") { try Py.max(a.make(), b.make()) })
            case 6: cases.append(DifferentialCase(python: "sorted(\(a.python), reverse=True)") { try Py.sorted.call([a.make()], keywords: [("reverse", true)]) })
            case 7: cases.append(DifferentialCase(python: "list(reversed(\(a.python)))") { try Py.list(Py.reversed(a.make())) })
            default: cases.append(DifferentialCase(python: "isinstance(\(a.python), (int, str))") { try Py.isinstance(a.make(), .tuple([Py.int, Py.str])) })
            }
        }
        for text in ["0", "-17", " 42 ", "1_000", "0x1F", "12a", "", "3.5", "+7", "-0", "99999999999999999999999", "١٢٣"] {
            cases.append(DifferentialCase(python: "int(\(StringRepr.repr(text)))") { try Py.int(PyObject(text)) })
            cases.append(DifferentialCase(python: "float(\(StringRepr.repr(text)))") { try Py.float(PyObject(text)) })
        }
        for (text, base) in [("ff", 16), ("0x1f", 0), ("777", 8), ("0b101", 0), ("z", 36), ("12", 2), ("0o17", 8), ("010", 0)] {
            cases.append(DifferentialCase(python: "int(\(StringRepr.repr(text)), \(base))") { try Py.int(PyObject(text), PyObject(base)) })
        }
        try check(cases, "builtins")
    }

    @Test func stringMethods() throws {
        var generator = ValueGenerator(seed: 14)
        let noArgument = ["upper", "lower", "title", "capitalize", "swapcase", "casefold", "strip", "lstrip", "rstrip",
                          "split", "rsplit", "splitlines", "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper",
                          "istitle", "isnumeric", "isdecimal", "isidentifier", "isprintable", "isascii", "expandtabs"]
        let oneString = ["split", "rsplit", "strip", "lstrip", "rstrip", "find", "rfind", "index", "rindex", "count",
                         "startswith", "endswith", "partition", "rpartition", "removeprefix", "removesuffix", "join"]
        let pieces = ["", "a", "l", "o", ",", " ", "lo", "Hello", "ab", "x", "ü", "\t"]
        var cases: [DifferentialCase] = []
        for _ in 0..<2500 {
            let receiver = generator.string()
            switch generator.below(6) {
            case 0, 1:
                let name = generator.pick(noArgument)
                cases.append(DifferentialCase(python: "\(receiver.python).\(name)()") { try receiver.make().callMethod(name) })
            case 2, 3:
                let name = generator.pick(oneString)
                if name == "join" {
                    let items = generator.value()
                    cases.append(DifferentialCase(python: "\(receiver.python).join(\(items.python))") { try receiver.make().callMethod("join", [items.make()]) })
                    continue
                }
                let piece = generator.pick(pieces)
                let argument = generator.chance(10) ? generator.scalar() : GeneratedValue(python: StringRepr.repr(piece)) { PyObject(piece) }
                cases.append(DifferentialCase(python: "\(receiver.python).\(name)(\(argument.python))") { try receiver.make().callMethod(name, [argument.make()]) })
            case 4:
                let name = generator.pick(["center", "ljust", "rjust", "zfill"])
                let width = generator.below(16)
                if name != "zfill" && generator.chance(50) {
                    let fill = generator.pick(["*", "-", "ü", "ab"])
                    cases.append(DifferentialCase(python: "\(receiver.python).\(name)(\(width), \(StringRepr.repr(fill)))") {
                        try receiver.make().callMethod(name, [PyObject(width), PyObject(fill)])
                    })
                } else {
                    cases.append(DifferentialCase(python: "\(receiver.python).\(name)(\(width))") { try receiver.make().callMethod(name, [PyObject(width)]) })
                }
            default:
                let old = generator.pick(pieces), new = generator.pick(["", "_", "XY", "ü"])
                let count = generator.below(4) - 1
                cases.append(DifferentialCase(python: "\(receiver.python).replace(\(StringRepr.repr(old)), \(StringRepr.repr(new)), \(count))") {
                    try receiver.make().callMethod("replace", [PyObject(old), PyObject(new), PyObject(count)])
                })
            }
        }
        for _ in 0..<500 {
            let receiver = generator.string()
            let slice = (generator.below(9) - 4, generator.below(9) - 4, generator.pick([1, 2, -1, -2, 3]))
            cases.append(DifferentialCase(python: "\(receiver.python)[\(slice.0):\(slice.1):\(slice.2)]") {
                try receiver.make().item(.slice(PyObject(slice.0), PyObject(slice.1), PyObject(slice.2)))
            })
            let index = generator.below(13) - 6
            cases.append(DifferentialCase(python: "\(receiver.python)[\(index)]") { try receiver.make().item(PyObject(index)) })
        }
        try check(cases, "str methods")
    }

    @Test func containerMethods() throws {
        var generator = ValueGenerator(seed: 15)
        var cases: [DifferentialCase] = []
        func mutation(_ receiver: GeneratedValue, _ name: String, _ arguments: [GeneratedValue]) -> DifferentialCase {
            let python = "(lambda o: (o.\(name)(\(arguments.map(\.python).joined(separator: ", "))), o))(\(receiver.python))"
            return DifferentialCase(python: python) {
                let object = try receiver.make()
                let result = try object.callMethod(name, try arguments.map { try $0.make() })
                return .tuple([result, object])
            }
        }
        func listValue() -> GeneratedValue {
            let items = (0..<generator.below(6)).map { _ in generator.chance(70) ? generator.smallInt() : generator.scalar() }
            return GeneratedValue(python: "[" + items.map(\.python).joined(separator: ", ") + "]") { .list(try items.map { try $0.make() }) }
        }
        func dictValue() -> GeneratedValue {
            let keys = (0..<generator.below(5)).map { _ in generator.chance(50) ? generator.string() : generator.smallInt() }
            let values = keys.map { _ in generator.scalar() }
            return GeneratedValue(python: "{" + zip(keys, values).map { "\($0.python): \($1.python)" }.joined(separator: ", ") + "}") {
                try .dict(zip(keys, values).map { (try $0.make(), try $1.make()) })
            }
        }
        func setValue() -> GeneratedValue {
            let items = (0..<generator.below(7)).map { _ in generator.hashableNumber() }
            return GeneratedValue(python: "set([" + items.map(\.python).joined(separator: ", ") + "])") { try .set(try items.map { try $0.make() }) }
        }
        for _ in 0..<800 {
            let list = listValue()
            let item = generator.chance(60) ? generator.smallInt() : generator.scalar()
            switch generator.below(11) {
            case 0: cases.append(mutation(list, "append", [item]))
            case 1: cases.append(mutation(list, "extend", [listValue()]))
            case 2: cases.append(mutation(list, "insert", [generator.smallInt(), item]))
            case 3: cases.append(mutation(list, "pop", generator.chance(50) ? [] : [generator.smallInt()]))
            case 4: cases.append(mutation(list, "remove", [item]))
            case 5: cases.append(mutation(list, "index", [item]))
            case 6: cases.append(mutation(list, "count", [item]))
            case 7: cases.append(mutation(list, "sort", []))
            case 8: cases.append(mutation(list, "reverse", []))
            case 9: cases.append(mutation(list, "clear", []))
            default:
                let slice = (generator.below(9) - 4, generator.below(9) - 4, generator.pick([1, 2, -1]))
                cases.append(DifferentialCase(python: "\(list.python)[\(slice.0):\(slice.1):\(slice.2)]") {
                    try list.make().item(.slice(PyObject(slice.0), PyObject(slice.1), PyObject(slice.2)))
                })
            }
        }
        for _ in 0..<800 {
            let dict = dictValue()
            let key = generator.chance(50) ? generator.string() : generator.smallInt()
            switch generator.below(9) {
            case 0: cases.append(mutation(dict, "get", [key]))
            case 1: cases.append(mutation(dict, "pop", [key]))
            case 2: cases.append(mutation(dict, "pop", [key, generator.scalar()]))
            case 3: cases.append(mutation(dict, "setdefault", [key, generator.scalar()]))
            case 4: cases.append(mutation(dict, "update", [dictValue()]))
            case 5: cases.append(mutation(dict, "popitem", []))
            case 6: cases.append(DifferentialCase(python: "list(\(dict.python).items())") { try Py.list(dict.make().callMethod("items")) })
            case 7: cases.append(DifferentialCase(python: "\(dict.python)[\(key.python)]") { try dict.make().item(key.make()) })
            default: cases.append(DifferentialCase(python: "\(dict.python) | \(dictValue().python)") { .none })
                cases.removeLast()
                let other = dictValue()
                cases.append(DifferentialCase(python: "\(dict.python) | \(other.python)") { try dict.make() | other.make() })
            }
        }
        for _ in 0..<800 {
            let set = setValue(), other = setValue()
            let item = generator.hashableNumber()
            switch generator.below(11) {
            case 0: cases.append(mutation(set, "add", [item]))
            case 1: cases.append(mutation(set, "discard", [item]))
            case 2: cases.append(mutation(set, "remove", [item]))
            case 3: cases.append(mutation(set, "update", [other]))
            case 4: cases.append(DifferentialCase(python: "\(set.python) | \(other.python)") { try set.make() | other.make() })
            case 5: cases.append(DifferentialCase(python: "\(set.python) & \(other.python)") { try set.make() & other.make() })
            case 6: cases.append(DifferentialCase(python: "\(set.python) - \(other.python)") { try set.make() - other.make() })
            case 7: cases.append(DifferentialCase(python: "\(set.python) ^ \(other.python)") { try set.make() ^ other.make() })
            case 8: cases.append(DifferentialCase(python: "\(set.python) <= \(other.python)") { try set.make().compare(.lessEqual, other.make()) })
            case 9: cases.append(mutation(set, "pop", []))
            default: cases.append(mutation(set, "intersection_update", [other]))
            }
        }
        try check(cases, "container methods")
    }

    @Test func formatting() throws {
        var generator = ValueGenerator(seed: 16)
        let specs = ["", "d", ">8", "<6", "^9", "08.3f", ".2f", "+.1e", ",", "_", "x", "#x", "#o", "b", "%", ".3%", "10.4g",
                     "g", ".0f", "e", "E", "*^12", "=+10", " ", "s", ".3s", "c", ">10s", "n", "#b", "010,", "z.1f", "0=10"]
        var cases: [DifferentialCase] = []
        for _ in 0..<1500 {
            let value = generator.chance(80) ? generator.scalar() : generator.value()
            let spec = generator.pick(specs)
            cases.append(DifferentialCase(python: "format(\(value.python), \(StringRepr.repr(spec)))") { PyObject(try value.make().format(spec)) })
        }
        let templates = ["%s", "%r", "%d", "%5d", "%-5d|", "%05d", "%.2f", "%10.3f", "%x", "%#x", "%o", "%e", "%g", "%c", "%+d",
                         "%s and %s", "%%", "%i%%"]
        for _ in 0..<700 {
            let template = generator.pick(templates)
            let value = generator.scalar()
            let argument: GeneratedValue = template.contains(" and ") ? GeneratedValue(python: "(\(value.python), \(value.python))") {
                .tuple([try value.make(), try value.make()])
            } : value
            cases.append(DifferentialCase(python: "\(StringRepr.repr(template)) % \(argument.python)") { try PyObject(template) % argument.make() })
        }
        let formats = ["{}", "{!r}", "{0} {0}", "{:>6}", "{:.2f}", "{0[0]}", "{x}", "{{}} {}", "{:^7}|", "{:,}", "{!s:>4}"]
        for _ in 0..<500 {
            let template = generator.pick(formats)
            let value = generator.value()
            cases.append(DifferentialCase(python: "\(StringRepr.repr(template)).format(\(value.python), x=\(value.python))") {
                try PyObject(template).callMethod("format", [value.make()], keywords: [("x", value.make())])
            })
        }
        try check(cases, "formatting")
    }
}
