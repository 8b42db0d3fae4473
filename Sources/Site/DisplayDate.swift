import Foundation

/// Dates as a page shows them: `2023-08-30`, in UTC so every machine writes the same page.
enum DisplayDate {
    static func string(fromEpochMilliseconds milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "" }
        let year = String(Int(parts.tm_year) + 1900)
        let month = String(Int(parts.tm_mon) + 1).leftPadded(to: 2)
        let day = String(Int(parts.tm_mday)).leftPadded(to: 2)
        return "\(year)-\(month)-\(day)"
    }
}
