import Foundation
import PythonFrontEnd
import Testing
@testable import Translation

/// The Swift a dynamic cell reads as, the boundary between static and dynamic cells, and the
/// narrow refusals of constructs outside the surface.
@Suite struct DynamicLoweringTests {
    private func translate(_ source: String) throws -> NoteTranslation { try NoteCells.translate(source) }

    @Test func aCellTheStaticTranslatorRefusesRunsOverPyObjectAndSaysWhy() throws {
        let cell = try translate("""
        values = [1, "two", None]
        for v in values:
            print(type(v).__name__)
        """).cells[0]
        #expect(cell.status == .translated)
        #expect(cell.isDynamic)
        #expect(cell.swift.contains(#"let values: PyObject = [1, "two", .none]"#))
        #expect(cell.swift.contains("while let v = try iterator.next() {"))
        #expect(cell.swift.contains("try Py.print(Py.type(v).__name__)"))
        #expect(cell.notes.first?.text.hasPrefix("dynamic: translated over PyObject") == true)
        #expect(cell.notes.first?.text.contains("dynamic names: `v`, `values`") == true)
    }

    @Test func functionsKeepTheirPythonNamesParametersAndDefaults() throws {
        let swift = try translate("""
        def greet(name, greeting="Hello", *rest, loud=False, **extra):
            text = f"{greeting}, {name}!"
            return text.upper() if loud else text
        print(greet("ada", loud=True), isinstance(greet, object))
        """).cells[0].swift
        #expect(swift.contains(#"PySignature(["name", "greeting"], defaults: ["Hello"], varargs: "rest", keywordOnly: ["loud"], keywordDefaults: ["loud": false], varkw: "extra")"#))
        #expect(swift.contains("let name = arguments[0]"))
        #expect(swift.contains("let loud = arguments[3]"))
        #expect(swift.contains(#"let text = try PyObject("\(greeting.str()), \(name.str())!")"#))
        #expect(swift.contains("return try loud.truthy() ? text.upper() : text"))
        #expect(swift.contains(#"try Py.print(greet.call(["ada"], keywords: [("loud", true)]), Py.isinstance(greet, Py.object))"#))
    }

    @Test func classesAreMadeFromTheirBodyWithSuperAsTheEnclosingClass() throws {
        let swift = try translate("""
        class Animal:
            legs = 4
            def __init__(self, name):
                self.name = name
        class Bird(Animal):
            legs = 2
            def __init__(self, name):
                super().__init__(name)
        print(Bird("tweety").name, Bird.legs)
        """).cells[0].swift
        #expect(swift.contains(#"namespace["legs"] = 4"#))
        #expect(swift.contains(#"Bird = try PyObject.makeClass("Bird", bases: [Animal]) { namespace in"#))
        #expect(swift.contains("try Py.superOf(Bird, `self`).__init__(name)"))
        #expect(swift.contains(#"try `self`.setAttribute("name", name)"#))
    }

    @Test func tryExceptElseFinallyRunsFinallyOnEveryWayOut() throws {
        let swift = try translate("""
        def f(x):
            try:
                if x:
                    return 1 / x
            except ZeroDivisionError as error:
                print("zero", error)
            else:
                print("no exception")
            finally:
                print("cleanup")
            return None
        print(f(2), f(0), isinstance(f, object))
        """).cells[0].swift
        #expect(swift.contains("if try caught.matches(Py.ZeroDivisionError) {"))
        #expect(swift.contains("let error_ = caught.value"))
        #expect(swift.contains("let returnValue = try 1 / x"))
        // `finally` before the return inside `try`, after a rethrow, and after the statement.
        #expect(swift.components(separatedBy: #"try Py.print("cleanup")"#).count - 1 == 3)
        #expect(swift.contains("if completed {"))
    }

