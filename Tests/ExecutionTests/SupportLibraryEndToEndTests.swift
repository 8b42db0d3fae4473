import Foundation
import LoomCore
import Testing
@testable import Execution
import SupportLibrarySources

/// The whole stage against the real support library: take it as Loom does (the copy Loom's build
/// compiled, adopted into the cache), compile the user's threading note (translated by hand into what
/// the translator emits) and run it cell by cell.
@Suite struct SupportLibraryEndToEndTests {
    static let threadingNote = #"""
        import LoomSupport

        func doSomething() {
            print("Sleeping 1 second...")
            sleep(1)
            print("Done Sleeping")
        }

        func doSomething(_ seconds: Double) -> String {
            print("Sleeping \(seconds) second(s)...")
            sleep(seconds)
            return "Done Sleeping"
        }

        func cell1() throws {
            let start = perfCounter()
            doSomething()
            doSomething()
            let finish = perfCounter()
            print("Finished in \(round(finish - start, 2)) second(s)")
        }

        func cell2() throws {
            var threads: [PythonThread] = []
            for _ in 0..<10 {
                let t = PythonThread(target: "do_something") { _ = doSomething(1.5) }
                t.start()
                threads.append(t)
            }
            for thread in threads { thread.join() }
        }

        func cell3() throws {
            let executor = ThreadPoolExecutor()
            defer { executor.shutdown() }
            let results = [5.0, 4, 3, 2, 1].map { sec in executor.submit { doSomething(sec) } }
            for f in asCompleted(results) { print(try f.result()) }
        }

        func cell4() throws {
            throw PythonError("ValueError", "bad value")
        }

        @main struct Note {
            static func main() { runCells([cell1, cell2, cell3, cell4]) }
        }
        """#

    @Test func threadingNoteRunsCellByCellWithTraceAndCPU() throws {
        let compiler = CompiledFixtures.compiler
        let support = try compiler.buildSupportLibrary(
            sources: SupportLibrarySources.files, prebuilt: SupportLibrarySources.prebuiltDirectory).get()
        let program = try compiler.buildProgram(mainSource: Self.threadingNote, support: support).get()

        let run = NoteProgramRunner.run(
            NoteProgram(executable: program.executable, cellCount: 4),
            options: CellRunOptions(timeLimitPerCell: 20, timeScale: 0.05))
        #expect(run.cells.map(\.status) == [.ok, .ok, .ok, .runtimeError(exception: "ValueError: bad value")])

        let first = run.cells[0]
        #expect(first.stdout.hasPrefix("Sleeping 1 second...\nDone Sleeping\nSleeping 1 second...\nDone Sleeping\nFinished in 2."))
        #expect(try #require(first.median) >= 2)

        let threads = run.cells[1]
        #expect(threads.stdout.split(separator: "\n").filter { $0 == "Sleeping 1.5 second(s)..." }.count == 10)
        let lanes = Set(threads.events.filter { $0.kind == .sleep }.map(\.lane))
        #expect(lanes == Set((1...10).map { "Thread-\($0) (do_something)" }))
        #expect(threads.events.contains { $0.kind == .start && $0.lane == "MainThread" && $0.tid != nil })
        // Ten 1.5 s sleeps at once: about 1.5 s, not 15.
        #expect(try #require(threads.median) >= 1.5)
        #expect(try #require(threads.median) < 10)

        let pool = run.cells[2]
        #expect(pool.stdout.split(separator: "\n").filter { $0 == "Done Sleeping" }.count == 5)
        #expect(pool.events.contains { $0.lane.hasPrefix("ThreadPoolExecutor-0_") })

        #expect(run.cells[3].stderr.contains("ValueError: bad value"))
        #expect(run.processesStarted == 1)
    }
}
