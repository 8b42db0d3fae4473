import Testing
@testable import LoomSupport

@Suite struct PythonTimerTests {
    @Test func runsItsFunctionAfterTheInterval() {
        let ran = Event()
        let timer = PythonTimer(0.01) { ran.set() }
        #expect(timer.name.hasPrefix("Thread-") && !timer.name.contains("("))
        timer.start()
        timer.join()
        #expect(ran.isSet)
    }

    @Test func cancelledTimerNeverRuns() {
        let ran = Event()
        let timer = PythonTimer(30) { ran.set() }
        timer.start()
        timer.cancel()
        timer.join()
        #expect(!ran.isSet)
    }
}
