import Foundation
import Testing
@testable import Execution

@Suite struct SystemCallsTests {
    @Test func aProcessThatIsNotOurChildCountsAsExitedSoNoWaitIsEndless() {
        #expect(hasExited(1))
    }

    @Test func waitStatusesDecodeLikeTheCMacros() {
        #expect(ExitStatus(waitStatus: 0) == .exited(0))
        #expect(ExitStatus(waitStatus: 3 << 8) == .exited(3))
        #expect(ExitStatus(waitStatus: 11) == .signaled(11))
        #expect(ExitStatus(waitStatus: 6 | 0x80) == .signaled(6))  // with a core dump flag
    }

    @Test func pipesAreCloseOnExecAndAboveTheDescriptorsChildrenUse() throws {
        let ends = try #require(makePipe())
        defer { close(ends.read); close(ends.write) }
        #expect(ends.read >= 10 && ends.write >= 10)
        #expect(fcntl(ends.read, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(ends.write, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(ends.read, F_GETFL) & O_NONBLOCK != 0)
    }
}