    @Test func generatorsComprehensionsAndLambdasHaveTheirOwnScopes() throws {
        let swift = try translate("""
        def evens(limit):
            n = 0
            while n < limit:
                yield n
                n += 2
        squares = [x * x for x in evens(7) if x]
        lazy = (s + 1 for s in squares)
        key = lambda item: -item
        print(squares, sorted(lazy, key=key))
        """).cells[0].swift
        #expect(swift.contains(#"return PyObject.generator("evens") { generator in"#))
        #expect(swift.contains("try generator.yield(n)"))
        #expect(swift.contains("n = try n.inPlace(.add, 2)"))
        #expect(swift.contains("guard try x.truthy() else { continue }"))
        // One `for` clause: stepped on the consumer's thread, its iterable taken at once.
        #expect(swift.contains(#"PyObject.generatorExpression(over: squares) { s in"#))
        #expect(swift.contains(#"PyObject.function("<lambda>", PySignature(["item"]), cell: 1) { arguments in Py.line(8); let item = arguments[0]; return try -item }"#))
        // Each body fetches its own thread's line slot and stores every statement's line in it.
        #expect(swift.contains("let frameLine = Py.lineSlot()\n    frameLine.pointee = 1"))
    }

    @Test func aLocalReadBeforeItsAssignmentRaisesUnboundLocalError() throws {
        let swift = try translate("""
        count = 0
        def bump():
            print(count)
            count = 1
        try:
            bump()
        except UnboundLocalError as e:
            print(e)
        """).cells[0].swift
        #expect(swift.contains("var count: PyObject? = nil"))
        #expect(swift.contains(#"try Py.print(boundLocal(count, "count"))"#))
    }

    @Test func matchStatementsTestEachCaseInOrder() throws {
        let swift = try translate("""
        def where_to(command):
            match command.split():
                case ["go", direction]:
                    return direction
                case ["quit"] | ["exit"]:
                    return "bye"
                case _:
                    return "?"
        print(where_to("go north"))
        """).cells[0].swift
        #expect(swift.contains("Py.len(subject) == 2"))
        #expect(swift.contains(#"subject.item(0) == "go""#))
        #expect(swift.contains("direction = try subject.item(1)") || swift.contains("direction = subject.item(1)"))
    }

    @Test func aStaticValueAdynamicCellReadsIsConvertedExplicitly() throws {
        let translation = try translate("""
        limit = 3
        print(limit * 2)
        # %%
        mixed = [limit, "three", None]
        print(mixed)
        """)
        #expect(!translation.cells[0].isDynamic)
        #expect(translation.cells[0].swift.contains("nonisolated(unsafe) var limit: Int"))
        #expect(translation.cells[1].isDynamic)
        #expect(translation.cells[1].swift.contains(#"[PyObject(limit), "three", .none]"#))
    }

    @Test func aStaticCellThatReadsADynamicNameBecomesDynamic() throws {
        let translation = try translate("""
        mixed = [1, "a"]
        # %%
        print(len(mixed))
        # %%
        print("independent", 1 + 2)
        """)
        #expect(translation.cells[0].isDynamic)
        #expect(translation.cells[1].isDynamic)
        #expect(translation.cells[1].notes.first?.text.contains("mixed") == true)
        #expect(!translation.cells[2].isDynamic)
        #expect(translation.cells[0].swift.contains("nonisolated(unsafe) var mixed: PyObject = .none"))
    }

    @Test func aStaticFunctionADynamicCellCallsBecomesDynamicToo() throws {
        let translation = try translate("""
        def double(n):
            return n * 2
        print(double(4))
        # %%
        print(list(map(double, [1, "a"])))
        """)
        #expect(translation.cells.allSatisfy { $0.isDynamic })
        #expect(translation.cells[0].notes.first?.text.contains("uses `double`") == true)
    }

    @Test func aDefReachingOutsideTheSurfaceIsLeftOutAndTheRestRuns() throws {
        let translation = try translate("""
        def load(path):
            with open(path) as f:
                return f.read()
        print("the rest runs")
        # %%
        print(load("notes.txt"))
        # %%
        print("later snippets that do not use it run too")
        """)
        #expect(translation.cells[0].status == .translated)
        #expect(translation.cells[0].notes.contains { $0.text.contains("`load` is left out: not translated: open at line 2") })
        guard case .refused(let refusal) = translation.cells[1].status else {
            Issue.record("snippet 2 runs `load`, which was left out")
            return
        }
        #expect(refusal.construct == "load")
        #expect(translation.cells[2].status == .translated)
    }

