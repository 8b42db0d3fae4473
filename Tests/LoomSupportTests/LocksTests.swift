import Testing
@testable import LoomSupport

@Suite struct LocksTests {
    @Test func lockKeepsCountsExact() {
        let lock = Lock()
        let counter = UncheckedCounter()
        let threads = (0..<8).map { _ in
            PythonThread { for _ in 0..<2000 { lock.withLock { counter.value += 1 } } }
        }
        for thread in threads { thread.start() }
        for thread in threads { thread.join() }
        #expect(counter.value == 16000)
        #expect(!lock.locked)
    }

    @Test func nonBlockingAcquireFailsWhenHeld() {
        let lock = Lock()
        #expect(lock.acquire())
        #expect(!lock.acquire(blocking: false))
        #expect(!lock.acquire(timeout: 0.01))
        lock.release()
        #expect(lock.acquire(blocking: false))
    }

    @Test func negativeTimeoutWaitsForever() {
        let lock = Lock()
        lock.acquire()
        let releaser = PythonThread {
            sleepScaled(0.02)
            lock.release()
        }
        releaser.start()
        #expect(lock.acquire(timeout: -1))
        releaser.join()
    }

    @Test func rlockIsReentrant() {
        let lock = RLock()
        lock.acquire()
        lock.acquire()
        let other = Locked(true)
        let thread = PythonThread { other.withLock { $0 = lock.acquire(blocking: false) } }
        thread.start()
        thread.join()
        #expect(other.withLock { $0 } == false)
        lock.release()
        lock.release()
        let again = PythonThread { other.withLock { $0 = lock.acquire(blocking: false) } }
        again.start()
        again.join()
        #expect(other.withLock { $0 } == true)
    }
}

final class UncheckedCounter: @unchecked Sendable { var value = 0 }
final class UncheckedBuffer: @unchecked Sendable { var values: [Int] = [] }
