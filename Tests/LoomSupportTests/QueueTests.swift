import Testing
@testable import LoomSupport

@Suite struct QueueTests {
    @Test func firstInFirstOutAcrossThreads() throws {
        let queue = Queue<Int>()
        let producer = PythonThread { for value in 0..<100 { try queue.put(value) } }
        producer.start()
        var received: [Int] = []
        for _ in 0..<100 { received.append(try queue.get()) }
        producer.join()
        #expect(received == Array(0..<100))
        #expect(queue.empty)
    }

    @Test func emptyAndFullAreRaisedAsInPython() throws {
        let queue = Queue<String>(maxsize: 1)
        #expect(throws: PythonError("_queue.Empty")) { try queue.getNowait() }
        try queue.putNowait("a")
        #expect(queue.full)
        #expect(throws: PythonError("queue.Full")) { try queue.put("b", timeout: 0.01) }
        #expect(try queue.get(timeout: 0.01) == "a")
    }

    @Test func joinWaitsForEveryTaskDone() throws {
        let queue = Queue<Int>()
        let handled = Locked(0)
        let worker = PythonThread(daemon: true) {
            while true {
                _ = try queue.get()
                handled.withLock { $0 += 1 }
                queue.taskDone()
            }
        }
        worker.start()
        for value in 0..<20 { try queue.put(value) }
        queue.join()
        #expect(handled.withLock { $0 } == 20)
    }
}
