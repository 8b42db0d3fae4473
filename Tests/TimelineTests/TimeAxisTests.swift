import Foundation
import Testing
@testable import Timeline

@Suite struct TimeAxisTests {
    @Test(arguments: [
        (0.0, "ms"), (0.0004, "ms"), (0.999, "ms"), (1.0, "s"), (1.51, "s"), (299.0, "s"),
        (300.0, "min"), (7_199.0, "min"), (7_200.0, "h"), (36_000.0, "h"),
    ])
    func unitSuitsTheDuration(duration: Double, symbol: String) {
        #expect(TimeUnit.suiting(TimeScale(duration: duration, columns: 60).end).symbol == symbol)
    }

    @Test(arguments: [0.0, 0.0003, 0.004, 0.3, 1.51, 2, 10.01, 59, 600, 10_800.2, 259_200] as [Double])
    func ticksAreNiceStepsThatLeaveRoomForTheirLabels(duration: Double) throws {
        for columns in [13, 24, 55, 120] {
            let scale = TimeScale(duration: duration, columns: columns)
            let axis = AxisTicks(scale: scale)
            let ticks = axis.ticks
            #expect(ticks.first?.seconds == 0 && ticks.first?.label == "0")
            #expect(ticks.allSatisfy { $0.seconds <= scale.end * (1 + 1e-9) })
            guard ticks.count > 1 else { continue }
            let step = (ticks[1].seconds - ticks[0].seconds) / axis.unit.seconds
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 5].contains { abs(mantissa - Double($0)) < 1e-6 }, "step \(step)")
            for (left, right) in zip(ticks, ticks.dropFirst()) {
                #expect(right.column - left.column >= left.label.count + 1)
            }
        }
    }

    @Test func columnsSplitTimeEvenlyAndSpansEndingOnABoundaryStopBeforeIt() {
        let scale = TimeScale(duration: 2, columns: 20)
        #expect(scale.column(of: 0) == 0)
        #expect(scale.column(of: 0.1) == 1)
        #expect(scale.column(of: 2) == 19)
        #expect(scale.column(of: 50) == 19)
        #expect(scale.lastColumn(endingAt: 0.2) == 1)
        #expect(scale.lastColumn(endingAt: 0.21) == 2)
    }
}
