import Testing
@testable import Translation

/// A `def` inside a `def`: a Swift local function that captures what the Python closure reads.
@Suite struct NestedFunctionTests {
    private func translation(_ source: String) throws -> CellTranslation {
        try NoteCells.translate(source).cells[0]
    }

    @Test func aWorkerDefinedInsideMainIsALocalFunctionCapturingMainsVariables() throws {
        let cell = try translation("""
        import threading
        def main():
            results = []
            def worker(n):
                results.append(n * 2)
            t = threading.Thread(target=worker, args=(1,))
            t.start()
            t.join()
            print(results)
        main()
        """)
        #expect(cell.status == .translated)
        #expect(cell.swift.contains("    var results: [Int] = []"))
        #expect(cell.swift.contains("""
            func worker(_ n: Int) {
                results.append(n * 2)
            }
        """))
        #expect(cell.swift.contains(#"PythonThread(target: "worker") { worker(1) }"#))
    }

    @Test func aNestedFunctionsNameDoesNotLeakPastItsEnclosingFunction() throws {
        let translation = try NoteCells.translate("""
        def helper(x):
            return x + 1
        def outer():
            def helper(x):
                return x * 10
            return helper(2)
        print(outer(), helper(2))
        """)
        #expect(translation.cells[0].status == .translated)
        #expect(translation.cells[0].swift.contains("print(outer(), helper(2))"))
    }

    @Test func rebindingAnOuterNameRunsDynamically() throws {
        let cell = try translation("""
        def make():
            count = 0
            def increment():
                nonlocal count
                count += 1
            increment()
            return count
        print(make())
        """)
        // The static translator refuses `nonlocal`; the cell runs over PyObject, and says why.
        #expect(cell.isDynamic)
        #expect(cell.notes.contains { $0.text.contains("nonlocal at line 4") })
        #expect(cell.swift.contains("count = try count.inPlace(.add, 1)"))
    }
}
