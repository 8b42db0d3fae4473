import Foundation

/// How durations are written for people: in labels (`sleep 1.5`) and titles (`1.51 s wall`).
enum SecondsFormat {
    /// Wall times below this are written `0 s`.
    static let shortestShown = 0.000_5

    /// The shortest decimal of at most three fractional digits: `1.5`, `2`, `0.25`, `0.001`; below
    /// a millisecond two significant digits, so a tiny sleep never reads as `0`.
    static func plain(_ value: Double) -> String {
        if value > 0, value < 0.000_5 { return trimmed(String(format: "%.2g", value)) }
        return trimmed(String(format: "%.3f", value))
    }

    /// A wall time with a unit that suits it: `0 s`, `340 ms`, `1.51 s`, `2 min 5 s`, `3 h 02 min`.
    static func wall(_ seconds: Double) -> String {
        switch seconds {
        case ..<shortestShown: "0 s"
        case ..<0.999_5: "\(trimmed(String(format: "%.3g", seconds * 1000))) ms"
        case ..<59.995: "\(String(format: "%.2f", seconds)) s"
        case ..<3_599.5:
            "\(Int(seconds.rounded()) / 60) min \(Int(seconds.rounded()) % 60) s"
        case ..<3_600_000_000:
            "\(Int((seconds / 60).rounded()) / 60) h \(String(format: "%02d", Int((seconds / 60).rounded()) % 60)) min"
        default: "\(String(format: "%.3g", seconds / 3_600)) h"
        }
    }

    /// Drops trailing zeros after a decimal point, and the point itself when nothing follows it.
    static func trimmed(_ number: String) -> String {
        guard number.contains("."), !number.contains("e") else { return number }
        var result = Substring(number)
        while result.last == "0" { result = result.dropLast() }
        if result.last == "." { result = result.dropLast() }
        return result == "-0" ? "0" : String(result)
    }
}
