import Foundation
import LoomCore

/// A note program's trace lines, sorted by cell.
struct ParsedTrace {
    struct CellEnd: Hashable {
        var t: Double
        /// `ok` or `error`.
        var outcome: String
        var exception: String?
    }

    var events: [Int: [TraceEvent]] = [:]
    var began: Set<Int> = []
    var ended: [Int: CellEnd] = [:]
    /// Lines that were not trace events, with why; a broken line never stops the rest being read.
    var problems: [String] = []
    var malformedLineCount = 0

    var cells: Set<Int> { began.union(events.keys).union(ended.keys) }
}

/// Reads trace lines (one JSON object each) into `TraceEvent`s per cell.
enum TraceParser {
    private struct Line: Decodable {
        var cell: Int?
        var kind: String?
        var t: Double?
        var lane: String?
        var duration: Double?
        var text: String?
        var tid: Int?
        var exception: String?
    }

    /// Problems are listed for the first few bad lines only; the rest are counted.
    static let problemsListed = 5

    static func parse(_ lines: [String]) -> ParsedTrace {
        var trace = ParsedTrace()
        let decoder = JSONDecoder()
        for (index, text) in lines.enumerated() {
            func reject(_ why: String) {
                trace.malformedLineCount += 1
                if trace.problems.count < problemsListed {
                    trace.problems.append("trace line \(index + 1) ignored: \(why): \(text.prefix(120))")
                }
            }
            guard let line = try? decoder.decode(Line.self, from: Data(text.utf8)) else {
                reject("not a JSON trace object")
                continue
            }
            guard let cell = line.cell, let kindName = line.kind, let t = line.t, t.isFinite else {
                reject("missing cell, kind or t")
                continue
            }
            switch kindName {
            case "cell-begin":
                trace.began.insert(cell)
            case "cell-end":
                trace.ended[cell] = ParsedTrace.CellEnd(t: t, outcome: line.text ?? "ok", exception: line.exception)
            default:
                guard let kind = TraceEvent.Kind(rawValue: kindName) else {
                    reject("unknown kind \(kindName)")
                    continue
                }
                guard let lane = line.lane else {
                    reject("\(kindName) without a lane")
                    continue
                }
                if let duration = line.duration, !duration.isFinite || duration < 0 {
                    reject("bad duration")
                    continue
                }
                trace.events[cell, default: []].append(
                    TraceEvent(t: t, lane: lane, kind: kind, duration: line.duration, text: line.text, tid: line.tid))
            }
        }
        return trace
    }
}
