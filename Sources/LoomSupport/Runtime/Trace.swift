#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the run protocol's trace: one JSON object per line, each line one `write(2)` so lines
/// from concurrent lanes never interleave.
enum Trace {
    /// Longest `text` a trace line carries, in UTF-8 bytes: keeps every line under the 4 KiB
    /// that a pipe writes atomically. Output itself is never truncated by this.
    static let maximumTextBytes = 3000

    static var isEnabled: Bool { RunSettings.current.traceDescriptor != nil }

    static func emit(
        _ kind: String, lane: String? = nil, duration: Double? = nil, text: String? = nil,
        tid: Int? = nil, exception: String? = nil, at seconds: Double? = nil
    ) {
        guard let descriptor = RunSettings.current.traceDescriptor else { return }
        let cell = cellState.withLock { $0.cell }
        let t = seconds ?? MonotonicClock.cellSeconds()
        var line = "{\"cell\":\(String(cell)),\"kind\":\(jsonString(kind))"
        if let lane { line += ",\"lane\":" + jsonString(lane) }
        line += ",\"t\":" + jsonNumber(t)
        if let duration { line += ",\"duration\":" + jsonNumber(duration) }
        if let text { line += ",\"text\":" + jsonString(truncated(text)) }
        if let tid { line += ",\"tid\":" + String(tid) }
        if let exception { line += ",\"exception\":" + jsonString(truncated(exception)) }
        line += "}\n"
        writeFully(descriptor, line)
    }

    /// Microsecond resolution, fixed notation: valid JSON for every finite time.
    static func jsonNumber(_ seconds: Double) -> String {
        CFormat.double(max(0, seconds), ".6f")
    }

    static func truncated(_ text: String) -> String {
        guard text.utf8.count > maximumTextBytes else { return text }
        var kept = Substring.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            if bytes > maximumTextBytes { break }
            kept.append(scalar)
        }
        return String(kept)
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// One `write(2)` for the whole text where the kernel allows it; retries only what a signal or a
/// full pipe left unwritten.
func writeFully(_ descriptor: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { buffer in
            write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
    bytes.removeAll()
}
