/// Substring search on UTF-8 bytes: Foundation's `range(of:)` goes through NSString and dominated profiles.
extension StringProtocol {
    /// Byte offset of the first `needle` at or after byte offset `start`, or nil.
    func utf8Offset(of needle: StaticString, from start: Int = 0) -> Int? {
        utf8.withContiguousStorageIfAvailable { bytes in
            ByteSearch.first(needle, in: bytes, from: start)
        } ?? ByteSearch.first(needle, in: Array(utf8), from: start)
    }

    func containsBytes(_ needle: StaticString) -> Bool { utf8Offset(of: needle) != nil }
}

enum ByteSearch {
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
