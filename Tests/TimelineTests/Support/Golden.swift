import Foundation
import Testing

/// Golden files under `Tests/TimelineTests/Golden/`: what users will see, reviewed by eye and
/// committed. Run the tests with `LOOM_UPDATE_GOLDEN=1` to rewrite them after a deliberate change.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["LOOM_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with LOOM_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record(
                """
                \(name) differs from line \(line + 1):
                expected: \(line < expectedLines.count ? expectedLines[line] : "<end>")
                actual:   \(line < actualLines.count ? actualLines[line] : "<end>")
                full output:
                \(actual)
                """, sourceLocation: sourceLocation)
        }
    }
}
