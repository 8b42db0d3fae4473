import Foundation
import Testing
@testable import Execution

@Suite struct MachineFactsTests {
    @Test func prettyNameComesFromOSRelease() {
        let debian = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
        #expect(MachineFacts.prettyName(inOSRelease: debian) == "Debian GNU/Linux 12 (bookworm)")
        let plain = "NAME=Alpine\nVERSION='3.20'\n"
        #expect(MachineFacts.prettyName(inOSRelease: plain) == "Alpine 3.20")
        #expect(MachineFacts.prettyName(inOSRelease: "garbage") == nil)
    }

    @Test func currentMachineIsDescribed() {
        let facts = MachineFacts.current(toolchain: CompiledFixtures.toolchain, includingPython: true)
        #expect(facts.cores == sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect(!facts.operatingSystem.isEmpty)
        #expect(facts.kernel.hasPrefix("Linux ") || facts.kernel.hasPrefix("Darwin "))
        #expect(facts.swiftVersion?.hasPrefix("Swift version") == true)
        #expect(facts.pythonVersion?.hasPrefix("Python 3") == true)
        #expect(MachineFacts.current(toolchain: nil, includingPython: false).pythonVersion == nil)
    }
}
