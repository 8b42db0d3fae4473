import Foundation
import Testing
@testable import LoomSupport

@Suite struct TraceTests {
    @Test func textIsEscapedAsJSON() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{7} unicode é 🎉"
        let encoded = Trace.jsonString(text)
        let decoded = try JSONDecoder().decode(String.self, from: Data(encoded.utf8))
        #expect(decoded == text)
        #expect(!encoded.contains("\n"))
    }

    @Test func longTextIsCutAtACharacterBoundaryUnderTheAtomicLimit() {
        let text = String(repeating: "é", count: 4000)
        let cut = Trace.truncated(text)
        #expect(cut.utf8.count <= Trace.maximumTextBytes)
        #expect(cut.utf8.count > Trace.maximumTextBytes - 2)
        #expect(cut.allSatisfy { $0 == "é" })
        #expect(Trace.truncated("short") == "short")
    }

    @Test func timesAreValidJSONNumbers() throws {
        for value in [0, 1e-9, 1.5, 12345.678901234] {
            let number = Trace.jsonNumber(value)
            #expect(try JSONDecoder().decode(Double.self, from: Data(number.utf8)) == (value * 1e6).rounded() / 1e6)
        }
    }
}

@Suite struct RunSettingsTests {
    @Test func readsTheProtocolEnvironment() {
        let settings = RunSettings(environment: [
            "LOOM_TRACE_FD": "3", "LOOM_TIME_SCALE": "0.1", "LOOM_CELL_MARKERS": "1", "LOOM_OUTPUT_CAP": "1000",
        ])
        #expect(settings.traceDescriptor == 3)
        #expect(settings.timeScale == 0.1)
        #expect(settings.cellMarkers)
        #expect(settings.outputCap == 1000)
    }

    @Test func defaultsWhenAbsentOrOutOfRange() {
        let absent = RunSettings(environment: [:])
        #expect(absent.traceDescriptor == nil && absent.timeScale == 1 && !absent.cellMarkers && absent.outputCap == nil)
        let wrong = RunSettings(environment: ["LOOM_TIME_SCALE": "5", "LOOM_OUTPUT_CAP": "-1", "LOOM_CELL_MARKERS": "yes"])
        #expect(wrong.timeScale == 1 && wrong.outputCap == nil && !wrong.cellMarkers)
        #expect(RunSettings(environment: ["LOOM_TIME_SCALE": "0"]).timeScale == 1)
    }
}
