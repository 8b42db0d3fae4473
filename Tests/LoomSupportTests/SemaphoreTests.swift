import Testing
@testable import LoomSupport

@Suite struct SemaphoreTests {
    @Test func semaphoreBoundsConcurrency() {
        let semaphore = Semaphore(2)
        let inside = Locked((now: 0, most: 0))
        let threads = (0..<6).map { _ in
            PythonThread {
                semaphore.withLock {
                    inside.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                    sleepScaled(0.01)
                    inside.withLock { $0.now -= 1 }
                }
            }
        }
        for thread in threads { thread.start() }
        for thread in threads { thread.join() }
        #expect(inside.withLock { $0.most } <= 2)
    }
}
