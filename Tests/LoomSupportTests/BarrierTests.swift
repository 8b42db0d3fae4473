import Testing
@testable import LoomSupport

@Suite struct BarrierTests {
    @Test func barrierTimeoutBreaksIt() {
        let barrier = Barrier(2)
        #expect(throws: PythonError("threading.BrokenBarrierError")) { try barrier.wait(timeout: 0.01) }
        #expect(barrier.isBroken)
    }
}
