import ArgumentParser
import Execution
import Foundation
import LoomCore
import NoteReading

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a note's snippets and print their output, timings and timelines; writes no site."
    )

    @Argument(help: "The note.")
    var note: String

    @Option(name: .long, help: "Show only this snippet (earlier ones still run: they are cells of one session).")
    var snippet: Int?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: "Width of the timelines in columns.")
    var width = 80

    @OptionGroup var runOptions: RunOptions

    func run() throws {
        let read = try NoteFiles.read(note)
        if let snippet, !read.snippets.contains(where: { $0.index == snippet }) {
            throw ValidationError("\(note) has \(read.snippets.count) snippets; there is no snippet \(snippet)")
        }
        let progress = Progress(quiet: json)
        progress.update(note: "support library", step: "compiling")
        let toolchain: ToolchainContext
        do {
            toolchain = try ToolchainContext.prepare(
                wantPython: runOptions.python || runOptions.pythonUnsafe, pythonUnsafe: runOptions.pythonUnsafe)
        } catch {
            progress.end()
            StandardError.write("loom: error: \(error)\n")
            throw ExitCode.failure
        }
        if let notice = toolchain.pythonNotice { progress.say(notice) }
        ProgramLifetime.begin(progress: progress)
        progress.begin(total: 1)
        var settings = RunSettings(runOptions)
        settings.rerun = true
        let outcome = NotePipeline(toolchain: toolchain, settings: settings, progress: progress).process(read, previous: nil)
        progress.end()
        let records = outcome.records.filter { snippet == nil || $0.index == snippet }
        if json {
            print(try RunJSON.encode(note: note, records: records, width: width))
        } else {
            DiagnosticPrinter(directoryPrefix: "").print(read.diagnostics + outcome.diagnostics)
            print(RunText.render(note: note, records: records, machine: toolchain.machine, width: width), terminator: "")
        }
        if outcome.records.contains(where: { $0.status != SnippetStatus.ok.rawValue }) { throw ExitCode(2) }
    }
}

/// `loom run`'s report for a terminal.
enum RunText {
    static func render(note: String, records: [SnippetRecord], machine: MachineFacts, width: Int) -> String {
        var text = ""
        for record in records {
            let status = SnippetStatus(rawValue: record.status) ?? .notRun
            text += "\n\(note) · snippet \(record.index) (line \(record.line)) · \(status.label)"
            if let median = record.swift?.median { text += String(format: " · %.4f s", median) }
            if let python = record.python?.median { text += String(format: " · CPython %.4f s", python) }
            text += "\n"
            if status != .ok { text += "  " + SnippetReports.sentence(status, detail: record.statusDetail, line: record.line) + "\n" }
            if let settings = record.settings { text += "  note settings: " + settings.summary.joined(separator: " · ") + "\n" }
            if let check = record.transcript {
                text += "  written output: \(check.matchedLines) of \(check.expectedLines) lines matched\n"
                for example in check.examples {
                    for line in example.lines { text += "    \(line.matched ? "✓" : "✗") \(line.line): \(line.text)\n" }
                }
            }
            if let swift = record.swift {
                let printed = swift.events.filter { $0.kind == .print }
                if !printed.isEmpty {
                    let laneWidth = min(printed.map(\.lane.count).max() ?? 0, 28)
                    for event in printed {
                        let lane = event.lane.count > laneWidth ? String(event.lane.prefix(laneWidth - 1)) + "~" : event.lane.padding(toLength: laneWidth, withPad: " ", startingAt: 0)
                        text += String(format: "  %8.3f s  ", event.t) + lane + "  " + (event.text ?? "") + "\n"
                    }
                } else if !swift.stdout.isEmpty {
                    text += swift.stdout.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
                }
                if !swift.stderr.isEmpty { text += "  stderr:\n" + swift.stderr.split(separator: "\n").map { "  | " + $0 }.joined(separator: "\n") + "\n" }
                if swift.seconds.count > 1, let low = swift.min, let high = swift.max, let median = swift.median {
                    text += String(format: "  median %.4f s (%.4f–%.4f s over %d runs)\n", median, low, high, swift.seconds.count)
                }
            }
            if let scale = record.timeScale, scale != 1 {
                text += "  times scaled back from a run at \(scale)× (approximate)\n"
            }
            if let figure = SnippetReports.timeline(index: record.index, swift: record.swift, python: record.python, width: width) {
                text += "\n" + figure.ascii + (figure.ascii.hasSuffix("\n") ? "" : "\n")
            }
        }
        text += "\nMeasured on \(SnippetReports.describe(machine)).\n"
        return text
    }
}

/// `loom run --json`: one object, keys as documented in the README.
enum RunJSON {
    struct Output: Encodable {
        var note: String
        var snippets: [Snippet]
    }

    struct Snippet: Encodable {
        var index: Int
        var line: Int
        var status: String
        var statusDetail: String?
        var diagnostics: [DiagnosticJSON]
        var swift: String?
        var swiftRun: RunMeasurementRecord?
        var pythonRun: RunMeasurementRecord?
        var timeline: String?
        var ranBecause: String?
        var timeScale: Double
        var notCode: NotCode?
        var transcript: TranscriptCheck?
        var settings: SnippetSettings?

        enum CodingKeys: String, CodingKey {
            case index, line, status, statusDetail, diagnostics, swift, swiftRun, pythonRun, timeline, ranBecause, timeScale
            case notCode, transcript, settings
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(line, forKey: .line)
            try container.encode(status, forKey: .status)
            try container.encode(statusDetail, forKey: .statusDetail)
            try container.encode(diagnostics, forKey: .diagnostics)
            try container.encode(swift, forKey: .swift)
            try container.encode(swiftRun, forKey: .swiftRun)
            try container.encode(pythonRun, forKey: .pythonRun)
            try container.encode(timeline, forKey: .timeline)
            try container.encode(ranBecause, forKey: .ranBecause)
            try container.encode(timeScale, forKey: .timeScale)
            try container.encode(notCode, forKey: .notCode)
            try container.encode(transcript, forKey: .transcript)
            try container.encode(settings, forKey: .settings)
        }
    }

    struct DiagnosticJSON: Encodable {
        var severity: String
        var line: Int
        var column: Int
        var message: String
        var fix: Diagnostic.Fix?

        enum CodingKeys: String, CodingKey { case severity, line, column, message, fix }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(severity, forKey: .severity)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(message, forKey: .message)
            try container.encode(fix, forKey: .fix)
        }
    }

    static func encode(note: String, records: [SnippetRecord], width: Int) throws -> String {
        let output = Output(note: note, snippets: records.map { record in
            Snippet(
                index: record.index, line: record.line, status: record.status, statusDetail: record.statusDetail,
                diagnostics: record.diagnostics.map {
                    DiagnosticJSON(severity: $0.severity.rawValue, line: $0.location.line, column: $0.location.column, message: $0.message, fix: $0.fix)
                },
                swift: record.swiftSource, swiftRun: record.swift, pythonRun: record.python,
                timeline: SnippetReports.timeline(index: record.index, swift: record.swift, python: record.python, width: width)?.ascii,
                ranBecause: record.ranBecause, timeScale: record.timeScale ?? 1,
                notCode: record.notCode, transcript: record.transcript, settings: record.settings
            )
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
