/// `TestCase`'s assertions with CPython 3.11's messages: `_formatMessage` joins a `msg=` after
/// ` : ` (or replaces the standard message when `longMessage` is false), reprs longer than 80
/// characters are shortened in the middle, and container and string comparisons add
/// `difflib.ndiff` over `pprint.pformat`, cut to `maxDiff`.
extension UnittestModule {
    static let exceptionTypeDescription = "an exception type or tuple of exception types"

    /// Runs `body`, giving nil when it raised one of `types` (CPython's `except (A, B):`).
    static func catching(_ types: [String], _ body: () throws -> PyObject) throws -> PyObject? {
        do {
            return try body()
        } catch {
            let caught = PyException.caught(error)
            if types.contains(where: { caught.isInstance(of: PyClass.exceptionClass(named: $0)) }) { return nil }
            throw caught
        }
    }

    static func compiledPattern(_ pattern: PyObject) throws -> PyObject {
        try Py.importModule("re").callMethod("compile", [pattern])
    }

    /// `_truncateMessage`: the diff, or how long it was when it passes `self.maxDiff`.
    static func truncated(_ test: PyObject, _ message: String, _ diff: String) throws -> String {
        let limit = try test.attribute("maxDiff")
        if try limit.isNone || UnittestText.length(diff) <= limit.toInt() { return message + diff }
        return message + "\nDiff is \(UnittestText.length(diff)) characters long. Set self.maxDiff to None to see it."
    }

