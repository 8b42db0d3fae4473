import Foundation
import LoomCore
import Testing
@testable import Execution

@Suite struct RunRecordTests {
    private let machine = MachineFacts(
        cores: 2, operatingSystem: "Debian GNU/Linux 12 (bookworm)", kernel: "Linux 6.1 x86_64",
        swiftVersion: "Swift version 6.3.1", pythonVersion: "Python 3.11.2")

    private func folder() -> String {
        let path = Fixtures.directory.appendingPathComponent("record-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func measurement(_ status: CellStatus, seconds: [Double] = [1.5, 1.25, 1.75]) -> CellMeasurement {
        CellMeasurement(
            cell: 1, status: status, seconds: seconds, median: seconds.isEmpty ? nil : 1.5, min: seconds.min(),
            max: seconds.max(), representativeRepeat: 1, stdout: "Sleeping 1 second...\n", stderr: "",
            events: [
                TraceEvent(t: 0, lane: "MainThread", kind: .start, tid: 42),
                TraceEvent(t: 0.001, lane: "MainThread", kind: .sleep, duration: 1),
                TraceEvent(t: 1.0, lane: "MainThread", kind: .print, text: "Done Sleeping"),
            ],
            exitStatus: nil, signal: status == .crashed(signal: "SIGSEGV") ? "SIGSEGV" : nil)
    }

    private func record(status: CellStatus, hash: String = "abc") -> RunRecord {
        var record = RunRecord(machine: machine, date: RunRecord.timestamp(Date(timeIntervalSince1970: 0)))
        record.record(SnippetRecord(
            index: 1, line: 12, contentHash: hash, status: status,
            diagnostics: [Diagnostic(.warning, at: SourceLocation(file: "threading.md", line: 13, column: 5), "repaired")],
            swiftSource: "print(1)\n", swift: RunMeasurementRecord(measurement(status)), ranBecause: "new"),
            inNote: "threading.md")
        return record
    }

    @Test func savedRecordLoadsBackTheSame() throws {
        let path = folder() + "/runs.json"
        let original = record(status: .ok)
        try RunRecordStore.save(original, to: path)
        let loaded = RunRecordStore.load(from: path)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.record == original)
        #expect(original.date == "1970-01-01T00:00:00Z")
    }

    @Test func runKeysAreAllWrittenEvenWhenEmpty() throws {
        let path = folder() + "/runs.json"
        try RunRecordStore.save(record(status: .ok), to: path)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect(json["formatVersion"] as? Int == RunRecord.currentFormatVersion)
        let notes = json["notes"] as! [[String: Any]]
        let snippet = (notes[0]["snippets"] as! [[String: Any]])[0]
        #expect(snippet["contentHash"] as? String == "abc")
        #expect(snippet["status"] as? String == "ok")
        let run = snippet["swift"] as! [String: Any]
        for key in ["seconds", "median", "min", "max", "stdout", "stderr", "exitStatus", "signal", "events"] {
            #expect(run.keys.contains(key), "missing \(key)")
        }
        #expect(run["seconds"] as? [Double] == [1.5, 1.25, 1.75])
        #expect(run["exitStatus"] is NSNull)
        let events = run["events"] as! [[String: Any]]
        for event in events {
            #expect(Set(["t", "lane", "kind", "duration", "text"]).isSubset(of: event.keys))
        }
        #expect(events[1]["duration"] as? Double == 1)
        #expect(events[2]["text"] as? String == "Done Sleeping")
    }

    @Test(arguments: [
        #"{"formatVersion": 1, "machine": {"cores": 2"#,
        "",
        "not json at all",
        #"{"formatVersion": 99, "notes": []}"#,
        #"{"notes": []}"#,
        #"{"formatVersion": 1, "date": 5}"#,
    ])
    func damagedOrForeignRecordIsSetAsideNotTrusted(contents: String) throws {
        let directory = folder()
        let path = directory + "/runs.json"
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
        let loaded = RunRecordStore.load(from: path, now: Date(timeIntervalSince1970: 1_000_000_000))
        #expect(loaded.record == nil)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.severity == .warning)
        #expect(!FileManager.default.fileExists(atPath: path))
        let setAside = directory + "/runs.json.corrupt-20010909T014640Z"
        #expect(FileManager.default.contents(atPath: setAside) == Data(contents.utf8))
        #expect(loaded.diagnostics.first?.message.contains(setAside) == true)
    }

