import Foundation
import Testing
@testable import LoomSupport

@Suite struct TimeTests {
    @Test func clocksAdvanceAndWallTimeIsTheEpoch() {
        let first = perfCounter()
        let second = monotonic()
        #expect(second >= first)
        #expect(abs(time() - Date().timeIntervalSince1970) < 60)
    }

    @Test func zeroSleepReturns() {
        sleep(0)
        sleep(0.0)
    }
}
