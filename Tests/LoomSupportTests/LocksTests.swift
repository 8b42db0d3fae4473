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

    @Test func conditionHandsItemsFromProducerToConsumer() {
        let condition = Condition()
        let items = UncheckedBuffer()
        let consumed = Locked<[Int]>([])
        let consumer = PythonThread {
            for _ in 0..<5 {
                condition.withLock {
                    condition.wait(for: { !items.values.isEmpty })
                    consumed.withLock { $0.append(items.values.removeFirst()) }
                }
            }
        }
        consumer.start()
        for value in 1...5 {
            condition.withLock {
                items.values.append(value)
                condition.notify()
            }
        }
        consumer.join()
        #expect(consumed.withLock { $0 } == [1, 2, 3, 4, 5])
    }

    @Test func conditionWaitTimesOutWithoutNotify() {
        let condition = Condition(Lock())
        let notified = condition.withLock { condition.wait(timeout: 0.02) }
        #expect(!notified)
    }

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

    @Test func eventWaitReportsTheFlag() {
        let event = Event()
        #expect(!event.wait(timeout: 0.01))
        let setter = PythonThread { event.set() }
        setter.start()
        #expect(event.wait())
        #expect(event.isSet)
        event.clear()
        #expect(!event.isSet)
        setter.join()
    }

    @Test func barrierTimeoutBreaksIt() {
        let barrier = Barrier(2)
        #expect(throws: PythonError("threading.BrokenBarrierError")) { try barrier.wait(timeout: 0.01) }
        #expect(barrier.isBroken)
    }
}

final class UncheckedCounter: @unchecked Sendable { var value = 0 }
final class UncheckedBuffer: @unchecked Sendable { var values: [Int] = [] }
