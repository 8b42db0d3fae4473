import Foundation

/// Maps seconds to columns of a text diagram and chooses ticks a reader can use.
struct TimeScale: Hashable, Sendable {
    /// The time the last column ends at.
    var end: Double
    var columns: Int

    /// A run that took no measurable time still gets a frame to draw its lanes in.
    static let shortestSpan = 0.001

    init(duration: Double, columns: Int) {
        self.end = max(duration, Self.shortestSpan)
        self.columns = max(1, columns)
    }

    var secondsPerColumn: Double { end / Double(columns) }

    /// The column whose stretch of time contains `t`.
    func column(of t: Double) -> Int {
        clamped((t / secondsPerColumn).rounded(.down))
    }

    /// The column a span ending at `t` ends in: a span that ends exactly where a column begins
    /// does not reach into it.
    func lastColumn(endingAt t: Double) -> Int {
        clamped((t / secondsPerColumn).rounded(.up) - 1)
    }

    /// Converting only after clamping keeps a stray time from trapping the conversion to `Int`.
    private func clamped(_ position: Double) -> Int {
        guard !position.isNaN else { return 0 }
        return Int(min(Double(columns - 1), max(0, position)))
    }

    func span(ofColumn column: Int) -> (from: Double, to: Double) {
        (Double(column) * secondsPerColumn, Double(column + 1) * secondsPerColumn)
    }
}

/// A unit for the time axis, picked by the length of the run.
struct TimeUnit: Hashable, Sendable {
    var symbol: String
    var seconds: Double

    static func suiting(_ duration: Double) -> TimeUnit {
        switch duration {
        case ..<1: TimeUnit(symbol: "ms", seconds: 0.001)
        case ..<300: TimeUnit(symbol: "s", seconds: 1)
        case ..<7_200: TimeUnit(symbol: "min", seconds: 60)
        default: TimeUnit(symbol: "h", seconds: 3_600)
        }
    }
}

/// Tick marks at 1, 2 or 5 × 10^k units, as close together as their labels allow.
struct AxisTicks: Hashable, Sendable {
    struct Tick: Hashable, Sendable {
        var seconds: Double
        var column: Int
        var label: String
    }

    var unit: TimeUnit
    var ticks: [Tick]

    /// At least this many columns from one tick to the next, so the axis does not look like a ruler.
    static let minimumSpacing = 6

    init(scale: TimeScale) {
        let unit = TimeUnit.suiting(scale.end)
        self.unit = unit
        let span = scale.end / unit.seconds
        let columnsPerUnit = Double(scale.columns) / span
        for step in Self.niceSteps(upTo: span) {
            // The widest label has the last label's whole part and the step's decimals; knowing it
            // up front keeps a fine step over a long run from generating thousands of labels.
            let lastValue = (span * (1 + 1e-9) / step).rounded(.down) * step
            let decimals = Self.label(step, step: step).split(separator: ".").dropFirst().first?.count ?? 0
            let widestGuess = Self.label(lastValue.rounded(.down), step: 1).count + (decimals > 0 ? decimals + 1 : 0)
            let spacing = step * columnsPerUnit
            guard spacing >= Double(max(Self.minimumSpacing, widestGuess + 2)) || lastValue < step else { continue }
            let values = stride(from: 0.0, through: span * (1 + 1e-9), by: step).map { $0 }
            let labels = values.map { Self.label($0, step: step) }
            ticks = zip(values, labels).map { value, label in
                Tick(
                    seconds: value * unit.seconds,
                    column: scale.column(of: value * unit.seconds * (1 + 1e-12)), label: label)
            }
            return
        }
        ticks = [Tick(seconds: 0, column: 0, label: "0")]
    }

    /// 1, 2, 5 × 10^k from a hundredth of a unit up to the whole span (and one past it).
    private static func niceSteps(upTo span: Double) -> [Double] {
        var steps: [Double] = []
        var power = 0.001
        while power <= max(span, 1) * 10 {
            steps += [power, 2 * power, 5 * power]
            power *= 10
        }
        return steps
    }

    private static func label(_ value: Double, step: Double) -> String {
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        return SecondsFormat.trimmed(PrintfNumber.format("%.\(decimals)f", value))
    }
}
