import Foundation

/// Substring search on UTF-8 bytes: Foundation's `range(of:)` goes through NSString and dominated profiles.
extension StringProtocol {
    /// Byte offset of the first `needle` at or after byte offset `start`, or nil.
    func utf8Offset(of needle: StaticString, from start: Int = 0) -> Int? {
        utf8.withContiguousStorageIfAvailable { bytes in
            ByteSearch.first(needle, inBuffer: bytes, from: start)
        } ?? ByteSearch.first(needle, in: Array(utf8), from: start)
    }

    func containsBytes(_ needle: StaticString) -> Bool { utf8Offset(of: needle) != nil }
}

enum ByteSearch {
    /// `first` over contiguous bytes, finding each candidate with `memchr`.
    static func first(_ needle: StaticString, inBuffer bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        first(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), inBuffer: bytes, from: start)
    }

    static func first(_ needleBytes: UnsafeBufferPointer<UInt8>, inBuffer bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let head = needleBytes.first, let base = bytes.baseAddress, bytes.count >= needleBytes.count else { return nil }
        var offset = start
        let last = bytes.count - needleBytes.count
        while offset <= last {
            guard let found = memchr(base + offset, Int32(head), last - offset + 1) else { return nil }
            let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + candidate, needleBytes.baseAddress!, needleBytes.count) == 0 { return candidate }
            offset = candidate + 1
        }
        return nil
    }

    static func first(_ needle: StaticString, in bytes: some RandomAccessCollection<UInt8>, from start: Int) -> Int? {
        let needleBytes = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let head = needleBytes.first, bytes.count >= needleBytes.count else { return nil }
        let base = bytes.startIndex
        var offset = start
        let last = bytes.count - needleBytes.count
        while offset <= last {
            if bytes[bytes.index(base, offsetBy: offset)] == head {
                var matched = 1
                while matched < needleBytes.count,
                      bytes[bytes.index(base, offsetBy: offset + matched)] == needleBytes[matched] {
                    matched += 1
                }
                if matched == needleBytes.count { return offset }
            }
            offset += 1
        }
        return nil
    }
}
