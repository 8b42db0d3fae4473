import Foundation
import Testing
@testable import LoomSupport

@Suite struct LaneTests {
    @Test func taskNameWinsOverTheThreadName() {
        Lane.$taskName.withValue("Task-99") {
            #expect(Lane.current == "Task-99")
        }
    }

    @Test func nativeIDsAreKernelThreadIDs() {
        let ids = Locked<[Int]>([])
        let threads = (0..<2).map { _ in PythonThread { ids.withLock { $0.append(Lane.nativeThreadID) } } }
        for thread in threads { thread.start() }
        for thread in threads { thread.join() }
        let seen = ids.withLock { $0 }
        #expect(Set(seen).count == 2)
        #expect(seen.allSatisfy { $0 > 0 })
        #expect(Set(seen) == Set(threads.compactMap(\.nativeID)))
        #expect(FileManager.default.fileExists(atPath: "/proc/\(OS.getpid())/task/\(Lane.nativeThreadID)"))
    }
}
