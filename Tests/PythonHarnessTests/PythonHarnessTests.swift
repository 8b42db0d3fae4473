import Foundation
import Testing
@testable import PythonHarness

@Suite struct CellsJSONTests {
    @Test func roundTripsSourcesWithQuotesBackslashesControlsAndUnicode() throws {
        let awkward = "print(\"a\\tb\")\n\ts = '\\\\'\r\n# é ✓ 𝄞 \u{1}\u{1F}\u{2028}\n"
        let text = PythonHarness.cellsJSON([
            (index: 1, source: awkward, firstLine: 14, file: "notes/threading \"x\".md"),
            (index: 2, source: "", firstLine: 40, file: "threading.md"),
        ])
        let decoded = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(decoded.count == 2)
        #expect(decoded[0]["source"] as? String == awkward)
        #expect(decoded[0]["file"] as? String == "notes/threading \"x\".md")
        #expect(decoded[0]["firstLine"] as? Int == 14)
        #expect(decoded[0]["index"] as? Int == 1)
        #expect(decoded[1]["source"] as? String == "")
    }

    @Test func noCellsIsAnEmptyArray() {
        #expect(PythonHarness.cellsJSON([]) == "[]")
    }
}

@Suite struct LocatePythonTests {
    private func directoryWithFakePython(replying reply: String, status: Int = 0) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-fake-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let executable = directory.appendingPathComponent("python3")
        try "#!/bin/sh\necho '\(reply)'\nexit \(status)\n".write(to: executable, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
        return directory
    }

    @Test func findsTheFirstPython3OnThePathAndItsVersion() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("loom-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let first = try directoryWithFakePython(replying: "Python 3.99.1")
        let second = try directoryWithFakePython(replying: "Python 3.10.0")
        defer { for url in [empty, first, second] { try? FileManager.default.removeItem(at: url) } }
        let found = try #require(PythonHarness.locatePython(environment: ["PATH": "\(empty.path):\(first.path):\(second.path)"]))
        #expect(found.path == first.appendingPathComponent("python3").path)
        #expect(found.version == "3.99.1")
    }

    @Test func nilWhenPathHasNoPython() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("loom-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(PythonHarness.locatePython(environment: ["PATH": empty.path]) == nil)
        #expect(PythonHarness.locatePython(environment: [:]) == nil)
    }

    @Test func nilWhenTheProgramIsNotPython3OrFails() throws {
        let python2 = try directoryWithFakePython(replying: "Python 2.7.18")
        let failing = try directoryWithFakePython(replying: "Python 3.11.7", status: 1)
        let other = try directoryWithFakePython(replying: "not python at all")
        defer { for url in [python2, failing, other] { try? FileManager.default.removeItem(at: url) } }
        for directory in [python2, failing, other] {
            #expect(PythonHarness.locatePython(environment: ["PATH": directory.path]) == nil)
        }
    }

    @Test(.enabled(if: pythonAvailable)) func theRealPython3AnswersWithAVersion() throws {
        let found = try #require(PythonHarness.locatePython())
        #expect(found.version.hasPrefix("3."))
        #expect(FileManager.default.isExecutableFile(atPath: found.path))
    }
}
