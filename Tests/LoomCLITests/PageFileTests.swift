import Foundation
import Testing
@testable import LoomCLI

@Suite struct PageFileTests {
    @Test(arguments: [0, 1, 4095, 65_536, 65_537, 300_001]) func readsBackExactlyWhatWasWritten(_ size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString)").path
        defer { unlink(path) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        try PageFile.write(bytes, to: path)
        #expect(try PageFile.read(path) == bytes)
        #expect(PageFile.holds(bytes, at: path))
        #expect(!PageFile.holds(bytes + [0], at: path))
    }

    /// A file whose size `stat` does not know (as in /proc) is still read to its end.
    @Test func readsPastWhatStatSays() throws {
        let expected = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        var status = stat()
        #expect(stat("/proc/self/mountinfo", &status) == 0 && status.st_size == 0)
        let read = String(decoding: try PageFile.read("/proc/self/mountinfo"), as: UTF8.self)
        #expect(!read.isEmpty)
        #expect(read.split(separator: "\n").first == expected.split(separator: "\n").first)
    }
}
