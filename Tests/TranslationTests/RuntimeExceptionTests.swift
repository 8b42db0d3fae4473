import Testing
@testable import Translation

/// Operations that raise in CPython raise catchable `PythonError`s in the translation, and only
/// those: a division by a literal stays plain Swift.
@Suite struct RuntimeExceptionTests {
    private func swift(_ source: String) throws -> String {
        try NoteCells.firstCellSwift(source)
    }

    @Test func divisionByAValueThatMayBeZeroThrows() throws {
        let text = try swift("""
        def ratio(a, b):
            return a / b
        def halves(a):
            return a / 2, a // 3, a % 4
        print(ratio(1, 2), halves(5))
        """)
        #expect(text.contains("func ratio(_ a: Int, _ b: Int) throws -> Double {"))
        #expect(text.contains("return try divide(a, b)"))
        #expect(text.contains("Double(a) / 2"))
        #expect(text.contains("floorDiv(a, 3)"))
    }

    @Test func aDivisibilityTestByALiteralStaysSwiftsOwnAndCannotThrow() throws {
        let text = try swift("""
        for n in range(4):
            if n % 2 == 0:
                print(n)
        """)
        #expect(text.contains("if n.isMultiple(of: 2) {"))
        #expect(!text.contains("try"))
    }

    @Test func aCaughtZeroDivisionIsADoCatch() throws {
        let text = try swift("""
        try:
            x = 0
            print(10 // x)
        except ZeroDivisionError as e:
            print("caught", e)
        """)
        #expect(text.contains("try print(floorDiv(10, x))"))
        #expect(text.contains(#"} catch let e as PythonError where e.type == "ZeroDivisionError" {"#))
    }

    @Test func readingAMissingKeyRaisesKeyError() throws {
        let text = try swift("""
        counts = {"a": 1}
        print(counts["a"])
        """)
        #expect(text.contains(#"try print(counts.lookup("a"))"#))
    }

    @Test func listIndexesThrowOnlyWhereIndexErrorIsCaught() throws {
        let text = try swift("""
        items = [1, 2]
        i = 5
        print(items[0])
        try:
            print(items[i])
        except LookupError:
            print("none")
        """)
        #expect(text.contains("print(items[0])"))
        #expect(text.contains("try print(items.item(i))"))
    }

    @Test func intOfTextRaisesValueError() throws {
        let text = try swift("""
        text = "x"
        print(int(text), float(text))
        """)
        #expect(text.contains("try print(int(text), float(text))"))
    }

    @Test func anUncaughtErrorEndsItsCellWithCPythonsLastLineAndTheNextCellRuns() throws {
        let run = try Differential.run("""
        # %%
        print("before")
        print(7 % 0)
        # %%
        print("after")
        """)
        #expect(run.compileError == nil)
        #expect(run.cells[0].swift == ["before"])
        #expect(run.cells[0].swiftErrors.last == "ZeroDivisionError: integer modulo by zero")
        #expect(run.cells[0].swiftErrors.last == run.cells[0].pythonErrors.last)
        #expect(run.cells[1].swift == ["after"])
    }

    @Test func printOfThreeItemsIsPythonsPrintWithoutASeparatorWorkaround() throws {
        let text = try swift("""
        flag = True
        print(flag, None, 1e16)
        """)
        #expect(text.contains(#"print(flag, "None", 1e+16)"#))
    }

    @Test func deletingAKeyCanRaiseKeyErrorAndMakesTheDictAVar() throws {
        let text = try swift("""
        stock = {"a": 1, "b": 2}
        del stock["a"]
        items = [1, 2, 3]
        del items[-1]
        del items[0]
        print(stock, items)
        """)
        #expect(text.contains("var stock"))
        #expect(text.contains(#"try stock.delete("a")"#))
        #expect(text.contains("items.removeLast()"))
        #expect(text.contains("items.remove(at: 0)"))
    }
}
