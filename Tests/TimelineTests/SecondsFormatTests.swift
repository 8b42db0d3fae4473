import Testing
@testable import Timeline

@Suite struct SecondsFormatTests {
    @Test(arguments: [
        (0.0, "0 s"), (0.0004, "0 s"), (0.0049, "4.9 ms"), (0.3045, "304 ms"), (0.9996, "1.00 s"),
        (1.5061, "1.51 s"), (10.004, "10.00 s"), (59.994, "59.99 s"), (125.0, "2 min 5 s"),
        (10_800.2, "3 h 00 min"), (5_430.0, "1 h 31 min"),
    ])
    func wallTimes(seconds: Double, text: String) {
        #expect(SecondsFormat.wall(seconds) == text)
    }

    @Test(arguments: [(1.5, "1.5"), (1.0, "1"), (0.25, "0.25"), (3_600.0, "3600"), (0.0004, "0.0004"), (0.000_012_3, "1.2e-05"), (0, "0"), (2.0005, "2.001")])
    func sleepLabels(seconds: Double, text: String) {
        #expect(SecondsFormat.plain(seconds) == text)
    }
}
