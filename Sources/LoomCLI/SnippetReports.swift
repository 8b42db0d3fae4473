import Execution
import Foundation
import LoomCore
import NoteReading
import Site
import Timeline

/// Turns recorded runs into what a snippet's card shows.
enum SnippetReports {
    /// `withTimelines`: false for a note whose page is not rendered this build, whose reports feed only
    /// the timings page: drawing a timeline is most of a report's cost, and that page shows none.
    static func reports(for note: Note, records: [SnippetRecord], machine: MachineFacts?, withTimelines: Bool = true) -> [Int: SnippetReport] {
        var reports: [Int: SnippetReport] = [:]
        let compared = records.contains { $0.python != nil }
        for snippet in note.snippets {
            guard let record = records.first(where: { $0.index == snippet.index }) else { continue }
            reports[snippet.index] = report(snippet, record: record, machine: machine, compared: compared, withTimeline: withTimelines)
        }
        return reports
    }

    /// How the snippet's runs compare; nil when its note was not run with CPython.
    static func comparison(_ record: SnippetRecord, compared: Bool) -> SnippetComparison? {
        let status = SnippetStatus(rawValue: record.status) ?? .notRun
        guard record.python != nil || (compared && status == .syntaxError) else { return nil }
        func side(_ measurement: RunMeasurementRecord?) -> SnippetComparison.Side? {
            guard let measurement else { return nil }
            return SnippetComparison.Side(
                status: measurement.status, exception: measurement.status == "runtime-error" ? measurement.statusDetail : nil,
                lines: figures(measurement).lines.map(\.text),
                laneCount: Set(measurement.events.filter { $0.kind == .start }.map(\.lane)).count,
                // On Linux a process's main thread has the process's ID as its own.
                processID: measurement.events.first { $0.kind == .start && $0.lane == "MainThread" }?.tid)
        }
        return SnippetComparison.classify(snippetStatus: status, swift: side(record.swift), python: side(record.python))
    }

    /// The notes with each snippet's comparison written in (nil where CPython did not run it).
    static func withComparisons(_ notes: [NoteRecord]) -> [NoteRecord] {
        notes.map { note in
            let compared = note.snippets.contains { $0.python != nil }
            var note = note
            for index in note.snippets.indices {
                note.snippets[index].comparison = comparison(note.snippets[index], compared: compared).map(RecordedComparison.init)
            }
            return note
        }
    }

    /// The vault-wide verdict over every snippet of `records`' notes.
    static func comparisonCounts(_ records: [[SnippetRecord]]) -> ComparisonCounts? {
        var counts = ComparisonCounts()
        for note in records {
            let compared = note.contains { $0.python != nil }
            for record in note {
                if let kind = comparison(record, compared: compared)?.kind { counts.add(kind) }
            }
        }
        return counts.total > 0 ? counts : nil
    }

    static func report(_ snippet: Snippet, record: SnippetRecord, machine: MachineFacts?, compared: Bool = false, withTimeline: Bool = true) -> SnippetReport {
        let status = SnippetStatus(rawValue: record.status) ?? .notRun
        let swift = record.swift.map(figures)
        let python = record.python.map(figures)
        return SnippetReport(
            snippet: snippet,
            status: status,
            statusDetail: status == .ok ? nil : sentence(status, detail: record.statusDetail, line: record.line),
            diagnostics: record.diagnostics,
            swiftSource: record.swiftSource,
            translatorNotes: record.translatorNotes ?? [],
            swiftRun: swift,
            pythonRun: python,
            timeScale: record.timeScale ?? 1,
            machine: machine.map(describe),
            measuredOn: record.measuredAt.map { String($0.prefix(10)) },
            timeline: withTimeline ? timeline(index: snippet.index, swift: record.swift, python: record.python) : nil,
            transcript: record.transcript,
            settings: snippet.settings,
            comparison: comparison(record, compared: compared),
            placement: record.placement.map(describe)
        )
    }

