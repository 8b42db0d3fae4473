import Testing
@testable import LoomSupport

@Suite struct MultiprocessingTests {
    @Test func poolMapsInOrderOnForkPoolWorkers() throws {
        let pool = ProcessPool(processes: 3)
        let squares = try pool.map(Array(1...20)) { $0 * $0 }
        #expect(squares == (1...20).map { $0 * $0 })
        let lanes = try pool.map(Array(0..<6), chunksize: 1) { _ in PythonThread.currentName }
        #expect(lanes.allSatisfy { $0.hasPrefix("ForkPoolWorker-") })
        #expect(Array(pool.imap([3, 1, 2]) { $0 * 10 }) == [30, 10, 20])
        #expect(Array(pool.imapUnordered([3, 1, 2]) { $0 * 10 }).sorted() == [10, 20, 30])
        #expect(try pool.applyAsync { 42 }.result(timeout: 10) == 42)
        pool.close()
        pool.join()
    }

    @Test func processesAreNumberedThreads() {
        let ran = Locked("")
        let process = PythonProcess { ran.withLock { $0 = PythonThread.currentName } }
        #expect(process.name.hasPrefix("Process-"))
        process.start()
        process.join()
        #expect(ran.withLock { $0 } == process.name)
        #expect(process.exitcode == 0)
    }
}
