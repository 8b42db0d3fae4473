import Foundation
import Testing
@testable import LoomSupport

@Suite struct PythonThreadTests {
    @Test func namesFollowCPython() {
        let first = PythonThread(target: "work") {}
        let second = PythonThread {}
        let named = PythonThread(name: "reader") {}
        // One counter for the process (other tests create threads concurrently, so only the
        // order is certain here).
        let number = Int(first.name.dropFirst("Thread-".count).prefix { $0.isNumber })!
        let secondNumber = Int(second.name.dropFirst("Thread-".count))
        #expect(first.name == "Thread-\(number) (work)")
        #expect((secondNumber ?? 0) > number)
        #expect(named.name == "reader")
    }

    @Test func runsBodyWithItsOwnLaneAndJoins() {
        let seen = Locked<[String]>([])
        let thread = PythonThread(name: "worker") { seen.withLock { $0.append(PythonThread.currentName) } }
        #expect(!thread.isAlive)
        thread.start()
        thread.join()
        #expect(!thread.isAlive)
        #expect(seen.withLock { $0 } == ["worker"])
        #expect((thread.nativeID ?? 0) > 0)
    }

    /// CPython's `start()` returns once the thread runs: its `native_id` is known and it is alive,
    /// before the starter does anything else, however busy the machine.
    @Test func startReturnsOnceTheThreadRuns() {
        let release = DispatchSemaphore(value: 0)
        let threads = (0..<20).map { _ in PythonThread { release.wait() } }
        for thread in threads {
            thread.start()
            #expect(thread.nativeID != nil)
            #expect(thread.isAlive)
        }
        for _ in threads { release.signal() }
        for thread in threads { thread.join() }
    }

    /// Ten threads meet at a barrier of ten: only possible if all ten run at once, however few
    /// cores there are.
    @Test func threadsRunAtOnce() throws {
        let barrier = Barrier(10, timeout: 20)
        let passed = Locked(0)
        let threads = (0..<10).map { _ in
            PythonThread {
                _ = try barrier.wait()
                passed.withLock { $0 += 1 }
            }
        }
        for thread in threads { thread.start() }
        for thread in threads { thread.join() }
        #expect(passed.withLock { $0 } == 10)
        #expect(!barrier.isBroken)
    }

    @Test func joinWithTimeoutReturnsWhileStillRunning() {
        let release = Event()
        let thread = PythonThread { release.wait() }
        thread.start()
        thread.join(timeout: 0.05)
        #expect(thread.isAlive)
        release.set()
        thread.join()
        #expect(!thread.isAlive)
    }
}