    @Test func modulesOutsideTheSurfaceAreRefusedByName() throws {
        let translation = try translate("""
        import requests
        print(requests.get("https://example.com"))
        # %%
        import numpy as np
        print(np.zeros(3))
        # %%
        import collections
        print(collections.Counter("aab"))
        """)
        guard case .refused(let network) = translation.cells[0].status, case .refused(let thirdParty) = translation.cells[1].status else {
            Issue.record("network and third-party imports are outside the surface")
            return
        }
        #expect(network.reason.contains("network"))
        #expect(thirdParty.reason.contains("not in the standard library"))
        #expect(translation.cells[2].isDynamic)
        #expect(translation.cells[2].swift.contains(#"let collections = try Py.importModule("collections")"#))
    }

    @Test func unittestCellsRunDynamicallyAndKeepTheirDocstrings() throws {
        let translation = try translate(#"""
        import unittest
        from unittest import TestCase

        class TestMath(TestCase):
            """Arithmetic checks."""
            def test_add(self):
                """Adds two numbers."""
                self.assertEqual(1 + 1, 2)

        unittest.main(argv=["notes"], exit=False)
        # %%
        import doctest
        """#)
        let cell = translation.cells[0]
        #expect(cell.status == .translated)
        #expect(cell.isDynamic)
        #expect(cell.swift.contains(#"try Py.importModule("unittest").TestCase"#))
        #expect(cell.swift.contains(#"namespace["__doc__"] = "Arithmetic checks.""#))
        #expect(cell.swift.contains(#"PyObject.function("test_add", PySignature(["self"]), doc: "Adds two numbers.", cell: 1)"#))
        guard case .refused(let doctest) = translation.cells[1].status else {
            Issue.record("doctest stays outside the surface")
            return
        }
        #expect(doctest.reason.contains("test framework"))
    }

    /// Every cell of the static corpus stays static; prints the share of declarations (names a
    /// cell binds at module level) that stay static over the whole corpus, generated notes included.
    @Test func staticCellsStayStaticAndTheShareOfStaticDeclarationsIsMeasured() throws {
        var staticDeclarations = 0, dynamicDeclarations = 0
        var texts: [(String, String)] = try DifferentialCorpusTests.corpusFiles.map { file in
            (file, try String(contentsOf: DifferentialCorpusTests.corpusDirectory.appendingPathComponent(file), encoding: .utf8))
        }
        for batch in GeneratedDynamicCorpusTests.batches {
            texts.append(("generated \(batch.0)", GeneratedDynamicCorpusTests.note(family: batch.0, seed: batch.1, count: batch.2)))
        }
        for (file, text) in texts {
            let cells = NoteCells.split(text)
            let translation = try NoteCells.translate(text)
            for (cell, translated) in zip(cells, translation.cells) where translated.status == .translated {
                let declarations = GradualTyping.names(try PythonParser.parse(cell.code, firstLine: cell.firstLine).body).binds.count
                if translated.isDynamic { dynamicDeclarations += declarations } else { staticDeclarations += declarations }
                // In the static corpus, only a cell the static translator itself refuses is dynamic:
                // the cascade must not reach the others.
                if !file.hasPrefix("dynamic_") && !file.hasPrefix("generated") && translated.isDynamic {
                    #expect(translated.notes.first?.text.contains("the static translator refused it") == true,
                            "\(file) snippet \(cell.index) became dynamic: \(translated.notes.first?.text ?? "")")
                }
            }
        }
        let share = Double(staticDeclarations) / Double(max(1, staticDeclarations + dynamicDeclarations))
        print("declarations that stay static: \(staticDeclarations) of \(staticDeclarations + dynamicDeclarations) (\(Int((share * 100).rounded()))%)")
        #expect(staticDeclarations > 0 && dynamicDeclarations > 0)
    }
}
