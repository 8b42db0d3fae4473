#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's printf for doubles: correctly rounded (round-half-even on exact ties), as CPython's own
/// dtoa-based formatting is, so `%.2f`, `%.3e` and `%g` agree with Python digit for digit.
enum CFormat {
    static func double(_ value: Double, _ conversion: String) -> String {
        let format = "%" + conversion
        var buffer = [CChar](repeating: 0, count: 512)
        var needed = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
            needed = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer.prefix(Int(needed)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
