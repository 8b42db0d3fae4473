import Testing
@testable import LoomSupport

@Suite struct EventTests {
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
}