    /// `alone · load 0.42 · CPU-bound` or `beside 3 other notes' runs and 1 compile · load 2.10 · compiled -Onone`.
    static func describe(_ placement: RunPlacement) -> String {
        var parts: [String] = []
        if placement.alone {
            parts.append("alone")
        } else {
            var beside: [String] = []
            if placement.besideRuns > 0 { beside.append("\(placement.besideRuns) other \(placement.besideRuns == 1 ? "note’s run" : "notes’ runs")") }
            if placement.besideCompiles > 0 { beside.append("\(placement.besideCompiles) \(placement.besideCompiles == 1 ? "compile" : "compiles")") }
            parts.append("beside " + beside.joined(separator: " and "))
        }
        if let load = placement.loadAverage?.first { parts.append(String(format: "machine load %.2f", load)) }
        if placement.cpuBound { parts.append("CPU-bound") }
        if placement.optimization != "-O" { parts.append("compiled \(placement.optimization)") }
        return parts.joined(separator: " · ")
    }

    /// One sentence on why a snippet did not run, with its line.
    static func sentence(_ status: SnippetStatus, detail: String?, line: Int) -> String {
        let why = detail ?? status.label
        return "\(why.prefix(1).uppercased() + why.dropFirst()) (snippet at line \(line))."
    }

    static func figures(_ measurement: RunMeasurementRecord) -> RunFigures {
        let printed = measurement.events.filter { $0.kind == .print }
        let lines = printed.isEmpty
            ? measurement.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast(measurement.stdout.hasSuffix("\n") ? 1 : 0)
                .map { RunFigures.Line(seconds: 0, lane: "", text: String($0)) }
            : printed.map { RunFigures.Line(seconds: $0.t, lane: $0.lane, text: $0.text ?? "") }
        return RunFigures(seconds: measurement.seconds, lines: lines, stderr: measurement.stderr)
    }

    static func describe(_ machine: MachineFacts) -> String {
        var parts = ["\(machine.cores) cores", machine.operatingSystem]
        if let swift = machine.swiftVersion { parts.append("Swift " + versionNumber(in: swift)) }
        if let python = machine.pythonVersion { parts.append("Python " + versionNumber(in: python)) }
        return parts.joined(separator: " · ")
    }

    /// `6.3.1` from `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
    static func versionNumber(in text: String) -> String {
        text.split(separator: " ").first { $0.first?.isNumber == true && $0.contains(".") }.map(String.init) ?? text
    }

    static func timeline(index: Int, swift: RunMeasurementRecord?, python: RunMeasurementRecord?, width: Int = 80) -> TimelineFigure? {
        guard let swift, !swift.events.isEmpty else { return nil }
        let swiftRun = TimelineRun(title: "snippet \(index) · Swift", events: swift.events, wallTime: swift.median)
        var caption = "One row per thread; time runs left to right."
        guard let python, !python.events.isEmpty else {
            let text = TimelineDiagram.text(swiftRun, options: TimelineOptions(width: width))
            return TimelineFigure(ascii: text, svg: TimelineDiagram.svg(swiftRun), caption: caption)
        }
        let pythonRun = TimelineRun(title: "snippet \(index) · CPython", events: python.events, wallTime: python.median)
        let text = TimelineDiagram.sideBySide(swiftRun, pythonRun, options: TimelineOptions(width: width))
        caption += " Swift above, CPython below, on the same time axis."
        let span = max(swiftRun.wallTime ?? 0, pythonRun.wallTime ?? 0, swift.events.map(\.t).max() ?? 0, python.events.map(\.t).max() ?? 0)
        let options = SVGTimelineOptions(timeSpan: span)
        let svg = TimelineDiagram.svg(swiftRun, options: options) + TimelineDiagram.svg(pythonRun, options: options)
        return TimelineFigure(ascii: text, svg: svg, caption: caption)
    }
}