    static func prettyDiff(_ first: PyObject, _ second: PyObject) throws -> String {
        let lines = { (value: PyObject) in try UnittestText.prettyFormat(value).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        return "\n" + UnittestDiff.ndiff(try lines(first), try lines(second)).joined(separator: "\n")
    }

    static func assertionMethods() -> [(String, PyObject)] {
        var methods: [(String, PyObject)] = []
        func add(_ name: String, _ parameters: [String], defaults: [PyObject] = [.none], varargs: String? = nil, varkw: String? = nil,
                 _ body: @escaping (_ test: PyObject, _ arguments: [PyObject]) throws -> Void) {
            methods.append((name, method(name, parameters, defaults: defaults, varargs: varargs, varkw: varkw) { arguments in
                try body(arguments[0], Array(arguments.dropFirst()))
                return .none
            }))
        }
        func compare(_ name: String, _ operation: PyCompareOperator, _ words: String) {
            add(name, ["a", "b", "msg"]) { test, arguments in
                if try !arguments[0].compare(operation, arguments[1]).truthy() {
                    try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) \(words) \(UnittestText.safeRepr(arguments[1]))")
                }
            }
        }

        methods.append(("_formatMessage", method("_formatMessage", ["msg", "standardMsg"]) { arguments in
            let test = arguments[0], message = arguments[1], standard = arguments[2]
            if try !test.attribute("longMessage").truthy() { return try message.truthy() ? message : standard }
            if message.isNone { return standard }
            return PyObject("\(try standard.str()) : \(try message.str())")
        }))
        methods.append(("_truncateMessage", method("_truncateMessage", ["message", "diff"]) { arguments in
            PyObject(try truncated(arguments[0], try arguments[1].str(), try arguments[2].str()))
        }))
        add("assertTrue", ["expr", "msg"]) { test, arguments in
            if try !arguments[0].truthy() { try fail(test, arguments[1], "\(UnittestText.safeRepr(arguments[0])) is not true") }
        }
        add("assertFalse", ["expr", "msg"]) { test, arguments in
            if try arguments[0].truthy() { try fail(test, arguments[1], "\(UnittestText.safeRepr(arguments[0])) is not false") }
        }
        methods.append(("_getAssertEqualityFunc", method("_getAssertEqualityFunc", ["first", "second"]) { arguments in
            try equalityFunction(arguments[0], arguments[1], arguments[2])
        }))
        add("_baseAssertEqual", ["first", "second", "msg"]) { test, arguments in
            if try !(arguments[0] == arguments[1]) {
                let reprs = UnittestText.commonShortenRepr([arguments[0], arguments[1]])
                try fail(test, arguments[2], "\(reprs[0]) != \(reprs[1])")
            }
        }
        add("assertEqual", ["first", "second", "msg"]) { test, arguments in
            try equalityFunction(test, arguments[0], arguments[1]).call([arguments[0], arguments[1]], keywords: [("msg", arguments[2])])
        }
        add("assertNotEqual", ["first", "second", "msg"]) { test, arguments in
            if try !(arguments[0] != arguments[1]) {
                try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) == \(UnittestText.safeRepr(arguments[1]))")
            }
        }
        add("assertAlmostEqual", ["first", "second", "places", "msg", "delta"], defaults: [.none, .none, .none]) { test, arguments in
            try almostEqual(test, arguments, expectingEqual: true)
        }
        add("assertNotAlmostEqual", ["first", "second", "places", "msg", "delta"], defaults: [.none, .none, .none]) { test, arguments in
            try almostEqual(test, arguments, expectingEqual: false)
        }
        add("assertSequenceEqual", ["seq1", "seq2", "msg", "seq_type"], defaults: [.none, .none]) { test, arguments in
            try sequenceEqual(test, arguments[0], arguments[1], arguments[2], arguments[3])
        }
        add("assertListEqual", ["list1", "list2", "msg"]) { test, arguments in
            try sequenceEqual(test, arguments[0], arguments[1], arguments[2], Py.list)
        }
        add("assertTupleEqual", ["tuple1", "tuple2", "msg"]) { test, arguments in
            try sequenceEqual(test, arguments[0], arguments[1], arguments[2], Py.tuple)
        }
        add("assertSetEqual", ["set1", "set2", "msg"]) { test, arguments in try setEqual(test, arguments) }
        add("assertIn", ["member", "container", "msg"]) { test, arguments in
            if try !arguments[1].contains(arguments[0]) {
                try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) not found in \(UnittestText.safeRepr(arguments[1]))")
            }
        }
        add("assertNotIn", ["member", "container", "msg"]) { test, arguments in
            if try arguments[1].contains(arguments[0]) {
                try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) unexpectedly found in \(UnittestText.safeRepr(arguments[1]))")
            }
        }
        add("assertIs", ["expr1", "expr2", "msg"]) { test, arguments in
            if !arguments[0].isIdentical(to: arguments[1]) {
                try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) is not \(UnittestText.safeRepr(arguments[1]))")
            }
        }
        add("assertIsNot", ["expr1", "expr2", "msg"]) { test, arguments in
            if arguments[0].isIdentical(to: arguments[1]) {
                try fail(test, arguments[2], "unexpectedly identical: \(UnittestText.safeRepr(arguments[0]))")
            }
        }
        add("assertDictEqual", ["d1", "d2", "msg"]) { test, arguments in
            let first = arguments[0], second = arguments[1]
            try test.callMethod("assertIsInstance", [first, Py.dict, "First argument is not a dictionary"])
            try test.callMethod("assertIsInstance", [second, Py.dict, "Second argument is not a dictionary"])
            if try first != second {
                let reprs = UnittestText.commonShortenRepr([first, second])
                let standard = try truncated(test, "\(reprs[0]) != \(reprs[1])", try prettyDiff(first, second))
                try fail(test, arguments[2], standard)
            }
        }
        add("assertDictContainsSubset", ["subset", "dictionary", "msg"]) { test, arguments in
            var missing: [String] = [], mismatched: [String] = []
            for pair in try arguments[0].callMethod("items").collect() {
                let (key, value) = try pair.unpack2()
                if try !arguments[1].contains(key) {
                    missing.append(UnittestText.safeRepr(key))
                } else if try value != arguments[1].item(key) {
                    mismatched.append("\(UnittestText.safeRepr(key)), expected: \(UnittestText.safeRepr(value)), actual: \(UnittestText.safeRepr(try arguments[1].item(key)))")
                }
            }
            guard !missing.isEmpty || !mismatched.isEmpty else { return }
            var standard = missing.isEmpty ? "" : "Missing: " + missing.joined(separator: ",")
            if !mismatched.isEmpty { standard += (standard.isEmpty ? "" : "; ") + "Mismatched values: " + mismatched.joined(separator: ",") }
            try fail(test, arguments[2], standard)
        }
        add("assertCountEqual", ["first", "second", "msg"]) { test, arguments in try countEqual(test, arguments) }
        add("assertMultiLineEqual", ["first", "second", "msg"]) { test, arguments in try multiLineEqual(test, arguments) }
        compare("assertLess", .less, "not less than")
        compare("assertLessEqual", .lessEqual, "not less than or equal to")
        compare("assertGreater", .greater, "not greater than")
        compare("assertGreaterEqual", .greaterEqual, "not greater than or equal to")
        add("assertIsNone", ["obj", "msg"]) { test, arguments in
            if !arguments[0].isNone { try fail(test, arguments[1], "\(UnittestText.safeRepr(arguments[0])) is not None") }
        }
        add("assertIsNotNone", ["obj", "msg"]) { test, arguments in
            if arguments[0].isNone { try fail(test, arguments[1], "unexpectedly None") }
        }
        add("assertIsInstance", ["obj", "cls", "msg"]) { test, arguments in
            if try !Py.isInstance(arguments[0], arguments[1]) {
                try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) is not an instance of \(try arguments[1].repr())")
            }
        }
        add("assertNotIsInstance", ["obj", "cls", "msg"]) { test, arguments in
            if try Py.isInstance(arguments[0], arguments[1]) {
                try fail(test, arguments[2], "\(UnittestText.safeRepr(arguments[0])) is an instance of \(try arguments[1].repr())")
            }
        }
        methods.append(("assertRaises", method("assertRaises", ["expected_exception"], varargs: "args", varkw: "kwargs") { arguments in
            let context = try classes.assertRaisesContext(arguments[1], arguments[0])
            return try context.callMethod("handle", ["assertRaises", arguments[2], arguments[3]])
        }))
        methods.append(("assertRaisesRegex", method("assertRaisesRegex", ["expected_exception", "expected_regex"], varargs: "args", varkw: "kwargs") { arguments in
            let context = try classes.assertRaisesContext(arguments[1], arguments[0], arguments[2])
            return try context.callMethod("handle", ["assertRaisesRegex", arguments[3], arguments[4]])
        }))
        add("assertRegex", ["text", "expected_regex", "msg"]) { test, arguments in
            var pattern = arguments[1]
            if pattern.isStr || pattern.heap is PyBytes {
                if try !pattern.truthy() { try raise(Py.AssertionError, "expected_regex must not be empty.") }
                pattern = try compiledPattern(pattern)
            }
            if try !pattern.callMethod("search", [arguments[0]]).truthy() {
                try fail(test, arguments[2], "Regex didn't match: \(try pattern.attribute("pattern").repr()) not found in \(try arguments[0].repr())")
            }
        }
        add("assertNotRegex", ["text", "unexpected_regex", "msg"]) { test, arguments in
            var pattern = arguments[1]
            if pattern.isStr || pattern.heap is PyBytes { pattern = try compiledPattern(pattern) }
            let match = try pattern.callMethod("search", [arguments[0]])
            if try match.truthy() {
                let found = try arguments[0].item(.slice(try match.callMethod("start"), try match.callMethod("end")))
                try fail(test, arguments[2], "Regex matched: \(try found.repr()) matches \(try pattern.attribute("pattern").repr()) in \(try arguments[0].repr())")
            }
        }
        // The 3.11 names kept for old code; CPython also warns that they are deprecated.
        let aliases = [("assertEquals", "assertEqual"), ("failUnlessEqual", "assertEqual"), ("assertNotEquals", "assertNotEqual"),
                       ("failIfEqual", "assertNotEqual"), ("assertAlmostEquals", "assertAlmostEqual"),
                       ("failUnlessAlmostEqual", "assertAlmostEqual"), ("assertNotAlmostEquals", "assertNotAlmostEqual"),
                       ("failIfAlmostEqual", "assertNotAlmostEqual"), ("failUnless", "assertTrue"), ("assert_", "assertTrue"),
                       ("failIf", "assertFalse"), ("failUnlessRaises", "assertRaises"), ("assertRaisesRegexp", "assertRaisesRegex"),
                       ("assertRegexpMatches", "assertRegex"), ("assertNotRegexpMatches", "assertNotRegex")]
        for (alias, original) in aliases {
            if let function = methods.first(where: { $0.0 == original })?.1 { methods.append((alias, function)) }
        }
        return methods
    }

    /// `_getAssertEqualityFunc`: the type-specific assertion when both values have the same type.
    static func equalityFunction(_ test: PyObject, _ first: PyObject, _ second: PyObject) throws -> PyObject {
        if first.pyType === second.pyType, let asserter = try (test.attribute("_type_equality_funcs").builtinValue.heap as? PyDictStorage)?.get(PyObject(first.pyType)) {
            return asserter.isStr ? try test.attribute(try asserter.toString()) : asserter
        }
        return try test.attribute("_baseAssertEqual")
    }

    static func almostEqual(_ test: PyObject, _ arguments: [PyObject], expectingEqual: Bool) throws {
        let first = arguments[0], second = arguments[1], message = arguments[3], delta = arguments[4]
        var places = arguments[2]
        if expectingEqual, try first == second { return }
        if !delta.isNone && !places.isNone { throw PyException.typeError("specify delta or places not both") }
        let difference = try Py.abs(try first - second)
        let reprs = "\(UnittestText.safeRepr(first)) \(expectingEqual ? "!=" : "==") \(UnittestText.safeRepr(second))"
        let standard: String
        if !delta.isNone {
            let done: Bool
            if expectingEqual { done = try difference <= delta } else { done = try !(first == second) && difference > delta }
            if done { return }
            standard = "\(reprs) within \(UnittestText.safeRepr(delta)) delta (\(UnittestText.safeRepr(difference)) difference)"
        } else {
            if places.isNone { places = 7 }
            let rounded = try Py.round(difference, places)
            let done: Bool
            if expectingEqual { done = try rounded == 0 } else { done = try !(first == second) && rounded != 0 }
            if done { return }
            standard = expectingEqual ? "\(reprs) within \(try places.repr()) places (\(UnittestText.safeRepr(difference)) difference)"
                                      : "\(reprs) within \(try places.repr()) places"
        }
        try fail(test, message, standard)
    }

    static func sequenceEqual(_ test: PyObject, _ first: PyObject, _ second: PyObject, _ message: PyObject, _ sequenceType: PyObject) throws {
        var typeName = "sequence"
        if !sequenceType.isNone {
            typeName = try sequenceType.attribute("__name__").str()
            for (which, value) in [("First", first), ("Second", second)] {
                if try !Py.isInstance(value, sequenceType) {
                    try raise(try test.attribute("failureException"), PyObject("\(which) sequence is not a \(typeName): \(UnittestText.safeRepr(value))"))
                }
            }
        }
        let lengthErrors = ["TypeError", "NotImplementedError"], indexErrors = ["TypeError", "IndexError", "NotImplementedError"]
        var differing: String
        if let firstLength = try catching(lengthErrors, { try Py.len(first) }) {
            if let secondLength = try catching(lengthErrors, { try Py.len(second) }) {
                if try first == second { return }
                let count1 = try firstLength.toInt(), count2 = try secondLength.toInt()
                let reprs = UnittestText.commonShortenRepr([first, second])
                differing = "\(try PyObject(typeName).callMethod("capitalize").str())s differ: \(reprs[0]) != \(reprs[1])\n"
                var stopped = false
                for index in 0..<min(count1, count2) {
                    guard let item1 = try catching(indexErrors, { try first.item(PyObject(index)) }) else {
                        differing += "\nUnable to index element \(index) of first \(typeName)\n"
                        stopped = true
                        break
                    }
                    guard let item2 = try catching(indexErrors, { try second.item(PyObject(index)) }) else {
                        differing += "\nUnable to index element \(index) of second \(typeName)\n"
                        stopped = true
                        break
                    }
                    if try item1 != item2 {
                        let itemReprs = UnittestText.commonShortenRepr([item1, item2])
                        differing += "\nFirst differing element \(index):\n\(itemReprs[0])\n\(itemReprs[1])\n"
                        stopped = true
                        break
                    }
                }
                // Equal items and lengths but different types (a list and a tuple) count as equal.
                if !stopped && count1 == count2 && sequenceType.isNone && first.pyType !== second.pyType { return }
                if count1 != count2 {
                    let (longer, shorter, which) = count1 > count2 ? (first, count2, "first") : (second, count1, "second")
                    differing += "\n\(count1 > count2 ? "First" : "Second") \(typeName) contains \(abs(count1 - count2)) additional elements.\n"
                    if let extra = try catching(indexErrors, { try longer.item(PyObject(shorter)) }) {
                        differing += "First extra element \(shorter):\n\(UnittestText.safeRepr(extra))\n"
                    } else {
                        differing += "Unable to index element \(shorter) of \(which) \(typeName)\n"
                    }
                }
            } else {
                differing = "Second \(typeName) has no length.    Non-sequence?"
            }
        } else {
            differing = "First \(typeName) has no length.    Non-sequence?"
        }
        try fail(test, message, try truncated(test, differing, try prettyDiff(first, second)))
    }

    static func setEqual(_ test: PyObject, _ arguments: [PyObject]) throws {
        let first = arguments[0], second = arguments[1]
        func difference(_ a: PyObject, _ b: PyObject, _ which: String) throws -> PyObject {
            do {
                return try a.callMethod("difference", [b])
            } catch {
                let caught = PyException.caught(error)
                let failure = try test.attribute("failureException")
                if caught.isInstance(of: PyClass.typeError) {
                    try raise(failure, PyObject("invalid type when attempting set difference: \(try caught.value.str())"))
                }
                if caught.isInstance(of: PyClass.attributeError) {
                    try raise(failure, PyObject("\(which) argument does not support set difference: \(try caught.value.str())"))
                }
                throw caught
            }
        }
        let onlyFirst = try difference(first, second, "first"), onlySecond = try difference(second, first, "second")
        guard try onlyFirst.truthy() || onlySecond.truthy() else { return }
        var lines: [String] = []
        if try onlyFirst.truthy() {
            lines.append("Items in the first set but not the second:")
            for item in try onlyFirst.collect() { lines.append(try item.repr()) }
        }
        if try onlySecond.truthy() {
            lines.append("Items in the second set but not the first:")
            for item in try onlySecond.collect() { lines.append(try item.repr()) }
        }
        try fail(test, arguments[2], lines.joined(separator: "\n"))
    }

    /// `(count in first, count in second, element)` for each element counted differently, as
    /// `_count_diff_hashable` (by hash) or, for unhashable elements, `_count_diff_all_purpose`.
    static func countDifferences(_ first: [PyObject], _ second: [PyObject]) throws -> [(Int, Int, PyObject)] {
        func counts(_ items: [PyObject]) throws -> PyDictStorage {
            let table = PyDictStorage()
            for item in items { try table.set(item, PyObject(try (table.get(item)?.toInt() ?? 0) + 1)) }
            return table
        }
        do {
            let firstCounts = try counts(first), secondCounts = try counts(second)
            var differences: [(Int, Int, PyObject)] = []
            for (element, count) in firstCounts.entries {
                let other = try secondCounts.get(element)?.toInt() ?? 0
                if try count.toInt() != other { differences.append((try count.toInt(), other, element)) }
            }
            for (element, count) in secondCounts.entries {
                if try firstCounts.get(element) == nil { differences.append((0, try count.toInt(), element)) }
            }
            return differences
        } catch let error as PyException where error.isInstance(of: PyClass.typeError) {
            var remainingFirst: [PyObject?] = first, remainingSecond: [PyObject?] = second
            var differences: [(Int, Int, PyObject)] = []
            for index in remainingFirst.indices {
                guard let element = remainingFirst[index] else { continue }
                var inFirst = 0, inSecond = 0
                for other in index..<remainingFirst.count {
                    if let candidate = remainingFirst[other], try candidate == element { inFirst += 1; remainingFirst[other] = nil }
                }
                for other in remainingSecond.indices {
                    if let candidate = remainingSecond[other], try candidate == element { inSecond += 1; remainingSecond[other] = nil }
                }
                if inFirst != inSecond { differences.append((inFirst, inSecond, element)) }
            }
            for index in remainingSecond.indices {
                guard let element = remainingSecond[index] else { continue }
                var inSecond = 0
                for other in index..<remainingSecond.count {
                    if let candidate = remainingSecond[other], try candidate == element { inSecond += 1; remainingSecond[other] = nil }
                }
                differences.append((0, inSecond, element))
            }
            return differences
        }
    }

    static func countEqual(_ test: PyObject, _ arguments: [PyObject]) throws {
        let differences = try countDifferences(try arguments[0].collect(), try arguments[1].collect())
        guard !differences.isEmpty else { return }
        let lines = try differences.map { "First has \($0.0), Second has \($0.1):  \(try $0.2.repr())" }
        try fail(test, arguments[2], try truncated(test, "Element counts were not equal:\n", lines.joined(separator: "\n")))
    }

    static func multiLineEqual(_ test: PyObject, _ arguments: [PyObject]) throws {
        let first = arguments[0], second = arguments[1]
        try test.callMethod("assertIsInstance", [first, Py.str, "First argument is not a string"])
        try test.callMethod("assertIsInstance", [second, Py.str, "Second argument is not a string"])
        guard try first != second else { return }
        let threshold = try test.attribute("_diffThreshold")
        if try Py.len(first) > threshold || Py.len(second) > threshold {
            try test.callMethod("_baseAssertEqual", [first, second, arguments[2]])
        }
        func lines(_ text: PyObject) throws -> [String] {
            try text.callMethod("splitlines", keywords: [("keepends", true)]).collect().map { try $0.toString() }
        }
        var firstLines = try lines(first), secondLines = try lines(second)
        if firstLines.count == 1, try first.callMethod("strip", ["\r\n"]) == first {
            firstLines = [try first.toString() + "\n"]
            secondLines = [try second.toString() + "\n"]
        }
        let reprs = UnittestText.commonShortenRepr([first, second])
        let diff = "\n" + UnittestDiff.ndiff(firstLines, secondLines).joined()
        try fail(test, arguments[2], try truncated(test, "\(reprs[0]) != \(reprs[1])", diff))
    }

    /// What `assertRaises`/`assertRaisesRegex` return without a callable: a context manager that
    /// fails when nothing (or nothing matching) is raised, keeping the exception as `.exception`.
    static func assertRaisesContextClass() throws -> PyObject {
        func raiseFailure(_ this: PyObject, _ standard: String) throws -> Never {
            let test = try this.attribute("test_case")
            let text = try test.callMethod("_formatMessage", [try this.attribute("msg"), PyObject(standard)])
            try raise(try test.attribute("failureException"), text)
        }
        func isExceptionType(_ value: PyObject) -> Bool {
            if let tuple = value.heap as? PyTupleStorage { return tuple.items.allSatisfy(isExceptionType) }
            return (value.heap as? PyClass)?.isSubclass(of: PyClass.baseException) ?? false
        }
        return try PyObject.makeClass("_AssertRaisesContext") { namespace in
            namespace["__module__"] = "unittest.case"
            namespace["__init__"] = method("__init__", ["expected", "test_case", "expected_regex"], defaults: [.none]) { arguments in
                let this = arguments[0]
                try this.setAttribute("expected", arguments[1])
                try this.setAttribute("test_case", arguments[2])
                try this.setAttribute("expected_regex", arguments[3].isNone ? .none : try compiledPattern(arguments[3]))
                try this.setAttribute("obj_name", .none)
                try this.setAttribute("msg", .none)
                return .none
            }
            namespace["handle"] = method("handle", ["name", "args", "kwargs"]) { arguments in
                let this = arguments[0], positional = try arguments[2].collect(), keywords = arguments[3]
                guard isExceptionType(try this.attribute("expected")) else {
                    throw PyException.typeError("\(try arguments[1].str())() arg 1 must be \(exceptionTypeDescription)")
                }
                guard let callable = positional.first else {
                    try this.setAttribute("msg", try keywords.callMethod("pop", ["msg", .none]))
                    if try keywords.truthy() {
                        throw PyException.typeError("\(try keywords.iterate().next()!.repr()) is an invalid keyword argument for this function")
                    }
                    return this
                }
                try this.setAttribute("obj_name", try attributeOrNil(callable, "__name__") ?? PyObject(try callable.str()))
                _ = try ContextlibModule.withManager(this) {
                    try callable.call(Array(positional.dropFirst()), keywords: try keywords.unpackedKeywords())
                }
                return .none
            }
            namespace["__enter__"] = method("__enter__") { arguments in arguments[0] }
            namespace["__exit__"] = method("__exit__", ["exc_type", "exc_value", "tb"]) { arguments in
                let this = arguments[0], type = arguments[1], value = arguments[2]
                let expected = try this.attribute("expected")
                guard let raised = type.heap as? PyClass else {
                    let name = try attributeOrNil(expected, "__name__")?.str() ?? expected.str()
                    let callable = try this.attribute("obj_name")
                    if try callable.truthy() { try raiseFailure(this, "\(name) not raised by \(try callable.str())") }
                    try raiseFailure(this, "\(name) not raised")
                }
                if try !Py.isSubclass(raised, expected) { return false }
                try this.setAttribute("exception", value)
                let pattern = try this.attribute("expected_regex")
                if pattern.isNone { return true }
                let text = try value.str()
                if try !pattern.callMethod("search", [PyObject(text)]).truthy() {
                    try raiseFailure(this, "\"\(try pattern.attribute("pattern").str())\" does not match \"\(text)\"")
                }
                return true
            }
        }
    }
}
