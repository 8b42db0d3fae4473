import Testing
@testable import Translation

/// `for … else` and `while … else`: a flag the loop's `break`s clear, only when some `break` can.
@Suite struct LoopElseTests {
    private func swift(_ source: String) throws -> String {
        try NoteCells.firstCellSwift(source)
    }

    @Test func aBreakClearsTheFlagTheElseBlockTests() throws {
        let text = try swift("""
        for n in range(2, 10):
            for x in range(2, n):
                if n % x == 0:
                    break
            else:
                print(n)
        """)
        #expect(text.contains("""
                var completed = true
                for x in 2..<n {
                    if try mod(n, x) == 0 {
                        completed = false
                        break
                    }
                }
                if completed {
                    print(n)
                }
        """))
    }

    @Test func aLoopWithoutBreakRunsItsElseUnconditionally() throws {
        let text = try swift("""
        count = 0
        while count < 3:
            count += 1
        else:
            print("done", count)
        """)
        #expect(!text.contains("completed"))
        #expect(text.contains("}\n    print(\"done\", count)"))
    }

    @Test func aBreakInsideTheElseBelongsToTheOuterLoop() throws {
        let text = try swift("""
        for a in range(3):
            for b in range(3):
                pass
            else:
                break
        print("out")
        """)
        #expect(!text.contains("completed"))
    }
}