    @Test func missingRecordIsSimplyEmpty() {
        let loaded = RunRecordStore.load(from: folder() + "/runs.json")
        #expect(loaded.record == nil)
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test func onlySuccessesAreReused() {
        #expect(record(status: .ok).reusableSnippet(withContentHash: "abc") != nil)
        #expect(record(status: .ok).reusableSnippet(withContentHash: "other") == nil)
        for failure in [CellStatus.timeout, .crashed(signal: "SIGSEGV"), .runtimeError(exception: "ValueError: x"),
                        .exited(code: 1), .notRun(reason: "did not compile")] {
            let failed = record(status: failure)
            #expect(failed.reusableSnippet(withContentHash: "abc") == nil)
            #expect(failed.snippet(withContentHash: "abc")?.cellStatus == failure)
        }
    }

    @Test func recordingReplacesTheSnippetWithTheSameIndex() {
        var record = record(status: .timeout)
        record.record(SnippetRecord(index: 1, line: 12, contentHash: "def", status: .ok), inNote: "threading.md")
        record.record(SnippetRecord(index: 2, line: 40, contentHash: "ghi", status: .ok), inNote: "threading.md")
        record.record(SnippetRecord(index: 1, line: 3, contentHash: "jkl", status: .ok), inNote: "asyncio.md")
        #expect(record.notes.map(\.note) == ["asyncio.md", "threading.md"])
        #expect(record.notes[1].snippets.map(\.contentHash) == ["def", "ghi"])
        #expect(record.snippet(withContentHash: "abc") == nil)
    }

    @Test func concurrentSavesLeaveACompleteRecordAndNoTemporaryFiles() async throws {
        let directory = folder()
        let path = directory + "/runs.json"
        let base = record(status: .ok)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var mine = base
                    mine.date = "writer \(writer)"
                    for _ in 0..<10 { try? RunRecordStore.save(mine, to: path) }
                }
            }
            group.addTask {
                for _ in 0..<50 {
                    let loaded = RunRecordStore.load(from: path)
                    #expect(loaded.diagnostics.isEmpty)
                }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["runs.json"])
        #expect(RunRecordStore.load(from: path).record?.date.hasPrefix("writer ") == true)
    }
}

@Suite struct RunDecisionTests {
    private func record(_ status: CellStatus) -> RunRecord {
        var record = RunRecord(
            machine: MachineFacts(cores: 1, operatingSystem: "x", kernel: "y", swiftVersion: nil, pythonVersion: nil),
            date: "2026-01-01T00:00:00Z")
        var measurement = CellMeasurement(
            cell: 1, status: status, seconds: [1], median: 1, min: 1, max: 1, representativeRepeat: 1,
            stdout: "", stderr: "", events: [], exitStatus: nil, signal: nil)
        if status != .ok { measurement.seconds = [] }
        record.record(SnippetRecord(
            index: 2, line: 40, contentHash: "h1", status: status, swift: RunMeasurementRecord(measurement)),
            inNote: "threading.md")
        return record
    }

    @Test func unchangedSuccessDoesNotRunAgain() {
        #expect(record(.ok).reasonToRun(note: "threading.md", index: 2, contentHash: "h1", rerunRequested: false) == nil)
    }

    @Test func everyOtherCaseSaysWhy() {
        #expect(record(.ok).reasonToRun(note: "threading.md", index: 2, contentHash: "h1", rerunRequested: true)
                == "a rerun was asked for")
        #expect(record(.ok).reasonToRun(note: "threading.md", index: 2, contentHash: "h2", rerunRequested: false)
                == "it changed since its last run")
        #expect(record(.ok).reasonToRun(note: "threading.md", index: 3, contentHash: "h3", rerunRequested: false)
                == "it has not run before")
        #expect(record(.crashed(signal: "SIGSEGV")).reasonToRun(
            note: "threading.md", index: 2, contentHash: "h1", rerunRequested: false)
                == "its last run did not succeed (crashed SIGSEGV)")
    }

    @Test func contentHashCoversSourceAndEveryVersion() {
        let base = snippetContentHash(pythonSource: "print(1)\n", translatorVersion: "1", swiftVersion: "6.3.1", pythonVersion: "3.11")
        #expect(base.count == 64)
        #expect(base == snippetContentHash(pythonSource: "print(1)\n", translatorVersion: "1", swiftVersion: "6.3.1", pythonVersion: "3.11"))
        #expect(base != snippetContentHash(pythonSource: "print(2)\n", translatorVersion: "1", swiftVersion: "6.3.1", pythonVersion: "3.11"))
        #expect(base != snippetContentHash(pythonSource: "print(1)\n", translatorVersion: "2", swiftVersion: "6.3.1", pythonVersion: "3.11"))
        #expect(base != snippetContentHash(pythonSource: "print(1)\n", translatorVersion: "1", swiftVersion: "6.2", pythonVersion: "3.11"))
        #expect(base != snippetContentHash(pythonSource: "print(1)\n", translatorVersion: "1", swiftVersion: "6.3.1", pythonVersion: nil))
    }
}

@Suite struct SnippetRecordFromMeasurementTests {
    private let snippet = Snippet(index: 3, infoString: "py", fenceLine: 61, firstCodeLine: 62, code: "print(1)\n")

    @Test func statusIsTheSwiftRunsAndTheFenceLineIsKept() {
        let measurement = CellMeasurement(
            cell: 3, status: .timeout, seconds: [60.2], median: 60.2, min: 60.2, max: 60.2, representativeRepeat: 1,
            stdout: "partial\n", stderr: "", events: [], exitStatus: nil, signal: nil)
        let record = SnippetRecord(snippet: snippet, contentHash: "h", swiftSource: "print(1)", swift: measurement)
        #expect(record.index == 3)
        #expect(record.line == 61)
        #expect(record.cellStatus == .timeout)
        #expect(record.swift?.stdout == "partial\n")
        #expect(record.python == nil)
    }

    @Test func withoutASwiftRunTheSnippetIsNotRunAndSaysWhy() {
        let record = SnippetRecord(
            snippet: snippet, contentHash: "h", swiftSource: nil, swift: nil, reasonNotRun: "not translated: os.system at line 62")
        #expect(record.cellStatus == .notRun(reason: "not translated: os.system at line 62"))
    }
}
