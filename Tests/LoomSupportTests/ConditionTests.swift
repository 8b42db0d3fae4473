import Testing
@testable import LoomSupport

@Suite struct ConditionTests {
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
}
