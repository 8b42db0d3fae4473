import Foundation

/// C's `printf` conversions of one number, as `String(format:)` writes them but without its
/// `NSString` round trip: a page's timelines format tens of thousands of coordinates, and
/// `String(format:)` was a sixth of rendering a note's page.
enum PrintfNumber {
    /// `argument` as C reads it: a `Double` for `%f`/`%g`, an `Int32` for `%d`.
    static func format(_ conversion: String, _ argument: any CVarArg) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let written = withVaList([argument]) { vsnprintf(buffer.baseAddress, 64, conversion, $0) }
            guard written >= 0, written < 64 else { return String(format: conversion, argument) }
            return String(cString: buffer.baseAddress!)
        }
    }
}

/// How durations are written for people: in labels (`sleep 1.5`) and titles (`1.51 s wall`).
enum SecondsFormat {
    /// Wall times below this are written `0 s`.
    static let shortestShown = 0.000_5

    /// The shortest decimal of at most three fractional digits: `1.5`, `2`, `0.25`, `0.001`; below
    /// a millisecond two significant digits, so a tiny sleep never reads as `0`.
    static func plain(_ value: Double) -> String {
        if value > 0, value < 0.000_5 { return trimmed(PrintfNumber.format("%.2g", value)) }
        return trimmed(PrintfNumber.format("%.3f", value))
    }

    /// A wall time with a unit that suits it: `0 s`, `340 ms`, `1.51 s`, `2 min 5 s`, `3 h 02 min`.
    static func wall(_ seconds: Double) -> String {
        switch seconds {
        case ..<shortestShown: "0 s"
        case ..<0.999_5: "\(trimmed(PrintfNumber.format("%.3g", seconds * 1000))) ms"
        case ..<59.995: "\(PrintfNumber.format("%.2f", seconds)) s"
        case ..<3_599.5:
            "\(Int(seconds.rounded()) / 60) min \(Int(seconds.rounded()) % 60) s"
        case ..<3_600_000_000:
            "\(Int((seconds / 60).rounded()) / 60) h \(PrintfNumber.format("%02d", Int32(Int((seconds / 60).rounded()) % 60))) min"
        default: "\(PrintfNumber.format("%.3g", seconds / 3_600)) h"
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
